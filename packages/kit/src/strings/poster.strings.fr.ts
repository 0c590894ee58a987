import type { PartnerId } from '@fs-widgets/contract/codes';

/** The texts of `<fs-poster>`, French (bundled); the English ones are fetched on demand. */
export const posterFr = {
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
    booking: 'Prendre rendez-vous en ligne :',
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

export type PosterStrings = typeof posterFr;
