import type { DayKey, SiteKind } from '@fs-widgets/contract';
import type { HolidayKey } from '../opening-hours/holidays.js';

/**
 * The French strings of every widget: the reference table. Other locales must provide the same
 * keys (the `Strings` type checks it). Plain French, saying what to do next.
 */
export const fr = {
  locale: 'fr-FR',
  common: {
    loading: 'Chargement…',
    retry: 'Réessayer',
    offlineTitle: 'Vous êtes hors ligne',
    offlineNoData: 'Ces informations ne sont pas encore enregistrées sur cet appareil. Vérifiez votre connexion à Internet, puis réessayez.',
    offlineStale: (savedOn: string) =>
      `Vous êtes hors ligne : informations enregistrées le ${savedOn}. Elles ont pu changer depuis.`,
    errorTitle: 'Affichage impossible pour le moment',
    errorBody: 'Le service ne répond pas. Réessayez dans quelques minutes.',
    source: (attribution: string) => `Source : ${attribution}`,
  },
  days: {
    mo: 'lundi', tu: 'mardi', we: 'mercredi', th: 'jeudi', fr: 'vendredi', sa: 'samedi', su: 'dimanche',
  } satisfies Record<DayKey, string>,
  holidays: {
    'new-year': 'Jour de l’an',
    'good-friday': 'Vendredi saint',
    'easter-monday': 'Lundi de Pâques',
    'labour-day': 'Fête du Travail',
    'victory-1945': 'Victoire 1945',
    ascension: 'Ascension',
    'whit-monday': 'Lundi de Pentecôte',
    'bastille-day': 'Fête nationale',
    assumption: 'Assomption',
    'all-saints': 'Toussaint',
    armistice: 'Armistice 1918',
    christmas: 'Noël',
    'st-stephen': 'Saint-Étienne',
    'abolition-of-slavery': 'Abolition de l’esclavage',
  } satisfies Record<HolidayKey, string>,
  kinds: {
    fixed: 'France services',
    antenna: 'Antenne France services',
    multisite: 'France services multisite',
    bus: 'Bus France services',
    roaming: 'France services itinérante',
  } satisfies Record<SiteKind, string>,
  hours: {
    openNow: 'Ouvert',
    closedNow: 'Fermé',
    closesAt: (time: string) => `ferme à ${time}`,
    reopensAt: (time: string) => `rouvre à ${time}`,
    opensToday: (time: string) => `ouvre aujourd’hui à ${time}`,
    opensTomorrow: (time: string) => `ouvre demain à ${time}`,
    opensOn: (day: string, time: string) => `ouvre ${day} à ${time}`,
    noNextOpening: 'aucune ouverture prévue dans les 14 prochains jours',
    holidayToday: 'jour férié',
    closedDay: 'Fermé',
    holidayClosed: 'Fermé (jour férié)',
    unknown: 'Horaires non communiqués : appelez avant de vous déplacer.',
    tableCaption: 'Horaires des 7 prochains jours',
    dayColumn: 'Jour',
    hoursColumn: 'Horaires',
    today: 'aujourd’hui',
    rangeSeparator: ' et ',
    range: (opens: string, closes: string) => `${opens} – ${closes}`,
  },
  /** A permanence in plain words (`permanence-text.ts`); days in week order, their names from `days`. */
  permanences: {
    weekly: (days: string[], interval: number) =>
      interval === 1
        ? `Chaque ${list(days)}`
        : interval === 2 && days.length === 1
          ? `Un ${days[0]} sur deux`
          : `Toutes les ${interval} semaines, ${list(days.map((d) => `le ${d}`))}`,
    /** Every weekday takes an s in the plural: "Les 2e et 4e mardis du mois". */
    monthly: (ordinals: string[], day: string) =>
      ordinals.length === 1 ? `Le ${ordinals[0]} ${day} du mois` : `Les ${list(ordinals)} ${day}s du mois`,
    /** 1 to 5, or -1 for the last one of the month. */
    ordinal: (n: number) => (n < 0 ? 'dernier' : n === 1 ? '1er' : `${n}e`),
    appointment: 'Sur rendez-vous',
    byAppointment: 'sur rendez-vous',
    from: (date: string) => `à partir du ${date}`,
    until: (date: string) => `jusqu’au ${date}`,
    next: (dates: string[]) => `Prochaines dates : ${list(dates)}.`,
    noNext: 'Aucune date prévue dans les quatre prochains mois.',
  },
  communeSearch: {
    label: 'Commune ou code postal',
    labelWithAddress: 'Adresse, commune ou code postal',
    hint: 'Tapez au moins 2 lettres ou chiffres, puis choisissez dans la liste.',
    suggestions: (n: number) =>
      n === 0 ? 'Aucune commune trouvée.' : n === 1 ? '1 suggestion. Flèche bas pour la choisir.' : `${n} suggestions. Flèches haut et bas pour choisir.`,
    noMatch: 'Aucune commune ne correspond. Vérifiez l’orthographe ou tapez le code postal.',
    searching: 'Recherche…',
    unavailable: 'La recherche de communes ne répond pas. Réessayez dans un instant.',
    commune: (name: string, postcodes: string) => `${name} (${postcodes})`,
    address: 'Adresse',
    clear: 'Effacer',
  },
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
    openNow: 'Ouvert maintenant',
    saturday: 'Ouvert le samedi',
    kindLegend: 'Type d’accueil',
    kindAll: 'Tous',
    kindFixed: 'Accueil fixe',
    kindItinerant: 'Bus et permanences itinérantes',
    radius: 'Distance maximale',
    radiusOption: (km: number) => `${km} km`,
    radiusNone: 'Sans limite',
    startTitle: 'Où cherchez-vous ?',
    startBody: 'Indiquez votre commune ou votre code postal, ou utilisez « Autour de moi ».',
    resultsCount: (n: number, place: string) =>
      n === 0 ? `Aucune France services trouvée autour de ${place}.` : n === 1 ? `1 France services trouvée autour de ${place}.` : `${n} France services trouvées autour de ${place}, de la plus proche à la plus éloignée.`,
    resultsHeading: (place: string) => `France services autour de ${place}`,
    emptyTitle: (km: number | null) => (km ? `Aucune France services à moins de ${km} km` : 'Aucune France services trouvée'),
    emptyFilters: 'Essayez sans filtre, ou augmentez la distance.',
    widen: (km: number, n: number) => `Élargir à ${km} km (${n} France services)`,
    removeFilters: 'Retirer les filtres',
    distance: (d: string) => `à ${d}`,
    travel: (minutes: number) => `environ ${minutes} min en voiture`,
    travelEstimate: 'estimation',
    within30: 'À moins de 30 min',
    saturdayOpen: 'Ouvert le samedi',
    appointment: 'Sur rendez-vous possible',
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



  siteCard: {
    label: 'Votre France services',
    noSiteTitle: 'Aucune France services choisie',
    noSiteBody: 'Indiquez l’identifiant de la France services dans l’attribut site-id (le configurateur vous le donne).',
    notFoundTitle: 'France services introuvable',
    notFoundBody: (id: string) =>
      `Aucune France services ne porte l’identifiant « ${id} ». Elle a peut-être fermé ou changé d’identifiant : vérifiez le code d’intégration.`,
    address: 'Adresse',
    phone: 'Téléphone',
    phoneLink: (phone: string) => `Appeler le ${phone}`,
    email: 'Courriel',
    emailLink: (email: string) => `Écrire à ${email}`,
    appointmentYes: 'Sur place ou sur rendez-vous',
    appointmentNo: 'Accueil sans rendez-vous',
    itinerant: 'Itinérante : bus ou permanences dans plusieurs communes. Vérifiez le lieu et le jour avant de vous déplacer.',
    comment: 'À savoir',
    hoursTitle: 'Horaires',
  },
};

/** "mardi et jeudi", "lundi, mardi et jeudi". */
function list(items: string[]): string {
  return new Intl.ListFormat('fr-FR').format(items);
}

export type Strings = typeof fr;
