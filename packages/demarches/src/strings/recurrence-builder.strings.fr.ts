/**
 * The texts of the recurrence builder shared by the agents' editors (a partner's permanence, a
 * bus's stop, an outreach permanence), French (bundled). The English ones are fetched on demand.
 */
export const recurrenceBuilderFr = {
  freqs: {
    weekly: 'Chaque semaine',
    'every-n-weeks': 'Toutes les 2 semaines ou plus',
    monthly: 'Chaque mois',
    appointment: 'Sur rendez-vous, sans date fixe',
    dates: 'À des dates précises',
  },
  interval: 'Rythme',
  intervalOption: (n: number) => `Toutes les ${n} semaines`,
  days: 'Quels jours ?',
  nth: 'Quelle semaine du mois ?',
  nthHint: 'Cochez-en une ou plusieurs : « 2e et 4e » pour deux fois par mois.',
  day: 'Quel jour de la semaine ?',
  choose: 'Choisissez…',
  dates: 'Quelles dates ?',
  datesHint: 'Choisissez une date, puis « Ajouter cette date ». Recommencez pour chaque date (60 au plus).',
  dateToAdd: 'Date à ajouter',
  addDate: 'Ajouter cette date',
  datesEmpty: 'Aucune date pour l’instant.',
  datesCount: (n: number) => (n === 1 ? '1 date' : `${n} dates`),
  removeDate: 'Retirer',
  /** For screen readers, after « Retirer »: " le mardi 24 décembre 2026". */
  removeDateAbout: (date: string) => ` : ${date}`,
  dateAdded: (date: string) => `Date ajoutée : ${date}.`,
  dateRemoved: (date: string) => `Date retirée : ${date}.`,
  fieldErrors: {
    freq: 'Choisissez quand elle a lieu.',
    interval: 'Choisissez toutes les 2, 3 ou 4 semaines.',
    days: 'Cochez au moins un jour.',
    nth: 'Cochez au moins une semaine du mois.',
    day: 'Choisissez le jour de la semaine.',
    dates: 'Ajoutez au moins une date : choisissez-la, puis « Ajouter cette date ».',
    dateMissing: 'Choisissez d’abord une date dans le champ, puis « Ajouter cette date ».',
    dateInvalid: 'Cette date n’est pas valide : choisissez-la dans le calendrier.',
    datePast: 'Cette date est passée : choisissez aujourd’hui ou une date à venir.',
    dateTwice: 'Cette date est déjà dans la liste.',
    datesMax: 'Vous avez déjà 60 dates : retirez-en une avant d’en ajouter une autre.',
  },
};

export type RecurrenceBuilderStrings = typeof recurrenceBuilderFr;
