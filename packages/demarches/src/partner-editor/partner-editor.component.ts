import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PARTNERS, isSiteId } from '@fs-widgets/contract/codes';
import type {
  Directory,
  LocalPartner,
  LocalPartnerCreate,
  PartnerId,
  Permanence,
  PermanenceCreate,
  SitePartners,
} from '@fs-widgets/contract';
import {
  agentAccessStrings,
  AgentTokenController,
  ApiError,
  ApiResource,
  FsElement,
  controls,
  formStyles,
  formatDate,
  newIdempotencyKey,
  nextDatesText,
  permanenceText,
  stringAttribute,
  headingLevel,
} from '@fs-widgets/core';
import { localToday } from '../shared/format.js';
import { demarchesSharedStyles } from '../shared/shared.styles.js';
import type { PartnerEditorStrings } from '../strings/partner-editor-strings.js';
import '../strings/partner-editor-strings.js';
import type { RecurrenceBuilderStrings } from '../strings/recurrence-builder-strings.js';
import '../strings/recurrence-builder-strings.js';
import {
  emptyLocalDraft,
  emptyPermanenceDraft,
  localDraftOf,
  permanenceDraftOf,
  type FieldErrors,
  type FormMessage,
  type LocalDraft,
  type PermanenceDraft,
} from './partner-drafts.js';
import { editorStyles } from '../shared/editor.styles.js';
import { mergeErrors } from '../shared/field-errors.js';

/** The forms, fetched after the lists are shown (see `#loadForms`). */
type Forms = typeof import('./partner-forms.js');

export interface FsPartnersChangeDetail {
  kind: 'local-partner' | 'permanence';
  action: 'create' | 'update' | 'delete';
  id: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-partners-change': CustomEvent<FsPartnersChangeDetail>;
  }
}

type NationalPartnerId = Exclude<PartnerId, 'local'>;
type View = { kind: 'list' } | { kind: 'local'; id: string | null } | { kind: 'permanence'; id: string | null };
type AuthProblem = '' | 'unauthorized' | 'forbidden';

interface Confirmation {
  text: string;
  /** The next dates of a saved permanence, as the server computed them. */
  next?: string | null;
  /** A local partner just added: offer its first permanence. */
  addFor?: LocalPartner;
}

/**
 * The site agents' tool to keep their France services' local partners and recurring
 * permanences up to date ("Mission locale — 2e mardi du mois, 9 h–12 h", "Conciliateur de
 * justice — sur rendez-vous"), as the public sees them.
 *
 * @summary Asks once for the agent's access token (the same one as the démarche log, kept on the
 * device for this site), then lists the site's local partners and permanences, each permanence in
 * plain words with its next dates as the server computes them (public holidays skipped). Add,
 * edit and remove (after a confirmation) with forms a secretary understands: "Chaque semaine",
 * "Toutes les 2 semaines ou plus", "Chaque mois" (1er, 2e… dernier), "Sur rendez-vous". Nothing
 * typed is lost: a refused field is pointed at with a plain-French reason, and offline or with the
 * server down the form stays filled; a create sent twice stores one row (idempotency key).
 *
 * @fires fs-partners-change - A local partner or a permanence was created, updated or removed on the server. detail: `{ kind, action, id }`.
 *
 * @csspart base - The widget.
 * @csspart list - A list of local partners or of permanences.
 * @csspart item - One local partner or permanence of a list.
 * @csspart form - The form of a local partner or of a permanence.
 * @csspart confirmation - The message after a save or a removal (with the next dates of a saved permanence).
 *
 * @cssprop [--fs-demarches-accent=var(--fs-color-primary)] - Buttons, links, selection.
 */
export class FsPartnerEditor extends FsElement {
  static override styles = [...FsElement.styles, controls, formStyles, demarchesSharedStyles, editorStyles];

  /** The site's agent token, the same one as the démarche log's, pasted once on this device. */
  readonly #token = new AgentTokenController(this, { onSave: () => this.#tokenSaved() });

