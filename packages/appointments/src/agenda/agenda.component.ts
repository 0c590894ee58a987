import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type {
  Agenda,
  AgendaAppointment,
  AgendaBlock,
  AgendaSlot,
  AgendaStatus,
  BookingReason,
  BookingSettings,
  BookingSettingsInput,
  Directory,
  SitePartners,
} from '@fs-widgets/contract';
import { BOOKING_LIMITS, PARTNERS, ProblemType, isSiteId } from '@fs-widgets/contract/codes';
import {
  AgentTokenController,
  ApiError,
  FsElement,
  agentAuthRef,
  controls,
  formStyles,
  formatClockTime,
  formatDayAndDate,
  headingLevel,
  newIdempotencyKey,
  outboxFor,
  stringAttribute,
  telHref,
  type Outbox,
  type OutboxEntry,
} from '@fs-widgets/core';
import { zonedInstant } from '@fs-widgets/opening-hours';
import type { AgendaStrings } from '../strings/agenda-strings.js';
import '../strings/agenda-strings.js';
import {
  appointmentsOn,
  freeSlots,
  isFree,
  isIsoDate,
  minutesOf,
  rangeOf,
  siteTime,
  siteToday,
  stepDate,
  type AgendaView,
} from './agenda-days.js';
import { agendaStyles } from './agenda.styles.js';
import type { AgendaReport } from './agenda-report.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-agenda-change': CustomEvent<AgendaChangeDetail>;
  }
}

/** What an agent changed (or queued on the device): `fs-agenda-change`. */
export interface AgendaChangeDetail {
  action: 'book' | 'move' | 'cancel' | 'status' | 'block' | 'unblock' | 'settings';
  /** The appointment's or block's id; null for a booking or a new block (the server gives it). */
  id: string | null;
  /** Kept on this device, to be sent when the connection is back. */
  queued: boolean;
}

/** The outbox kind of the agenda's writes (bookings, moves, statuses, blocks, settings). */
export const AGENDA_OUTBOX_KIND = 'agenda';

/** Seconds between two reads of the agenda while it is visible (and at once on focus). */
export const AGENDA_REFRESH_SECONDS = 30;

type Panel = 'none' | 'book' | 'block' | 'settings';
/** The days (`day`, `week`) or the Bilan (`report`, its module loaded when first opened). */
export type AgendaViewName = AgendaView | 'report';
type LoadState = 'idle' | 'loading' | 'ready' | 'error' | 'offline';
type AuthProblem = '' | 'unauthorized' | 'forbidden';
type Refusal = 'taken' | 'unavailable' | 'closed' | 'overlaps' | 'disabled' | 'other';
type WriteResult =
  { outcome: 'sent' } | { outcome: 'queued' } | { outcome: 'refused'; status?: number; refusal: Refusal; fields: string[] };
/**
 * What to say, written at render time with the strings of that moment: a message, an error or an
 * announcement shown when the page's language changes is re-written in the new one.
 */
type Say = (s: AgendaStrings['agenda']) => string;
type Errors = Partial<Record<string, Say>>;

