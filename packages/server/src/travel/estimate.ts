import { distance } from 'geokdbush';
import type { Point, RoadTravel, RoutingProvider } from './routing-provider.js';

/**
 * The `estimate-v1` travel model, every constant in one place. docs/travel-time.md explains
 * each value and the limits of the model; change them together with that page, and give the
 * model a new name when its answers change.
 */
export const ESTIMATE_V1 = {
  name: 'estimate-v1',
  /** Road distance ÷ great-circle distance: 1.2–1.4 in France, higher in mountains. */
  detourFactor: 1.3,
  /** Walking to the car and parking at the other end, added to every trip. */
  accessMinutes: 3,
  /** Average speeds by distance band, from the start of the trip: streets, then local roads, then main roads. */
  bands: [
    { untilKm: 2, kmh: 25 },
    { untilKm: 10, kmh: 50 },
    { untilKm: Infinity, kmh: 70 },
  ],
} as const;

/** The question the widgets answer: is it within half an hour? */
export const WITHIN_MINUTES = 30;

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
export function drivingMinutes(roadKm: number): number {
  let minutes = 0;
  let from = 0;
  for (const band of ESTIMATE_V1.bands) {
    if (roadKm <= from) break;
    const km = Math.min(roadKm, band.untilKm) - from;
    minutes += (km / band.kmh) * 60;
    from = band.untilKm;
  }
  return minutes;
}

/** The estimate for a great-circle distance in kilometres. */
export function estimateFromGreatCircleKm(greatCircleKm: number): RoadTravel {
  const roadKm = greatCircleKm * ESTIMATE_V1.detourFactor;
  return {
    minutes: wholeMinutesUp(drivingMinutes(roadKm) + ESTIMATE_V1.accessMinutes),
    road_km: roundRoadKm(roadKm),
  };
}

/** The estimate between two points (great-circle distance as `distance_km` is computed). */
export function estimateTravel(origin: Point, destination: Point): RoadTravel {
  return estimateFromGreatCircleKm(distance(origin.lon, origin.lat, destination.lon, destination.lat));
}

/** The default provider: no network, always answers. */
export const estimateProvider: RoutingProvider = {
  name: ESTIMATE_V1.name,
  async travel(origin, destinations) {
    return destinations.map((destination) => estimateTravel(origin, destination));
  },
};
