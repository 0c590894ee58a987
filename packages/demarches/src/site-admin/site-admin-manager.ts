import { html, nothing, type ReactiveControllerHost } from 'lit';
import type {
  SiteAccess,
  SiteAccessCreate,
  SiteAccessCreated,
  SiteAccessList,
  SiteAccessMe,
  SiteAccessUpdate,
  SiteHistory,
  SiteHistoryEntry,
} from '@fs-widgets/contract';
import { ApiError, type ApiClient, type Locale, type Strings } from '@fs-widgets/core';
import { formatDateTime } from '../shared/format.js';
import type { SiteAdminStrings } from '../strings/site-admin-strings.js';
import { dayText, lastDayOf, localDay } from './dates.js';
import { historyAuthor, historyText } from './history-text.js';

/** What the managers' sections need from `<fs-site-admin>`. */
export interface ManagerHost {
  host: ReactiveControllerHost;
  client: () => ApiClient;
  site: () => string;
  headers: () => Record<string, string>;
  strings: () => SiteAdminStrings;
  i18n: () => { strings: Strings; locale: Locale };
  me: () => SiteAccessMe | undefined;
  focus: (selector: string) => void;
  announce: (text: string) => void;
  /** A 401 or 403 of the token itself: the element shows its refused-token screen. True when it was one. */
  authProblem: (err: unknown) => boolean;
  changed: () => void;
  /** The level of headings inside a section. */
  headingLevel: () => number;
  /** The site's time zone: an access's last day is a day there. */
  timeZone: () => string | undefined;
  /** Changes per page of the history; undefined: the server's page. */
  pageSize: () => number | undefined;
}

type LoadStatus = 'idle' | 'loading' | 'ready' | 'offline' | 'error';
type Failure = 'offline' | 'server' | 'refused';

interface Editing {
  id: string;
  field: 'label' | 'expiry';
  value: string;
  error: string;
  busy: boolean;
}

/**
 * The managers' sections of `<fs-site-admin>`, loaded only for a manager or an admin: the agents'
 * access (list, create with the token shown once, relabel, change the last day, revoke after a
 * confirmation) and the site's history in plain words, newest first, page by page.
 */
export class ManagerSections {
  #accessStatus: LoadStatus = 'idle';
  #access: SiteAccess[] = [];
  #label = '';
  #expires = '';
  #formErrors: { label?: string; expires?: string } = {};
  #formMessage: Failure | '' = '';
  #creating = false;
  #created: { label: string; token: string } | null = null;
  #copy: '' | 'copied' | 'failed' = '';
  #editing: Editing | null = null;
  #revoking: { id: string; busy: boolean; error: string } | null = null;
  #confirmation = '';

  #historyStatus: LoadStatus = 'idle';
  #history: SiteHistoryEntry[] = [];
  #next: number | null = null;
  #loadingMore = false;
  #moreError: Failure | '' = '';
  #historyAbort?: AbortController;

  constructor(private readonly h: ManagerHost) {}

