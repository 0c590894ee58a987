/**
 * The texts of the communication kit (`<fs-banner>`, `<fs-badge>`, `<fs-key-figures>`,
 * `<fs-poster>`), French (bundled). The English ones are fetched on demand. One part for the
 * whole kit: each element's texts under its own key.
 */
import type { PartnerId } from '@fs-widgets/contract/codes';

export const kitFr = {
  /** Shared by the banner and the badge: the nearest site, its day, the link. */
  teaser: {
    noConfigTitle: 'France services non configurée',
    noConfigBody: 'Indiquez le code INSEE de la commune (attribut commune) ou l’identifiant de la France services (attribut site-id).',
    unknownCommune: (insee: string) => `Aucune commune ne porte le code INSEE « ${insee} » : vérifiez le code d’intégration.`,
    unknownSite: (id: string) => `Aucune France services ne porte l’identifiant « ${id} » : vérifiez le code d’intégration.`,
    noSite: 'Aucune France services n’a été trouvée autour de cette commune.',
    distance: (distance: string) => `à ${distance}`,
    distanceFrom: (distance: string, commune: string) => `à ${distance} de ${commune}`,
    openNow: 'Ouvert maintenant',
    openUntil: (time: string) => `jusqu’à ${time}`,
    openToday: 'Ouvert aujourd’hui',
    opensTodayAt: (time: string) => `à partir de ${time}`,
    closedForToday: 'Fermé pour aujourd’hui',
    closedToday: 'Fermé aujourd’hui',
    unknownHours: 'Horaires non communiqués',
    linkNearby: 'Voir les France services près de chez moi',
    linkSite: 'Voir l’adresse et les horaires',
    linkFallback: 'Trouver une France services',
    offlineSaved: (savedOn: string) => `Hors ligne : informations du ${savedOn}.`,
  },
  banner: {
    // A no-break space keeps the question mark with its word in a narrow banner.
    title: 'Besoin d’aide pour vos démarches\u00a0?',
    pitch: 'Un agent France services vous accompagne gratuitement : papiers, impôts, retraite, famille, emploi…',
    nearest: 'La plus proche',
    yours: 'Votre France services',
  },
  badge: {
    label: 'France services',
    labelAt: (distance: string) => `France services à ${distance}`,
    openNow: 'ouvert maintenant',
    openToday: 'ouvert aujourd’hui',
    closedForToday: 'fermé pour aujourd’hui',
    closedToday: 'fermé aujourd’hui',
    closedExceptionally: 'fermé exceptionnellement aujourd’hui',
    nextVisit: (commune: string, when: string) => `passage à ${commune} ${when}`,
    noVisit: (commune: string) => `aucun passage prévu à ${commune}`,
    nextPermanence: (commune: string, when: string) => `permanence à ${commune} ${when}`,
    unknownHours: 'horaires non communiqués',
    loading: 'France services…',
    unavailable: 'France services : informations indisponibles',
    offline: 'France services : hors ligne',
  },
  keyFigures: {
    titleNetwork: 'France services en chiffres',
    titleSite: (name: string) => `${name} en chiffres`,
    titleSiteUnnamed: 'Votre France services en chiffres',
    /** The network's France services (main sites), counted apart from their antennas. */
    sites: 'France services',
    antennas: (count: string, n: number): string => (n === 1 ? `et ${count} antenne` : `et ${count} antennes`),
    /** A saved answer from before the split: every row of the list, France services and antennas together. */
    sitesAndAntennas: 'France services et antennes',
    acts: (n: number): string => (n === 1 ? 'demande traitée' : 'demandes traitées'),
    firstVisit: 'des demandes résolues dès la première visite',
    firstVisitHeading: 'Résolution dès la première visite',
    satisfied: 'des usagers satisfaits',
    satisfiedOf: (count: string) => `sur ${count} avis`,
    satisfactionHeading: 'Satisfaction des usagers',
    notEnough: 'pas encore assez de réponses',
    minimumNote: (min: number) => `Un taux n’est publié qu’à partir de ${min} réponses.`,
    empty: 'Pas encore de demande ni d’avis enregistré sur cette période.',
    period: (from: string, to: string) => `Du ${from} au ${to}`,
    source: 'source : France services widgets, données des agents et avis anonymes des usagers',
    sitesSource: (attribution: string) => `Nombre de France services : ${attribution}.`,
    invalidYear: (year: string) =>
      `L’année « ${year} » n’est pas disponible : indiquez une année passée ou l’année en cours (attribut year).`,
  },
  /** `<fs-poster>`: the printable A4 poster of a site (neutral: never an official State document). */
  poster: {
    // A no-break space keeps the question mark with its word.
    kicker: 'Besoin d’aide pour vos démarches\u00a0?',
    title: 'France services vous accompagne',
    pitch: 'Un agent vous aide gratuitement : papiers, impôts, retraite, famille, emploi…',
    hoursTitle: 'Horaires d’ouverture',
    hoursCaption: 'Horaires d’ouverture, du lundi au dimanche',
    /** Days that share their hours, on one row: « Samedi et dimanche », « Du lundi au jeudi ». */
    dayPair: (first: string, second: string) => `${first} et ${second}`,
    dayRange: (first: string, last: string) => `du ${first} au ${last}`,
    holidays: 'Fermé les jours fériés.',
    national: 'On vous aide pour',
    /**
     * The national partners in the words of the people who read the poster (the directory's short
     * names, « Intérieur », « Impôts »… are the agents'). A partner missing here shows its
     * directory short name.
     */
    partners: {
      'finances-publiques': 'Impôts',
      caf: 'Caisse d’allocations familiales (CAF)',
      'assurance-maladie': 'Assurance maladie',
      'assurance-retraite': 'Assurance retraite',
      'france-travail': 'France Travail (ex-Pôle emploi)',
      msa: 'Mutualité sociale agricole (MSA)',
      'la-poste': 'La Poste',
      interieur: 'Carte d’identité, passeport, permis de conduire, carte grise',
      justice: 'Justice et accès au droit',
    } as Partial<Record<Exclude<PartnerId, 'local'>, string>>,
    localTitle: 'Partenaires locaux et permanences',
    local: 'Partenaires locaux',
    localOthers: 'Aussi',
    more: (n: number) => (n === 1 ? 'et 1 autre : renseignez-vous à l’accueil.' : `et ${n} autres : renseignez-vous à l’accueil.`),
    partnersUnavailable: 'Liste des partenaires indisponible pour le moment.',
    /** What scanning the code does, by where it leads: the site's page, the locator, the host's own address. */
    qrSite: 'Scannez ce code avec l’appareil photo de votre téléphone pour voir les horaires à jour et l’itinéraire.',
    qrLocator: 'Scannez ce code avec l’appareil photo de votre téléphone pour trouver une France services près de chez vous.',
    qrOwn: 'Scannez ce code avec l’appareil photo de votre téléphone pour en savoir plus.',
    qrType: 'Ou tapez cette adresse :',
    qrLabel: (url: string) => `QR code vers ${url}`,
    updatedOn: (date: string) => `Informations du ${date}.`,
    notOfficial: 'Affiche d’information locale : ce n’est pas un document officiel de l’État.',
    print: 'Imprimer l’affiche',
    printHint: 'Format A4 portrait, une page.',
    noSiteTitle: 'Affiche non configurée',
    noSiteBody: 'Indiquez l’identifiant de la France services dans l’attribut site-id (le configurateur vous le donne).',
    notFoundTitle: 'France services introuvable',
    notFoundBody: (id: string) =>
      `Aucune France services ne porte l’identifiant « ${id} ». Elle a peut-être fermé ou changé d’identifiant : vérifiez le code d’intégration.`,
    phone: 'Téléphone',
    itinerant: 'Itinérante : bus ou permanences dans plusieurs communes. Vérifiez le lieu et le jour avant de vous déplacer.',
    appointmentYes: 'Sur place ou sur rendez-vous',
    appointmentNo: 'Accueil sans rendez-vous',
  },
};

export type KitStrings = typeof kitFr;
