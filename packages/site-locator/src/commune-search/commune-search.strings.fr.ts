/** The texts of the commune search (`<fs-commune-search>`), the combobox of the locator and the configurator, French: the reference table (bundled). */
export const communeSearchFr = {
  communeSearch: {
    label: 'Commune ou code postal',
    labelWithAddress: 'Adresse, commune ou code postal',
    hint: 'Tapez au moins 2 lettres ou chiffres, puis choisissez dans la liste.',
    suggestions: (n: number) =>
      n === 0
        ? 'Aucune commune trouvée.'
        : n === 1
          ? '1 suggestion. Flèche bas pour la choisir.'
          : `${n} suggestions. Flèches haut et bas pour choisir.`,
    noMatch: 'Aucune commune ne correspond. Vérifiez l’orthographe ou tapez le code postal.',
    searching: 'Recherche…',
    unavailable: 'La recherche de communes ne répond pas. Réessayez dans un instant.',
    address: 'Adresse',
    clear: 'Effacer',
  },
};

export type CommuneSearchStrings = typeof communeSearchFr;
