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

    pickMapLabel: 'Map to place the point',
    pickInstructions:
      'Click on the map to place the point. With the keyboard: arrow keys to move the map under the crosshair, + and − keys to zoom, then the button “Place the point at the centre of the map”.',
    pickCenter: 'Place the point at the centre of the map',
    picked: (lat: string, lon: string) => `Point placed: latitude ${lat}, longitude ${lon}.`,
    pickedMarker: 'Placed point',
    pickUnavailable: 'The base map cannot be shown, so the point cannot be chosen on it. Type the latitude and longitude instead.',
  },
};
