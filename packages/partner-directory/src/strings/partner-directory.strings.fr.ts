import type { HelpMode } from '@fs-widgets/contract/codes';

/**
 * The texts of `<fs-partner-directory>`, French (bundled). The English ones are fetched on
 * demand. The catalogue's own texts (titles, summaries, themes, partners' descriptions) come
 * with the data, in French and English; documents and help notes are in French only.
 */
export const partnerDirectoryFr = {
  partnerDirectory: {
    title: 'Vos démarches : qui peut vous aider ?',
    intro:
      'Dites ce que vous voulez faire : vous saurez qui s’en occupe, quoi apporter, et si l’agent France services peut vous aider sur place.',
    searchLabel: 'Que voulez-vous faire ?',
    searchHint: 'Par exemple : renouveler ma carte d’identité, RSA, ma retraite, impôts, carte grise.',
    searchButton: 'Rechercher',
    clearSearch: 'Effacer la recherche',
    resultsHeading: (query: string) => `Démarches pour « ${query} »`,
    resultsCount: (n: number, query: string) =>
      n === 0
        ? `Aucune démarche trouvée pour « ${query} ».`
        : n === 1
          ? `1 démarche trouvée pour « ${query} ».`
          : `${n} démarches trouvées pour « ${query} », les plus proches de votre demande d’abord.`,
    partnerHits: 'Partenaire concerné :',
    seePartner: (name: string) => `Voir la fiche ${name}`,
    browseThemes: 'Parcourir par thème',
    browsePartners: 'Les partenaires nationaux',
    partnersIntro: 'Dans chaque France services, les agents vous aident pour les démarches des neuf partenaires nationaux de la charte.',
    demarcheCount: (n: number) => (n === 0 ? 'aucune démarche' : n === 1 ? '1 démarche' : `${n} démarches`),
    back: 'Retour',
    details: 'Détail',
    partnersLabel: (n: number): string => (n > 1 ? 'Partenaires :' : 'Partenaire :'),
    help: {
      counter: 'Faisable avec l’agent France services',
      'counter-then-partner': 'Préparé avec l’agent, terminé chez le partenaire',
      partner: 'Chez le partenaire ou sur rendez-vous',
    } satisfies Record<HelpMode, string>,
    documentsTitle: 'Ce qu’il faut apporter',
    noDocuments: 'Pas de document particulier.',
    frenchOnly: '',
    online: 'En ligne :',
    newTab: (label: string) => `${label} (site officiel, nouvel onglet)`,
    source: 'Source :',
    sourceLink: (host: string) => `${host} (page source, nouvel onglet)`,
    handles: 'Ce dont il s’occupe',
    website: 'Site officiel',
    websiteLabel: (name: string) => `Site officiel de ${name} (nouvel onglet)`,
    onlineServices: 'Services en ligne',
    partnerDemarches: 'Démarches courantes',
    noDemarches: 'Pas encore de démarche décrite pour ce partenaire.',
    themeDemarches: (n: number) =>
      n === 0 ? 'Pas encore de démarche décrite pour ce thème.' : n === 1 ? '1 démarche.' : `${n} démarches.`,
    emptyTitle: (query: string) => `Aucune démarche ne correspond à « ${query} »`,
    emptySpelling: 'Vérifiez l’orthographe, ou essayez un mot plus court ou plus courant.',
    emptyExamples: 'Essayez par exemple :',
    examples: ['impôts', 'carte grise', 'retraite', 'RSA', 'chômage'],
    emptyBrowse: 'Ou parcourez les démarches par thème :',
    emptyCallSite: (name: string) => `Ou appelez ${name} : un agent vous orientera.`,
    emptyCallNearest: 'Ou contactez la France services la plus proche : un agent vous orientera.',
    locator: 'Trouver la France services la plus proche',
    locatorIntro: 'Un agent France services vous accompagne gratuitement dans ces démarches, près de chez vous.',
    updatedOn: (date: string) => `Catalogue mis à jour le ${date}.`,
    independent: 'Projet indépendant, ce n’est pas un site officiel de l’État : vérifiez sur le site officiel avant de vous déplacer.',
    site: {
      kicker: 'Votre France services',
      national: 'Les agents vous aident pour les démarches des neuf partenaires nationaux :',
      local: 'Partenaires locaux',
      permanences: 'Prochaines permanences',
      noPermanences: 'Aucune permanence annoncée pour le moment : renseignez-vous à l’accueil.',
      call: 'Une question ? Appelez la France services :',
      phoneLink: (phone: string) => `Appeler la France services au ${phone}`,
      localPhone: (name: string, phone: string) => `Appeler ${name} au ${phone}`,
      localWebsite: (host: string, name: string) => `${host} : site de ${name} (nouvel onglet)`,
      unavailable: 'Les informations de cette France services ne sont pas disponibles pour le moment.',
      notFound: (id: string) => `Aucune France services ne porte l’identifiant « ${id} » : vérifiez le code d’intégration.`,
    },
  },
};

export type PartnerDirectoryStrings = typeof partnerDirectoryFr;
