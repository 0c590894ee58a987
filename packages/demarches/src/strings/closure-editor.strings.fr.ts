/**
 * The texts of `<fs-closure-editor>`, French (bundled); the English ones are fetched on demand.
 * What the site editors share (sign-in, list states, writes waiting) is in `site-editor`.
 */
export const closureEditorFr = {
  title: 'Fermetures et horaires exceptionnels',
  intro:
    'Ce que vous publiez ici remplace vos horaires habituels ces jours-là, partout où le public les voit : fiche, carte, affiche, bandeau.',
  loading: 'Chargement des fermetures et horaires exceptionnels…',
  listTitle: 'En cours et à venir',
  empty: 'Aucune fermeture ni horaire exceptionnel à venir.',
  add: 'Ajouter une fermeture ou des horaires exceptionnels',
  newTitle: 'Nouvelle fermeture ou nouveaux horaires',
  editTitle: 'Modifier la fermeture ou les horaires',
  saved: (what: string) => `Publié : ${what}.`,
  removed: (what: string) => `Supprimé : ${what}.`,
  confirmRemove: (what: string) => `Supprimer « ${what} » ?`,
  current: 'En cours',

  what: 'Ce jour-là, la France services est',
  closed: 'Fermée toute la journée',
  open: 'Ouverte avec d’autres horaires',
  span: 'Combien de jours ?',
  oneDay: 'Un seul jour',
  range: 'Plusieurs jours de suite',
  day: 'Date',
  startsOn: 'Du',
  endsOn: 'Au (inclus)',
  rangeHint: 'Le dernier jour compte : du lundi 21 au vendredi 25, c’est 5 jours.',
  hours: 'Horaires ces jours-là',
  hoursHint: 'Une plage, ou deux si vous fermez à midi.',
  opens: 'De',
  closes: 'À',
  secondRange: 'Deuxième plage',
  reason: 'Raison, en quelques mots',
  reasonHint: 'Affichée au public, par exemple : Congés, Formation, Fermeture exceptionnelle. Vous pouvez écrire autre chose.',
  suggestions: ['Congés', 'Formation', 'Fermeture exceptionnelle'],

  fieldErrors: {
    startsOn: 'Choisissez la date (jour, mois et année).',
    endsOn: 'Choisissez le dernier jour (jour, mois et année).',
    endsBefore: 'Le dernier jour doit être le même jour que le premier ou après.',
    tooLong: 'Une même fermeture dure un an au plus : publiez-en deux.',
    past: 'Cette période est déjà passée : choisissez aujourd’hui ou une date à venir.',
    opens: 'Indiquez l’heure d’ouverture.',
    closes: 'Indiquez l’heure de fermeture.',
    closesAfter: 'L’heure de fin doit être après l’heure de début.',
    secondAfter: 'La deuxième plage commence après la fin de la première.',
    pair: 'Indiquez l’heure de début et l’heure de fin, ou laissez les deux vides.',
    reason: 'Indiquez la raison en quelques mots (2 à 120 caractères), par exemple : Congés.',
    closed: 'Choisissez fermée ou ouverte avec d’autres horaires.',
  },
};

export type ClosureEditorStrings = typeof closureEditorFr;
