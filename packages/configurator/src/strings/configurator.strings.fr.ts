/**
 * The texts of `<fs-configurator>`, French (bundled). The English ones are fetched on demand.
 *
 * `widgets` names and describes each public widget; `attributes` labels each attribute of each
 * public widget, keyed `tag/attribute`, or `* /attribute` (without the space) for an attribute that
 * means the same on every widget. A test (`test/attribute-labels.test.ts`) fails when a public
 * attribute of a public element of the manifest has no French label here.
 */

/** The French label and help of one attribute; `options` names the values of a list. */
export interface AttributeText {
  label: string;
  help: string;
  options?: Record<string, string>;
  /** Shown under "Réglages avancés" (closed by default): rarely needed, or for developers. */
  advanced?: boolean;
  /**
   * A text attribute listing some of `options`, comma-separated: one box to tick per value, all
   * ticked by default; `none` is the value (named in `options` too) that lists none of them.
   * (A text attribute with `options` and no `multiple` is a list to pick one value from.)
   */
  multiple?: { none: string };
}

export interface WidgetText {
  name: string;
  description: string;
}

export const configuratorFr = {
  configurator: {
    loading: 'Chargement de la liste des widgets…',
    errorTitle: 'La liste des widgets n’a pas pu être chargée',
    errorBody: 'Le serveur des widgets ne répond pas. Réessayez dans quelques minutes.',
    offlineTitle: 'Vous êtes hors ligne',
    offlineBody: 'La liste des widgets n’est pas encore enregistrée sur cet appareil. Vérifiez votre connexion à Internet, puis réessayez.',
    offlineStale: (savedOn: string) => `Vous êtes hors ligne : liste des widgets enregistrée le ${savedOn}.`,
    retry: 'Réessayer',
    step: (n: number, title: string) => `${n}. ${title}`,
    widgetStep: 'Choisissez le widget',
    widgetHint: 'Ce que vous voulez montrer aux habitants sur votre site.',
    agentsNote:
      'Les outils des agents (journal des démarches, partenaires locaux et permanences) ne sont pas proposés ici : ils demandent un jeton d’accès et s’installent sur l’intranet ou la tablette de la France services.',
    placeStep: 'Indiquez votre commune',
    placeHint: 'Tapez le nom de votre commune ou son code postal, puis choisissez-la dans la liste.',
    placeChosen: (label: string) => `Commune choisie : ${label}.`,
    /** A commune as the list writes it: « Mende (48000) », « Saint-Denis (93200, 93210, 93380) ». */
    communeLabel: (name: string, postcodes: readonly string[]) =>
      `${name} (${postcodes.length > 3 ? `${postcodes[0]}…` : postcodes.join(', ')})`,
    /** Beside the commune field, when the text left in it is no commune (yet). */
    placeProblem: (why: string) => `Choisissez votre commune dans la liste : ${why}`,
    placeNamesakes: (n: number, name: string) => `${n} communes s’appellent ${name}.`,
    placeSharedPostcode: (n: number, postcode: string) => `${n} communes ont le code postal ${postcode}.`,
    placeNoName: (text: string) => `aucune commune ne s’appelle «\u00a0${text}\u00a0».`,
    placeNoPostcode: (postcode: string) => `aucune commune n’a le code postal ${postcode}.`,
    placeUnavailable: 'la recherche de communes ne répond pas. Réessayez dans un instant.',
    sitesLegend: (commune: string) => `France services les plus proches de ${commune}`,
    sitesHint: 'La plus proche est choisie ; choisissez-en une autre si besoin.',
    siteOption: (name: string, distance: string) => `${name} — à ${distance}`,
    noSite: 'Aucune en particulier',
    nearestAuto: 'La plus proche de la commune, choisie automatiquement',
    sitesHintAuto: 'Par défaut le widget montre la France services la plus proche de la commune ; choisissez-en une pour la fixer.',
    sitesLoading: 'Recherche des France services proches…',
    sitesError:
      'La liste des France services proches n’a pas pu être chargée. Réessayez plus tard, ou indiquez le numéro de la vôtre dans les réglages avancés de l’étape suivante.',
    sitesFound: (n: number, commune: string, nearest: string | null) =>
      `${n === 1 ? '1 France services trouvée' : `${n} France services trouvées`} près de ${commune}.${nearest ? ` La plus proche est choisie : ${nearest}.` : ''}`,
    optionsStep: 'Réglez les options',
    optionsHint: 'Les réglages par défaut conviennent à la plupart des sites.',
    defaultOption: '(par défaut)',
    advanced: 'Réglages avancés',
    defaultValue: (value: string) => `Par défaut : ${value}.`,
    previewStep: 'Vérifiez l’aperçu',
    previewHint: 'Voici le widget tel qu’il apparaîtra sur votre site (dans la police et les couleurs du widget).',
    previewLabel: 'Aperçu du widget',
    previewLoading: 'Chargement de l’aperçu…',
    previewFailed: 'L’aperçu n’a pas pu être chargé. Le code reste valable.',
    skipPreview: 'Passer l’aperçu et aller au code',
    openAlone: 'Voir la page seule (pour l’imprimer ou la montrer)',
    newTab: '(nouvel onglet)',
    codeStep: 'Copiez le code et collez-le dans votre site',
    scriptTitle: 'Code à coller (bloc « HTML » ou « code » de votre site)',
    scriptHint:
      'Collez ces lignes à l’endroit de la page où le widget doit apparaître. Si le widget n’apparaît pas ensuite, votre site a retiré une partie du code : utilisez plutôt le code suivant.',
    scriptLabel: 'Code du widget',
    iframeTitle: 'Si le widget n’apparaît pas : le code dans un cadre (iframe)',
    iframeHint:
      'La première ligne suffit. La seconde, facultative, ajuste la hauteur du cadre à son contenu ; si votre site la retire, le cadre garde sa hauteur par défaut.',
    iframeLabel: 'Code du widget dans un cadre',
    noteTitle: 'Note pour votre prestataire ou votre service informatique',
    noteHint:
      'Si le widget n’apparaît toujours pas, votre site a sans doute une politique de sécurité (Content-Security-Policy) : envoyez cette note à la personne qui s’occupe de votre site.',
    noteLabel: 'Note technique',
    copy: 'Copier',
    copyScript: 'Copier le code',
    copyIframe: 'Copier le code du cadre',
    copyNote: 'Copier la note',
    copied: 'Copié. Collez-le dans votre site (Ctrl+V, ou Cmd+V sur Mac).',
    selected: 'Le code est sélectionné : appuyez sur Ctrl+C (ou Cmd+C sur Mac) pour le copier.',
    copyRefused: 'Choisissez votre commune dans la liste, plus haut : le code n’a pas été copié.',
    goToPlace: 'Aller au choix de la commune',
    releaseMissing:
      'La version figée des widgets n’est pas disponible sur ce serveur : le code utilise la dernière version, sans contrôle d’intégrité.',
    frameTitle: (widget: string, place: string | null) => (place ? `${widget} — ${place}` : widget),
    note: (n: { origin: string; tag: string; version: string | null; scriptPolicy: string; framePolicy: string; map: boolean }) =>
      [
        `Widget <${n.tag}> de France services widgets, servi par ${n.origin}${n.version ? ` (version ${n.version})` : ''}.`,
        '',
        'Variante « script » — directives Content-Security-Policy à ajouter sur la page qui l’accueille :',
        `  ${n.scriptPolicy}`,
        n.map ? '  (img-src : le fond de carte, affiché quand une personne ouvre la carte.)' : null,
        "  Les widgets n’utilisent ni script en ligne, ni eval, ni style en ligne : ni 'unsafe-inline' ni 'unsafe-eval'. Leurs styles sont dans leur Shadow DOM : les styles du site ne les cassent pas.",
        n.version
          ? `  Intégrité (SRI) : l’attribut integrity (sha384) garantit le chargeur fs-widgets.js de la version ${n.version}. Les modules que ce chargeur importe ensuite (chunks/…, nommés d’après leur contenu) sont chargés par le navigateur sans contrôle d’intégrité : les « import maps » avec intégrité ne sont pas encore prises en charge par tous les navigateurs. La page fait donc confiance au serveur des widgets (en HTTPS) pour ces modules ; un serveur compromis pourrait les modifier.`
          : '  Intégrité : ce serveur ne publie pas de version figée ; le code utilise la dernière version, sans attribut integrity.',
        '',
        'Variante « iframe » — directives Content-Security-Policy :',
        `  ${n.framePolicy}`,
        '  (script-src seulement pour le script facultatif qui ajuste la hauteur du cadre.) La page du cadre garde sa propre politique stricte et accepte d’être affichée par tout site (frame-ancestors *).',
        '',
        'Cache et mises à jour :',
        n.version
          ? `  ${n.origin}/widgets/v${n.version}/… ne change jamais (Cache-Control: public, max-age=31536000, immutable) : une page qui l’utilise garde cette version. Pour une nouvelle version, reprenez le code dans le configurateur (${n.origin}/configurateur) ; les versions précédentes restent servies.`
          : null,
        `  ${n.origin}/widgets/fs-widgets.js (sans numéro de version) suit toujours la dernière version, revalidée à chaque chargement, mais ne peut pas porter d’attribut integrity.`,
        '  Les données (/api/v1/…) sont mises en cache 5 minutes par les navigateurs et les CDN ; les widgets gardent une copie sur l’appareil pour le mode hors ligne.',
      ]
        .filter((line): line is string => line !== null)
        .join('\n'),
  },

  widgets: {
    'fs-site-locator': {
      name: 'Trouver une France services',
      description: 'Recherche par commune ou « autour de moi » : distances, temps de trajet, horaires, carte.',
    },
    'fs-site-card': {
      name: 'Votre France services',
      description: 'La fiche d’une France services : adresse, téléphone, ouvert maintenant, horaires de la semaine.',
    },
    'fs-partner-directory': {
      name: 'Quelle démarche, quel partenaire ?',
      description: 'De la démarche au bon partenaire : quoi apporter, ce que l’agent peut faire sur place.',
    },
    'fs-satisfaction': {
      name: 'Votre avis',
      description: 'Une question de satisfaction en quatre niveaux, anonyme, à placer après une démarche.',
    },
    'fs-satisfaction-results': {
      name: 'La satisfaction des usagers',
      description: 'Le résultat publié : part d’usagers satisfaits, nombre d’avis, répartition.',
    },
    'fs-demarche-tracker': {
      name: 'Suivre mon dossier',
      description: 'Une personne suit son dossier avec le code de son reçu, sans donnée personnelle.',
    },
    'fs-booking': {
      name: 'Prendre rendez-vous',
      description: 'Une personne réserve un créneau sans compte, reçoit un code, puis annule ou déplace son rendez-vous avec ce code.',
    },
    'fs-banner': {
      name: 'Bandeau',
      description: 'Un bandeau qui annonce la France services la plus proche.',
    },
    'fs-badge': {
      name: 'Badge',
      description: 'Un petit badge vers la France services la plus proche.',
    },
    'fs-poster': {
      name: 'Affiche à imprimer',
      description: 'Une affiche A4 avec les horaires et un QR code, à imprimer.',
    },
    'fs-key-figures': {
      name: 'Chiffres clés',
      description: 'Les chiffres clés du réseau ou d’une France services.',
    },
  } as Record<string, WidgetText>,

  /** Keyed `tag/attribute`, or `*` + `/attribute` for an attribute that means the same everywhere. */
  attributes: {
    '*/theme': {
      label: 'Apparence',
      help: 'Claire, ou automatique : le widget suit le mode sombre de l’appareil du visiteur.',
      options: { light: 'Claire', auto: 'Automatique (suit le mode sombre)' },
    },
    '*/heading-level': {
      label: 'Niveau du titre',
      help: 'Niveau du titre du widget dans votre page, de 2 à 6 : 2 s’il est juste sous le titre principal, 3 s’il est dans une section.',
      advanced: true,
    },
    '*/lang': {
      label: 'Langue',
      help: 'La langue des textes du widget. Par défaut, celle de votre page.',
      options: { fr: 'Français', en: 'Anglais (English)' },
    },
    '*/api': {
      label: 'Adresse de l’API',
      help: 'Laissez vide : les widgets utilisent le serveur d’où vient le script.',
      advanced: true,
    },

    'fs-site-locator/commune': {
      label: 'Commune de départ',
      help: 'La recherche s’ouvre sur cette commune, choisie à l’étape « commune ».',
    },
    'fs-site-locator/postcode': {
      label: 'Code postal de départ',
      help: 'Seulement si vous n’avez pas choisi de commune : la recherche s’ouvre sur la commune la plus peuplée de ce code postal.',
      advanced: true,
    },
    'fs-site-locator/lat': {
      label: 'Latitude de départ',
      help: 'Avec la longitude, à la place de la commune (degrés décimaux, par exemple 44.518).',
      advanced: true,
    },
    'fs-site-locator/lon': { label: 'Longitude de départ', help: 'Avec la latitude (degrés décimaux, par exemple 3.5).', advanced: true },
    'fs-site-locator/radius': { label: 'Distance maximale (km)', help: 'Jusqu’à 200 km. Vide : pas de limite.' },
    'fs-site-locator/limit': { label: 'Nombre de résultats', help: 'De 1 à 100.', advanced: true },
    'fs-site-locator/view': {
      label: 'Affichage',
      help: 'La liste (accessible à tous) est toujours là ; la carte peut s’ouvrir au-dessus ou à côté.',
      options: { list: 'Liste (la carte s’ouvre à la demande)', map: 'Carte au-dessus de la liste', split: 'Carte et liste côte à côte' },
    },
    'fs-site-locator/filters': {
      label: 'Filtres proposés',
      help: 'Ce que les habitants peuvent choisir au-dessus de la liste. Par défaut : tous.',
      options: {
        'open-now': 'Ouvert maintenant',
        saturday: 'Ouvert le samedi',
        kind: 'Type d’accueil',
        offer: 'Service proposé (point justice, Wi-Fi, partenaire local…)',
        radius: 'Distance maximale',
        none: 'Aucun filtre',
      },
      multiple: { none: 'none' },
      advanced: true,
    },
    'fs-site-locator/geocoder': {
      label: 'Recherche d’adresse (géocodeur)',
      help: 'Adresse d’un service compatible avec la Base Adresse Nationale, par exemple https://api-adresse.data.gouv.fr. Vide : recherche par commune seulement.',
      advanced: true,
    },
    'fs-site-locator/url-prefix': {
      label: 'Préfixe des paramètres d’adresse',
      help: 'Pour placer deux localisateurs sur une même page. Laissez vide sinon.',
      advanced: true,
    },
    'fs-site-locator/no-url-state': {
      label: 'Ne pas modifier l’adresse de la page',
      help: 'Par défaut, la recherche est gardée dans l’adresse de la page (lien partageable, bouton retour).',
      advanced: true,
    },
    'fs-site-locator/tiles': {
      label: 'Fond de carte',
      help: 'OpenStreetMap, ou le Plan IGN.',
      options: { osm: 'OpenStreetMap', 'ign-plan': 'Plan IGN' },
      advanced: true,
    },
    'fs-site-locator/tile-url': {
      label: 'Autre serveur de tuiles',
      help: 'Modèle d’adresse {z}/{x}/{y} d’un autre fond de carte, avec ses crédits ci-dessous.',
      advanced: true,
    },
    'fs-site-locator/tile-attribution': {
      label: 'Crédits de cet autre fond de carte',
      help: 'Obligatoires avec un autre serveur de tuiles.',
      advanced: true,
    },

    'fs-site-card/site-id': {
      label: 'Identifiant de la France services',
      help: 'Numéro de la France services dans la liste nationale (ANCT), par exemple 2983 pour Mende. Rempli à l’étape « commune ».',
    },

    'fs-partner-directory/site-id': {
      label: 'Identifiant de la France services',
      help: 'Ajoute ses partenaires locaux, ses prochaines permanences et son téléphone. Vide : sans France services particulière.',
    },
    'fs-partner-directory/locator-url': {
      label: 'Page pour trouver la France services la plus proche',
      help: 'Adresse d’une page de votre site avec le localisateur, proposée quand aucune France services n’est choisie.',
      advanced: true,
    },
    'fs-partner-directory/query': {
      label: 'Recherche affichée à l’ouverture',
      help: 'Par exemple « impôts » sur une page consacrée aux impôts. Vide : la recherche est vide.',
    },

    'fs-satisfaction/site-id': {
      label: 'Identifiant de la France services',
      help: 'La France services dont on recueille l’avis (obligatoire).',
    },
    'fs-satisfaction/mode': {
      label: 'Usage',
      help: 'Sur une page web, ou en borne (tablette à l’accueil, grands boutons, remise à zéro).',
      options: { inline: 'Page web', kiosk: 'Borne à l’accueil' },
    },
    'fs-satisfaction/channel': {
      label: 'Canal',
      help: 'Où l’avis est donné. Par défaut : selon l’usage choisi.',
      options: { web: 'Sur une page web', kiosk: 'Sur une borne à l’accueil', phone: 'Au téléphone' },
      advanced: true,
    },
    'fs-satisfaction/ask-resolved': {
      label: 'Demander si la demande a été résolue',
      help: 'Ajoute « Votre demande a-t-elle été résolue ? ».',
    },
    'fs-satisfaction/show-site-name': {
      label: 'Afficher le nom de la France services',
      help: 'Au-dessus de la question, sur une page web. Sur une borne, il est toujours affiché.',
    },
    'fs-satisfaction/ask-comment': {
      label: 'Proposer un commentaire',
      help: '500 caractères au plus, avec un rappel de n’écrire aucune donnée personnelle.',
    },
    'fs-satisfaction/idle-timeout': {
      label: 'Borne : retour à la question après (secondes)',
      help: 'Sans toucher l’écran. Par défaut 20 secondes.',
      advanced: true,
    },
    'fs-satisfaction/thanks-duration': {
      label: 'Borne : durée du remerciement (secondes)',
      help: 'Par défaut 5 secondes.',
      advanced: true,
    },
    'fs-satisfaction/press-guard': {
      label: 'Borne : appui ignoré pendant (millisecondes)',
      help: 'Évite les doubles appuis. Par défaut 1 500.',
      advanced: true,
    },

    'fs-satisfaction-results/site-id': {
      label: 'Identifiant de la France services',
      help: 'Vide : le résultat de tout le réseau.',
    },
    'fs-satisfaction-results/from': { label: 'Depuis le', help: 'Date de début (AAAA-MM-JJ). Vide : depuis le premier avis.' },
    'fs-satisfaction-results/to': { label: 'Jusqu’au', help: 'Date de fin (AAAA-MM-JJ). Vide : jusqu’à aujourd’hui.' },
    'fs-satisfaction-results/min-count': {
      label: 'Nombre d’avis minimum',
      help: 'En dessous, aucun résultat n’est publié. Par défaut 30.',
      advanced: true,
    },

    'fs-banner/commune': {
      label: 'Commune',
      help: 'Le bandeau montre la France services la plus proche de cette commune, choisie à l’étape « commune ».',
    },
    'fs-banner/site-id': {
      label: 'Identifiant de la France services',
      help: 'Pour montrer une France services précise plutôt que la plus proche. Vide : la plus proche de la commune.',
    },
    'fs-banner/href': {
      label: 'Adresse du lien',
      help: 'Où mène le bouton, par exemple la page « France services » de votre site. Vide : la page de la France services sur le serveur des widgets.',
    },
    'fs-banner/size': {
      label: 'Format',
      help: 'Les trois formats se rétrécissent avec la colonne, jusqu’aux écrans de téléphone.',
      options: { strip: 'Bande horizontale (comme 728 × 90)', square: 'Carré (comme 300 × 250)', vertical: 'Vertical (comme 160 × 600)' },
    },
    'fs-badge/commune': {
      label: 'Commune',
      help: 'Le badge mène à la France services la plus proche de cette commune, choisie à l’étape « commune ».',
    },
    'fs-badge/site-id': {
      label: 'Identifiant de la France services',
      help: 'Pour une France services précise plutôt que la plus proche. Vide : la plus proche de la commune.',
    },
    'fs-badge/href': {
      label: 'Adresse du lien',
      help: 'Où mène le badge. Vide : la page de la France services sur le serveur des widgets.',
    },
    'fs-poster/site-id': {
      label: 'Identifiant de la France services',
      help: 'La France services de l’affiche (obligatoire) : ses horaires, son adresse, ses partenaires. Remplie à l’étape « commune ».',
    },
    'fs-poster/commune': {
      label: 'Commune du QR code',
      help: 'Avec le QR code vers la recherche : la commune sur laquelle elle s’ouvre, choisie à l’étape « commune ».',
    },
    'fs-poster/qr-target': {
      label: 'Le QR code mène à',
      help: 'La fiche de cette France services, ou la recherche de la plus proche (pour une affiche qui sert aussi aux communes voisines).',
      options: { site: 'La fiche de la France services', locator: 'La recherche de la France services la plus proche' },
    },
    'fs-poster/href': {
      label: 'Autre adresse pour le QR code',
      help: 'Par exemple la page de votre mairie (adresse en http ou https). Vide : l’adresse choisie ci-dessus.',
      advanced: true,
    },
    'fs-poster/logo': {
      label: 'Logo de la mairie (adresse de l’image)',
      help: 'L’adresse en https du logo ou d’une photo de votre mairie, imprimé à côté de l’adresse. Vide : pas de logo.',
    },
    'fs-poster/logo-alt': {
      label: 'Ce que montre le logo',
      help: 'Pour les personnes qui ne le voient pas, par exemple « Mairie de Mende ». Vide : le logo est une simple décoration.',
      advanced: true,
    },
    'fs-key-figures/site-id': {
      label: 'Identifiant de la France services',
      help: 'Les chiffres de cette France services. Vide : ceux de tout le réseau.',
    },
    'fs-key-figures/year': {
      label: 'Année',
      help: 'Une année, par exemple 2025. Vide : l’année en cours, jusqu’à aujourd’hui.',
    },

    'fs-demarche-tracker/code': {
      label: 'Code de suivi affiché à l’ouverture',
      help: 'Laissez vide : chaque personne saisit le code de son reçu.',
      advanced: true,
    },
    'fs-site-locator/booking-url': {
      label: 'Page de prise de rendez-vous',
      help: 'Où mène « Prendre rendez-vous » pour les France services qui prennent des rendez-vous en ligne : l’adresse d’une de vos pages avec le widget « Prendre rendez-vous », {id} y tenant la place de l’identifiant. Vide : la page de rendez-vous du serveur des widgets.',
      advanced: true,
    },
    'fs-site-card/booking-url': {
      label: 'Page de prise de rendez-vous',
      help: 'Où mène « Prendre rendez-vous en ligne » si cette France services en prend : l’adresse d’une de vos pages avec le widget « Prendre rendez-vous », {id} y tenant la place de l’identifiant. Vide : la page de rendez-vous du serveur des widgets ; none : pas de lien.',
      advanced: true,
    },
    'fs-booking/site-id': {
      label: 'Identifiant de la France services',
      help: 'La France services où l’on prend rendez-vous (obligatoire). Ses agents choisissent ce qui peut être réservé.',
    },
    'fs-booking/code': {
      label: 'Code de rendez-vous affiché à l’ouverture',
      help: 'Laissez vide : chaque personne réserve, ou saisit le code de son rendez-vous pour l’annuler ou le déplacer.',
      advanced: true,
    },
  } as Record<string, AttributeText>,
};

export type ConfiguratorStrings = typeof configuratorFr;
