// Leaflet's ES module build has the same API as the `leaflet` typings describe; only imported
// dynamically (by the site map and the coverage map) so that bundlers split it into its own chunk.
// The packages that load it include this file in their tsconfig.json.
declare module 'leaflet/dist/leaflet-src.esm.js' {
  export * from 'leaflet';
}
