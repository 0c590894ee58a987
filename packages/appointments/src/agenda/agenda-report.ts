import { html, nothing, type LitElement, type TemplateResult } from 'lit';
import type { AppointmentFigures, AppointmentFiguresRow, AppointmentStats } from '@fs-widgets/contract';
import { ApiError, downloadTable, formatDate, formatNumber, formatShare, partFor, type ApiClient, type Locale } from '@fs-widgets/core';
import { addDays } from '@fs-widgets/opening-hours';
import type { AgendaReportStrings } from '../strings/agenda-report-strings.js';
import '../strings/agenda-report-strings.js';
import { isIsoDate, siteToday } from './agenda-days.js';
import { agendaReportStyles } from './agenda-report.styles.js';

/**
 * The agenda's « Bilan »: its site's appointments' figures over a month or two dates
 * (`GET /stats/appointments`, the site's token), the totals then a table by reason and by partner,
 * each downloadable as CSV with the token in the `Authorization` header (never in a URL). Loaded
 * by `<fs-agenda>` only when an agent opens the Bilan, with its own strings and styles, so the
 * agenda's first load pays nothing for it and the server is not asked before.
 */

/** What the Bilan needs from `<fs-agenda>`. */
export interface ReportHost {
  host: LitElement;
  client: () => ApiClient;
  site: () => string;
  headers: () => Record<string, string>;
  locale: () => Locale;
  /** The site's time zone (months are the site's), Europe/Paris until the agenda says. */
  timeZone: () => string;
  now: () => Date;
  heading: (text: string, id: string, cls: string, level: number) => TemplateResult;
  focus: (selector: string) => void;
  /** A 401 or 403 of the token itself: the agenda shows its refused-token screen. */
  authProblem: (status: 401 | 403) => void;
  /** The words of a reason the agents can book, in the page's language (the agenda's reasons), if known. */
  reasonLabel: (key: string) => string | undefined;
}

type Choice = 'this' | 'previous' | 'custom';
type Status = 'idle' | 'loading' | 'ready' | 'error' | 'offline';
type Group = 'reason' | 'partner';
type Download = { group: Group; state: 'busy' | 'error' | 'offline' } | { group: Group; state: 'done'; name: string };

const SHARES = ['honoured_share', 'no_show_share', 'cancelled_share'] as const;
const COUNTS = ['bookings', 'honoured', 'no_shows', 'cancelled', 'pending', 'booked_by_agents'] as const;

/** The first and last days of the month of `day`, `months` months before it (0: that month). */
export function monthOf(day: string, months: 0 | 1): { from: string; to: string } {
  const first = `${day.slice(0, 8)}01`;
  const from = months === 0 ? first : `${addDays(first, -1).slice(0, 8)}01`;
  const next = `${addDays(`${from.slice(0, 8)}28`, 7).slice(0, 8)}01`;
  return { from, to: addDays(next, -1) };
}

export class AgendaReport {
  #choice: Choice = 'this';
  #fromDraft = '';
  #toDraft = '';
  #datesError = false;
  #period?: { from: string; to: string };
  #status: Status = 'idle';
  #stats?: AppointmentStats;
  #download?: Download;
  #abort?: AbortController;

  constructor(private readonly h: ReportHost) {
    const root = h.host.renderRoot as ShadowRoot;
    const sheet = agendaReportStyles.styleSheet;
    if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  get #s(): AgendaReportStrings['report'] {
    return partFor<AgendaReportStrings>('agenda-report', this.h.locale()).report;
  }

  /** The Bilan is shown: this month's figures the first time. */
  open(): void {
    if (this.#status === 'idle') this.#choose('this');
  }

  /** Stops a reading under way (the agenda is left or its site changes). */
  close(): void {
    this.#abort?.abort();
    if (this.#status === 'loading') this.#status = 'idle';
  }

  #choose(choice: Choice) {
    this.#choice = choice;
    this.#datesError = false;
    if (choice === 'custom') {
      const shown = this.#period ?? monthOf(siteToday(this.h.timeZone(), this.h.now()), 0);
      this.#fromDraft ||= shown.from;
      this.#toDraft ||= shown.to;
      this.h.host.requestUpdate();
      this.h.focus('#report-from');
      return;
    }
    this.#load(monthOf(siteToday(this.h.timeZone(), this.h.now()), choice === 'this' ? 0 : 1));
  }

  #showDates(event: Event) {
    event.preventDefault();
    const from = this.#fromDraft;
    const to = this.#toDraft;
    if (!isIsoDate(from) || !isIsoDate(to) || from > to) {
      this.#datesError = true;
      this.h.host.requestUpdate();
      this.h.focus('#report-from');
      return;
    }
    this.#datesError = false;
    this.#load({ from, to });
  }

