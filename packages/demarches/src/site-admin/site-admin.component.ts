import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SITE_OFFERS, isSiteId } from '@fs-widgets/contract/codes';
import { DAY_KEYS } from '@fs-widgets/opening-hours';
import type { DayKey, Site, SiteAccessMe, SiteOffer, SiteVerification } from '@fs-widgets/contract';
import {
  agentAccessStrings,
  AgentTokenController,
  ApiError,
  ApiResource,
  FsElement,
  agentAuthRef,
  controls,
  formStyles,
  headingLevel,
  newIdempotencyKey,
  outboxFor,
  stringAttribute,
  type Outbox,
  type OutboxEntry,
} from '@fs-widgets/core';
import { demarchesSharedStyles } from '../shared/shared.styles.js';
import { editorStyles } from '../shared/editor.styles.js';
import type { SiteAdminStrings } from '../strings/site-admin-strings.js';
import '../strings/site-admin-strings.js';
import {
  MAX_RANGES,
  checkHours,
  firstErrorField,
  hourErrorsOf,
  hoursDraftOf,
  rangeKey,
  weekOf,
  type HourErrors,
  type HoursDraft,
  type RangeDraft,
} from './hours-draft.js';
import { longDate } from './dates.js';
import { siteAdminStyles } from './site-admin.styles.js';
import type { ManagerSections } from './site-admin-manager.js';

export interface FsSiteChangeDetail {
  what: 'hours' | 'offers' | 'verification' | 'access';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-site-change': CustomEvent<FsSiteChangeDetail>;
  }
}

export type SiteAdminSection = 'verify' | 'hours' | 'closures' | 'outreach' | 'offers' | 'access' | 'history';
const AGENT_SECTIONS: readonly SiteAdminSection[] = ['verify', 'hours', 'closures', 'outreach', 'offers'];
const MANAGER_SECTIONS: readonly SiteAdminSection[] = [...AGENT_SECTIONS, 'access', 'history'];

type AuthProblem = '' | 'unauthorized' | 'forbidden';
/**
 * What a write's message says: `''` none, `invalid` (fields at fault), `offline` or `server` (not
 * sent, and not kept: the outbox could not be used), `queued` (kept on the device, sent by the
 * outbox when the network or the server is back), `refused`, `saved`.
 */
type WriteMessage = '' | 'invalid' | 'offline' | 'server' | 'queued' | 'refused' | 'saved';

/** The outbox kind of this widget's writes (hours, offers, verification). */
const OUTBOX_KIND = 'site-admin';
type QueuedWrite = 'hours' | 'offers' | 'verify';
/** The write an outbox entry holds, from its path (`sites/<id>/hours`…). */
const queuedWrite = (entry: OutboxEntry): QueuedWrite | undefined =>
  (/\/(hours|offers|verify)$/.exec(entry.path)?.[1] as QueuedWrite | undefined) ?? undefined;
type EditorState = 'loading' | 'ready' | 'missing';

/** The modules of the hosted editors (helper elements of this package). */
const EDITORS: Record<'closures' | 'outreach', { load: () => Promise<unknown> }> = {
  closures: { load: () => import('../closure-editor/closure-editor.js') },
  outreach: { load: () => import('../outreach-editor/outreach-editor.js') },
};

/**
 * A France services' own administration, for its intranet: what its agents keep true themselves
 * (informations vérifiées, weekly hours, closures and exceptional hours, tours and outreach
 * permanences, services offered) and, for its manager, the agents' access and the history of
 * every change.
 *
 * @summary Asks once for the token (the agents' shared sign-in: the one stored access of the site
 * on this device), asks the server what it may do (`/access/me`: agent, manager or network
 * admin), then shows one section at a time from a keyboard-friendly list of sections. An agent
 * sees nothing of the managers' sections. Closures and tours are `<fs-closure-editor>` and
 * `<fs-outreach-editor>`, loaded when their section opens; the managers' sections load their
 * code when the role allows them. Nothing typed is lost: a refused field is pointed at with a
 * plain-French reason, and offline or with the server down the form stays filled.
 *
 * @fires fs-site-change - The site's information or its access changed on the server. detail: `{ what }`.
 *
 * @csspart base - The widget.
 * @csspart nav - The list of sections.
 * @csspart section - The section shown.
 *
 * @cssprop [--fs-demarches-accent=var(--fs-color-primary)] - Buttons, links, the current section.
 */
export class FsSiteAdmin extends FsElement {
  static override styles = [...FsElement.styles, controls, formStyles, demarchesSharedStyles, editorStyles, siteAdminStyles];