  /** The site's lists (public); revalidated (`no-cache`), not taken from the browser's cache, as agents read back their edits. */
  readonly #partners = new ApiResource<SitePartners>(this, () =>
    this.#siteOk && this.#token.token
      ? { client: this.client, path: `sites/${this.siteId.trim()}/partners`, cache: 'no-cache' }
      : undefined,
  );

  /** The partner catalogue: the national partners' names and the themes. */
  readonly #directory = new ApiResource<Directory>(this, () =>
    this.#siteOk && this.#token.token ? { client: this.client, path: 'directory' } : undefined,
  );

  @state() private authProblem: AuthProblem = '';
  @state() private view: View = { kind: 'list' };
  @state() private localDraft: LocalDraft = emptyLocalDraft();
  @state() private permanenceDraft: PermanenceDraft = emptyPermanenceDraft();
  @state() private errors: FieldErrors = {};
  @state() private formMessage: FormMessage | '' = '';
  @state() private busy = false;
  @state() private confirmation: Confirmation | null = null;
  @state() private removing: { kind: 'local' | 'permanence'; id: string } | null = null;
  @state() private removeBusy = false;
  @state() private removeError = '';
  /** What the polite live region says (saved, removed…); focus moves to the visible message too. */
  @state() private announcement = '';
  /** The forms' module, once fetched; `formsFailed` when it could not be (offline on a first visit). */
  @state() private forms?: Forms;
  @state() private formsFailed = false;

  /** Identifier of the site in the ANCT list (`id_fs`). */
  @property({ attribute: 'site-id', reflect: true, converter: stringAttribute }) siteId = '';

  /** Level of the widget's heading in the page outline (2 to 6). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /** Idempotency key of the form being filled: every try of one create stores one row. */
  #createKey = newIdempotencyKey();
  /** The id of the button that opened the form (focus goes back there on cancel). */
  #opener = '';
  #tokenCheck?: AbortController;
  #formsLoading?: Promise<void>;

  get #s(): PartnerEditorStrings {
    return this.i18n.part<PartnerEditorStrings>('partner-editor');
  }

  get #rs(): RecurrenceBuilderStrings {
    return this.i18n.part<RecurrenceBuilderStrings>('recurrence-builder');
  }

  get #siteOk(): boolean {
    return isSiteId(this.siteId.trim());
  }

  get #site(): string {
    return this.siteId.trim();
  }

  get #data(): SitePartners | undefined {
    return this.#partners.state.status === 'ready' ? this.#partners.state.data : undefined;
  }

  get #catalogue(): Directory | undefined {
    return this.#directory.state.status === 'ready' ? this.#directory.state.data : undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#tokenCheck?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) {
      this.headingLevel = headingLevel(this.headingLevel);
    }
    if (changed.has('siteId')) {
      this.#token.use(this.#siteOk ? this.#site : '');
      this.authProblem = '';
    }
    if ((changed.has('siteId') || changed.has('api')) && this.#token.token && this.#siteOk) void this.#checkToken();
  }

  protected override updated(): void {
    // The forms as soon as the lists are on screen: there when an agent opens one, even if the network drops meanwhile.
    if (!this.forms && this.#partners.state.status === 'ready') this.#loadForms();
  }

  /**
   * Tells at once whether the server takes the stored token for this site, rather than after a
   * form is filled: the cheapest read that needs a token of the site (today's activity figures,
   * as the démarche log shows them). Only a 401 or 403 matters here; offline says nothing.
   */
  async #checkToken(): Promise<void> {
    this.#tokenCheck?.abort();
    const abort = new AbortController();
    this.#tokenCheck = abort;
    const today = localToday();
    try {
      await this.client.get('stats/activity', {
        searchParams: { site: this.#site, from: today, to: today },
        headers: this.#token.headers,
        signal: abort.signal,
        cache: 'no-store',
      });
    } catch (err) {
      if (!abort.signal.aborted) this.#noteAuthProblem(err);
    }
  }

  /** A 401 or 403: the refused-token screen says which. True when it was one. */
  #noteAuthProblem(err: unknown): boolean {
    if (!(err instanceof ApiError)) return false;
    if (err.status === 401) this.authProblem = 'unauthorized';
    else if (err.status === 403) this.authProblem = 'forbidden';
    else return false;
    this.#focusTitle();
    return true;
  }

  /** A token was pasted and kept: checked with the server at once. */
  #tokenSaved() {
    this.authProblem = '';
    void this.#checkToken();
    // A form left open when the token was refused comes back as it was.
    if (this.view.kind === 'list') this.#focusTitle();
    else this.#focusFormTitle();
  }

  /** Forgets the stored token and asks for a new one (what was being typed in a form is kept). */
  changeToken(): void {
    this.#token.forget();
    this.authProblem = '';
    this.#focusTitle();
  }

  /** Loads the lists again (the "Réessayer" button). */
  reload(): void {
    this.#partners.retry();
    if (this.#directory.state.status === 'error') this.#directory.retry();
  }

  // -------------------------------------------------------------------------------------------
  // Names.

  #nationalName(id: string): string {
    return this.#catalogue?.partners.find((p) => p.id === id)?.short_name ?? this.#s.nationalFallback[id] ?? id;
  }

  #permanencePartnerName(p: Permanence): string {
    if (p.partner) return this.#nationalName(p.partner);
    return this.#data?.local.find((l) => l.id === p.local_partner_id)?.name ?? this.#s.unknownPartner;
  }

  #nationalIds(): NationalPartnerId[] {
    return (this.#data?.national ?? PARTNERS.filter((p): p is NationalPartnerId => p !== 'local')) as NationalPartnerId[];
  }

  // -------------------------------------------------------------------------------------------
  // Opening and closing the forms.

  /** Fetches the forms (once): after the lists are shown, so they are there when an agent opens one, even offline. */
  #loadForms(): void {
    if (this.forms || this.#formsLoading) return;
    this.formsFailed = false;
    this.#formsLoading = import('./partner-forms.js').then(
      (forms) => {
        this.forms = forms;
      },
      () => {
        this.#formsLoading = undefined;
        this.formsFailed = true;
      },
    );
  }

  #openLocal(partner: LocalPartner | null, opener: string) {
    this.#opener = opener;
    this.localDraft = partner ? localDraftOf(partner, this.#catalogue?.themes ?? []) : emptyLocalDraft();
    this.#openForm({ kind: 'local', id: partner?.id ?? null });
  }

  #openPermanence(permanence: Permanence | null, opener: string, partner = '') {
    this.#opener = opener;
    this.permanenceDraft = permanence ? permanenceDraftOf(permanence) : emptyPermanenceDraft(partner);
    this.#openForm({ kind: 'permanence', id: permanence?.id ?? null });
  }

  #openForm(view: View) {
    this.view = view;
    this.errors = {};
    this.formMessage = '';
    this.confirmation = null;
    this.removing = null;
    this.announcement = '';
    this.#createKey = newIdempotencyKey();
    this.#loadForms();
    this.#focusFormTitle();
  }

  #cancelForm() {
    this.view = { kind: 'list' };
    this.errors = {};
    this.formMessage = '';
    const opener = this.#opener;
    void this.updateComplete.then(() => this.#byId(opener)?.focus());
  }

  // -------------------------------------------------------------------------------------------
  // Saving.

  async #submitLocal(event: Event) {
    event.preventDefault();
    const forms = this.forms;
    if (this.busy || this.view.kind !== 'local' || !forms) return;
    const themes = this.#catalogue?.themes ?? [];
    const errors = forms.checkLocal(this.localDraft, themes, this.#s);
    if (Object.keys(errors).length) return this.#showErrors(errors);
    const input = forms.localInputOf(this.localDraft, themes);
    const id = this.view.id;
    const path = `sites/${this.#site}/local-partners`;
    await this.#write(null, async () => {
      const saved = id
        ? await this.client.put<LocalPartner>(`${path}/${encodeURIComponent(id)}`, input, { headers: this.#token.headers })
        : await this.client.post<LocalPartner>(path, { key: this.#createKey, ...input } satisfies LocalPartnerCreate, {
            headers: this.#token.headers,
          });
      this.localDraft = emptyLocalDraft();
      this.#done(
        { text: this.#s.savedLocal(saved.name), ...(id ? {} : { addFor: saved }) },
        { kind: 'local-partner', action: id ? 'update' : 'create', id: saved.id },
      );
    });
  }

  async #submitPermanence(event: Event) {
    event.preventDefault();
    const forms = this.forms;
    if (this.busy || this.view.kind !== 'permanence' || !forms) return;
    const draft = this.permanenceDraft;
    const errors = forms.checkPermanence(draft, this.#s, this.#rs);
    if (Object.keys(errors).length) return this.#showErrors(errors);
    const input = forms.permanenceInputOf(draft);
    const id = this.view.id;
    const path = `sites/${this.#site}/permanences`;
    await this.#write(draft, async () => {
      const saved = id
        ? await this.client.put<Permanence>(`${path}/${encodeURIComponent(id)}`, input, { headers: this.#token.headers })
        : await this.client.post<Permanence>(path, { key: this.#createKey, ...input } satisfies PermanenceCreate, {
            headers: this.#token.headers,
          });
      this.permanenceDraft = emptyPermanenceDraft();
      const { strings, locale } = this.i18n;
      this.#done(
        {
          text: this.#s.savedPermanence(`${this.#permanencePartnerName(saved)} — ${permanenceText(saved, strings, locale)}`),
          next: nextDatesText(saved, strings, locale),
        },
        { kind: 'permanence', action: id ? 'update' : 'create', id: saved.id },
      );
    });
  }

  /** Sends a write; on failure the form stays as typed and says what to do. */
  async #write(permanence: PermanenceDraft | null, send: () => Promise<void>) {
    this.busy = true;
    this.formMessage = '';
    this.errors = {};
    try {
      await send();
    } catch (err) {
      await this.#failed(err, permanence);
    } finally {
      this.busy = false;
    }
  }

  async #failed(err: unknown, permanence: PermanenceDraft | null) {
    if (this.#noteAuthProblem(err)) return;
    const error = err instanceof ApiError ? err : undefined;
    if (!error || error.kind === 'server') this.formMessage = 'server';
    else if (error.kind === 'offline' || error.kind === 'timeout') this.formMessage = 'offline';
    else if (error.status === 404) {
      // Removed from another device meanwhile.
      this.formMessage = 'gone';
      this.#partners.retry();
    } else if (error.status === 409) {
      // An earlier try of this form reached the server with other values: show the list as it is.
      this.formMessage = 'conflict';
      this.#createKey = newIdempotencyKey();
      this.#partners.retry();
    } else {
      const errors = this.forms?.fieldErrorsOf(error.problem?.invalid_params ?? [], error.status, permanence, this.#s, this.#rs) ?? {};
      if (Object.keys(errors).length) return this.#showErrors(errors);
      this.formMessage = 'refused';
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.form-message')?.focus();
  }

  /** Errors next to their fields, and focus on the first one (its first box for a group). */
  #showErrors(errors: FieldErrors) {
    this.errors = errors;
    this.formMessage = 'invalid';
    void this.updateComplete.then(() => {
      const target = this.#byId(this.forms?.firstErrorId(errors) ?? '');
      const focusable = target instanceof HTMLFieldSetElement ? target.querySelector<HTMLElement>('input:checked, input, select') : target;
      focusable?.focus();
    });
  }

  /** After a save or a removal: back to the list, which is read again, with the message focused and announced. */
  #done(confirmation: Confirmation, change: FsPartnersChangeDetail) {
    this.view = { kind: 'list' };
    this.errors = {};
    this.formMessage = '';
    this.removing = null;
    this.confirmation = confirmation;
    this.announcement = [confirmation.text, confirmation.next].filter(Boolean).join(' ');
    this.#createKey = newIdempotencyKey();
    this.#partners.retry();
    this.emit<FsPartnersChangeDetail>('fs-partners-change', change);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.confirmation')?.focus());
  }

  // -------------------------------------------------------------------------------------------
  // Removing.

  #askRemove(kind: 'local' | 'permanence', id: string) {
    this.removing = { kind, id };
    this.removeError = '';
    this.confirmation = null;
    this.announcement = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.confirm-question')?.focus());
  }

  #cancelRemove() {
    const removing = this.removing;
    this.removing = null;
    this.removeError = '';
    if (removing) void this.updateComplete.then(() => this.#byId(`remove-${removing.kind}-${removing.id}`)?.focus());
  }

  async #remove(kind: 'local' | 'permanence', id: string, what: string) {
    if (this.removeBusy) return;
    this.removeBusy = true;
    this.removeError = '';
    const path = `sites/${this.#site}/${kind === 'local' ? 'local-partners' : 'permanences'}/${encodeURIComponent(id)}`;
    try {
      try {
        await this.client.delete(path, { headers: this.#token.headers });
      } catch (err) {
        // Already gone (an earlier try whose answer was lost, another device): removed all the same.
        if (!(err instanceof ApiError && err.status === 404)) throw err;
      }
      this.#done(
        { text: kind === 'local' ? this.#s.removedLocal(what) : this.#s.removedPermanence(what) },
        { kind: kind === 'local' ? 'local-partner' : 'permanence', action: 'delete', id },
      );
    } catch (err) {
      if (this.#noteAuthProblem(err)) return;
      const offline = err instanceof ApiError && (err.kind === 'offline' || err.kind === 'timeout');
      this.removeError = offline ? this.#s.removeOffline : this.#s.removeServer;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.remove-error')?.focus();
    } finally {
      this.removeBusy = false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Rendering.

  #byId(id: string): HTMLElement | null {
    return id ? ((this.renderRoot as ShadowRoot).getElementById?.(id) ?? null) : null;
  }

  #focusTitle() {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.title')?.focus());
  }

  #focusFormTitle() {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.form-title')?.focus());
  }

  #heading(text: string) {
    return html`<div class="title" role="heading" aria-level=${this.headingLevel} tabindex="-1">${text}</div>`;
  }

  #subheading(text: string, id: string, cls = '') {
    return html`<div class="subtitle ${cls}" id=${id} role="heading" aria-level=${headingLevel(this.headingLevel + 1)} tabindex=${cls ? '-1' : nothing}>
      ${text}
    </div>`;
  }

  override render() {
    const s = this.#s;
    const a = agentAccessStrings(this.i18n.locale);
    const live = html`<div class="visually-hidden" aria-live="polite">${this.announcement}</div>`;
    if (!this.#siteOk) {
      return html`<div part="base" class="base" data-state="no-site">
        ${this.#heading(s.noSiteTitle)}
        <p class="hint">${s.noSiteBody}</p>
      </div>`;
    }
    if (!this.#token.token) {
      return html`<div part="base" class="base" data-state="no-token">
        ${this.#heading(a.title)}
        ${this.#token.form(s.tokenBody)}
        ${this.view.kind !== 'list' ? html`<p class="notice">${a.draftKept}</p>` : nothing}
      </div>`;
    }
    if (this.authProblem) {
      const forbidden = this.authProblem === 'forbidden';
      return html`<div part="base" class="base" data-state=${this.authProblem}>
        ${this.#heading(forbidden ? a.forbiddenTitle : a.unauthorizedTitle)}
        <p class="notice error" role="alert">${forbidden ? a.forbiddenBody(this.#site) : a.unauthorizedBody}</p>
        ${this.view.kind !== 'list' ? html`<p class="notice">${a.draftKept}</p>` : nothing}
        <div class="actions"><button class="primary" type="button" @click=${() => this.changeToken()}>${a.changeToken}</button></div>
      </div>`;
    }
    const view = this.view;
    return html`<div part="base" class="base" data-state=${this.#state()} data-view=${view.kind}>
      ${this.#heading(s.title)} ${live}
      ${view.kind === 'list' ? this.#lists() : this.#form(view)}
      <div class="footer"><button class="link" type="button" @click=${() => this.changeToken()}>${a.changeToken}</button></div>
    </div>`;
  }

  /** `loading`, `error`, `not-found`, `offline` (no copy), `stale` (a saved copy, offline), `ready`. */
  #state(): string {
    const st = this.#partners.state;
    if (st.status === 'idle' || st.status === 'loading') return 'loading';
    if (st.status === 'error') {
      if (st.error.kind === 'not-found') return 'not-found';
      return st.error.kind === 'offline' || st.error.kind === 'timeout' ? 'offline' : 'error';
    }
    return st.offline ? 'stale' : 'ready';
  }

  #lists() {
    const s = this.#s;
    const st = this.#partners.state;
    if (st.status === 'idle' || st.status === 'loading') {
      return html`<p class="hint loading" role="status" aria-busy="true">${s.loading}</p>`;
    }
    if (st.status === 'error') {
      const state = this.#state();
      const [title, body] =
        state === 'not-found'
          ? [s.notFoundTitle, s.notFoundBody(this.#site)]
          : state === 'offline'
            ? [s.offlineTitle, s.offlineNoData]
            : [s.errorTitle, s.errorBody];
      return html`<div class="notice error" role="alert">
          <p><strong>${title}</strong></p>
          <p>${body}</p>
        </div>
        ${
          state === 'not-found'
            ? nothing
            : html`<div class="actions"><button class="secondary" type="button" @click=${() => this.reload()}>${s.retry}</button></div>`
        }`;
    }
    const data = st.data;
    return html`<p class="hint">${s.intro}</p>
      ${
        st.offline
          ? html`<div class="notice offline" role="status">
            <p>${s.offlineStale(formatDate(st.savedAt ?? new Date(), this.i18n.locale))}</p>
            <div class="actions"><button class="secondary" type="button" @click=${() => this.reload()}>${s.retry}</button></div>
          </div>`
          : nothing
      }
      ${this.confirmation ? this.#confirmation(this.confirmation) : nothing} ${this.#localList(data)} ${this.#permanenceList(data)}`;
  }

  #confirmation(c: Confirmation) {
    const s = this.#s;
    return html`<div class="notice success confirmation" part="confirmation" tabindex="-1">
      <p><strong>${c.text}</strong></p>
      ${c.next ? html`<p class="next">${c.next}</p>` : nothing}
      ${
        c.addFor
          ? html`<div class="actions">
            <button class="secondary" type="button" id="add-for-new" @click=${() => this.#openPermanence(null, 'add-permanence', `local:${c.addFor!.id}`)}>
              ${s.addPermanenceNow(c.addFor.name)}
            </button>
          </div>`
          : nothing
      }
    </div>`;
  }

  #localList(data: SitePartners) {
    const s = this.#s;
    const count = (id: string) => data.permanences.filter((p) => p.local_partner_id === id).length;
    return html`<section class="section" aria-labelledby="local-title">
      ${this.#subheading(s.localTitle, 'local-title')}
      ${
        data.local.length
          ? html`<ul class="items" part="list">
            ${data.local.map((partner) => {
              const website = partner.website && /^https?:\/\//.test(partner.website) ? partner.website : null;
              return html`<li class="item" part="item" data-id=${partner.id}>
                <p class="item-name">${partner.name}</p>
                ${partner.description ? html`<p>${partner.description}</p>` : nothing}
                ${partner.phone ? html`<p class="small">${s.phoneLine(partner.phone)}</p>` : nothing}
                ${website ? html`<p class="small"><a href=${website} rel="noopener noreferrer" target="_blank">${website}</a></p>` : nothing}
                <p class="small">${s.permanencesOf(count(partner.id))}</p>
                ${this.#itemActions('local', partner.id, partner.name, () => this.#openLocal(partner, `edit-local-${partner.id}`))}
                ${
                  this.removing?.kind === 'local' && this.removing.id === partner.id
                    ? this.#confirmRemove('local', partner.id, partner.name, s.confirmRemoveLocal(partner.name, count(partner.id)))
                    : nothing
                }
              </li>`;
            })}
          </ul>`
          : html`<p class="empty">${s.localEmpty}</p>`
      }
      <div class="actions">
        <button class="secondary" type="button" id="add-local" @click=${() => this.#openLocal(null, 'add-local')}>${s.addLocal}</button>
      </div>
    </section>`;
  }

  #permanenceList(data: SitePartners) {
    const s = this.#s;
    const { strings, locale } = this.i18n;
    return html`<section class="section" aria-labelledby="permanences-title">
      ${this.#subheading(s.permanencesTitle, 'permanences-title')}
      ${
        data.permanences.length
          ? html`<ul class="items" part="list">
            ${data.permanences.map((p) => {
              const name = this.#permanencePartnerName(p);
              const rule = permanenceText(p, strings, locale);
              const next = nextDatesText(p, strings, locale);
              const what = `${name} — ${rule}`;
              return html`<li class="item" part="item" data-id=${p.id}>
                <p class="item-name">${name}</p>
                <p class="rule">${rule}</p>
                ${next ? html`<p class="small next">${next}</p>` : nothing}
                ${p.note ? html`<p class="small note">${p.note}</p>` : nothing}
                ${this.#itemActions('permanence', p.id, what, () => this.#openPermanence(p, `edit-permanence-${p.id}`))}
                ${
                  this.removing?.kind === 'permanence' && this.removing.id === p.id
                    ? this.#confirmRemove('permanence', p.id, what, s.confirmRemovePermanence(what))
                    : nothing
                }
              </li>`;
            })}
          </ul>`
          : html`<p class="empty">${s.permanencesEmpty}</p>`
      }
      <div class="actions">
        <button class="secondary" type="button" id="add-permanence" @click=${() => this.#openPermanence(null, 'add-permanence')}>
          ${s.addPermanence}
        </button>
      </div>
    </section>`;
  }

  #itemActions(kind: 'local' | 'permanence', id: string, what: string, edit: () => void) {
    const s = this.#s;
    return html`<div class="item-actions">
      <button class="secondary" type="button" id=${`edit-${kind}-${id}`} @click=${edit}>
        ${s.edit}<span class="visually-hidden">${s.about(what)}</span>
      </button>
      <button class="secondary danger" type="button" id=${`remove-${kind}-${id}`} @click=${() => this.#askRemove(kind, id)}>
        ${s.remove}<span class="visually-hidden">${s.about(what)}</span>
      </button>
    </div>`;
  }

  #confirmRemove(kind: 'local' | 'permanence', id: string, what: string, question: string) {
    const s = this.#s;
    return html`<div class="confirm" role="group" aria-labelledby="confirm-question">
      <p class="confirm-question" id="confirm-question" tabindex="-1"><strong>${question}</strong></p>
      <p class="small">${s.confirmRemoveHint}</p>
      ${this.removeError ? html`<p class="notice error remove-error" role="alert" tabindex="-1">${this.removeError}</p>` : nothing}
      <div class="actions">
        <button
          class="primary danger"
          type="button"
          aria-disabled=${this.removeBusy ? 'true' : 'false'}
          @click=${() => this.#remove(kind, id, what)}
        >
          ${this.removeBusy ? s.removing : s.confirmYes}
        </button>
        <button class="secondary" type="button" @click=${() => this.#cancelRemove()}>${s.confirmNo}</button>
      </div>
    </div>`;
  }

  // --- Forms ---------------------------------------------------------------------------------

  /** The open form under its heading (the heading stays put while the forms arrive, keeping focus). */
  #form(view: Exclude<View, { kind: 'list' }>) {
    const s = this.#s;
    const forms = this.forms;
    const original = view.kind === 'local' && view.id ? this.#data?.local.find((p) => p.id === view.id) : undefined;
    const title =
      view.kind === 'local'
        ? view.id
          ? s.editLocalTitle(original?.name ?? this.localDraft.name)
          : s.newLocalTitle
        : view.id
          ? s.editPermanenceTitle
          : s.newPermanenceTitle;
    const context = {
      s,
      days: this.i18n.strings.days,
      ordinal: this.i18n.strings.permanences.ordinal,
      errors: this.errors,
      message: this.formMessage,
      busy: this.busy,
      onCancel: () => this.#cancelForm(),
    };
    const fr = this.i18n.locale === 'fr';
    const catalogue = this.#catalogue;
    return html`${this.#subheading(title, 'form-title', 'form-title')}
    ${
      !forms
        ? this.formsFailed
          ? html`<p class="notice error" role="alert">${s.formLoadFailed}</p>
            <div class="actions">
              <button class="secondary" type="button" @click=${() => this.#loadForms()}>${s.retry}</button>
              <button class="secondary" type="button" @click=${() => this.#cancelForm()}>${s.cancel}</button>
            </div>`
          : html`<p class="hint loading" role="status" aria-busy="true">${s.formLoading}</p>`
        : view.kind === 'local'
          ? forms.localForm({
              ...context,
              draft: this.localDraft,
              themes: catalogue?.themes.map((t) => ({ id: t.id, label: fr ? t.label : t.label_en })),
              onChange: (patch) => (this.localDraft = { ...this.localDraft, ...patch }),
              onSubmit: (e) => void this.#submitLocal(e),
            })
          : forms.permanenceForm({
              ...context,
              rs: this.#rs,
              recurrence: {
                locale: this.i18n.locale,
                today: localToday(),
                onErrors: (errors) => (this.errors = mergeErrors(this.errors, errors)),
                announce: (text) => (this.announcement = text),
                focus: (id) => void this.updateComplete.then(() => this.#byId(id)?.focus()),
              },
              draft: this.permanenceDraft,
              nationals: this.#nationalIds().map((id) => ({ id, name: this.#nationalName(id) })),
              locals: this.#data?.local ?? [],
              onChange: (patch) => (this.permanenceDraft = { ...this.permanenceDraft, ...patch }),
              onRecurrenceChange: (patch) =>
                (this.permanenceDraft = { ...this.permanenceDraft, recurrence: { ...this.permanenceDraft.recurrence, ...patch } }),
              onSubmit: (e) => void this.#submitPermanence(e),
            })
    }`;
  }
}
