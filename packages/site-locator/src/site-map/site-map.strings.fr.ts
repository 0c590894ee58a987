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

    /** Picking mode (`pick`): the map's name and instructions. */
    pickMapLabel: 'Carte pour placer le point',
    pickInstructions:
      'Cliquez sur la carte pour placer le point. Au clavier : flèches pour déplacer la carte sous la croix, touches + et − pour zoomer, puis le bouton « Placer le point au centre de la carte ».',
    pickCenter: 'Placer le point au centre de la carte',
    /** Said (live region) and shown once a point is placed. */
    picked: (lat: string, lon: string) => `Point placé : latitude ${lat}, longitude ${lon}.`,
    /** The picked point's marker. */
    pickedMarker: 'Point placé',
    /** Picking mode, when the base map or the map cannot be shown: what to do instead. */
    pickUnavailable:
      'Le fond de carte ne peut pas s’afficher : impossible d’y choisir le point. Tapez la latitude et la longitude à la place.',
  },
};

export type SiteMapStrings = typeof siteMapFr;
