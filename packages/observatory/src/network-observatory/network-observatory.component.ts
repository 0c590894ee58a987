import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { KEY_FIGURES_MIN_COUNT } from '@fs-widgets/contract/codes';
import { agentAccessStrings, FsElement, controls, headingLevel, stringAttribute, type Locale } from '@fs-widgets/core';
import type { ObservatoryStrings } from '../strings/observatory-strings.js';
import '../strings/observatory-strings.js';
import { observatoryStyles } from '../shared/observatory.styles.js';
import { ScopedResource, scopeParams, type ScopedState } from '../shared/scoped-resource.js';
import { ObserverAccess } from '../shared/observer-access.js';
import {
  downloadButtons,
  failureScreen,
  numberText,
  percentText,
  refusedScreen,
  sectionHeading,
  titleHeading,
} from '../shared/observer-screens.js';
import { dataTable, sortRows, type Column, type SortState } from '../shared/data-table.js';
import { downloadTable, type TableFormat } from '../shared/table-download.js';
import type {
  AppointmentFiguresRow,
  CoverageRow,
  CoverageSummary,
  FreshnessRow,
  ObservatoryActivity,
  ObservatoryAppointments,
  ObservatoryCarriers,
  ObservatoryComposition,
  ObservatoryFreshness,
  ObservatorySiteRow,
  ObservatorySites,
  ObservatorySummary,
} from '@fs-widgets/contract';
import { networkObservatoryStyles } from './network-observatory.styles.js';

/** The tables this element downloads, by the route that answers them. */
type TableId = 'sites' | 'compliance' | 'activity' | 'appointments' | 'composition' | 'freshness' | 'coverage';
const TABLE_PATHS: Record<TableId, string> = {
  sites: 'observatory/sites',
  activity: 'observatory/activity',
  appointments: 'observatory/appointments',
  composition: 'observatory/composition',
  compliance: 'observatory/compliance',
  freshness: 'observatory/freshness',
  coverage: 'observatory/coverage',
};
/** The thresholds of the coverage's shares, in minutes (the contract's `COVERAGE_THRESHOLDS`). */
const MINUTES = [10, 20, 30, 45] as const;
/** How the activity is grouped (the contract's `ACTIVITY_GROUPS`). */
const ACTIVITY_GROUPS = ['partner', 'theme', 'month', 'site'] as const;
type ActivityGroup = (typeof ACTIVITY_GROUPS)[number];
/** How the appointments are grouped (the contract's `APPOINTMENT_STATS_GROUPS`). */
const APPOINTMENT_GROUPS = ['site', 'reason', 'partner'] as const;
type AppointmentGroup = (typeof APPOINTMENT_GROUPS)[number];
/** The appointments' figures shown, in this order (the CSV has them all). */
const APPOINTMENT_FIGURES = [
  'bookings',
  'honoured',
  'no_shows',
  'cancelled',
  'honoured_share',
  'no_show_share',
  'cancelled_share',
  'median_lead_days',
] as const;
/** The tables grouped as the person chooses: the choice is sent as `group_by`. */
type GroupedTable = 'activity' | 'appointments';
/** Rows of a long table shown at once (then « Afficher 200 France services de plus »). */
const PAGE = 200;

/**
 * The network observatory of a prefecture's, a carrier's or the ANCT's intranet: the scope's key
 * figures with their period and source, every France services of the scope in one table
 * (sortable by each column, filterable by name, kind and compliance with the charter), the
 * activity and the appointments (by site, reason or partner), the freshness of the sites'
 * information by département and the population's access in minutes.
 *
 * @summary Asks once for the observer's token (the agents' shared sign-in, kept on the device):
 * a département's token sees its département only, a carrier's its sites, the network's every
 * site. Rates below the minimum number of answers are never shown. Every table downloads as CSV
 * and XLSX. Nothing of the scope is kept on the device.
 *
 * @csspart base - The widget.
 * @csspart figures - The key figures.
 * @csspart table-frame - The scrolling frame of a table.
 * @csspart table - A table (its `data-table`: `sites`, `activity`, `appointments`, `composition`, `freshness`, `coverage`).
 * @csspart downloads - A table's download buttons.
 * @csspart retry - The "Réessayer" button of the error states.
 * @csspart change-token - The button that forgets the token.
 *
 * @cssprop [--fs-observatory-accent=var(--fs-color-primary)] - Numbers, buttons and the top edge.
 * @cssprop [--fs-observatory-max-width=80rem] - Widest the widget grows.
 * @cssprop [--fs-observatory-table-height=32rem] - Tallest a table grows before it scrolls.
 */
