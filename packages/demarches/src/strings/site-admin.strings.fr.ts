/**
 * The texts of `<fs-site-admin>`, French (bundled). The English ones are fetched on demand.
 * Written for the secretaries and managers of a France services: plain words, what to do next.
 * The offers' labels are the core's (`offers`), shared with the public widgets.
 */
export const siteAdminFr = {
  title: 'Administration de votre France services',
  titleOf: (name: string) => `Administration : ${name}`,
  noSiteTitle: 'Administration non configurée',
  noSiteBody: 'Indiquez l’identifiant de la France services dans l’attribut site-id, par exemple site-id="2983".',

  /**
   * The sign-in's words of its own: its title, what the token is for, and the refusals worded for
   * a manager (whom to ask, « administrer »). The rest is the core's `agentAccess`.
   */
  tokenTitle: 'Jeton d’accès',
  tokenBody:
    'Pour tenir à jour les informations de votre France services, collez le jeton d’agent ou de responsable qui vous a été donné. Il reste enregistré sur cet appareil, pour cette France services, et sert aussi aux autres outils des agents.',
  unauthorizedBody:
    'Le serveur refuse ce jeton : il est invalide, a expiré ou a été révoqué. Demandez-en un nouveau au responsable de votre France services.',
  forbiddenBody: (site: string) =>
    `Ce jeton est celui d’une autre France services : il ne permet pas d’administrer la France services n° ${site}. Collez le jeton de cette France services.`,
  signedInAs: (label: string, role: string) => `Connecté : ${label} (${role})`,
  roles: { agent: 'agent', manager: 'responsable', admin: 'administrateur du réseau' } as Record<string, string>,

  loading: 'Chargement des informations de la France services…',
  offlineTitle: 'Vous êtes hors ligne',
  offlineBody: 'Vérifiez votre connexion à Internet, puis réessayez.',
  errorTitle: 'Informations indisponibles pour le moment',
  errorBody: 'Le service ne répond pas. Réessayez dans quelques minutes.',
  notFoundTitle: 'France services introuvable',
  notFoundBody: (site: string) => `Aucune France services n’a l’identifiant ${site}. Vérifiez l’attribut site-id.`,
  retry: 'Réessayer',
  savedOffline: 'Vous êtes hors ligne : rien n’a été envoyé. Votre saisie est conservée ; réessayez une fois reconnecté.',
  savedServer: 'Le service ne répond pas : rien n’a été enregistré. Votre saisie est conservée ; réessayez dans quelques minutes.',
  queued:
    'Vous êtes hors ligne (ou le service ne répond pas) : c’est enregistré sur cet appareil et sera envoyé dès le retour de la connexion. Laissez cette page ouverte ou revenez-y.',
  pendingList: (what: string) => `En attente d’envoi depuis cet appareil : ${what}. Envoi dès le retour de la connexion.`,
  pendingSent: 'Les modifications en attente ont été envoyées.',
  refusedLater: (what: string) =>
    `Le serveur a refusé une modification enregistrée hors ligne (${what}). Vérifiez ce qui est affiché, puis enregistrez à nouveau.`,
  refused: 'Le serveur a refusé ces informations. Vérifiez-les, puis réessayez.',

  nav: 'Sections',
  sections: {
    verify: 'Informations vérifiées',
    hours: 'Horaires de la semaine',
    closures: 'Fermetures et horaires exceptionnels',
    outreach: 'Tournées et permanences',
    offers: 'Services proposés',
    access: 'Accès des agents',
    history: 'Historique',
  },
  editorLoading: 'Chargement de l’éditeur…',
  editorUnavailable: 'Cette partie n’est pas encore disponible ici. Réessayez plus tard.',

  // Verification (« Informations vérifiées le … » is the core's `siteInfo.verifiedOn`, as the public reads it).
  neverVerified: 'Jamais vérifiées',
  verifyHint:
    'Relisez les horaires, les fermetures, les tournées et les services proposés. S’ils sont justes, confirmez-le : le public voit la date de la dernière vérification.',
  verify: 'Je confirme que les informations sont à jour',
  verifying: 'Envoi…',
  verified: (date: string) => `Merci : informations vérifiées le ${date}.`,

  // Weekly hours.
  hoursFromSite:
    'Ces horaires ont été publiés par votre France services. Une nouvelle importation de la liste de l’ANCT ne les remplacera pas.',
  hoursFromAnct:
    'Ces horaires viennent de la liste de l’ANCT. Dès que vous les enregistrez ici, ce sont les vôtres : une nouvelle importation de la liste ne les remplacera pas.',
  closedDay: 'Fermé ce jour-là',
  range: (n: number) => `Plage ${n}`,
  opens: 'Ouverture',
  closes: 'Fermeture',
  rangeOf: (day: string, n: number) => `${day}, plage ${n}`,
  addRange: 'Ajouter une plage horaire',
  removeRange: 'Retirer cette plage',
  maxRanges: 'Six plages au plus par jour.',
  saveHours: 'Enregistrer les horaires',
  saving: 'Enregistrement…',
  hoursSaved: 'Horaires enregistrés. Le public les voit désormais.',
  hoursInvalid: 'Certaines plages sont à corriger : voyez les messages ci-dessous.',
  hourErrors: {
    missing: 'Indiquez l’heure d’ouverture et l’heure de fermeture.',
    order: 'L’heure de fermeture doit être après l’heure d’ouverture.',
    overlap: 'Cette plage chevauche la précédente : elle doit commencer après sa fermeture.',
    server: 'Le serveur refuse cette plage : vérifiez les heures.',
  },

  // Offers.
  offersHint: 'Cochez ce que votre France services propose au public. Le public peut chercher une France services selon ces services.',
  saveOffers: 'Enregistrer les services proposés',
  offersSaved: 'Services proposés enregistrés.',

  // Access (managers).
  accessHint:
    'Chaque agent a son propre accès : vous le reconnaissez à son nom, et vous pouvez le révoquer à tout moment sans toucher aux autres.',
  accessLoading: 'Chargement des accès…',
  accessEmpty: 'Aucun accès pour l’instant.',
  accessColumns: { label: 'Nom', role: 'Rôle', state: 'État', created: 'Créé le', expires: 'Dernier jour', used: 'Dernière utilisation' },
  states: { active: 'actif', expired: 'expiré', revoked: 'révoqué' } as Record<string, string>,
  pair: (name: string, value: string) => `${name} : ${value}`,
  createdBy: (label: string) => `par ${label}`,
  never: 'jamais',
  noExpiry: 'sans fin',
  you: '(vous)',
  newAccess: 'Créer l’accès d’un agent',
  accessLabel: 'Nom de l’accès',
  accessLabelHint: 'Pour le reconnaître : « accueil », « Mme Martin — bus ».',
  accessExpires: 'Dernier jour de validité',
  accessExpiresHint: 'Facultatif : laissez vide pour un accès sans date de fin.',
  create: 'Créer l’accès',
  creating: 'Création…',
  labelMissing: 'Donnez un nom à cet accès (100 caractères au plus).',
  expiryPast: 'Choisissez une date à venir, ou laissez vide.',
  tokenOnce: (label: string) => `Accès « ${label} » créé. Voici son jeton :`,
  tokenOnceWarning:
    'Copiez-le maintenant et donnez-le à son titulaire : il ne pourra plus être affiché. S’il est perdu, révoquez cet accès et créez-en un autre.',
  copy: 'Copier le jeton',
  copied: 'Jeton copié.',
  copyFailed: 'La copie a échoué : sélectionnez le jeton et copiez-le vous-même.',
  done: 'J’ai copié le jeton',
  rename: 'Renommer',
  changeExpiry: 'Changer le dernier jour',
  revoke: 'Révoquer',
  save: 'Enregistrer',
  cancel: 'Annuler',
  about: (what: string) => ` : ${what}`,
  renamed: (label: string) => `Accès renommé « ${label} ».`,
  expiryChanged: (label: string) => `Dernier jour de l’accès « ${label} » enregistré.`,
  confirmRevoke: (label: string) => `Révoquer l’accès « ${label} » ?`,
  confirmRevokeHint: 'Son jeton ne fonctionnera plus, sur aucun appareil. Cela ne peut pas être annulé.',
  confirmYes: 'Oui, révoquer',
  revoked: (label: string) => `L’accès « ${label} » est révoqué.`,
  managerOnly: 'Cette partie est réservée au responsable de la France services.',

  // History (managers).
  historyHint: 'Chaque modification des informations publiques de votre France services, de la plus récente à la plus ancienne.',
  historyLoading: 'Chargement de l’historique…',
  historyEmpty: 'Aucune modification enregistrée pour l’instant.',
  loadMore: 'Charger plus',
  historyEnd: 'C’est le début de l’historique.',
  /** "accueil — 7 décembre 2026 à 14:30". */
  when: (date: string) => `le ${date}`,
  /** Each change as a sentence after its author's label: « accueil a fermé le site le 24 décembre (congés) ». */
  history: {
    cli: 'ligne de commande',
    import: 'importation',
    verified: 'a confirmé que les informations sont à jour',
    /** Each day changed: « du mardi : 9 h – 12 h → 9 h – 12 h 30 ». */
    hoursDay: (day: string, before: string, after: string) => `du ${day} : ${before} → ${after}`,
    hoursDays: (days: string[]) => `a modifié les horaires ${days.join(' ; ')}`,
    hoursSaved: 'a enregistré les horaires de la semaine, sans changement',
    closed: 'fermé',
    onDay: (date: string) => `le ${date}`,
    fromTo: (from: string, to: string) => `du ${from} au ${to}`,
    closureCreate: (when: string, reason: string) => `a fermé le site ${when} (${reason})`,
    exceptionalCreate: (when: string, hours: string, reason: string) =>
      `a publié des horaires exceptionnels ${when} : ${hours} (${reason})`,
    closureWhat: (closed: boolean, when: string, reason: string) =>
      closed ? `la fermeture ${when} (${reason})` : `les horaires exceptionnels ${when} (${reason})`,
    closureUpdate: (before: string, after: string) => `a modifié ${before} → ${after}`,
    closureDelete: (what: string) => `a retiré ${what}`,
    stopWhat: (kind: string, name: string, commune: string) =>
      `${kind === 'bus-stop' ? 'l’arrêt' : 'la permanence'} « ${name} »${commune ? ` (${commune})` : ''}`,
    stopCreate: (what: string) => `a ajouté ${what}`,
    stopUpdate: (what: string) => `a modifié ${what}`,
    stopDelete: (what: string) => `a retiré ${what}`,
    offersAdded: (list: string) => `a ajouté aux services proposés : ${list}`,
    offersRemoved: (list: string) => `a retiré des services proposés : ${list}`,
    offersSaved: 'a enregistré les services proposés, sans changement',
    and: ' ; ',
    accessCreate: (role: string, label: string, until: string) =>
      `a créé l’accès ${role} « ${label} »${until ? `, valable jusqu’au ${until}` : ''}`,
    accessRenamed: (before: string, after: string) => `a renommé l’accès « ${before} » en « ${after} »`,
    accessExpiry: (label: string, before: string, after: string) =>
      `a changé le dernier jour de l’accès « ${label} » : ${before} → ${after}`,
    accessRevoke: (label: string) => `a révoqué l’accès « ${label} »`,
    noEnd: 'sans fin',
    localPartner: {
      create: 'a ajouté le partenaire local',
      update: 'a modifié le partenaire local',
      delete: 'a retiré le partenaire local',
    } as Record<string, string>,
    carrier: {
      create: 'a indiqué la structure porteuse',
      update: 'a changé la structure porteuse',
      delete: 'a retiré la structure porteuse',
    } as Record<string, string>,
    permanence: { create: 'a ajouté une permanence', update: 'a modifié une permanence', delete: 'a retiré une permanence' } as Record<
      string,
      string
    >,
    withHours: (what: string, hours: string) => `${what} : ${hours}`,
    quoted: (name: string) => `« ${name} »`,
    other: 'a modifié les informations de la France services',
  },
};

export type SiteAdminStrings = typeof siteAdminFr;
