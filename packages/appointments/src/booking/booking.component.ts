import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type {
  AppointmentCreate,
  AppointmentCreated,
  AppointmentPublic,
  BookingReason,
  ReminderChannel,
  Site,
  SiteBooking,
  Slot,
  SlotDay,
  SlotList,
} from '@fs-widgets/contract';
import { ProblemType } from '@fs-widgets/contract/codes';
import { parseCaseCode, type CaseCodeProblem } from '@fs-widgets/contract/case-code';
import {
  ApiError,
  ApiResource,
  FsElement,
  controls,
  formStyles,
  formatClockTime,
  formatDate,
  formatDayAndDate,
  headingLevel,
  newIdempotencyKey,
  stringAttribute,
  telHref,
  widgetsServer,
} from '@fs-widgets/core';
import type { AppointmentsStrings } from '../strings/appointments-strings.js';
import '../strings/appointments-strings.js';
import { bookingStyles } from './booking.styles.js';

/** The page parameter that opens an appointment by its code (the link of the confirmation and the e-mail). */
export const BOOKING_CODE_PARAM = 'fs-rdv';

/** Days of free slots asked for at once. */
const PAGE_DAYS = 7;

type Step = 'reason' | 'slot' | 'person' | 'done';
type SubmitProblem = 'slot-taken' | 'slot-unavailable' | 'booking-disabled' | 'too-many' | 'offline' | 'error' | 'closed';
type Field = 'first_name' | 'email' | 'phone';

/** The one message of each field, looked up at render time so it follows a change of language. */
const FIELD_MESSAGE = { first_name: 'firstNameRequired', email: 'emailRequired', phone: 'phoneRequired' } as const satisfies Record<
  Field,
  string
>;

/** A free slot with its local day, as chosen. */
interface ChosenSlot extends Slot {
  date: string;
}

/** What the slot list shows: the days loaded so far, where the next page starts, and its state. */
interface SlotPages {
  siteId: string;
  reason: string;
  from: string | undefined;
  days: SlotDay[];
  nextFrom: string | null;
  status: 'loading' | 'ready' | 'error';
  error?: ApiError;
  /** The local days looked at, for « aucun horaire libre du … au … ». */
  lookedFrom?: string;
  lookedTo?: string;
}

/** What a failed write means for the person. */
function submitProblem(err: unknown): SubmitProblem {
  if (!(err instanceof ApiError)) return 'error';
  if (err.kind === 'offline' || err.kind === 'timeout') return 'offline';
  if (err.status === 429) return 'too-many';
  const type = err.problem?.type;
  if (type === ProblemType.slotTaken) return 'slot-taken';
  if (type === ProblemType.slotUnavailable) return 'slot-unavailable';
  if (type === ProblemType.bookingDisabled) return 'booking-disabled';
  if (type === ProblemType.appointmentClosed) return 'closed';
  return 'error';
}

/** The local date `days` after a `YYYY-MM-DD` date. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * « Prendre rendez-vous »: a person books a time at a France services, or at a partner's
 * permanence held there, without an account; then cancels or moves it with the booking code.
 *
 * @summary Three steps, one at a time, each with its heading: what it is for (radio choices),
 * a time (a day-by-day list of the free slots, « Voir les jours suivants » for more), a first
 * name and one way to be reminded (e-mail, SMS or none) with what is kept and for how long;
 * then the confirmation: the booking code, big and copyable, when, where (with the site's card
 * and directions), what to bring, an `.ics` file, « Imprimer » (a one-page receipt) and how to
 * cancel or move. With a `code` (or « J’ai déjà un rendez-vous », or the page's `?fs-rdv=`),
 * the appointment itself, with « Annuler » and « Déplacer ». A code is checked in the browser
 * before any request: a typing mistake is caught at once. The form is kept through a taken
 * slot, a refusal, a lost connection.
 *
 * @fires fs-booking-confirm - An appointment was booked. detail: `{ code, site_id, start }`.
 * @fires fs-booking-cancel - The appointment shown was cancelled. detail: `{ code }`.
 * @fires fs-booking-move - The appointment shown was moved. detail: `{ code, start }`.
 *
 * @csspart base - The widget.
 * @csspart reasons - The choices of what the appointment is for.
 * @csspart slots - The day-by-day list of free slots.
 * @csspart slot - One free slot's button.
 * @csspart form - The person's form (and the code form).
 * @csspart confirmation - The booked (or looked up) appointment.
 * @csspart code - The booking code.
 * @csspart message - A state message (error, offline, slot taken…).
 *
 * @cssprop [--fs-booking-accent=var(--fs-color-primary)] - Buttons, links, the chosen slot, the code's frame.
 */
export class FsBooking extends FsElement {
  static override styles = [...FsElement.styles, controls, formStyles, bookingStyles];

