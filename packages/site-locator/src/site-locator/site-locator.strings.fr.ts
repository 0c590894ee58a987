/** The texts of the site locator (`<fs-site-locator>`), French: the reference table (bundled). */
export const siteLocatorFr = {
  locator: {
    title: 'Trouver une France services',
    aroundMe: 'Autour de moi',
    locating: 'Localisation en cours…',
    geoDenied: 'Vous n’avez pas autorisé la localisation. Cherchez plutôt une commune ou un code postal.',
    geoTimeout: 'La localisation prend trop de temps. Réessayez, ou cherchez une commune ou un code postal.',
    geoUnavailable: 'Votre position n’est pas disponible sur cet appareil. Cherchez une commune ou un code postal.',
    myPosition: 'votre position',
    chosenPoint: 'ce point',
    filtersLegend: 'Affiner',
    filtersToggle: (active: number) =>
      active === 0 ? 'Affiner' : active === 1 ? 'Affiner (1 filtre actif)' : `Affiner (${active} filtres actifs)`,
    openNow: 'Ouvert maintenant',
    saturday: 'Ouvert le samedi',
    kindLegend: 'Type d’accueil',
    kindAll: 'Tous',
    kindFixed: 'Accueil fixe',
    kindItinerant: 'Bus et permanences itinérantes',
    radius: 'Distance maximale',
    radiusOption: (km: number) => `${km} km`,
    radiusNone: 'Sans limite',
    offerLegend: 'Service proposé',
    offerAll: 'Tous',
    offerLocalPartner: 'Partenaire local sur place',
    /** With the « Partenaire local sur place » filter: who, in each result. */
    localPartners: (names: string) => `Partenaire local : ${names}`,
    startTitle: 'Où cherchez-vous ?',
    startBody: 'Indiquez votre commune ou votre code postal, ou utilisez « Autour de moi ».',
    resultsCount: (n: number, place: string) =>
      n === 0
        ? `Aucune France services trouvée autour de ${place}.`
        : n === 1
          ? `1 France services trouvée autour de ${place}.`
          : `${n} France services trouvées autour de ${place}, de la plus proche à la plus éloignée.`,
    resultsHeading: (place: string) => `France services autour de ${place}`,
    emptyTitle: (km: number | null) => (km ? `Aucune France services à moins de ${km} km` : 'Aucune France services trouvée'),
    emptyFilters: 'Essayez sans filtre, ou augmentez la distance.',
    widen: (km: number, n: number) => `Élargir à ${km} km (${n} France services)`,
    removeFilters: 'Retirer les filtres',
    allClosedTitle: (km: number | null) =>
      km
        ? `Toutes les France services à moins de ${km} km sont fermées en ce moment`
        : 'Toutes les France services proches sont fermées en ce moment',
    nextOpening: (when: string, name: string) => `La prochaine ouvre ${when} : ${name}.`,
    nextToday: (time: string) => `aujourd’hui à ${time}`,
    nextTomorrow: (day: string, time: string) => `demain ${day} à ${time}`,
    nextOn: (date: string, time: string) => `${date} à ${time}`,
    nextNone: 'Aucune n’ouvre dans les 14 prochains jours.',
    showAll: 'Voir toutes les France services proches',
    distance: (d: string) => `à ${d}`,
    /** A trip's length: « 25 min », « 1 h », « 1 h 05 ». */
    duration: (minutes: number) =>
      minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${String(minutes % 60).padStart(2, '0')}` : ''}`,
    travelWalk: (duration: string) => `à ${duration} à pied`,
    travelCar: (duration: string, estimated: boolean) => (estimated ? `environ ${duration} en voiture` : `${duration} en voiture`),
    /** Said after a rough estimate, where the terrain makes it so. */
    travelTerrain: { mountain: 'par des routes de montagne', cirque: 'par la route du cirque', overseas: '', plain: '' },
    /** Where no road goes, instead of minutes. */
    travelNoRoad: {
      boat: 'Pas de route : on y va en bateau',
      'air-or-river': 'Pas de route : on y va en avion ou en pirogue',
      foot: 'Pas de route : on y va à pied ou en hélicoptère',
      unknown: 'Temps de trajet non estimé ici',
    },
    /** Once above the list, when its times are estimated. */
    travelNote: 'Temps de trajet estimés d’après la distance, sans calcul d’itinéraire.',
    within30: 'À moins de 30 min',
    saturdayOpen: 'Ouvert le samedi',
    appointment: 'Sur rendez-vous possible',
    booking: 'Prendre rendez-vous',
    phone: (phone: string) => `Téléphone : ${phone}`,
    nextStops: 'Prochains passages',
    noStopsKnown: 'Lieux et jours de passage : contactez la France services.',
    details: (name: string) => `Voir le détail : ${name}`,
    back: 'Retour aux résultats',
    directions: 'Itinéraire',
    directionsLabel: (name: string) => `Itinéraire vers ${name} (OpenStreetMap, nouvel onglet)`,
    share: 'Copier le lien',
    shared: 'Lien copié.',
    shareFailed: 'Copie impossible : copiez l’adresse de la page.',
    print: 'Imprimer',
    openInMaps: 'Ouvrir dans mon application de cartes',
    showMap: 'Afficher la carte',
    hideMap: 'Masquer la carte',
    offlineResults: (savedOn: string) => `Vous êtes hors ligne : résultats enregistrés le ${savedOn}.`,
    unknownCommune: 'Cette commune est introuvable. Cherchez-la par son nom ou son code postal.',
    noLocation: 'Cette commune n’a pas de position connue. Utilisez « Autour de moi » ou une commune voisine.',
    invalidSearch: 'Cette recherche n’est pas valide. Cherchez une commune ou un code postal.',
  },
};

export type SiteLocatorStrings = typeof siteLocatorFr;