  /** Today at the site: the earliest last day an access may be given. */
  #today(): string {
    return localDay(new Date(), this.h.timeZone());
  }

  get #s() {
    return this.h.strings();
  }

  #update() {
    this.h.host.requestUpdate();
  }

  #failure(err: unknown): Failure | 'auth' {
    if (this.h.authProblem(err)) return 'auth';
    if (!(err instanceof ApiError) || err.kind === 'server') return 'server';
    if (err.kind === 'offline' || err.kind === 'timeout') return 'offline';
    return 'refused';
  }

  #failureText(f: Failure): string {
    return f === 'offline' ? this.#s.savedOffline : f === 'server' ? this.#s.savedServer : this.#s.refused;
  }

  #path(rest = '') {
    return `sites/${this.h.site()}/access${rest}`;
  }

  // -------------------------------------------------------------------------------------------
  // Access.

  /** The section is shown: the list is read again (another manager may have changed it). */
  openAccess(): void {
    void this.#loadAccess();
  }

  async #loadAccess() {
    if (this.#accessStatus !== 'ready') this.#accessStatus = 'loading';
    this.#update();
    try {
      const list = await this.h.client().get<SiteAccessList>(this.#path(), { headers: this.h.headers(), cache: 'no-store' });
      this.#access = list.items;
      this.#accessStatus = 'ready';
    } catch (err) {
      const f = this.#failure(err);
      if (f === 'auth') return;
      this.#accessStatus = f === 'offline' ? 'offline' : 'error';
    }
    this.#update();
  }

  async #create(event: Event) {
    event.preventDefault();
    if (this.#creating) return;
    const label = this.#label.trim();
    const errors: { label?: string; expires?: string } = {};
    if (!label || label.length > 100) errors.label = this.#s.labelMissing;
    if (this.#expires && this.#expires < this.#today()) errors.expires = this.#s.expiryPast;
    this.#formErrors = errors;
    this.#formMessage = '';
    if (errors.label || errors.expires) {
      this.#update();
      this.h.focus(errors.label ? '#access-label' : '#access-expires');
      return;
    }
    this.#creating = true;
    this.#confirmation = '';
    this.#update();
    const body: SiteAccessCreate = { role: 'agent', label, ...(this.#expires ? { expires_on: this.#expires } : {}) };
    try {
      const created = await this.h.client().post<SiteAccessCreated>(this.#path(), body, { headers: this.h.headers() });
      this.#created = { label: created.access.label, token: created.token };
      this.#copy = '';
      this.#label = '';
      this.#expires = '';
      this.h.announce(this.#s.tokenOnce(created.access.label));
      this.h.changed();
      void this.#loadAccess();
      this.h.focus('.token-created');
    } catch (err) {
      const f = this.#failure(err);
      if (f === 'auth') return;
      const params = err instanceof ApiError ? (err.problem?.invalid_params ?? []) : [];
      const byName = (n: string) => params.some((p) => p.name.includes(n));
      if (f === 'refused' && byName('label')) this.#formErrors = { label: this.#s.labelMissing };
      else if (f === 'refused' && byName('expires')) this.#formErrors = { expires: this.#s.expiryPast };
      else this.#formMessage = f;
      this.#update();
      this.h.focus(this.#formErrors.label ? '#access-label' : this.#formErrors.expires ? '#access-expires' : '.create-message');
    } finally {
      this.#creating = false;
      this.#update();
    }
  }

  async #copyToken() {
    if (!this.#created) return;
    try {
      await navigator.clipboard.writeText(this.#created.token);
      this.#copy = 'copied';
    } catch {
      this.#copy = 'failed';
    }
    this.#update();
  }

  #doneWithToken() {
    this.#created = null;
    this.#copy = '';
    this.#update();
    this.h.focus('#access-label');
  }

  #startEdit(access: SiteAccess, field: Editing['field']) {
    this.#editing = {
      id: access.id,
      field,
      value: field === 'label' ? access.label : lastDayOf(access.expires_at, this.h.timeZone()),
      error: '',
      busy: false,
    };
    this.#revoking = null;
    this.#confirmation = '';
    this.#update();
    this.h.focus(`#edit-${access.id}`);
  }

  #cancelEdit() {
    const editing = this.#editing;
    this.#editing = null;
    this.#update();
    if (editing) this.h.focus(`#${editing.field === 'label' ? 'rename' : 'expiry'}-${editing.id}`);
  }

  async #saveEdit(event: Event, access: SiteAccess) {
    event.preventDefault();
    const editing = this.#editing;
    if (!editing || editing.busy) return;
    const value = editing.value.trim();
    if (editing.field === 'label' && (!value || value.length > 100)) editing.error = this.#s.labelMissing;
    else if (editing.field === 'expiry' && value && value < this.#today()) editing.error = this.#s.expiryPast;
    else editing.error = '';
    if (editing.error) {
      this.#update();
      this.h.focus(`#edit-${access.id}`);
      return;
    }
    editing.busy = true;
    this.#update();
    const body: SiteAccessUpdate = editing.field === 'label' ? { label: value } : { expires_on: value || null };
    try {
      const saved = await this.h
        .client()
        .patch<SiteAccess>(this.#path(`/${encodeURIComponent(access.id)}`), body, { headers: this.h.headers() });
      this.#editing = null;
      this.#confirmation =
        editing.field === 'label' ? this.#s.renamed(saved.label ?? value) : this.#s.expiryChanged(saved.label ?? access.label);
      this.h.announce(this.#confirmation);
      this.h.changed();
      await this.#loadAccess();
      this.h.focus('.access-confirmation');
    } catch (err) {
      const f = this.#failure(err);
      if (f === 'auth') return;
      editing.busy = false;
      editing.error = f === 'refused' ? (editing.field === 'label' ? this.#s.labelMissing : this.#s.expiryPast) : this.#failureText(f);
      this.#update();
      this.h.focus(`#edit-${access.id}`);
    }
  }

  #askRevoke(access: SiteAccess) {
    this.#revoking = { id: access.id, busy: false, error: '' };
    this.#editing = null;
    this.#confirmation = '';
    this.#update();
    this.h.focus('.confirm-question');
  }

  #cancelRevoke() {
    const id = this.#revoking?.id;
    this.#revoking = null;
    this.#update();
    if (id) this.h.focus(`#revoke-${id}`);
  }

  async #revoke(access: SiteAccess) {
    const revoking = this.#revoking;
    if (!revoking || revoking.busy) return;
    revoking.busy = true;
    revoking.error = '';
    this.#update();
    try {
      try {
        await this.h.client().delete(this.#path(`/${encodeURIComponent(access.id)}`), { headers: this.h.headers() });
      } catch (err) {
        // Already revoked (an earlier try whose answer was lost): revoked all the same.
        if (!(err instanceof ApiError && err.status === 404)) throw err;
      }
      this.#revoking = null;
      this.#confirmation = this.#s.revoked(access.label);
      this.h.announce(this.#confirmation);
      this.h.changed();
      await this.#loadAccess();
      this.h.focus('.access-confirmation');
    } catch (err) {
      const f = this.#failure(err);
      if (f === 'auth') return;
      revoking.busy = false;
      revoking.error = this.#failureText(f);
      this.#update();
      this.h.focus('.revoke-error');
    }
  }

  renderAccess() {
    const s = this.#s;
    return html`<p class="hint">${s.accessHint}</p>
      ${
        this.#confirmation
          ? html`<p class="notice success access-confirmation" role="status" tabindex="-1"><strong>${this.#confirmation}</strong></p>`
          : nothing
      }
      ${this.#created ? this.#createdToken(this.#created) : nothing} ${this.#accessList()} ${this.#createForm()}`;
  }

  #createdToken(created: { label: string; token: string }) {
    const s = this.#s;
    return html`<div class="notice success token-created" tabindex="-1" aria-labelledby="token-created-title">
      <p id="token-created-title"><strong>${s.tokenOnce(created.label)}</strong></p>
      <p class="code token-once" id="new-token">${created.token}</p>
      <p><strong>${s.tokenOnceWarning}</strong></p>
      <div class="actions">
        <button class="primary" type="button" id="copy-token" @click=${() => void this.#copyToken()}>${s.copy}</button>
        <button class="secondary" type="button" id="token-done" @click=${() => this.#doneWithToken()}>${s.done}</button>
      </div>
      <p class="small copy-state" role="status">${this.#copy === 'copied' ? s.copied : this.#copy === 'failed' ? s.copyFailed : ''}</p>
    </div>`;
  }

  #accessList() {
    const s = this.#s;
    if (this.#accessStatus === 'idle' || this.#accessStatus === 'loading') {
      return html`<p class="hint loading" role="status" aria-busy="true">${s.accessLoading}</p>`;
    }
    if (this.#accessStatus === 'offline' || this.#accessStatus === 'error') {
      return html`<div class="notice error" role="alert">
          <p><strong>${this.#accessStatus === 'offline' ? s.offlineTitle : s.errorTitle}</strong></p>
          <p>${this.#accessStatus === 'offline' ? s.offlineBody : s.errorBody}</p>
        </div>
        <div class="actions"><button class="secondary" type="button" @click=${() => void this.#loadAccess()}>${s.retry}</button></div>`;
    }
    if (this.#access.length === 0) return html`<p class="empty">${s.accessEmpty}</p>`;
    const { locale } = this.h.i18n();
    const me = this.h.me();
    const c = s.accessColumns;
    return html`<ul class="items access-list">
      ${this.#access.map((a) => {
        const mine = a.id === me?.id;
        // A manager acts on agents' access; a network admin on every one; nobody on their own from here.
        const actionable = a.state !== 'revoked' && !mine && (a.role === 'agent' || me?.role === 'admin');
        const lastDay = lastDayOf(a.expires_at, this.h.timeZone());
        return html`<li class="item state-${a.state}" data-id=${a.id} data-state=${a.state}>
          <p class="item-name">${a.label} ${mine ? html`<span class="small">${s.you}</span>` : nothing}</p>
          <p class="small">${s.pair(c.role, s.roles[a.role] ?? a.role)} · ${s.pair(c.state, s.states[a.state] ?? a.state)}</p>
          <p class="small">
            ${s.pair(c.created, `${formatDateTime(a.created_at, locale)}${a.created_by ? ` ${s.createdBy(a.created_by)}` : ''}`)}
          </p>
          <p class="small">${s.pair(c.expires, lastDay ? dayText(lastDay, locale, 0) : s.noExpiry)}</p>
          <p class="small">${s.pair(c.used, a.last_used_at ? formatDateTime(a.last_used_at, locale) : s.never)}</p>
          ${actionable ? this.#accessActions(a) : nothing}
          ${this.#editing?.id === a.id ? this.#editForm(a, this.#editing) : nothing}
          ${this.#revoking?.id === a.id ? this.#confirmRevoke(a, this.#revoking) : nothing}
        </li>`;
      })}
    </ul>`;
  }

  #accessActions(a: SiteAccess) {
    const s = this.#s;
    const about = html`<span class="visually-hidden">${s.about(a.label)}</span>`;
    return html`<div class="item-actions">
      <button class="secondary" type="button" id=${`rename-${a.id}`} @click=${() => this.#startEdit(a, 'label')}>${s.rename}${about}</button>
      <button class="secondary" type="button" id=${`expiry-${a.id}`} @click=${() => this.#startEdit(a, 'expiry')}>
        ${s.changeExpiry}${about}
      </button>
      <button class="secondary danger" type="button" id=${`revoke-${a.id}`} @click=${() => this.#askRevoke(a)}>${s.revoke}${about}</button>
    </div>`;
  }

  #editForm(a: SiteAccess, editing: Editing) {
    const s = this.#s;
    const id = `edit-${a.id}`;
    const label = editing.field === 'label' ? s.accessLabel : s.accessExpires;
    const hint = editing.field === 'label' ? s.accessLabelHint : s.accessExpiresHint;
    return html`<form class="inline-form" @submit=${(e: Event) => void this.#saveEdit(e, a)} novalidate>
      <label class="field" for=${id}>${label}</label>
      <p class="small" id=${`${id}-hint`}>${hint}</p>
      <input
        id=${id}
        type=${editing.field === 'label' ? 'text' : 'date'}
        maxlength=${editing.field === 'label' ? 100 : nothing}
        min=${editing.field === 'expiry' ? this.#today() : nothing}
        .value=${editing.value}
        aria-invalid=${editing.error ? 'true' : 'false'}
        aria-describedby=${editing.error ? `${id}-hint ${id}-error` : `${id}-hint`}
        @input=${(e: Event) => (editing.value = (e.target as HTMLInputElement).value)}
      />
      ${editing.error ? html`<p class="error-text" id=${`${id}-error`}>${editing.error}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" aria-disabled=${editing.busy ? 'true' : 'false'}>${editing.busy ? s.saving : s.save}</button>
        <button class="secondary" type="button" @click=${() => this.#cancelEdit()}>${s.cancel}</button>
      </div>
    </form>`;
  }

  #confirmRevoke(a: SiteAccess, revoking: { busy: boolean; error: string }) {
    const s = this.#s;
    return html`<div class="confirm" role="group" aria-labelledby="confirm-question">
      <p class="confirm-question" id="confirm-question" tabindex="-1"><strong>${s.confirmRevoke(a.label)}</strong></p>
      <p class="small">${s.confirmRevokeHint}</p>
      ${revoking.error ? html`<p class="notice error revoke-error" role="alert" tabindex="-1">${revoking.error}</p>` : nothing}
      <div class="actions">
        <button class="primary danger" type="button" id="confirm-revoke" aria-disabled=${revoking.busy ? 'true' : 'false'} @click=${() => void this.#revoke(a)}>
          ${revoking.busy ? s.saving : s.confirmYes}
        </button>
        <button class="secondary" type="button" @click=${() => this.#cancelRevoke()}>${s.cancel}</button>
      </div>
    </div>`;
  }

  #createForm() {
    const s = this.#s;
    const e = this.#formErrors;
    return html`<form class="create-form" @submit=${(ev: Event) => void this.#create(ev)} novalidate>
      <div class="subtitle" role="heading" aria-level=${this.h.headingLevel()} id="new-access-title">${s.newAccess}</div>
      <label class="field" for="access-label">${s.accessLabel}</label>
      <p class="small" id="access-label-hint">${s.accessLabelHint}</p>
      <input
        id="access-label"
        type="text"
        maxlength="100"
        autocomplete="off"
        .value=${this.#label}
        aria-invalid=${e.label ? 'true' : 'false'}
        aria-describedby=${e.label ? 'access-label-hint access-label-error' : 'access-label-hint'}
        @input=${(ev: Event) => (this.#label = (ev.target as HTMLInputElement).value)}
      />
      ${e.label ? html`<p class="error-text" id="access-label-error">${e.label}</p>` : nothing}
      <label class="field" for="access-expires">${s.accessExpires}</label>
      <p class="small" id="access-expires-hint">${s.accessExpiresHint}</p>
      <input
        id="access-expires"
        type="date"
        min=${this.#today()}
        .value=${this.#expires}
        aria-invalid=${e.expires ? 'true' : 'false'}
        aria-describedby=${e.expires ? 'access-expires-hint access-expires-error' : 'access-expires-hint'}
        @input=${(ev: Event) => (this.#expires = (ev.target as HTMLInputElement).value)}
      />
      ${e.expires ? html`<p class="error-text" id="access-expires-error">${e.expires}</p>` : nothing}
      ${
        this.#formMessage
          ? html`<p class="notice error create-message" role="alert" tabindex="-1">${this.#failureText(this.#formMessage)}</p>`
          : nothing
      }
      <div class="actions">
        <button class="primary" type="submit" id="create-access" aria-disabled=${this.#creating ? 'true' : 'false'}>
          ${this.#creating ? s.creating : s.create}
        </button>
      </div>
    </form>`;
  }

  // -------------------------------------------------------------------------------------------
  // History.

  /** The section is shown: the newest changes are read again. */
  openHistory(): void {
    void this.#loadHistory(false);
  }

  async #loadHistory(more: boolean) {
    this.#historyAbort?.abort();
    const abort = new AbortController();
    this.#historyAbort = abort;
    if (more) {
      this.#loadingMore = true;
      this.#moreError = '';
    } else if (this.#historyStatus !== 'ready') this.#historyStatus = 'loading';
    this.#update();
    try {
      const page = await this.h.client().get<SiteHistory>(`sites/${this.h.site()}/history`, {
        headers: this.h.headers(),
        searchParams: { limit: this.h.pageSize(), before: more && this.#next !== null ? this.#next : undefined },
        signal: abort.signal,
        cache: 'no-store',
      });
      if (abort.signal.aborted) return;
      const first = this.#history.length;
      this.#history = more ? [...this.#history, ...page.items] : page.items;
      this.#next = page.next_before;
      this.#historyStatus = 'ready';
      this.#loadingMore = false;
      this.#update();
      // The first change of the new page, so a keyboard user goes on reading from there.
      if (more) this.h.focus(`.history li:nth-child(${first + 1})`);
    } catch (err) {
      if (abort.signal.aborted) return;
      const f = this.#failure(err);
      if (f === 'auth') return;
      if (more) this.#moreError = f;
      else this.#historyStatus = f === 'offline' ? 'offline' : 'error';
    } finally {
      if (!abort.signal.aborted) {
        this.#loadingMore = false;
        this.#update();
      }
    }
  }

  renderHistory() {
    const s = this.#s;
    if (this.#historyStatus === 'idle' || this.#historyStatus === 'loading') {
      return html`<p class="hint loading" role="status" aria-busy="true">${s.historyLoading}</p>`;
    }
    if (this.#historyStatus === 'offline' || this.#historyStatus === 'error') {
      return html`<div class="notice error" role="alert">
          <p><strong>${this.#historyStatus === 'offline' ? s.offlineTitle : s.errorTitle}</strong></p>
          <p>${this.#historyStatus === 'offline' ? s.offlineBody : s.errorBody}</p>
        </div>
        <div class="actions"><button class="secondary" type="button" @click=${() => void this.#loadHistory(false)}>${s.retry}</button></div>`;
    }
    if (this.#history.length === 0) return html`<p class="hint">${s.historyHint}</p><p class="empty">${s.historyEmpty}</p>`;
    const { strings, locale } = this.h.i18n();
    const ctx = { s, strings, locale, timeZone: this.h.timeZone() };
    return html`<p class="hint">${s.historyHint}</p>
      <ul class="history">
        ${this.#history.map(
          (entry) =>
            html`<li tabindex="-1" data-entity=${entry.entity} data-action=${entry.action}>
              <p><strong>${historyAuthor(entry, ctx)}</strong> ${historyText(entry, ctx)}</p>
              <p class="small"><time datetime=${entry.at}>${formatDateTime(entry.at, locale)}</time></p>
            </li>`,
        )}
      </ul>
      ${this.#moreError ? html`<p class="notice error" role="alert">${this.#failureText(this.#moreError)}</p>` : nothing}
      ${
        this.#next !== null
          ? html`<div class="actions">
            <button class="secondary" type="button" id="history-more" aria-disabled=${this.#loadingMore ? 'true' : 'false'} @click=${() => void this.#loadHistory(true)}>
              ${this.#loadingMore ? s.historyLoading : s.loadMore}
            </button>
          </div>`
          : html`<p class="small">${s.historyEnd}</p>`
      }`;
  }
}
