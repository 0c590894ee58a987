import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';
import type { Reach, Travel } from '@fs-widgets/contract';
import { estimateFromGreatCircleKm } from '../travel/estimate.js';
import { MAINLAND, UNMODELLED, type RoadAccess, type TravelPlace } from '../travel/road-access.js';
import { estimateTrip } from '../travel/travel-times.js';
import type { CoverageCommune, CoveragePoint } from './coverage-places.js';

/*
 * The coverage of the communes: for each commune's centroid, the travel time to the quickest
 * France services by the project's travel model (estimateTrip: estimate-v2, its terrain and its
 * road networks), trip by trip. docs/coverage.md explains the method and its limits.
 *
 * Each commune keeps its CANDIDATES quickest points, found exactly: the points of its road
 * network are read from a k-d tree by increasing distance until no farther point can be quicker
 * (a lower bound of the model's minutes at that distance, {@link lowerBoundMinutes}). Removing
 * sites in a what-if then reads the next candidate instead of searching again; adding a point
 * times the trips of the communes that it can serve quicker than today.
 */

/** Every trip by car: access by road, as published figures measure it (the walk under 2 km is what a person is told). */
const BY_ROAD = { walks: false } as const;

/** Quickest points kept per commune: a what-if removing up to that many of them needs no new search. */
export const CANDIDATES = 4;
/** Whole minutes of a commune with no point reachable by road. */
export const NO_MINUTES = 0x7fffffff;

/** Bands of travel time, in minutes (each up to its bound, included), then the communes with no minutes. */
export const COVERAGE_BANDS = ['under-10', '10-20', '20-30', '30-45', 'over-45', 'no-road', 'unknown'] as const;
export type CoverageBand = (typeof COVERAGE_BANDS)[number];
export const BAND_BOUNDS = [10, 20, 30, 45] as const;
const NO_ROAD = 5;
const UNKNOWN = 6;

/** Fixed sites alone (`fixed`), or with the outreach points too (`outreach`: stops, and homes of buses without stops). */
export type Scenario = 'fixed' | 'outreach';
export const SCENARIOS: readonly Scenario[] = ['fixed', 'outreach'];

export function bandOf(minutes: number, unknown = false): number {
  if (unknown) return UNKNOWN;
  if (minutes === NO_MINUTES) return NO_ROAD;
  const at = BAND_BOUNDS.findIndex((bound) => minutes <= bound);
  return at < 0 ? BAND_BOUNDS.length : at;
}

/**
 * The fewest whole minutes the model can give a drive of this great-circle distance, whatever its
 * terrain: the plain's (the shortest detour, the fastest speeds). It grows with the distance, so a
 * point farther away than one timed at more minutes than the worst candidate kept cannot be quicker.
 */
export function lowerBoundMinutes(km: number): number {
  return estimateFromGreatCircleKm(km, 'plain').minutes;
}

