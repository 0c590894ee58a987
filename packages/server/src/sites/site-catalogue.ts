import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';
import {
  RADIUS_STEPS_KM,
  type ItinerantStop,
  type Site,
  type SiteKind,
  type SiteWithDistance,
  type StopMatch,
  type Week,
} from '@fs-widgets/contract';
import { CommuneIndex } from '../communes/commune-index.js';
import { RoadAccess } from '../travel/road-access.js';
import type { Db } from '../db/database.js';
import type { SiteTable } from '../db/schema.js';
import { compareStopRows } from '../outreach/outreach-stops.js';
import { loadSiteOwnData, withSiteOwnData, type SiteOwnData } from '../site-admin/site-info.js';
import {
  hasSaturdaySessions,
  hasUpcomingSessions,
  loadStop,
  stopWithNextSessions,
  type ClosedDays,
  type LoadedStop,
} from './itinerant-stop.js';
import { sitePredicate, weeklyOpenings, type FilterableSite, type SiteFilter } from './site-filter.js';

/**
 * The public view of a stored site: what the contract's `Site` says, nothing more. Its stops
 * are in another table: the catalogue attaches them, with their next sessions, per request.
 * What the site published itself (`own`: its weekly hours, exceptions current at `now`, offers,
 * verification; see site-admin/site-info.ts) overrides the list's record.
 */
export function siteFromRow(
  row: SiteTable,
  access: RoadAccess = RoadAccess.withoutCommunes(),
  own?: SiteOwnData,
  now: Date = new Date(),
): Site {
  return withSiteOwnData(siteFromListRow(row, access), own, now);
}

