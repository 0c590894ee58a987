import { distance } from 'geokdbush';
import type { Point, RoadTravel, RoutingProvider } from './routing-provider.js';

/** The kind of ground a trip crosses, which sets its detour factor and speeds (see road-access.json). */
export type Terrain = 'plain' | 'mountain' | 'overseas' | 'cirque';

/** How far the model trusts its minutes: `good` may promise « à moins de 30 min », `rough` only with a margin. */
export type Reliability = 'good' | 'rough';

interface Band {
  untilKm: number;
  kmh: number;
}

/** Average speeds by distance band, from the start of the trip: streets, then local roads, then main roads. */
const PLAIN_BANDS: readonly Band[] = [
  { untilKm: 2, kmh: 25 },
  { untilKm: 10, kmh: 50 },
  { untilKm: Infinity, kmh: 70 },
];
/** Roads that climb and wind: slower once out of the village. */
const STEEP_BANDS: readonly Band[] = [
  { untilKm: 2, kmh: 25 },
  { untilKm: 10, kmh: 40 },
  { untilKm: Infinity, kmh: 55 },
];

/**
 * The `estimate-v2` travel model, every constant in one place. docs/travel-time.md explains
 * each value and the limits of the model; change them together with that page, and give the
 * model a new name when its answers change.
 */
export const ESTIMATE_V2 = {
  name: 'estimate-v2',
  /** Walking to the car and parking at the other end, added to every drive. */
  accessMinutes: 3,
  /**
   * Under 2 km as the crow flies (the distance the widgets show) the trip is timed on foot, when
   * the walk takes 30 min at most (up to about 1.7 km): streets and paths (the plain detour,
   * whatever the terrain: a walker takes the short cuts a car cannot), at an ordinary pace.
   */
  walk: { underGreatCircleKm: 2, detourFactor: 1.3, kmh: 4.5 },
  /** Road distance ÷ great-circle distance, and speeds, by terrain. */
  terrains: {
    plain: { detourFactor: 1.3, bands: PLAIN_BANDS, reliability: 'good' },
    mountain: { detourFactor: 1.5, bands: STEEP_BANDS, reliability: 'rough' },
    overseas: { detourFactor: 1.5, bands: STEEP_BANDS, reliability: 'rough' },
    cirque: { detourFactor: 2.5, bands: STEEP_BANDS, reliability: 'rough' },
  } satisfies Record<Terrain, { detourFactor: number; bands: readonly Band[]; reliability: Reliability }>,
  /**
   * A rough estimate may be off by half either way: it promises « à moins de 30 min » only up
   * to 20 min (20 × 1.5 = 30), and says « not within 30 min » only beyond 45 (45 ÷ 1.5 = 30).
   */
  rough: { promiseUpToMinutes: 20, refuseBeyondMinutes: 45 },
} as const;

/** The question the widgets answer: is it within half an hour? */
export const WITHIN_MINUTES = 30;

/** Terrains from the easiest to the hardest: a trip takes the hardest of its two ends. */
export const TERRAIN_ORDER: readonly Terrain[] = ['plain', 'overseas', 'mountain', 'cirque'];

/**
 * Whole minutes, rounded up. Floating-point sums land a hair above a whole number (19 km as
 * the crow flies gives 30.000000000000004 min): round to the microsecond first.
 */
export function wholeMinutesUp(minutes: number): number {
  return Math.ceil(Math.round(minutes * 1e6) / 1e6);
}

/** Road kilometres shown in the API: one decimal. */
export function roundRoadKm(km: number): number {
  return Math.round(km * 10) / 10;
}

/** Driving minutes for a road distance, band by band (without the access time). */
export function drivingMinutes(roadKm: number, terrain: Terrain = 'plain'): number {
  let minutes = 0;
  let from = 0;
  for (const band of ESTIMATE_V2.terrains[terrain].bands) {
    if (roadKm <= from) break;
    const km = Math.min(roadKm, band.untilKm) - from;
    minutes += (km / band.kmh) * 60;
    from = band.untilKm;
  }
  return minutes;
}

/** The walk for a great-circle distance: its minutes, rounded up, and its length. */
export function estimateWalk(greatCircleKm: number): RoadTravel {
  const km = greatCircleKm * ESTIMATE_V2.walk.detourFactor;
  return { minutes: wholeMinutesUp((km / ESTIMATE_V2.walk.kmh) * 60), road_km: roundRoadKm(km) };
}

/** The drive for a great-circle distance in kilometres, on the given terrain. */
export function estimateFromGreatCircleKm(greatCircleKm: number, terrain: Terrain = 'plain'): RoadTravel {
  const roadKm = greatCircleKm * ESTIMATE_V2.terrains[terrain].detourFactor;
  return {
    minutes: wholeMinutesUp(drivingMinutes(roadKm, terrain) + ESTIMATE_V2.accessMinutes),
    road_km: roundRoadKm(roadKm),
  };
}

/** The drive between two points on the given terrain (great-circle distance as `distance_km` is computed). */
export function estimateTravel(origin: Point, destination: Point, terrain: Terrain = 'plain'): RoadTravel {
  return estimateFromGreatCircleKm(distance(origin.lon, origin.lat, destination.lon, destination.lat), terrain);
}

/**
 * The default provider: no network, always answers. Alone it knows no terrain (plain, as a
 * routing engine knows none either); `travelTimes` gives it the terrain of each trip.
 */
export const estimateProvider: RoutingProvider = {
  name: ESTIMATE_V2.name,
  async travel(origin, destinations) {
    return destinations.map((destination) => estimateTravel(origin, destination));
  },
};
