import { distance } from 'geokdbush';
import type { Travel } from '@fs-widgets/contract';
import { WITHIN_MINUTES, estimateProvider, estimateTravel } from './estimate.js';
import type { Point, RoadTravel, RoutingProvider } from './routing-provider.js';

export interface TravelTimesOptions {
  signal?: AbortSignal;
  /** Told when the provider fails and the estimate answers instead. */
  onProviderError?: (error: unknown) => void;
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

function travelOf(road: RoadTravel, method: Travel['method'], provider: string): Travel {
  // Field by field (a spread copies with a slower, generic path): the contract's order.
  return { minutes: road.minutes, road_km: road.road_km, within_30_min: road.minutes <= WITHIN_MINUTES, method, provider };
}

/**
 * Travel from the origin to each destination, in one call to the provider. Wherever the
 * provider cannot answer (it fails, times out, has no route for a destination, or gives a road
 * shorter than the straight line) the estimate answers for that destination, and says so
 * (`method: 'estimate'`): a search never fails for want of a routing engine.
 */
export async function travelTimes(
  provider: RoutingProvider,
  origin: Point,
  destinations: Point[],
  options: TravelTimesOptions = {},
): Promise<Travel[]> {
  const estimate = (destination: Point) => travelOf(estimateTravel(origin, destination), 'estimate', estimateProvider.name);
  if (provider === estimateProvider || destinations.length === 0) return destinations.map(estimate);
  let routed: Array<RoadTravel | null>;
  try {
    routed = await provider.travel(origin, destinations, options.signal);
  } catch (err) {
    options.onProviderError?.(err);
    return destinations.map(estimate);
  }
  return destinations.map((destination, i) => {
    const road = routed[i];
    return road && plausible(road, origin, destination) ? travelOf(road, 'routing', provider.name) : estimate(destination);
  });
}