interface BookDraft {
  reason: string;
  start: string;
  firstName: string;
  phone: string;
  email: string;
}
interface BlockDraft {
  resource: string;
  date: string;
  from: string;
  to: string;
  label: string;
}
type SettingsDraft = Omit<BookingSettingsInput, 'duration_minutes' | 'capacity' | 'horizon_days' | 'min_notice_minutes'> & {
  duration: string;
  capacity: string;
  horizon: string;
  noticeHours: string;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^(?:\+33|0)\s*[1-9](?:[\s.-]*\d{2}){4}$|^\+?[\d\s.-]{8,20}$/;

/** What a refusal says at the form, the button or the row where it was made. */
function refusalSay(refusal: Refusal): Say {
  return (s) =>
    ({
      taken: s.takenNow,
      unavailable: s.unavailableNow,
      closed: s.closedNow,
      overlaps: s.blockOverlaps,
      disabled: s.disabledNow,
      other: s.refusedNow,
    })[refusal];
}

/** A sentence followed by « kept on this device » when the change waits to be sent. */
function queuedSay(say: Say, queued: boolean): Say {
  return queued ? (s) => `${say(s)} ${s.queued}` : say;
}

function refusalOf(type: string | undefined): Refusal {
  if (type === ProblemType.slotTaken) return 'taken';
  if (type === ProblemType.slotUnavailable) return 'unavailable';
  if (type === ProblemType.appointmentClosed) return 'closed';
  if (type === ProblemType.blockOverlaps) return 'overlaps';
  if (type === ProblemType.bookingDisabled) return 'disabled';
  return 'other';
}

/**
 * The agents' agenda of a France services' appointments: the day's or the week's appointments
 * with who is coming and how to reach them, the blocked times and the free seats; booking for
 * someone on the phone; marking arrived, done (which logs the act in the démarche log) or
 * no-show; moving, cancelling; blocking a time; what can be booked and how.
 *
 * @summary Asks once for the site's agent token (the one every agents' tool of the site uses on
 * this device). Then a day view (each appointment's time, first name, what for, with which
 * partner, status, phone and e-mail, and its buttons) or a week view (seven days side by side,
 * each opening its day), with « Aujourd’hui », previous and next (also the arrow keys and Home).
 * « Prendre un rendez-vous pour quelqu’un », « Bloquer un créneau » and « Réglages » open their
 * forms above the days. The reasons the agents can book come with the agenda itself, so they book
 * for someone whether the public books online or not; when it does not, a note says so and where
 * to open it (« Réglages »). « Bilan », the third view, gives the site's appointments' figures
 * (this month, the previous one or two dates; the totals, then a table by reason and by partner, each
 * downloadable as CSV with the token in a header): its module is fetched the first time it opens,
 * and the figures are asked for only then. Every change goes through the device's outbox: sent at once when
 * possible, otherwise kept and listed « En attente d’envoi depuis cet appareil », and sent once
 * when the connection is back; a refusal is said where it was made, or listed until dismissed.
 * The agenda is read again every `refresh-seconds` (30 by default) while the page is visible,
 * and at once when the page or the window comes back to the front: a move made by the person
 * with their code shows without a reload. The personal data is kept in memory only, never in
 * the device's storage.
 *
 * @fires fs-agenda-change - An agent's change was sent (or queued). detail: `{ action, id, queued }`.
 *
 * @csspart base - The widget.
 * @csspart toolbar - The view, navigation and action buttons.
 * @csspart day - One day (a day view has one, a week view seven).
 * @csspart appointment - One appointment.
 * @csspart free - A day's free seats.
 * @csspart form - The open form (booking for someone, blocking a time, settings).
 * @csspart pending - The changes waiting to be sent from this device.
 * @csspart refused - The changes the server refused after they waited, until dismissed.
 * @csspart message - The message after a change, or a state message.
 * @csspart report - The Bilan (its period, totals and tables).
 *
 * @cssprop [--fs-agenda-accent=var(--fs-color-primary)] - Buttons, links, today's mark.
 */
export class FsAgenda extends FsElement {
  static override styles = [...FsElement.styles, controls, formStyles, agendaStyles];

  /** The site's agent token, the same as the other agents' tools', pasted once on this device. */
  private readonly token = new AgentTokenController(this, { onSave: () => this.#tokenSaved(), onChange: () => this.#load(true) });

  @state() private agenda?: Agenda;
  @state() private loadState: LoadState = 'idle';
  @state() private loadedAt?: Date;
  @state() private authProblem: AuthProblem = '';
  @state() private panel: Panel = 'none';
  @state() private errors: Errors = {};
  @state() private formMessage: Say | null = null;
  @state() private busy = false;
  @state() private message: { say: Say; queued: boolean; act?: boolean } | null = null;
  @state() private announcement: Say | null = null;
  @state() private moving: string | null = null;
  @state() private moveStart = '';
  @state() private cancelling: string | null = null;
  @state() private partnerFor: string | null = null;
  @state() private donePartner = '';
  @state() private rowMessage: { id: string; say: Say } | null = null;
  @state() private pending: OutboxEntry[] = [];
  @state() private refused: OutboxEntry[] = [];
  @state() private bookDraft: BookDraft = { reason: '', start: '', firstName: '', phone: '', email: '' };
  @state() private blockDraft: BlockDraft = { resource: '*', date: '', from: '', to: '', label: '' };
  @state() private settings?: SettingsDraft;
  @state() private settingsState: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  @state() private directory?: Directory;
  @state() private partners?: SitePartners;
  @state() private reportModule: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';

  /** Identifier of the site in the ANCT list (`id_fs`). */
  @property({ attribute: 'site-id', reflect: true, converter: stringAttribute }) siteId = '';

  /** `day` (default), `week`, or `report` (the Bilan: the appointments' figures of a month or two dates). */
  @property({ reflect: true }) view: AgendaViewName = 'day';

  /** The day shown (`YYYY-MM-DD`, the site's local date), or a day of the week shown; today when unset. */
  @property({ reflect: true, converter: stringAttribute }) date = '';

  /** Seconds between two reads of the agenda while the page is visible (10 at least; 30 by default). */
  @property({ attribute: 'refresh-seconds', type: Number, reflect: true }) refreshSeconds = AGENDA_REFRESH_SECONDS;

  /** Level of the widget's heading in the page outline (2 to 6). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /** Frozen "now" for previews and catalogues; the real clock when unset. */
  @property({ attribute: false }) now?: Date;

  #abort?: AbortController;
  #timer?: ReturnType<typeof setInterval>;
  #outbox?: Outbox;
  #unsubscribe?: () => void;
  #pendingCount = -1;
  #opener = '';
  #focusNext = '';
  #bookKey = newIdempotencyKey();
  #report?: AgendaReport;
  /** Writes sent from a form or a button now: their refusal is said there, not in the refused list. */
  readonly #answering = new Set<string>();

  get #s(): AgendaStrings['agenda'] {
    return this.i18n.part<AgendaStrings>('agenda').agenda;
  }

  get #siteOk(): boolean {
    return isSiteId(this.siteId.trim());
  }

  get #site(): string {
    return this.siteId.trim();
  }

  get #now(): Date {
    return this.now ?? new Date();
  }

  /** The days the agenda reads: the week's in the week view, else the day's (the Bilan keeps the day's). */
  get #calendar(): AgendaView {
    return this.view === 'week' ? 'week' : 'day';
  }

  /** The day shown: the `date` attribute when it is a date, else today at the site (once known). */
  get #day(): string {
    if (isIsoDate(this.date)) return this.date;
    return this.agenda ? siteToday(this.agenda.time_zone, this.#now) : '';
  }

  get #today(): string {
    return this.agenda ? siteToday(this.agenda.time_zone, this.#now) : '';
  }

  readonly #onVisible = () => {
    if (document.visibilityState === 'visible') this.#load(true);
  };

  readonly #onFocus = () => this.#load(true);

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisible);
    window.addEventListener('focus', this.#onFocus);
    if (this.hasUpdated) {
      this.#watchOutbox();
      this.#load(true);
      this.#startTimer();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisible);
    window.removeEventListener('focus', this.#onFocus);
    this.#abort?.abort();
    clearInterval(this.#timer);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) this.headingLevel = headingLevel(this.headingLevel);
    if (changed.has('view') && this.view !== 'week' && this.view !== 'report') this.view = 'day';
    if (changed.has('siteId')) {
      this.#report?.close();
      this.#report = undefined;
      this.token.use(this.#siteOk ? this.#site : '');
      this.authProblem = '';
      this.agenda = undefined;
      this.loadState = 'idle';
      this.panel = 'none';
    }
    if (changed.has('siteId') || changed.has('api')) this.#watchOutbox();
    // Opening the Bilan keeps the day read (its time zone, the outbox), without reading it again.
    const daysChanged = changed.has('view') && this.view !== 'report';
    if (changed.has('siteId') || changed.has('api') || daysChanged || changed.has('date')) this.#load(false);
    if (changed.has('refreshSeconds')) this.#startTimer();
    if ((changed.has('view') || changed.has('siteId')) && this.view === 'report') void this.#openReport();
  }

  protected override updated(): void {
    if (!this.#focusNext) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.#focusNext);
    if (target) {
      this.#focusNext = '';
      target.focus();
    }
  }

  #focus(selector: string) {
    this.#focusNext = selector;
    this.requestUpdate();
  }

  get #refreshEvery(): number {
    return Math.max(10, Number.isFinite(this.refreshSeconds) ? Math.round(this.refreshSeconds) : AGENDA_REFRESH_SECONDS);
  }

  #startTimer() {
    clearInterval(this.#timer);
    const seconds = this.#refreshEvery;
    this.#timer = setInterval(() => {
      if (document.visibilityState === 'visible') this.#load(true);
    }, seconds * 1000);
  }

  // -------------------------------------------------------------------------------------------
  // Reading the agenda (with the token; no-store: the personal data never goes in a cache).

  /** Reads the days shown. `quiet`: a refresh, the days stay on screen meanwhile. */
  #load(quiet: boolean) {
    if (!this.#siteOk || !this.token.token || this.authProblem) return;
    const day = this.#day;
    const range = day ? rangeOf(this.#calendar, day) : { days: 1 };
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const sameRange = this.agenda && 'from' in range && this.agenda.from === range.from && this.agenda.days.length === range.days;
    if (!quiet || !sameRange) this.loadState = 'loading';
    this.client
      .get<Agenda>(`sites/${encodeURIComponent(this.#site)}/agenda`, {
        searchParams: { days: range.days, ...('from' in range ? { from: range.from } : {}) },
        headers: this.token.headers,
        signal: abort.signal,
        cache: 'no-store',
      })
      .then((agenda) => {
        if (abort.signal.aborted) return;
        this.agenda = agenda;
        if (!day) {
          // The first answer gives the site's time zone: the days shown are this device's today
          // there (and a week from its Monday), asked again if the server's differ.
          const wanted = rangeOf(this.#calendar, siteToday(agenda.time_zone, this.#now));
          if (wanted.from !== agenda.from || wanted.days !== agenda.days.length) return this.#load(false);
        }
        this.loadState = 'ready';
        this.loadedAt = new Date();
      })
      .catch((err: unknown) => {
        if (abort.signal.aborted) return;
        const status = err instanceof ApiError ? err.status : undefined;
        if (status === 401 || status === 403) {
          this.authProblem = status === 401 ? 'unauthorized' : 'forbidden';
          this.#focus('#title');
          return;
        }
        const offline = err instanceof ApiError && (err.kind === 'offline' || err.kind === 'timeout');
        this.loadState = offline ? 'offline' : 'error';
      });
  }

  /** Loads the agenda again (« Actualiser », « Réessayer »), and sends the changes waiting, if any. */
  refresh(): void {
    this.#load(true);
    if (this.pending.length) void this.#outbox?.flush();
  }

  #tokenSaved() {
    this.authProblem = '';
    for (const e of this.refused) if (e.lastError?.status === 401 || e.lastError?.status === 403) void this.#outbox?.retryRejected(e.key);
    void this.#outbox?.flush();
    this.#load(false);
    void this.#openReport();
    this.#focus('#title');
  }

  /** Forgets the stored token and asks for a new one. */
  changeToken(): void {
    this.token.forget();
    this.authProblem = '';
    this.agenda = undefined;
    this.loadState = 'idle';
    this.#focus('#title');
  }

  // -------------------------------------------------------------------------------------------
  // Navigation.

  #go(date: string, view: AgendaView = this.#calendar) {
    this.view = view;
    this.date = date;
    this.moving = null;
    this.cancelling = null;
    this.partnerFor = null;
    this.announcement = () => this.#rangeTitle(view, date);
  }

  #step(step: 1 | -1) {
    const day = this.#day;
    if (day && this.view !== 'report') this.#go(stepDate(this.#calendar, day, step));
  }

  // -------------------------------------------------------------------------------------------
  // The Bilan: its module (figures, tables, CSV, strings, styles) fetched the first time it opens.

  #showReport() {
    this.view = 'report';
    this.moving = null;
    this.cancelling = null;
    this.partnerFor = null;
    this.announcement = (s) => s.viewReport;
  }

  async #openReport() {
    // Never before the Bilan is shown with a token the server may accept.
    if (this.view !== 'report' || !this.token.token || this.authProblem) return;
    if (this.#report) return this.#report.open();
    if (this.reportModule === 'loading' || !this.#siteOk) return;
    this.reportModule = 'loading';
    try {
      const { AgendaReport } = await import('./agenda-report.js');
      this.#report ??= new AgendaReport({
        host: this,
        client: () => this.client,
        site: () => this.#site,
        headers: () => this.token.headers,
        locale: () => this.i18n.locale,
        timeZone: () => this.agenda?.time_zone ?? 'Europe/Paris',
        now: () => this.#now,
        heading: (text, id, cls, level) => this.#heading(text, id, cls, level),
        focus: (selector) => this.#focus(selector),
        authProblem: (status) => {
          this.authProblem = status === 401 ? 'unauthorized' : 'forbidden';
          this.#focus('#title');
        },
        reasonLabel: (key) => this.#reasons.find((r) => r.key === key)?.label_en,
      });
      this.reportModule = 'ready';
      if (this.view === 'report') this.#report.open();
    } catch {
      this.reportModule = 'failed';
    }
  }

  #reportBody() {
    const s = this.#s;
    if (this.reportModule === 'ready' && this.#report) return this.#report.render();
    if (this.reportModule === 'failed') {
      return html`<div class="notice error" part="message" data-state="report-failed" role="alert">
        <p>${s.reportFailed}</p>
        <div class="actions"><button class="secondary" type="button" @click=${() => void this.#openReport()}>${s.retry}</button></div>
      </div>`;
    }
    return html`<p class="loading" part="message" data-state="report-loading" role="status">${s.reportLoading}</p>`;
  }

  #goToday() {
    const today = this.#today;
    if (today) this.#go(today);
  }

  #onNavKey(event: KeyboardEvent) {
    const target = event.composedPath()[0] as HTMLElement | undefined;
    if ((target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) || this.view === 'report') return;
    if (event.key === 'ArrowLeft') this.#step(-1);
    else if (event.key === 'ArrowRight') this.#step(1);
    else if (event.key === 'Home') this.#goToday();
    else return;
    event.preventDefault();
    // The key's button keeps the focus through the days' new rendering (more arrows may follow).
    if (target?.id) this.#focus(`#${target.id}`);
  }

  #rangeTitle(view: AgendaView, day: string): string {
    if (!day) return '';
    const locale = this.i18n.locale;
    if (view === 'day') return formatDayAndDate(day, locale);
    const { from } = rangeOf('week', day);
    const to = stepDate('day', stepDate('week', from, 1), -1);
    return this.#s.weekOf(formatDayAndDate(from, locale, { inSentence: true }), formatDayAndDate(to, locale, { inSentence: true }));
  }

  // -------------------------------------------------------------------------------------------
  // Writes, through the outbox.

  #watchOutbox() {
    this.#unsubscribe?.();
    this.#outbox = outboxFor(this.client);
    this.#pendingCount = -1;
    this.#unsubscribe = this.#outbox.subscribe(() => void this.#readPending());
  }

  #mine(e: OutboxEntry): boolean {
    return e.path.startsWith(`sites/${this.#site}/`);
  }

  async #readPending() {
    const outbox = this.#outbox;
    if (!outbox) return;
    const pending = (await outbox.pending(AGENDA_OUTBOX_KIND)).filter((e) => this.#mine(e));
    this.refused = (await outbox.rejected(AGENDA_OUTBOX_KIND)).filter((e) => this.#mine(e) && !this.#answering.has(e.key));
    const before = this.#pendingCount;
    this.#pendingCount = pending.length;
    this.pending = pending;
    if (before > 0 && pending.length < before) {
      // Sent (once) since the connection came back: the agenda as the server now has it.
      this.#load(true);
      if (pending.length === 0) {
        this.announcement = (s) => s.sent;
        // « … sera envoyé dès le retour de la connexion » is no longer true: it was.
        if (this.message?.queued) this.message = { say: (s) => s.sent, queued: false };
      }
    }
  }

  /** Stores a write on the device, sends it at once when possible, and says what became of it. */
  async #write(path: string, body: unknown, method: 'POST' | 'PUT' | 'DELETE' = 'POST', key = newIdempotencyKey()): Promise<WriteResult> {
    const outbox = this.#outbox ?? outboxFor(this.client);
    this.#answering.add(key);
    try {
      await outbox.enqueue(AGENDA_OUTBOX_KIND, `sites/${this.#site}/${path}`, key, body, { auth: agentAuthRef(this.#site), method });
      if ((await outbox.pendingKeys(AGENDA_OUTBOX_KIND)).includes(key)) {
        await this.#readPending();
        return { outcome: 'queued' };
      }
      const refused = (await outbox.rejected(AGENDA_OUTBOX_KIND)).find((e) => e.key === key);
      if (refused) {
        await outbox.discardRejected(key);
        const status = refused.lastError?.status;
        if (status === 401 || status === 403) this.authProblem = status === 401 ? 'unauthorized' : 'forbidden';
        return {
          outcome: 'refused',
          status,
          refusal: refusalOf(refused.problem?.type),
          fields: (refused.problem?.invalid_params ?? []).map((p) => p.name.replace(/^body\./, '')),
        };
      }
      return { outcome: 'sent' };
    } finally {
      this.#answering.delete(key);
    }
  }

  #changed(detail: AgendaChangeDetail) {
    this.emit<AgendaChangeDetail>('fs-agenda-change', detail);
  }

  /** Reads the agenda again now and waits for it (after a change the server has). */
  async #reload(): Promise<void> {
    this.#load(true);
    const deadline = Date.now() + 10_000;
    while (this.loadState === 'loading' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // A quiet refresh keeps 'ready': wait for the answer itself.
    const started = this.loadedAt?.getTime() ?? 0;
    while ((this.loadedAt?.getTime() ?? 0) === started && this.loadState === 'ready' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  #who(a: AgendaAppointment): string {
    return a.first_name ?? this.#s.erased;
  }

  #when(date: string, time: string): string {
    return `${formatDayAndDate(date, this.i18n.locale, { inSentence: true })}, ${formatClockTime(time, this.i18n.locale)}`;
  }

  async #setStatus(a: AgendaAppointment, status: AgendaStatus, partner?: string) {
    if (status === 'done' && !a.partner && !partner) {
      this.partnerFor = a.id;
      this.donePartner = '';
      void this.#loadDirectory();
      this.#focus(`#partner-${a.id}`);
      return;
    }
    this.busy = true;
    this.rowMessage = null;
    const key = newIdempotencyKey();
    const body = { key, status, ...(partner ? { partner } : {}) };
    const result = await this.#write(`agenda/appointments/${encodeURIComponent(a.id)}/status`, body, 'POST', key);
    this.busy = false;
    this.partnerFor = null;
    if (result.outcome === 'refused') {
      this.rowMessage = { id: a.id, say: refusalSay(result.refusal) };
      this.#focus(`#row-message-${a.id}`);
      return;
    }
    const saved: Say = (s) => s.statusSaved(this.#who(a), s.status[status]);
    if (result.outcome === 'queued') {
      this.message = { say: queuedSay(saved, true), queued: true };
    } else {
      await this.#reload();
      const now = this.agenda?.appointments.find((x) => x.id === a.id);
      const act = status === 'done' && Boolean(now?.act_id);
      this.message = { say: act ? (s) => `${saved(s)} ${s.actLogged}` : saved, queued: false, act };
    }
    this.#changed({ action: 'status', id: a.id, queued: result.outcome === 'queued' });
    this.#focus('[part="message"]');
  }

  async #cancel(a: AgendaAppointment) {
    this.busy = true;
    const key = newIdempotencyKey();
    const result = await this.#write(`agenda/appointments/${encodeURIComponent(a.id)}/cancel`, { key }, 'POST', key);
    this.busy = false;
    this.cancelling = null;
    if (result.outcome === 'refused') {
      this.rowMessage = { id: a.id, say: refusalSay(result.refusal) };
      this.#focus(`#row-message-${a.id}`);
      return;
    }
    const queued = result.outcome === 'queued';
    this.message = { say: queuedSay((s) => s.cancelled(this.#who(a)), queued), queued };
    if (result.outcome === 'sent') await this.#reload();
    this.#changed({ action: 'cancel', id: a.id, queued: result.outcome === 'queued' });
    this.#focus('[part="message"]');
  }

  async #move(event: Event, a: AgendaAppointment) {
    event.preventDefault();
    if (!this.moveStart) {
      this.errors = { move: (s) => s.errors.slot };
      this.#focus(`#move-${a.id} input[type="radio"]`);
      return;
    }
    const slot = this.agenda?.days.flatMap((d) => d.slots.map((s) => ({ ...s, date: d.date }))).find((s) => s.start === this.moveStart);
    this.busy = true;
    const key = newIdempotencyKey();
    const result = await this.#write(`agenda/appointments/${encodeURIComponent(a.id)}/move`, { key, start: this.moveStart }, 'POST', key);
    this.busy = false;
    if (result.outcome === 'refused') {
      this.errors = { move: refusalSay(result.refusal) };
      if (result.refusal === 'taken') this.#load(true);
      this.#focus(`#move-error-${a.id}`);
      return;
    }
    this.moving = null;
    this.errors = {};
    const when = () => (slot ? this.#when(slot.date, slot.time) : '');
    const queued = result.outcome === 'queued';
    this.message = { say: queuedSay((s) => s.moved(this.#who(a), when()), queued), queued };
    if (result.outcome === 'sent') await this.#reload();
    this.#changed({ action: 'move', id: a.id, queued: result.outcome === 'queued' });
    this.#focus('[part="message"]');
  }

  async #unblock(b: AgendaBlock) {
    const key = newIdempotencyKey();
    const result = await this.#write(`agenda/blocks/${encodeURIComponent(b.id)}`, null, 'DELETE', key);
    if (result.outcome === 'refused') {
      this.message = { say: refusalSay(result.refusal), queued: false };
    } else {
      const queued = result.outcome === 'queued';
      this.message = { say: queuedSay((s) => s.unblocked(this.#blockText(b)), queued), queued };
      if (result.outcome === 'sent') await this.#reload();
      this.#changed({ action: 'unblock', id: b.id, queued: result.outcome === 'queued' });
    }
    this.#focus('[part="message"]');
  }

  // -------------------------------------------------------------------------------------------
  // The forms.

  #open(panel: Panel, opener: string) {
    this.#opener = opener;
    this.panel = panel;
    this.errors = {};
    this.formMessage = null;
    this.message = null;
    if (panel === 'book') {
      this.#bookKey = newIdempotencyKey();
      const reasons = this.#reasons;
      this.bookDraft = { reason: reasons.length === 1 ? reasons[0]!.key : '', start: '', firstName: '', phone: '', email: '' };
    }
    if (panel === 'block') this.blockDraft = { resource: '*', date: this.#day, from: '', to: '', label: '' };
    if (panel === 'settings') void this.#loadSettings();
    this.#focus('#form-title');
  }

  #close() {
    this.panel = 'none';
    this.errors = {};
    this.formMessage = null;
    this.#focus(`#${this.#opener}`);
  }

  /** What the agents can book for someone: the agenda's own answer, whether the public books online or not. */
  get #reasons(): BookingReason[] {
    return this.agenda?.reasons ?? [];
  }

  #showErrors(errors: Errors, order: string[]) {
    this.errors = errors;
    this.formMessage = (s) => s.formInvalid;
    const first = order.find((k) => errors[k]);
    if (first) this.#focus(`#f-${first}`);
  }

  async #submitBook(event: Event) {
    event.preventDefault();
    if (this.busy) return;
    const d = this.bookDraft;
    const errors: Errors = {};
    const reason = this.#reasons.find((r) => r.key === d.reason);
    if (!reason) errors.reason = (s) => s.errors.reason;
    else if (!d.start) errors.start = (s) => s.errors.slot;
    const firstName = d.firstName.trim();
    if (!firstName || firstName.length > BOOKING_LIMITS.firstName.max) errors.firstName = (s) => s.errors.firstName;
    if (d.phone.trim() && !PHONE.test(d.phone.trim())) errors.phone = (s) => s.errors.phone;
    if (d.email.trim() && !EMAIL.test(d.email.trim())) errors.email = (s) => s.errors.email;
    if (Object.keys(errors).length) return this.#showErrors(errors, ['reason', 'start', 'firstName', 'phone', 'email']);
    const email = d.email.trim();
    const phone = d.phone.trim();
    const body = {
      key: this.#bookKey,
      reason: d.reason,
      start: d.start,
      first_name: firstName,
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
      reminder: email ? 'email' : phone ? 'sms' : 'none',
      language: this.i18n.locale,
    };
    const slot = this.agenda?.days.flatMap((x) => x.slots.map((s) => ({ ...s, date: x.date }))).find((s) => s.start === d.start);
    const when = () => (slot ? this.#when(slot.date, slot.time) : '');
    this.busy = true;
    this.errors = {};
    this.formMessage = null;
    const result = await this.#write('agenda/appointments', body, 'POST', this.#bookKey);
    this.busy = false;
    if (result.outcome === 'refused') {
      if (this.authProblem) return this.#focus('#title');
      // The server's field → the form's field and the words of its error.
      const fieldOf: Record<string, [string, Say]> = {
        first_name: ['firstName', (s) => s.errors.firstName],
        phone: ['phone', (s) => s.errors.phone],
        email: ['email', (s) => s.errors.email],
        reason: ['reason', (s) => s.errors.reason],
        start: ['start', (s) => s.errors.slot],
      };
      const fields = result.fields.map((f) => fieldOf[f]).filter((f): f is [string, Say] => Boolean(f));
      if (result.refusal === 'taken' || result.refusal === 'unavailable') {
        this.bookDraft = { ...this.bookDraft, start: '' };
        this.#load(true);
        this.errors = { start: refusalSay(result.refusal) };
        this.formMessage = refusalSay(result.refusal);
      } else if (fields.length) {
        this.errors = Object.fromEntries(fields);
        this.formMessage = (s) => s.formInvalid;
      } else this.formMessage = refusalSay(result.refusal);
      this.#bookKey = newIdempotencyKey();
      this.#focus('.form-message');
      return;
    }
    this.panel = 'none';
    if (result.outcome === 'queued') {
      this.message = { say: (s) => `${s.write.book(firstName)} : ${when()}. ${s.queued}`, queued: true };
    } else {
      await this.#reload();
      const made = this.agenda?.appointments
        .filter((a) => a.start === d.start && a.first_name === firstName && a.booked_by === 'agent' && a.status === 'booked')
        .sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
      const code = made?.code ?? '';
      this.message = { say: (s) => s.booked(firstName, when(), code), queued: false };
    }
    this.#bookKey = newIdempotencyKey();
    this.#changed({ action: 'book', id: null, queued: result.outcome === 'queued' });
    this.#focus('[part="message"]');
  }

  async #submitBlock(event: Event) {
    event.preventDefault();
    if (this.busy || !this.agenda) return;
    const d = this.blockDraft;
    const errors: Errors = {};
    if (!isIsoDate(d.date)) errors.date = (s) => s.errors.date;
    const from = minutesOf(d.from);
    const to = minutesOf(d.to);
    if (Number.isNaN(from)) errors.from = (s) => s.errors.from;
    if (Number.isNaN(to) || (!Number.isNaN(from) && to <= from)) errors.to = (s) => s.errors.to;
    const label = d.label.trim();
    if (!label || label.length > 120) errors.label = (s) => s.errors.label;
    let start = '';
    let end = '';
    if (!Object.keys(errors).length) {
      start = zonedInstant(d.date, from, this.agenda.time_zone).toISOString();
      end = zonedInstant(d.date, to, this.agenda.time_zone).toISOString();
      if (Date.parse(end) <= this.#now.getTime()) errors.to = (s) => s.errors.past;
    }
    if (Object.keys(errors).length) return this.#showErrors(errors, ['resource', 'date', 'from', 'to', 'label']);
    const key = newIdempotencyKey();
    this.busy = true;
    this.errors = {};
    this.formMessage = null;
    const result = await this.#write('agenda/blocks', { key, resource: d.resource, start, end, label }, 'POST', key);
    this.busy = false;
    if (result.outcome === 'refused') {
      if (this.authProblem) return this.#focus('#title');
      this.formMessage = refusalSay(result.refusal);
      this.#focus('.form-message');
      return;
    }
    const blocked: Say = (s) => {
      const locale = this.i18n.locale;
      const what = s.blockRange(formatClockTime(d.from, locale), formatClockTime(d.to, locale), label);
      return s.blocked(`${formatDayAndDate(d.date, locale, { inSentence: true })}, ${what}`);
    };
    this.panel = 'none';
    const queued = result.outcome === 'queued';
    this.message = { say: queuedSay(blocked, queued), queued };
    if (result.outcome === 'sent') await this.#reload();
    this.#changed({ action: 'block', id: null, queued: result.outcome === 'queued' });
    this.#focus('[part="message"]');
  }

  async #loadDirectory() {
    if (this.directory) return;
    try {
      this.directory = await this.client.get<Directory>('directory');
    } catch {
      /* the choices fall back to the partners' ids; the settings say they could not load */
    }
  }

  async #loadSettings() {
    this.settingsState = 'loading';
    try {
      const [settings, partners] = await Promise.all([
        this.client.get<BookingSettings>(`sites/${encodeURIComponent(this.#site)}/booking-settings`, {
          headers: this.token.headers,
          cache: 'no-store',
        }),
        this.client.get<SitePartners>(`sites/${encodeURIComponent(this.#site)}/partners`, { cache: 'no-cache' }),
        this.#loadDirectory(),
      ]);
      this.partners = partners;
      this.settings = {
        enabled: settings.enabled,
        reasons: [...settings.reasons],
        duration: String(settings.duration_minutes),
        capacity: String(settings.capacity),
        horizon: String(settings.horizon_days),
        noticeHours: String(Math.round((settings.min_notice_minutes / 60) * 100) / 100),
      };
      this.settingsState = this.directory ? 'ready' : 'error';
    } catch (err) {
      const status = err instanceof ApiError ? err.status : undefined;
      if (status === 401 || status === 403) {
        this.authProblem = status === 401 ? 'unauthorized' : 'forbidden';
        this.#focus('#title');
      }
      this.settingsState = 'error';
    }
  }

  async #submitSettings(event: Event) {
    event.preventDefault();
    const d = this.settings;
    if (this.busy || !d) return;
    const L = BOOKING_LIMITS;
    const int = (v: string, min: number, max: number) => {
      const n = Number(v.trim().replace(',', '.'));
      return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
    };
    const noticeMinutes = Math.round(Number(d.noticeHours.trim().replace(',', '.')) * 60);
    const input = {
      enabled: d.enabled,
      duration_minutes: int(d.duration, L.durationMinutes.min, L.durationMinutes.max),
      capacity: int(d.capacity, L.capacity.min, L.capacity.max),
      horizon_days: int(d.horizon, L.horizonDays.min, L.horizonDays.max),
      min_notice_minutes:
        d.noticeHours.trim() !== '' &&
        Number.isFinite(noticeMinutes) &&
        noticeMinutes >= L.minNoticeMinutes.min &&
        noticeMinutes <= L.minNoticeMinutes.max
          ? noticeMinutes
          : undefined,
      reasons: d.reasons,
    };
    const errors: Errors = {};
    const number =
      (min: number, max: number): Say =>
      (s) =>
        s.errors.number(min, max);
    if (input.duration_minutes === undefined) errors.duration = number(L.durationMinutes.min, L.durationMinutes.max);
    if (input.capacity === undefined) errors.capacity = number(L.capacity.min, L.capacity.max);
    if (input.horizon_days === undefined) errors.horizon = number(L.horizonDays.min, L.horizonDays.max);
    if (input.min_notice_minutes === undefined) errors.notice = number(0, L.minNoticeMinutes.max / 60);
    if (Object.keys(errors).length) return this.#showErrors(errors, ['duration', 'capacity', 'horizon', 'notice']);
    this.busy = true;
    this.errors = {};
    this.formMessage = null;
    const result = await this.#write('booking-settings', input, 'PUT');
    this.busy = false;
    if (result.outcome === 'refused') {
      if (this.authProblem) return this.#focus('#title');
      this.formMessage = refusalSay(result.refusal);
      this.#focus('.form-message');
      return;
    }
    this.panel = 'none';
    const queued = result.outcome === 'queued';
    this.message = { say: queuedSay((s) => s.settingsSaved, queued), queued };
    // The agenda's answer says again what the agents can book and whether the public books online.
    if (result.outcome === 'sent') await this.#reload();
    this.#changed({ action: 'settings', id: null, queued: result.outcome === 'queued' });
    this.#focus('[part="message"]');
  }

  async #dismiss(key: string) {
    await this.#outbox?.discardRejected(key);
    await this.#readPending();
    this.#focus(this.refused.length ? '.refused button' : '#title');
  }

  // -------------------------------------------------------------------------------------------
  // Words.

  #partnerName(id: string | null): string {
    if (!id) return '';
    const fromReasons = this.#reasons.find((r) => r.partner === id)?.partner_name;
    return fromReasons ?? this.directory?.partners.find((p) => p.id === id)?.name ?? '';
  }

  #blockText(b: AgendaBlock): string {
    const tz = this.agenda?.time_zone ?? 'Europe/Paris';
    const locale = this.i18n.locale;
    const from = siteTime(b.start, tz);
    const to = siteTime(b.end, tz);
    return this.#s.blockRange(formatClockTime(from, locale), formatClockTime(to, locale), b.label);
  }

  #pendingText(e: OutboxEntry): string {
    const w = this.#s.write;
    const body = (e.body ?? {}) as Record<string, unknown>;
    if (e.path.endsWith('/booking-settings')) return w.settings;
    if (e.path.endsWith('/agenda/appointments')) return w.book(String(body.first_name ?? ''));
    if (e.path.endsWith('/move')) return w.move;
    if (e.path.endsWith('/cancel')) return w.cancel;
    if (e.path.endsWith('/status')) return w.status(this.#s.status[body.status as AgendaStatus] ?? String(body.status));
    if (e.method === 'DELETE') return w.unblock;
    return w.block(String(body.label ?? ''));
  }

  // -------------------------------------------------------------------------------------------
  // Rendering.

  #heading(text: string, id: string, cls = '', level = 1) {
    const l = Math.min(6, this.headingLevel + level);
    return html`<div role="heading" aria-level=${l} class=${`heading ${cls}`} id=${id} tabindex="-1">${text}</div>`;
  }

  override render() {
    const s = this.#s;
    const title = html`<div role="heading" aria-level=${this.headingLevel} id="title" tabindex="-1">${s.title}</div>`;
    if (!this.#siteOk) {
      return html`<section class="base" part="base" aria-labelledby="title">${title}<p class="notice error" part="message" data-state="no-site">${s.noSite}</p></section>`;
    }
    if (!this.token.token) {
      return html`<section class="base" part="base" aria-labelledby="title" data-state="signed-out">${title}${this.token.form(s.tokenBody)}</section>`;
    }
    if (this.authProblem) {
      return html`<section class="base" part="base" aria-labelledby="title" data-state="refused-token">
        ${title}
        <p class="notice error" part="message" role="alert">${this.authProblem === 'unauthorized' ? s.refusedToken : s.forbiddenToken}</p>
        <div class="actions"><button class="primary" type="button" @click=${() => this.changeToken()}>${s.changeToken}</button></div>
      </section>`;
    }
    return html`<section class="base" part="base" aria-labelledby="title" data-state=${this.loadState}>
      <div class="title-row">
        ${title}
        <button class="link" type="button" @click=${() => this.changeToken()}>${s.changeToken}</button>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement?.(s) ?? ''}</p>
      ${this.#toolbar()} ${this.#outboxLists()}
      ${
        this.message
          ? html`<p class=${`notice ${this.message.queued ? 'offline' : 'success'}`} part="message" tabindex="-1" role="status" data-state=${this.message.queued ? 'queued' : this.message.act ? 'act' : 'sent'}>
            ${this.message.say(s)}
          </p>`
          : nothing
      }
      ${this.panel === 'book' ? this.#bookForm() : this.panel === 'block' ? this.#blockForm() : this.panel === 'settings' ? this.#settingsForm() : nothing}
      ${this.view === 'report' ? this.#reportBody() : this.#body()}
    </section>`;
  }

  #toolbar() {
    const s = this.#s;
    const week = this.view === 'week';
    const report = this.view === 'report';
    const day = this.#day;
    return html`<div class="toolbar" part="toolbar">
      <div class="nav" role="group" aria-label=${s.navigation} aria-describedby=${report ? nothing : 'keys-hint'} @keydown=${(e: KeyboardEvent) => this.#onNavKey(e)}>
        <div class="views">
          <button class="secondary" type="button" id="view-day" aria-pressed=${week || report ? 'false' : 'true'} @click=${() => this.#go(day, 'day')}>
            ${s.viewDay}
          </button>
          <button class="secondary" type="button" id="view-week" aria-pressed=${week ? 'true' : 'false'} @click=${() => this.#go(day, 'week')}>
            ${s.viewWeek}
          </button>
          <button class="secondary" type="button" id="view-report" aria-pressed=${report ? 'true' : 'false'} @click=${() => this.#showReport()}>
            ${s.viewReport}
          </button>
        </div>
        ${
          report
            ? nothing
            : html`<div class="steps">
          <button class="secondary" type="button" id="previous" ?disabled=${!day} @click=${() => this.#step(-1)}>
            <span aria-hidden="true">‹</span> ${week ? s.previousWeek : s.previousDay}
          </button>
          <button class="secondary" type="button" id="today" ?disabled=${!day} aria-current=${day && day === this.#today && !week ? 'date' : nothing} @click=${() => this.#goToday()}>
            ${s.today}
          </button>
          <button class="secondary" type="button" id="next" ?disabled=${!day} @click=${() => this.#step(1)}>
            ${week ? s.nextWeek : s.nextDay} <span aria-hidden="true">›</span>
          </button>
        </div>
        <p class="small" id="keys-hint">${s.keysHint}</p>`
        }
      </div>
      <div class="actions">
        <button class="primary" type="button" id="open-book" aria-expanded=${this.panel === 'book' ? 'true' : 'false'} @click=${() => this.#open('book', 'open-book')}>
          ${s.bookForSomeone}
        </button>
        <button class="secondary" type="button" id="open-block" aria-expanded=${this.panel === 'block' ? 'true' : 'false'} @click=${() => this.#open('block', 'open-block')}>
          ${s.blockTime}
        </button>
        <button class="secondary" type="button" id="open-settings" aria-expanded=${this.panel === 'settings' ? 'true' : 'false'} @click=${() => this.#open('settings', 'open-settings')}>
          ${s.settings}
        </button>
      </div>
    </div>`;
  }

  #body() {
    const s = this.#s;
    const agenda = this.agenda;
    const offlineNote =
      this.loadState === 'offline'
        ? html`<div class="notice offline" part="message" data-state="offline" role="status">
            <p><strong>${s.offlineTitle}</strong></p>
            <p>${agenda && this.loadedAt ? s.offlineShown(this.#clock(this.loadedAt)) : s.offlineBody}</p>
            <div class="actions"><button class="secondary" type="button" @click=${() => this.refresh()}>${s.retry}</button></div>
          </div>`
        : nothing;
    if (this.loadState === 'error') {
      return html`<div class="notice error" part="message" data-state="error" role="alert">
        <p><strong>${s.errorTitle}</strong></p>
        <p>${s.errorBody}</p>
        <div class="actions"><button class="secondary" type="button" @click=${() => this.refresh()}>${s.retry}</button></div>
      </div>`;
    }
    if (!agenda || (this.loadState === 'loading' && !this.#shows(agenda))) {
      return html`${offlineNote}${this.loadState === 'offline' ? nothing : html`<p class="loading" part="message" data-state="loading" role="status">${s.loading}</p>`}`;
    }
    const day = this.#day;
    return html`${offlineNote}
      ${this.#heading(this.#rangeTitle(this.#calendar, day), 'range-title', 'range-title')}
      <p class="small updated">
        ${this.loadedAt ? s.updatedAt(this.#clock(this.loadedAt), this.#refreshEvery) : nothing}
        <button class="link" type="button" @click=${() => this.refresh()}>${s.refresh}</button>
      </p>
      ${agenda.online ? nothing : html`<p class="notice offline" data-state="online-off">${s.onlineOff}</p>`}
      ${this.view === 'week' ? this.#week(agenda) : this.#dayView(agenda, day)}`;
  }

  /** Whether the agenda held answers the days shown now. */
  #shows(agenda: Agenda): boolean {
    const day = this.#day;
    if (!day) return true;
    const { from, days } = rangeOf(this.#calendar, day);
    return agenda.from === from && agenda.days.length === days;
  }

  #clock(at: Date): string {
    return new Intl.DateTimeFormat(this.i18n.locale === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(at);
  }

  #resourceLabel(resource: string): string {
    const r = this.agenda?.resources.find((x) => x.resource === resource);
    if (!r) return resource;
    return this.i18n.locale === 'en' ? r.label_en : r.label;
  }

  #dayView(agenda: Agenda, date: string) {
    const s = this.#s;
    const list = appointmentsOn(agenda, date);
    const blocks = this.#blocksOn(agenda, date);
    return html`<section class="day" part="day" aria-labelledby="range-title" data-date=${date}>
      ${this.#heading(s.appointments, 'appointments-title', 'sub', 2)}
      ${
        list.length
          ? html`<ul class="appointments">
            ${list.map((a) => this.#appointment(a))}
          </ul>`
          : html`<div class="empty" data-state="empty"><p><strong>${s.emptyDay}</strong></p><p class="small">${s.emptyDayHint}</p></div>`
      }
      ${
        blocks.length
          ? html`${this.#heading(s.blocks, 'blocks-title', 'sub', 2)}
            <ul class="blocks">
              ${blocks.map(
                (b) => html`<li>
                  <span>${this.#blockText(b)}${b.resource === '*' ? nothing : html` <span class="small">(${this.#resourceLabel(b.resource)})</span>`}</span>
                  <button class="secondary" type="button" @click=${() => void this.#unblock(b)}>
                    ${s.removeBlock}<span class="visually-hidden">${s.about(this.#blockText(b))}</span>
                  </button>
                </li>`,
              )}
            </ul>`
          : nothing
      }
      ${this.#free(agenda, date)}
    </section>`;
  }

  #blocksOn(agenda: Agenda, date: string): AgendaBlock[] {
    const tz = agenda.time_zone;
    const start = zonedInstant(date, 0, tz).getTime();
    const end = zonedInstant(stepDate('day', date, 1), 0, tz).getTime();
    return agenda.blocks.filter((b) => Date.parse(b.start) < end && Date.parse(b.end) > start);
  }

  #free(agenda: Agenda, date: string) {
    const s = this.#s;
    const locale = this.i18n.locale;
    const now = this.#now;
    const slots = agenda.days.find((d) => d.date === date)?.slots ?? [];
    if (!slots.length) return html`<p class="small free-none" part="free">${s.closedDay}</p>`;
    const byResource = new Map<string, AgendaSlot[]>();
    for (const slot of slots) if (isFree(slot, now)) byResource.set(slot.resource, [...(byResource.get(slot.resource) ?? []), slot]);
    const several = agenda.resources.length > 1;
    return html`<div class="free" part="free">
      ${this.#heading(s.freeSeats, 'free-title', 'sub', 2)}
      ${
        byResource.size === 0
          ? html`<p class="small">${s.noFreeSeat}</p>`
          : [...byResource].map(
              ([resource, free]) => html`${several ? html`<p class="resource">${this.#resourceLabel(resource)}</p>` : nothing}
                <ul class="free-list" aria-label=${several ? this.#resourceLabel(resource) : s.freeSeats}>
                  ${free.map((x) => html`<li>${formatClockTime(x.time, locale)} <span class="small">· ${s.seats(x.seats_left)}</span></li>`)}
                </ul>`,
            )
      }
    </div>`;
  }

  #appointment(a: AgendaAppointment) {
    const s = this.#s;
    const locale = this.i18n.locale;
    const tz = this.agenda?.time_zone ?? 'Europe/Paris';
    const who = this.#who(a);
    const partner = this.#partnerName(a.partner);
    const reason = locale === 'en' ? a.reason_label_en : a.reason_label;
    const today = this.#today;
    const open = a.status === 'booked' && Date.parse(a.start) > this.#now.getTime();
    const markable = a.status !== 'cancelled' && today !== '' && a.date <= today;
    const button = (status: AgendaStatus, label: string) =>
      html`<button
        class=${status === a.status ? 'primary' : 'secondary'}
        type="button"
        id=${`${status}-${a.id}`}
        aria-pressed=${status === a.status ? 'true' : 'false'}
        ?disabled=${this.busy}
        @click=${() => void this.#setStatus(a, status)}
      >
        ${label}
      </button>`;
    return html`<li class="appointment" part="appointment" data-status=${a.status} data-id=${a.id}>
      <p class="when">
        <strong>${formatClockTime(a.time, locale)}</strong> – ${formatClockTime(siteTime(a.end, tz), locale)}
        <span class=${`status status-${a.status}`}>${s.status[a.status]}</span>
      </p>
      <p class="who"><strong>${who}</strong></p>
      <p>${reason}${partner ? html` <span class="small">${s.with(partner)}</span>` : nothing}</p>
      ${
        a.erased_at
          ? html`<p class="small">${s.erased}</p>`
          : a.phone || a.email
            ? html`<p class="contact">
                ${a.phone ? html`<a href=${telHref(a.phone)}><span class="visually-hidden">${s.phone} : </span>${a.phone}</a>` : nothing}
                ${a.email ? html`<a href=${`mailto:${a.email}`}><span class="visually-hidden">${s.email} : </span>${a.email}</a>` : nothing}
              </p>`
            : html`<p class="small">${s.noContact}</p>`
      }
      <p class="small">${s.code(a.code)} · ${a.booked_by === 'agent' ? s.bookedByAgent : s.bookedByPublic} · ${s.reminder[a.reminder]}</p>
      ${
        markable || open
          ? html`<div class="row-actions" role="group" aria-label=${s.statusLegend(who)}>
            ${
              markable
                ? html`${button('arrived', s.markArrived)} ${button('done', s.markDone)} ${button('no-show', s.markNoShow)}
                  ${a.status !== 'booked' ? button('booked', s.markBooked) : nothing}`
                : nothing
            }
            ${
              open
                ? html`<button class="secondary" type="button" id=${`open-move-${a.id}`} aria-expanded=${this.moving === a.id ? 'true' : 'false'} @click=${() => this.#openMove(a)}>
                    ${s.move}
                  </button>
                  <button class="secondary danger" type="button" id=${`open-cancel-${a.id}`} @click=${() => this.#openCancel(a)}>${s.cancel}</button>`
                : nothing
            }
          </div>`
          : nothing
      }
      ${this.rowMessage?.id === a.id ? html`<p class="notice error" id=${`row-message-${a.id}`} tabindex="-1" role="alert">${this.rowMessage.say(s)}</p>` : nothing}
      ${this.partnerFor === a.id ? this.#partnerChoice(a) : nothing} ${this.cancelling === a.id ? this.#confirmCancel(a) : nothing}
      ${this.moving === a.id ? this.#moveForm(a) : nothing}
    </li>`;
  }

  #openMove(a: AgendaAppointment) {
    this.moving = this.moving === a.id ? null : a.id;
    this.moveStart = '';
    this.errors = {};
    this.cancelling = null;
    if (this.moving) this.#focus(`#move-title-${a.id}`);
  }

  #openCancel(a: AgendaAppointment) {
    this.cancelling = a.id;
    this.moving = null;
    this.#focus(`#cancel-question-${a.id}`);
  }

  #partnerChoice(a: AgendaAppointment) {
    const s = this.#s;
    const names = this.directory?.partners ?? [];
    return html`<form class="inline-form" @submit=${(e: Event) => {
      e.preventDefault();
      if (this.donePartner) void this.#setStatus(a, 'done', this.donePartner);
    }}>
      <label class="field" for=${`partner-${a.id}`}>${s.donePartner}</label>
      <p class="small" id=${`partner-hint-${a.id}`}>${s.doneNeedsPartner}</p>
      <select id=${`partner-${a.id}`} aria-describedby=${`partner-hint-${a.id}`} @change=${(e: Event) => (this.donePartner = (e.target as HTMLSelectElement).value)}>
        <option value="">${s.chooseReason}</option>
        ${PARTNERS.map((p) => html`<option value=${p} ?selected=${this.donePartner === p}>${names.find((n) => n.id === p)?.name ?? p}</option>`)}
      </select>
      <div class="actions">
        <button class="primary" type="submit">${s.doneConfirm}</button>
        <button class="secondary" type="button" @click=${() => (this.partnerFor = null)}>${s.formCancel}</button>
      </div>
    </form>`;
  }

  #confirmCancel(a: AgendaAppointment) {
    const s = this.#s;
    return html`<div class="confirm" role="group" aria-labelledby=${`cancel-question-${a.id}`}>
      <p id=${`cancel-question-${a.id}`} tabindex="-1"><strong>${s.confirmCancel(this.#who(a), this.#when(a.date, a.time))}</strong></p>
      <p class="small">${s.confirmCancelHint}</p>
      <div class="actions">
        <button class="primary danger" type="button" ?disabled=${this.busy} @click=${() => void this.#cancel(a)}>${s.confirmYes}</button>
        <button
          class="secondary"
          type="button"
          @click=${() => {
            this.cancelling = null;
            this.#focus(`#open-cancel-${a.id}`);
          }}
        >
          ${s.confirmNo}
        </button>
      </div>
    </div>`;
  }

  #slotChoices(
    name: string,
    days: Array<{ date: string; slots: AgendaSlot[] }>,
    chosen: string,
    set: (start: string) => void,
    described: string,
  ) {
    const locale = this.i18n.locale;
    return days.map(
      (d) => html`<div class="slot-day">
        <p class="slot-date">${formatDayAndDate(d.date, locale)}</p>
        <ul class="slot-list">
          ${d.slots.map(
            (x) => html`<li>
              <label class="slot-choice">
                <input type="radio" name=${name} .value=${x.start} .checked=${chosen === x.start} aria-describedby=${described} @change=${() => set(x.start)} />
                ${formatClockTime(x.time, locale)}
              </label>
            </li>`,
          )}
        </ul>
      </div>`,
    );
  }

  #moveForm(a: AgendaAppointment) {
    const s = this.#s;
    const days = this.agenda ? freeSlots(this.agenda, a.resource, this.#now, a.start) : [];
    const error = this.errors.move;
    return html`<form class="inline-form" id=${`move-${a.id}`} @submit=${(e: Event) => void this.#move(e, a)} novalidate>
      <p class="heading sub" id=${`move-title-${a.id}`} tabindex="-1"><strong>${s.moveTitle(this.#who(a))}</strong></p>
      <fieldset aria-describedby=${`move-hint-${a.id}`}>
        <legend>${s.moveTo}</legend>
        <p class="small" id=${`move-hint-${a.id}`}>${s.slotHint}</p>
        ${days.length ? this.#slotChoices(`move-${a.id}`, days, this.moveStart, (v) => (this.moveStart = v), `move-hint-${a.id}`) : html`<p>${s.noSlot}</p>`}
      </fieldset>
      ${error ? html`<p class="error-text" id=${`move-error-${a.id}`} tabindex="-1" role="alert">${error(s)}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy || !days.length}>${this.busy ? s.saving : s.move}</button>
        <button
          class="secondary"
          type="button"
          @click=${() => {
            this.moving = null;
            this.#focus(`#open-move-${a.id}`);
          }}
        >
          ${s.formCancel}
        </button>
      </div>
    </form>`;
  }

  /** A labelled field with its hint and error (`#f-<name>`, `#f-<name>-error`). */
  #field(
    name: string,
    label: string,
    input: (describedBy: string, invalid: boolean) => TemplateResult,
    options: { hint?: string; required?: boolean; describedBy?: string } = {},
  ) {
    const s = this.#s;
    const error = this.errors[name];
    const describedBy = [options.hint ? `f-${name}-hint` : '', options.describedBy ?? '', error ? `f-${name}-error` : '']
      .filter(Boolean)
      .join(' ');
    return html`<div class="form-field">
      <label class="field" for=${`f-${name}`}>${label} <span class="small">${options.required ? s.required : s.optional}</span></label>
      ${options.hint ? html`<p class="small" id=${`f-${name}-hint`}>${options.hint}</p>` : nothing} ${input(describedBy, Boolean(error))}
      ${error ? html`<p class="error-text" id=${`f-${name}-error`}>${error(s)}</p>` : nothing}
    </div>`;
  }

  #formEnd(submit: string) {
    const s = this.#s;
    return html`${this.formMessage ? html`<p class="notice error form-message" role="alert" tabindex="-1">${this.formMessage(s)}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? s.saving : submit}</button>
        <button class="secondary" type="button" @click=${() => this.#close()}>${s.formCancel}</button>
      </div>`;
  }

  #text(
    name: string,
    value: string,
    set: (v: string) => void,
    type = 'text',
    extra: { autocomplete?: string; list?: string; max?: number } = {},
  ) {
    return (describedBy: string, invalid: boolean) =>
      html`<input
        id=${`f-${name}`}
        type=${type}
        .value=${value}
        autocomplete=${extra.autocomplete ?? 'off'}
        list=${extra.list ?? nothing}
        maxlength=${extra.max ?? nothing}
        aria-describedby=${describedBy || nothing}
        aria-invalid=${invalid ? 'true' : 'false'}
        @input=${(e: InputEvent) => set((e.target as HTMLInputElement).value)}
      />`;
  }

  #bookForm() {
    const s = this.#s;
    const reasons = this.#reasons;
    const d = this.bookDraft;
    const set = (patch: Partial<BookDraft>) => (this.bookDraft = { ...this.bookDraft, ...patch });
    const reason = reasons.find((r) => r.key === d.reason);
    const days = reason && this.agenda ? freeSlots(this.agenda, reason.resource, this.#now) : [];
    const locale = this.i18n.locale;
    const loading = !this.agenda;
    return html`<form class="panel" part="form" data-form="book" aria-labelledby="form-title" novalidate @submit=${(e: Event) => void this.#submitBook(e)}>
      ${this.#heading(s.bookTitle, 'form-title', 'form-title')}
      <p class="small">${s.bookIntro}</p>
      ${
        !loading && !reasons.length
          ? html`<p class="notice offline" data-state="no-reason">${s.noReason}</p>`
          : html`${this.#field(
              'reason',
              s.reason,
              (describedBy, invalid) =>
                html`<select
                  id="f-reason"
                  aria-describedby=${describedBy || nothing}
                  aria-invalid=${invalid ? 'true' : 'false'}
                  @change=${(e: Event) => set({ reason: (e.target as HTMLSelectElement).value, start: '' })}
                >
                  <option value="" ?selected=${!d.reason}>${s.chooseReason}</option>
                  ${reasons.map(
                    (r) =>
                      html`<option value=${r.key} ?selected=${d.reason === r.key}>
                        ${locale === 'en' ? r.label_en : r.label}${r.partner_name && r.kind === 'demarche' ? ` (${r.partner_name})` : ''}
                      </option>`,
                  )}
                </select>`,
              { required: true },
            )}
            <fieldset class="form-field" id="f-start" tabindex="-1" aria-describedby=${this.errors.start ? 'f-start-hint f-start-error' : 'f-start-hint'}>
              <legend>${s.slot} <span class="small">${s.required}</span></legend>
              <p class="small" id="f-start-hint">${s.slotHint}</p>
              ${
                !reason
                  ? html`<p class="small">${s.chooseReasonFirst}</p>`
                  : days.length
                    ? this.#slotChoices('book-slot', days, d.start, (start) => set({ start }), 'f-start-hint')
                    : html`<p>${s.noSlot}</p>`
              }
              ${this.errors.start ? html`<p class="error-text" id="f-start-error">${this.errors.start(s)}</p>` : nothing}
            </fieldset>
            ${this.#field(
              'firstName',
              s.firstName,
              this.#text('firstName', d.firstName, (firstName) => set({ firstName }), 'text', { max: 60 }),
              {
                required: true,
              },
            )}
            <p class="small" id="contact-hint">${s.contactHint}</p>
            <div class="pair">
              ${this.#field(
                'phone',
                s.phoneField,
                this.#text('phone', d.phone, (phone) => set({ phone }), 'tel'),
                { describedBy: 'contact-hint' },
              )}
              ${this.#field(
                'email',
                s.emailField,
                this.#text('email', d.email, (email) => set({ email }), 'email'),
                { describedBy: 'contact-hint' },
              )}
            </div>`
      }
      ${this.#formEnd(s.save)}
    </form>`;
  }

  #blockForm() {
    const s = this.#s;
    const d = this.blockDraft;
    const set = (patch: Partial<BlockDraft>) => (this.blockDraft = { ...this.blockDraft, ...patch });
    const resources = this.agenda?.resources ?? [];
    return html`<form class="panel" part="form" data-form="block" aria-labelledby="form-title" novalidate @submit=${(e: Event) => void this.#submitBlock(e)}>
      ${this.#heading(s.blockTitle, 'form-title', 'form-title')}
      <p class="small">${s.blockIntro}</p>
      ${this.#field(
        'resource',
        s.blockResource,
        () =>
          html`<select id="f-resource" @change=${(e: Event) => set({ resource: (e.target as HTMLSelectElement).value })}>
            <option value="*" ?selected=${d.resource === '*'}>${s.resourceAll}</option>
            ${resources.map((r) => html`<option value=${r.resource} ?selected=${d.resource === r.resource}>${this.#resourceLabel(r.resource)}</option>`)}
          </select>`,
        { required: true },
      )}
      ${this.#field(
        'date',
        s.blockDate,
        this.#text('date', d.date, (date) => set({ date }), 'date'),
        { required: true },
      )}
      <div class="pair">
        ${this.#field(
          'from',
          s.blockFrom,
          this.#text('from', d.from, (from) => set({ from }), 'time'),
          { required: true },
        )}
        ${this.#field(
          'to',
          s.blockTo,
          this.#text('to', d.to, (to) => set({ to }), 'time'),
          { required: true },
        )}
      </div>
      ${this.#field(
        'label',
        s.blockLabel,
        this.#text('label', d.label, (label) => set({ label }), 'text', { list: 'block-labels', max: 120 }),
        {
          required: true,
          hint: s.blockLabelHint,
        },
      )}
      <datalist id="block-labels">${s.blockSuggestions.map((l) => html`<option value=${l}></option>`)}</datalist>
      ${this.#formEnd(s.save)}
    </form>`;
  }

  #settingsForm() {
    const s = this.#s;
    const common = this.i18n.strings.common;
    const d = this.settings;
    const head = this.#heading(s.settingsTitle, 'form-title', 'form-title');
    if (this.settingsState === 'loading' || this.settingsState === 'idle' || (this.settingsState === 'ready' && !d)) {
      return html`<div class="panel" part="form" data-form="settings">${head}<p role="status">${s.settingsLoading}</p></div>`;
    }
    if (this.settingsState === 'error' || !d) {
      return html`<div class="panel" part="form" data-form="settings">
        ${head}
        <p class="notice error" role="alert">${common.errorBody}</p>
        <div class="actions">
          <button class="secondary" type="button" @click=${() => void this.#loadSettings()}>${s.retry}</button>
          <button class="secondary" type="button" @click=${() => this.#close()}>${s.close}</button>
        </div>
      </div>`;
    }
    const set = (patch: Partial<SettingsDraft>) => (this.settings = { ...d, ...patch });
    const toggle = (key: string, on: boolean) =>
      set({ reasons: on ? [...d.reasons.filter((r) => r !== key), key] : d.reasons.filter((r) => r !== key) });
    const locale = this.i18n.locale;
    const box = (key: string, label: string) =>
      html`<li>
        <label class="check"><input type="checkbox" .checked=${d.reasons.includes(key)} @change=${(e: Event) => toggle(key, (e.target as HTMLInputElement).checked)} /> ${label}</label>
      </li>`;
    const permanences = (this.partners?.permanences ?? []).filter((p) => p.by_appointment);
    const permanenceName = (p: SitePartners['permanences'][number]) =>
      p.partner
        ? (this.directory?.partners.find((x) => x.id === p.partner)?.name ?? p.partner)
        : (this.partners?.local.find((l) => l.id === p.local_partner_id)?.name ?? '');
    const number = (name: 'duration' | 'capacity' | 'horizon' | 'noticeHours', id: string, label: string, hint?: string) =>
      this.#field(
        id,
        label,
        this.#text(id, d[name], (v) => set({ [name]: v }), 'text', {}),
        { required: true, ...(hint ? { hint } : {}) },
      );
    return html`<form class="panel" part="form" data-form="settings" aria-labelledby="form-title" novalidate @submit=${(e: Event) => void this.#submitSettings(e)}>
      ${head}
      <div class="form-field">
        <label class="check strong"><input type="checkbox" id="f-enabled" .checked=${d.enabled} aria-describedby="f-enabled-hint" @change=${(e: Event) => set({ enabled: (e.target as HTMLInputElement).checked })} /> ${s.enabled}</label>
        <p class="small" id="f-enabled-hint">${s.enabledHint}</p>
      </div>
      <div class="pair">
        ${number('duration', 'duration', s.duration)} ${number('capacity', 'capacity', s.capacity)} ${number('horizon', 'horizon', s.horizon)}
        ${number('noticeHours', 'notice', s.notice, s.noticeHint)}
      </div>
      <fieldset aria-describedby="reasons-hint">
        <legend>${s.reasonsLegend}</legend>
        <p class="small" id="reasons-hint">${s.reasonsHint}</p>
        <ul class="checks">
          ${box('other', s.reasonOther)}
        </ul>
        <p class="group-title">${s.permanences}</p>
        ${
          permanences.length
            ? html`<ul class="checks">
              ${permanences.map((p) => box(`permanence:${p.id}`, s.permanenceOf(permanenceName(p))))}
            </ul>`
            : html`<p class="small">${s.noPermanence}</p>`
        }
        <p class="group-title">${s.demarches}</p>
        <ul class="checks demarches">
          ${(this.directory?.demarches ?? []).map((x) => box(`demarche:${x.id}`, locale === 'en' ? x.title_en : x.title))}
        </ul>
      </fieldset>
      ${this.#formEnd(s.save)}
    </form>`;
  }

  #week(agenda: Agenda) {
    const s = this.#s;
    const locale = this.i18n.locale;
    const today = this.#today;
    const now = this.#now;
    return html`<ol class="week">
      ${agenda.days.map((d) => {
        const list = appointmentsOn(agenda, d.date);
        const active = list.filter((a) => a.status !== 'cancelled');
        const free = d.slots.filter((x) => isFree(x, now)).reduce((n, x) => n + x.seats_left, 0);
        const blocks = this.#blocksOn(agenda, d.date);
        return html`<li class=${`week-day${d.date === today ? ' today' : ''}`} part="day" data-date=${d.date} aria-current=${d.date === today ? 'date' : nothing}>
          <button class="day-link" type="button" id=${`day-${d.date}`} @click=${() => this.#go(d.date, 'day')}>
            ${formatDayAndDate(d.date, locale)}
          </button>
          <p class="small">${s.count(active.length)} · ${d.slots.length ? s.freeCount(free) : s.noSlotShort}</p>
          ${
            list.length
              ? html`<ul class="week-list">
                ${list.map(
                  (a) => html`<li data-status=${a.status}>
                    <strong>${formatClockTime(a.time, locale)}</strong> ${this.#who(a)}
                    <span class=${`status status-${a.status}`}>${s.status[a.status]}</span>
                    <span class="small reason">${locale === 'en' ? a.reason_label_en : a.reason_label}</span>
                  </li>`,
                )}
              </ul>`
              : nothing
          }
          ${blocks.map((b) => html`<p class="small block-line">${this.#blockText(b)}</p>`)}
        </li>`;
      })}
    </ol>`;
  }

  #outboxLists() {
    const s = this.#s;
    return html`${
      this.pending.length
        ? html`<section class="notice offline pending" part="pending" aria-labelledby="pending-title" data-state="pending">
          ${this.#heading(s.pendingTitle, 'pending-title', 'sub')}
          <p class="small">${s.pendingHint}</p>
          <ul>
            ${this.pending.map((e) => html`<li>${this.#pendingText(e)}</li>`)}
          </ul>
          <div class="actions"><button class="secondary" type="button" @click=${() => this.refresh()}>${s.sendNow}</button></div>
        </section>`
        : nothing
    }
    ${
      this.refused.length
        ? html`<section class="notice error refused" part="refused" aria-labelledby="refused-title" data-state="refused">
          ${this.#heading(s.refusedTitle, 'refused-title', 'sub')}
          <p class="small">${s.refusedHint}</p>
          <ul>
            ${this.refused.map(
              (e) => html`<li>
                ${this.#pendingText(e)} : ${s.refusedWhy[refusalOf(e.problem?.type)]}
                <button class="secondary" type="button" @click=${() => void this.#dismiss(e.key)}>
                  ${s.dismiss}<span class="visually-hidden">${s.about(this.#pendingText(e))}</span>
                </button>
              </li>`,
            )}
          </ul>
        </section>`
        : nothing
    }`;
  }
}
