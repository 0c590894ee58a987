/**
 * The texts of `<fs-partner-editor>`, French (bundled). The English ones are fetched on demand.
 * Written for town-hall secretaries and counter agents: plain words, what to do next.
 */
export const partnerEditorFr = {
  title: 'Partenaires locaux et permanences',
  intro: 'Ce que vous enregistrez ici est affiché au public avec votre France services.',
  noSiteTitle: 'Éditeur non configuré',
  noSiteBody: 'Indiquez l’identifiant de la France services dans l’attribut site-id, par exemple site-id="2983".',

  /** What the token is for here; the rest of the sign-in is the core's `agentAccess`, shared by every agents' tool. */
  tokenBody:
    'Pour modifier les partenaires et les permanences de votre France services, collez le jeton que votre référent vous a donné. Il reste enregistré sur cet appareil, pour cette France services.',

  loading: 'Chargement des partenaires et des permanences…',
  offlineTitle: 'Vous êtes hors ligne',
  offlineNoData: 'La liste n’est pas encore enregistrée sur cet appareil. Vérifiez votre connexion à Internet, puis réessayez.',
  offlineStale: (date: string) =>
    `Vous êtes hors ligne : voici la liste enregistrée le ${date}. Vous pouvez préparer une modification, elle sera envoyée quand vous réessaierez une fois reconnecté.`,
  errorTitle: 'Liste indisponible pour le moment',
  errorBody: 'Le service ne répond pas. Réessayez dans quelques minutes.',
  notFoundTitle: 'France services introuvable',
  notFoundBody: (site: string) => `Aucune France services n’a l’identifiant ${site}. Vérifiez l’attribut site-id.`,
  retry: 'Réessayer',

  localTitle: 'Partenaires locaux',
  localEmpty: 'Aucun partenaire local pour l’instant : ajoutez le premier.',
  addLocal: 'Ajouter un partenaire local',
  permanencesTitle: 'Permanences',
  permanencesEmpty: 'Aucune permanence pour l’instant : ajoutez la première.',
  addPermanence: 'Ajouter une permanence',
  addPermanenceFor: 'Ajouter une permanence de ce partenaire',
  edit: 'Modifier',
  remove: 'Supprimer',
  phoneLine: (phone: string) => `Téléphone : ${phone}`,
  /** After a button's visible word, for screen readers: "Modifier : Mission locale". */
  about: (what: string) => ` : ${what}`,
  permanencesOf: (n: number) => (n === 0 ? 'Aucune permanence' : n === 1 ? '1 permanence' : `${n} permanences`),

  confirmRemoveLocal: (name: string, permanences: number) =>
    permanences === 0
      ? `Supprimer « ${name} » ?`
      : `Supprimer « ${name} » et ${permanences === 1 ? 'sa permanence' : `ses ${permanences} permanences`} ?`,
  confirmRemovePermanence: (what: string) => `Supprimer la permanence « ${what} » ?`,
  confirmRemoveHint: 'Elle disparaîtra aussi de ce que voit le public.',
  confirmYes: 'Oui, supprimer',
  confirmNo: 'Annuler',
  removing: 'Suppression…',

  removedLocal: (name: string) => `« ${name} » a été supprimé.`,
  removedPermanence: (what: string) => `La permanence « ${what} » a été supprimée.`,
  savedLocal: (name: string) => `« ${name} » est enregistré.`,
  savedPermanence: (what: string) => `Permanence enregistrée : ${what}.`,
  nextDatesIntro: 'Prochaines dates, calculées par le serveur (jours fériés exclus) :',
  addPermanenceNow: (name: string) => `Ajouter une permanence de « ${name} »`,

  // The forms.
  newLocalTitle: 'Nouveau partenaire local',
  editLocalTitle: (name: string) => `Modifier « ${name} »`,
  newPermanenceTitle: 'Nouvelle permanence',
  editPermanenceTitle: 'Modifier la permanence',
  required: '(obligatoire)',
  optional: '(facultatif)',
  name: 'Nom de l’organisme',
  nameHint: 'Par exemple : Mission locale du Pays de Mende, Conciliateur de justice. Pas de nom de personne.',
  description: 'Ce qu’il propose au public',
  descriptionHint: 'En quelques mots simples, 500 caractères au plus. Pas de numéro ni d’adresse e-mail de personne.',
  phoneLabel: 'Téléphone de l’organisme',
  phoneHint: 'Par exemple : 04 66 49 12 34.',
  websiteLabel: 'Site web',
  websiteHint: 'Adresse complète, par exemple https://www.mission-locale.fr.',
  themes: 'Thèmes',
  themesHint: 'Ce pour quoi le public peut s’adresser à lui : cochez les deux ou trois principaux, ils aident les recherches du public.',
  themesUnavailable: 'Les thèmes ne sont pas disponibles pour le moment : vous pourrez les ajouter plus tard.',

  partner: 'Partenaire',
  partnerHint: 'Un des neuf partenaires nationaux, ou un partenaire local de votre France services.',
  partnerChoose: 'Choisissez…',
  nationalGroup: 'Partenaires nationaux',
  localGroup: 'Partenaires locaux',
  noLocalYet: 'Pour un partenaire local, ajoutez-le d’abord dans la liste des partenaires locaux.',

  when: 'Quand a-t-elle lieu ?',
  hours: 'Horaires',
  hoursHint: 'Laissez vide si les horaires ne sont pas fixes.',
  opens: 'De',
  closes: 'À',
  byAppointment: 'Uniquement sur rendez-vous',
  period: 'Période',
  periodHint: 'Si la permanence commence plus tard ou s’arrête à une date connue.',
  periodHintInterval:
    'Pour une permanence toutes les 2 semaines ou plus, indiquez la date d’une permanence : le rythme est compté à partir de cette semaine.',
  startsOn: 'À partir du',
  endsOn: 'Jusqu’au',
  note: 'Remarque',
  noteHint: 'Par exemple : Salle du conseil, Prendre rendez-vous à l’accueil. 200 caractères au plus.',
  formLoading: 'Ouverture du formulaire…',
  formLoadFailed: 'Le formulaire n’a pas pu s’ouvrir : vérifiez votre connexion à Internet, puis réessayez.',
  save: 'Enregistrer',
  saving: 'Enregistrement…',
  cancel: 'Annuler',

  // Errors next to the fields (from the checks before sending, or the server's 400/422).
  fieldErrors: {
    name: 'Indiquez le nom de l’organisme (3 à 120 caractères).',
    description: 'La description fait 500 caractères au plus.',
    phone:
      'Ce numéro n’est pas valide : des chiffres, espaces, +, points, tirets ou parenthèses (6 à 25 caractères), par exemple 04 66 49 12 34.',
    website: 'Cette adresse n’est pas valide : elle commence par https:// ou http://, par exemple https://www.mission-locale.fr.',
    themes: 'Trop de thèmes : gardez seulement les deux ou trois principaux.',
    partner: 'Choisissez le partenaire de cette permanence.',
    partnerGone: 'Ce partenaire local n’existe plus : il a peut-être été supprimé depuis un autre poste. Choisissez-en un autre.',
    hoursPair: 'Indiquez l’heure de début et l’heure de fin, ou laissez les deux vides.',
    closesAfter: 'L’heure de fin doit être après l’heure de début.',
    startsOn: 'Indiquez la date d’une permanence : le rythme toutes les 2 semaines ou plus est compté à partir de cette semaine.',
    startsOnInvalid: 'Cette date n’est pas valide.',
    endsOn: 'La date de fin doit être le même jour que la date de début ou après.',
    note: 'La remarque fait 200 caractères au plus.',
    byAppointment: 'Une permanence sans date fixe est toujours sur rendez-vous.',
  },
  formInvalid: 'Le formulaire contient une erreur : corrigez le champ signalé, puis enregistrez à nouveau.',
  formInvalidCount: (n: number) => `Le formulaire contient ${n} erreurs : corrigez les champs signalés, puis enregistrez à nouveau.`,
  formRefused: 'Le serveur a refusé ce formulaire. Vérifiez les champs, puis enregistrez à nouveau.',
  formOffline: 'Vous êtes hors ligne : vos saisies sont conservées, réessayez une fois reconnecté.',
  formServer: 'Le service ne répond pas : vos saisies sont conservées, réessayez dans quelques minutes.',
  formGone: 'Cette ligne n’existe plus : elle a peut-être été supprimée depuis un autre poste. La liste a été mise à jour.',
  formConflict:
    'Un envoi précédent de ce formulaire a déjà été enregistré avec d’autres valeurs. La liste a été mise à jour : vérifiez-la, puis modifiez la ligne si besoin.',
  removeOffline: 'Vous êtes hors ligne : rien n’a été supprimé. Réessayez une fois reconnecté.',
  removeServer: 'Le service ne répond pas : rien n’a été supprimé. Réessayez dans quelques minutes.',

  /** Used when the partner catalogue cannot be loaded (offline without a saved copy). */
  nationalFallback: {
    'france-travail': 'France Travail',
    caf: 'CAF',
    'assurance-maladie': 'Assurance maladie',
    'assurance-retraite': 'Assurance retraite',
    'la-poste': 'La Poste',
    msa: 'MSA',
    interieur: 'Ministère de l’Intérieur',
    justice: 'Justice',
    'finances-publiques': 'Finances publiques',
  } as Record<string, string>,
  unknownPartner: 'Partenaire supprimé',
};

export type PartnerEditorStrings = typeof partnerEditorFr;
