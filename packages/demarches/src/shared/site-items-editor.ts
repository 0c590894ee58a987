import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isSiteId } from '@fs-widgets/contract/codes';
import type { InvalidParam } from '@fs-widgets/contract';
import {
  agentAccessStrings,
  AgentTokenController,
  ApiError,
  ApiResource,
  FsElement,
  agentAuthRef,
  controls,
  formStyles,
  formatDate,
  headingLevel,
  newIdempotencyKey,
  outboxFor,
  stringAttribute,
  type Outbox,
  type OutboxEntry,
} from '@fs-widgets/core';
import type { SiteEditorStrings } from '../strings/site-editor-strings.js';
import '../strings/site-editor-strings.js';
import { editorStyles } from './editor.styles.js';
import { localToday } from './format.js';
import { demarchesSharedStyles } from './shared.styles.js';

/** A list the site's agents edit, as `GET /sites/{id}/<collection>` answers it. */
export interface SiteItemList<Item> {
  site_id: string;
  items: Item[];
}

/** The detail of the editors' change events: what was written (`id` null for a creation), and whether it waits on the device. */
export interface SiteItemsChangeDetail {
  action: 'create' | 'update' | 'delete';
  id: string | null;
  queued: boolean;
}

export type EditorView = { kind: 'list' } | { kind: 'form'; id: string | null };
type AuthProblem = '' | 'unauthorized' | 'forbidden';
/** Why the form is not saved: said under it. */
export type EditorFormMessage = '' | 'invalid' | 'refused' | 'server';
export type EditorErrors = Partial<Record<string, string>>;

/** What a write became: sent (the server has it), queued on this device (offline), or refused with the server's reasons. */
type WriteResult = { outcome: 'sent' } | { outcome: 'queued' } | { outcome: 'refused'; status?: number; params: readonly InvalidParam[] };

/** The words each editor says in its own terms. */
export interface ItemsEditorWords {
  title: string;
  intro: string;
  loading: string;
  listTitle: string;
  empty: string;
  add: string;
  newTitle: string;
  editTitle: string;
  saved: (what: string) => string;
  removed: (what: string) => string;
  confirmRemove: (what: string) => string;
}

/**
 * What the site's own editors share (`<fs-closure-editor>`, `<fs-outreach-editor>`): the agent's
 * sign-in (the token kept per site on the device, as the démarche log and the partner editor
 * keep it), the list read from the public route and its states (loading, error, not found,
 * offline with or without a saved copy), the form's messages with the server's field errors
 * next to the fields, the removal's confirmation, and every write through the offline outbox:
 * a creation with its idempotency key, an edit (PUT) or a removal (DELETE) — stored on the
 * device first, sent at once when possible, otherwise listed as « En attente d'envoi » and sent
 * once when the connection is back.
 */
export abstract class FsSiteItemsEditor<Item extends { id: string }, Input> extends FsElement {
  static override styles = [...FsElement.styles, controls, formStyles, demarchesSharedStyles, editorStyles];

