import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CommuneList, SiteList, SiteResult, Travel } from '@fs-widgets/contract';
import { LOCAL_PARTNER_OFFER, SITE_OFFERS } from '@fs-widgets/contract/codes';
import {
  ApiResource,
  bookingPageUrl,
  exceptionParts,
  FsElement,
  formatClockTime,
  formatDate,
  formatDayAndDate,
  formatDistance,
  stringAttribute,
  type ResourceRequest,
  type SearchParams,
  headingLevel,
  reopeningText,
  stopVisitText,
  upcomingExceptions,
} from '@fs-widgets/core';
import { openingStatus, zonedParts, type NextOpening } from '@fs-widgets/opening-hours';
import '../commune-search/commune-search.js';
import type { FsPlaceSelectDetail } from '../commune-search/place-select-event.js';
import type { FsCommuneSearch } from '../commune-search/commune-search.component.js';
import type { FsSiteSelectDetail } from '../site-map/site-select-event.js';
import {
  KINDS_BY_FILTER,
  readUrlState,
  writeUrlState,
  type KindFilter,
  type LocatorOffer,
  type LocatorState,
  type SearchOrigin,
} from './locator-state.js';
import { detectedMapsApp, directionsUrl, mapsAppUrl, type MapsApp } from './maps-links.js';
import { siteLocatorStyles } from './site-locator.styles.js';
import { SITE_LOCATOR_PART, type SiteLocatorStrings } from './site-locator-strings.js';

export interface FsSearchDetail {
  origin: SearchOrigin;
  openNow: boolean;
  saturday: boolean;
  kind: KindFilter;
  /** The offer chosen in the « Service proposé » filter (`local-partner`: a local partner is known there); null = any. */
  offer: LocatorOffer | null;
  radius: number | null;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-site-search': CustomEvent<FsSearchDetail>;
    /** @deprecated Listen to `fs-site-search`; this name is fired too until the next release. */
    'fs-search': CustomEvent<FsSearchDetail>;
  }
}

const RADIUS_CHOICES = [5, 10, 20, 50, 100, 200];
const FILTERS = ['open-now', 'saturday', 'kind', 'offer', 'radius'] as const;
type FilterName = (typeof FILTERS)[number];

/**
 * The France services locator: from a commune, a postcode, an address or "around me" to the
 * nearest sites, with distance, estimated travel time (the 30-minute promise), open now,
 * Saturday opening, the next stops of buses and roaming permanences, and a map on demand.
 *
 * @summary Search, filter, list (the accessible primary view), details with directions, share
 * and print; the whole state lives in the page URL under a prefix, so links can be shared and
 * the back button works. Works offline for searches already made on the device.
 *
 * @fires fs-site-search - The person ran a search or changed a filter. detail: `FsSearchDetail`. Also fired as `fs-search` (deprecated) until the next release.
 * @fires fs-site-select - The person opened a site's details (cancelable: call `preventDefault()`
 * to handle it yourself). detail: `{ siteId }`.
 *
 * @csspart base - The whole widget.
 * @csspart results - The list of results.
 * @csspart result - One result.
 * @csspart booking - A result's « Prendre rendez-vous » link (sites taking online bookings).
 * @csspart filters - The filters.
 * @csspart filters-toggle - The button that unfolds the filters in a narrow widget (under 36rem).
 * @csspart details - The details of the chosen site.
 *
 * @cssprop [--fs-site-locator-accent=var(--fs-color-primary)] - Buttons, links, selection.
 * @cssprop [--fs-site-map-height=28rem] - Height of the map.
 * @cssprop [--fs-color-primary=#1c5d6e] - Design token shared by every widget.
 */
export class FsSiteLocator extends FsElement {
  static override styles = [...FsElement.styles, siteLocatorStyles];

  readonly #results = new ApiResource<SiteList>(this, () => this.#request());

  /**
   * When "Ouvert maintenant" finds nothing: the same search without that filter, to say when
   * and where the next one opens instead of "nothing found".
   */
  readonly #closedResults = new ApiResource<SiteList>(this, () => this.#closedRequest());

  @state() private origin: SearchOrigin | null = null;
  @state() private openNow = false;
  @state() private saturday = false;
  @state() private kind: KindFilter = 'all';
  @state() private offer: LocatorOffer | null = null;
  @state() private radiusKm: number | null = null;
  @state() private selectedSite: string | null = null;
  @state() private mapShown = false;
  @state() private mapReady = false;
  @state() private geo: 'idle' | 'locating' | 'denied' | 'timeout' | 'unavailable' = 'idle';
  @state() private presetError: 'unknown' | null = null;
  @state() private shareMessage = '';
  /** The result last focused or opened: highlighted on the map, so list and map stay in step. */
  @state() private highlighted = '';
  /** The filters unfolded: they are folded by default when the widget is narrow (a phone, a side column). */
  @state() private filtersOpen = false;