function siteFromListRow(row: SiteTable, access: RoadAccess): Site {
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
    road_access: access.siteAccess(row.id, row.insee_commune, row.department),
    hours_source: 'anct',
    exceptions: [],
    offers: [],
    local_partners: [],
    verified_at: null,
    booking: false,
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

/** The stops of a site with their next sessions at one minute, as objects and as JSON. */
interface StopsAtMinute {
  minute: number;
  stops: ItinerantStop[];
  stopsJson: string;
  /** The site's whole JSON with these stops, in UTF-8. */
  siteBytes: Buffer;
}

/**
 * A site as held in memory: its JSON written once, its stops with their rules (their next
 * sessions depend on the instant: computed when asked, kept for the minute).
 */
interface CatalogueEntry extends FilterableSite {
  stops: LoadedStop[];
  /** Per stop: whether it is a point of the site in the search (it has upcoming sessions). */
  indexedStops: boolean[];
  /** The site's JSON as the API writes it (the contract's order of fields), up to its stops: `{"id":…,"stops":`. */
  jsonHead: string;
  /**
   * The site's whole JSON in UTF-8, ready to send, when it has no stops: then nothing in it
   * depends on the instant. (Bytes, not a string: neither the ETag's hash nor the socket has to
   * encode it again for each request.)
   */
  bytes: Buffer | null;
  /** Its stops' sessions for the last minute asked (sites with stops only). */
  sessions: StopsAtMinute | null;
}

/** A site near a search origin, as the catalogue finds it. */
export interface NearbySite {
  /** The site's record, shared by every request (its `stops` left empty): read it, never modify it. */
  site: Site;
  distance_km: number;
  /** The stop the site was found at, when one of its stops is nearer the origin than the site itself; null otherwise. */
  atStop: StopMatch | null;
  /**
   * The site with its stops as JSON in UTF-8, in the contract's order of fields (what
   * `GET /sites/{id}` sends; shared, never modify it): a search answer writes it without its
   * closing brace, then its own fields.
   */
  json: Buffer;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  for (const inner of Object.values(value)) deepFreeze(inner);
  Object.freeze(value);
}

/** Where a search found a site: one of its stops, with its next sessions (the contract's order of fields). */
function stopMatch(loaded: LoadedStop, withSessions: ItinerantStop): StopMatch {
  const { stop } = loaded;
  return {
    stop_id: stop.id,
    name: stop.name,
    commune: stop.address.commune,
    insee_commune: stop.address.insee_commune,
    location: stop.location,
    next: withSessions.next,
  };
}

/** What `JSON.stringify` writes for a site ends with its stops, the last field (see siteFromRow). */
const NO_STOPS = '"stops":[]}';

/**
 * The next sessions of a stop depend on the instant only through its local date and time to the
 * minute (time zones are whole minutes apart from UTC since 1980 at least), so they are kept
 * for the minute; before 1980 (an odd `at`) they are computed each time.
 */
export const SESSIONS_KEPT_FROM = Date.UTC(1980, 0, 1);

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
  /** Each point of the k-d tree: a site (`stop` -1) or one of its stops (its index in the entry's stops). */
  readonly #points: Array<{ entry: number; stop: number }>;
  /** The communes and their name and postcode index, as imported with these sites. */
  readonly communes: CommuneIndex;
  /** Road networks and terrain for travel times, with the communes' centroids. */
  readonly roadAccess: RoadAccess;

  private constructor(entries: CatalogueEntry[], communes: CommuneIndex, roadAccess: RoadAccess) {
    this.communes = communes;
    this.roadAccess = roadAccess;
    this.#entries = entries;
    this.#byId = new Map(entries.map((e) => [e.site.id, e]));
    // The sites, then the stops with upcoming sessions: a bus is found where it stops (issue 16).
    this.#points = entries.map((_, i) => ({ entry: i, stop: -1 }));
    entries.forEach((entry, i) => entry.indexedStops.forEach((indexed, j) => indexed && this.#points.push({ entry: i, stop: j })));
    this.#index = new KDBush(Math.max(this.#points.length, 1));
    for (const { entry, stop } of this.#points) {
      const { location } = stop < 0 ? entries[entry]!.site : entries[entry]!.stops[stop]!.stop;
      this.#index.add(location.lon, location.lat);
    }
    if (this.#points.length === 0) this.#index.add(0, 0);
    this.#index.finish();
  }

  /**
   * Reads the catalogue from the database. `sameCommunesAs`: a catalogue of the same import,
   * whose communes (their index and road networks) are taken as they are instead of read again:
   * when only what sites publish themselves changed, that is most of the time a reload takes
   * (about 0.9 s of the 35,000 communes, against a fraction of that for the sites).
   */
  static async load(db: Db, sameCommunesAs?: SiteCatalogue): Promise<SiteCatalogue> {
    const loadedAt = new Date();
    const [rows, stopRows, communes, communePoints, closures] = await Promise.all([
      db.selectFrom('sites').selectAll().orderBy('id').execute(),
      db.selectFrom('outreach_stops').selectAll().execute(),
      sameCommunesAs ? sameCommunesAs.communes : CommuneIndex.load(db),
      sameCommunesAs ? null : db.selectFrom('communes').select(['insee', 'department', 'lat', 'lon']).orderBy('insee').execute(),
      db.selectFrom('site_exceptions').select(['site_id', 'starts_on', 'ends_on']).where('closed', '=', 1).execute(),
    ]);
    const ownData = await loadSiteOwnData(db, undefined, loadedAt);
    const roadAccess = sameCommunesAs ? sameCommunesAs.roadAccess : new RoadAccess(communePoints!);
    // A site's stops hold no session on the days the site is closed (its exceptional closures).
    const closedBySite = new Map<string, ClosedDays[]>();
    for (const c of closures) closedBySite.set(c.site_id, [...(closedBySite.get(c.site_id) ?? []), { from: c.starts_on, to: c.ends_on }]);
    const stopsBySite = new Map<string, LoadedStop[]>();
    for (const row of stopRows.sort(compareStopRows)) {
      stopsBySite.set(row.site_id, [...(stopsBySite.get(row.site_id) ?? []), loadStop(row, closedBySite.get(row.site_id))]);
    }
    return new SiteCatalogue(
      rows.map((row) => {
        const site = siteFromRow(row, roadAccess, ownData.get(row.id), loadedAt);
        const stops = stopsBySite.get(row.id) ?? [];
        // Shared by every request and written once as JSON: frozen, so that the two cannot part.
        deepFreeze(site);
        const json = JSON.stringify(site);
        if (!json.endsWith(NO_STOPS)) throw new Error(`site ${site.id}: its JSON does not end with its stops`);
        return {
          site,
          stops,
          indexedStops: stops.map((stop) => hasUpcomingSessions(stop, loadedAt)),
          opensOnSaturday: site.hours.sa.length > 0 || stops.some(hasSaturdaySessions),
          placeKnown: !site.itinerant || stops.length > 0,
          openings: weeklyOpenings(site),
          jsonHead: json.slice(0, -'[]}'.length),
          bytes: stops.length === 0 ? Buffer.from(json) : null,
          sessions: null,
        };
      }),
      communes,
      roadAccess,
    );
  }

  get size(): number {
    return this.#entries.length;
  }

  /** One site, its stops' next sessions counted from `now` (shared objects: read them, never modify them). */
  get(id: string, now: Date = new Date()): Site | undefined {
    const entry = this.#byId.get(id);
    return entry && (entry.stops.length === 0 ? entry.site : { ...entry.site, stops: this.#sessions(entry, now).stops });
  }

  /** One site as the API's JSON, what `get` gives written in the contract's order of fields. */
  getJson(id: string, now: Date = new Date()): string | undefined {
    const entry = this.#byId.get(id);
    return entry && `${entry.jsonHead}${this.#stopsJson(entry, now)}}`;
  }

  /** The same JSON in UTF-8, kept: what `GET /sites/{id}` sends. */
  getJsonBytes(id: string, now: Date = new Date()): Buffer | undefined {
    const entry = this.#byId.get(id);
    return entry && (entry.bytes ?? this.#sessions(entry, now).siteBytes);
  }

  /**
   * Sites matching the filter by increasing great-circle distance from a point. The filter
   * runs inside the k-d tree walk, so `limit` counts matching sites only.
   */
  nearest(query: NearestQuery, now: Date = new Date()): SiteWithDistance[] {
    return this.#nearestEntries(query).map(({ entry, km }) => ({ ...this.get(entry.site.id, now)!, distance_km: km }));
  }

  /** What `nearest` finds, each site with its JSON ready for a search answer, and the stop it was found at. */
  nearby(query: NearestQuery, now: Date = new Date()): NearbySite[] {
    return this.#nearestEntries(query).map(({ entry, stop, km }) => {
      const sessions = entry.bytes === null ? this.#sessions(entry, now) : null;
      return {
        site: entry.site,
        distance_km: km,
        atStop: stop < 0 ? null : stopMatch(entry.stops[stop]!, sessions!.stops[stop]!),
        json: entry.bytes ?? sessions!.siteBytes,
      };
    });
  }

  /**
   * Every site (shared records: read them, never modify them) with the stops the search finds it
   * at (those with upcoming sessions), in the order of the sites' ids: the places the coverage
   * of the communes counts (coverage/).
   */
  sitesWithStops(): Array<{ site: Site; stops: Array<LoadedStop['stop']> }> {
    return this.#entries.map((entry) => ({
      site: entry.site,
      stops: entry.stops.flatMap((loaded, i) => (entry.indexedStops[i] ? [loaded.stop] : [])),
    }));
  }

  /** The stops of a site as loaded (their rules, changes and the site's closures): for its calendar. */
  stopsOf(id: string): readonly LoadedStop[] | undefined {
    return this.#byId.get(id)?.stops;
  }

  #nearestEntries({ lat, lon, limit, radiusKm, filter = {} }: NearestQuery): Array<{ entry: CatalogueEntry; stop: number; km: number }> {
    return this.#around(lat, lon, limit, radiusKm, filter)
      .map(({ entry, stop, index }) => {
        const { location } = stop < 0 ? entry.site : entry.stops[stop]!.stop;
        return { entry, stop, index, exact: distance(lon, lat, location.lon, location.lat) };
      })
      .sort((a, b) => a.exact - b.exact || a.index - b.index) // sites at the same place: by id, whatever the tree's order
      .map(({ entry, stop, exact }) => ({ entry, stop, km: Math.round(exact * 100) / 100 }));
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

  /**
   * The sites nearest the point, each once, at its nearest point (the site or one of its stops),
   * by increasing distance. The k-d tree holds points: when a site's other points took places
   * among the `limit` asked, more are asked for until `limit` sites are found or none is left.
   */
  #around(
    lat: number,
    lon: number,
    limit: number,
    radiusKm: number | undefined,
    filter: SiteFilter,
  ): Array<{ entry: CatalogueEntry; stop: number; index: number }> {
    if (this.#entries.length === 0) return [];
    const matches = sitePredicate(filter);
    const points = this.#points;
    const predicate = matches && ((i: number) => matches(this.#entries[points[i]!.entry]!));
    if (points.length === this.#entries.length) {
      // No stop is indexed: one point per site.
      const ids = around(this.#index, lon, lat, limit, radiusKm ?? Infinity, predicate) as number[];
      return ids.map((i) => ({ entry: this.#entries[i]!, stop: -1, index: i }));
    }
    for (let asked = limit; ; asked *= 2) {
      const ids = around(this.#index, lon, lat, asked, radiusKm ?? Infinity, predicate) as number[];
      const seen = new Set<number>();
      const found: Array<{ entry: CatalogueEntry; stop: number; index: number }> = [];
      for (const i of ids) {
        const point = points[i]!;
        if (seen.has(point.entry)) continue;
        seen.add(point.entry);
        found.push({ entry: this.#entries[point.entry]!, stop: point.stop, index: point.entry });
        if (found.length === limit) return found;
      }
      if (ids.length < asked) return found;
    }
  }

  #stopsJson(entry: CatalogueEntry, now: Date): string {
    return entry.stops.length === 0 ? '[]' : this.#sessions(entry, now).stopsJson;
  }

  /** The entry's stops with their next sessions from `now`, and its JSON with them: kept for the minute. */
  #sessions(entry: CatalogueEntry, now: Date): StopsAtMinute {
    const time = now.getTime();
    const minute = Math.floor(time / 60_000);
    if (entry.sessions?.minute === minute && time >= SESSIONS_KEPT_FROM) return entry.sessions;
    const stops = entry.stops.map((stop) => stopWithNextSessions(stop, now));
    const stopsJson = JSON.stringify(stops);
    const sessions = { minute, stops, stopsJson, siteBytes: Buffer.from(`${entry.jsonHead}${stopsJson}}`) };
    entry.sessions = sessions;
    return sessions;
  }
}
