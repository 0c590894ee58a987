// Leaflet's ES module build has the same API as the `leaflet` typings describe; only imported
// dynamically (see site-map.component.ts) so that bundlers split it into its own chunk.
declare module 'leaflet/dist/leaflet-src.esm.js' {
  export * from 'leaflet';
}