  /** INSEE code of the commune to start from, e.g. `48095` (Mende). */
  @property({ converter: stringAttribute, reflect: true }) commune = '';

  /** Postcode to start from (its most populated commune), e.g. `48000`. */
  @property({ converter: stringAttribute, reflect: true }) postcode = '';

  /** Latitude to start from (with `lon`). */
  @property({ type: Number, reflect: true }) lat?: number;

  /** Longitude to start from (with `lat`). */
  @property({ type: Number, reflect: true }) lon?: number;

  /** Maximum distance in km (5 to 200); no limit when unset. */
  @property({ type: Number, reflect: true }) radius?: number;

  /** How many sites to list (1 to 100). */
  @property({ type: Number, reflect: true }) limit = 10;

  /** `list` (default), `map` (the map shown above the list) or `split` (side by side when wide). */
  @property({ reflect: true }) view: 'list' | 'map' | 'split' = 'list';

  /**
   * The filters offered, comma-separated: `open-now,saturday,kind,offer,radius` (default), or
   * `none`. `offer` keeps the sites that publish an offer (point justice, Wi-Fi…) or where a
   * local partner is known (`local-partner`).
   */
  @property({ converter: stringAttribute, reflect: true }) filters = FILTERS.join(',');

  /** Base URL of a BAN-compatible geocoder to also search street addresses (off by default). */
  @property({ converter: stringAttribute, reflect: true }) geocoder = '';

  /** Prefix of the URL parameters this locator keeps its state in. */
  @property({ attribute: 'url-prefix', converter: stringAttribute, reflect: true }) urlPrefix = 'fsl';

  /** Keep the state out of the page URL (for pages with several locators, previews…). */
  @property({ attribute: 'no-url-state', type: Boolean, reflect: true }) noUrlState = false;

  /** Level of the widget's title in the page outline (2 to 5); results are one level below. */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /** Tile server of the map (`{z}/{x}/{y}` URL); OpenStreetMap by default. */
  @property({ attribute: 'tile-url', converter: stringAttribute, reflect: true }) tileUrl = '';

  /** Attribution of `tile-url`'s tiles. */
  @property({ attribute: 'tile-attribution', converter: stringAttribute, reflect: true }) tileAttribution = '';

  /** Base map when `tile-url` is not set: `osm` (OpenStreetMap, default) or `ign-plan` (Plan IGN v2). */
  @property({ reflect: true }) tiles: 'osm' | 'ign-plan' = 'osm';

  /**
   * Where « Prendre rendez-vous » leads, for the sites that take online bookings: an `http(s)`
   * address where `{id}` stands for the site's id (a page of yours holding `<fs-booking>`); by
   * default the booking page of the widgets' server (`/s/<id>/rdv`). The booking code is never
   * loaded by the locator.
   */
  @property({ attribute: 'booking-url', converter: stringAttribute, reflect: true }) bookingUrl = '';

  /** Frozen "now" for previews and tests: open-now status and filter. */
  @property({ attribute: false }) now?: Date;

  /**
   * The maps application the details offer to open: `geo` (Android), `apple` (iPhone, iPad) or
   * `none` (desktops: only the web directions). Detected once from the platform when unset;
   * set it for previews and tests.
   */
  @property({ attribute: false }) mapsApp?: MapsApp;

