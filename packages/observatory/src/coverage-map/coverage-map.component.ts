import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type * as Leaflet from 'leaflet';
import { agentAccessStrings, ApiError, FsElement, controls, headingLevel, leafletBase, stringAttribute } from '@fs-widgets/core';
import type { ObservatoryStrings } from '../strings/observatory-strings.js';
import '../strings/observatory-strings.js';
import { observatoryStyles } from '../shared/observatory.styles.js';
import { ScopedResource, scopeParams } from '../shared/scoped-resource.js';
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
  CommuneCoverage,
  CoverageCommunes,
  CoverageNearest,
  CoverageSummary,
  WhatIfInput,
  WhatIfResult,
  WhatIfCommune,
} from '@fs-widgets/contract';
import { BANDS, BAND_COLOURS, isWhiteZone, shareColour } from './coverage-bands.js';
import { coverageLeafletStyles } from './coverage-map.leaflet-styles.js';
import { coverageMapStyles } from './coverage-map.styles.js';

type LeafletModule = typeof Leaflet;
type Action = 'site' | 'stop' | 'remove';
interface Change {
  action: Action;
  lat?: number;
  lon?: number;
  site?: string;
  label: string;
}

/** Rows of the communes' table shown at once (then « Afficher 200 communes de plus »). */
const PAGE = 200;

/**
 * The programme's first promise on a map: every commune of the scope by travel time to the nearest
 * France services (bands of 10, 20, 30, 45 minutes; the white zones beyond 30 ringed), the
 * départements shaded by their share of population within 30 minutes, the sites; and the what-if
 * tool: add a France services or a bus stop at a point, or remove a site, and see the population
 * gaining or losing access within 20 and 30 minutes, commune by commune.
 *
 * @summary The observer's token (the agents' shared sign-in) opens the scope: a département's
 * token sees its département only. The table view gives the same data to screen readers and
 * keyboards, always; the what-if tool works with a form (a commune or coordinates) as well as with
 * a click on the map. Leaflet and the départements' outlines are fetched only when the map shows.
 *
 * @csspart base - The widget.
 * @csspart map - The map's frame.
 * @csspart legend - The map's legend.
 * @csspart table - A table (`data-table`: `communes`, `what-if`).
 * @csspart what-if - The what-if tool.
 * @csspart downloads - The download buttons.
 * @csspart retry - The "Réessayer" button of the error states.
 * @csspart change-token - The button that forgets the token.
 *
 * @cssprop [--fs-observatory-accent=var(--fs-color-primary)] - Buttons and the top edge.
 * @cssprop [--fs-coverage-map-height=min(32rem, 75vh)] - Height of the map.
 */
export class FsCoverageMap extends FsElement {
  static override styles = [...FsElement.styles, controls, observatoryStyles, leafletBase, coverageLeafletStyles, coverageMapStyles];

  readonly #access = new ObserverAccess(this, () => this.client);

