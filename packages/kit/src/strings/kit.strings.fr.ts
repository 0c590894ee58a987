/**
 * The texts of the banner and the badge (`<fs-banner>`, `<fs-badge>`), French (bundled). The
 * English ones are fetched on demand. The poster and the key figures have parts of their own
 * (`poster.strings.fr.ts`, `key-figures.strings.fr.ts`), so a page showing one kit element
 * downloads its texts only.
 */
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
};

export type KitStrings = typeof kitFr;
