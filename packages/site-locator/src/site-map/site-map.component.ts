import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type * as Leaflet from 'leaflet';
import type Supercluster from 'supercluster';
import type { Location, Site, SiteResult } from '@fs-widgets/contract';
import { FsElement, leafletBase, safeHref, stringAttribute, type Locale } from '@fs-widgets/core';
import { leafletStyles } from './site-map.leaflet-styles.js';
import { siteMapStyles } from './site-map.styles.js';
import type { SiteMapStrings } from './site-map-strings.js';
import './site-map-strings.js';
import { cspSafeTileLayer } from './site-map.tile-layer.js';
import type { FsSiteSelectDetail } from './site-select-event.js';
import type { FsMapPickDetail } from './map-pick-event.js';

type LeafletModule = typeof Leaflet;
type SuperclusterClass = typeof Supercluster;

/** What the map shows: a site, or a search result (a site with its distance). */
export type MapSite = Site | SiteResult;

/** `loading` until the first tile arrives, `ok` once one has, `unavailable` when none could. */
export type TileState = 'loading' | 'ok' | 'unavailable';

/** Base maps known by name (`tiles` attribute). */
export type TilePreset = 'osm' | 'ign-plan';

interface TileSource {
  url: string;
  /** The credits, in the page's language when the source gives them in several. */
  attribution: string | Record<Locale, string>;
  attributionUrl: string;
  /** Language of a single-language attribution, marked when it differs from the page's. */
  lang: Locale;
}

export const TILE_PRESETS: Record<TilePreset, TileSource> = {
  osm: {
    url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    // The wording of openstreetmap.org/copyright in each language.
    attribution: { fr: '© les contributeurs d’OpenStreetMap', en: '© OpenStreetMap contributors' },
    attributionUrl: 'https://www.openstreetmap.org/copyright',
    lang: 'en',
  },
  'ign-plan': {
    url:
      'https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2' +
      '&STYLE=normal&FORMAT=image/png&TILEMATRIXSET=PM&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}',
    attribution: '© IGN – Plan IGN v2',
    attributionUrl: 'https://www.ign.fr/',
    lang: 'fr',
  },
};

/** What `tile-url` and `tile-attribution-url` may point to. */
const WEB_PROTOCOLS = ['https:', 'http:'];

/** Tiles that must fail, with none loaded, before the base map is declared unreachable. */
const TILE_ERRORS_BEFORE_UNAVAILABLE = 6;
/** Clusters are formed up to this zoom; beyond it every site has its own marker. */
const CLUSTER_MAX_ZOOM = 16;
/** Above this many sites only the markers near the view are created (with margin). */
const ALL_MARKERS_UP_TO = 300;
/** Metropolitan France, when there is nothing to show. */
const DEFAULT_VIEW = { center: [46.6, 2.5] as [number, number], zoom: 5 };

interface PointProps {
  siteId: string;
  /** Position in `sites`: markers follow the list's order in the tab sequence. */
  order: number;
}
interface ClusterProps {
  order: number;
}

interface MarkerEntry {
  marker: Leaflet.Marker;
  order: number;
  /** The site's id, or the cluster's id in the index. */
  siteId?: string;
  clusterId?: number;
  /** How many sites a group holds. */
  count?: number;
}

const reducedMotion = (): boolean => matchMedia('(prefers-reduced-motion: reduce)').matches;

const isPlace = (l: Location | null | undefined): l is Location =>
  !!l && Number.isFinite(l.lat) && Number.isFinite(l.lon) && Math.abs(l.lat) <= 90 && Math.abs(l.lon) <= 180;

/** The same point to the 5th decimal (about a metre): a page rounding the point placed gives it back unchanged. */
const samePoint = (a: Location | null | undefined, b: Location | null | undefined): boolean =>
  a === b || (!!a && !!b && Math.abs(a.lat - b.lat) < 6e-6 && Math.abs(a.lon - b.lon) < 6e-6);

