import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ACT_CHANNELS, CASE_STATUSES, OUTCOMES, PARTNERS, THEMES, isSiteId } from '@fs-widgets/contract/codes';
import type {
  ActChannel,
  ActInput,
  ActivityStats,
  CaseCreated,
  CaseInput,
  CasePublic,
  CaseStatus,
  CaseUpdate,
  Outcome,
  PartnerId,
  Site,
} from '@fs-widgets/contract';
import {
  agentAccessStrings,
  controls,
  formStyles,
  AgentTokenController,
  agentAuthRef,
  ApiResource,
  FsElement,
  formatDate,
  formatShare,
  newIdempotencyKey,
  outboxFor,
  safeHref,
  stringAttribute,
  type Outbox,
  headingLevel,
} from '@fs-widgets/core';
import { parseCaseCode } from '@fs-widgets/contract/case-code';
import { formatDateTime, localToday } from '../shared/format.js';
import { CODE_PARAM, caseProblem } from '../shared/problems.js';
import { loadQrCode, type qrCodeSvg } from '@fs-widgets/core';
import { siteCard } from '../shared/site-card.js';
import { demarchesSharedStyles } from '../shared/shared.styles.js';
import type { DemarchesStrings } from '../strings/demarches-strings.js';
import '../strings/demarches-strings.js';
import { demarcheLogStyles } from './demarche-log.styles.js';

export interface FsActLoggedDetail {
  key: string;
  partner: PartnerId;
  theme: string;
  outcome: Outcome;
  /** True while it waits in the outbox (no network). */
  queued: boolean;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-act-log': CustomEvent<FsActLoggedDetail>;
    'fs-case-create': CustomEvent<{ code: string }>;
    'fs-case-update': CustomEvent<{ code: string; status: CaseStatus }>;
    /** @deprecated Listen to `fs-act-log`; this name is fired too until the next release. */
    'fs-act-logged': CustomEvent<FsActLoggedDetail>;
    /** @deprecated Listen to `fs-case-create`; this name is fired too until the next release. */
    'fs-case-created': CustomEvent<{ code: string }>;
    /** @deprecated Listen to `fs-case-update`; this name is fired too until the next release. */
    'fs-case-updated': CustomEvent<{ code: string; status: CaseStatus }>;
  }
}

type Stats = { status: 'idle' | 'loading' } | { status: 'ready' | 'offline' | 'error'; data?: ActivityStats };
type View = 'form' | 'case' | 'receipt';

/**
 * The agents' log of requests handled at a France services counter, in a few taps.
 *
 * @summary Asks once for the agent's access token (kept on the device for this site), then:
 * partner, subject, outcome (solved at the first visit, referred, follow-up needed), channel,
 * "Enregistrer". Each entry goes through the offline outbox (kept across reloads, sent when the
 * network returns, counted once) and today's count and first-visit resolution rate are shown,
 * with the entries waiting to be sent. A follow-up can open a case: the server gives it a code,
 * shown big with a QR code for the person's tracker page and a printable receipt. A small panel
 * updates a case's status and step. No personal data is ever asked for.
 *
 * @fires fs-act-log - A request was logged (already safe in the outbox). detail: `{ key, partner, theme, outcome, queued }`. Also fired as `fs-act-logged` (deprecated) until the next release.
 * @fires fs-case-create - A follow-up case was created. detail: `{ code }`. Also fired as `fs-case-created` (deprecated) until the next release.
 * @fires fs-case-update - A case was updated. detail: `{ code, status }`. Also fired as `fs-case-updated` (deprecated) until the next release.
 *
 * @csspart base - The widget.
 * @csspart stats - Today's figures and the entries waiting to be sent.
 * @csspart choice - One choice button (partner, subject, outcome, channel).
 * @csspart save - The button that logs the request.
 * @csspart receipt - The receipt of a new case (what is printed).
 * @csspart code - The case code on the receipt.
 * @csspart qr - The QR code on the receipt.
 *
 * @cssprop [--fs-demarches-accent=var(--fs-color-primary)] - Selection, buttons, links.
 */
export class FsDemarcheLog extends FsElement {
  static override styles = [...FsElement.styles, controls, formStyles, demarchesSharedStyles, demarcheLogStyles];

