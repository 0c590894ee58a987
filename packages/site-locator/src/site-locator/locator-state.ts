import { isSiteId, LOCAL_PARTNER_OFFER, SITE_OFFERS, type SiteOffer } from '@fs-widgets/contract/codes';
import type { Location } from '@fs-widgets/contract';

/** Which kinds of counter the person wants: the filter groups the five kinds in two. */
export type KindFilter = 'all' | 'fixed' | 'itinerant';

export const KINDS_BY_FILTER: Record<Exclude<KindFilter, 'all'>, string> = {
  fixed: 'fixed,antenna,multisite',
  itinerant: 'bus,roaming',
};

/** Where the search starts from: a commune (stable, shareable) or a point (position, address). */
export type SearchOrigin = { type: 'commune'; insee: string; label: string } | { type: 'point'; location: Location; label: string };

/**
 * What the « Service proposé » filter offers: the typed offers the sites' agents publish, and
 * `local-partner` (a local partner is known there, derived from the partner directory).
 */
export type LocatorOffer = SiteOffer | typeof LOCAL_PARTNER_OFFER;
export const LOCATOR_OFFERS: readonly LocatorOffer[] = [...SITE_OFFERS, LOCAL_PARTNER_OFFER];

/** Everything a locator shows, as kept in the page URL. */
export interface LocatorState {
  origin: SearchOrigin | null;
  openNow: boolean;
  saturday: boolean;
  kind: KindFilter;
  /** The offer every site listed has (`offer=` of the API); null = any. */
  offer: LocatorOffer | null;
  /** km; null = no limit. */
  radius: number | null;
  /** The site whose details are open. */
  site: string | null;
  map: boolean;
}

const INSEE = /^(\d{5}|2[AB]\d{3})$/;
const COORD = /^-?\d{1,3}(\.\d{1,6})?,-?\d{1,3}(\.\d{1,6})?$/;

/**
 * Reads the locator's state from URL parameters under `prefix` (`fsl-commune=48095&fsl-open=1`).
 * Anything malformed is ignored: a hand-edited link still opens the widget.
 */
export function readUrlState(params: URLSearchParams, prefix: string): Partial<LocatorState> {
  const get = (key: string) => params.get(`${prefix}-${key}`);
  const state: Partial<LocatorState> = {};
  const commune = get('commune')?.toUpperCase();
  const near = get('near');
  const label = get('label')?.slice(0, 120) ?? '';
  if (commune && INSEE.test(commune)) {
    state.origin = { type: 'commune', insee: commune, label: label || commune };
  } else if (near && COORD.test(near)) {
    const [lat, lon] = near.split(',').map(Number) as [number, number];
    if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) state.origin = { type: 'point', location: { lat, lon }, label };
  }
  if (get('open') === '1') state.openNow = true;
  if (get('sat') === '1') state.saturday = true;
  const kind = get('kind');
  if (kind === 'fixed' || kind === 'itinerant') state.kind = kind;
  const offer = get('offer');
  if (offer && (LOCATOR_OFFERS as readonly string[]).includes(offer)) state.offer = offer as LocatorOffer;
  const radius = Number(get('radius'));
  if (get('radius') && Number.isFinite(radius) && radius > 0 && radius <= 200) state.radius = radius;
  const site = get('site');
  if (site && isSiteId(site)) state.site = site;
  if (get('map') === '1') state.map = true;
  return state;
}

/** Writes the state under `prefix`, leaving the host page's own parameters untouched. */
export function writeUrlState(url: URL, prefix: string, state: LocatorState): URL {
  const next = new URL(url.href);
  for (const key of [...next.searchParams.keys()]) {
    if (key.startsWith(`${prefix}-`)) next.searchParams.delete(key);
  }
  const set = (key: string, value: string | null | false) => {
    if (value) next.searchParams.set(`${prefix}-${key}`, value);
  };
  if (state.origin?.type === 'commune') set('commune', state.origin.insee);
  if (state.origin?.type === 'point') {
    set('near', `${state.origin.location.lat.toFixed(5)},${state.origin.location.lon.toFixed(5)}`);
  }
  if (state.origin) set('label', state.origin.label);
  set('open', state.openNow && '1');
  set('sat', state.saturday && '1');
  set('kind', state.kind !== 'all' && state.kind);
  set('offer', state.offer);
  set('radius', state.radius !== null && String(state.radius));
  set('site', state.site);
  set('map', state.map && '1');
  return next;
}