/** The greatest distance at which a trip may still take `minutes` or less (kilometres, to the metre). */
export function reachableKm(minutes: number): number {
  let lo = 0;
  let hi = 1;
  while (lowerBoundMinutes(hi) <= minutes) hi *= 2;
  while (hi - lo > 0.001) {
    const mid = (lo + hi) / 2;
    if (lowerBoundMinutes(mid) <= minutes) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** {@link reachableKm} of each whole number of minutes, up to 10 hours; beyond, no bound. */
const KM_WITHIN = Float64Array.from({ length: 601 }, (_, minutes) => reachableKm(minutes));
const kmWithin = (minutes: number) => (minutes < KM_WITHIN.length ? KM_WITHIN[minutes]! : Infinity);

const EARTH_RADIUS_KM = 6371;
const RAD = Math.PI / 180;
/** Beyond this a circle holds the whole Earth. */
const HALF_EARTH_KM = Math.PI * EARTH_RADIUS_KM;
/** The first radius a commune's points are read within, in km: most communes find their quickest few there. */
const FIRST_RADIUS_KM = 12;

/** The points of one layer (fixed, or outreach) by road network, each network with its k-d tree. */
class PointLayer {
  readonly #groups = new Map<string, { index: KDBush; ids: Int32Array; lon: Float64Array; lat: Float64Array }>();

  constructor(points: readonly CoveragePoint[], ids: readonly number[], access: RoadAccess) {
    const byNetwork = new Map<string, number[]>();
    for (const id of ids) {
      const { insee, department } = points[id]!.place;
      const network = access.networkOf(insee, department);
      byNetwork.set(network, [...(byNetwork.get(network) ?? []), id]);
    }
    for (const [network, members] of byNetwork) {
      const index = new KDBush(members.length);
      for (const id of members) index.add(points[id]!.place.lon, points[id]!.place.lat);
      index.finish();
      this.#groups.set(network, {
        index,
        ids: Int32Array.from(members),
        lon: Float64Array.from(members, (id) => points[id]!.place.lon),
        lat: Float64Array.from(members, (id) => points[id]!.place.lat),
      });
    }
  }

  /**
   * Offers `best` every point of the network that may be among its quickest from `origin`: the
   * points within a radius, the radius then widened to the distance a trip of the worst minutes
   * kept may reach ({@link kmWithin}), until every point so near was timed. Points are read
   * from the k-d tree in a box that holds the circle (kdbush's range: no allocation per node,
   * unlike a nearest-first walk), each timed once.
   */
  search(
    access: RoadAccess,
    points: readonly CoveragePoint[],
    origin: TravelPlace,
    network: string,
    best: Best,
    excluded: Uint8Array | null,
  ): void {
    const group = this.#groups.get(network);
    if (!group) return;
    let seenKm = -1;
    let km = best.full ? Math.min(kmWithin(best.worst), HALF_EARTH_KM) : FIRST_RADIUS_KM;
    for (;;) {
      const dLat = km / EARTH_RADIUS_KM / RAD;
      const cosMax = Math.cos(Math.min(89.9, Math.abs(origin.lat) + dLat) * RAD);
      // Two points d apart at latitudes up to φ differ in longitude by at most 2·asin(sin(d/2R) / cos φ) (haversine).
      const ratio = Math.sin(Math.min(Math.PI / 2, km / (2 * EARTH_RADIUS_KM))) / cosMax;
      const dLon = ratio >= 1 ? 180 : (2 * Math.asin(ratio)) / RAD;
      const found = group.index.range(origin.lon - dLon, origin.lat - dLat, origin.lon + dLon, origin.lat + dLat);
      for (const at of found) {
        const d = distance(origin.lon, origin.lat, group.lon[at]!, group.lat[at]!);
        if (d <= seenKm || d > km) continue;
        const id = group.ids[at]!;
        if (excluded !== null && excluded[id] === 1) continue;
        best.offer(estimateTrip(access, origin, points[id]!.place, BY_ROAD), id);
      }
      seenKm = km;
      if (best.full) {
        const needed = Math.min(kmWithin(best.worst), HALF_EARTH_KM);
        if (needed <= seenKm) return;
        km = needed;
      } else {
        // Fewer points in the whole network than the few kept, once the circle holds the Earth.
        if (km >= HALF_EARTH_KM) return;
        km = Math.min(km * 2, HALF_EARTH_KM);
      }
    }
  }
}

/** The quickest few points of one commune: by minutes, then road kilometres, then point. */
class Best {
  readonly ids = new Int32Array(CANDIDATES);
  readonly minutes = new Int32Array(CANDIDATES);
  readonly roadKm = new Float64Array(CANDIDATES);
  readonly rough = new Uint8Array(CANDIDATES);
  count = 0;

  reset(): this {
    this.count = 0;
    return this;
  }

  get full(): boolean {
    return this.count === CANDIDATES;
  }

  get worst(): number {
    return this.full ? this.minutes[CANDIDATES - 1]! : NO_MINUTES;
  }

  offer(travel: Travel, id: number): void {
    if (travel.minutes === null || travel.road_km === null) return;
    this.put(travel.minutes, travel.road_km, travel.reliability === 'rough' ? 1 : 0, id);
  }

