import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';
import { RADIUS_STEPS_KM, type Site, type SiteKind, type SiteWithDistance, type Week } from '@fs-widgets/contract';
import { CommuneIndex } from '../communes/commune-index.js';
import type { Db } from '../db/database.js';
import type { SiteTable } from '../db/schema.js';
import { hasSaturdaySessions, loadStop, stopWithNextSessions, type LoadedStop } from './itinerant-stop.js';
import { sitePredicate, weeklyOpenings, type FilterableSite, type SiteFilter } from './site-filter.js';

/**
 * The public view of a stored site: what the contract's `Site` says, nothing more. Its stops
 * are in another table: the catalogue attaches them, with their next sessions, per request.
 */
export function siteFromRow(row: SiteTable): Site {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as SiteKind,
    role: row.role === 'antenna' ? 'antenna' : 'main',
    itinerant: row.itinerant === 1,
    address: {
      street: row.street,
      complement: row.complement,
      postcode: row.postcode,
      commune: row.commune,
      insee_commune: row.insee_commune,
      department: row.department,
    },
    location: { lat: row.lat, lon: row.lon },
    email: row.email,
    phone: row.phone,
    hours: JSON.parse(row.hours) as Week,
    opening_hours: row.opening_hours,
    weekly_hours: Math.round((row.weekly_minutes / 60) * 100) / 100,
    appointment: row.appointment === 1,
    comment: row.comment,
    group: row.group_name,
    labelled_on: row.labelled_on,
    carrier: row.carrier as Site['carrier'],
    carrier_inferred: true,
    time_zone: row.time_zone,
    stops: [],
  };
}

export interface NearestQuery {
  lat: number;
  lon: number;
  limit: number;
  /** Kilometres; unlimited when absent. */
  radiusKm?: number;
  filter?: SiteFilter;
}

/** A site as held in memory: its stops keep their rules, their next sessions are computed per request. */
interface CatalogueEntry extends FilterableSite {
  stops: LoadedStop[];
}

/**
 * Every site, held in memory with a geographic k-d tree: 2,845 records weigh about 3 MB, and
 * a nearest-sites query answers in microseconds without touching the database. The communes,
 * imported with the sites, are held beside them ({@link CommuneIndex}). Rebuilt from the
 * database after each import.
 */
export class SiteCatalogue {
  readonly #entries: CatalogueEntry[];
  readonly #byId: Map<string, CatalogueEntry>;
  readonly #index: KDBush;
  /** The communes and their name and postcode index, as imported with these sites. */
  readonly communes: CommuneIndex;

  private constructor(entries: CatalogueEntry[], communes: CommuneIndex) {
    this.communes = communes;
    this.#entries = entries;
    this.#byId = new Map(entries.map((e) => [e.site.id, e]));
    this.#index = new KDBush(Math.max(entries.length, 1));
    for (const { site } of entries) this.#index.add(site.location.lon, site.location.lat);
    if (entries.length === 0) this.#index.add(0, 0);
    this.#index.finish();
  }

  static async load(db: Db): Promise<SiteCatalogue> {
    const [rows, stopRows, communes] = await Promise.all([
      db.selectFrom('sites').selectAll().orderBy('id').execute(),
      db.selectFrom('itinerant_stops').selectAll().orderBy('site_id').orderBy('stop_id').execute(),
      CommuneIndex.load(db),
    ]);
    const stopsBySite = new Map<string, LoadedStop[]>();
    for (const row of stopRows) stopsBySite.set(row.site_id, [...(stopsBySite.get(row.site_id) ?? []), loadStop(row)]);
    for (const stops of stopsBySite.values())
      stops.sort((a, b) => Number(a.stop.id) - Number(b.stop.id) || a.stop.id.localeCompare(b.stop.id));
    return new SiteCatalogue(
      rows.map((row) => {
        const site = siteFromRow(row);
        const stops = stopsBySite.get(row.id) ?? [];
        return {
          site,
          stops,
          opensOnSaturday: site.hours.sa.length > 0 || stops.some(hasSaturdaySessions),
          openings: weeklyOpenings(site),
        };
      }),
      communes,
    );
  }

  get size(): number {
    return this.#entries.length;
  }

  /** One site, its stops' next sessions counted from `now`. */
  get(id: string, now: Date = new Date()): Site | undefined {
    const entry = this.#byId.get(id);
    return entry && this.#present(entry, now);
  }

  /**
   * Sites matching the filter by increasing great-circle distance from a point. The filter
   * runs inside the k-d tree walk, so `limit` counts matching sites only.
   */
  nearest({ lat, lon, limit, radiusKm, filter = {} }: NearestQuery, now: Date = new Date()): SiteWithDistance[] {
    return this.#around(lat, lon, limit, radiusKm, filter).map((entry) => {
      const km = distance(lon, lat, entry.site.location.lon, entry.site.location.lat);
      return { ...this.#present(entry, now), distance_km: Math.round(km * 100) / 100 };
    });
  }

  /**
   * When a search within `radiusKm` found nothing: the smallest step of `RADIUS_STEPS_KM`
   * beyond it that finds sites with the same filter, and how many it finds in all (not
   * capped by a limit). Null when no step up to the largest finds any.
   */
  widerRadius(lat: number, lon: number, radiusKm: number, filter: SiteFilter = {}): { radius_km: number; count: number } | null {
    for (const step of RADIUS_STEPS_KM) {
      if (step <= radiusKm) continue;
      const count = this.#around(lat, lon, Infinity, step, filter).length;
      if (count > 0) return { radius_km: step, count };
    }
    return null;
  }

  #around(lat: number, lon: number, limit: number, radiusKm: number | undefined, filter: SiteFilter): CatalogueEntry[] {
    if (this.#entries.length === 0) return [];
    const matches = sitePredicate(filter);
    const ids = around(this.#index, lon, lat, limit, radiusKm ?? Infinity, matches && ((i) => matches(this.#entries[i]!))) as number[];
    return ids.map((i) => this.#entries[i]!);
  }

  #present(entry: CatalogueEntry, now: Date): Site {
    return { ...entry.site, stops: entry.stops.map((stop) => stopWithNextSessions(stop, now)) };
  }
}