/**
 * The map view of the site locator: the sites as markers, grouped when they are close, and the
 * search origin. The list stays the primary view; the map is shown on demand, and the mapping
 * library (Leaflet) is loaded only when the element is first rendered.
 *
 * @summary Keyboard-usable markers (Tab, then Enter or Space), groups that zoom in when
 * activated, a "you are here" marker, a clear message when the base map cannot be reached.
 * With `pick`, a map to place one point (a bus stop, a permanence): a click or tap places it, and
 * without a pointer the arrow keys move the map under a crosshair at its centre and the button
 * « Placer le point au centre de la carte » places it there; each placed point is announced.
 *
 * @csspart base - The frame around the map and its overlays.
 * @csspart map - The map itself (Leaflet's container, a labelled region).
 * @csspart status - The message over the map (loading, base map unreachable); under it with `pick`.
 * @csspart attribution - The base map's credits.
 * @csspart pick - With `pick`: the bar under the map (the button placing the point at the centre, the point placed).
 *
 * @cssprop [--fs-site-map-height=28rem] - Height of the map.
 * @cssprop [--fs-site-map-radius=var(--fs-radius)] - Corner radius of the frame.
 * @cssprop [--fs-site-map-marker=var(--fs-color-primary)] - Colour of the site markers and groups.
 * @cssprop [--fs-site-map-marker-contrast=var(--fs-color-on-primary)] - Text and dot drawn on the markers.
 * @cssprop [--fs-color-primary=#1c5d6e] - Design token shared by every widget.
 * @cssprop [--fs-color-focus=#0a58ca] - Design token shared by every widget: focus ring.
 *
 * @fires fs-site-select - A site's marker was activated (click, Enter or Space). detail: { siteId }
 * @fires fs-map-pick - With `pick`: a point was placed by a click or tap on the map, or at its centre with the button. detail: { lat, lon } (not rounded). Cancelable: `preventDefault()` leaves the point where it was. Not fired when the page sets `picked`.
 */
export class FsSiteMap extends FsElement {
  static override styles = [...FsElement.styles, leafletBase, leafletStyles, siteMapStyles];

  /** The sites to show (a search's results, in their order). */
  @property({ attribute: false }) sites: MapSite[] = [];

  /**
   * The chosen site (`id_fs`), drawn larger with a thick border. Set by the page, the map shows
   * it (pans, zooms in out of its group) without firing `fs-site-select`.
   */
  @property({ attribute: 'selected-id', reflect: true, converter: stringAttribute }) selectedId = '';

  /** Where the search started (a commune's centre or the visitor's position): its own marker. */
  @property({ attribute: false }) origin?: Location;

  /** Base map tiles, a `{z}/{x}/{y}` URL template. Overrides `tiles` when set. */
  @property({ attribute: 'tile-url', converter: stringAttribute }) tileUrl = '';

  /**
   * Credits of the base map, plain text (e.g. `© les contributeurs d’OpenStreetMap`). Defaults to the
   * preset's credits.
   */
  @property({ attribute: 'tile-attribution', converter: stringAttribute }) tileAttribution = '';

  /** Link of the credits (the tiles' licence page). Defaults to the preset's. */
  @property({ attribute: 'tile-attribution-url', converter: stringAttribute }) tileAttributionUrl = '';

  /** Base map used when `tile-url` is not set: `osm` (OpenStreetMap, default) or `ign-plan` (Plan IGN v2). */
  @property({ reflect: true }) tiles: TilePreset = 'osm';

  /** Milliseconds without any tile before the base map is said to be unreachable. */
  @property({ attribute: 'tile-timeout', type: Number }) tileTimeout = 8000;

  /**
   * Picking mode: a click or tap on the map, or the button under it (the point under the crosshair
   * at the centre), places a point and fires `fs-map-pick`. Off, the map behaves as the locator's.
   */
  @property({ type: Boolean, reflect: true }) pick = false;

  /**
   * The point placed, shown with its own marker (with `pick`). Set by the page (e.g. from typed
   * coordinates), the map shows it without firing `fs-map-pick`; a pick on the map sets it.
   */
  @property({ attribute: false }) picked?: Location;

  /** Name of the `origin` marker, read by screen readers. Defaults to « Point de départ de la recherche ». */
  @property({ attribute: 'origin-label', converter: stringAttribute }) originLabel = '';