  /** Identifier of the site in the ANCT list (`id_fs`). */
  @property({ attribute: 'site-id', reflect: true, converter: stringAttribute }) siteId = '';

  /** The public tracker page put in the QR code (with `?fs-code=<code>`). Defaults to this page. */
  @property({ attribute: 'tracker-url', reflect: true, converter: stringAttribute }) trackerUrl = '';

  /** Level of the widget's heading in the page outline (2 to 6). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  @state() private authFailed = false;
  @state() private view: View = 'form';

  @state() private partner: PartnerId | null = null;
  @state() private topic: string | null = null;
  @state() private outcome: Outcome | null = null;
  @state() private referredTo: PartnerId | null = null;
  @state() private channel: ActChannel = 'counter';
  @state() private formError: '' | 'missing' | 'missingReferredTo' = '';
  @state() private confirmation: { queued: boolean; followUp: PartnerId | null } | null = null;

  @state() private stats: Stats = { status: 'idle' };
  @state() private pending = 0;
  @state() private rejected = 0;

  @state() private caseDraft = { demarche: '', step: '', documents: '', appointment: '' };
  @state() private casePartner: PartnerId = 'local';
  @state() private caseBusy = false;
  /** The QR code maker, fetched with the first receipt (it weighs more than the rest of the log). */
  @state() private qrCode?: typeof qrCodeSvg;
  @state() private caseError: '' | 'missing' | 'offline' | 'failed' | 'invalid' = '';
  @state() private created: CasePublic | null = null;

  @state() private updateOpen = false;
  @state() private updateDraft = { code: '', status: '' as CaseStatus | '', step: '' };
  @state() private updateBusy = false;
  @state() private updateMessage: { ok: boolean; text: string } | null = null;

  #caseKey = newIdempotencyKey();
  #outbox?: Outbox;
  #unsubscribe?: () => void;
  #statsAbort?: AbortController;

  /** The site's agent token, pasted once on this device. */
  readonly #token = new AgentTokenController(this, { onSave: () => this.#tokenSaved() });