  #load(period: { from: string; to: string }) {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.#period = period;
    this.#status = 'loading';
    this.#download = undefined;
    this.h.host.requestUpdate();
    this.h
      .client()
      .get<AppointmentStats>('stats/appointments', {
        searchParams: { site: this.h.site(), from: period.from, to: period.to, format: 'json' },
        headers: this.h.headers(),
        signal: abort.signal,
        cache: 'no-store',
      })
      .then((stats) => {
        if (abort.signal.aborted) return;
        this.#stats = stats;
        this.#status = 'ready';
      })
      .catch((err: unknown) => {
        if (abort.signal.aborted) return;
        const status = err instanceof ApiError ? err.status : undefined;
        if (status === 401 || status === 403) {
          // Asked again once a new token is saved.
          this.#status = 'idle';
          return this.h.authProblem(status);
        }
        this.#status = err instanceof ApiError && (err.kind === 'offline' || err.kind === 'timeout') ? 'offline' : 'error';
      })
      .finally(() => this.h.host.requestUpdate());
  }

  async #downloadCsv(group: Group) {
    const period = this.#period;
    if (!period || this.#download?.state === 'busy') return;
    this.#download = { group, state: 'busy' };
    this.h.host.requestUpdate();
    try {
      const params = { site: this.h.site(), from: period.from, to: period.to, group_by: group };
      const name = await downloadTable(this.h.client(), 'stats/appointments', params, this.h.headers(), 'csv', `rendez-vous-${group}`);
      this.#download = { group, state: 'done', name };
    } catch (err) {
      const status = err instanceof ApiError ? err.status : undefined;
      if (status === 401 || status === 403) return this.h.authProblem(status);
      this.#download = { group, state: err instanceof ApiError && err.kind === 'offline' ? 'offline' : 'error' };
    }
    this.h.host.requestUpdate();
    this.h.focus(`#download-${group}-message`);
  }

  // -------------------------------------------------------------------------------------------
  // Rendering.

  #count(n: number): string {
    return formatNumber(n, this.h.locale());
  }

  /** A share, or « — » and why it is not given (too few appointments, or none marked yet). */
  #share(figures: AppointmentFigures, value: number | null, min: number, inTable: boolean) {
    const s = this.#s;
    if (value !== null) return formatShare(value, this.h.locale());
    const why = figures.bookings < min ? s.notComputed(min) : s.noneMarked;
    return inTable
      ? html`<span aria-hidden="true">—</span><span class="visually-hidden">${why}</span>`
      : html`— <span class="small">${why}</span>`;
  }

  #lead(figures: AppointmentFigures, min: number, inTable: boolean) {
    const s = this.#s;
    const lead = figures.median_lead_days;
    if (lead !== null) return s.days(formatNumber(lead, this.h.locale(), 1));
    const why = s.leadNotComputed(min);
    return inTable
      ? html`<span aria-hidden="true">—</span><span class="visually-hidden">${why}</span>`
      : html`— <span class="small">${why}</span>`;
  }

  #totals(stats: AppointmentStats) {
    const s = this.#s;
    const t = stats.totals;
    const min = stats.min_count;
    const item = (key: keyof AgendaReportStrings['report']['figures'], value: unknown) =>
      html`<div data-figure=${key}>
        <dt>${s.figures[key]}</dt>
        <dd>${value}</dd>
      </div>`;
    return html`${this.h.heading(s.totals, 'report-totals', 'sub', 2)}
      <dl class="totals">
        ${COUNTS.map((key) => item(key, this.#count(t[key])))} ${SHARES.map((key) => item(key, this.#share(t, t[key], min, false)))}
        ${item('median_lead_days', this.#lead(t, min, false))}
      </dl>
      <p class="small">${s.sharesHint(min)}</p>`;
  }

  #rowLabel(group: Group, row: AppointmentFiguresRow): string {
    const s = this.#s;
    const en = this.h.locale() === 'en';
    if (group === 'partner') return row.key === 'none' ? s.noPartner : row.key === 'local' ? s.localPartner : row.label;
    if (row.key === 'other') return s.otherReason;
    return (en ? this.h.reasonLabel(row.key) : undefined) ?? row.label;
  }

  #table(group: Group, stats: AppointmentStats) {
    const s = this.#s;
    const rows = group === 'reason' ? stats.by_reason : stats.by_partner;
    const caption = group === 'reason' ? s.byReason : s.byPartner;
    const min = stats.min_count;
    const download = this.#download?.group === group ? this.#download : undefined;
    const said =
      download?.state === 'done'
        ? s.downloaded(download.name)
        : download?.state === 'offline'
          ? s.downloadOffline
          : download?.state === 'error'
            ? s.downloadError
            : '';
    return html`<div class="scroll" tabindex="0" role="region" aria-labelledby=${`report-${group}-caption`}>
        <table data-table=${group}>
          <caption id=${`report-${group}-caption`}>${caption}</caption>
          <thead>
            <tr>
              <th scope="col">${group === 'reason' ? s.reason : s.partner}</th>
              ${COUNTS.map((key) => html`<th scope="col">${s.figures[key]}</th>`)}
              ${SHARES.map((key) => html`<th scope="col">${s.figures[key]}</th>`)}
              <th scope="col">${s.figures.median_lead_days}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (row) => html`<tr data-key=${row.key}>
                <th scope="row">${this.#rowLabel(group, row)}</th>
                ${COUNTS.map((key) => html`<td>${this.#count(row[key])}</td>`)}
                ${SHARES.map((key) => html`<td>${this.#share(row, row[key], min, true)}</td>`)}
                <td>${this.#lead(row, min, true)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <p class="small">${s.dashMeans(min)}</p>
      <div class="actions">
        <button class="secondary" type="button" id=${`download-${group}`} aria-disabled=${download?.state === 'busy' ? 'true' : 'false'} @click=${() => void this.#downloadCsv(group)}>
          ${download?.state === 'busy' ? s.downloading : s.download}<span class="visually-hidden">${s.downloadOf(caption)}</span>
        </button>
      </div>
      <p
        class=${said ? `notice ${download?.state === 'done' ? 'success' : download?.state === 'offline' ? 'offline' : 'error'}` : 'visually-hidden'}
        id=${`download-${group}-message`}
        tabindex="-1"
        role="status"
      >
        ${said}
      </p>`;
  }

  #periodChoice() {
    const s = this.#s;
    const choice = (value: Choice, label: string) =>
      html`<button class="secondary" type="button" id=${`report-${value}`} aria-pressed=${this.#choice === value ? 'true' : 'false'} @click=${() => this.#choose(value)}>
        ${label}
      </button>`;
    return html`<div class="views" role="group" aria-label=${s.period}>
        ${choice('this', s.thisMonth)} ${choice('previous', s.previousMonth)} ${choice('custom', s.custom)}
      </div>
      ${
        this.#choice === 'custom'
          ? html`<form class="dates" novalidate @submit=${(e: Event) => this.#showDates(e)}>
            ${this.#date('from', s.from, this.#fromDraft, (v) => (this.#fromDraft = v))} ${this.#date('to', s.to, this.#toDraft, (v) => (this.#toDraft = v))}
            <div class="actions"><button class="primary" type="submit">${s.show}</button></div>
            ${this.#datesError ? html`<p class="error-text" id="report-dates-error" role="alert">${s.datesError}</p>` : nothing}
          </form>`
          : nothing
      }`;
  }

  #date(name: 'from' | 'to', label: string, value: string, set: (v: string) => void) {
    return html`<div class="form-field">
      <label class="field" for=${`report-${name}`}>${label}</label>
      <input
        id=${`report-${name}`}
        type="date"
        .value=${value}
        aria-invalid=${this.#datesError ? 'true' : 'false'}
        aria-describedby=${this.#datesError ? 'report-dates-error' : nothing}
        @input=${(e: InputEvent) => set((e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  #state() {
    const s = this.#s;
    const retry = html`<div class="actions">
      <button class="secondary" type="button" @click=${() => this.#period && this.#load(this.#period)}>${s.retry}</button>
    </div>`;
    if (this.#status === 'offline' || this.#status === 'error') {
      const offline = this.#status === 'offline';
      return html`<div class=${`notice ${this.#status}`} data-state=${`report-${this.#status}`} role=${offline ? 'status' : 'alert'}>
        <p><strong>${offline ? s.offlineTitle : s.errorTitle}</strong></p>
        <p>${offline ? s.offlineBody : s.errorBody}</p>
        ${retry}
      </div>`;
    }
    const stats = this.#stats;
    if (this.#status !== 'ready' || !stats) return html`<p class="loading" data-state="report-loading" role="status">${s.loading}</p>`;
    if (stats.totals.bookings === 0) {
      return html`<div class="empty" data-state="report-empty"><p><strong>${s.empty}</strong></p><p class="small">${s.emptyHint}</p></div>`;
    }
    return html`${this.#totals(stats)} ${this.#table('reason', stats)} ${this.#table('partner', stats)}`;
  }

  render(): TemplateResult {
    const s = this.#s;
    const locale = this.h.locale();
    const period = this.#period;
    const title = period ? s.title(formatDate(period.from, locale), formatDate(period.to, locale)) : s.loading;
    return html`<section class="report" part="report" aria-labelledby="report-title" data-state=${this.#status}>
      ${this.h.heading(title, 'report-title', 'range-title', 1)}
      <p class="small">${s.intro}</p>
      ${this.#periodChoice()} ${this.#state()}
    </section>`;
  }
}
