import { readFileSync } from 'node:fs';
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import type { Reach } from '@fs-widgets/contract';
import { DATA_DIR } from '../paths.js';
import { TERRAIN_ORDER, type Terrain } from './estimate.js';
import type { Point } from './routing-provider.js';

/** Metropolitan France's mainland: the network of every commune not listed otherwise. */
export const MAINLAND = 'metropole';
/** Territories whose roads the model does not know: no minutes there. */
export const UNMODELLED = 'unmodelled';

/** One end of a trip: a point, and the commune it lies in when known. */
export interface TravelPlace extends Point {
  /** INSEE code of the commune, or null when unknown (no commune near a `near` point). */
  insee: string | null;
  /** Code of the département or collectivity (`48`, `2A`, `974`), or null when unknown. */
  department: string | null;
  /** The site at this end, when it is one. */
  siteId?: string;
}

/** A commune's or a site's way in, as the API shows it (`Site.road_access`). */
export interface RoadAccessOf {
  reach: Reach;
  network: string;
  source: string | null;
}

interface SeparateNetwork {
  network: string;
  communes: string[];
  reach: Exclude<Reach, 'road' | 'unknown'>;
  name: string;
  source: string;
}

interface RoadAccessFile {
  road_networks: { islands: SeparateNetwork[]; inland: SeparateNetwork[]; territories: Record<string, string> };
  sites_without_road: Array<{ site: string; reach: Exclude<Reach, 'road' | 'unknown'>; name: string; source: string }>;
  terrain: {
    departements: Record<string, Terrain>;
    communes: Array<{ commune: string; terrain: Terrain; name: string; source: string }>;
  };
}

const REACHES = new Set(['boat', 'air-or-river', 'foot']);
const INSEE = /^(\d{5}|2[AB]\d{3})$/;

/** Reads and checks the data file: a wrong code or value stops the server at start, not a search. */
export function parseRoadAccess(text: string, file = 'road-access.json'): RoadAccessFile {
  const data = JSON.parse(text) as RoadAccessFile;
  const fail = (what: string): never => {
    throw new Error(`${file}: ${what}`);
  };
  const networks = [...(data.road_networks?.islands ?? []), ...(data.road_networks?.inland ?? [])];
  const seen = new Set<string>();
  for (const n of networks) {
    if (typeof n.network !== 'string' || n.network === MAINLAND || n.network === UNMODELLED) fail(`bad network name ${n.network}`);
    if (!REACHES.has(n.reach)) fail(`network ${n.network}: reach must be boat, air-or-river or foot`);
    if (!n.source) fail(`network ${n.network} has no source`);
    for (const c of n.communes ?? fail(`network ${n.network} has no communes`)) {
      if (!INSEE.test(c)) fail(`network ${n.network}: ${c} is not an INSEE code`);
      if (seen.has(c)) fail(`commune ${c} is in two networks`);
      seen.add(c);
    }
  }
  for (const s of data.sites_without_road ?? fail('sites_without_road is missing')) {
    if (!REACHES.has(s.reach) || !s.source || !s.site) fail(`site ${s.site}: needs a reach and a source`);
  }
  for (const [dep, terrain] of Object.entries(data.terrain?.departements ?? fail('terrain.departements is missing'))) {
    if (dep.startsWith('$')) continue;
    if (!TERRAIN_ORDER.includes(terrain)) fail(`département ${dep}: unknown terrain ${terrain}`);
  }
  for (const c of data.terrain.communes ?? fail('terrain.communes is missing')) {
    if (!INSEE.test(c.commune) || !TERRAIN_ORDER.includes(c.terrain) || !c.source)
      fail(`terrain of ${c.commune}: needs a terrain and a source`);
  }
  return data;
}

let shipped: RoadAccessFile | undefined;
function shippedFile(): RoadAccessFile {
  const file = `${DATA_DIR}travel/road-access.json`;
  shipped ??= parseRoadAccess(readFileSync(file, 'utf8'), file);
  return shipped;
}

let bare: RoadAccess | undefined;

/** What the model needs of a commune: where it is, and its département. */
export interface CommunePoint {
  insee: string;
  department: string;
  lat: number | null;
  lon: number | null;
}

/**
 * Which road network each commune and site belongs to, which terrain a trip crosses, and the
 * commune a search point lies in (its nearest commune centroid), from
 * `packages/server/data/travel/road-access.json` and the imported communes.
 */