  @state() private tileStateValue: TileState = 'loading';
  @state() private mapState: 'loading' | 'ready' | 'failed' = 'loading';
  /** The last point placed on the map itself (said in the live region), until the page moves it. */
  @state() private placed?: Location;

  #L?: LeafletModule;
  #Supercluster?: SuperclusterClass;
  #map?: Leaflet.Map;
  #TileLayer?: ReturnType<typeof cspSafeTileLayer>;
  #tileLayer?: Leaflet.TileLayer;
  #tileLayerUrl = '';
  #tileTimer?: ReturnType<typeof setTimeout>;
  #tileLoads = 0;
  #tileErrors = 0;
  #zoomControl?: Leaflet.Control.Zoom;
  #index?: Supercluster<PointProps, ClusterProps>;
  #siteById = new Map<string, MapSite>();
  #entries = new Map<string, MarkerEntry>();
  #activators = new WeakMap<Element, () => void>();
  #originMarker?: Leaflet.Marker;
  #pickedMarker?: Leaflet.Marker;
  #resizeObserver?: ResizeObserver;
  /** The strings the markers were last labelled with (a language arriving later relabels them). */
  #labelledWith?: SiteMapStrings['siteMap'];
  /** The id the map itself just selected: that change is not "from outside". */
  #selectedFromMap?: string;
  /** A site chosen from the page before it was among `sites`: shown (out of its group) once it is. */
  #revealWhenShown = '';
  /** After a move, put the keyboard focus on the first marker holding one of these sites. */
  #focusAfterMove?: Set<string>;

  /** The base map's state, also reflected as the `tile-state` attribute. */
  get tileState(): TileState {
    return this.tileStateValue;
  }

  /** The Leaflet map once loaded (undefined before), to add layers of your own. */
  get leafletMap(): Leaflet.Map | undefined {
    return this.#map;
  }

