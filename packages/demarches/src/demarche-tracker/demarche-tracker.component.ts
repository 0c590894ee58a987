import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AppointmentPublic, CasePublic, Site } from '@fs-widgets/contract';
import {
  controls,
  formStyles,
  ApiResource,
  FsElement,
  formatClockTime,
  formatDate,
  formatDayAndDate,
  stringAttribute,
  telHref,
  headingLevel,
  widgetsServer,
} from '@fs-widgets/core';
import { parseCaseCode, type CaseCodeProblem } from '@fs-widgets/contract/case-code';
import { formatDateTime } from '../shared/format.js';
import { CODE_PARAM, caseProblem } from '../shared/problems.js';
import { demarchesSharedStyles } from '../shared/shared.styles.js';
import type { DemarchesStrings } from '../strings/demarches-strings.js';
import '../strings/demarches-strings.js';
import { demarcheTrackerStyles } from './demarche-tracker.styles.js';
import { siteCard } from '../shared/site-card.js';

/**
 * "Suivre mon dossier": a person follows a follow-up case opened at a France services with the
 * code printed on the receipt (or the receipt's QR code, which opens the page with `?fs-code=`).
 *
 * @summary A code field (lower case, spaces and dashes accepted; the check symbol is verified
 * in the browser, so a typing mistake is caught before any request), then the case: a status
 * timeline, the current step, what to bring, the next appointment and the site's contact
 * details. Distinct messages for a mistyped, unknown or expired code, too many attempts, and
 * offline (with the copy saved on the device, if any). No personal data is ever shown: there is none.
 *
 * @fires fs-case-show - A case is on screen. detail: `{ code, status }`. Also fired as `fs-case-shown` (deprecated) until the next release.
 *
 * @csspart base - The widget.
 * @csspart form - The code form.
 * @csspart input - The code field.
 * @csspart submit - The button that looks the code up.
 * @csspart case - The case, once found.
 * @csspart timeline - The ordered list of status events.
 * @csspart event - One status event.
 * @csspart message - A state message (error, offline…).
 *
 * @cssprop [--fs-demarches-accent=var(--fs-color-primary)] - Buttons, links, the current step.
 */
export class FsDemarcheTracker extends FsElement {
  static override styles = [...FsElement.styles, controls, formStyles, demarchesSharedStyles, demarcheTrackerStyles];

  /** A code to show at once. Without it, the page's `?fs-code=` parameter is used, if any. */
  @property({ reflect: true, converter: stringAttribute }) code = '';

  /** Level of the widget's heading in the page outline (2 to 6). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  @state() private typed = '';
  @state() private inputProblem: CaseCodeProblem | null = null;
  /** The validated code being looked up, `XXXX-XXXX-XXC`. */
  @state() private lookedUp = '';

