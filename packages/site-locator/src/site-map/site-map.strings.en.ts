import type { SiteMapStrings } from './site-map.strings.fr.js';

export const siteMapEn: SiteMapStrings = {
  siteMap: {
    mapLabel: 'Map of France services sites',
    instructions: 'Arrow keys: move the map. + and − keys: zoom. Tab: go from one place to the next; Enter or Space: choose it.',
    loading: 'Loading the map…',
    tilesUnavailable: 'The map cannot be shown (the base map is unreachable). The list of results is still available.',
    mapUnavailable: 'The map cannot be shown. The list of results is still available.',
    siteMarker: (name, kind) => `${name} (${kind})`,
    cluster: (count: number) => `${count} sites — zoom in`,
    origin: 'Search starting point',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    attributionPrefix: 'Base map: ',
  },
};