  get #s() {
    return this.i18n.part<SiteMapStrings>('site-map').siteMap;
  }

  get #source(): TileSource {
    const preset = TILE_PRESETS[this.tiles] ?? TILE_PRESETS.osm;
    return {
      // Tiles come over http(s) only, and the credits link is a web page: other schemes are ignored.
      url: safeHref(this.tileUrl, preset.url, WEB_PROTOCOLS),
      attribution:
        this.tileAttribution.trim() || (typeof preset.attribution === 'string' ? preset.attribution : preset.attribution[this.i18n.locale]),
      attributionUrl: safeHref(this.tileAttributionUrl, '', WEB_PROTOCOLS) || (this.tileAttribution.trim() ? '' : preset.attributionUrl),
      lang: this.tileAttribution.trim() || typeof preset.attribution !== 'string' ? this.i18n.locale : preset.lang,
    };
  }

  get #container(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.map');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const container = this.#container;
    if (this.#map && container) {
      this.#resizeObserver?.observe(container);
      this.#map.invalidateSize({ pan: false });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
  }

  protected override firstUpdated(): void {
    void this.#load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Here rather than in updated(): a new base map resets the tile state within this update.
    if (changed.has('tileUrl') || changed.has('tiles') || changed.has('tileTimeout')) this.#setTileLayer();
    // The live region says only the points placed on the map, not those the page sets (the page
    // giving back the point placed, rounded, is still that point).
    if (changed.has('picked') && !samePoint(this.picked, this.placed)) this.placed = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.setAttribute('tile-state', this.tileStateValue);
    const map = this.#map;
    if (!map) return;
    if (changed.has('sites')) this.#buildIndex();
    if (changed.has('origin')) this.#placeOrigin();
    if (changed.has('picked') || changed.has('pick')) {
      this.#placePicked();
      // A point moved by the page (typed coordinates) is brought into view; one placed here already is.
      const moved = changed.has('picked') && !samePoint(changed.get('picked'), this.picked);
      if (moved && this.pick && isPlace(this.picked) && !samePoint(this.picked, this.placed) && !changed.has('origin'))
        this.#panInside(map.wrapLatLng([this.picked.lat, this.picked.lon]));
    }
    if (changed.has('sites') || changed.has('origin')) {
      this.#fitView();
      this.#recluster();
      // Chosen before these sites arrived (the page set selected-id first): shown now, as if chosen now.
      if (changed.has('sites') && !changed.has('selectedId') && this.#revealWhenShown && this.#revealWhenShown === this.selectedId)
        this.#reveal(this.selectedId);
    }
    if (changed.has('selectedId')) {
      const fromMap = this.selectedId === this.#selectedFromMap;
      this.#selectedFromMap = undefined;
      for (const entry of this.#entries.values()) this.#decorate(entry);
      if (!fromMap && this.selectedId) this.#reveal(this.selectedId);
    }
    if (changed.has('originLabel')) this.#labelOrigin();
    if (this.#labelledWith !== this.#s) this.#relabel();
  }

  override render() {
    const s = this.#s;
    const source = this.#source;
    const message =
      this.mapState === 'failed'
        ? this.pick
          ? s.pickUnavailable
          : s.mapUnavailable
        : this.mapState === 'loading'
          ? s.loading
          : this.tileStateValue === 'unavailable'
            ? this.pick
              ? s.pickUnavailable
              : s.tilesUnavailable
            : '';
    const picking = this.#canPick;
    // Over the map; under it when picking, so it hides neither the point nor the commune.
    const status = html`<div part="status" class=${this.pick ? 'status under' : 'status'} role="status">
      ${message ? html`<p class=${this.mapState === 'loading' ? 'message loading' : 'message'}>${message}</p>` : nothing}
    </div>`;
    return html`<div part="base" class="frame" aria-busy=${this.mapState === 'loading' ? 'true' : nothing}>
      <div
        part="map"
        class="map"
        role="region"
        aria-label=${this.pick ? s.pickMapLabel : s.mapLabel}
        aria-describedby="instructions"
      ></div>
      <p id="instructions" class="visually-hidden">${this.pick ? s.pickInstructions : s.instructions}</p>
      ${picking ? html`<span class="crosshair" aria-hidden="true"></span>` : nothing}
      ${this.pick ? nothing : status}
      ${
        this.mapState === 'ready'
          ? html`<p part="attribution" class="attribution">
            <span class="visually-hidden">${s.attributionPrefix}</span>${
              source.attributionUrl
                ? html`<a href=${source.attributionUrl} lang=${source.lang === this.i18n.locale ? nothing : source.lang}
                  >${source.attribution}</a
                >`
                : html`<span lang=${source.lang === this.i18n.locale ? nothing : source.lang}>${source.attribution}</span>`
            }
          </p>`
          : nothing
      }
    </div>
    ${this.pick ? status : nothing}
    ${
      this.pick
        ? html`<div part="pick" class="pick-bar">
          ${picking ? html`<button type="button" class="pick-center" @click=${() => this.#pickCenter()}>${s.pickCenter}</button>` : nothing}
          <p class="pick-status" role="status">${this.placed ? s.picked(this.#degrees(this.placed.lat), this.#degrees(this.placed.lon)) : ''}</p>
        </div>`
        : nothing
    }`;
  }

  /** Picking is offered once the map is shown with its base map (a point on a blank map means nothing). */
  get #canPick(): boolean {
    return this.pick && this.mapState === 'ready' && this.tileStateValue !== 'unavailable';
  }

  #degrees(value: number): string {
    return new Intl.NumberFormat(this.i18n.locale, { minimumFractionDigits: 5, maximumFractionDigits: 5 }).format(value);
  }

  #pickCenter(): void {
    const center = this.#map?.getCenter();
    if (center) this.#pickAt(center);
  }

  /** A point placed on the map (click, tap, or the button): announced, fired, shown. */
  #pickAt(latlng: Leaflet.LatLng): void {
    if (!this.#canPick) return;
    const { lat, lng } = latlng.wrap();
    const point: Location = { lat, lon: lng };
    if (this.emit<FsMapPickDetail>('fs-map-pick', point, { cancelable: true }).defaultPrevented) return;
    this.picked = point;
    this.placed = point;
  }

  #placePicked(): void {
    const L = this.#L;
    const map = this.#map;
    if (!L || !map) return;
    const point = this.pick && isPlace(this.picked) ? this.picked : undefined;
    if (!point) {
      this.#pickedMarker?.remove();
      this.#pickedMarker = undefined;
      return;
    }
    if (this.#pickedMarker) {
      this.#pickedMarker.setLatLng([point.lat, point.lon]);
      return;
    }
    const marker = L.marker([point.lat, point.lon], {
      icon: L.divIcon({ className: 'fs-picked', html: this.#shape('pin'), iconSize: null as unknown as undefined }),
      interactive: false,
      keyboard: false,
      zIndexOffset: 2000,
    });
    this.#pickedMarker = marker;
    marker.on('add', () => this.#labelPicked());
    marker.addTo(map);
  }

  #labelPicked(): void {
    const el = this.#pickedMarker?.getElement();
    if (!el) return;
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', this.#s.pickedMarker);
    el.title = this.#s.pickedMarker;
  }

  async #load(): Promise<void> {
    try {
      // The only place the mapping code is imported: bundlers make it a separate chunk, fetched
      // when a map is first shown.
      const [L, cluster] = await Promise.all([import('leaflet/dist/leaflet-src.esm.js'), import('supercluster')]);
      this.#L = L;
      this.#Supercluster = cluster.default;
    } catch {
      this.mapState = 'failed';
      this.tileStateValue = 'unavailable';
      return;
    }
    await this.updateComplete;
    this.#createMap();
  }

  #createMap(): void {
    const L = this.#L;
    const container = this.#container;
    if (!L || !container || this.#map) return;
    const still = reducedMotion();
    const map = L.map(container, {
      zoomControl: false,
      attributionControl: false,
      trackResize: false, // a ResizeObserver follows the element itself, not only the window
      zoomAnimation: !still,
      fadeAnimation: !still,
      markerZoomAnimation: !still,
      minZoom: 2,
      maxZoom: 19,
    });
    this.#map = map;
    map.on('moveend zoomend', () => this.#recluster());
    map.on('click', (e: Leaflet.LeafletMouseEvent) => {
      if (this.pick) this.#pickAt(e.latlng);
    });
    container.addEventListener('keydown', (e) => this.#onKeyDown(e));
    this.#buildIndex();
    this.#placeOrigin();
    this.#placePicked();
    this.#fitView();
    this.#setTileLayer();
    this.#relabel();
    this.#recluster();
    if (this.selectedId) this.#reveal(this.selectedId);
    this.#resizeObserver = new ResizeObserver(() => map.invalidateSize({ pan: false }));
    if (this.isConnected) this.#resizeObserver.observe(container);
    this.mapState = 'ready';
  }

  #onKeyDown(e: KeyboardEvent): void {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const target = e.target as HTMLElement;
    const activate = this.#activators.get(target);
    if (activate) {
      // Also stops the keypress, so Leaflet does not act on it a second time.
      e.preventDefault();
      activate();
    } else if (e.key === ' ' && target.matches('.leaflet-control-zoom a')) {
      // Leaflet's zoom buttons are links with role="button": make Space work like on a button.
      e.preventDefault();
      target.click();
    }
  }

  /** The tile layer for the current source; the tile state starts again from `loading`. */
  #setTileLayer(): void {
    const L = this.#L;
    const map = this.#map;
    if (!L || !map) return;
    const url = this.#source.url;
    if (this.#tileLayer && this.#tileLayerUrl === url) return;
    this.#tileLayer?.remove();
    clearTimeout(this.#tileTimer);
    this.#tileLoads = 0;
    this.#tileErrors = 0;
    this.tileStateValue = 'loading';
    this.#TileLayer ??= cspSafeTileLayer(L);
    const layer = new this.#TileLayer(url, { maxZoom: 19 });
    layer.on('tileload', () => {
      if (this.#tileLayer !== layer) return;
      this.#tileLoads++;
      this.tileStateValue = 'ok';
    });
    layer.on('tileerror', () => {
      if (this.#tileLayer !== layer) return;
      this.#tileErrors++;
      if (this.#tileLoads === 0 && this.#tileErrors >= TILE_ERRORS_BEFORE_UNAVAILABLE) this.tileStateValue = 'unavailable';
    });
    this.#tileLayer = layer;
    this.#tileLayerUrl = url;
    layer.addTo(map);
    const timeout = Number.isFinite(this.tileTimeout) && this.tileTimeout >= 0 ? this.tileTimeout : 8000;
    this.#tileTimer = setTimeout(() => {
      if (this.#tileLayer === layer && this.#tileLoads === 0) this.tileStateValue = 'unavailable';
    }, timeout);
  }

  #buildIndex(): void {
    const Cluster = this.#Supercluster;
    if (!Cluster) return;
    for (const entry of this.#entries.values()) entry.marker.remove();
    this.#entries.clear();
    this.#siteById.clear();
    const points: Supercluster.PointFeature<PointProps>[] = [];
    (this.sites ?? []).forEach((site, order) => {
      if (!site || !isPlace(site.location) || this.#siteById.has(site.id)) return;
      this.#siteById.set(site.id, site);
      points.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [site.location.lon, site.location.lat] },
        properties: { siteId: site.id, order },
      });
    });
    const index = new Cluster<PointProps, ClusterProps>({
      // Leaflet's tiles are 256 px: with the same extent, the radius is in CSS pixels.
      extent: 256,
      radius: 40,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: (p) => ({ order: p.order }),
      reduce: (acc, p) => {
        acc.order = Math.min(acc.order, p.order);
      },
    });
    index.load(points);
    this.#index = index;
  }

  #placeOrigin(): void {
    const L = this.#L;
    const map = this.#map;
    if (!L || !map) return;
    this.#originMarker?.remove();
    this.#originMarker = undefined;
    if (!isPlace(this.origin)) return;
    const marker = L.marker([this.origin.lat, this.origin.lon], {
      icon: L.divIcon({ className: 'fs-origin', html: this.#shape('dot'), iconSize: null as unknown as undefined }),
      interactive: false,
      keyboard: false,
      zIndexOffset: -1000,
    });
    this.#originMarker = marker;
    marker.on('add', () => this.#labelOrigin());
    marker.addTo(map);
  }

  #labelOrigin(): void {
    const el = this.#originMarker?.getElement();
    if (!el) return;
    el.setAttribute('role', 'img');
    const label = this.originLabel.trim() || this.#s.origin;
    el.setAttribute('aria-label', label);
    el.title = label;
  }

  /** Shows every site and the origin; France when there is nothing. */
  #fitView(): void {
    const L = this.#L;
    const map = this.#map;
    if (!L || !map) return;
    const places: [number, number][] = [...this.#siteById.values()].map((s) => [s.location.lat, s.location.lon]);
    if (isPlace(this.origin)) places.push([this.origin.lat, this.origin.lon]);
    if (this.pick && isPlace(this.picked)) places.push([this.picked.lat, this.picked.lon]);
    if (places.length === 0) map.setView(DEFAULT_VIEW.center, DEFAULT_VIEW.zoom, { animate: false });
    else if (places.length === 1) map.setView(places[0]!, 13, { animate: false });
    else map.fitBounds(L.latLngBounds(places), { padding: [40, 40], maxZoom: 14, animate: false });
  }

  /** Static markup only: the site's name is never written as HTML. */
  #shape(kind: 'pin' | 'dot' | 'count', count?: number): HTMLElement {
    const span = document.createElement('span');
    span.className = kind;
    span.setAttribute('aria-hidden', 'true');
    if (count !== undefined) span.textContent = String(count);
    return span;
  }

  /** Markers and groups for the current zoom, reusing the ones that stay (and their focus). */
  #recluster(): void {
    const L = this.#L;
    const map = this.#map;
    const index = this.#index;
    if (!L || !map || !index) return;
    const zoom = Math.round(map.getZoom());
    let bbox: [number, number, number, number] = [-180, -85, 180, 85];
    if (this.#siteById.size > ALL_MARKERS_UP_TO) {
      const b = map.getBounds().pad(0.5);
      bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    }
    const focused = this.#focusedEntry();
    const focusedSites = focused ? this.#sitesOf(focused) : undefined;

    const next = new Map<string, MarkerEntry>();
    for (const feature of index.getClusters(bbox, zoom)) {
      const [lon, lat] = feature.geometry.coordinates as [number, number];
      const props = feature.properties as Partial<Supercluster.ClusterProperties> & (PointProps | ClusterProps);
      const key = props.cluster ? `cluster:${props.cluster_id}` : `site:${(props as PointProps).siteId}`;
      const entry =
        this.#entries.get(key) ??
        (props.cluster
          ? this.#clusterEntry(L, lat, lon, props.cluster_id!, props.point_count!, props.order)
          : this.#siteEntry(L, lat, lon, (props as PointProps).siteId, props.order));
      next.set(key, entry);
    }
    for (const [key, entry] of this.#entries) if (!next.has(key)) entry.marker.remove();
    this.#entries = next;
    for (const entry of next.values()) if (!map.hasLayer(entry.marker)) entry.marker.addTo(map);
    this.#orderInTabSequence();

    if (focused && !focused.marker.getElement()?.isConnected && focusedSites) this.#focusAfterMove ??= focusedSites;
    if (this.#focusAfterMove) {
      const wanted = this.#focusAfterMove;
      this.#focusAfterMove = undefined;
      const target = this.#sorted().find((e) => [...this.#sitesOf(e)].some((id) => wanted.has(id)));
      (target?.marker.getElement() ?? this.#container)?.focus({ preventScroll: true });
    }
  }

  #sorted(): MarkerEntry[] {
    return [...this.#entries.values()].sort((a, b) => a.order - b.order);
  }

  /** Markers in the DOM (so in the Tab order) in the order of the list, the focused one left in place. */
  #orderInTabSequence(): void {
    const sorted = this.#sorted()
      .map((e) => e.marker.getElement())
      .filter((el): el is HTMLElement => !!el);
    const pane = sorted[0]?.parentElement;
    if (!pane) return;
    const current = [...pane.children].filter((el) => el.matches('.fs-marker, .fs-cluster'));
    if (current.length === sorted.length && current.every((el, i) => el === sorted[i])) return;
    const active = (this.renderRoot as ShadowRoot).activeElement;
    const pivot = active && sorted.includes(active as HTMLElement) ? (active as HTMLElement) : undefined;
    let beforePivot = !!pivot;
    for (const el of sorted) {
      if (el === pivot) {
        beforePivot = false;
        continue;
      }
      if (beforePivot) pane.insertBefore(el, pivot!);
      else pane.appendChild(el);
    }
  }

  #focusedEntry(): MarkerEntry | undefined {
    const active = (this.renderRoot as ShadowRoot).activeElement;
    if (!active) return undefined;
    for (const entry of this.#entries.values()) if (entry.marker.getElement() === active) return entry;
    return undefined;
  }

  #sitesOf(entry: MarkerEntry): Set<string> {
    if (entry.siteId) return new Set([entry.siteId]);
    if (entry.clusterId === undefined || !this.#index) return new Set();
    return new Set(this.#index.getLeaves(entry.clusterId, Infinity).map((f) => f.properties.siteId));
  }

  #siteEntry(L: LeafletModule, lat: number, lon: number, siteId: string, order: number): MarkerEntry {
    const marker = L.marker([lat, lon], {
      icon: L.divIcon({ className: 'fs-marker', html: this.#shape('pin'), iconSize: null as unknown as undefined }),
      keyboard: true,
      autoPanOnFocus: false,
      riseOnHover: true,
    });
    const entry: MarkerEntry = { marker, order, siteId };
    const activate = () => this.#selectFromMap(siteId);
    marker.on('click', activate);
    marker.on('add', () => {
      const el = marker.getElement();
      if (!el) return;
      this.#activators.set(el, activate);
      el.addEventListener('focus', () => this.#panInside(marker.getLatLng()));
      this.#decorate(entry);
    });
    return entry;
  }

  #clusterEntry(L: LeafletModule, lat: number, lon: number, clusterId: number, count: number, order: number): MarkerEntry {
    const size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
    const marker = L.marker([lat, lon], {
      icon: L.divIcon({
        className: `fs-cluster fs-cluster--${size}`,
        html: this.#shape('count', count),
        iconSize: null as unknown as undefined,
      }),
      keyboard: true,
      autoPanOnFocus: false,
    });
    const entry: MarkerEntry = { marker, order, clusterId, count };
    const expand = (fromKeyboard: boolean) => {
      const index = this.#index;
      const map = this.#map;
      if (!index || !map) return;
      const zoom = Math.min(index.getClusterExpansionZoom(clusterId), map.getMaxZoom());
      if (fromKeyboard) this.#focusAfterMove = this.#sitesOf(entry);
      map.setView([lat, lon], zoom, { animate: !reducedMotion() });
    };
    marker.on('click', () => expand(false));
    marker.on('add', () => {
      const el = marker.getElement();
      if (!el) return;
      this.#activators.set(el, () => expand(true));
      el.addEventListener('focus', () => this.#panInside(marker.getLatLng()));
      this.#decorate(entry);
    });
    return entry;
  }

  /** Names and selected state of a marker (attributes only, never HTML). */
  #decorate(entry: MarkerEntry): void {
    const el = entry.marker.getElement();
    if (!el) return;
    let label: string;
    if (entry.siteId) {
      const site = this.#siteById.get(entry.siteId);
      if (!site) return;
      label = this.#s.siteMarker(site.name, this.i18n.strings.kinds[site.kind] ?? '');
      const selected = site.id === this.selectedId;
      el.classList.toggle('is-selected', selected);
      if (selected) el.setAttribute('aria-current', 'true');
      else el.removeAttribute('aria-current');
      el.dataset['siteId'] = site.id;
      entry.marker.setZIndexOffset(selected ? 1000 : 0);
    } else {
      label = this.#s.cluster(entry.count ?? 0);
    }
    el.setAttribute('aria-label', label);
    el.title = label;
  }

  /** After the language changed: the markers' names and the zoom buttons. */
  #relabel(): void {
    const L = this.#L;
    const map = this.#map;
    if (!L || !map) return;
    this.#labelledWith = this.#s;
    for (const entry of this.#entries.values()) this.#decorate(entry);
    this.#labelOrigin();
    this.#labelPicked();
    this.#zoomControl?.remove();
    this.#zoomControl = L.control.zoom({ position: 'topleft', zoomInTitle: this.#s.zoomIn, zoomOutTitle: this.#s.zoomOut });
    this.#zoomControl.addTo(map);
  }

  #selectFromMap(siteId: string): void {
    if (this.selectedId !== siteId) {
      this.#selectedFromMap = siteId;
      this.selectedId = siteId;
    }
    this.emit<FsSiteSelectDetail>('fs-site-select', { siteId });
  }

  #panInside(latlng: Leaflet.LatLng): void {
    this.#map?.panInside(latlng, { padding: [48, 48], animate: !reducedMotion() });
  }

  /** Brings a site chosen from outside into view, zooming in until it is out of its group. */
  #reveal(siteId: string): void {
    const map = this.#map;
    const index = this.#index;
    const site = this.#siteById.get(siteId);
    if (!map || !index) return;
    this.#revealWhenShown = site ? '' : siteId;
    if (!site) return;
    const { lat, lon } = site.location;
    const current = Math.round(map.getZoom());
    let zoom = current;
    const e = 1e-7;
    const alone = (z: number) =>
      index
        .getClusters([lon - e, lat - e, lon + e, lat + e], z)
        .some((f) => !('cluster' in f.properties && f.properties.cluster) && (f.properties as PointProps).siteId === siteId);
    while (zoom <= CLUSTER_MAX_ZOOM && !alone(zoom)) zoom++;
    zoom = Math.min(zoom, map.getMaxZoom());
    const animate = !reducedMotion();
    if (zoom !== current) map.setView([lat, lon], zoom, { animate });
    else map.panInside([lat, lon], { padding: [48, 48], animate });
  }
}