  /** The site's token, the one every agents' tool of the site uses on this device. */
  readonly #token = new AgentTokenController(this, { onSave: () => this.#tokenSaved(), onChange: () => this.#tokenChanged() });

  /** The site as the public sees it, revalidated (`no-cache`): agents read back their edits. */
  readonly #siteResource = new ApiResource<Site>(this, () =>
    this.#siteOk && this.#token.token ? { client: this.client, path: `sites/${this.#siteIdValue}`, cache: 'no-cache' } : undefined,
  );

  @state() private authProblem: AuthProblem = '';
  /** What the token may do here, once the server has said it. */
  @state() private me?: SiteAccessMe;
  @state() private meStatus: 'idle' | 'loading' | 'ready' | 'offline' | 'error' = 'idle';
  @state() private section: SiteAdminSection = 'verify';
  /** The site, from the last read or the last write's answer. */
  @state() private site?: Site;

  @state() private hoursDraft?: HoursDraft;
  @state() private hoursDirty = false;
  @state() private hourErrors: HourErrors = {};
  @state() private hoursMessage: WriteMessage = '';
  @state() private hoursBusy = false;

  @state() private offersDraft?: SiteOffer[];
  @state() private offersDirty = false;
  @state() private offersMessage: WriteMessage = '';
  @state() private offersBusy = false;

  @state() private verifyMessage: WriteMessage = '';
  @state() private verifyBusy = false;

  @state() private editors: Partial<Record<keyof typeof EDITORS, EditorState>> = {};
  /** The managers' sections, once their code is loaded. */
  @state() private manager?: ManagerSections;
  @state() private managerFailed = false;
  /** What the polite live region says (saved…). */
  @state() private announcement = '';
  /** This site's writes kept on the device, waiting for the network or the server. */
  @state() private pending: QueuedWrite[] = [];
  /** Writes kept offline that the server then refused (told once, then dropped from the outbox). */
  @state() private refusedLater: QueuedWrite[] = [];

  /** Identifier of the site in the ANCT list (`id_fs`). */
  @property({ attribute: 'site-id', reflect: true, converter: stringAttribute }) siteId = '';

  /** Level of the widget's heading in the page outline (2 to 5; sections are one level below). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /** Base map tiles of the map to pick a stop's point (« Tournées et permanences »), given to the hosted editor. OpenStreetMap's when not set. */
  @property({ attribute: 'tile-url', converter: stringAttribute }) tileUrl = '';

  /**
   * Changes per page of the history (1 to 200); by default the server's page (50). A property
   * only: a page sets it rarely, and the recorded answers of the stories are the default page.
   */
  @property({ attribute: false }) historyPageSize?: number;

  #meCheck?: AbortController;
  #lastData?: Site;
  #outbox?: Outbox;
  #unsubscribe?: () => void;

  get #s(): SiteAdminStrings {
    return this.i18n.part<SiteAdminStrings>('site-admin');
  }

  get #siteIdValue(): string {
    return this.siteId.trim();
  }

  get #siteOk(): boolean {
    return isSiteId(this.#siteIdValue);
  }

  get #isManager(): boolean {
    return this.me?.role === 'manager' || this.me?.role === 'admin';
  }

  get #sections(): readonly SiteAdminSection[] {
    return this.#isManager ? MANAGER_SECTIONS : AGENT_SECTIONS;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#meCheck?.abort();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && this.#siteOk) this.#watchOutbox();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) this.headingLevel = headingLevel(this.headingLevel);
    if (changed.has('siteId')) {
      this.#token.use(this.#siteOk ? this.#siteIdValue : '');
      this.authProblem = '';
      this.me = undefined;
      this.meStatus = 'idle';
      this.site = undefined;
      this.#lastData = undefined;
      this.hoursDraft = undefined;
      this.offersDraft = undefined;
      this.hoursDirty = this.offersDirty = false;
    }
    if ((changed.has('siteId') || changed.has('api')) && this.#token.token && this.#siteOk) void this.#checkMe();
    if ((changed.has('siteId') || changed.has('api')) && this.#siteOk) this.#watchOutbox();
    // A new read of the site: shown, and the forms follow it unless something is being typed.
    const st = this.#siteResource.state;
    if (st.status === 'ready' && st.data !== this.#lastData) {
      this.#lastData = st.data;
      this.#takeSite(st.data);
    }
  }

  #takeSite(site: Site) {
    this.site = site;
    if (!this.hoursDirty) this.hoursDraft = hoursDraftOf(site.hours);
    // A server older than the site's own publication has no offers: none ticked.
    if (!this.offersDirty) this.offersDraft = [...(site.offers ?? [])];
  }

  /** The token's rights at this site (`GET /sites/{id}/access/me`): the sections follow the role. */
  async #checkMe(): Promise<void> {
    this.#meCheck?.abort();
    const abort = new AbortController();
    this.#meCheck = abort;
    this.meStatus = 'loading';
    try {
      const me = await this.client.get<SiteAccessMe>(`sites/${this.#siteIdValue}/access/me`, {
        headers: this.#token.headers,
        signal: abort.signal,
        cache: 'no-store',
      });
      if (abort.signal.aborted) return;
      this.me = me;
      this.meStatus = 'ready';
      if (!this.#sections.includes(this.section)) this.section = 'verify';
      if (this.#isManager) void this.#loadManager();
    } catch (err) {
      if (abort.signal.aborted) return;
      if (this.#noteAuthProblem(err)) {
        this.meStatus = 'idle';
        return;
      }
      const offline = err instanceof ApiError && (err.kind === 'offline' || err.kind === 'timeout');
      this.meStatus = offline ? 'offline' : 'error';
    }
  }

  /** A 401 or 403: the refused-token screen says which. True when it was one. */
  #noteAuthProblem(err: unknown): boolean {
    if (!(err instanceof ApiError)) return false;
    if (err.status === 401) this.authProblem = 'unauthorized';
    else if (err.status === 403) this.authProblem = 'forbidden';
    else return false;
    this.#focus('.title');
    return true;
  }

  #tokenSaved() {
    this.authProblem = '';
    this.me = undefined;
    void this.#checkMe();
    this.#focus('.title');
  }

  /** A hosted editor (or another tool, another tab) saved or forgot the site's token: its rights are asked again. */
  #tokenChanged() {
    this.authProblem = '';
    this.me = undefined;
    this.meStatus = 'idle';
    this.manager = undefined;
    if (this.#token.token) void this.#checkMe();
    else this.#focus('.title');
  }

  /** Forgets the stored token and asks for a new one (what was typed in the forms is kept). */
  changeToken(): void {
    this.#token.forget();
    this.authProblem = '';
    this.me = undefined;
    this.meStatus = 'idle';
    this.manager = undefined;
    this.#focus('.title');
  }

  /** Reads the role and the site again (the "Réessayer" button). */
  reload(): void {
    void this.#checkMe();
    this.#siteResource.retry();
  }

  /** Shows a section and moves the focus to its heading. */
  show(section: SiteAdminSection): void {
    if (!this.#sections.includes(section)) return;
    this.section = section;
    this.announcement = '';
    if (section === 'closures' || section === 'outreach') void this.#loadEditor(section);
    if (this.manager && section === 'access') this.manager.openAccess();
    if (this.manager && section === 'history') this.manager.openHistory();
    this.#focus('.section-title');
  }

  async #loadEditor(which: keyof typeof EDITORS) {
    if (this.editors[which] === 'ready') return;
    this.editors = { ...this.editors, [which]: 'loading' };
    try {
      await EDITORS[which].load();
      this.editors = { ...this.editors, [which]: 'ready' };
    } catch {
      this.editors = { ...this.editors, [which]: 'missing' };
    }
  }

  async #loadManager() {
    if (this.manager) return;
    this.managerFailed = false;
    try {
      const { ManagerSections } = await import('./site-admin-manager.js');
      this.manager ??= new ManagerSections({
        host: this,
        client: () => this.client,
        site: () => this.#siteIdValue,
        headers: () => this.#token.headers,
        strings: () => this.#s,
        i18n: () => this.i18n,
        me: () => this.me,
        focus: (selector) => this.#focus(selector),
        announce: (text) => (this.announcement = text),
        authProblem: (err) => this.#noteAuthProblem(err),
        changed: () => this.emit<FsSiteChangeDetail>('fs-site-change', { what: 'access' }),
        headingLevel: () => headingLevel(this.headingLevel + 2),
        timeZone: () => this.site?.time_zone,
        pageSize: () => {
          const size = Math.round(Number(this.historyPageSize));
          return Number.isFinite(size) && size >= 1 ? Math.min(200, size) : undefined;
        },
      });
      if (this.section === 'access') this.manager.openAccess();
      if (this.section === 'history') this.manager.openHistory();
    } catch {
      this.managerFailed = true;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Writes.

  /** Follows this site's writes waiting in the outbox of the element's API: told, and the site read again once they are sent. */
  #watchOutbox() {
    this.#unsubscribe?.();
    this.#outbox = outboxFor(this.client);
    this.#unsubscribe = this.#outbox.subscribe(() => void this.#readPending());
  }

  async #readPending() {
    const outbox = this.#outbox;
    if (!outbox) return;
    const mine = (e: OutboxEntry) => e.path.startsWith(`sites/${this.#siteIdValue}/`) && queuedWrite(e) !== undefined;
    const pending = (await outbox.pending(OUTBOX_KIND)).filter(mine);
    const refused = (await outbox.rejected(OUTBOX_KIND)).filter(mine);
    const before = this.pending.length;
    this.pending = pending.map((e) => queuedWrite(e)!);
    if (refused.length) {
      this.refusedLater = refused.map((e) => queuedWrite(e)!);
      for (const e of refused) await outbox.discardRejected(e.key);
    }
    if (before > 0 && pending.length < before) {
      // Sent since the connection came back: the site as the server now has it.
      this.#siteResource.retry();
      if (pending.length === 0 && !refused.length) this.announcement = this.#s.pendingSent;
    }
  }

  /**
   * Keeps a write the network or the server could not take in the outbox (IndexedDB), which sends
   * it when they are back (with the site's stored token, read at send time). `saved` when it went
   * at once after all, `queued` when it waits, `refused` when the server refused it, `''` when it
   * could not be kept either.
   */
  async #queue(method: 'PUT' | 'POST', what: QueuedWrite, body: unknown): Promise<WriteMessage> {
    const outbox = this.#outbox ?? outboxFor(this.client);
    const key = newIdempotencyKey();
    try {
      await outbox.enqueue(OUTBOX_KIND, `sites/${this.#siteIdValue}/${what}`, key, body, { auth: agentAuthRef(this.#siteIdValue), method });
      if ((await outbox.pendingKeys(OUTBOX_KIND)).includes(key)) {
        await this.#readPending();
        return 'queued';
      }
      const refused = (await outbox.rejected(OUTBOX_KIND)).find((e) => e.key === key);
      if (refused) {
        await outbox.discardRejected(key);
        return 'refused';
      }
      this.#siteResource.retry();
      return 'saved';
    } catch {
      return '';
    }
  }

  /** What went wrong with a write, in the terms the messages use (after a 401/403 the refused screen is shown). */
  #writeFailure(err: unknown): WriteMessage | 'auth' {
    if (this.#noteAuthProblem(err)) return 'auth';
    if (!(err instanceof ApiError) || err.kind === 'server') return 'server';
    if (err.kind === 'offline' || err.kind === 'timeout') return 'offline';
    return 'refused';
  }

  async #saveHours(event: Event) {
    event.preventDefault();
    const draft = this.hoursDraft;
    if (this.hoursBusy || !draft) return;
    const errors = checkHours(draft);
    if (Object.keys(errors).length) return this.#showHourErrors(errors);
    this.hoursBusy = true;
    this.refusedLater = [];
    this.hoursMessage = '';
    this.hourErrors = {};
    try {
      const site = await this.client.put<Site>(
        `sites/${this.#siteIdValue}/hours`,
        { hours: weekOf(draft) },
        { headers: this.#token.headers },
      );
      this.hoursDirty = false;
      this.#takeSite(site);
      this.hoursMessage = 'saved';
      this.announcement = this.#s.hoursSaved;
      this.emit<FsSiteChangeDetail>('fs-site-change', { what: 'hours' });
      this.#siteResource.retry();
      this.#focus('.hours-message');
    } catch (err) {
      const failure = this.#writeFailure(err);
      if (failure === 'auth') return;
      if (failure === 'refused' && err instanceof ApiError) {
        const fieldErrors = hourErrorsOf(err.problem?.invalid_params ?? []);
        if (Object.keys(fieldErrors).length) return this.#showHourErrors(fieldErrors);
      }
      const kept = failure === 'offline' || failure === 'server' ? await this.#queue('PUT', 'hours', { hours: weekOf(draft) }) : '';
      if (kept === 'queued' || kept === 'saved') this.hoursDirty = false;
      this.hoursMessage = kept || failure;
      this.#focus('.hours-message');
    } finally {
      this.hoursBusy = false;
    }
  }

  #showHourErrors(errors: HourErrors) {
    this.hourErrors = errors;
    this.hoursMessage = 'invalid';
    const id = firstErrorField(errors);
    void this.updateComplete.then(() => (id ? this.#byId(id)?.focus() : undefined));
  }

  async #saveOffers(event: Event) {
    event.preventDefault();
    if (this.offersBusy || !this.offersDraft) return;
    this.offersBusy = true;
    this.refusedLater = [];
    this.offersMessage = '';
    const offers = SITE_OFFERS.filter((o) => this.offersDraft!.includes(o));
    try {
      const site = await this.client.put<Site>(`sites/${this.#siteIdValue}/offers`, { offers }, { headers: this.#token.headers });
      this.offersDirty = false;
      this.#takeSite(site);
      this.offersMessage = 'saved';
      this.announcement = this.#s.offersSaved;
      this.emit<FsSiteChangeDetail>('fs-site-change', { what: 'offers' });
      this.#siteResource.retry();
    } catch (err) {
      const failure = this.#writeFailure(err);
      if (failure === 'auth') return;
      const kept = failure === 'offline' || failure === 'server' ? await this.#queue('PUT', 'offers', { offers }) : '';
      if (kept === 'queued' || kept === 'saved') this.offersDirty = false;
      this.offersMessage = kept || failure;
    } finally {
      this.offersBusy = false;
    }
    this.#focus('.offers-message');
  }

  async #verify() {
    if (this.verifyBusy) return;
    this.verifyBusy = true;
    this.verifyMessage = '';
    try {
      const verification = await this.client.post<SiteVerification>(
        `sites/${this.#siteIdValue}/verify`,
        {},
        { headers: this.#token.headers },
      );
      if (this.site) this.site = { ...this.site, verified_at: verification.verified_at };
      this.verifyMessage = 'saved';
      this.announcement = this.#s.verified(this.#longDate(verification.verified_at));
      this.emit<FsSiteChangeDetail>('fs-site-change', { what: 'verification' });
      this.#siteResource.retry();
    } catch (err) {
      const failure = this.#writeFailure(err);
      if (failure === 'auth') return;
      const kept = failure === 'offline' || failure === 'server' ? await this.#queue('POST', 'verify', {}) : '';
      this.verifyMessage = kept === 'saved' ? '' : kept || failure;
    } finally {
      this.verifyBusy = false;
    }
    this.#focus('.verify-message');
  }

  // -------------------------------------------------------------------------------------------
  // Editing the week.

  #patchDay(day: DayKey, patch: (ranges: RangeDraft[], closed: boolean) => { closed: boolean; ranges: RangeDraft[] }) {
    const draft = this.hoursDraft;
    if (!draft) return;
    this.hoursDraft = { ...draft, [day]: patch(draft[day].ranges, draft[day].closed) };
    this.hoursDirty = true;
    if (this.hoursMessage === 'saved') this.hoursMessage = '';
  }

  #setClosed(day: DayKey, closed: boolean) {
    this.#patchDay(day, (ranges) => ({ closed, ranges: !closed && ranges.length === 0 ? [{ opens: '', closes: '' }] : ranges }));
    this.hourErrors = Object.fromEntries(Object.entries(this.hourErrors).filter(([k]) => !k.startsWith(`${day}-`)));
  }

  #addRange(day: DayKey) {
    const index = this.hoursDraft?.[day].ranges.length ?? 0;
    if (index >= MAX_RANGES) return;
    this.#patchDay(day, (ranges) => ({ closed: false, ranges: [...ranges, { opens: '', closes: '' }] }));
    void this.updateComplete.then(() => this.#byId(`${day}-${index}-opens`)?.focus());
  }

  #removeRange(day: DayKey, index: number) {
    this.#patchDay(day, (ranges) => {
      const rest = ranges.filter((_, i) => i !== index);
      return { closed: rest.length === 0, ranges: rest };
    });
    // The errors of the day are told again at the next save (indexes moved).
    this.hourErrors = Object.fromEntries(Object.entries(this.hourErrors).filter(([k]) => !k.startsWith(`${day}-`)));
    void this.updateComplete.then(() => {
      const left = this.hoursDraft?.[day].ranges.length ?? 0;
      this.#byId(left ? `${day}-${Math.min(index, left - 1)}-opens` : `${day}-closed`)?.focus();
    });
  }

  #setTime(day: DayKey, index: number, field: 'opens' | 'closes', value: string) {
    this.#patchDay(day, (ranges, closed) => ({ closed, ranges: ranges.map((r, i) => (i === index ? { ...r, [field]: value } : r)) }));
  }

  // -------------------------------------------------------------------------------------------
  // Rendering.

  #byId(id: string): HTMLElement | null {
    return (this.renderRoot as ShadowRoot).getElementById?.(id) ?? null;
  }

  #focus(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #longDate(iso: string): string {
    return longDate(iso, this.i18n.locale, this.site?.time_zone);
  }

  #heading(text: string) {
    return html`<div class="title" role="heading" aria-level=${this.headingLevel} tabindex="-1">${text}</div>`;
  }

  #live() {
    return html`<div class="visually-hidden" aria-live="polite">${this.announcement}</div>`;
  }

  override render() {
    const s = this.#s;
    const a = agentAccessStrings(this.i18n.locale);
    if (!this.#siteOk) {
      return html`<div part="base" class="base" data-state="no-site">
        ${this.#heading(s.noSiteTitle)}
        <p class="hint">${s.noSiteBody}</p>
      </div>`;
    }
    if (!this.#token.token) {
      return html`<div part="base" class="base" data-state="no-token">${this.#heading(s.tokenTitle)} ${this.#token.form(s.tokenBody)}</div>`;
    }
    if (this.authProblem) {
      const forbidden = this.authProblem === 'forbidden';
      return html`<div part="base" class="base" data-state=${this.authProblem}>
        ${this.#heading(forbidden ? a.forbiddenTitle : a.unauthorizedTitle)}
        <p class="notice error" role="alert">${forbidden ? s.forbiddenBody(this.#siteIdValue) : s.unauthorizedBody}</p>
        <div class="actions"><button class="primary" type="button" @click=${() => this.changeToken()}>${a.changeToken}</button></div>
      </div>`;
    }
    const siteState = this.#siteResource.state;
    if (this.meStatus === 'offline' || this.meStatus === 'error' || (siteState.status === 'error' && !this.site)) {
      const notFound = siteState.status === 'error' && siteState.error.kind === 'not-found';
      const offline =
        this.meStatus === 'offline' ||
        (siteState.status === 'error' && (siteState.error.kind === 'offline' || siteState.error.kind === 'timeout'));
      const [state, title, body] = notFound
        ? ['not-found', s.notFoundTitle, s.notFoundBody(this.#siteIdValue)]
        : offline
          ? ['offline', s.offlineTitle, s.offlineBody]
          : ['error', s.errorTitle, s.errorBody];
      return html`<div part="base" class="base" data-state=${state}>
        ${this.#heading(s.title)}
        <div class="notice error" role="alert">
          <p><strong>${title}</strong></p>
          <p>${body}</p>
        </div>
        ${notFound ? nothing : html`<div class="actions"><button class="secondary" type="button" @click=${() => this.reload()}>${s.retry}</button></div>`}
        <div class="footer"><button class="link" type="button" @click=${() => this.changeToken()}>${a.changeToken}</button></div>
      </div>`;
    }
    if (this.meStatus !== 'ready' || !this.me || !this.site) {
      return html`<div part="base" class="base" data-state="loading">
        ${this.#heading(s.title)}
        <p class="hint loading" role="status" aria-busy="true">${s.loading}</p>
      </div>`;
    }
    const me = this.me;
    // A hosted editor shows its own title under the section's: the section's stays for screen readers and the focus.
    const hosted = this.section === 'closures' || this.section === 'outreach';
    return html`<div part="base" class="base" data-state="ready" data-role=${me.role} data-section=${this.section}>
      ${this.#heading(s.titleOf(this.site.name))} ${this.#live()}
      <p class="small signed-in">${s.signedInAs(me.label, s.roles[me.role] ?? me.role)}</p>
      ${siteState.status === 'ready' && siteState.offline ? html`<p class="notice offline" role="status">${s.offlineTitle}. ${s.offlineBody}</p>` : nothing}
      <nav class="nav" part="nav" aria-label=${s.nav}>
        <ul>
          ${this.#sections.map(
            (id) =>
              html`<li>
                <button type="button" id=${`nav-${id}`} aria-current=${this.section === id ? 'true' : 'false'} @click=${() => this.show(id)}>
                  ${s.sections[id]}
                </button>
              </li>`,
          )}
        </ul>
      </nav>
      ${this.#pendingNotice()}
      <section class="panel" part="section" aria-labelledby="section-title" data-section=${this.section}>
        <div
          class="subtitle section-title ${hosted ? 'visually-hidden' : ''}"
          id="section-title"
          role="heading"
          aria-level=${headingLevel(this.headingLevel + 1)}
          tabindex="-1"
        >
          ${s.sections[this.section]}
        </div>
        ${this.#sectionBody(this.section)}
      </section>
      <div class="footer"><button class="link" type="button" @click=${() => this.changeToken()}>${a.changeToken}</button></div>
    </div>`;
  }

  /** What waits on this device, and what the server refused after it waited. */
  #pendingNotice() {
    const s = this.#s;
    const names = (writes: QueuedWrite[]) =>
      new Intl.ListFormat(this.i18n.locale === 'fr' ? 'fr-FR' : 'en-GB').format([...new Set(writes)].map((w) => s.sections[w]));
    return html`${
      this.pending.length
        ? html`<p class="notice offline pending" part="pending" role="status">${s.pendingList(names(this.pending))}</p>`
        : nothing
    }
    ${
      this.refusedLater.length
        ? html`<p class="notice error refused-later" role="alert">${s.refusedLater(names(this.refusedLater))}</p>`
        : nothing
    }`;
  }

  #sectionBody(section: SiteAdminSection) {
    switch (section) {
      case 'verify':
        return this.#verifySection();
      case 'hours':
        return this.#hoursSection();
      case 'offers':
        return this.#offersSection();
      case 'closures':
      case 'outreach':
        return this.#editorSection(section);
      case 'access':
      case 'history':
        return this.#managerSection(section);
    }
  }

  #message(message: WriteMessage, cls: string, saved: string) {
    const s = this.#s;
    if (!message) return nothing;
    const text =
      message === 'saved'
        ? saved
        : message === 'queued'
          ? s.queued
          : message === 'offline'
            ? s.savedOffline
            : message === 'server'
              ? s.savedServer
              : message === 'invalid'
                ? s.hoursInvalid
                : s.refused;
    const kind = message === 'saved' ? 'success' : message === 'queued' ? 'offline' : 'error';
    return html`<p class="notice ${kind} ${cls}" tabindex="-1" role=${message === 'saved' || message === 'queued' ? 'status' : 'alert'}>
      ${text}
    </p>`;
  }

  #verifySection() {
    const s = this.#s;
    const at = this.site?.verified_at;
    return html`<p class="verified">${at ? this.i18n.strings.siteInfo.verifiedOn(this.#longDate(at)) : s.neverVerified}</p>
      <p class="hint">${s.verifyHint}</p>
      ${this.#message(this.verifyMessage, 'verify-message', at ? s.verified(this.#longDate(at)) : '')}
      <div class="actions">
        <button class="primary" type="button" id="verify" aria-disabled=${this.verifyBusy ? 'true' : 'false'} @click=${() => this.#verify()}>
          ${this.verifyBusy ? s.verifying : s.verify}
        </button>
      </div>`;
  }

  #hoursSection() {
    const s = this.#s;
    const draft = this.hoursDraft;
    if (!draft) return nothing;
    const days = this.i18n.strings.days;
    const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
    return html`<p class="hint hours-source" data-source=${this.site?.hours_source ?? ''}>
        ${this.site?.hours_source === 'site' ? s.hoursFromSite : s.hoursFromAnct}
      </p>
      <form class="hours-form" @submit=${(e: Event) => void this.#saveHours(e)} novalidate>
        ${DAY_KEYS.map((day) => {
          const { closed, ranges } = draft[day];
          const dayName = capital(days[day]);
          return html`<fieldset class="day" id=${`day-${day}`}>
            <legend>${dayName}</legend>
            <label class="box single">
              <input type="checkbox" id=${`${day}-closed`} .checked=${closed} @change=${(e: Event) => this.#setClosed(day, (e.target as HTMLInputElement).checked)} />
              ${s.closedDay}
            </label>
            ${
              closed
                ? nothing
                : html`<ul class="ranges">
                    ${ranges.map((r, i) => this.#rangeRow(day, dayName, r, i))}
                  </ul>
                  <div class="day-actions">
                    ${
                      ranges.length < MAX_RANGES
                        ? html`<button class="secondary" type="button" id=${`${day}-add`} @click=${() => this.#addRange(day)}>
                          ${s.addRange}<span class="visually-hidden">${s.about(dayName)}</span>
                        </button>`
                        : html`<p class="small">${s.maxRanges}</p>`
                    }
                  </div>`
            }
          </fieldset>`;
        })}
        ${this.#message(this.hoursMessage, 'hours-message', s.hoursSaved)}
        <div class="actions">
          <button class="primary" type="submit" aria-disabled=${this.hoursBusy ? 'true' : 'false'}>${this.hoursBusy ? s.saving : s.saveHours}</button>
        </div>
      </form>`;
  }

  #rangeRow(day: DayKey, dayName: string, r: RangeDraft, i: number) {
    const s = this.#s;
    const error = this.hourErrors[rangeKey(day, i)];
    const errorId = `${day}-${i}-error`;
    const what = s.rangeOf(dayName, i + 1);
    const input = (field: 'opens' | 'closes') => {
      const invalid =
        !!error && (field === 'closes' ? error !== 'missing' || !r.closes : error !== 'order' && (error !== 'missing' || !r.opens));
      return html`<div>
        <label for=${`${day}-${i}-${field}`}>${field === 'opens' ? s.opens : s.closes}<span class="visually-hidden">${s.about(what)}</span></label>
        <input
          type="time"
          id=${`${day}-${i}-${field}`}
          .value=${r[field]}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${error ? errorId : nothing}
          @input=${(e: Event) => this.#setTime(day, i, field, (e.target as HTMLInputElement).value)}
        />
      </div>`;
    };
    return html`<li class="range-row" data-day=${day} data-index=${i}>
      ${input('opens')} ${input('closes')}
      <button class="secondary danger" type="button" id=${`${day}-${i}-remove`} @click=${() => this.#removeRange(day, i)}>
        ${s.removeRange}<span class="visually-hidden">${s.about(what)}</span>
      </button>
      ${error ? html`<p class="error-text field-error" id=${errorId}>${s.hourErrors[error]}</p>` : nothing}
    </li>`;
  }

  #offersSection() {
    const s = this.#s;
    const draft = this.offersDraft;
    if (!draft) return nothing;
    const labels = this.i18n.strings.offers;
    return html`<form class="offers-form" @submit=${(e: Event) => void this.#saveOffers(e)} novalidate>
      <fieldset>
        <legend class="visually-hidden">${s.sections.offers}</legend>
        <p class="hint">${s.offersHint}</p>
        <div class="boxes">
          ${SITE_OFFERS.map(
            (offer) =>
              html`<label class="box">
                <input
                  type="checkbox"
                  name="offer"
                  value=${offer}
                  .checked=${draft.includes(offer)}
                  @change=${(e: Event) => {
                    const on = (e.target as HTMLInputElement).checked;
                    this.offersDraft = on ? [...draft.filter((o) => o !== offer), offer] : draft.filter((o) => o !== offer);
                    this.offersDirty = true;
                    if (this.offersMessage === 'saved') this.offersMessage = '';
                  }}
                />
                ${labels[offer]}
              </label>`,
          )}
        </div>
      </fieldset>
      ${this.#message(this.offersMessage, 'offers-message', s.offersSaved)}
      <div class="actions">
        <button class="primary" type="submit" aria-disabled=${this.offersBusy ? 'true' : 'false'}>${this.offersBusy ? s.saving : s.saveOffers}</button>
      </div>
    </form>`;
  }

  #editorSection(which: keyof typeof EDITORS) {
    const s = this.#s;
    const st = this.editors[which] ?? 'loading';
    if (st === 'missing') return html`<p class="notice">${s.editorUnavailable}</p>`;
    if (st === 'loading') return html`<p class="hint loading" role="status" aria-busy="true">${s.editorLoading}</p>`;
    // The hosted editor shares the token (same site, same device) and the page's API and language.
    const level = Math.min(6, this.headingLevel + 2);
    return which === 'closures'
      ? html`<fs-closure-editor site-id=${this.#siteIdValue} api=${this.api || nothing} heading-level=${level}></fs-closure-editor>`
      : html`<fs-outreach-editor
          site-id=${this.#siteIdValue}
          api=${this.api || nothing}
          heading-level=${level}
          tile-url=${this.tileUrl || nothing}
        ></fs-outreach-editor>`;
  }

  #managerSection(section: 'access' | 'history') {
    const s = this.#s;
    if (!this.#isManager) return html`<p class="notice">${s.managerOnly}</p>`;
    if (this.managerFailed) {
      return html`<p class="notice error" role="alert">${s.errorBody}</p>
        <div class="actions"><button class="secondary" type="button" @click=${() => void this.#loadManager()}>${s.retry}</button></div>`;
    }
    if (!this.manager) return html`<p class="hint loading" role="status" aria-busy="true">${s.loading}</p>`;
    return section === 'access' ? this.manager.renderAccess() : this.manager.renderHistory();
  }
}
