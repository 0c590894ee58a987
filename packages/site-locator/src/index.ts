export { FsSiteCard } from './site-card/site-card.js';
export { FsCommuneSearch, type FsPlaceSelectDetail } from './commune-search/commune-search.js';
export { FsSiteLocator, type FsSearchDetail } from './site-locator/site-locator.js';
export type { FsSiteSelectDetail } from './site-map/site-select-event.js';
// <fs-site-map> is not re-exported here on purpose: it loads Leaflet, and the locator imports it
// on demand. Import '@fs-widgets/site-locator/site-map.js' to use it alone.
