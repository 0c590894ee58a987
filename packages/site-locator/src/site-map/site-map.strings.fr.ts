/** The texts of the map, French (bundled with the map, which is itself loaded on demand). */
export const siteMapFr = {
  siteMap: {
    /** Accessible name of the map (a region). */
    mapLabel: 'Carte des France services',
    /** Short instructions, read after the map's name. */
    instructions:
      'Flèches : déplacer la carte. Touches + et − : zoomer. Tabulation : passer d’un lieu à l’autre ; Entrée ou Espace : le choisir.',
    loading: 'Chargement de la carte…',
    tilesUnavailable: 'La carte ne peut pas s’afficher (fond de carte inaccessible). La liste des résultats reste disponible.',
    mapUnavailable: 'La carte ne peut pas s’afficher. La liste des résultats reste disponible.',
    /** A site's marker: its name and its kind. */
    siteMarker: (name: string, kind: string) => `${name} (${kind})`,
    /** A group of markers; activating it zooms in. */
    cluster: (count: number) => `${count} France services — zoomer`,
    origin: 'Point de départ de la recherche',
    zoomIn: 'Zoom avant',
    zoomOut: 'Zoom arrière',
    /** Read before the base map's credits (visually hidden). */
    attributionPrefix: 'Fond de carte : ',
  },
};

export type SiteMapStrings = typeof siteMapFr;