  @state() private view: 'book' | 'manage' = 'book';
  @state() private step: Step = 'reason';
  @state() private reasonKey = '';
  @state() private reasonMissing = false;
  @state() private slots?: SlotPages;
  @state() private chosen?: ChosenSlot;
  @state() private firstName = '';
  @state() private reminder: ReminderChannel = 'email';
  @state() private email = '';
  @state() private phone = '';
  /** The fields found wrong (their messages are written at render time, in the current language). */
  @state() private fieldErrors: Partial<Record<Field, true>> = {};
  @state() private sending = false;
  @state() private problem: SubmitProblem | null = null;
  @state() private retryMinutes = 0;
  @state() private booked?: AppointmentCreated;
  @state() private copied = false;
  // Cancelling or moving with a code.
  @state() private typedCode = '';
  @state() private codeProblem: CaseCodeProblem | null = null;
  @state() private lookedUp = '';
  @state() private appointment?: AppointmentPublic;
  @state() private lookup: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  @state() private lookupError?: ApiError;
  @state() private confirmingCancel = false;
  @state() private moving = false;
  /** What was just done to the appointment, written at render time (in the current language). */
  @state() private notice: ((t: AppointmentsStrings['booking']) => string) | null = null;

  /** The France services where appointments are booked (its `id_fs`). */
  @property({ attribute: 'site-id', reflect: true, converter: stringAttribute }) siteId = '';

  /** A booking code to show at once (cancel or move). Without it, the page's `?fs-rdv=` is used, if any. */
  @property({ reflect: true, converter: stringAttribute }) code = '';

  /** Level of the widget's heading in the page outline (2 to 6). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /** The idempotency key of the booking being made: the same request sent again books once. */
  #key = '';
  #slotsAbort?: AbortController;
  #focusNext = '';