  /** The site's agent token, the same one as the other agents' tools, pasted once on this device. */
  protected readonly token = new AgentTokenController(this, { onSave: () => this.#tokenSaved() });

  /** The site's list (public); revalidated (`no-cache`), as agents read back their edits. */
  protected readonly items = new ApiResource<SiteItemList<Item>>(this, () =>
    this.siteOk && this.token.token ? { client: this.client, path: `sites/${this.site}/${this.collection}`, cache: 'no-cache' } : undefined,
  );

  @state() protected authProblem: AuthProblem = '';
  @state() protected view: EditorView = { kind: 'list' };
  @state() protected errors: EditorErrors = {};
  @state() protected formMessage: EditorFormMessage = '';
  @state() protected busy = false;
  /** The message after a save or a removal (or its queuing). */
  @state() protected confirmation: { text: string; queued: boolean } | null = null;
  @state() protected removing: string | null = null;
  @state() protected removeBusy = false;
  /** What the polite live region says; focus moves to the visible message too. */
  @state() protected announcement = '';
  /** This site's writes of this editor still waiting in the outbox. */
  @state() protected pending: OutboxEntry[] = [];
  /** This site's writes of this editor the server refused after they waited (kept by the outbox until the agent dismisses them). */
  @state() protected refused: OutboxEntry[] = [];

  /** Identifier of the site in the ANCT list (`id_fs`). */
  @property({ attribute: 'site-id', reflect: true, converter: stringAttribute }) siteId = '';

  /** Level of the widget's heading in the page outline (2 to 6). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /** Frozen "now" for previews and catalogues (which closures are still to come, the next visits); the real clock when unset. */
  @property({ attribute: false }) now?: Date;

  /** `exceptions`, `stops`: the route under `/sites/{id}/`. */
  protected abstract readonly collection: string;
  /** The outbox kind of this editor's writes. */
  protected abstract readonly outboxKind: string;
  protected abstract get words(): ItemsEditorWords;
  /** An item, or what is sent for one, in a few plain words (lists, messages, the pending writes). */
  protected abstract describe(item: Item | Input): string;
  protected abstract renderItem(item: Item): unknown;
  /** The form's fields (between its heading and its buttons). */
  protected abstract renderFields(): unknown;
  /** The checks before sending: errors by field, empty when it may be sent. */
  protected abstract check(): EditorErrors;
  /** What is sent. */
  protected abstract input(): Input;
  /** The server's `invalid_params` as errors next to the fields, in plain words. */
  protected abstract fieldErrorsOf(params: readonly InvalidParam[], status: number | undefined): EditorErrors;
  /** The element id of each field, in the form's order (focus goes to the first one in error). */
  protected abstract get fieldIds(): Readonly<Record<string, string>>;
  /** Prepares the form's draft: an item to edit, or a new one (`null`). */
  protected abstract startDraft(item: Item | null): void;
  /** The event fired after a write: `fs-closures-change`, `fs-stops-change`. */
  protected abstract readonly changeEvent: string;

  /** The items the list shows, in its order (all of them by default). */
  protected visibleItems(items: readonly Item[]): readonly Item[] {
    return items;
  }

  /** Idempotency key of the creation being filled: every try of one create stores one row. */
  #createKey = newIdempotencyKey();
  /** The id of the button that opened the form (focus goes back there on cancel). */
  #opener = '';
  #tokenCheck?: AbortController;
  #outbox?: Outbox;
  #unsubscribe?: () => void;
  #pendingCount = -1;
  /** Writes sent from the form now: a refusal of one is said at the form, not in the refused list. */
  readonly #answering = new Set<string>();

  protected get s(): SiteEditorStrings {
    return this.i18n.part<SiteEditorStrings>('site-editor');
  }

  protected get siteOk(): boolean {
    return isSiteId(this.siteId.trim());
  }

  protected get site(): string {
    return this.siteId.trim();
  }

  protected get data(): SiteItemList<Item> | undefined {
    return this.items.state.status === 'ready' ? this.items.state.data : undefined;
  }

  /** Today on this device (YYYY-MM-DD): the first day a date may be. */
  protected get today(): string {
    return localToday(this.now);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#watchOutbox();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#tokenCheck?.abort();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) this.headingLevel = headingLevel(this.headingLevel);
    if (changed.has('siteId')) {
      this.token.use(this.siteOk ? this.site : '');
      this.authProblem = '';
    }
    if ((changed.has('siteId') || changed.has('api')) && this.token.token && this.siteOk) void this.#checkToken();
    if (changed.has('siteId') || changed.has('api')) this.#watchOutbox();
  }

  /** Follows this editor's writes waiting in the outbox of the element's API: listed, and the list read again once they are sent. */
  #watchOutbox() {
    this.#unsubscribe?.();
    this.#outbox = outboxFor(this.client);
    this.#pendingCount = -1;
    this.#unsubscribe = this.#outbox.subscribe(() => void this.#readPending());
  }

  async #readPending() {
    const outbox = this.#outbox;
    if (!outbox) return;
    const prefix = `sites/${this.site}/${this.collection}`;
    const mine = (e: OutboxEntry) => e.path === prefix || e.path.startsWith(`${prefix}/`);
    const pending = (await outbox.pending(this.outboxKind)).filter(mine);
    this.refused = (await outbox.rejected(this.outboxKind)).filter((e) => mine(e) && !this.#answering.has(e.key));
    const before = this.#pendingCount;
    this.#pendingCount = pending.length;
    this.pending = pending;
    if (before > 0 && pending.length < before) {
      // Sent (once) since the connection came back: the list as the server now has it.
      this.items.retry();
      if (pending.length === 0) this.announcement = this.s.sent;
    }
  }

  /**
   * Tells at once whether the server takes the stored token for this site, rather than after a
   * form is filled: `GET /sites/{id}/access/me`, what the token may do at this site. Only a 401
   * or 403 matters here; offline says nothing.
   */
  async #checkToken(): Promise<void> {
    this.#tokenCheck?.abort();
    const abort = new AbortController();
    this.#tokenCheck = abort;
    try {
      await this.client.get(`sites/${encodeURIComponent(this.site)}/access/me`, {
        headers: this.token.headers,
        signal: abort.signal,
        cache: 'no-store',
      });
    } catch (err) {
      if (!abort.signal.aborted) this.#noteAuthProblem(err instanceof ApiError ? err.status : undefined);
    }
  }

