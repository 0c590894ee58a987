/** The texts of the satisfaction widgets, French (bundled). The English ones are fetched on demand. */
export const satisfactionFr = {
  satisfaction: {
    question: 'Êtes-vous satisfait de l’accueil que vous avez reçu ?',
    questionHint: 'Choisissez une réponse. Votre avis est anonyme.',
    ratings: {
      'very-satisfied': 'Très satisfait',
      satisfied: 'Satisfait',
      dissatisfied: 'Peu satisfait',
      'very-dissatisfied': 'Pas satisfait',
    },
    resolvedQuestion: 'Votre demande a-t-elle été résolue ?',
    resolutions: { yes: 'Oui', partly: 'En partie', no: 'Non' },
    commentLabel: 'Un commentaire ? (facultatif)',
    commentHint: (max: number) => `${max} caractères au plus. N’écrivez ni votre nom, ni votre adresse, ni votre numéro de téléphone.`,
    commentCount: (left: number) => (left === 1 ? 'Il reste 1 caractère.' : `Il reste ${left} caractères.`),
    send: 'Envoyer mon avis',
    skip: 'Passer',
    thanksTitle: 'Merci pour votre avis !',
    thanksBody: 'Il aide la France services à mieux vous accueillir.',
    thanksQueued: 'Il sera envoyé automatiquement dès le retour de la connexion.',
    kioskBack: 'Retour au début',
    pending: (n: number) => (n === 1 ? '1 avis en attente d’envoi' : `${n} avis en attente d’envoi`),
    noSiteTitle: 'Avis non configuré',
    noSiteBody: 'Indiquez l’identifiant de la France services dans l’attribut site-id (le configurateur vous le donne).',
    chooseRating: 'Choisissez d’abord une réponse.',
    siteNameFallback: 'France services',
    siteUnknown: (id: string) =>
      `Aucune France services ne porte l’identifiant « ${id} » : les avis sont gardés sur cet appareil, mais le réglage est à vérifier.`,
  },
  satisfactionResults: {
    title: 'La satisfaction des usagers',
    satisfied: (share: string) => `${share} d’usagers satisfaits`,
    answers: (count: string) => `sur ${count} avis`,
    period: (from: string, to: string) => `Avis donnés du ${from} au ${to}.`,
    since: (from: string) => `Avis donnés depuis le ${from}.`,
    resolved: (share: string) => `${share} disent que leur demande a été résolue.`,
    tooFew: (count: number, min: number) =>
      `Pas encore assez d’avis pour publier un résultat fiable (${count} avis, il en faut au moins ${min}).`,
    noAnswers: 'Aucun avis pour cette période.',
    noAnswersYet: 'Pas encore d’avis : le résultat s’affichera avec les premières réponses.',
    siteNotFound: (id: string) =>
      `Aucune France services ne porte l’identifiant « ${id} ». Elle a peut-être fermé ou changé d’identifiant : vérifiez le code d’intégration.`,
    invalidDate: (name: string, value: string) =>
      `La date « ${value} » n’est pas valide : écrivez-la AAAA-MM-JJ, par exemple 2026-01-31 (attribut ${name}).`,
    chartLabel: 'Répartition des avis',
    level: 'Réponse',
    count: 'Nombre d’avis',
    share: 'Part',
    source: 'Avis anonymes recueillis par les bornes et les pages web des France services.',
    network: 'l’ensemble du réseau',
  },
};

export type SatisfactionStrings = typeof satisfactionFr;
