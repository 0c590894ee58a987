import { distance } from 'geokdbush';
import type { Reach, Travel } from '@fs-widgets/contract';
import { ESTIMATE_V2, WITHIN_MINUTES, estimateFromGreatCircleKm, estimateProvider, estimateWalk, type Terrain } from './estimate.js';
import { UNMODELLED, type RoadAccess, type TravelPlace } from './road-access.js';
import type { Point, RoadTravel, RoutingProvider } from './routing-provider.js';

export interface TravelTimesOptions {
  signal?: AbortSignal;
  /** Told when the provider fails and the estimate answers instead. */
  onProviderError?: (error: unknown) => void;
  /** False: every road trip by car, none on foot (the coverage of the communes; see {@link estimateTrip}). */
  walks?: boolean;
}

/**
 * A road cannot be shorter than the straight line, yet an engine answers so when a point lies
 * outside its map (an overseas search on a metropolitan France extract): it snaps the point to
 * the nearest road it knows, maybe thousands of kilometres away. The margin allows for points a
 * little off the road.
 */
const SNAPPING_MARGIN_KM = 2;

function plausible(road: RoadTravel, origin: Point, destination: Point): boolean {
  return road.road_km + SNAPPING_MARGIN_KM >= distance(origin.lon, origin.lat, destination.lon, destination.lat);
}

/** No minutes: the two places are not joined by road, or the model knows no roads there. */
function withoutRoad(reach: Reach, method: Travel['method'], provider: string): Travel {
  return { mode: null, minutes: null, road_km: null, within_30_min: null, reliability: 'none', terrain: null, reach, method, provider };
}

/** Whether a trip of these minutes is within 30, said only where the minutes allow it. */
function within30(minutes: number, rough: boolean): boolean | null {
  if (!rough) return minutes <= WITHIN_MINUTES;
  if (minutes <= ESTIMATE_V2.rough.promiseUpToMinutes) return true;
  if (minutes > ESTIMATE_V2.rough.refuseBeyondMinutes) return false;
  return null;
}

/**
 * A road trip: on foot under 2 km as the crow flies when the walk takes 30 min at most (any
 * terrain; « à 35 min à pied » beside « À moins de 30 min » would read as a contradiction), by
 * car otherwise. A routed drive is `good`; an estimated one as its terrain says.
 */
function byRoad(
  greatCircleKm: number,
  road: RoadTravel,
  terrain: Terrain,
  method: Travel['method'],
  provider: string,
  walks = true,
): Travel {
  const walk = walks && greatCircleKm < ESTIMATE_V2.walk.underGreatCircleKm ? estimateWalk(greatCircleKm) : null;
  if (walk !== null && walk.minutes <= WITHIN_MINUTES) {
    // Field by field (a spread copies with a slower, generic path): the contract's order.
    return {
      mode: 'walk',
      minutes: walk.minutes,
      road_km: walk.road_km,
      within_30_min: true,
      reliability: 'good',
      terrain,
      reach: 'road',
      method,
      provider,
    };
  }
  const rough = method === 'estimate' && ESTIMATE_V2.terrains[terrain].reliability === 'rough';
  return {
    mode: 'car',
    minutes: road.minutes,
    road_km: road.road_km,
    within_30_min: within30(road.minutes, rough),
    reliability: rough ? 'rough' : 'good',
    terrain,
    reach: 'road',
    method,
    provider,
  };
}

/**
 * Where no road joins two places: the reach of the end that is cut off (an island, the
 * interior, a cirque without road), or the sea between two territories.
 */
function reachBetween(access: RoadAccess, origin: TravelPlace, destination: TravelPlace): Reach | null {
  if (destination.siteId !== undefined && destination.insee !== null && destination.department !== null) {
    const site = access.siteAccess(destination.siteId, destination.insee, destination.department);
    if (site.reach === 'foot') return 'foot';
  }
  const from = access.networkOf(origin.insee, origin.department);
  const to = access.networkOf(destination.insee, destination.department);
  if (from === UNMODELLED || to === UNMODELLED) return 'unknown';
  if (from === to) return null;
  for (const end of [destination, origin]) {
    if (end.insee === null || end.department === null) continue;
    const reach = access.communeAccess(end.insee, end.department).reach;
    if (reach !== 'road') return reach;
  }
  return 'boat';
}

/**
 * One trip by the estimate alone, synchronously: no minutes where no road joins the two places
 * (`reach` says why), else the walk or the drive of the `estimate-v2` model on the trip's
 * terrain. What {@link travelTimes} answers for a trip without a routing engine, and what the
 * coverage of the communes (coverage/) counts, trip by trip: the one copy of the model.
 * `walks: false` times every road trip by car: the coverage measures access by road as published
 * figures do (a walk under 2 km is what a person is told, not the quickest way).
 */
export function estimateTrip(
  access: RoadAccess,
  origin: TravelPlace,
  destination: TravelPlace,
  { walks = true }: { walks?: boolean } = {},
): Travel {
  const reach = reachBetween(access, origin, destination);
  if (reach != null) return withoutRoad(reach, 'estimate', estimateProvider.name);
  const terrain = access.terrainBetween(origin, destination);
  const km = distance(origin.lon, origin.lat, destination.lon, destination.lat);
  return byRoad(km, estimateFromGreatCircleKm(km, terrain), terrain, 'estimate', estimateProvider.name, walks);
}

/**
 * Travel from the origin to each destination, in one call to the provider for the trips that
 * can go by road. Where no road joins the two places (an island, Guyane's interior, Mafate) or
 * the model knows no roads, there are no minutes and `reach` says why. Wherever the provider
 * cannot answer (it fails, times out, has no route for a destination, or gives a road shorter
 * than the straight line) the estimate answers for that destination, and says so
 * (`method: 'estimate'`): a search never fails for want of a routing engine.
 */
export async function travelTimes(
  provider: RoutingProvider,
  access: RoadAccess,
  origin: TravelPlace,
  destinations: TravelPlace[],
  options: TravelTimesOptions = {},
): Promise<Travel[]> {
  const walks = { walks: options.walks ?? true };
  if (provider === estimateProvider) return destinations.map((destination) => estimateTrip(access, origin, destination, walks));
  const reaches = destinations.map((destination) => reachBetween(access, origin, destination));
  const answer = (i: number, routed?: RoadTravel | null): Travel => {
    const destination = destinations[i]!;
    // Where no road joins them the data file, not an engine, says so: the model answers (estimateTrip).
    if (reaches[i] != null || !routed || !plausible(routed, origin, destination)) return estimateTrip(access, origin, destination, walks);
    const terrain = access.terrainBetween(origin, destination);
    const km = distance(origin.lon, origin.lat, destination.lon, destination.lat);
    return byRoad(km, routed, terrain, 'routing', provider.name, walks.walks);
  };
  const byRoadOnly = destinations.flatMap((_, i) => (reaches[i] == null ? [i] : []));
  if (byRoadOnly.length === 0) return destinations.map((_, i) => answer(i));
  let routed: Array<RoadTravel | null>;
  try {
    routed = await provider.travel(
      origin,
      byRoadOnly.map((i) => destinations[i]!),
      options.signal,
    );
  } catch (err) {
    options.onProviderError?.(err);
    return destinations.map((_, i) => answer(i));
  }
  const routedOf = new Map(byRoadOnly.map((i, k) => [i, routed[k] ?? null]));
  return destinations.map((_, i) => (routedOf.has(i) ? answer(i, routedOf.get(i)) : answer(i)));
}
