/** The texts of the site card (`<fs-site-card>`), French: the reference table (bundled). */
export const siteCardFr = {
  siteCard: {
    label: 'Votre France services',
    noSiteTitle: 'Aucune France services choisie',
    noSiteBody: 'Indiquez l’identifiant de la France services dans l’attribut site-id (le configurateur vous le donne).',
    notFoundTitle: 'France services introuvable',
    notFoundBody: (id: string) =>
      `Aucune France services ne porte l’identifiant « ${id} ». Elle a peut-être fermé ou changé d’identifiant : vérifiez le code d’intégration.`,
    address: 'Adresse',
    access: 'Accès',
    /** Where no road leads to the site (its `road_access`). */
    reach: {
      boat: 'En bateau : aucune route ni aucun pont n’y mène.',
      'air-or-river': 'En avion ou en pirogue : aucune route n’y mène.',
      foot: 'À pied ou en hélicoptère : aucune route n’y mène.',
    },
    phone: 'Téléphone',
    phoneLink: (phone: string) => `Appeler le ${phone}`,
    email: 'Courriel',
    emailLink: (email: string) => `Écrire à ${email}`,
    appointmentYes: 'Sur place ou sur rendez-vous',
    appointmentNo: 'Accueil sans rendez-vous',
    booking: 'Prendre rendez-vous en ligne',
    itinerant: 'Itinérante : bus ou permanences dans plusieurs communes. Vérifiez le lieu et le jour avant de vous déplacer.',
    comment: 'À savoir',
    hoursTitle: 'Horaires',
    offersTitle: 'Sur place aussi',
    /** A local partner known at the site (partner directory), after its name, with what it helps with when known. */
    localPartner: 'partenaire local',
    localPartnerFor: (themes: string) => `partenaire local pour : ${themes}`,
    /** The link to a local partner's website, its name first (what the link shows). */
    localPartnerWebsite: (name: string) => `${name}, site internet du partenaire`,
    /** The stops of a bus or a roaming site. */
    stopsTitleItinerant: 'Lieux et jours de passage',
    /** A fixed site's permanences held in other communes. */
    stopsTitlePermanences: 'Permanences dans d’autres communes',
    /** Where a stop is, for screen readers before its address. */
    stopAddress: 'Adresse',
  },
};

export type SiteCardStrings = typeof siteCardFr;
