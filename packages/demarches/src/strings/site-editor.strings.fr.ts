/**
 * What the site's own editors share (`<fs-closure-editor>`, `<fs-outreach-editor>`): what their
 * token is for (the rest of the sign-in is the core's `agentAccess`), the states of the list, the
 * removal's confirmation, the form's messages, the writes waiting on this device. French
 * (bundled); the English ones are fetched on demand. Written for town-hall secretaries and
 * counter agents: plain words, what to do next.
 */
export const siteEditorFr = {
  noSiteTitle: 'Éditeur non configuré',
  noSiteBody: 'Indiquez l’identifiant de la France services dans l’attribut site-id, par exemple site-id="2983".',

  /** What the token is for here; the rest of the sign-in is the core's `agentAccess`, shared by every agents' tool. */
  tokenBody:
    'Pour modifier les informations de votre France services, collez le jeton que votre référent vous a donné. Il reste enregistré sur cet appareil, pour cette France services.',

  offlineTitle: 'Vous êtes hors ligne',
  offlineNoData: 'La liste n’est pas encore enregistrée sur cet appareil. Vérifiez votre connexion à Internet, puis réessayez.',
  offlineStale: (date: string) =>
    `Vous êtes hors ligne : voici la liste enregistrée le ${date}. Vos modifications sont gardées sur cet appareil et envoyées dès le retour de la connexion.`,
  errorTitle: 'Liste indisponible pour le moment',
  errorBody: 'Le service ne répond pas. Réessayez dans quelques minutes.',
  notFoundTitle: 'France services introuvable',
  notFoundBody: (site: string) => `Aucune France services n’a l’identifiant ${site}. Vérifiez l’attribut site-id.`,
  retry: 'Réessayer',

  edit: 'Modifier',
  remove: 'Supprimer',
  /** After a button's visible word, for screen readers: "Modifier : Congés du 24 au 26 décembre". */
  about: (what: string) => ` : ${what}`,
  confirmRemoveHint: 'Elle disparaîtra aussi de ce que voit le public.',
  confirmYes: 'Oui, supprimer',
  confirmNo: 'Annuler',
  removing: 'Suppression…',

  required: '(obligatoire)',
  optional: '(facultatif)',
  save: 'Enregistrer',
  saving: 'Enregistrement…',
  cancel: 'Annuler',
  formLoading: 'Ouverture du formulaire…',
  formLoadFailed: 'Le formulaire n’a pas pu s’ouvrir : vérifiez votre connexion à Internet, puis réessayez.',
  formInvalid: 'Le formulaire contient une erreur : corrigez le champ signalé, puis enregistrez à nouveau.',
  formInvalidCount: (n: number) => `Le formulaire contient ${n} erreurs : corrigez les champs signalés, puis enregistrez à nouveau.`,
  formRefused: 'Le serveur a refusé ce formulaire. Vérifiez les champs, puis enregistrez à nouveau.',
  formServer: 'Le service ne répond pas : vos saisies sont conservées, réessayez dans quelques minutes.',

  // Writes kept on this device while offline (the outbox), sent once the connection is back.
  pendingTitle: 'En attente d’envoi',
  pendingHint:
    'Ces modifications sont enregistrées sur cet appareil. Elles seront envoyées automatiquement dès le retour de la connexion : laissez cette page ouverte ou revenez-y plus tard.',
  pendingCreate: (what: string) => `Ajout : ${what}`,
  pendingUpdate: (what: string) => `Modification : ${what}`,
  pendingDelete: (what: string) => `Suppression : ${what}`,
  sendNow: 'Envoyer maintenant',
  queued: 'Vous êtes hors ligne : votre modification est gardée sur cet appareil et sera envoyée dès le retour de la connexion.',
  sent: 'Les modifications en attente ont été envoyées.',
  refusedTitle: 'Refusé par le serveur',
  refusedHint:
    'Ces modifications faites hors ligne n’ont pas été acceptées (une date ou un horaire refusé, une ligne supprimée depuis un autre poste) : rien n’a changé pour le public. Refaites-les dans le formulaire si besoin, puis retirez-les de cette liste.',
  dismiss: 'Retirer de la liste',
};

export type SiteEditorStrings = typeof siteEditorFr;