  readonly #booking = new ApiResource<SiteBooking>(this, () =>
    this.siteId ? { client: this.client, path: `sites/${encodeURIComponent(this.siteId)}/booking` } : undefined,
  );

  readonly #site = new ApiResource<Site>(this, () => {
    const id = this.view === 'manage' ? this.appointment?.site_id : this.siteId;
    return id ? { client: this.client, path: `sites/${encodeURIComponent(id)}` } : undefined;
  });

  get #s(): AppointmentsStrings['booking'] {
    return this.i18n.part<AppointmentsStrings>('appointments').booking;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.code) {
      const fromPage = new URL(location.href).searchParams.get(BOOKING_CODE_PARAM);
      if (fromPage) this.#lookUp(fromPage, false);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#slotsAbort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) this.headingLevel = headingLevel(this.headingLevel);
    if (changed.has('code') && this.code) this.#lookUp(this.code, false);
    if (changed.has('siteId') && changed.get('siteId') !== undefined) this.#restart();
  }

  protected override updated(): void {
    if (!this.#focusNext) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.#focusNext);
    if (target) {
      this.#focusNext = '';
      target.focus();
    }
  }

  /** Moves the focus to `selector` once rendered (a step's heading, a message). */
  #focus(selector: string) {
    this.#focusNext = selector;
    this.requestUpdate();
  }

  #restart() {
    this.view = 'book';
    this.step = 'reason';
    this.chosen = undefined;
    this.slots = undefined;
    this.booked = undefined;
    this.problem = null;
    this.#key = '';
  }

  // ---------------------------------------------------------------------------------------------
  // Slots.

  async #loadSlots(siteId: string, reason: string, from: string | undefined, append: boolean) {
    this.#slotsAbort?.abort();
    const abort = new AbortController();
    this.#slotsAbort = abort;
    const previous = append && this.slots ? this.slots.days : [];
    this.slots = { siteId, reason, from, days: previous, nextFrom: null, status: 'loading' };
    try {
      const list = await this.client.get<SlotList>(`sites/${encodeURIComponent(siteId)}/slots`, {
        searchParams: { reason, days: PAGE_DAYS, ...(from ? { from } : {}) },
        signal: abort.signal,
      });
      if (abort.signal.aborted) return;
      this.slots = {
        siteId,
        reason,
        from,
        days: [...previous, ...list.days],
        nextFrom: list.next_from,
        status: 'ready',
        lookedFrom: list.from,
        lookedTo: addDays(list.from, PAGE_DAYS - 1),
      };
      if (append && list.days[0]) this.#focus(`#day-${list.days[0].date}`);
    } catch (err) {
      if (abort.signal.aborted) return;
      this.slots = { siteId, reason, from, days: previous, nextFrom: null, status: 'error', error: err as ApiError };
    }
  }

  #reason(booking: SiteBooking | undefined, key: string): BookingReason | undefined {
    return booking?.reasons.find((r) => r.key === key);
  }

  // ---------------------------------------------------------------------------------------------
  // Booking.

  #chooseReason(event: Event) {
    event.preventDefault();
    if (!this.reasonKey) {
      this.reasonMissing = true;
      this.#focus('input[name="reason"]');
      return;
    }
    this.reasonMissing = false;
    this.step = 'slot';
    this.chosen = undefined;
    this.problem = null;
    void this.#loadSlots(this.siteId, this.reasonKey, undefined, false);
    this.#focus('#step-heading');
  }

  #chooseSlot(slot: Slot, date: string) {
    this.chosen = { ...slot, date };
    if (this.moving) {
      this.problem = null;
      this.#focus('#move-confirm');
      return;
    }
    // Another time is another request: a new key (a retry of the same one keeps it).
    this.#key = '';
    this.problem = null;
    this.step = 'person';
    this.#focus('#step-heading');
  }

  #checkFields(): Partial<Record<Field, true>> {
    const errors: Partial<Record<Field, true>> = {};
    const name = this.firstName.trim();
    if (name.length < 1 || name.length > 60) errors.first_name = true;
    if (this.reminder === 'email' && !EMAIL.test(this.email.trim())) errors.email = true;
    if (this.reminder === 'sms' && this.phone.replace(/\D/g, '').length < 9) errors.phone = true;
    return errors;
  }

  async #submit(event: Event) {
    event.preventDefault();
    if (this.sending || !this.chosen) return;
    this.fieldErrors = this.#checkFields();
    const first = (['first_name', 'email', 'phone'] as const).find((f) => this.fieldErrors[f]);
    if (first) {
      this.#focus(`#${first}`);
      return;
    }
    this.#key ||= newIdempotencyKey();
    const body: AppointmentCreate = {
      key: this.#key,
      reason: this.reasonKey,
      start: this.chosen.start,
      first_name: this.firstName.trim(),
      reminder: this.reminder,
      ...(this.reminder === 'email' ? { email: this.email.trim() } : {}),
      ...(this.reminder === 'sms' ? { phone: this.phone.trim() } : {}),
    };
    this.sending = true;
    this.problem = null;
    try {
      const created = await this.client.post<AppointmentCreated>(`sites/${encodeURIComponent(this.siteId)}/appointments`, body);
      this.booked = created;
      this.step = 'done';
      this.#key = '';
      this.emit('fs-booking-confirm', { code: created.code, site_id: created.appointment.site_id, start: created.appointment.start });
      this.#focus('#done-heading');
    } catch (err) {
      this.#showProblem(err, 'person');
      const params = err instanceof ApiError ? (err.problem?.invalid_params ?? []) : [];
      if (this.problem === 'error' && params.length) {
        const errors: Partial<Record<Field, true>> = {};
        for (const p of params) if (p.name === 'first_name' || p.name === 'email' || p.name === 'phone') errors[p.name] = true;
        if (Object.keys(errors).length) {
          this.problem = null;
          this.fieldErrors = errors;
          this.#focus(`#${Object.keys(errors)[0]}`);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  /**
   * A refused write: a slot taken or gone sends back to the list, refreshed (the form is kept);
   * anything else stays where it is with its message.
   */
  #showProblem(err: unknown, where: 'person' | 'move') {
    this.problem = submitProblem(err);
    this.retryMinutes = err instanceof ApiError && err.retryAfterSeconds ? Math.max(1, Math.ceil(err.retryAfterSeconds / 60)) : 60;
    if (this.problem === 'slot-taken' || this.problem === 'slot-unavailable') {
      this.#key = '';
      this.chosen = undefined;
      if (where === 'person') this.step = 'slot';
      const slots = this.slots;
      if (slots) void this.#loadSlots(slots.siteId, slots.reason, undefined, false);
    }
    this.#focus('#problem');
  }

  // ---------------------------------------------------------------------------------------------
  // With a code: look up, cancel, move.

  #openManage() {
    this.view = 'manage';
    this.problem = null;
    this.#focus('#code');
  }

  #lookUp(input: string, focusOnError: boolean) {
    this.view = 'manage';
    this.typedCode = input;
    const parsed = parseCaseCode(input);
    if (!parsed.ok) {
      this.codeProblem = parsed.problem;
      if (focusOnError) this.#focus('#code');
      return;
    }
    this.codeProblem = null;
    this.typedCode = parsed.code;
    this.lookedUp = parsed.code;
    void this.#fetchAppointment(parsed.code);
  }

  async #fetchAppointment(code: string) {
    this.lookup = 'loading';
    this.appointment = undefined;
    this.notice = null;
    this.moving = false;
    this.confirmingCancel = false;
    try {
      const found = await this.client.get<AppointmentPublic>(`appointments/${encodeURIComponent(code)}`);
      if (this.lookedUp !== code) return;
      this.appointment = found;
      this.lookup = 'ready';
      this.#focus('#appointment-heading');
    } catch (err) {
      if (this.lookedUp !== code) return;
      this.lookupError = err as ApiError;
      this.lookup = 'error';
      this.#focus('#lookup-error');
    }
  }

  async #cancel() {
    const a = this.appointment;
    if (!a || this.sending) return;
    this.sending = true;
    this.problem = null;
    try {
      this.appointment = await this.client.post<AppointmentPublic>(`appointments/${encodeURIComponent(a.code)}/cancel`, {});
      this.confirmingCancel = false;
      this.notice = (t) => t.cancelled;
      this.emit('fs-booking-cancel', { code: a.code });
      this.#focus('#notice');
    } catch (err) {
      this.#showProblem(err, 'move');
    } finally {
      this.sending = false;
    }
  }

  #startMove() {
    const a = this.appointment;
    if (!a) return;
    this.moving = true;
    this.chosen = undefined;
    this.problem = null;
    this.notice = null;
    void this.#loadSlots(a.site_id, a.reason.key, undefined, false);
    this.#focus('#move-heading');
  }

  async #move() {
    const a = this.appointment;
    const chosen = this.chosen;
    if (!a || !chosen || this.sending) return;
    this.sending = true;
    this.problem = null;
    try {
      const moved = await this.client.post<AppointmentPublic>(`appointments/${encodeURIComponent(a.code)}/move`, { start: chosen.start });
      this.appointment = moved;
      this.moving = false;
      this.chosen = undefined;
      this.notice = (t) => t.moved(this.#when(moved.date, moved.time, true));
      this.emit('fs-booking-move', { code: moved.code, start: moved.start });
      this.#focus('#notice');
    } catch (err) {
      this.#showProblem(err, 'move');
    } finally {
      this.sending = false;
    }
  }

  async #copyCode(code: string) {
    try {
      await navigator.clipboard.writeText(code);
      this.copied = true;
    } catch {
      // No clipboard (an insecure page, a refusal): select the code, the person copies it.
      const el = this.renderRoot.querySelector('.code-value');
      if (el) getSelection()?.selectAllChildren(el);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering.

  #when(date: string, time: string, inSentence = false): string {
    const locale = this.i18n.locale;
    return this.#s.dateTime(formatDayAndDate(date, locale, { inSentence }), formatClockTime(time, locale));
  }

  #heading(text: string, level: number, id?: string) {
    return html`<div class="heading" role="heading" aria-level=${headingLevel(level)} id=${id ?? nothing} tabindex="-1">${text}</div>`;
  }

  #message(text: string, state: string, alert = true, retry?: () => void) {
    return html`<div class="notice ${alert ? 'error' : ''}" part="message" role=${alert ? 'alert' : 'status'} data-state=${state}>
      <p>${text}</p>
      ${retry ? html`<div class="actions"><button class="secondary" type="button" @click=${retry}>${this.#s.retry}</button></div>` : nothing}
    </div>`;
  }

  override render() {
    const t = this.#s;
    const booking = this.#booking.state.status === 'ready' ? this.#booking.state.data : undefined;
    const site = this.#site.state.status === 'ready' ? this.#site.state.data : undefined;
    const title = this.view === 'manage' ? t.manageTitle : site && this.siteId ? t.titleAt(site.name) : t.title;
    return html`<div part="base" class="base" data-view=${this.view} data-step=${this.view === 'book' ? this.step : nothing}>
      ${this.#heading(title, this.headingLevel, 'title')}
      ${this.view === 'manage' ? this.#manage() : this.#book(booking, site)}
    </div>`;
  }

  #book(booking: SiteBooking | undefined, site: Site | undefined) {
    const t = this.#s;
    if (!this.siteId) return html`<p class="hint">${t.noSite}</p>${this.#alreadyButton()}`;
    const state = this.#booking.state;
    if (state.status === 'idle' || state.status === 'loading') {
      return html`<p class="notice" part="message" role="status" aria-busy="true" data-state="loading">${t.loading}</p>`;
    }
    if (state.status === 'error') {
      // Nothing typed yet: the core's words for a widget that could not load.
      const offline = state.error.kind === 'offline' || state.error.kind === 'timeout';
      const common = this.i18n.strings.common;
      return this.#message(offline ? t.offlineLoad : common.errorBody, offline ? 'offline' : 'error', true, () => this.#booking.retry());
    }
    if (!booking || !booking.enabled || booking.reasons.length === 0) {
      return html`<div class="notice" part="message" role="status" data-state="disabled">
          <p>${t.disabled}</p>
          <p>
            ${site?.phone ? html`<a href=${telHref(site.phone)}>${t.disabledCall(site.phone)}</a>` : t.disabledNoPhone}
          </p>
        </div>
        ${this.#alreadyButton()}`;
    }
    if (this.step === 'done' && this.booked) return this.#done(this.booked, site);
    const steps = [t.stepReason, t.stepSlot, t.stepPerson];
    const index = this.step === 'reason' ? 0 : this.step === 'slot' ? 1 : 2;
    return html`${this.#heading(t.steps(index + 1, 3, steps[index]!), this.headingLevel + 1, 'step-heading')}
    ${this.step === 'reason' ? this.#reasons(booking) : this.step === 'slot' ? this.#slotStep(booking) : this.#person(booking)}`;
  }

  #alreadyButton() {
    return html`<div class="actions">
      <button class="link" type="button" @click=${this.#openManage}>${this.#s.alreadyBooked}</button>
    </div>`;
  }

  #reasons(booking: SiteBooking) {
    const t = this.#s;
    const en = this.i18n.locale === 'en';
    return html`<form part="reasons" @submit=${this.#chooseReason} novalidate>
        <fieldset aria-describedby=${this.reasonMissing ? 'reason-error' : nothing}>
          <legend>${t.reasonLegend}</legend>
          <div class="reasons">
            ${booking.reasons.map(
              (r) => html`<label class="reason">
                <input
                  type="radio"
                  name="reason"
                  .value=${r.key}
                  .checked=${this.reasonKey === r.key}
                  @change=${() => {
                    this.reasonKey = r.key;
                    this.reasonMissing = false;
                  }}
                />
                <span>
                  <span class="reason-label">${en ? r.label_en : r.label}</span>
                  ${r.partner_name ? html`<span class="small">${t.reasonWith(r.partner_name)}</span>` : nothing}
                </span>
              </label>`,
            )}
          </div>
        </fieldset>
        ${this.reasonMissing ? html`<p class="error-text" id="reason-error" role="alert">${t.reasonRequired}</p>` : nothing}
        <div class="actions">
          <button class="primary" type="submit">${t.next}</button>
        </div>
      </form>
      ${this.#alreadyButton()}`;
  }

  #slotStep(booking: SiteBooking) {
    const t = this.#s;
    const reason = this.#reason(booking, this.reasonKey);
    return html`<div class="chosen">
        <p class="hint">
          ${reason ? html`<strong>${this.i18n.locale === 'en' ? reason.label_en : reason.label}</strong> · ` : nothing}${t.slotsIntro(
            booking.duration_minutes,
          )}
        </p>
        <button class="link" type="button" @click=${() => this.#back('reason')}>${t.changeReason}</button>
      </div>
      ${this.#problemMessage()} ${this.#slotList(this.headingLevel + 2)}`;
  }

  #back(step: Step) {
    this.step = step;
    this.problem = null;
    this.#focus('#step-heading');
  }

  /** The free slots, day by day: a heading per day and a list of buttons. */
  #slotList(dayLevel: number) {
    const t = this.#s;
    const slots = this.slots;
    const locale = this.i18n.locale;
    if (!slots) return nothing;
    const list = slots.days.length
      ? html`<div class="days" part="slots">
          ${slots.days.map((day) => {
            const dayText = formatDayAndDate(day.date, locale);
            return html`<section class="day" aria-labelledby=${`day-${day.date}`}>
              <div class="day-heading" role="heading" aria-level=${headingLevel(dayLevel)} id=${`day-${day.date}`} tabindex="-1">
                ${dayText}
              </div>
              <ul class="slots">
                ${day.slots.map((slot) => {
                  const chosen = this.chosen?.start === slot.start;
                  return html`<li>
                    <button
                      class="slot"
                      part="slot"
                      type="button"
                      aria-pressed=${chosen ? 'true' : 'false'}
                      data-start=${slot.start}
                      @click=${() => this.#chooseSlot(slot, day.date)}
                    >
                      ${formatClockTime(slot.time, locale)}<span class="visually-hidden">, ${dayText}</span>
                    </button>
                  </li>`;
                })}
              </ul>
            </section>`;
          })}
        </div>`
      : nothing;
    let after: unknown = nothing;
    if (slots.status === 'loading') {
      after = html`<p class="notice" part="message" role="status" aria-busy="true" data-state="loading">${t.slotsLoading}</p>`;
    } else if (slots.status === 'error') {
      const offline = slots.error?.kind === 'offline' || slots.error?.kind === 'timeout';
      after = this.#message(offline ? t.offlineLoad : this.i18n.strings.common.errorBody, offline ? 'offline' : 'error', true, () =>
        this.#loadSlots(slots.siteId, slots.reason, slots.from, slots.days.length > 0),
      );
    } else if (slots.days.length === 0 && !slots.nextFrom) {
      const booking = this.#booking.state.status === 'ready' ? this.#booking.state.data : undefined;
      const site = this.#site.state.status === 'ready' ? this.#site.state.data : undefined;
      after = html`<div class="notice" part="message" role="status" data-state="no-slots">
        <p>${t.noSlots(booking?.horizon_days ?? PAGE_DAYS)}</p>
        <p>${t.noSlotsWhat}</p>
        ${site?.phone ? html`<p><a href=${telHref(site.phone)}>${t.disabledCall(site.phone)}</a></p>` : nothing}
        <p><a href=${`${widgetsServer(this.api)}s/${encodeURIComponent(slots.siteId)}`}>${t.otherSites}</a></p>
      </div>`;
    } else if (slots.nextFrom) {
      after = html`${
        slots.days.length === 0 && slots.lookedFrom && slots.lookedTo
          ? html`<p class="notice" role="status" data-state="no-slots-yet">
              ${t.noSlotsYet(formatDate(slots.lookedFrom, locale), formatDate(slots.lookedTo, locale))}
            </p>`
          : nothing
      }
        <div class="actions">
          <button class="secondary" type="button" @click=${() => this.#loadSlots(slots.siteId, slots.reason, slots.nextFrom!, true)}>
            ${t.moreDays}
          </button>
        </div>`;
    } else {
      after = html`<p class="small">${t.horizonEnd}</p>`;
    }
    return html`${list}${after}`;
  }

  #problemMessage() {
    const t = this.#s;
    const p = this.problem;
    if (!p) return nothing;
    const text =
      p === 'slot-taken'
        ? t.slotTaken
        : p === 'slot-unavailable'
          ? t.slotUnavailable
          : p === 'booking-disabled'
            ? t.bookingDisabled
            : p === 'too-many'
              ? t.tooMany(this.retryMinutes)
              : p === 'offline'
                ? t.offline
                : p === 'closed'
                  ? t.closed
                  : t.error;
    return html`<div class="notice error" part="message" role="alert" id="problem" tabindex="-1" data-state=${p}><p>${text}</p></div>`;
  }

  #person(booking: SiteBooking) {
    const t = this.#s;
    const chosen = this.chosen!;
    const reason = this.#reason(booking, this.reasonKey);
    const error = (field: Field) =>
      this.fieldErrors[field] ? html`<p class="error-text" id=${`${field}-error`}>${t[FIELD_MESSAGE[field]]}</p>` : nothing;
    const described = (field: Field, hint: boolean) =>
      [hint ? `${field}-hint` : '', this.fieldErrors[field] ? `${field}-error` : ''].filter(Boolean).join(' ') || nothing;
    const input = (field: Field) => (e: Event) => {
      const value = (e.target as HTMLInputElement).value;
      if (field === 'first_name') this.firstName = value;
      else if (field === 'email') this.email = value;
      else this.phone = value;
    };
    const channel = (value: ReminderChannel, label: string) =>
      html`<label class="choice-inline">
        <input
          type="radio"
          name="reminder"
          .value=${value}
          .checked=${this.reminder === value}
          @change=${() => {
            this.reminder = value;
            this.fieldErrors = {};
          }}
        />
        ${label}
      </label>`;
    return html`<div class="chosen">
        <p><strong>${t.chosen}</strong>${t.colon}${this.#when(chosen.date, chosen.time, true)}${reason ? html` · ${this.i18n.locale === 'en' ? reason.label_en : reason.label}` : nothing}</p>
        <button class="link" type="button" @click=${() => this.#back('slot')}>${t.change}</button>
      </div>
      ${this.#problemMessage()}
      <form part="form" @submit=${this.#submit} novalidate>
        <label class="field" for="first_name">${t.firstName}</label>
        <p class="small" id="first_name-hint">${t.firstNameHint}</p>
        <input
          id="first_name"
          name="first_name"
          autocomplete="given-name"
          maxlength="60"
          required
          .value=${this.firstName}
          aria-invalid=${this.fieldErrors.first_name ? 'true' : 'false'}
          aria-describedby=${described('first_name', true)}
          @input=${input('first_name')}
        />
        ${error('first_name')}
        <fieldset>
          <legend>${t.reminderLegend}</legend>
          <div class="channels">
            ${channel('email', t.reminderEmail)} ${channel('sms', t.reminderSms)} ${channel('none', t.reminderNone)}
          </div>
        </fieldset>
        ${
          this.reminder === 'email'
            ? html`<label class="field" for="email">${t.email}</label>
                <p class="small" id="email-hint">${t.emailHint}</p>
                <input
                  id="email"
                  name="email"
                  type="email"
                  autocomplete="email"
                  maxlength="254"
                  required
                  .value=${this.email}
                  aria-invalid=${this.fieldErrors.email ? 'true' : 'false'}
                  aria-describedby=${described('email', true)}
                  @input=${input('email')}
                />
                ${error('email')}`
            : nothing
        }
        ${
          this.reminder === 'sms'
            ? html`<label class="field" for="phone">${t.phone}</label>
                <p class="small" id="phone-hint">${t.phoneHint}</p>
                <input
                  id="phone"
                  name="phone"
                  type="tel"
                  autocomplete="tel"
                  maxlength="30"
                  required
                  .value=${this.phone}
                  aria-invalid=${this.fieldErrors.phone ? 'true' : 'false'}
                  aria-describedby=${described('phone', true)}
                  @input=${input('phone')}
                />
                ${error('phone')}`
            : nothing
        }
        <p class="small privacy">${t.privacy(booking.retention_days ?? null)}</p>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.sending} aria-busy=${this.sending ? 'true' : 'false'}>
            ${this.sending ? t.sending : t.confirm}
          </button>
        </div>
      </form>`;
  }

  /** The link that opens this appointment again: the widgets server's `/rdv/<code>` page (works whatever the host page becomes). */
  #manageUrl(code: string): string {
    return `${widgetsServer(this.api)}rdv/${encodeURIComponent(code)}`;
  }

  #details(a: AppointmentPublic, site: Site | undefined) {
    const t = this.#s;
    const en = this.i18n.locale === 'en';
    const address = site?.address;
    return html`<dl class="details">
        <dt>${t.when}</dt>
        <dd><time datetime=${a.start}>${this.#when(a.date, a.time)}</time></dd>
        <dt>${t.what}</dt>
        <dd>${en ? a.reason.label_en : a.reason.label}${a.reason.partner_name ? html`, ${t.reasonWith(a.reason.partner_name)}` : nothing}</dd>
        <dt>${t.where}</dt>
        <dd>
          <span class="site-name">${a.site_name}</span>
          ${
            address
              ? html`<br />${address.street}${address.complement ? html`, ${address.complement}` : nothing}<br />${address.postcode}
                  ${address.commune}`
              : nothing
          }
          ${
            site
              ? html`<span class="no-print"
                  ><br /><a
                    href=${`https://www.openstreetmap.org/directions?route=%3B${site.location.lat.toFixed(6)}%2C${site.location.lon.toFixed(6)}`}
                    target="_blank"
                    rel="noopener"
                    >${t.directions}</a
                  ></span
                >`
              : nothing
          }
          ${site?.phone ? html`<br /><a href=${telHref(site.phone)}>${site.phone}</a>` : nothing}
        </dd>
        <dt>${t.documents}</dt>
        <dd>
          ${
            a.reason.documents.length
              ? html`<ul class="documents">
                  ${a.reason.documents.map((d) => html`<li>${d}</li>`)}
                </ul>`
              : t.noDocuments
          }
        </dd>
      </dl>
      <p class="small">${t.reminderBy[a.reminder]}</p>`;
  }

  #siteCard(site: Site | undefined) {
    if (!site) return nothing;
    if (!customElements.get('fs-site-card')) void import('@fs-widgets/site-locator/site-card.js');
    return html`<fs-site-card
      class="site-card no-print"
      .site=${site}
      booking-url="none"
      heading-level=${this.headingLevel + 1}
    ></fs-site-card>`;
  }

  #codeBox(code: string) {
    const t = this.#s;
    return html`<div class="code-box" part="code">
      <p class="small">${t.code}</p>
      <p class="code-value" id="booking-code">${code}</p>
      <p class="small">${t.codeHint}</p>
      <div class="actions no-print">
        <button class="secondary" type="button" aria-describedby="booking-code" @click=${() => this.#copyCode(code)}>${t.copy}</button>
        <span role="status" class="small">${this.copied ? t.copied : ''}</span>
      </div>
    </div>`;
  }

  #done(created: AppointmentCreated, site: Site | undefined) {
    const t = this.#s;
    const a = created.appointment;
    const manage = this.#manageUrl(created.code);
    return html`<section part="confirmation" class="confirmation" aria-labelledby="done-heading">
      <div class="heading success" role="heading" aria-level=${headingLevel(this.headingLevel + 1)} id="done-heading" tabindex="-1">
        ${t.doneTitle}
      </div>
      ${this.#codeBox(created.code)} ${this.#details(a, site)}
      <div class="actions no-print">
        <a class="button secondary" href=${this.client.url(`appointments/${encodeURIComponent(created.code)}/event.ics`)} download
          >${t.calendar}</a
        >
        <button class="secondary" type="button" @click=${() => window.print()}>${t.print}</button>
      </div>
      <p class="small">${t.howToChange} <a class="manage-link" href=${manage}>${manage.replace(/^https?:\/\//, '')}</a></p>
      ${this.#siteCard(site)}
      <div class="actions no-print">
        <button class="link" type="button" @click=${this.#another}>${t.another}</button>
      </div>
    </section>`;
  }

  #another() {
    this.#restart();
    this.reasonKey = '';
    this.#focus('#step-heading');
  }

  #manage() {
    const t = this.#s;
    const shown = this.lookup === 'ready' && this.appointment && !this.codeProblem;
    return html`${shown ? nothing : this.#codeForm()} ${this.#lookupResult()}
    ${
      shown
        ? html`<div class="actions no-print">
            <button class="link" type="button" @click=${this.#otherCode}>${t.otherCode}</button>
          </div>`
        : nothing
    }
    ${
      this.siteId
        ? html`<div class="actions no-print">
            <button class="link" type="button" @click=${this.#backToBooking}>${t.title}</button>
          </div>`
        : nothing
    }`;
  }

  #otherCode() {
    this.lookup = 'idle';
    this.lookedUp = '';
    this.appointment = undefined;
    this.typedCode = '';
    this.notice = null;
    this.problem = null;
    this.#focus('#code');
  }

  #backToBooking() {
    this.#restart();
    this.#focus('#step-heading');
  }

  #codeForm() {
    const t = this.#s;
    const problem = this.codeProblem;
    const message =
      problem === 'check'
        ? t.codeMistyped
        : problem === 'symbol'
          ? t.codeSymbol
          : problem === 'length'
            ? t.codeLength
            : problem === 'empty'
              ? t.codeEmpty
              : '';
    return html`<form
      part="form"
      class="code-form no-print"
      novalidate
      @submit=${(e: Event) => {
        e.preventDefault();
        this.#lookUp(this.renderRoot.querySelector<HTMLInputElement>('#code')?.value ?? this.typedCode, true);
      }}
    >
      <p class="hint">${t.codeIntro}</p>
      <label class="field" for="code">${t.codeLabel}</label>
      <p class="small" id="code-hint">${t.codeHintForm}</p>
      <div class="code-row">
        <input
          id="code"
          class="code"
          name="code"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          maxlength="20"
          .value=${this.typedCode}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${problem ? 'code-hint code-error' : 'code-hint'}
          @input=${(e: InputEvent) => (this.typedCode = (e.target as HTMLInputElement).value)}
        />
        <button class="primary" type="submit">${t.codeSubmit}</button>
      </div>
      ${problem ? html`<p class="error-text" id="code-error" role="alert">${message}</p>` : nothing}
    </form>`;
  }

  #lookupResult() {
    const t = this.#s;
    if (this.codeProblem || !this.lookedUp) return nothing;
    if (this.lookup === 'loading') {
      return html`<p class="notice" part="message" role="status" aria-busy="true" data-state="loading">${t.lookupLoading}</p>`;
    }
    if (this.lookup === 'error') {
      const err = this.lookupError;
      const offline = err?.kind === 'offline' || err?.kind === 'timeout';
      const text =
        err?.status === 404
          ? t.codeUnknown
          : err?.problem?.type === ProblemType.mistypedCode
            ? t.codeMistyped
            : err?.status === 429
              ? t.tooMany(Math.max(1, Math.ceil((err.retryAfterSeconds ?? 3600) / 60)))
              : offline
                ? t.offline
                : t.error;
      const state = err?.status === 404 ? 'unknown' : offline ? 'offline' : 'error';
      return html`<div class="notice error" part="message" role="alert" id="lookup-error" tabindex="-1" data-state=${state}>
        <p>${text}</p>
        ${
          offline || err?.kind === 'server'
            ? html`<div class="actions">
                <button class="secondary" type="button" @click=${() => this.#fetchAppointment(this.lookedUp)}>${t.retry}</button>
              </div>`
            : nothing
        }
      </div>`;
    }
    const a = this.appointment;
    if (!a) return nothing;
    const site = this.#site.state.status === 'ready' ? this.#site.state.data : undefined;
    const level = this.headingLevel + 1;
    return html`<section part="confirmation" class="confirmation" aria-labelledby="appointment-heading">
      ${
        this.notice
          ? html`<p class="notice success" part="message" role="status" id="notice" tabindex="-1" data-state="notice">${this.notice(this.#s)}</p>`
          : nothing
      }
      <div class="heading" role="heading" aria-level=${headingLevel(level)} id="appointment-heading" tabindex="-1">
        ${this.i18n.locale === 'en' ? a.reason.label_en : a.reason.label}
      </div>
      <p class="status-badge" data-status=${a.status}>${t.statuses[a.status]}</p>
      ${this.#codeBox(a.code)} ${this.#details(a, site)}
      ${
        a.status !== 'cancelled'
          ? html`<div class="actions no-print">
              <a class="button secondary" href=${this.client.url(`appointments/${encodeURIComponent(a.code)}/event.ics`)} download
                >${t.calendar}</a
              >
              <button class="secondary" type="button" @click=${() => window.print()}>${t.print}</button>
            </div>`
          : nothing
      }
      ${this.moving ? nothing : this.#problemMessage()} ${this.#changeActions(a)}
      ${this.moving ? this.#moveView(level) : nothing}
    </section>`;
  }

  #changeActions(a: AppointmentPublic) {
    const t = this.#s;
    if (a.status === 'cancelled') return nothing;
    if (!a.changeable) return html`<p class="notice" part="message" data-state="closed">${t.notChangeable}</p>`;
    if (this.confirmingCancel) {
      return html`<div class="notice confirm no-print" role="group" aria-labelledby="cancel-question">
        <p id="cancel-question">${t.cancelConfirm}</p>
        <div class="actions">
          <button class="primary danger" type="button" ?disabled=${this.sending} @click=${this.#cancel}>${t.cancelYes}</button>
          <button
            class="secondary"
            type="button"
            id="cancel-no"
            @click=${() => {
              this.confirmingCancel = false;
              this.#focus('#cancel-button');
            }}
          >
            ${t.cancelNo}
          </button>
        </div>
      </div>`;
    }
    if (this.moving) return nothing;
    return html`<div class="actions no-print">
      <button class="secondary" type="button" @click=${this.#startMove}>${t.move}</button>
      <button
        class="secondary"
        type="button"
        id="cancel-button"
        @click=${() => {
          this.confirmingCancel = true;
          this.#focus('#cancel-no');
        }}
      >
        ${t.cancel}
      </button>
    </div>`;
  }

  #moveView(level: number) {
    const t = this.#s;
    const chosen = this.chosen;
    return html`<section class="move no-print" aria-labelledby="move-heading">
      ${this.#heading(t.moveTitle, level, 'move-heading')} ${this.#problemMessage()} ${this.#slotList(level + 1)}
      ${
        chosen
          ? html`<div class="actions">
              <button class="primary" type="button" id="move-confirm" ?disabled=${this.sending} @click=${this.#move}>
                ${t.moveTo(this.#when(chosen.date, chosen.time, true))}
              </button>
            </div>`
          : nothing
      }
      <div class="actions">
        <button
          class="link"
          type="button"
          @click=${() => {
            this.moving = false;
            this.chosen = undefined;
            this.problem = null;
            this.#focus('#appointment-heading');
          }}
        >
          ${t.back}
        </button>
      </div>
    </section>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-booking-confirm': CustomEvent<{ code: string; site_id: string; start: string }>;
    'fs-booking-cancel': CustomEvent<{ code: string }>;
    'fs-booking-move': CustomEvent<{ code: string; start: string }>;
  }
}
