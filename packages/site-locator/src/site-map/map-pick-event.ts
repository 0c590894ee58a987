/** Detail of `fs-map-pick`: a point was picked on a map in picking mode (`pick`). */
export interface FsMapPickDetail {
  /** Latitude of the point, in decimal degrees (WGS 84), as picked (not rounded). */
  lat: number;
  /** Longitude of the point, in decimal degrees (WGS 84), between -180 and 180. */
  lon: number;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-map-pick': CustomEvent<FsMapPickDetail>;
  }
}
