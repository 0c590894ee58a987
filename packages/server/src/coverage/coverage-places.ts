import type { CommuneTable } from '../db/schema.js';
import type { SiteCatalogue } from '../sites/site-catalogue.js';
import { departmentOf } from '@fs-widgets/opening-hours';
import type { RoadAccess, TravelPlace } from '../travel/road-access.js';

/**
 * What a point of the network is, for the coverage:
 * - `site`: a site at its address, every day of its hours (fixed sites, antennas, multi-sites);
 * - `stop`: a stop of a site with upcoming sessions (a bus's or roaming site's stop, a fixed
 *   site's permanence elsewhere): counted only « with outreach », as the search finds the site there;
 * - `home`: the address of a bus or roaming site that publishes no stop: the only place the list
 *   gives for it (usually its carrier's seat, inside the area it tours), counted only « with
 *   outreach ». A bus that publishes its stops is counted at its stops, not at its garage;
 * - `added`: a point of a what-if.
 */
export type CoveragePointKind = 'site' | 'stop' | 'home' | 'added';

export interface CoveragePoint {
  kind: CoveragePointKind;
  /** Counted only « with outreach » (stops and homes; an added stop). */
  outreach: boolean;
  /** The site it belongs to; null for a point added by a what-if. */
  siteId: string | null;
  siteName: string | null;
  /** The stop, when the point is one. */
  stopId: string | null;
  stopName: string | null;
  /** Where it is and its commune; `siteId` set on a site's own address (a site reached on foot: Mafate). */
  place: TravelPlace;
}

/** A place whose population the coverage counts: a commune, or an arrondissement of Paris, Lyon or Marseille. */
export interface CoverageCommune {
  insee: string;
  name: string;
  department: string;
  region: string | null;
  /** The legal population of the commune (0 where the source has none: a few collectivities of the Pacific). */
  population: number;
  /** Its centroid as a travel place; null when the source gives no coordinates. */
  place: TravelPlace | null;
}

/** Paris, Lyon and Marseille: counted by their arrondissements (45 centroids instead of 3). */
const MUNICIPAL_ARRONDISSEMENTS = new Set(['75056', '69123', '13055']);

/**
 * The places of the coverage, in INSEE order: every commune of the list (kind `commune`), except
 * Paris, Lyon and Marseille, replaced by their arrondissements (their populations add up to the
 * city's). Communes without coordinates are kept (their population counts, band `unknown`).
 */
export function coverageCommunes(places: readonly CommuneTable[]): CoverageCommune[] {
  return places
    .filter((p) => (p.kind === 'commune' && !MUNICIPAL_ARRONDISSEMENTS.has(p.insee)) || p.kind === 'arrondissement')
    .map((p) => ({
      insee: p.insee,
      name: p.name,
      department: p.department,
      region: p.region,
      population: p.population ?? 0,
      place: p.lat != null && p.lon != null ? { lat: p.lat, lon: p.lon, insee: p.insee, department: p.department } : null,
    }));
}

/**
 * The points of the network, from the catalogue: each site that is not itinerant at its address,
 * each stop with upcoming sessions (any site's), and the address of each bus or roaming site
 * without such a stop (see {@link CoveragePointKind}).
 */
export function coveragePoints(catalogue: SiteCatalogue): CoveragePoint[] {
  const points: CoveragePoint[] = [];
  for (const { site, stops } of catalogue.sitesWithStops()) {
    const { lat, lon } = site.location;
    const home = { lat, lon, insee: site.address.insee_commune, department: site.address.department, siteId: site.id };
    const of = { siteId: site.id, siteName: site.name };
    if (!site.itinerant) points.push({ kind: 'site', outreach: false, ...of, stopId: null, stopName: null, place: home });
    else if (stops.length === 0) points.push({ kind: 'home', outreach: true, ...of, stopId: null, stopName: null, place: home });
    for (const stop of stops) {
      const insee = stop.address.insee_commune;
      points.push({
        kind: 'stop',
        outreach: true,
        ...of,
        stopId: stop.id,
        stopName: stop.name,
        place: { lat: stop.location.lat, lon: stop.location.lon, insee, department: departmentOf(insee) },
      });
    }
  }
  return points;
}

/** A point of a what-if, in the commune whose centroid is nearest it (null: no commune within 30 km, at sea or abroad). */
export function addedPoint(access: RoadAccess, lat: number, lon: number, outreach: boolean, label: string | null): CoveragePoint | null {
  const commune = access.communeNear({ lat, lon });
  if (commune === null) return null;
  return {
    kind: 'added',
    outreach,
    siteId: null,
    siteName: label,
    stopId: null,
    stopName: null,
    place: { lat, lon, insee: commune.insee, department: commune.department },
  };
}