export class FsNetworkObservatory extends FsElement {
  static override styles = [...FsElement.styles, controls, observatoryStyles, networkObservatoryStyles];

  readonly #access = new ObserverAccess(this, () => this.client);

  #request(path: string) {
    return this.#access.request(path, () => this.#scope);
  }

  readonly #summary = new ScopedResource<ObservatorySummary>(this, this.#request('observatory/summary'), {
    onError: (e) => this.#access.noteAuth(e),
  });
  readonly #sites = new ScopedResource<ObservatorySites>(this, this.#request('observatory/sites'));
  readonly #freshness = new ScopedResource<ObservatoryFreshness>(this, this.#request('observatory/freshness'));
  readonly #coverage = new ScopedResource<CoverageSummary>(this, this.#request('observatory/coverage'));
  readonly #activity = new ScopedResource<ObservatoryActivity>(this, this.#grouped('activity'));
  readonly #appointments = new ScopedResource<ObservatoryAppointments>(this, this.#grouped('appointments'));
  readonly #composition = new ScopedResource<ObservatoryComposition>(this, this.#request('observatory/composition'));
  /** The carriers' names (a site's row gives the id of its carrier). */
  readonly #carriers = new ScopedResource<ObservatoryCarriers>(this, this.#request('observatory/carriers'));

  @state() private activityGroup: ActivityGroup = 'partner';
  @state() private appointmentGroup: AppointmentGroup = 'site';
  @state() private sort: Partial<Record<TableId, SortState>> = {};
  /** Rows of the sites' table shown (a network has 2,845: 200 at a time). */
  @state() private limit = PAGE;
  @state() private filterName = '';
  @state() private filterKind = '';
  @state() private filterCompliance = '';
  @state() private downloading: Partial<Record<TableId, boolean>> = {};
  @state() private downloadStatus: Partial<Record<TableId, string>> = {};

  /** A département's code (`48`, `2A`, `974`): its view, for a network token; a département token sees only its own. */
  @property({ reflect: true, converter: stringAttribute }) departement = '';

  /** A carrier's id (`la-poste`): its sites, for a network token. Ignored with `departement`. */
  @property({ reflect: true, converter: stringAttribute }) carrier = '';

  /** Level of the title's heading in the host page's outline (2 to 5; sections are one level below). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  get #o(): ObservatoryStrings {
    return this.i18n.part<ObservatoryStrings>('observatory');
  }

  get #scope() {
    return scopeParams(this.departement, this.carrier);
  }

  /** The request of a grouped table, with the group chosen. */
  #grouped(table: GroupedTable) {
    return () => {
      const request = this.#request(TABLE_PATHS[table])();
      return request && { ...request, searchParams: { ...request.searchParams, group_by: this.#groupOf(table) } };
    };
  }

  #groupOf(table: GroupedTable): string {
    return table === 'activity' ? this.activityGroup : this.appointmentGroup;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) this.headingLevel = headingLevel(this.headingLevel, 5);
    if (changed.has('departement') || changed.has('carrier')) this.#access.problem = '';
  }

  /** Forgets the stored token and asks for another. */
  changeToken(): void {
    this.#access.changeToken();
  }

  /** Reads everything again (the "Réessayer" button). */
  reload(): void {
    for (const r of [
      this.#summary,
      this.#sites,
      this.#activity,
      this.#appointments,
      this.#composition,
      this.#freshness,
      this.#coverage,
      this.#carriers,
    ])
      r.retry();
  }

  #percent(share: number): string {
    return percentText(this.i18n.locale, share, 0);
  }

  #date(day: string, locale: Locale = this.i18n.locale): string {
    return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${day.slice(0, 10)}T12:00:00Z`));
  }

  override render() {
    const o = this.#o;
    const a = agentAccessStrings(this.i18n.locale);
    if (!this.#access.token.token) {
      return html`<div part="base" class="base" data-state="signed-out">
        ${titleHeading(this.headingLevel, o.network.title)} ${this.#access.token.form(o.access.body)}
      </div>`;
    }
    if (this.#access.problem) {
      return html`<div part="base" class="base" data-state=${this.#access.problem}>
        ${titleHeading(this.headingLevel, o.network.title)} ${refusedScreen(this.#access.problem, o, a, () => this.changeToken())}
      </div>`;
    }
    const summary = this.#summary.state;
    if (summary.status === 'idle' || summary.status === 'loading') {
      return html`<div part="base" class="base" data-state="loading" aria-busy="true">
        ${titleHeading(this.headingLevel, o.network.title)}
        <p role="status">${o.states.loading}</p>
        <div class="figures" aria-hidden="true"><span class="skeleton"></span><span class="skeleton"></span><span class="skeleton"></span></div>
      </div>`;
    }
    if (summary.status === 'error') {
      return html`<div part="base" class="base" data-state="error">
        ${titleHeading(this.headingLevel, o.network.title)}
        ${failureScreen(summary.error, o, this.i18n.strings.common.retry, () => this.reload(), this.departement.trim() || this.carrier.trim())}
        <div class="actions"><button class="link" type="button" part="change-token" @click=${() => this.changeToken()}>${a.changeToken}</button></div>
      </div>`;
    }
    const data = summary.data;
    const empty = data.sites.total === 0;
    return html`<div part="base" class="base" data-state=${empty ? 'empty' : 'ready'}>
      ${titleHeading(this.headingLevel, `${o.network.title} — ${data.scope.label}`)}
      <div class="scope-bar">
        <p class="scope" data-scope=${data.scope.kind}>${o.access.signedAs(data.scope.label)} (${o.access.readOnly})</p>
        <button class="link" type="button" part="change-token" @click=${() => this.changeToken()}>${a.changeToken}</button>
      </div>
      ${this.#keyFigures(data)}
      ${empty ? html`<p class="message" role="status">${o.states.empty}</p>` : html`${this.#sitesSection()} ${this.#activitySection()} ${this.#appointmentsSection()} ${this.#compositionSection()} ${this.#freshnessSection()} ${this.#coverageSection()}`}
    </div>`;
  }

  #keyFigures(data: ObservatorySummary) {
    const o = this.#o.network;
    const n = (v: number) => numberText(this.i18n.locale, v);
    const { sites, activity, satisfaction, compliance, freshness, carriers } = data;
    const figure = (name: string, value: string, label: string, detail?: string) =>
      html`<li class="figure" data-figure=${name}>
        <span class="value">${value}</span>${' '}<span class="label">${label}</span>${detail ? html`${' '}<span class="detail">${detail}</span>` : nothing}
      </li>`;
    const pending = (name: string, heading: string) =>
      html`<li class="figure pending" data-figure=${name}><span class="label">${heading}</span>${' '}<span class="detail">${o.notEnough}</span></li>`;
    const hidden = activity.first_visit_share === null || satisfaction.satisfied_share === null;
    return html`${sectionHeading(this.headingLevel + 1, o.keyFigures, 'key-figures')}
      <ul class="figures" part="figures" aria-labelledby="key-figures">
        ${figure('sites', n(sites.main), o.figSites, sites.antennas ? o.figAntennas(n(sites.antennas), sites.antennas) : undefined)}
        ${figure('acts', n(activity.acts), o.figActs)}
        ${
          activity.first_visit_share === null
            ? pending('first-visit', o.figFirstVisitHeading)
            : figure('first-visit', this.#percent(activity.first_visit_share), o.figFirstVisit)
        }
        ${
          satisfaction.satisfied_share === null
            ? pending('satisfaction', o.figSatisfactionHeading)
            : figure('satisfaction', this.#percent(satisfaction.satisfied_share), o.figSatisfied, o.figSatisfiedOf(n(satisfaction.answers)))
        }
        ${
          compliance.checked
            ? figure(
                'compliance',
                this.#percent(compliance.meets / compliance.checked),
                o.figCompliance(n(compliance.meets), n(compliance.checked)),
                [o.figComplianceShort(n(compliance.short)), compliance.no_hours ? o.figNoHours(n(compliance.no_hours)) : '']
                  .filter(Boolean)
                  .join(' · '),
              )
            : nothing
        }
        ${figure('stale', n(freshness.stale), o.figStale)}
        ${carriers.unknown_share === null ? nothing : figure('carriers', this.#percent(carriers.unknown_share), o.figCarrierUnknown)}
      </ul>
      ${hidden ? html`<p class="note">${o.minimumNote(data.min_count || KEY_FIGURES_MIN_COUNT)}</p>` : nothing}
      <p class="period">${data.period ? o.period(this.#date(data.period.from), this.#date(data.period.to)) : o.periodNone} — ${o.source(data.source)}</p>`;
  }

  #sectionFailure(table: TableId) {
    return html`<p class="message error" data-section-state="error" data-table-state=${table}>${this.#o.network.sectionUnavailable}</p>`;
  }

  /** A carrier's name: the one set (from the scope's carriers), a guess said as such, or « inconnu ». */
  #carrierName(row: ObservatorySiteRow): string {
    const c = this.#o.columns;
    if (row.carrier_status === 'unknown' || !row.carrier) return c.carrierUnknown;
    if (row.carrier_status === 'guess') return c.carrierGuess(this.#o.guesses[row.carrier] ?? row.carrier);
    const carriers = this.#carriers.state;
    return (carriers.status === 'ready' && carriers.data.items.find((x) => x.id === row.carrier)?.name) || row.carrier;
  }

  get #siteColumns(): Column<ObservatorySiteRow>[] {
    const c = this.#o.columns;
    const o = this.#o;
    const share = (v: number | null) => (v === null ? o.table.notEnough : this.#percent(v));
    return [
      { key: 'name', label: c.name, value: (r) => r.name, display: (r) => html`${r.name}<span class="small block">${r.commune}</span>` },
      {
        key: 'kind',
        label: c.kind,
        value: (r) => `${o.kinds[r.kind] ?? r.kind} ${o.roles[r.role] ?? r.role}`,
        display: (r) =>
          html`${o.kinds[r.kind] ?? r.kind}${r.role === 'antenna' ? html`<span class="small block">${o.roles.antenna}</span>` : nothing}`,
      },
      { key: 'department', label: c.department, value: (r) => r.department },
      { key: 'carrier', label: c.carrier, value: (r) => this.#carrierName(r) },
      {
        key: 'weekly_hours',
        label: c.weeklyHours,
        numeric: true,
        value: (r) => r.weekly_hours,
        display: (r) => numberText(this.i18n.locale, r.weekly_hours),
      },
      { key: 'open_days', label: c.openDays, numeric: true, value: (r) => r.open_days },
      {
        key: 'compliance',
        label: c.compliance,
        value: (r) => o.compliance[r.compliance] ?? r.compliance,
        display: (r) =>
          html`<span class="badge ${r.compliance === 'meets' ? 'ok' : r.compliance === 'short' ? 'short' : ''}">${o.compliance[r.compliance] ?? r.compliance}</span>`,
      },
      {
        key: 'verified_at',
        label: c.verifiedAt,
        value: (r) => r.verified_at,
        display: (r) => (r.verified_at ? this.#date(r.verified_at) : ''),
      },
      { key: 'acts', label: c.acts, numeric: true, value: (r) => r.acts, display: (r) => numberText(this.i18n.locale, r.acts) },
      {
        key: 'first_visit_share',
        label: c.firstVisit,
        numeric: true,
        value: (r) => r.first_visit_share,
        display: (r) => share(r.first_visit_share),
      },
      { key: 'answers', label: c.answers, numeric: true, value: (r) => r.answers, display: (r) => numberText(this.i18n.locale, r.answers) },
      {
        key: 'satisfied_share',
        label: c.satisfaction,
        numeric: true,
        value: (r) => r.satisfied_share,
        display: (r) => share(r.satisfied_share),
      },
    ];
  }

  #sitesSection() {
    const o = this.#o;
    const st = this.#sites.state;
    const heading = sectionHeading(this.headingLevel + 1, o.network.sitesTitle, 'sites-title');
    if (st.status === 'error') return html`${heading}${this.#sectionFailure('sites')}`;
    if (st.status !== 'ready') return html`${heading}<p role="status">${o.states.loading}</p>`;
    const rows = st.data.items;
    const kinds = [...new Set(rows.map((r) => r.kind))].sort();
    const statuses = [...new Set(rows.map((r) => r.compliance))].sort();
    const name = this.filterName.trim().toLocaleLowerCase('fr');
    const filtered = rows.filter(
      (r) =>
        (!name || `${r.name} ${r.commune ?? ''}`.toLocaleLowerCase('fr').includes(name)) &&
        (!this.filterKind || r.kind === this.filterKind) &&
        (!this.filterCompliance || r.compliance === this.filterCompliance),
    );
    const columns = this.#siteColumns;
    const sorted = sortRows(filtered, columns, this.sort.sites).slice(0, this.limit);
    const more = Math.min(PAGE, filtered.length - sorted.length);
    return html`${heading}
      <form class="filters" role="search" aria-label=${o.network.filters} @submit=${(e: Event) => e.preventDefault()}>
        <div>
          <label class="field" for="filter-name">${o.network.filterName}</label>
          <input id="filter-name" type="search" .value=${this.filterName} @input=${(e: InputEvent) => ((this.filterName = (e.target as HTMLInputElement).value), (this.limit = PAGE))} />
        </div>
        <div>
          <label class="field" for="filter-kind">${o.network.filterKind}</label>
          <select id="filter-kind" @change=${(e: Event) => ((this.filterKind = (e.target as HTMLSelectElement).value), (this.limit = PAGE))}>
            <option value="" ?selected=${!this.filterKind}>${o.network.all}</option>
            ${kinds.map((k) => html`<option value=${k} ?selected=${this.filterKind === k}>${o.kinds[k] ?? k}</option>`)}
          </select>
        </div>
        <div>
          <label class="field" for="filter-compliance">${o.network.filterCompliance}</label>
          <select id="filter-compliance" @change=${(e: Event) => ((this.filterCompliance = (e.target as HTMLSelectElement).value), (this.limit = PAGE))}>
            <option value="" ?selected=${!this.filterCompliance}>${o.network.all}</option>
            ${statuses.map((k) => html`<option value=${k} ?selected=${this.filterCompliance === k}>${o.compliance[k] ?? k}</option>`)}
          </select>
        </div>
      </form>
      ${
        filtered.length === 0
          ? html`<p class="message" role="status">${o.network.noMatch}
              <button class="link" type="button" @click=${() => this.#clearFilters()}>${o.network.clearFilters}</button></p>`
          : dataTable({
              name: 'sites',
              caption: o.network.sitesCaption(numberText(this.i18n.locale, sorted.length), numberText(this.i18n.locale, rows.length)),
              columns,
              rows: sorted,
              sort: this.sort.sites,
              onSort: (sort) => this.#sortBy('sites', sort, columns),
              strings: o,
              rowKey: (r) => r.id,
            })
      }
      ${
        more > 0
          ? html`<div class="actions">
              <button class="secondary" type="button" @click=${() => (this.limit += PAGE)}>${o.network.moreRows(numberText(this.i18n.locale, more))}</button>
            </div>`
          : nothing
      }
      ${this.#downloads('sites', o.network.sitesTitle)}
      ${this.#downloads('compliance', o.network.complianceDownload, o.download.complianceGroup)}`;
  }

  #clearFilters() {
    this.filterName = this.filterKind = this.filterCompliance = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#filter-name')?.focus());
  }

  #sortBy(table: TableId, sort: SortState, columns: readonly Column<never>[]) {
    this.sort = { ...this.sort, [table]: sort };
    const label = columns.find((c) => c.key === sort.key)?.label ?? sort.key;
    const t = this.#o.table;
    this.downloadStatus = { ...this.downloadStatus, [table]: t.sortedBy(label, sort.order === 'ascending' ? t.ascending : t.descending) };
  }

  #activitySection() {
    const o = this.#o;
    const a = o.network.activity;
    const share = (v: number | null) => (v === null ? o.table.notEnough : this.#percent(v));
    type Row = ObservatoryActivity['items'][number];
    const columns: Column<Row>[] = [
      { key: 'label', label: a.groups[this.activityGroup], value: (r) => r.label },
      { key: 'acts', label: o.columns.acts, numeric: true, value: (r) => r.acts, display: (r) => numberText(this.i18n.locale, r.acts) },
      {
        key: 'first_visit_share',
        label: o.columns.firstVisit,
        numeric: true,
        value: (r) => r.first_visit_share,
        display: (r) => share(r.first_visit_share),
      },
      { key: 'referred_share', label: a.referred, numeric: true, value: (r) => r.referred_share, display: (r) => share(r.referred_share) },
    ];
    return this.#groupedSection('activity', a, ACTIVITY_GROUPS, this.#activity.state, columns);
  }

  #appointmentsSection() {
    const o = this.#o;
    const a = o.network.appointments;
    // Below the minimum count the server publishes no share nor median: « — », the reason for screen readers beside it.
    const hidden = html`—<span class="visually-hidden"> ${a.belowMinimum}</span>`;
    const columns: Column<AppointmentFiguresRow>[] = [
      { key: 'label', label: a.groups[this.appointmentGroup], value: (r) => r.label },
      ...APPOINTMENT_FIGURES.map((key) => ({
        key,
        label: a.columns[key],
        numeric: true,
        value: (r: AppointmentFiguresRow) => r[key],
        display: (r: AppointmentFiguresRow) => {
          const v = r[key];
          return v === null ? hidden : key.endsWith('_share') ? this.#percent(v) : numberText(this.i18n.locale, v);
        },
      })),
    ];
    const st = this.#appointments.state;
    const note =
      st.status === 'ready' && st.data.items.some((r) => r.median_lead_days === null)
        ? html`<p class="note" data-note="minimum">${a.minimumNote(numberText(this.i18n.locale, st.data.min_count || KEY_FIGURES_MIN_COUNT))}</p>`
        : undefined;
    return this.#groupedSection('appointments', a, APPOINTMENT_GROUPS, st, columns, note);
  }

  /**
   * A table of figures grouped as the person chooses (the activity, the appointments): its heading,
   * the group's choice, its loading, error and empty states, the table and its downloads.
   */
  #groupedSection<R extends { key: string; label: string }>(
    table: GroupedTable,
    s: { title: string; groupBy: string; groupNames: Record<string, string>; caption: (group: string) => string; none: string },
    groups: readonly string[],
    st: ScopedState<{ items: R[] }>,
    columns: Column<R>[],
    note?: TemplateResult,
  ) {
    const o = this.#o;
    const group = this.#groupOf(table);
    const heading = sectionHeading(this.headingLevel + 1, s.title, `${table}-title`);
    const select = html`<label class="field" for="${table}-group">${s.groupBy}</label>
      <select id="${table}-group" class="narrow" @change=${(e: Event) => this.#setGroup(table, (e.target as HTMLSelectElement).value)}>
        ${groups.map((g) => html`<option value=${g} ?selected=${group === g}>${s.groupNames[g]}</option>`)}
      </select>`;
    if (st.status === 'error') return html`${heading}${select}${this.#sectionFailure(table)}`;
    if (st.status !== 'ready') return html`${heading}${select}<p role="status">${o.states.loading}</p>`;
    const caption = s.caption(s.groupNames[group] ?? group);
    return html`${heading}${select}
      ${
        st.data.items.length === 0
          ? html`<p class="message" data-section-state="empty" data-table-state=${table}>${s.none}</p>`
          : html`${dataTable({
              name: table,
              caption,
              columns,
              rows: sortRows(st.data.items, columns, this.sort[table]),
              sort: this.sort[table],
              onSort: (sort) => this.#sortBy(table, sort, columns),
              strings: o,
              rowKey: (r) => r.key,
            })}${note ?? nothing}`
      }
      ${this.#downloads(table, caption)}`;
  }

  #setGroup(table: GroupedTable, group: string) {
    if (table === 'activity') this.activityGroup = group as ActivityGroup;
    else this.appointmentGroup = group as AppointmentGroup;
  }

  #compositionSection() {
    const o = this.#o;
    const c = o.network.composition;
    const st = this.#composition.state;
    const heading = sectionHeading(this.headingLevel + 1, c.title, 'composition-title');
    if (st.status === 'error') return html`${heading}${this.#sectionFailure('composition')}`;
    if (st.status !== 'ready') return html`${heading}<p role="status">${o.states.loading}</p>`;
    type Row = ObservatoryComposition['published'][number];
    const figure = (v: number | null, unit: Row['unit']) =>
      v === null ? c.notMeasurable : unit === 'share' ? this.#percent(v) : numberText(this.i18n.locale, v);
    const columns: Column<Row>[] = [
      { key: 'label', label: c.figure, value: (r) => r.label },
      { key: 'published', label: c.published, numeric: true, value: (r) => r.published, display: (r) => figure(r.published, r.unit) },
      { key: 'observed', label: c.observed, numeric: true, value: (r) => r.observed, display: (r) => figure(r.observed, r.unit) },
      { key: 'basis', label: c.basis, value: (r) => r.observed_basis },
    ];
    const sources = [...new Set(st.data.published.map((r) => r.source))];
    return html`${heading}
      ${dataTable({ name: 'composition', caption: c.title, columns, rows: st.data.published, strings: o, rowKey: (r) => r.key })}
      <p class="note">${sources.map((s) => o.network.source(s)).join(' ')}</p>
      ${this.#downloads('composition', c.download)}`;
  }

  #freshnessSection() {
    const o = this.#o;
    const c = o.columns;
    const st = this.#freshness.state;
    const heading = sectionHeading(this.headingLevel + 1, o.network.freshnessTitle, 'freshness-title');
    if (st.status === 'error') return html`${heading}${this.#sectionFailure('freshness')}`;
    if (st.status !== 'ready') return html`${heading}<p role="status">${o.states.loading}</p>`;
    type Row = FreshnessRow;
    const columns: Column<Row>[] = [
      { key: 'department', label: c.department, value: (r) => `${r.name} (${r.department})` },
      { key: 'sites', label: c.sites, numeric: true, value: (r) => r.sites, display: (r) => numberText(this.i18n.locale, r.sites) },
      { key: 'stale', label: c.stale, numeric: true, value: (r) => r.stale, display: (r) => numberText(this.i18n.locale, r.stale) },
      {
        key: 'stale_share',
        label: c.staleShare,
        numeric: true,
        value: (r) => r.stale_share,
        display: (r) => (r.stale_share === null ? '' : this.#percent(r.stale_share)),
      },
    ];
    return html`${heading}
      ${dataTable({
        name: 'freshness',
        caption: o.network.freshnessTitle,
        columns,
        rows: sortRows(st.data.items, columns, this.sort.freshness),
        sort: this.sort.freshness,
        onSort: (sort) => this.#sortBy('freshness', sort, columns),
        strings: o,
        rowKey: (r) => r.department,
      })}
      ${this.#downloads('freshness', o.network.freshnessTitle)}`;
  }

  #coverageSection() {
    const o = this.#o;
    const c = o.columns;
    const st = this.#coverage.state;
    const heading = sectionHeading(this.headingLevel + 1, o.network.coverageTitle, 'coverage-title');
    if (st.status === 'error') return html`${heading}<p class="message" data-section-state="error">${o.network.coverageUnavailable}</p>`;
    if (st.status !== 'ready') return html`${heading}<p role="status">${o.states.loading}</p>`;
    const share = (v: number | null) => (v === null ? '' : this.#percent(v));
    const columns: Column<CoverageRow>[] = [
      {
        key: 'name',
        label: c.scope,
        value: (r) => (r.level === 'region' ? o.network.region(r.name) : r.code ? `${r.name} (${r.code})` : r.name),
      },
      {
        key: 'population',
        label: c.population,
        numeric: true,
        value: (r) => r.with_outreach.population,
        display: (r) => numberText(this.i18n.locale, r.with_outreach.population),
      },
      ...MINUTES.map((m) => ({
        key: `within-${m}`,
        label: c.within(m),
        numeric: true,
        value: (r: CoverageRow) => r.with_outreach[`share_within_${m}`],
        display: (r: CoverageRow) => share(r.with_outreach[`share_within_${m}`]),
      })),
      {
        key: 'white',
        label: o.network.whiteZones,
        numeric: true,
        value: (r) => r.with_outreach.white_zones.communes,
        display: (r) => numberText(this.i18n.locale, r.with_outreach.white_zones.communes),
      },
      {
        key: 'white-pop',
        label: o.network.whitePopulation,
        numeric: true,
        value: (r) => r.with_outreach.white_zones.population,
        display: (r) => numberText(this.i18n.locale, r.with_outreach.white_zones.population),
      },
    ];
    return html`${heading}
      <p class="note">${o.network.coverageNote} (${o.network.withOutreach})</p>
      ${dataTable({
        name: 'coverage',
        caption: o.network.coverageTitle,
        columns,
        rows: sortRows(st.data.rows, columns, this.sort.coverage),
        sort: this.sort.coverage,
        onSort: (sort) => this.#sortBy('coverage', sort, columns),
        strings: o,
        rowKey: (r) => `${r.level}-${r.code ?? ''}`,
      })}
      ${this.#downloads('coverage', o.network.coverageTitle)}`;
  }

  #downloads(table: TableId, title: string, group?: string) {
    return downloadButtons(
      this.#o,
      title,
      !!this.downloading[table],
      this.downloadStatus[table] ?? '',
      (format) => void this.#download(table, format),
      group,
    );
  }

  async #download(table: TableId, format: TableFormat) {
    const d = this.#o.download;
    this.downloading = { ...this.downloading, [table]: true };
    this.downloadStatus = { ...this.downloadStatus, [table]: d.busy };
    try {
      const params = table === 'activity' || table === 'appointments' ? { ...this.#scope, group_by: this.#groupOf(table) } : this.#scope;
      const name = await downloadTable(this.client, TABLE_PATHS[table], params, this.#access.token.headers, format, table);
      this.downloadStatus = { ...this.downloadStatus, [table]: d.done(name) };
    } catch {
      this.downloadStatus = { ...this.downloadStatus, [table]: d.failed };
    } finally {
      this.downloading = { ...this.downloading, [table]: false };
    }
  }
}