  #request(path: string) {
    return this.#access.request(path, () => ({ ...this.#scope, outreach: !this.fixedOnly }));
  }

  readonly #summary = new ScopedResource<CoverageSummary>(this, this.#request('observatory/coverage'), {
    onError: (e) => this.#access.noteAuth(e),
  });
  readonly #communes = new ScopedResource<CoverageCommunes>(this, this.#request('observatory/coverage/communes'), {
    onError: (e) => this.#access.noteAuth(e),
  });

  @state() private mapState: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  @state() private filter = '';
  @state() private onlyWhite = false;
  @state() private limit = PAGE;
  @state() private sort?: SortState;
  @state() private action: Action = 'site';
  @state() private communeDraft = '';
  @state() private latDraft = '';
  @state() private lonDraft = '';
  @state() private siteDraft = '';
  @state() private formErrors: Partial<Record<'place' | 'lat' | 'lon' | 'site', string>> = {};
  @state() private changes: Change[] = [];
  @state() private result?: WhatIfResult;
  @state() private whatIfState: 'idle' | 'busy' | 'failed' = 'idle';
  @state() private downloadBusy = false;
  @state() private downloadStatus = '';

  /** A département's code (`48`): its communes, for a network token; a département token sees only its own. */
  @property({ reflect: true, converter: stringAttribute }) departement = '';

  /** A carrier's id (`la-poste`): the communes of its sites' départements, for a network token. */
  @property({ reflect: true, converter: stringAttribute }) carrier = '';

  /** Count the fixed sites alone; by default the outreach points (buses' and permanences' stops) count too. */
  @property({ attribute: 'fixed-only', type: Boolean, reflect: true }) fixedOnly = false;

  /** `map` (default) or `table`: the view shown first. The table needs no map code. */
  @property({ reflect: true }) view: 'map' | 'table' = 'map';

  /** Level of the title's heading in the host page's outline (2 to 5; sections are one level below). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  #L?: LeafletModule;
  #map?: Leaflet.Map;
  #layers?: Leaflet.LayerGroup;
  #outlines?: GeoJSON.FeatureCollection;
  #drawn?: CoverageCommunes;
  #whatIfAbort?: AbortController;
  #mapRequested = false;
  #resizeObserver?: ResizeObserver;

  get #o(): ObservatoryStrings {
    return this.i18n.part<ObservatoryStrings>('observatory');
  }

  get #scope() {
    return scopeParams(this.departement, this.carrier);
  }

  /** The Leaflet map once drawn (undefined before and in the table view). */
  get leafletMap(): Leaflet.Map | undefined {
    return this.#map;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) this.headingLevel = headingLevel(this.headingLevel, 5);
    if (changed.has('departement') || changed.has('carrier') || changed.has('fixedOnly')) {
      this.#access.problem = '';
      this.changes = [];
      this.result = undefined;
    }
  }

  protected override updated(): void {
    const communes = this.#communes.state;
    if (this.view !== 'map' || communes.status !== 'ready') return;
    // After this update, not within it: loading changes the map's state, hence another update.
    if (this.mapState === 'idle' && !this.#mapRequested) {
      this.#mapRequested = true;
      queueMicrotask(() => void this.#loadMap());
    } else if (this.mapState === 'ready') {
      // Back from the table view, the map's element is a new one: a new map is made in it.
      const container = this.renderRoot.querySelector('.map');
      if (container && this.#map?.getContainer() !== container) this.#createMap();
      else if (this.#drawn !== communes.data) this.#draw(communes.data);
      this.#drawChanges();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#map) this.#resizeObserver?.observe(this.#map.getContainer());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#whatIfAbort?.abort();
    this.#resizeObserver?.disconnect();
  }

  /** Forgets the stored token and asks for another. */
  changeToken(): void {
    this.#access.changeToken();
  }

  /** Reads the coverage again (the "Réessayer" button). */
  reload(): void {
    this.#summary.retry();
    this.#communes.retry();
  }

  #percent(share: number): string {
    return percentText(this.i18n.locale, share, 1);
  }

  override render() {
    const o = this.#o;
    const a = agentAccessStrings(this.i18n.locale);
    const title = o.coverage.title;
    if (!this.#access.token.token) {
      return html`<div part="base" class="base" data-state="signed-out">${titleHeading(this.headingLevel, title)} ${this.#access.token.form(o.access.body)}</div>`;
    }
    if (this.#access.problem) {
      return html`<div part="base" class="base" data-state=${this.#access.problem}>
        ${titleHeading(this.headingLevel, title)} ${refusedScreen(this.#access.problem, o, a, () => this.changeToken())}
      </div>`;
    }
    const communes = this.#communes.state;
    if (communes.status === 'idle' || communes.status === 'loading') {
      return html`<div part="base" class="base" data-state="loading" aria-busy="true">
        ${titleHeading(this.headingLevel, title)}
        <p role="status">${o.states.loading}</p>
        <span class="skeleton map-skeleton" aria-hidden="true"></span>
      </div>`;
    }
    if (communes.status === 'error') {
      return html`<div part="base" class="base" data-state="error">
        ${titleHeading(this.headingLevel, title)}
        ${failureScreen(communes.error, o, this.i18n.strings.common.retry, () => this.reload(), this.departement.trim() || this.carrier.trim())}
        <div class="actions"><button class="link" type="button" part="change-token" @click=${() => this.changeToken()}>${a.changeToken}</button></div>
      </div>`;
    }
    const data = communes.data;
    const c = o.coverage;
    return html`<div part="base" class="base" data-state=${data.items.length ? 'ready' : 'empty'}>
      ${titleHeading(this.headingLevel, `${title} — ${data.scope.label}`)}
      <div class="scope-bar">
        <p class="scope" data-scope=${data.scope.kind}>${o.access.signedAs(data.scope.label)} (${o.access.readOnly})</p>
        <button class="link" type="button" part="change-token" @click=${() => this.changeToken()}>${a.changeToken}</button>
      </div>
      ${this.#summaryLine()}
      <div class="toolbar">
        <label class="check"
          ><input type="checkbox" .checked=${!this.fixedOnly} @change=${(e: Event) => (this.fixedOnly = !(e.target as HTMLInputElement).checked)} />
          ${c.outreach}</label
        >
        <div class="switch" role="group" aria-label=${c.viewLabel}>
          <button type="button" class="secondary" aria-pressed=${this.view === 'map' ? 'true' : 'false'} data-view="map" @click=${() => (this.view = 'map')}>
            ${c.viewMap}
          </button>
          <button type="button" class="secondary" aria-pressed=${this.view === 'table' ? 'true' : 'false'} data-view="table" @click=${() => (this.view = 'table')}>
            ${c.viewTable}
          </button>
        </div>
      </div>
      ${data.items.length === 0 ? html`<p class="message" role="status">${o.states.empty}</p>` : this.view === 'map' ? this.#mapView() : this.#tableView(data.items)}
      ${data.items.length ? this.#whatIf(data.items) : nothing}
    </div>`;
  }

  #summaryLine() {
    const st = this.#summary.state;
    if (st.status !== 'ready') return nothing;
    const figures = this.fixedOnly ? st.data.fixed : st.data.with_outreach;
    const c = this.#o.coverage;
    const shares = [
      [10, figures.share_within_10],
      [20, figures.share_within_20],
      [30, figures.share_within_30],
      [45, figures.share_within_45],
    ] as const;
    return html`<p class="summary" data-summary>
      <strong>${c.summaryTitle}</strong>
      ${shares.map(([m, share]) => (share === null ? nothing : html`<span class="pill">${this.#o.columns.within(m)} : ${this.#percent(share)}</span>`))}
      <span class="pill white">${c.whitePill(numberText(this.i18n.locale, figures.white_zones.communes), numberText(this.i18n.locale, figures.white_zones.population))}</span>
    </p>`;
  }

  #mapView() {
    const c = this.#o.coverage;
    const message = this.mapState === 'failed' ? c.mapFailed : this.mapState !== 'ready' ? c.mapLoading : '';
    return html`<div class="map-frame">
        <div part="map" class="map" role="region" aria-label=${c.mapLabel} aria-describedby="map-instructions"></div>
        <p id="map-instructions" class="small">${c.mapInstructions}</p>
        <div role="status" class="map-status">${message ? html`<p class="message">${message}</p>` : nothing}</div>
      </div>
      ${this.#legend()}
      ${this.mapState === 'failed' ? this.#tableView((this.#communes.state as { data: CoverageCommunes }).data.items) : nothing}`;
  }

  #legend() {
    const c = this.#o.coverage;
    return html`<div class="legend" part="legend">
      <p class="legend-title">${c.legend}</p>
      <ul>
        ${BANDS.map((b) => html`<li><span class="swatch" data-band=${b} aria-hidden="true"></span>${c.bands[b]}</li>`)}
        <li><span class="swatch ring" aria-hidden="true"></span>${c.whiteZone}</li>
        <li><span class="swatch site" aria-hidden="true"></span>${c.sites}</li>
        <li><span class="swatch stop" aria-hidden="true"></span>${c.stops}</li>
        <li><span class="swatch choro" aria-hidden="true"></span>${c.choropleth}</li>
      </ul>
      <p class="small credit">${c.outlinesCredit}</p>
    </div>`;
  }

  #tableView(items: CommuneCoverage[]) {
    const o = this.#o;
    const c = o.coverage;
    const col = o.columns;
    const columns: Column<CommuneCoverage>[] = [
      { key: 'name', label: col.commune, value: (r) => `${r.name} (${r.insee})` },
      { key: 'department', label: col.department, value: (r) => r.department },
      {
        key: 'population',
        label: col.population,
        numeric: true,
        value: (r) => r.population,
        display: (r) => numberText(this.i18n.locale, r.population),
      },
      {
        key: 'minutes',
        label: col.minutes,
        numeric: true,
        value: (r) => r.minutes,
        display: (r) => (r.minutes === null ? '' : numberText(this.i18n.locale, r.minutes)),
      },
      {
        key: 'band',
        label: col.band,
        value: (r) => BANDS.indexOf(r.band),
        display: (r) => html`<span class=${isWhiteZone(r.band) ? 'badge short' : 'badge'}>${c.bands[r.band] ?? r.band}</span>`,
      },
      { key: 'nearest', label: col.nearest, value: (r) => this.#nearestName(r.nearest) },
    ];
    const q = this.filter.trim().toLocaleLowerCase('fr');
    const filtered = items.filter(
      (r) => (!q || r.name.toLocaleLowerCase('fr').includes(q) || r.insee.startsWith(q)) && (!this.onlyWhite || isWhiteZone(r.band)),
    );
    const rows = sortRows(filtered, columns, this.sort).slice(0, this.limit);
    const more = Math.min(PAGE, filtered.length - rows.length);
    return html`<div class="table-view">
      <div class="filters">
        <div>
          <label class="field" for="commune-filter">${c.communesFilter}</label>
          <input id="commune-filter" type="search" .value=${this.filter} @input=${(e: InputEvent) => {
            this.filter = (e.target as HTMLInputElement).value;
            this.limit = PAGE;
          }} />
        </div>
        <label class="check field"
          ><input type="checkbox" .checked=${this.onlyWhite} @change=${(e: Event) => (this.onlyWhite = (e.target as HTMLInputElement).checked)} />
          ${c.onlyWhite}</label
        >
      </div>
      ${dataTable({
        name: 'communes',
        caption: c.communesCaption(numberText(this.i18n.locale, rows.length), numberText(this.i18n.locale, filtered.length)),
        columns,
        rows,
        sort: this.sort,
        onSort: (sort) => (this.sort = sort),
        strings: o,
        rowKey: (r) => r.insee,
      })}
      ${more > 0 ? html`<div class="actions"><button class="secondary" type="button" @click=${() => (this.limit += PAGE)}>${c.moreRows(numberText(this.i18n.locale, more))}</button></div>` : nothing}
      ${downloadButtons(o, c.communesTitle, this.downloadBusy, this.downloadStatus, (f) => void this.#download(f))}
    </div>`;
  }

  async #download(format: TableFormat) {
    const d = this.#o.download;
    this.downloadBusy = true;
    this.downloadStatus = d.busy;
    try {
      const name = await downloadTable(
        this.client,
        'observatory/coverage/communes',
        { ...this.#scope, outreach: !this.fixedOnly },
        this.#access.token.headers,
        format,
        'couverture',
      );
      this.downloadStatus = d.done(name);
    } catch {
      this.downloadStatus = d.failed;
    } finally {
      this.downloadBusy = false;
    }
  }

  #nearestName(nearest: CoverageNearest | null): string | null {
    if (!nearest) return null;
    return nearest.kind === 'stop' && nearest.stop_name ? `${nearest.site_name ?? ''} — ${nearest.stop_name}` : nearest.site_name;
  }

  /** The points that are some commune's quickest, by kind: the sites whose removal can change anything, the stops. */
  #pointsOf(items: CommuneCoverage[], kinds: ReadonlyArray<CoverageNearest['kind']>) {
    const points = new Map<string, CoverageNearest>();
    for (const r of items) {
      const p = r.nearest;
      if (p && kinds.includes(p.kind)) points.set(`${p.kind}:${p.site_id}:${p.stop_id ?? ''}`, p);
    }
    return [...points.values()];
  }

  #sitesOf(items: CommuneCoverage[]) {
    const sites = new Map<string, { id: string; name: string }>();
    for (const p of this.#pointsOf(items, ['site', 'home', 'stop']))
      if (p.site_id) sites.set(p.site_id, { id: p.site_id, name: p.site_name ?? p.site_id });
    return [...sites.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }

  #whatIf(items: CommuneCoverage[]) {
    const w = this.#o.coverage.whatIf;
    const sites = this.#sitesOf(items);
    const err = this.formErrors;
    const described = (id: string, hint?: string) =>
      [hint, err[id as keyof typeof err] ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
    return html`<section class="what-if" part="what-if" aria-labelledby="what-if-title">
      ${sectionHeading(this.headingLevel + 1, w.title, 'what-if-title')}
      <p class="hint">${w.intro}</p>
      <form novalidate @submit=${(e: Event) => this.#addChange(e, items)}>
        <fieldset>
          <legend>${w.action}</legend>
          ${(['site', 'stop', 'remove'] as const).map(
            (action) => html`<label class="radio"
              ><input type="radio" name="action" value=${action} .checked=${this.action === action} @change=${() => (this.action = action)} />
              ${action === 'site' ? w.addSite : action === 'stop' ? w.addStop : w.removeSite}</label
            >`,
          )}
        </fieldset>
        ${
          this.action === 'remove'
            ? html`<label class="field" for="what-if-site">${w.site}</label>
                <select id="what-if-site" aria-invalid=${err.site ? 'true' : 'false'} aria-describedby=${described('site')} @change=${(e: Event) => (this.siteDraft = (e.target as HTMLSelectElement).value)}>
                  <option value="" ?selected=${!this.siteDraft}>${w.chooseSite}</option>
                  ${sites.map((s) => html`<option value=${s.id} ?selected=${this.siteDraft === s.id}>${s.name}</option>`)}
                </select>
                ${err.site ? html`<p class="error-text" id="site-error">${err.site}</p>` : nothing}`
            : html`<fieldset>
                <legend>${w.where}</legend>
                <label class="field" for="what-if-commune">${w.commune}</label>
                <p class="small" id="commune-hint">${w.communeHint}</p>
                <input id="what-if-commune" list="what-if-communes" autocomplete="off" .value=${this.communeDraft}
                  aria-invalid=${err.place ? 'true' : 'false'} aria-describedby=${described('place', 'commune-hint')}
                  @input=${(e: InputEvent) => (this.communeDraft = (e.target as HTMLInputElement).value)} />
                <datalist id="what-if-communes">${this.#suggestions(items).map((r) => html`<option value=${`${r.name} (${r.insee})`}></option>`)}</datalist>
                ${err.place ? html`<p class="error-text" id="place-error">${err.place}</p>` : nothing}
                <p class="or">${w.orCoordinates}</p>
                <div class="coords">
                  <div>
                    <label class="field" for="what-if-lat">${w.lat}</label>
                    <input id="what-if-lat" inputmode="decimal" .value=${this.latDraft} aria-invalid=${err.lat ? 'true' : 'false'} aria-describedby=${described('lat')}
                      @input=${(e: InputEvent) => (this.latDraft = (e.target as HTMLInputElement).value)} />
                    ${err.lat ? html`<p class="error-text" id="lat-error">${err.lat}</p>` : nothing}
                  </div>
                  <div>
                    <label class="field" for="what-if-lon">${w.lon}</label>
                    <input id="what-if-lon" inputmode="decimal" .value=${this.lonDraft} aria-invalid=${err.lon ? 'true' : 'false'} aria-describedby=${described('lon')}
                      @input=${(e: InputEvent) => (this.lonDraft = (e.target as HTMLInputElement).value)} />
                    ${err.lon ? html`<p class="error-text" id="lon-error">${err.lon}</p>` : nothing}
                  </div>
                </div>
              </fieldset>`
        }
        <div class="actions"><button class="primary" type="submit">${w.submit}</button>
          ${this.changes.length ? html`<button class="secondary" type="button" @click=${() => this.#reset()}>${w.reset}</button>` : nothing}</div>
      </form>
      ${this.#changesList()}
      ${this.#result()}
    </section>`;
  }

  /** The communes offered as the person types (the first 30 starting with it): a network has 35,000. */
  #suggestions(items: CommuneCoverage[]): CommuneCoverage[] {
    const typed = this.communeDraft.trim().toLocaleLowerCase('fr');
    if (typed.length < 2) return items.length <= 400 ? items.filter((r) => r.location) : [];
    const found: CommuneCoverage[] = [];
    for (const r of items) {
      if (r.location && (`${r.name} (${r.insee})`.toLocaleLowerCase('fr').startsWith(typed) || r.insee.startsWith(typed))) found.push(r);
      if (found.length === 30) break;
    }
    return found;
  }

  #changesList() {
    const w = this.#o.coverage.whatIf;
    return html`<p class="field-label" id="changes-title">${w.changes}</p>
      ${
        this.changes.length === 0
          ? html`<p class="small">${w.noChange}</p>`
          : html`<ul class="changes" aria-labelledby="changes-title">
              ${this.changes.map(
                (ch, i) => html`<li data-change=${ch.action}>
                  <span>${ch.action === 'site' ? w.kindSite : ch.action === 'stop' ? w.kindStop : w.kindRemove} : ${ch.label}</span>
                  <button class="link" type="button" aria-label=${w.remove(ch.label)} @click=${() => this.#removeChange(i)}>✕</button>
                </li>`,
              )}
            </ul>`
      }`;
  }

  /** The what-if's answer: one polite live region, there from the start, says « Calcul en cours… » then the gains and losses. */
  #result() {
    const w = this.#o.coverage.whatIf;
    const r = this.changes.length && this.whatIfState === 'idle' ? this.result : undefined;
    return html`<div role="status" class="what-if-status">
        ${this.whatIfState === 'busy' ? html`<p class="small">${w.computing}</p>` : nothing}
        ${r ? this.#deltas(r) : nothing}
      </div>
      ${this.whatIfState === 'failed' ? html`<p role="alert" class="message error">${w.failed}</p>` : nothing}
      ${r ? this.#resultTable(r) : nothing}`;
  }

  #deltas(r: WhatIfResult) {
    const w = this.#o.coverage.whatIf;
    const line = (m: 20 | 30, gained: number, lost: number) =>
      html`<li data-within=${m}>
        ${gained ? html`<span class="gain">${w.gain(m, numberText(this.i18n.locale, gained))}</span>` : nothing}
        ${lost ? html`<span class="loss">${w.loss(m, numberText(this.i18n.locale, lost))}</span>` : nothing}
        ${!gained && !lost ? w.delta(m) : nothing}
      </li>`;
    return html`<p class="field-label">${w.result}</p>
      <ul class="deltas" data-result>
        ${line(20, r.gained_20, r.lost_20)} ${line(30, r.gained_30, r.lost_30)}
      </ul>`;
  }

  #resultTable(r: WhatIfResult) {
    const w = this.#o.coverage.whatIf;
    const change = (v: WhatIfCommune['within_20']) => (v === 'gains' ? w.gainsAccess : v === 'loses' ? w.losesAccess : '');
    const minutes = (v: number | null) => (v === null ? '' : numberText(this.i18n.locale, v));
    const columns: Column<WhatIfCommune>[] = [
      { key: 'name', label: this.#o.columns.commune, value: (x) => `${x.name} (${x.insee})` },
      {
        key: 'population',
        label: this.#o.columns.population,
        numeric: true,
        value: (x) => x.population,
        display: (x) => numberText(this.i18n.locale, x.population),
      },
      {
        key: 'before',
        label: `${w.before} (min)`,
        numeric: true,
        value: (x) => x.minutes_before,
        display: (x) => minutes(x.minutes_before),
      },
      { key: 'after', label: `${w.after} (min)`, numeric: true, value: (x) => x.minutes_after, display: (x) => minutes(x.minutes_after) },
      { key: 'within_20', label: this.#o.columns.within(20), value: (x) => change(x.within_20) },
      { key: 'within_30', label: this.#o.columns.within(30), value: (x) => change(x.within_30) },
    ];
    return r.communes.length
      ? dataTable({ name: 'what-if', caption: w.byCommune, columns, rows: r.communes, strings: this.#o, rowKey: (x) => x.insee })
      : html`<p class="small">${w.nothingChanges}</p>`;
  }

  /** The form's change, checked: a commune from the list or valid coordinates; a site to remove. */
  #addChange(event: Event, items: CommuneCoverage[]) {
    event.preventDefault();
    const w = this.#o.coverage.whatIf;
    const errors: typeof this.formErrors = {};
    let change: Change | undefined;
    if (this.action === 'remove') {
      const site = this.#sitesOf(items).find((s) => s.id === this.siteDraft);
      if (!site) errors.site = w.needSite;
      else change = { action: 'remove', site: site.id, label: site.name };
    } else {
      const typed = this.communeDraft.trim();
      const commune = typed
        ? items
            .filter((r) => r.location)
            .find(
              (r) =>
                `${r.name} (${r.insee})` === typed || r.insee === typed || r.name.toLocaleLowerCase('fr') === typed.toLocaleLowerCase('fr'),
            )
        : undefined;
      if (commune?.location)
        change = { action: this.action, lat: commune.location.lat, lon: commune.location.lon, label: `${commune.name} (${commune.insee})` };
      else if (this.latDraft.trim() || this.lonDraft.trim()) {
        const lat = Number(this.latDraft.trim());
        const lon = Number(this.lonDraft.trim());
        if (!this.latDraft.trim() || !Number.isFinite(lat) || Math.abs(lat) > 90) errors.lat = w.invalidLat;
        if (!this.lonDraft.trim() || !Number.isFinite(lon) || Math.abs(lon) > 180) errors.lon = w.invalidLon;
        if (!errors.lat && !errors.lon) change = this.#pointChange(lat, lon);
      } else errors.place = w.needPlace;
    }
    this.formErrors = errors;
    if (!change) {
      const first = errors.site ? '#what-if-site' : errors.place ? '#what-if-commune' : errors.lat ? '#what-if-lat' : '#what-if-lon';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(first)?.focus());
      return;
    }
    this.communeDraft = this.latDraft = this.lonDraft = this.siteDraft = '';
    this.changes = [...this.changes, change];
    void this.#compute();
  }

  #pointChange(lat: number, lon: number): Change {
    const action = this.action === 'remove' ? 'site' : this.action;
    const f = (n: number) => n.toFixed(4);
    return { action, lat, lon, label: this.#o.coverage.whatIf.placedAt(f(lat), f(lon)) };
  }

  #placeAt(lat: number, lon: number) {
    this.changes = [...this.changes, this.#pointChange(lat, lon)];
    void this.#compute();
  }

  #removeChange(index: number) {
    this.changes = this.changes.filter((_, i) => i !== index);
    void this.#compute();
  }

  #reset() {
    this.changes = [];
    this.result = undefined;
    this.whatIfState = 'idle';
  }

  /** Sends every simulated change at once; a newer computation aborts the one in flight. */
  async #compute() {
    this.#whatIfAbort?.abort();
    if (this.changes.length === 0) {
      this.result = undefined;
      this.whatIfState = 'idle';
      return;
    }
    const abort = new AbortController();
    this.#whatIfAbort = abort;
    this.whatIfState = 'busy';
    const scope = new URLSearchParams();
    for (const [key, value] of Object.entries(this.#scope)) if (value !== undefined) scope.set(key, String(value));
    const body: WhatIfInput = {
      outreach: !this.fixedOnly,
      add: this.changes
        .filter((c) => c.action !== 'remove')
        .map((c) => ({ kind: c.action as 'site' | 'stop', lat: c.lat!, lon: c.lon!, label: c.label.slice(0, 120) })),
      remove: [...new Set(this.changes.filter((c) => c.action === 'remove').map((c) => c.site!))],
    };
    try {
      const result = await this.client.post<WhatIfResult>(`observatory/coverage/what-if${scope.size ? `?${scope}` : ''}`, body, {
        headers: this.#access.token.headers,
        signal: abort.signal,
      });
      if (abort.signal.aborted) return;
      this.result = result;
      this.whatIfState = 'idle';
    } catch (err) {
      if (abort.signal.aborted) return;
      if (err instanceof ApiError) this.#access.noteAuth(err);
      this.whatIfState = 'failed';
    }
  }

  async #loadMap(): Promise<void> {
    this.mapState = 'loading';
    try {
      // The only place the mapping code is imported: bundlers make it a chunk of its own, fetched
      // when the map view first shows (never for the table view).
      const [L, outlines] = await Promise.all([
        import('leaflet/dist/leaflet-src.esm.js'),
        this.client.get<GeoJSON.FeatureCollection>('departements/outlines'),
      ]);
      this.#L = L;
      this.#outlines = outlines;
    } catch {
      this.mapState = 'failed';
      return;
    }
    this.mapState = 'ready';
    await this.updateComplete;
    this.#createMap();
  }

  #createMap() {
    const L = this.#L;
    const container = this.renderRoot.querySelector<HTMLElement>('.map');
    if (!L || !container) return;
    if (this.#map && this.#map.getContainer() === container) return;
    this.#map?.remove();
    this.#resizeObserver?.disconnect();
    this.#layers = this.#points = this.#changeLayer = undefined;
    this.#pointsData = this.#drawnChanges = undefined;
    const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const map = L.map(container, {
      attributionControl: false,
      preferCanvas: true,
      zoomSnap: 0.25,
      zoomAnimation: !still,
      fadeAnimation: !still,
      minZoom: 2,
      maxZoom: 13,
    });
    this.#map = map;
    container.classList.add('leaflet-crosshair');
    map.on('click', (e: Leaflet.LeafletMouseEvent) => this.#placeAt(e.latlng.lat, e.latlng.lng));
    // With the keyboard on the map: the arrows move it (Leaflet), Enter places a point under the
    // cross drawn at its centre (the form below does the same with a commune or coordinates).
    container.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || e.target !== container) return;
      e.preventDefault();
      const centre = map.getCenter();
      this.#placeAt(centre.lat, centre.lng);
    });
    this.#resizeObserver = new ResizeObserver(() => map.invalidateSize({ pan: false }));
    this.#resizeObserver.observe(container);
    map.on('zoomend', () => {
      if (this.#drawn) this.#drawPoints(this.#drawn);
    });
    this.#drawn = undefined;
    const communes = this.#communes.state;
    if (communes.status === 'ready') this.#draw(communes.data);
  }

  #draw(data: CoverageCommunes) {
    const L = this.#L;
    const map = this.#map;
    if (!L || !map) return;
    this.#drawn = data;
    this.#layers?.remove();
    const group = L.layerGroup().addTo(map);
    this.#layers = group;
    // The départements of the scope, shaded by their share of population within 30 minutes.
    const byDep = new Map<string, { pop: number; within: number }>();
    for (const r of data.items) {
      const d = byDep.get(r.department) ?? { pop: 0, within: 0 };
      d.pop += r.population;
      if (r.minutes !== null && r.minutes <= 30) d.within += r.population;
      byDep.set(r.department, d);
    }
    const features = (this.#outlines?.features ?? []).filter((f) => byDep.has(String(f.properties?.code)));
    L.geoJSON({ type: 'FeatureCollection', features } as GeoJSON.FeatureCollection, {
      interactive: false,
      style: (f) => {
        const d = byDep.get(String(f?.properties?.code));
        return { color: '#37474f', weight: 1.5, fillColor: shareColour(d && d.pop ? d.within / d.pop : null), fillOpacity: 0.55 };
      },
    }).addTo(group);
    // Fitted to the scope's départements of mainland France and Corsica when it has any: with the
    // overseas ones the box would span the globe (they are reached by moving the map).
    const mainland = features.filter((f) => !String(f.properties?.code).startsWith('97'));
    const bounds = L.geoJSON({
      type: 'FeatureCollection',
      features: mainland.length ? mainland : features,
    } as GeoJSON.FeatureCollection).getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8], animate: false });
    else map.setView([46.6, 2.4], 5, { animate: false });
    this.#drawPoints(data);
  }

  /**
   * The communes, sites and stops, sized for the zoom: at a département's (9) a hamlet is 4 px and
   * a town up to 14 px, sites 5 px rings; at the whole country's (5 to 6) everything shrinks to a
   * third, so that 35,000 communes and 2,800 sites stay a map rather than a blot. Drawn again
   * after each zoom.
   */
  #drawPoints(data: CoverageCommunes) {
    const L = this.#L;
    const map = this.#map;
    if (!L || !map) return;
    // Fitting the view fires a zoom too: the same data at the same zoom is drawn once.
    const drawn = `${map.getZoom()}`;
    if (this.#pointsData === data && this.#pointsZoom === drawn) return;
    this.#pointsData = data;
    this.#pointsZoom = drawn;
    this.#points?.remove();
    const group = L.layerGroup().addTo(map);
    this.#points = group;
    const k = Math.max(0.3, Math.min(1, (map.getZoom() - 4) / 5));
    const fine = k < 0.6;
    const radius = (pop: number) => Math.max(1.2, k * Math.min(14, 3.5 + Math.sqrt(pop) / 25));
    for (const r of data.items) {
      if (!r.location) continue;
      const white = isWhiteZone(r.band);
      L.circleMarker([r.location.lat, r.location.lon], {
        radius: white ? Math.max(2.5, radius(r.population)) : radius(r.population),
        interactive: false,
        fillColor: BAND_COLOURS[r.band],
        fillOpacity: 0.85,
        color: white ? '#111' : '#fff',
        weight: white ? 1.5 : fine ? 0 : 0.5,
        stroke: white || !fine,
      }).addTo(group);
    }
    for (const p of this.#pointsOf(data.items, ['site', 'home'])) {
      L.circleMarker([p.location.lat, p.location.lon], {
        radius: Math.max(1.6, 5 * k),
        interactive: false,
        fillColor: fine ? '#111' : '#fff',
        fillOpacity: 1,
        color: '#111',
        weight: fine ? 0 : 2.5,
        stroke: !fine,
      }).addTo(group);
    }
    for (const p of this.#pointsOf(data.items, ['stop'])) {
      L.circleMarker([p.location.lat, p.location.lon], {
        radius: Math.max(1.6, 4 * k),
        interactive: false,
        fillColor: '#f7d046',
        fillOpacity: 1,
        color: '#111',
        weight: fine ? 0 : 1.5,
        stroke: !fine,
      }).addTo(group);
    }
  }

  #points?: Leaflet.LayerGroup;
  #pointsData?: CoverageCommunes;
  #pointsZoom = '';
  #changeLayer?: Leaflet.LayerGroup;
  #drawnChanges?: Change[];

  #drawChanges() {
    const L = this.#L;
    const map = this.#map;
    if (!L || !map || this.#drawnChanges === this.changes) return;
    this.#drawnChanges = this.changes;
    this.#changeLayer?.remove();
    const group = L.layerGroup().addTo(map);
    this.#changeLayer = group;
    for (const ch of this.changes) {
      if (ch.lat === undefined || ch.lon === undefined) continue;
      L.circleMarker([ch.lat, ch.lon], {
        radius: 9,
        interactive: false,
        fillColor: ch.action === 'stop' ? '#f7d046' : '#ffffff',
        fillOpacity: 1,
        color: '#6a1b9a',
        weight: 4,
      }).addTo(group);
    }
  }
}
