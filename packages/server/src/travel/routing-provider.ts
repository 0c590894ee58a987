/** A point in decimal degrees (WGS84). */
export interface Point {
  lat: number;
  lon: number;
}

/** Door-to-door travel by road: whole minutes (rounded up) and road kilometres. */
export interface RoadTravel {
  minutes: number;
  road_km: number;
}

/**
 * Something that can tell how long it takes to drive from one point to several others: the
 * built-in estimate or a routing engine. One call per search, for the returned sites only.
 */
export interface RoutingProvider {
  /** Shown as `travel.provider` in the API, e.g. `estimate-v1` or `osrm`. */
  readonly name: string;
  /**
   * One answer per destination, in order; `null` where the provider cannot tell (no road
   * found). Rejects when it cannot answer at all (engine down, timeout, malformed answer).
   */
  travel(origin: Point, destinations: Point[], signal?: AbortSignal): Promise<Array<RoadTravel | null>>;
}
