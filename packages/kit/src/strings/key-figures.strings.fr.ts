/** The texts of `<fs-key-figures>`, French (bundled); the English ones are fetched on demand. */
export const keyFiguresFr = {
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
};

export type KeyFiguresStrings = typeof keyFiguresFr;