  readonly #case = new ApiResource<CasePublic>(this, () =>
    this.lookedUp ? { client: this.client, path: `cases/${this.lookedUp}` } : undefined,
  );

  /**
   * A code that is no case may be a booking's (the same scheme): asked only then, it shows the
   * appointment and links to its page, where it can be cancelled or moved.
   */
  readonly #appointment = new ApiResource<AppointmentPublic>(this, () => {
    const state = this.#case.state;
    return state.status === 'error' && state.error.status === 404 && this.lookedUp
      ? { client: this.client, path: `appointments/${this.lookedUp}` }
      : undefined;
  });

  readonly #site = new ApiResource<Site>(this, () => {
    const state = this.#case.state;
    return state.status === 'ready' ? { client: this.client, path: `sites/${encodeURIComponent(state.data.site_id)}` } : undefined;
  });

  #shown = '';

  get #s(): DemarchesStrings {
    return this.i18n.part<DemarchesStrings>('demarches');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.code) {
      const fromPage = new URL(location.href).searchParams.get(CODE_PARAM);
      if (fromPage) this.#lookUp(fromPage, false);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) {
      this.headingLevel = headingLevel(this.headingLevel);
    }
    if (changed.has('code') && this.code) this.#lookUp(this.code, false);
  }

  protected override updated(): void {
    const state = this.#case.state;
    if (state.status === 'ready' && !state.fromCache && this.#shown !== state.data.code + state.data.updated_at) {
      this.#shown = state.data.code + state.data.updated_at;
      this.emit('fs-case-show', { code: state.data.code, status: state.data.status }, { formerName: 'fs-case-shown' });
    }
  }

  /** Validates in the browser; only a well-formed code with the right check symbol is looked up. */
  #lookUp(input: string, focusOnError: boolean) {
    this.typed = input;
    const parsed = parseCaseCode(input);
    if (!parsed.ok) {
      this.inputProblem = parsed.problem;
      this.lookedUp = '';
      if (focusOnError) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus());
      return;
    }
    this.inputProblem = null;
    this.typed = parsed.code;
    if (parsed.code === this.lookedUp) this.#case.retry();
    else this.lookedUp = parsed.code;
  }

  #submit(event: Event) {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#code');
    this.#lookUp(input?.value ?? this.typed, true);
  }

  #heading(text: string, level = this.headingLevel) {
    return html`<div class="title" role="heading" aria-level=${headingLevel(level)} tabindex="-1">${text}</div>`;
  }

  override render() {
    const t = this.#s.tracker;
    return html`<div part="base" class="base">
      ${this.#heading(t.title)}
      <p class="hint">${t.intro}</p>
      ${this.#form()} ${this.#result()}
    </div>`;
  }

  #form() {
    const t = this.#s.tracker;
    const problem = this.inputProblem;
    const message = problem === 'check' ? t.mistyped : problem ? t[problem] : '';
    return html`<form part="form" class="code-form" @submit=${this.#submit} novalidate>
      <label class="field" for="code">${t.codeLabel}</label>
      <p class="small" id="code-hint">${t.codeHint}</p>
      <div class="code-row">
        <input
          id="code"
          part="input"
          class="code"
          name="code"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          inputmode="text"
          maxlength="20"
          .value=${this.typed}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${problem ? 'code-hint code-error' : 'code-hint'}
          @input=${(e: InputEvent) => (this.typed = (e.target as HTMLInputElement).value)}
        />
        <button class="primary" part="submit" type="submit">${t.submit}</button>
      </div>
      ${problem ? html`<p class="error-text" id="code-error" role="alert">${message}</p>` : nothing}
    </form>`;
  }

  #result() {
    const t = this.#s.tracker;
    if (this.inputProblem || !this.lookedUp) return nothing;
    const state = this.#case.state;
    if (state.status === 'loading' || state.status === 'idle') {
      return html`<p class="notice" part="message" role="status" aria-busy="true">${t.loading}</p>`;
    }
    if (state.status === 'error' && state.error.status === 404) {
      const booking = this.#appointment.state;
      if (booking.status === 'idle' || booking.status === 'loading') {
        return html`<p class="notice" part="message" role="status" aria-busy="true">${t.loading}</p>`;
      }
      if (booking.status === 'ready') return this.#bookingView(booking.data);
    }
    if (state.status === 'error') {
      const problem = caseProblem(state.error);
      const text =
        problem === 'mistyped' || problem === 'invalid'
          ? t.mistyped
          : problem === 'unknown'
            ? t.unknown
            : problem === 'expired'
              ? t.expired
              : problem === 'too-many'
                ? state.error.retryAfterSeconds
                  ? t.tooManyWait(state.error.retryAfterSeconds)
                  : t.tooMany
                : problem === 'offline'
                  ? t.offline
                  : t.error;
      const canRetry = problem === 'offline' || problem === 'server' || problem === 'too-many';
      return html`<div class="notice error" part="message" role="alert" data-state=${problem}>
        <p>${text}</p>
        ${
          canRetry
            ? html`<div class="actions"><button class="secondary" type="button" @click=${() => this.#case.retry()}>${t.retry}</button></div>`
            : nothing
        }
      </div>`;
    }
    return this.#caseView(state.data, state.offline ? state.savedAt : undefined);
  }

  /** A booking's code: the appointment, and its page to cancel or move it. */
  #bookingView(a: AppointmentPublic) {
    const t = this.#s.tracker;
    const locale = this.i18n.locale;
    const when = t.bookingWhen(formatDayAndDate(a.date, locale, { inSentence: true }), formatClockTime(a.time, locale));
    return html`<section part="case" class="case" aria-labelledby="case-title" data-kind="booking">
      <div class="subtitle" role="heading" aria-level=${headingLevel(this.headingLevel + 1)} id="case-title">${t.bookingTitle}</div>
      <p class="small"><span class="code">${a.code}</span></p>
      <p class="status-badge" data-status=${a.status}>${t.bookingStatuses[a.status]}</p>
      <p>${t.booking(locale === 'en' ? a.reason.label_en : a.reason.label, when, a.site_name)}</p>
      ${
        a.status === 'booked'
          ? html`<p><a href=${`${widgetsServer(this.api)}rdv/${encodeURIComponent(a.code)}`}>${t.bookingLink}</a></p>`
          : nothing
      }
    </section>`;
  }

  #caseView(c: CasePublic, offlineSince: Date | undefined) {
    const t = this.#s.tracker;
    const s = this.#s;
    const locale = this.i18n.locale;
    const sub = this.headingLevel + 1;
    const last = c.history.length - 1;
    return html`<section part="case" class="case" aria-labelledby="case-title">
      ${
        offlineSince
          ? html`<p class="notice" part="message" role="status" data-state="offline">
            ${t.offlineCopy(formatDateTime(offlineSince.toISOString(), locale))}
          </p>`
          : nothing
      }
      <div class="case-head">
        <div class="subtitle" role="heading" aria-level=${headingLevel(sub)} id="case-title">${c.demarche}</div>
        <p class="small"><span class="code">${c.code}</span> · ${s.partners[c.partner] ?? c.partner}</p>
        <p class="status-badge" data-status=${c.status}>${s.statuses[c.status]}</p>
      </div>
      <div class="subtitle" role="heading" aria-level=${headingLevel(sub)}>${t.status}</div>
      <ol class="timeline" part="timeline">
        ${c.history.map(
          (e, i) => html`<li part="event" class=${i === last ? 'current' : ''} aria-current=${i === last ? 'step' : nothing}>
            <span class="event-status">${s.statuses[e.status]}</span>
            ${i === last ? html`<span class="visually-hidden">(${t.current})</span>` : nothing}
            <span class="event-step">${e.step}</span>
            <time class="small" datetime=${e.at}>${formatDateTime(e.at, locale)}</time>
          </li>`,
        )}
      </ol>
      <dl>
        <dt>${t.currentStep}</dt>
        <dd>${c.step}</dd>
        <dt>${t.documents}</dt>
        <dd>
          ${
            c.documents.length
              ? html`<ul class="documents">
                ${c.documents.map((d) => html`<li>${d}</li>`)}
              </ul>`
              : t.noDocuments
          }
        </dd>
        <dt>${t.appointment}</dt>
        <dd>${c.appointment ? html`<time datetime=${c.appointment}>${formatDateTime(c.appointment, locale)}</time>` : t.noAppointment}</dd>
        <dt>${t.site}</dt>
        <dd>${this.#siteView()}</dd>
      </dl>
      ${this.#site.state.status === 'ready' ? siteCard(this.#site.state.data, this.headingLevel + 1) : nothing}
      <p class="small">${t.updated(formatDateTime(c.updated_at, locale))} ${t.expires(formatDate(c.expires_on, locale))}</p>
    </section>`;
  }

  #siteView() {
    const t = this.#s.tracker;
    const state = this.#site.state;
    if (state.status === 'loading' || state.status === 'idle') return html`<span aria-busy="true">…</span>`;
    if (state.status === 'error') return t.siteUnavailable;
    const site = state.data;
    const a = site.address;
    return html`<span class="site-name">${site.name}</span><br />
      ${a.street}${a.complement ? html`, ${a.complement}` : nothing}<br />
      ${a.postcode} ${a.commune}
      ${site.phone ? html`<br /><a href=${telHref(site.phone)}>${t.call(site.phone)}</a>` : nothing}`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-case-show': CustomEvent<{ code: string; status: string }>;
    /** @deprecated Listen to `fs-case-show`; this name is fired too until the next release. */
    'fs-case-shown': CustomEvent<{ code: string; status: string }>;
  }
}