  /** A 401 or 403: the refused-token screen says which. True when it was one. */
  #noteAuthProblem(status: number | undefined): boolean {
    if (status === 401) this.authProblem = 'unauthorized';
    else if (status === 403) this.authProblem = 'forbidden';
    else return false;
    this.focusSelector('.title');
    return true;
  }

  #tokenSaved() {
    this.authProblem = '';
    void this.#checkToken();
    // Writes refused for their token (401, 403) go again with the new one.
    for (const e of this.refused) if (e.lastError?.status === 401 || e.lastError?.status === 403) void this.#outbox?.retryRejected(e.key);
    // A form left open when the token was refused comes back as it was; writes waiting for it go now.
    void this.#outbox?.flush();
    this.focusSelector(this.view.kind === 'list' ? '.title' : '.form-title');
  }

  /** Forgets the stored token and asks for a new one (what was being typed in a form is kept). */
  changeToken(): void {
    this.token.forget();
    this.authProblem = '';
    this.focusSelector('.title');
  }

  /** Loads the list again (the "Réessayer" button); sends the writes waiting, if any. */
  reload(): void {
    this.items.retry();
    if (this.pending.length) void this.#outbox?.flush();
  }

  // -------------------------------------------------------------------------------------------
  // The form.

  protected openForm(item: Item | null, opener: string) {
    this.#opener = opener;
    this.startDraft(item);
    this.view = { kind: 'form', id: item?.id ?? null };
    this.errors = {};
    this.formMessage = '';
    this.confirmation = null;
    this.removing = null;
    this.announcement = '';
    this.#createKey = newIdempotencyKey();
    this.focusSelector('.form-title');
  }

  protected cancelForm() {
    this.view = { kind: 'list' };
    this.errors = {};
    this.formMessage = '';
    this.focusId(this.#opener);
  }

  protected async submit(event: Event) {
    event.preventDefault();
    if (this.busy || this.view.kind !== 'form') return;
    const errors = this.check();
    if (Object.keys(errors).length) return this.showErrors(errors);
    const id = this.view.id;
    const input = this.input();
    this.busy = true;
    this.formMessage = '';
    this.errors = {};
    try {
      const result = id ? await this.write('PUT', id, input) : await this.write('POST', null, input);
      if (result.outcome === 'refused') {
        if (this.#noteAuthProblem(result.status)) return;
        const fieldErrors = this.fieldErrorsOf(result.params, result.status);
        if (Object.keys(fieldErrors).length) return this.showErrors(fieldErrors);
        this.formMessage = 'refused';
        this.focusSelector('.form-message');
        return;
      }
      this.#createKey = newIdempotencyKey();
      this.done(result.outcome === 'queued' ? this.s.queued : this.words.saved(this.describe(input)), result.outcome === 'queued');
      this.emit<SiteItemsChangeDetail>(this.changeEvent, { action: id ? 'update' : 'create', id, queued: result.outcome === 'queued' });
    } catch {
      // The outbox could not store it (no storage at all): nothing sent, the form stays as typed.
      this.formMessage = 'server';
      this.focusSelector('.form-message');
    } finally {
      this.busy = false;
    }
  }

  /**
   * Sends a write through the outbox: stored on the device first, then sent; a refusal for good
   * (a 4xx) is taken back from the outbox and shown at the form, which stays as typed.
   */
  protected async write(method: 'POST' | 'PUT' | 'DELETE', id: string | null, input: Input | null): Promise<WriteResult> {
    const outbox = this.#outbox ?? outboxFor(this.client);
    const key = method === 'POST' ? this.#createKey : newIdempotencyKey();
    const base = `sites/${this.site}/${this.collection}`;
    const path = id ? `${base}/${encodeURIComponent(id)}` : base;
    const body = method === 'POST' ? { key, ...input } : method === 'PUT' ? input : null;
    this.#answering.add(key);
    try {
      await outbox.enqueue(this.outboxKind, path, key, body, { auth: agentAuthRef(this.site), method });
      return await this.#outcome(outbox, key);
    } finally {
      this.#answering.delete(key);
    }
  }

  async #outcome(outbox: Outbox, key: string): Promise<WriteResult> {
    if ((await outbox.pendingKeys(this.outboxKind)).includes(key)) {
      await this.#readPending();
      return { outcome: 'queued' };
    }
    const refused = (await outbox.rejected(this.outboxKind)).find((e) => e.key === key);
    if (refused) {
      await outbox.discardRejected(key);
      return { outcome: 'refused', status: refused.lastError?.status, params: refused.problem?.invalid_params ?? [] };
    }
    return { outcome: 'sent' };
  }

  /** Errors next to their fields, and focus on the first one (its first box for a group). */
  protected showErrors(errors: EditorErrors) {
    this.errors = errors;
    this.formMessage = 'invalid';
    const first = Object.keys(this.fieldIds).find((k) => errors[k]);
    void this.updateComplete.then(() => {
      const target = this.byId(first ? (this.fieldIds[first] ?? '') : '');
      const focusable =
        target instanceof HTMLFieldSetElement
          ? target.querySelector<HTMLElement>('input:checked, input, select, fs-commune-search')
          : target;
      focusable?.focus();
    });
  }

  /** After a save or a removal (or its queuing): back to the list, read again, with the message focused and announced. */
  protected done(text: string, queued: boolean) {
    this.view = { kind: 'list' };
    this.errors = {};
    this.formMessage = '';
    this.removing = null;
    this.confirmation = { text, queued };
    this.announcement = text;
    if (!queued) this.items.retry();
    this.focusSelector('.confirmation');
  }

  // -------------------------------------------------------------------------------------------
  // Removing.

  protected askRemove(id: string) {
    this.removing = id;
    this.confirmation = null;
    this.announcement = '';
    this.focusSelector('.confirm-question');
  }

  protected cancelRemove() {
    const id = this.removing;
    this.removing = null;
    if (id) this.focusId(`remove-${id}`);
  }

  protected async removeItem(item: Item) {
    if (this.removeBusy) return;
    this.removeBusy = true;
    try {
      const result = await this.write('DELETE', item.id, null);
      if (result.outcome === 'refused' && this.#noteAuthProblem(result.status)) return;
      this.done(result.outcome === 'queued' ? this.s.queued : this.words.removed(this.describe(item)), result.outcome === 'queued');
      this.emit<SiteItemsChangeDetail>(this.changeEvent, { action: 'delete', id: item.id, queued: result.outcome === 'queued' });
    } finally {
      this.removeBusy = false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Rendering.

  protected byId(id: string): HTMLElement | null {
    return id ? ((this.renderRoot as ShadowRoot).getElementById?.(id) ?? null) : null;
  }

  protected focusId(id: string) {
    void this.updateComplete.then(() => this.byId(id)?.focus());
  }

  protected focusSelector(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  protected heading(text: string) {
    return html`<div class="title" role="heading" aria-level=${this.headingLevel} tabindex="-1">${text}</div>`;
  }

  protected subheading(text: string, id: string, cls = '') {
    return html`<div class="subtitle ${cls}" id=${id} role="heading" aria-level=${headingLevel(this.headingLevel + 1)} tabindex=${cls ? '-1' : nothing}>
      ${text}
    </div>`;
  }

  override render() {
    const s = this.s;
    const a = agentAccessStrings(this.i18n.locale);
    const w = this.words;
    if (!this.siteOk) {
      return html`<div part="base" class="base" data-state="no-site">
        ${this.heading(s.noSiteTitle)}
        <p class="hint">${s.noSiteBody}</p>
      </div>`;
    }
    if (!this.token.token) {
      return html`<div part="base" class="base" data-state="no-token">
        ${this.heading(a.title)} ${this.token.form(s.tokenBody)}
        ${this.view.kind !== 'list' ? html`<p class="notice">${a.draftKept}</p>` : nothing}
      </div>`;
    }
    if (this.authProblem) {
      const forbidden = this.authProblem === 'forbidden';
      return html`<div part="base" class="base" data-state=${this.authProblem}>
        ${this.heading(forbidden ? a.forbiddenTitle : a.unauthorizedTitle)}
        <p class="notice error" role="alert">${forbidden ? a.forbiddenBody(this.site) : a.unauthorizedBody}</p>
        ${this.view.kind !== 'list' ? html`<p class="notice">${a.draftKept}</p>` : nothing}
        <div class="actions"><button class="primary" type="button" @click=${() => this.changeToken()}>${a.changeToken}</button></div>
      </div>`;
    }
    const view = this.view;
    return html`<div part="base" class="base" data-state=${this.listState()} data-view=${view.kind}>
      ${this.heading(w.title)}
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
      ${view.kind === 'list' ? this.#list() : this.#form(view.id)}
      <div class="footer"><button class="link" type="button" @click=${() => this.changeToken()}>${a.changeToken}</button></div>
    </div>`;
  }

  /** `loading`, `error`, `not-found`, `offline` (no copy), `stale` (a saved copy, offline), `empty`, `ready`. */
  protected listState(): string {
    const st = this.items.state;
    if (st.status === 'idle' || st.status === 'loading') return 'loading';
    if (st.status === 'error') {
      if (st.error.kind === 'not-found') return 'not-found';
      return st.error.kind === 'offline' || st.error.kind === 'timeout' ? 'offline' : 'error';
    }
    if (st.offline) return 'stale';
    return this.visibleItems(st.data.items).length ? 'ready' : 'empty';
  }

  #list() {
    const s = this.s;
    const w = this.words;
    const st = this.items.state;
    if (st.status === 'idle' || st.status === 'loading') {
      return html`<p class="hint loading" role="status" aria-busy="true">${w.loading}</p>`;
    }
    if (st.status === 'error') {
      const state = this.listState();
      const [title, body] =
        state === 'not-found'
          ? [s.notFoundTitle, s.notFoundBody(this.site)]
          : state === 'offline'
            ? [s.offlineTitle, s.offlineNoData]
            : [s.errorTitle, s.errorBody];
      return html`<div class="notice error" role="alert">
          <p><strong>${title}</strong></p>
          <p>${body}</p>
        </div>
        ${this.#pendingList()}
        ${
          state === 'not-found'
            ? nothing
            : html`<div class="actions"><button class="secondary" type="button" @click=${() => this.reload()}>${s.retry}</button></div>`
        }`;
    }
    const items = this.visibleItems(st.data.items);
    return html`<p class="hint">${w.intro}</p>
      ${
        st.offline
          ? html`<div class="notice offline" role="status">
            <p>${s.offlineStale(formatDate(st.savedAt ?? new Date(), this.i18n.locale))}</p>
            <div class="actions"><button class="secondary" type="button" @click=${() => this.reload()}>${s.retry}</button></div>
          </div>`
          : nothing
      }
      ${
        this.confirmation
          ? html`<div class="notice ${this.confirmation.queued ? 'offline' : 'success'} confirmation" part="confirmation" tabindex="-1">
            <p><strong>${this.confirmation.text}</strong></p>
          </div>`
          : nothing
      }
      ${this.#pendingList()}
      <section class="section" aria-labelledby="list-title">
        ${this.subheading(w.listTitle, 'list-title')}
        ${
          items.length
            ? html`<ul class="items" part="list">
              ${items.map(
                (item) => html`<li class="item" part="item" data-id=${item.id}>
                  ${this.renderItem(item)} ${this.itemActions(item)} ${this.removing === item.id ? this.#confirmRemove(item) : nothing}
                </li>`,
              )}
            </ul>`
            : html`<p class="empty">${w.empty}</p>`
        }
        <div class="actions">
          <button class="secondary" type="button" id="add" @click=${() => this.openForm(null, 'add')}>${w.add}</button>
        </div>
      </section>`;
  }

  /** The writes of this editor still on this device, each in plain words; those the server refused after they waited. */
  #pendingList() {
    const s = this.s;
    if (!this.pending.length && !this.refused.length) return nothing;
    const known = new Map((this.data?.items ?? []).map((item) => [item.id, item]));
    const text = (e: OutboxEntry) => {
      const id = decodeURIComponent(e.path.split('/')[3] ?? '');
      if (e.method === 'DELETE') {
        const item = known.get(id);
        return s.pendingDelete(item ? this.describe(item) : id);
      }
      const what = this.describe(e.body as Input);
      return e.method === 'PUT' ? s.pendingUpdate(what) : s.pendingCreate(what);
    };
    return html`${
      this.pending.length
        ? html`<section class="notice offline pending" part="pending" aria-labelledby="pending-title">
          ${this.subheading(s.pendingTitle, 'pending-title')}
          <p class="small">${s.pendingHint}</p>
          <ul>
            ${this.pending.map((e) => html`<li>${text(e)}</li>`)}
          </ul>
          <div class="actions"><button class="secondary" type="button" @click=${() => this.reload()}>${s.sendNow}</button></div>
        </section>`
        : nothing
    }
    ${
      this.refused.length
        ? html`<section class="notice error refused" part="refused" aria-labelledby="refused-title">
          ${this.subheading(s.refusedTitle, 'refused-title')}
          <p class="small">${s.refusedHint}</p>
          <ul>
            ${this.refused.map(
              (e) => html`<li>
                ${text(e)}
                <button class="secondary" type="button" id=${`dismiss-${e.key}`} @click=${() => void this.#dismiss(e.key)}>
                  ${s.dismiss}<span class="visually-hidden">${s.about(text(e))}</span>
                </button>
              </li>`,
            )}
          </ul>
        </section>`
        : nothing
    }`;
  }

  /** A refused write the agent has seen: taken out of the outbox. */
  async #dismiss(key: string) {
    await this.#outbox?.discardRejected(key);
    this.focusSelector(this.refused.length > 1 ? '.refused button' : '#add');
  }

  /** « Modifier » and « Supprimer » of an item (their accessible names say which item). */
  protected itemActions(item: Item, extra: unknown = nothing) {
    const s = this.s;
    const what = this.describe(item);
    return html`<div class="item-actions">
      <button class="secondary" type="button" id=${`edit-${item.id}`} @click=${() => this.openForm(item, `edit-${item.id}`)}>
        ${s.edit}<span class="visually-hidden">${s.about(what)}</span>
      </button>
      <button class="secondary danger" type="button" id=${`remove-${item.id}`} @click=${() => this.askRemove(item.id)}>
        ${s.remove}<span class="visually-hidden">${s.about(what)}</span>
      </button>
      ${extra}
    </div>`;
  }

  #confirmRemove(item: Item) {
    const s = this.s;
    return html`<div class="confirm" role="group" aria-labelledby="confirm-question">
      <p class="confirm-question" id="confirm-question" tabindex="-1"><strong>${this.words.confirmRemove(this.describe(item))}</strong></p>
      <p class="small">${s.confirmRemoveHint}</p>
      <div class="actions">
        <button class="primary danger" type="button" aria-disabled=${this.removeBusy ? 'true' : 'false'} @click=${() => void this.removeItem(item)}>
          ${this.removeBusy ? s.removing : s.confirmYes}
        </button>
        <button class="secondary" type="button" @click=${() => this.cancelRemove()}>${s.confirmNo}</button>
      </div>
    </div>`;
  }

  #form(id: string | null): TemplateResult {
    const s = this.s;
    const w = this.words;
    const count = Object.keys(this.errors).length;
    const message = {
      invalid: count > 1 ? s.formInvalidCount(count) : s.formInvalid,
      refused: s.formRefused,
      server: s.formServer,
    };
    return html`${this.subheading(id ? w.editTitle : w.newTitle, 'form-title', 'form-title')}
      <form part="form" @submit=${(e: Event) => void this.submit(e)} novalidate aria-labelledby="form-title">
        ${this.renderFields()}
        ${
          this.formMessage
            ? html`<p class="notice error form-message" role="alert" tabindex="-1" data-state=${this.formMessage}>${message[this.formMessage]}</p>`
            : nothing
        }
        <div class="actions">
          <button class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'} aria-busy=${this.busy ? 'true' : 'false'}>
            ${this.busy ? s.saving : s.save}
          </button>
          <button class="secondary" type="button" @click=${() => this.cancelForm()}>${s.cancel}</button>
        </div>
      </form>`;
  }
}