  readonly #onPopState = () => this.#applyUrl();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#onPopState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onPopState);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The details view (a site's card) is fetched the first time a person opens one.
    if (this.selectedSite && !customElements.get('fs-site-card')) void import('../site-card/site-card.js');
    if (changed.has('headingLevel')) {
      this.headingLevel = headingLevel(this.headingLevel, 5);
    }
    if (changed.has('limit')) {
      const limit = Math.round(Number(this.limit));
      this.limit = Number.isFinite(limit) ? Math.min(100, Math.max(1, limit)) : 10;
    }
    const presets = ['commune', 'postcode', 'lat', 'lon', 'radius', 'view'] as const;
    if (!this.hasUpdated || presets.some((p) => changed.has(p))) {
      this.#applyPresets();
      if (!this.hasUpdated) this.#applyUrl();
    }
  }

  /** The starting point and options given by attributes (a town hall's page preset on its commune). */
  #applyPresets() {
    const radius = Number(this.radius);
    this.radiusKm = Number.isFinite(radius) && radius > 0 ? Math.min(radius, 200) : null;
    this.mapShown = this.view === 'map' || this.view === 'split';
    this.presetError = null;
    const commune = this.commune.trim().toUpperCase();
    const lat = Number(this.lat);
    const lon = Number(this.lon);
    if (commune) {
      this.origin = { type: 'commune', insee: commune, label: commune };
    } else if (this.lat != null && this.lon != null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      this.origin = { type: 'point', location: { lat, lon }, label: '' };
    } else if (/^\d{5}$/.test(this.postcode.trim())) {
      void this.#resolvePostcode(this.postcode.trim());
    } else if (this.postcode.trim()) {
      this.presetError = 'unknown';
    }
    if (this.mapShown) void this.#loadMap();
  }

  async #resolvePostcode(postcode: string) {
    try {
      const found = await this.client.get<CommuneList>('communes', { searchParams: { q: postcode, limit: 1 } });
      const commune = found.items[0];
      if (commune && commune.postcodes.includes(postcode)) {
        this.origin = { type: 'commune', insee: commune.insee, label: commune.name };
      } else {
        this.presetError = 'unknown';
      }
    } catch {
      this.presetError = 'unknown';
    }
  }

  /** The state kept in the URL wins over the attributes: a shared link opens what was shared. */
  #applyUrl() {
    if (this.noUrlState) return;
    const params = new URLSearchParams(window.location.search);
    const hasState = [...params.keys()].some((k) => k.startsWith(`${this.urlPrefix}-`));
    if (!hasState) {
      if (this.hasUpdated) {
        // Back to the page as it was before any search: the attributes' preset again.
        this.selectedSite = null;
        this.openNow = false;
        this.saturday = false;
        this.kind = 'all';
        this.offer = null;
        this.#applyPresets();
      }
      return;
    }
    const url = readUrlState(params, this.urlPrefix);
    this.origin = url.origin ?? this.origin;
    this.openNow = url.openNow ?? false;
    this.saturday = url.saturday ?? false;
    this.kind = url.kind ?? 'all';
    this.offer = url.offer ?? null;
    this.radiusKm = url.radius ?? this.radiusKm;
    this.selectedSite = url.site ?? null;
    this.mapShown = url.map ?? this.mapShown;
    if (this.mapShown) void this.#loadMap();
  }

  #state(): LocatorState {
    return {
      origin: this.origin,
      openNow: this.openNow,
      saturday: this.saturday,
      kind: this.kind,
      offer: this.offer,
      radius: this.radiusKm,
      site: this.selectedSite,
      map: this.mapShown,
    };
  }

  #saveUrl(mode: 'push' | 'replace') {
    if (this.noUrlState) return;
    const next = writeUrlState(new URL(window.location.href), this.urlPrefix, this.#state());
    if (next.href === window.location.href) return;
    if (mode === 'push') window.history.pushState(window.history.state, '', next);
    else window.history.replaceState(window.history.state, '', next);
  }

  #request(): ResourceRequest | undefined {
    if (!this.origin) return undefined;
    const searchParams: SearchParams = {
      limit: this.limit,
      radius: this.radiusKm ?? undefined,
      open_now: this.openNow ? 'true' : undefined,
      saturday: this.saturday ? 'true' : undefined,
      kind: this.kind === 'all' ? undefined : KINDS_BY_FILTER[this.kind],
      offer: this.offer ?? undefined,
      at: this.now ? this.now.toISOString() : undefined,
    };
    if (this.origin.type === 'commune') searchParams.commune = this.origin.insee;
    else searchParams.near = `${this.origin.location.lat.toFixed(5)},${this.origin.location.lon.toFixed(5)}`;
    return { client: this.client, path: 'sites', searchParams };
  }

  #closedRequest(): ResourceRequest | undefined {
    const found = this.#results.state;
    if (!this.openNow || found.status !== 'ready' || found.data.items.length > 0) return undefined;
    const request = this.#request();
    return request && { ...request, searchParams: { ...request.searchParams, open_now: undefined } };
  }

  #searched() {
    if (!this.origin) return;
    this.emit<FsSearchDetail>(
      'fs-site-search',
      { origin: this.origin, openNow: this.openNow, saturday: this.saturday, kind: this.kind, offer: this.offer, radius: this.radiusKm },
      { formerName: 'fs-search' },
    );
  }

  #onPlaceSelect(event: CustomEvent<FsPlaceSelectDetail>) {
    event.stopPropagation();
    const place = event.detail;
    if (place.kind === 'commune' && place.commune) {
      this.origin = { type: 'commune', insee: place.commune.insee, label: place.commune.name };
    } else if (place.location) {
      this.origin = { type: 'point', location: place.location, label: place.label };
    } else {
      return;
    }
    this.presetError = null;
    this.geo = 'idle';
    this.selectedSite = null;
    this.#saveUrl('push');
    this.#searched();
  }

  #aroundMe() {
    if (!('geolocation' in navigator)) {
      this.geo = 'unavailable';
      return;
    }
    this.geo = 'locating';
    navigator.geolocation.getCurrentPosition(
      (position) => {
        this.geo = 'idle';
        this.presetError = null;
        this.selectedSite = null;
        this.origin = {
          type: 'point',
          location: { lat: position.coords.latitude, lon: position.coords.longitude },
          label: this.texts.myPosition,
        };
        // The field no longer names the place searched around.
        this.renderRoot.querySelector<FsCommuneSearch>('fs-commune-search')?.clear();
        this.#saveUrl('push');
        this.#searched();
      },
      (error) => {
        this.geo = error.code === error.PERMISSION_DENIED ? 'denied' : error.code === error.TIMEOUT ? 'timeout' : 'unavailable';
      },
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
    );
  }

  #setFilter(change: Partial<Pick<LocatorState, 'openNow' | 'saturday' | 'kind' | 'offer' | 'radius'>>) {
    if (change.openNow !== undefined) this.openNow = change.openNow;
    if (change.saturday !== undefined) this.saturday = change.saturday;
    if (change.kind !== undefined) this.kind = change.kind;
    if (change.offer !== undefined) this.offer = change.offer;
    if (change.radius !== undefined) this.radiusKm = change.radius;
    this.#saveUrl('replace');
    this.#searched();
  }

  #openSite(siteId: string) {
    const event = this.emit<FsSiteSelectDetail>('fs-site-select', { siteId }, { cancelable: true });
    if (event.defaultPrevented) return;
    this.selectedSite = siteId;
    this.highlighted = siteId;
    this.shareMessage = '';
    this.#saveUrl('push');
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#details')?.focus());
  }

  #back() {
    const siteId = this.selectedSite;
    this.selectedSite = null;
    this.#saveUrl('push');
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-site="${siteId}"] .name button`)?.focus());
  }

  async #toggleMap() {
    this.mapShown = !this.mapShown;
    this.#saveUrl('replace');
    if (this.mapShown) await this.#loadMap();
  }

  async #loadMap() {
    if (this.mapReady) return;
    // Leaflet and the map are fetched only now: a page that never shows the map never loads them.
    await import('../site-map/site-map.js');
    this.mapReady = true;
  }

  async #share() {
    const s = this.texts;
    try {
      await navigator.clipboard.writeText(window.location.href);
      this.shareMessage = s.shared;
    } catch {
      this.shareMessage = s.shareFailed;
    }
  }

  #placeName(list?: SiteList): string {
    const s = this.texts;
    // A point set by the page (lat/lon attributes) has no name: it is not the visitor's position.
    return list?.origin.commune?.name ?? (this.origin?.label || s.chosenPoint);
  }

  /** This element's texts, in its language. */
  private get texts(): SiteLocatorStrings['locator'] {
    return this.i18n.part<SiteLocatorStrings>(SITE_LOCATOR_PART).locator;
  }

  override render() {
    const shown = new Set(this.filters.split(',').map((f) => f.trim()) as FilterName[]);
    return html`<div part="base" class="base">
      <div role="heading" aria-level=${this.headingLevel} class="title">${this.texts.title}</div>
      <div class="search">
        <fs-commune-search
          api=${this.api || nothing}
          geocoder=${this.geocoder || nothing}
          .commune=${this.origin?.type === 'commune' ? this.origin.insee : ''}
          @fs-place-select=${this.#onPlaceSelect}
        ></fs-commune-search>
        <button class="around" type="button" @click=${this.#aroundMe} ?disabled=${this.geo === 'locating'}>
          ${this.geo === 'locating' ? this.texts.locating : this.texts.aroundMe}
        </button>
      </div>
      ${this.#geoMessage()} ${this.#filters(shown)} ${this.#content()}
    </div>`;
  }

  #geoMessage() {
    const s = this.texts;
    const text =
      this.geo === 'denied' ? s.geoDenied : this.geo === 'timeout' ? s.geoTimeout : this.geo === 'unavailable' ? s.geoUnavailable : '';
    return html`<p class="geo-message" role="status" ?hidden=${!text}>${text}</p>`;
  }

  #filters(shown: Set<FilterName>) {
    const s = this.texts;
    if (!FILTERS.some((f) => shown.has(f))) return nothing;
    const active = [
      shown.has('open-now') && this.openNow,
      shown.has('saturday') && this.saturday,
      shown.has('kind') && this.kind !== 'all',
      shown.has('offer') && this.offer !== null,
      shown.has('radius') && this.radiusKm !== null,
    ].filter(Boolean).length;
    // The toggle shows only in a narrow widget (a container query: the widget sits in other
    // sites' columns, so the window's width says nothing); a wide one always shows the filters.
    return html`<div class=${this.filtersOpen ? 'filters unfolded' : 'filters'}>
      <button
        type="button"
        class="filters-toggle"
        part="filters-toggle"
        aria-expanded=${this.filtersOpen ? 'true' : 'false'}
        aria-controls="filters"
        @click=${() => (this.filtersOpen = !this.filtersOpen)}
      >
        ${s.filtersToggle(active)}
      </button>
      <fieldset part="filters" id="filters">
      <legend>${s.filtersLegend}</legend>
      ${
        shown.has('open-now')
          ? html`<label class="check"
            ><input
              type="checkbox"
              .checked=${this.openNow}
              @change=${(e: Event) => this.#setFilter({ openNow: (e.target as HTMLInputElement).checked })}
            />${s.openNow}</label
          >`
          : nothing
      }
      ${
        shown.has('saturday')
          ? html`<label class="check"
            ><input
              type="checkbox"
              .checked=${this.saturday}
              @change=${(e: Event) => this.#setFilter({ saturday: (e.target as HTMLInputElement).checked })}
            />${s.saturday}</label
          >`
          : nothing
      }
      ${
        shown.has('kind')
          ? html`<label class="field"
            >${s.kindLegend}
            <select @change=${(e: Event) => this.#setFilter({ kind: (e.target as HTMLSelectElement).value as KindFilter })}>
              <option value="all" ?selected=${this.kind === 'all'}>${s.kindAll}</option>
              <option value="fixed" ?selected=${this.kind === 'fixed'}>${s.kindFixed}</option>
              <option value="itinerant" ?selected=${this.kind === 'itinerant'}>${s.kindItinerant}</option>
            </select></label
          >`
          : nothing
      }
      ${
        shown.has('offer')
          ? html`<label class="field"
            >${s.offerLegend}
            <select
              @change=${(e: Event) => {
                const value = (e.target as HTMLSelectElement).value;
                this.#setFilter({ offer: value ? (value as LocatorOffer) : null });
              }}
            >
              <option value="" ?selected=${this.offer === null}>${s.offerAll}</option>
              ${SITE_OFFERS.map(
                (offer) => html`<option value=${offer} ?selected=${this.offer === offer}>${this.i18n.strings.offers[offer]}</option>`,
              )}
              <option value=${LOCAL_PARTNER_OFFER} ?selected=${this.offer === LOCAL_PARTNER_OFFER}>${s.offerLocalPartner}</option>
            </select></label
          >`
          : nothing
      }
      ${
        shown.has('radius')
          ? html`<label class="field"
            >${s.radius}
            <select
              @change=${(e: Event) => {
                const v = Number((e.target as HTMLSelectElement).value);
                this.#setFilter({ radius: v > 0 ? v : null });
              }}
            >
              <option value="0" ?selected=${this.radiusKm === null}>${s.radiusNone}</option>
              ${RADIUS_CHOICES.map((km) => html`<option value=${km} ?selected=${this.radiusKm === km}>${s.radiusOption(km)}</option>`)}
            </select></label
          >`
          : nothing
      }
    </fieldset>
    </div>`;
  }

  #message(title: string, body: string, actions: unknown = nothing) {
    const level = this.headingLevel + 1;
    return html`<div class="message" role="status">
      <div role="heading" aria-level=${level}>${title}</div>
      <p>${body}</p>
      ${actions === nothing ? nothing : html`<div class="actions">${actions}</div>`}
    </div>`;
  }

  #content() {
    const s = this.i18n.strings;
    if (this.presetError === 'unknown') return this.#message(this.texts.startTitle, this.texts.unknownCommune);
    if (!this.origin) return this.#message(this.texts.startTitle, this.texts.startBody);
    const st = this.#results.state;
    if (st.status === 'loading' || st.status === 'idle') return this.#loading();
    if (st.status === 'error') {
      const retry = html`<button class="primary" type="button" @click=${() => this.#results.retry()}>${s.common.retry}</button>`;
      switch (st.error.kind) {
        case 'not-found':
          return this.#message(this.texts.startTitle, this.texts.unknownCommune);
        case 'invalid':
          return this.#message(this.texts.startTitle, st.error.status === 422 ? this.texts.noLocation : this.texts.invalidSearch);
        case 'offline':
          return this.#message(s.common.offlineTitle, s.common.offlineNoData, retry);
        default:
          return this.#message(s.common.errorTitle, s.common.errorBody, retry);
      }
    }
    const list = st.data;
    if (this.selectedSite) return this.#details(list);
    const notice =
      st.offline && st.savedAt
        ? html`<p class="notice" role="status">${this.texts.offlineResults(formatDate(st.savedAt, this.i18n.locale))}</p>`
        : nothing;
    if (list.items.length === 0) return html`${notice}${this.#empty(list)}`;
    const place = this.#placeName(list);
    return html`${notice}
      <div class="toolbar">
        <p class="summary" role="status">${this.texts.resultsCount(list.count, place)}</p>
        <button type="button" aria-pressed=${this.mapShown ? 'true' : 'false'} @click=${this.#toggleMap}>
          ${this.mapShown ? this.texts.hideMap : this.texts.showMap}
        </button>
      </div>
      ${
        list.items.some((site) => site.travel.method === 'estimate' && site.travel.minutes !== null)
          ? html`<p class="travel-note">${this.texts.travelNote}</p>`
          : nothing
      }
      <div class="layout ${this.view === 'split' ? 'split' : ''}">
        ${this.mapShown && this.view !== 'split' ? this.#map(list) : nothing}
        <ol part="results" aria-label=${this.texts.resultsHeading(place)}>
          ${list.items.map((site) => this.#result(site))}
        </ol>
        ${this.mapShown && this.view === 'split' ? this.#map(list) : nothing}
      </div>`;
  }

  #loading() {
    return html`<div aria-busy="true">
      <p class="visually-hidden" role="status">${this.i18n.strings.common.loading}</p>
      <div class="skeleton" aria-hidden="true"></div>
      <div class="skeleton" aria-hidden="true"></div>
      <div class="skeleton" aria-hidden="true"></div>
    </div>`;
  }

  #map(list: SiteList) {
    if (!this.mapReady) return html`<div class="skeleton" aria-hidden="true"></div>`;
    return html`<fs-site-map
      .sites=${list.items.map((site) => (site.at_stop ? { ...site, location: site.at_stop.location } : site))}
      .origin=${list.origin.location}
      selected-id=${this.highlighted || nothing}
      tiles=${this.tiles}
      tile-url=${this.tileUrl || nothing}
      tile-attribution=${this.tileAttribution || nothing}
      @fs-site-select=${(e: CustomEvent<FsSiteSelectDetail>) => {
        e.stopPropagation();
        this.#openSite(e.detail.siteId);
      }}
    ></fs-site-map>`;
  }

  #empty(list: SiteList) {
    const s = this.texts;
    if (this.openNow) {
      // Nothing open now: the same search without that filter says whether they are all closed.
      const all = this.#closedResults.state;
      if (all.status === 'loading') return this.#loading();
      if (all.status === 'ready' && all.data.items.length > 0) return this.#allClosed(all.data);
    }
    const filtered = this.openNow || this.saturday || this.kind !== 'all' || this.offer !== null;
    const actions = [
      list.suggestion
        ? html`<button class="primary" type="button" @click=${() => this.#setFilter({ radius: list.suggestion!.radius_km })}>
            ${s.widen(list.suggestion.radius_km, list.suggestion.count)}
          </button>`
        : nothing,
      filtered
        ? html`<button type="button" @click=${() => this.#setFilter({ openNow: false, saturday: false, kind: 'all', offer: null })}>
            ${s.removeFilters}
          </button>`
        : nothing,
    ];
    return this.#message(s.emptyTitle(list.radius_km), s.emptyFilters, actions);
  }

  /** Every nearby site is closed: when and where the next one opens, and a way to see them all. */
  #allClosed(list: SiteList) {
    const s = this.texts;
    const strings = this.i18n.strings;
    const now = this.now ?? new Date();
    let first: { site: SiteResult; next: NextOpening } | undefined;
    for (const site of list.items) {
      if (!hasStatus(site)) continue;
      const status = openingStatus(site.hours, {
        now,
        department: site.address.department,
        timeZone: site.time_zone,
        exceptions: site.exceptions,
      });
      const next = status.state === 'closed' ? status.next : null;
      // Nearest first, so the nearer of two sites opening at the same time is named.
      if (next && (!first || `${next.date} ${next.time}` < `${first.next.date} ${first.next.time}`)) first = { site, next };
    }
    let body = s.nextNone;
    if (first) {
      const { next } = first;
      const time = formatClockTime(next.time, this.i18n.locale);
      const when =
        next.inDays === 0
          ? s.nextToday(time)
          : next.inDays === 1
            ? s.nextTomorrow(strings.days[next.day], time)
            : s.nextOn(formatDayAndDate(next.date, this.i18n.locale, { inSentence: true }), time);
      body = s.nextOpening(when, first.site.name);
    }
    const showAll = html`<button class="primary" type="button" @click=${() => this.#setFilter({ openNow: false })}>${s.showAll}</button>`;
    return this.#message(s.allClosedTitle(list.radius_km), body, showAll);
  }

  #result(site: SiteResult) {
    const s = this.i18n.strings;
    const locale = this.i18n.locale;
    const now = this.now ?? new Date();
    const status = openingStatus(site.hours, {
      now,
      department: site.address.department,
      timeZone: site.time_zone,
      exceptions: site.exceptions,
    });
    const today = zonedParts(now, site.time_zone).date;
    const t = (hhmm: string) => formatClockTime(hhmm, locale);
    const closure = status.state === 'closed' && status.reason === 'exception' ? status.exception : undefined;
    // Found at one of its stops: where and when it passes there says more than its home base's hours.
    const statusText =
      !hasStatus(site) || site.at_stop
        ? nothing
        : closure
          ? html`<span class="closed">${exceptionParts(closure, s, locale, today).head}</span>
            ${exceptionParts(closure, s, locale, today).detail} — ${reopeningText(status.state === 'closed' ? status.next : null, s, locale)}`
          : status.state === 'open'
            ? html`<span class="open">${s.hours.openNow}</span> · ${s.hours.closesAt(t(status.closesAt))}`
            : status.state === 'closed'
              ? html`<span class="closed">${s.hours.closedNow}</span> ·
              ${
                !status.next
                  ? s.hours.noNextOpening
                  : status.next.inDays === 0
                    ? s.hours.opensToday(t(status.next.time))
                    : status.next.inDays === 1
                      ? s.hours.opensTomorrow(t(status.next.time))
                      : s.hours.opensOn(s.days[status.next.day], t(status.next.time))
              }`
              : s.hours.unknown;
    const saturday = site.hours.sa.length > 0;
    // The next closure or exceptional hours within two weeks, other than today's closure said above.
    const coming = site.at_stop ? undefined : upcomingExceptions(site.exceptions, today, 14).find((e) => e !== closure);
    return html`<li
      class=${site.id === this.highlighted ? 'result selected' : 'result'}
      part="result"
      data-site=${site.id}
      @focusin=${() => (this.highlighted = site.id)}
    >
      <p class="kind">${s.kinds[site.kind]}</p>
      <div role="heading" aria-level=${this.headingLevel + 1} class="name">
        <button type="button" aria-label=${this.texts.details(site.name)} @click=${() => this.#openSite(site.id)}>
          ${site.name}
        </button>
      </div>
      <ul class="facts">
        <li>${site.at_stop?.commune ?? site.address.commune} — ${this.texts.distance(formatDistance(site.distance_km, locale))}</li>
        ${site.at_stop ? html`<li class="passage">${this.#passage(site.at_stop, site.stops, today)}</li>` : nothing}
        ${hasStatus(site) ? html`<li class="travel">${this.#travel(site.travel)}</li>` : nothing}
        ${statusText === nothing ? nothing : html`<li>${statusText}</li>`}
        ${coming ? html`<li class="exception">${this.#exceptionLine(coming, today)}</li>` : nothing}
        ${saturday ? html`<li>${this.texts.saturdayOpen}</li>` : nothing}
        ${site.appointment ? html`<li>${this.texts.appointment}</li>` : nothing}
        ${
          // Kept for its local partners: who, so that the person knows what to ask for there.
          this.offer === LOCAL_PARTNER_OFFER && site.local_partners.length > 0
            ? html`<li class="local-partners">${this.texts.localPartners(site.local_partners.map((p) => p.name).join(', '))}</li>`
            : nothing
        }
        ${site.phone ? html`<li>${this.texts.phone(site.phone)}</li>` : nothing}
      </ul>
      ${
        site.booking
          ? html`<p class="booking">
              <a class="booking-link" part="booking" href=${bookingPageUrl(site.id, this.api, this.bookingUrl)}
                >${this.texts.booking}<span class="visually-hidden"> — ${site.name}</span></a
              >
            </p>`
          : nothing
      }
      ${site.itinerant && !site.at_stop ? this.#stops(site) : nothing}
    </li>`;
  }

  /** « Prochain passage à Tusson : mardi 9 h – 12 h », or none planned there in the next 4 weeks. */
  #passage(stop: NonNullable<SiteResult['at_stop']>, stops: SiteResult['stops'], today: string) {
    return stopVisitText(stop, stops, this.i18n.strings, this.i18n.locale, today);
  }

  /** « Fermé exceptionnellement le 24 décembre (congés) », its first words in the closed colour. */
  #exceptionLine(exception: SiteResult['exceptions'][number], today: string) {
    const { head, detail } = exceptionParts(exception, this.i18n.strings, this.i18n.locale, today);
    return html`<span class=${exception.closed ? 'closed' : 'exceptional'}>${head}</span> ${detail}`;
  }

  /**
   * The trip: on foot or by car, « environ » when estimated (the list says once how), the terrain
   * of a rough estimate, the badge only where the server can promise it; how one gets there
   * where no road goes.
   */
  #travel(travel: Travel) {
    if (travel.minutes === null || travel.reach !== 'road')
      return this.texts.travelNoRoad[travel.reach === 'road' ? 'unknown' : travel.reach];
    const duration = this.texts.duration(travel.minutes);
    const trip = travel.mode === 'walk' ? this.texts.travelWalk(duration) : this.texts.travelCar(duration, travel.method === 'estimate');
    const terrain = travel.reliability === 'rough' && travel.terrain ? this.texts.travelTerrain[travel.terrain] : '';
    return html`${terrain ? `${trip} ${terrain}` : trip}${
      travel.within_30_min === true ? html` <span class="tag ok">${this.texts.within30}</span>` : nothing
    }`;
  }

  #stops(site: SiteResult) {
    const s = this.i18n.strings;
    const locale = this.i18n.locale;
    const sessions = site.stops
      .flatMap((stop) => stop.next.map((session) => ({ ...session, stop })))
      .sort((a, b) => `${a.date} ${a.opens}`.localeCompare(`${b.date} ${b.opens}`))
      .slice(0, 3);
    if (sessions.length === 0) return html`<p class="stops">${this.texts.noStopsKnown}</p>`;
    return html`<div class="stops">
      ${this.texts.nextStops} :
      <ul>
        ${sessions.map(
          (x) =>
            html`<li>
              ${formatDayAndDate(x.date, locale)}, ${s.hours.range(formatClockTime(x.opens, locale), formatClockTime(x.closes, locale))}
              — ${x.stop.address.commune} (${x.stop.address.street})
            </li>`,
        )}
      </ul>
    </div>`;
  }

  #details(list: SiteList) {
    const s = this.texts;
    const site = list.items.find((i) => i.id === this.selectedSite);
    const from = list.origin.location;
    // A site found at one of its stops: the directions lead to that stop, where the distance was measured.
    const place = site?.at_stop?.location ?? site?.location;
    const appUrl = site && place ? mapsAppUrl(this.mapsApp ?? detectedMapsApp(), place, site.name) : null;
    return html`<section id="details" part="details" tabindex="-1" aria-label=${site?.name ?? s.title}>
      <div class="details-actions">
        <button type="button" @click=${this.#back}>← ${s.back}</button>
        ${
          site
            ? html`<a href=${directionsUrl(place!, from)} target="_blank" rel="noopener" aria-label=${s.directionsLabel(site.name)}
                >${s.directions}</a
              >
              ${appUrl ? html`<a href=${appUrl}>${s.openInMaps}</a>` : nothing}`
            : nothing
        }
        <button type="button" @click=${this.#share}>${s.share}</button>
        <button type="button" @click=${() => window.print()}>${s.print}</button>
        <span role="status">${this.shareMessage}</span>
      </div>
      ${
        site
          ? html`<fs-site-card
              .site=${site}
              .now=${this.now}
              api=${this.api || nothing}
              booking-url=${this.bookingUrl || nothing}
              heading-level=${this.headingLevel + 1}
            ></fs-site-card>`
          : html`<fs-site-card
            site-id=${this.selectedSite!}
            api=${this.api || nothing}
            booking-url=${this.bookingUrl || nothing}
            .now=${this.now}
            heading-level=${this.headingLevel + 1}
          ></fs-site-card>`
      }
    </section>`;
  }
}

/**
 * Whether a site's opening status and travel time can be shown: a bus or roaming site without
 * published stops has hours and a home base but no place, and an opening time or a trip without
 * a place misleads ("ouvre demain à 9 h 30", "à moins de 30 min": where?). Its result says to
 * contact it instead.
 */
function hasStatus(site: SiteResult): boolean {
  return !(site.itinerant && site.stops.length === 0);
}