export class RoadAccess {
  readonly #networkOfCommune = new Map<string, SeparateNetwork>();
  readonly #territories: Record<string, string>;
  readonly #sites = new Map<string, RoadAccessFile['sites_without_road'][number]>();
  readonly #terrainOfDepartment: Record<string, Terrain>;
  readonly #terrainOfCommune = new Map<string, Terrain>();
  readonly #points: CommunePoint[];
  readonly #index: KDBush | null;

  constructor(communes: readonly CommunePoint[], data: RoadAccessFile = shippedFile()) {
    for (const n of [...data.road_networks.islands, ...data.road_networks.inland])
      for (const c of n.communes) this.#networkOfCommune.set(c, n);
    this.#territories = data.road_networks.territories;
    for (const s of data.sites_without_road) this.#sites.set(s.site, s);
    this.#terrainOfDepartment = data.terrain.departements;
    for (const c of data.terrain.communes) this.#terrainOfCommune.set(c.commune, c.terrain);
    this.#points = communes.filter((c) => c.lat != null && c.lon != null);
    if (this.#points.length === 0) {
      this.#index = null;
    } else {
      this.#index = new KDBush(this.#points.length);
      for (const c of this.#points) this.#index.add(c.lon!, c.lat!);
      this.#index.finish();
    }
  }

  /** The shipped data without the communes' centroids: enough for networks and terrain, not for `communeNear`. */
  static withoutCommunes(): RoadAccess {
    bare ??= new RoadAccess([]);
    return bare;
  }

  /** The road network of a commune: its island's or valley's, else its territory's, else the mainland's. */
  networkOf(insee: string | null, department: string | null): string {
    if (insee !== null) {
      const separate = this.#networkOfCommune.get(insee);
      if (separate) return separate.network;
    }
    if (department === null) return UNMODELLED;
    return this.#territories[department] ?? MAINLAND;
  }

  /** How a commune is reached from the rest of its territory. */
  communeAccess(insee: string, department: string): RoadAccessOf {
    const separate = this.#networkOfCommune.get(insee);
    if (separate) return { reach: separate.reach, network: separate.network, source: separate.source };
    const network = this.networkOf(insee, department);
    return { reach: network === UNMODELLED ? 'unknown' : 'road', network, source: null };
  }

  /** How a site is reached: on foot where no road leads to it, else as its commune. */
  siteAccess(siteId: string, insee: string, department: string): RoadAccessOf {
    const site = this.#sites.get(siteId);
    if (site) return { reach: site.reach, network: `site-${siteId}`, source: site.source };
    return this.communeAccess(insee, department);
  }

  /** The terrain of one place: its commune's own (a cirque), else its département's, else plain. */
  terrainOf(insee: string | null, department: string | null): Terrain {
    return (
      (insee !== null && this.#terrainOfCommune.get(insee)) || (department !== null && this.#terrainOfDepartment[department]) || 'plain'
    );
  }

  /**
   * The terrain of a trip: the harder of its two ends. A commune's own terrain (the one road
   * into a cirque) counts only for trips into or out of it; within it, its département's.
   */
  terrainBetween(a: TravelPlace, b: TravelPlace): Terrain {
    const own = a.insee !== null && a.insee === b.insee;
    const ta = own ? this.terrainOf(null, a.department) : this.terrainOf(a.insee, a.department);
    const tb = own ? this.terrainOf(null, b.department) : this.terrainOf(b.insee, b.department);
    return TERRAIN_ORDER.indexOf(ta) >= TERRAIN_ORDER.indexOf(tb) ? ta : tb;
  }

  /** The commune whose centroid is nearest a point, within 30 km (none at sea or abroad). */
  communeNear(point: Point): CommunePoint | null {
    if (this.#index === null) return null;
    const [nearest] = around(this.#index, point.lon, point.lat, 1, 30) as number[];
    return nearest === undefined ? null : this.#points[nearest]!;
  }

  /** A search origin as a travel place: its commune given, or the one nearest it. */
  placeOf(point: Point, commune?: { insee: string; department: string } | null): TravelPlace {
    const c = commune ?? this.communeNear(point);
    return { lat: point.lat, lon: point.lon, insee: c?.insee ?? null, department: c?.department ?? null };
  }
}