  put(minutes: number, roadKm: number, rough: number, id: number): void {
    let at = this.count;
    const before = (k: number) =>
      minutes < this.minutes[k]! ||
      (minutes === this.minutes[k]! && (roadKm < this.roadKm[k]! || (roadKm === this.roadKm[k]! && id < this.ids[k]!)));
    while (at > 0 && before(at - 1)) at--;
    if (at >= CANDIDATES) return;
    for (let k = Math.min(this.count, CANDIDATES - 1); k > at; k--) {
      this.ids[k] = this.ids[k - 1]!;
      this.minutes[k] = this.minutes[k - 1]!;
      this.roadKm[k] = this.roadKm[k - 1]!;
      this.rough[k] = this.rough[k - 1]!;
    }
    this.ids[at] = id;
    this.minutes[at] = minutes;
    this.roadKm[at] = roadKm;
    this.rough[at] = rough;
    if (this.count < CANDIDATES) this.count++;
  }
}

/** Each commune's quickest points in one scenario, `CANDIDATES` slots per commune (id -1: none). */
interface Candidates {
  ids: Int32Array;
  minutes: Int32Array;
  roadKm: Float64Array;
  rough: Uint8Array;
}

function emptyCandidates(communes: number): Candidates {
  const n = communes * CANDIDATES;
  return {
    ids: new Int32Array(n).fill(-1),
    minutes: new Int32Array(n).fill(NO_MINUTES),
    roadKm: new Float64Array(n),
    rough: new Uint8Array(n),
  };
}

function store(into: Candidates, commune: number, best: Best): void {
  const base = commune * CANDIDATES;
  for (let k = 0; k < best.count; k++) {
    into.ids[base + k] = best.ids[k]!;
    into.minutes[base + k] = best.minutes[k]!;
    into.roadKm[base + k] = best.roadKm[k]!;
    into.rough[base + k] = best.rough[k]!;
  }
}

/** Population and communes by band, and the population whose minutes are rough estimates (mountains, overseas). */
export interface BandTotals {
  population: Float64Array;
  communes: Int32Array;
  roughPopulation: number;
}

const emptyTotals = (): BandTotals => ({
  population: new Float64Array(COVERAGE_BANDS.length),
  communes: new Int32Array(COVERAGE_BANDS.length),
  roughPopulation: 0,
});

export function addTotals(into: BandTotals, from: BandTotals): void {
  for (let b = 0; b < COVERAGE_BANDS.length; b++) {
    into.population[b]! += from.population[b]!;
    into.communes[b]! += from.communes[b]!;
  }
  into.roughPopulation += from.roughPopulation;
}

export { emptyTotals };

/** A commune's quickest point as a routing engine timed it (or the estimate, trip by trip, where the engine could not). */
export interface RoutedBest {
  travel: Travel;
  point: number;
}

/** Where the routing engine's timing of the communes stands. */
export interface RoutingProgress {
  provider: string;
  state: 'running' | 'done' | 'failed';
  communes: number;
  communesDone: number;
  /** Trips the engine timed, and those the estimate answered (no route, an implausible one, no road, or the engine failing). */
  routedTrips: number;
  estimatedTrips: number;
  startedAt: Date;
  finishedAt: Date | null;
}

/** One commune's quickest point in a scenario, with the trip. */
export interface CommuneCoverage {
  commune: CoverageCommune;
  band: CoverageBand;
  /** Null: no commune centroid, a territory whose roads the model does not know, or no site reachable by road. */
  travel: Travel | null;
  reach: Reach;
  point: CoveragePoint | null;
}

/** What a what-if changes for one commune (within 20 or 30 minutes). */
export interface WhatIfCommune {
  commune: CoverageCommune;
  before: number | null;
  after: number | null;
  /** The quickest point after the change: a site's, or an added one. */
  afterPoint: CoveragePoint | null;
}

export interface WhatIfOutcome {
  /** Population of the scope within 20 and 30 minutes, before and after. */
  before: { within20: number; within30: number };
  after: { within20: number; within30: number };
  gained20: number;
  lost20: number;
  gained30: number;
  lost30: number;
  /** Communes of the scope whose minutes change at all (quicker, slower). */
  quicker: number;
  slower: number;
  /** The communes of the scope that gain or lose access within 20 or 30 minutes, the most populous first. */
  communes: WhatIfCommune[];
}

/**
 * The coverage of every commune by the network of one catalogue, in both scenarios, with the
 * totals by département. Built once per catalogue load (coverage-cache.ts); a what-if reads it
 * and changes nothing.
 */