  /** The site, for the receipt (public, cached for offline). */
  readonly #site = new ApiResource<Site>(this, () =>
    this.#siteOk && this.#token.token ? { client: this.client, path: `sites/${this.siteId.trim()}` } : undefined,
  );

  get #s(): DemarchesStrings {
    return this.i18n.part<DemarchesStrings>('demarches');
  }

  /** The day today's figures were asked for (the site's, once its time zone is known). */
  #statsDay: string | undefined;

  get #siteTimeZone(): string | undefined {
    return this.#site.state.status === 'ready' ? this.#site.state.data.time_zone : undefined;
  }

  get #siteOk(): boolean {
    return isSiteId(this.siteId.trim());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#watchOutbox();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#statsAbort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) {
      this.headingLevel = headingLevel(this.headingLevel);
    }
    if (changed.has('siteId')) {
      this.#token.use(this.#siteOk ? this.siteId.trim() : '');
      this.authFailed = false;
    }
    if (changed.has('siteId') || changed.has('api')) {
      this.#watchOutbox();
      if (this.#token.token) void this.refreshStats();
    } else if (
      this.#token.token &&
      this.#statsDay !== undefined &&
      this.#siteTimeZone &&
      localToday(new Date(), this.#siteTimeZone) !== this.#statsDay
    ) {
      // The site arrived after the first figures, and its day is not this device's: ask again.
      void this.refreshStats();
    }
  }

  #watchOutbox() {
    this.#unsubscribe?.();
    this.#outbox = outboxFor(this.client);
    let lastPending: number | undefined;
    this.#unsubscribe = this.#outbox.subscribe((counts) => {
      const pending = counts.pendingByKind['act'] ?? 0;
      // An entry left the queue (sent): today's figures changed.
      if (lastPending !== undefined && pending < lastPending && this.#token.token) void this.refreshStats();
      lastPending = pending;
      this.pending = pending;
    });
    void this.#countRejected();
  }

  async #countRejected() {
    const rejected = (await this.#outbox?.rejected('act')) ?? [];
    const mine = rejected.filter((e) => (e.body as ActInput).site_id === this.siteId.trim());
    this.rejected = mine.length;
    if (mine.some((e) => e.lastError?.status === 401 || e.lastError?.status === 403)) this.authFailed = true;
  }

  /** Loads today's count and first-visit rate for the site again. */
  async refreshStats(): Promise<void> {
    if (!this.#siteOk || !this.#token.token) return;
    this.#statsAbort?.abort();
    const abort = new AbortController();
    this.#statsAbort = abort;
    const previous = 'data' in this.stats ? this.stats.data : undefined;
    if (!previous) this.stats = { status: 'loading' };
    // The site's day, as the server dates each act (an agent's device may say another one).
    const today = localToday(new Date(), this.#siteTimeZone);
    this.#statsDay = today;
    try {
      const data = await this.client.get<ActivityStats>('stats/activity', {
        searchParams: { site: this.siteId.trim(), from: today, to: today },
        headers: this.#token.headers,
        signal: abort.signal,
      });
      if (abort.signal.aborted) return;
      this.stats = { status: 'ready', data };
    } catch (err) {
      if (abort.signal.aborted) return;
      const problem = caseProblem(err);
      if (problem === 'auth') this.authFailed = true;
      this.stats = { status: problem === 'offline' ? 'offline' : 'error', data: previous };
    }
  }

  /** A token was pasted and kept: the figures, and the writes refused for the old one, go with it. */
  #tokenSaved() {
    this.authFailed = false;
    this.stats = { status: 'idle' };
    void this.#retryRefused();
    void this.refreshStats();
    this.#focusTitle();
  }

  /** Entries refused for the old token (401/403) go again with the new one. */
  async #retryRefused() {
    const outbox = this.#outbox;
    if (!outbox) return;
    for (const entry of await outbox.rejected('act')) {
      const status = entry.lastError?.status;
      if ((status === 401 || status === 403) && entry.auth === agentAuthRef(this.siteId.trim())) await outbox.retryRejected(entry.key);
    }
    await this.#countRejected();
  }

  /** Forgets the stored token and asks for a new one. */
  changeToken(): void {
    this.#token.forget();
    this.authFailed = false;
    this.stats = { status: 'idle' };
    this.#focusTitle();
  }

  #focusTitle() {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.title')?.focus());
  }

  async #log(event: Event) {
    event.preventDefault();
    const { partner, topic: theme, outcome } = this;
    if (!partner || !theme || !outcome) {
      this.formError = 'missing';
      return this.#focusFirstMissing();
    }
    if (outcome === 'referred' && !this.referredTo) {
      this.formError = 'missingReferredTo';
      return this.#focusFirstMissing();
    }
    const site = this.siteId.trim();
    const key = newIdempotencyKey();
    const body: ActInput = {
      key,
      site_id: site,
      partner,
      theme,
      outcome,
      ...(outcome === 'referred' && this.referredTo ? { referred_to: this.referredTo } : {}),
      channel: this.channel,
      acted_at: new Date().toISOString(),
    };
    // The form is ready again at once; the channel stays (an agent at a desk keeps it).
    this.partner = null;
    this.topic = null;
    this.outcome = null;
    this.referredTo = null;
    this.formError = '';
    const outbox = this.#outbox ?? outboxFor(this.client);
    await outbox.enqueue('act', 'acts', key, body, { auth: agentAuthRef(site) });
    const queued = (await outbox.pendingKeys('act')).includes(key);
    this.confirmation = { queued, followUp: outcome === 'follow-up' ? partner : null };
    await this.#countRejected();
    if (!queued) void this.refreshStats();
    this.emit<FsActLoggedDetail>('fs-act-log', { key, partner, theme, outcome, queued }, { formerName: 'fs-act-logged' });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.confirmation')?.focus();
  }

  #focusFirstMissing() {
    void this.updateComplete.then(() => {
      const name = !this.partner ? 'partner' : !this.topic ? 'theme' : !this.outcome ? 'outcome' : 'referred-to';
      const target =
        name === 'referred-to'
          ? this.renderRoot.querySelector<HTMLElement>('#referred-to')
          : this.renderRoot.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      target?.focus();
    });
  }

  #openCase(partner: PartnerId) {
    this.casePartner = partner;
    this.caseError = '';
    this.view = 'case';
    this.#focusSection();
  }

  #focusSection() {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.section-title')?.focus());
  }

  async #createCase(event: Event) {
    event.preventDefault();
    if (this.caseBusy) return;
    const d = this.caseDraft;
    if (!d.demarche.trim() || !d.step.trim()) {
      this.caseError = 'missing';
      return;
    }
    const documents = d.documents
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(0, 10)
      .map((l) => l.slice(0, 120));
    const appointment = d.appointment ? new Date(d.appointment) : undefined;
    const body: CaseInput = {
      key: this.#caseKey, // the same key for every try of this form: one case even after a lost answer
      site_id: this.siteId.trim(),
      partner: this.casePartner,
      demarche: d.demarche.trim().slice(0, 120),
      step: d.step.trim().slice(0, 200),
      documents,
      ...(appointment && !Number.isNaN(appointment.getTime()) ? { appointment: appointment.toISOString() } : {}),
    };
    this.caseBusy = true;
    this.caseError = '';
    try {
      const created = await this.client.post<CaseCreated>('cases', body, { headers: this.#token.headers });
      this.created = created.case;
      this.view = 'receipt';
      this.caseDraft = { demarche: '', step: '', documents: '', appointment: '' };
      this.#caseKey = newIdempotencyKey();
      this.confirmation = null;
      this.emit('fs-case-create', { code: created.code }, { formerName: 'fs-case-created' });
      this.#focusSection();
    } catch (err) {
      const problem = caseProblem(err);
      if (problem === 'auth') this.authFailed = true;
      this.caseError = problem === 'offline' ? 'offline' : problem === 'invalid' ? 'invalid' : 'failed';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.case-error')?.focus();
    } finally {
      this.caseBusy = false;
    }
  }

  #backToForm() {
    this.view = 'form';
    this.created = null;
    this.confirmation = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name="partner"]')?.focus());
  }

  async #updateCase(event: Event) {
    event.preventDefault();
    if (this.updateBusy) return;
    const u = this.#s.update;
    const parsed = parseCaseCode(this.updateDraft.code);
    if (!parsed.ok) {
      this.updateMessage = { ok: false, text: parsed.problem === 'check' ? this.#s.tracker.mistyped : this.#s.tracker[parsed.problem] };
      return;
    }
    const status = this.updateDraft.status || undefined;
    const step = this.updateDraft.step.trim().slice(0, 200);
    if (!status && !step) {
      this.updateMessage = { ok: false, text: u.nothing };
      return;
    }
    const body: CaseUpdate = { key: newIdempotencyKey(), ...(status ? { status } : {}), ...(step ? { step } : {}) };
    this.updateBusy = true;
    this.updateMessage = null;
    try {
      const updated = await this.client.patch<CaseCreated>(`cases/${parsed.code}`, body, { headers: this.#token.headers });
      const newStatus = updated?.case?.status ?? status ?? 'received';
      this.updateMessage = { ok: true, text: u.saved(parsed.code, this.#s.statuses[newStatus]) };
      this.updateDraft = { code: parsed.code, status: '', step: '' };
      this.emit('fs-case-update', { code: parsed.code, status: newStatus }, { formerName: 'fs-case-updated' });
    } catch (err) {
      const problem = caseProblem(err);
      if (problem === 'auth') this.authFailed = true;
      const t = this.#s.tracker;
      const text =
        problem === 'offline'
          ? u.offline
          : problem === 'unknown'
            ? t.unknown
            : problem === 'expired'
              ? t.expired
              : problem === 'mistyped'
                ? t.mistyped
                : u.failed;
      this.updateMessage = { ok: false, text };
    } finally {
      this.updateBusy = false;
    }
  }

  /** The tracker page with this code: what the QR code opens. */
  trackerLink(code: string): string {
    // A `javascript:` or malformed `tracker-url` is ignored like an empty one (this page, then).
    const url = new URL(safeHref(this.trackerUrl, '', ['https:', 'http:']) || location.href, location.href);
    url.hash = '';
    url.searchParams.set(CODE_PARAM, code);
    return url.href;
  }

  #heading(text: string) {
    return html`<div class="title" role="heading" aria-level=${this.headingLevel} tabindex="-1">${text}</div>`;
  }

  #subheading(text: string, focusable = false) {
    return html`<div
      class="subtitle ${focusable ? 'section-title' : ''}"
      role="heading"
      aria-level=${headingLevel(this.headingLevel + 1)}
      tabindex=${focusable ? '-1' : nothing}
    >
      ${text}
    </div>`;
  }

  #loadQrCode() {
    void loadQrCode().then((make) => (this.qrCode = make));
    return html`<div class="qr qr-loading" aria-hidden="true"></div>`;
  }

  override render() {
    const l = this.#s.log;
    const a = agentAccessStrings(this.i18n.locale);
    if (!this.#siteOk) {
      return html`<div part="base" class="base" role="status">
        ${this.#heading(l.noSiteTitle)}
        <p class="hint">${l.noSiteBody}</p>
      </div>`;
    }
    if (!this.#token.token) return html`<div part="base" class="base">${this.#tokenScreen()}</div>`;
    if (this.authFailed) {
      return html`<div part="base" class="base" data-state="auth">
        ${this.#heading(l.authTitle)}
        <p class="notice error" role="alert">${l.authBody}</p>
        <div class="actions"><button class="primary" type="button" @click=${() => this.changeToken()}>${a.changeToken}</button></div>
      </div>`;
    }
    return html`<div part="base" class="base" data-view=${this.view}>
      ${
        this.view === 'receipt' && this.created
          ? this.#receipt(this.created)
          : html`${this.#heading(l.title)} ${this.#statsView()} ${this.view === 'case' ? this.#caseForm() : this.#form()}
            ${this.#updatePanel()}
            <div class="footer"><button class="link" type="button" @click=${() => this.changeToken()}>${a.changeToken}</button></div>`
      }
    </div>`;
  }

  #tokenScreen() {
    const l = this.#s.log;
    return html`${this.#heading(agentAccessStrings(this.i18n.locale).title)} ${this.#token.form(l.tokenBody)}`;
  }

  #statsView() {
    const l = this.#s.log;
    const locale = this.i18n.locale;
    const st = this.stats;
    const data = 'data' in st ? st.data : undefined;
    return html`<div class="stats" part="stats" role="status" data-state=${st.status}>
      ${
        data
          ? html`<p>
            <strong>${l.today} :</strong> <span class="today-count">${l.todayCount(data.acts)}</span>
            · <span class="first-visit"
              >${data.first_visit_share === null ? l.firstVisitNone : l.firstVisit(formatShare(data.first_visit_share, locale))}</span
            >
          </p>`
          : st.status === 'loading' || st.status === 'idle'
            ? html`<p class="small" aria-busy="true">${l.statsLoading}</p>`
            : nothing
      }
      ${st.status === 'offline' ? html`<p class="small offline">${data ? l.statsOfflineStale : l.statsOffline}</p>` : nothing}
      ${st.status === 'error' && !data ? html`<p class="small">${l.statsError}</p>` : nothing}
      ${this.pending > 0 ? html`<p class="pending">${l.pending(this.pending)}</p>` : nothing}
      ${this.rejected > 0 ? html`<p class="error-text">${l.rejected(this.rejected)}</p>` : nothing}
    </div>`;
  }

  #radios<T extends string>(
    name: string,
    legend: string,
    values: readonly T[],
    label: (v: T) => string,
    checked: T | null,
    pick: (v: T) => void,
    cls = '',
  ) {
    return html`<fieldset>
      <legend>${legend}</legend>
      <div class="choices ${cls}">
        ${values.map(
          (v) => html`<label class="choice" part="choice">
            <input type="radio" name=${name} value=${v} .checked=${checked === v} @change=${() => pick(v)} /><span>${label(v)}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  #form() {
    const l = this.#s.log;
    const s = this.#s;
    const partner = this.partner;
    return html`${this.confirmation ? this.#confirmation(this.confirmation) : nothing}
      <form class="log-form" @submit=${this.#log} novalidate>
        ${this.#radios(
          'partner',
          l.partner,
          PARTNERS,
          (p) => s.partners[p] ?? p,
          partner,
          (p) => {
            this.partner = p;
            this.topic = null;
            this.confirmation = null;
          },
          'partners',
        )}
        ${
          partner
            ? this.#radios(
                'theme',
                l.theme,
                THEMES[partner] as readonly string[],
                (t) => s.themes[t] ?? t,
                this.topic,
                (t) => (this.topic = t),
              )
            : nothing
        }
        ${this.#radios(
          'outcome',
          l.outcome,
          OUTCOMES,
          (o) => s.outcomes[o],
          this.outcome,
          (o) => (this.outcome = o),
          'outcomes',
        )}
        ${
          this.outcome === 'referred'
            ? html`<label class="field" for="referred-to">${l.referredTo}</label>
              <select id="referred-to" @change=${(e: Event) => (this.referredTo = ((e.target as HTMLSelectElement).value || null) as PartnerId | null)}>
                <option value="" ?selected=${!this.referredTo}>—</option>
                ${PARTNERS.map((p) => html`<option value=${p} ?selected=${this.referredTo === p}>${s.partners[p]}</option>`)}
              </select>`
            : nothing
        }
        ${this.#radios(
          'channel',
          l.channel,
          ACT_CHANNELS,
          (c) => s.channels[c],
          this.channel,
          (c) => (this.channel = c),
          'channels',
        )}
        ${this.formError ? html`<p class="error-text" role="alert">${this.formError === 'missing' ? l.missing : l.missingReferredTo}</p>` : nothing}
        <div class="actions"><button class="primary big" part="save" type="submit">${l.save}</button></div>
      </form>`;
  }

  #confirmation(c: { queued: boolean; followUp: PartnerId | null }) {
    const l = this.#s.log;
    return html`<div class="notice success confirmation" role="status" tabindex="-1">
      <p><strong>${c.queued ? l.savedQueued : l.saved}</strong></p>
      ${
        c.followUp
          ? html`<div class="actions">
            <button class="secondary" type="button" @click=${() => this.#openCase(c.followUp!)}>${l.openCase}</button>
          </div>`
          : nothing
      }
    </div>`;
  }

  #caseForm() {
    const f = this.#s.caseForm;
    const d = this.caseDraft;
    const set = (field: keyof typeof d) => (e: Event) =>
      (this.caseDraft = { ...this.caseDraft, [field]: (e.target as HTMLInputElement).value });
    const errorText =
      this.caseError === 'missing'
        ? f.missing
        : this.caseError === 'offline'
          ? f.offline
          : this.caseError === 'invalid'
            ? f.invalid
            : f.failed;
    return html`<form class="case-form" @submit=${this.#createCase} novalidate>
      ${this.#subheading(`${f.title} — ${this.#s.partners[this.casePartner]}`, true)}
      <p class="notice">${f.privacy}</p>
      <label class="field" for="demarche">${f.demarche}</label>
      <p class="small" id="demarche-hint">${f.demarcheHint}</p>
      <input id="demarche" maxlength="120" required aria-describedby="demarche-hint" .value=${d.demarche} @input=${set('demarche')} />
      <label class="field" for="step">${f.step}</label>
      <p class="small" id="step-hint">${f.stepHint}</p>
      <input id="step" maxlength="200" required aria-describedby="step-hint" .value=${d.step} @input=${set('step')} />
      <label class="field" for="documents">${f.documents}</label>
      <p class="small" id="documents-hint">${f.documentsHint}</p>
      <textarea id="documents" aria-describedby="documents-hint" .value=${d.documents} @input=${set('documents')}></textarea>
      <label class="field" for="appointment">${f.appointment}</label>
      <input id="appointment" type="datetime-local" .value=${d.appointment} @input=${set('appointment')} />
      ${
        this.caseError
          ? html`<p class="notice error case-error" role="alert" tabindex="-1" data-state=${this.caseError}>${errorText}</p>`
          : nothing
      }
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.caseBusy} aria-busy=${this.caseBusy ? 'true' : 'false'}>
          ${this.caseBusy ? f.creating : f.create}
        </button>
        <button class="secondary" type="button" @click=${() => this.#backToForm()}>${f.cancel}</button>
      </div>
    </form>`;
  }

  #receipt(c: CasePublic) {
    const r = this.#s.receipt;
    const locale = this.i18n.locale;
    const link = this.trackerLink(c.code);
    const site = this.#site.state.status === 'ready' ? this.#site.state.data : undefined;
    return html`<section class="receipt" part="receipt" aria-labelledby="receipt-title">
      <div class="title section-title" id="receipt-title" role="heading" aria-level=${this.headingLevel} tabindex="-1">${r.title}</div>
      <p class="code-label">${r.codeLabel}</p>
      <p class="code big-code" part="code">${c.code}</p>
      <div class="receipt-body">
        ${this.qrCode ? this.qrCode(link, r.qrLabel(c.code)) : this.#loadQrCode()}
        <div>
          <p class="small">${r.howTo}</p>
          <p class="small">${r.trackAt} <span class="url">${link}</span></p>
          <p class="small">${r.expires(formatDate(c.expires_on, locale))}</p>
        </div>
      </div>
      <dl>
        <dt>${r.demarche}</dt>
        <dd>${c.demarche} — ${c.step}</dd>
        ${
          c.documents.length
            ? html`<dt>${r.documents}</dt>
              <dd>
                <ul class="documents">
                  ${c.documents.map((d) => html`<li>${d}</li>`)}
                </ul>
              </dd>`
            : nothing
        }
        ${
          c.appointment
            ? html`<dt>${r.appointment}</dt>
              <dd>${formatDateTime(c.appointment, locale)}</dd>`
            : nothing
        }
        ${
          site
            ? html`<dt>${r.site}</dt>
              <dd class="site">
                ${site.name}<br />${site.address.street}${site.address.complement ? `, ${site.address.complement}` : ''}<br />${
                  site.address.postcode
                }
                ${site.address.commune}${site.phone ? html`<br />${site.phone}` : nothing}
              </dd>`
            : nothing
        }
      </dl>
      ${site ? siteCard(site, this.headingLevel + 1) : nothing}
      <div class="actions no-print">
        <button class="primary" type="button" @click=${() => window.print()}>${r.print}</button>
        <button class="secondary" type="button" @click=${() => this.#backToForm()}>${r.newEntry}</button>
      </div>
    </section>`;
  }

  #updatePanel() {
    const u = this.#s.update;
    const d = this.updateDraft;
    return html`<div class="update no-print">
      <button class="link" type="button" aria-expanded=${this.updateOpen ? 'true' : 'false'} aria-controls="update-panel" @click=${() => (this.updateOpen = !this.updateOpen)}>
        ${this.#s.log.updateCase}
      </button>
      <form id="update-panel" class="update-form" ?hidden=${!this.updateOpen} @submit=${this.#updateCase} novalidate>
        <label class="field" for="update-code">${u.code}</label>
        <p class="small" id="update-code-hint">${u.codeHint}</p>
        <input
          id="update-code"
          class="code"
          autocomplete="off"
          spellcheck="false"
          aria-describedby="update-code-hint"
          .value=${d.code}
          @input=${(e: InputEvent) => (this.updateDraft = { ...this.updateDraft, code: (e.target as HTMLInputElement).value })}
        />
        <label class="field" for="update-status">${u.status}</label>
        <select
          id="update-status"
          @change=${(e: Event) => (this.updateDraft = { ...this.updateDraft, status: (e.target as HTMLSelectElement).value as CaseStatus | '' })}
        >
          <option value="" ?selected=${!d.status}>${u.keepStatus}</option>
          ${CASE_STATUSES.map((st) => html`<option value=${st} ?selected=${d.status === st}>${this.#s.statuses[st]}</option>`)}
        </select>
        <label class="field" for="update-step">${u.step}</label>
        <input
          id="update-step"
          maxlength="200"
          .value=${d.step}
          @input=${(e: InputEvent) => (this.updateDraft = { ...this.updateDraft, step: (e.target as HTMLInputElement).value })}
        />
        ${
          this.updateMessage
            ? html`<p class="notice ${this.updateMessage.ok ? 'success' : 'error'} update-message" role=${this.updateMessage.ok ? 'status' : 'alert'}>
              ${this.updateMessage.text}
            </p>`
            : nothing
        }
        <div class="actions">
          <button class="secondary" type="submit" ?disabled=${this.updateBusy}>${u.save}</button>
        </div>
      </form>
    </div>`;
  }
}