export class CoverageModel {
  readonly communes: readonly CoverageCommune[];
  readonly points: readonly CoveragePoint[];
  readonly computedAt: Date;
  /** Milliseconds the computation took. */
  readonly durationMs: number;
  readonly #access: RoadAccess;
  readonly #layers: Record<Scenario, PointLayer[]>;
  readonly #candidates: Record<Scenario, Candidates>;
  /** Per commune: its road network, or null when its place or roads are unknown (band `unknown`). */
  readonly #networks: Array<string | null>;
  readonly #reach: Reach[];
  readonly #communeIndex: KDBush | null;
  readonly #communeIds: Int32Array;
  readonly #communesOfNetwork = new Map<string, number[]>();
  readonly #byDepartment: Record<Scenario, Map<string, BandTotals>>;
  readonly #pointsOfSite = new Map<string, number[]>();

  constructor(access: RoadAccess, communes: readonly CoverageCommune[], points: readonly CoveragePoint[]) {
    const start = performance.now();
    this.#access = access;
    this.communes = communes;
    this.points = points;
    points.forEach((p, id) => p.siteId !== null && this.#pointsOfSite.set(p.siteId, [...(this.#pointsOfSite.get(p.siteId) ?? []), id]));
    const fixed = new PointLayer(
      points,
      points.flatMap((p, id) => (p.outreach ? [] : [id])),
      access,
    );
    const outreach = new PointLayer(
      points,
      points.flatMap((p, id) => (p.outreach ? [id] : [])),
      access,
    );
    this.#layers = { fixed: [fixed], outreach: [fixed, outreach] };
    this.#candidates = { fixed: emptyCandidates(communes.length), outreach: emptyCandidates(communes.length) };
    this.#networks = communes.map(({ place }) => {
      if (place === null) return null;
      const network = access.networkOf(place.insee, place.department);
      return network === UNMODELLED ? null : network;
    });
    this.#reach = communes.map((c, i) => {
      if (this.#networks[i] === null) return 'unknown';
      const own = access.communeAccess(c.insee, c.department).reach;
      // No site on its island or in its territory: the sea lies between (as reachBetween says).
      return own === 'road' ? 'boat' : own;
    });
    const located = communes.flatMap((_, i) => (this.#networks[i] === null ? [] : [i]));
    this.#communeIds = Int32Array.from(located);
    if (located.length > 0) {
      this.#communeIndex = new KDBush(located.length);
      for (const i of located) this.#communeIndex.add(communes[i]!.place!.lon, communes[i]!.place!.lat);
      this.#communeIndex.finish();
    } else this.#communeIndex = null;
    for (const i of located) {
      const network = this.#networks[i]!;
      const list = this.#communesOfNetwork.get(network);
      if (list) list.push(i);
      else this.#communesOfNetwork.set(network, [i]);
    }

    const best = new Best();
    for (const i of located) {
      const place = communes[i]!.place!;
      const network = this.#networks[i]!;
      fixed.search(access, points, place, network, best.reset(), null);
      store(this.#candidates.fixed, i, best);
      // With outreach: the fixed sites' best few, bettered by the outreach points that can.
      outreach.search(access, points, place, network, best, null);
      store(this.#candidates.outreach, i, best);
    }
    this.#byDepartment = { fixed: this.#totals('fixed'), outreach: this.#totals('outreach') };
    this.computedAt = new Date();
    this.durationMs = performance.now() - start;
  }

  #totals(scenario: Scenario): Map<string, BandTotals> {
    const { minutes, rough } = this.#candidates[scenario];
    return this.#totalsOf(
      (i) => minutes[i * CANDIDATES]!,
      (i) => rough[i * CANDIDATES] === 1,
    );
  }

  #totalsOf(minutesOf: (i: number) => number, roughOf: (i: number) => boolean): Map<string, BandTotals> {
    const byDepartment = new Map<string, BandTotals>();
    this.communes.forEach((c, i) => {
      let totals = byDepartment.get(c.department);
      if (!totals) byDepartment.set(c.department, (totals = emptyTotals()));
      const m = minutesOf(i);
      const band = bandOf(m, this.#networks[i] === null);
      totals.population[band]! += c.population;
      totals.communes[band]!++;
      if (m !== NO_MINUTES && roughOf(i)) totals.roughPopulation += c.population;
    });
    return byDepartment;
  }

  /** How the figures were timed: by the estimate, or by the routing engine once it has timed every commune. */
  get method(): 'estimate' | 'routing' {
    return this.#routed === null ? 'estimate' : 'routing';
  }

  /** The routing engine's timing of the communes, while it runs and once done (null without an engine). */
  routing: RoutingProgress | null = null;

  #routed: { best: Record<Scenario, Array<RoutedBest | null>>; byDepartment: Record<Scenario, Map<string, BandTotals>> } | null = null;

  /**
   * The candidates of commune `i` in both scenarios (point ids, each once): what a routing engine
   * is asked to time (routed-coverage.ts).
   */
  candidatesOf(i: number): number[] {
    const ids = new Set<number>();
    for (const scenario of SCENARIOS) {
      for (let k = 0; k < CANDIDATES; k++) {
        const id = this.#candidates[scenario].ids[i * CANDIDATES + k]!;
        if (id >= 0) ids.add(id);
      }
    }
    return [...ids];
  }

  /** The network of commune `i`; null when its place or roads are unknown. */
  networkOf(i: number): string | null {
    return this.#networks[i]!;
  }

  /** From now on the figures and communes are the engine's (the what-ifs stay with the estimate). */
  useRouted(best: Record<Scenario, Array<RoutedBest | null>>): void {
    const totals = (scenario: Scenario) =>
      this.#totalsOf(
        (i) => best[scenario][i]?.travel.minutes ?? NO_MINUTES,
        (i) => best[scenario][i]?.travel.reliability === 'rough',
      );
    this.#routed = { best, byDepartment: { fixed: totals('fixed'), outreach: totals('outreach') } };
  }

  /** The totals by band of the given départements (null: all), in a scenario. */
  totals(scenario: Scenario, departments: readonly string[] | null): BandTotals {
    const sum = emptyTotals();
    for (const [department, totals] of this.departmentTotals(scenario)) {
      if (departments === null || departments.includes(department)) addTotals(sum, totals);
    }
    return sum;
  }

  /** The départements present, with their totals, in a scenario. */
  departmentTotals(scenario: Scenario): ReadonlyMap<string, BandTotals> {
    return (this.#routed ?? { byDepartment: this.#byDepartment }).byDepartment[scenario];
  }

  /** The quickest point of commune `i` (by its index in `communes`), with the trip (timed again by the estimate). */
  coverageOf(i: number, scenario: Scenario): CommuneCoverage {
    const commune = this.communes[i]!;
    if (this.#routed !== null && this.#networks[i] !== null) {
      const routed = this.#routed.best[scenario][i];
      if (routed) {
        const { travel, point } = routed;
        return { commune, band: COVERAGE_BANDS[bandOf(travel.minutes!)]!, travel, reach: travel.reach, point: this.points[point]! };
      }
    }
    const id = this.#candidates[scenario].ids[i * CANDIDATES]!;
    if (this.#networks[i] === null || id < 0) {
      return {
        commune,
        band: COVERAGE_BANDS[bandOf(NO_MINUTES, this.#networks[i] === null)]!,
        travel: null,
        reach: this.#reach[i]!,
        point: null,
      };
    }
    const point = this.points[id]!;
    const travel = estimateTrip(this.#access, commune.place!, point.place, BY_ROAD);
    return { commune, band: COVERAGE_BANDS[bandOf(travel.minutes!)]!, travel, reach: travel.reach, point };
  }

  /** Minutes of commune `i` to its quickest point (NO_MINUTES: none). */
  minutesOf(i: number, scenario: Scenario): number {
    return this.#candidates[scenario].minutes[i * CANDIDATES]!;
  }

  /** The points of a site (its address, its stops), by site id; undefined for a site not in the catalogue. */
  pointsOfSite(siteId: string): readonly number[] | undefined {
    return this.#pointsOfSite.get(siteId);
  }

  /**
   * What adding points and removing sites would change, in a scenario, for the communes of the
   * given départements (null: all): the population gaining or losing access within 20 and 30
   * minutes, commune by commune. Every commune's new minutes are exact (see the class comment).
   */
  whatIf(
    scenario: Scenario,
    add: readonly CoveragePoint[],
    remove: readonly string[],
    departments: readonly string[] | null,
  ): WhatIfOutcome {
    const n = this.communes.length;
    const cands = this.#candidates[scenario];
    const added = scenario === 'fixed' ? add.map((p) => (p.outreach ? null : p)) : add;
    const removed = new Uint8Array(this.points.length);
    for (const site of remove) for (const id of this.#pointsOfSite.get(site) ?? []) removed[id] = 1;
    const after = new Int32Array(n);
    const afterId = new Int32Array(n).fill(-1);
    const afterAdded = new Int32Array(n).fill(-1);
    const best = new Best();
    let mainlandWorst = 0;
    for (let i = 0; i < n; i++) {
      const base = i * CANDIDATES;
      after[i] = NO_MINUTES;
      if (this.#networks[i] === null) continue;
      let k = 0;
      while (k < CANDIDATES && cands.ids[base + k]! >= 0 && removed[cands.ids[base + k]!] === 1) k++;
      if (k < CANDIDATES && cands.ids[base + k]! >= 0) {
        after[i] = cands.minutes[base + k]!;
        afterId[i] = cands.ids[base + k]!;
      } else if (k === CANDIDATES) {
        // Every candidate kept is removed: search again without the removed points.
        best.reset();
        for (const layer of this.#layers[scenario])
          layer.search(this.#access, this.points, this.communes[i]!.place!, this.#networks[i]!, best, removed);
        if (best.count > 0) {
          after[i] = best.minutes[0]!;
          afterId[i] = best.ids[0]!;
        }
      }
      if (this.#networks[i] === MAINLAND && after[i]! !== NO_MINUTES && after[i]! > mainlandWorst) mainlandWorst = after[i]!;
    }
    const radius = reachableKm(mainlandWorst);
    added.forEach((point, a) => {
      if (point === null) return;
      const network = this.#access.networkOf(point.place.insee, point.place.department);
      if (network === UNMODELLED) return;
      const near =
        network === MAINLAND && this.#communeIndex !== null
          ? (around(this.#communeIndex, point.place.lon, point.place.lat, Infinity, radius) as number[]).map((j) => this.#communeIds[j]!)
          : (this.#communesOfNetwork.get(network) ?? []);
      for (const i of near) {
        if (this.#networks[i] !== network) continue;
        const minutes = estimateTrip(this.#access, this.communes[i]!.place!, point.place, BY_ROAD).minutes;
        if (minutes !== null && minutes < after[i]!) {
          after[i] = minutes;
          afterId[i] = -1;
          afterAdded[i] = a;
        }
      }
    });
    const outcome: WhatIfOutcome = {
      before: { within20: 0, within30: 0 },
      after: { within20: 0, within30: 0 },
      gained20: 0,
      lost20: 0,
      gained30: 0,
      lost30: 0,
      quicker: 0,
      slower: 0,
      communes: [],
    };
    for (let i = 0; i < n; i++) {
      const commune = this.communes[i]!;
      if (departments !== null && !departments.includes(commune.department)) continue;
      const was = cands.minutes[i * CANDIDATES]!;
      const now = after[i]!;
      const p = commune.population;
      if (was <= 20) outcome.before.within20 += p;
      if (was <= 30) outcome.before.within30 += p;
      if (now <= 20) outcome.after.within20 += p;
      if (now <= 30) outcome.after.within30 += p;
      if (now < was) outcome.quicker++;
      if (now > was) outcome.slower++;
      if (was > 20 && now <= 20) outcome.gained20 += p;
      if (was <= 20 && now > 20) outcome.lost20 += p;
      if (was > 30 && now <= 30) outcome.gained30 += p;
      if (was <= 30 && now > 30) outcome.lost30 += p;
      if (was <= 20 !== now <= 20 || was <= 30 !== now <= 30) {
        outcome.communes.push({
          commune,
          before: was === NO_MINUTES ? null : was,
          after: now === NO_MINUTES ? null : now,
          afterPoint: afterAdded[i]! >= 0 ? add[afterAdded[i]!]! : afterId[i]! >= 0 ? this.points[afterId[i]!]! : null,
        });
      }
    }
    outcome.communes.sort((a, b) => b.commune.population - a.commune.population || (a.commune.insee < b.commune.insee ? -1 : 1));
    return outcome;
  }
}
