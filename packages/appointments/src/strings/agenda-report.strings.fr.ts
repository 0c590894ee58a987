/**
 * The words of the agenda's « Bilan » (its appointments' figures), in French: their own part of
 * the strings table (`agenda-report`), registered by the report's module, so an agenda that never
 * opens its Bilan never loads them. The column names follow the server's CSV ones.
 */
export const agendaReportFr = {
  report: {
    title: (from: string, to: string) => `Bilan du ${from} au ${to}`,
    intro: 'Les rendez-vous de ce lieu sur la période, par le jour du rendez-vous. Des nombres seulement, rien de personnel.',
    period: 'Période',
    thisMonth: 'Ce mois-ci',
    previousMonth: 'Mois précédent',
    custom: 'D’une date à une autre',
    from: 'Du',
    to: 'Au',
    show: 'Afficher',
    datesError: 'Indiquez deux dates, la première au plus tard le jour de la seconde.',
    loading: 'Calcul du bilan…',
    errorTitle: 'Le bilan ne s’affiche pas pour le moment',
    errorBody: 'Le service ne répond pas. Réessayez dans quelques minutes.',
    offlineTitle: 'Hors ligne',
    offlineBody: 'Pas de connexion : le bilan est calculé par le serveur. Réessayez quand la connexion sera revenue.',
    retry: 'Réessayer',
    empty: 'Aucun rendez-vous sur cette période.',
    emptyHint: 'Choisissez une autre période, ou prenez des rendez-vous depuis la vue « Jour ».',
    totals: 'En tout',
    figures: {
      bookings: 'Rendez-vous',
      honoured: 'Honorés (venus ou faits)',
      no_shows: 'Absences',
      cancelled: 'Annulés',
      pending: 'À venir ou non pointés',
      booked_by_agents: 'Pris par un agent',
      honoured_share: 'Part honorée',
      no_show_share: 'Part d’absences',
      cancelled_share: 'Part annulée',
      median_lead_days: 'Délai médian entre la prise et le rendez-vous',
    },
    days: (n: string) => (n === '1' || n === '0' ? `${n} jour` : `${n} jours`),
    notComputed: (min: number) => `moins de ${min} rendez-vous : part non calculée`,
    leadNotComputed: (min: number) => `moins de ${min} rendez-vous : délai non calculé`,
    noneMarked: 'aucun rendez-vous pointé : part non calculée',
    dashMeans: (min: number) => `« — » : moins de ${min} rendez-vous, part ou délai non calculé (ou aucun rendez-vous pointé).`,
    sharesHint: (min: number) =>
      `Parts honorée et d’absences : sur les rendez-vous pointés (venus, faits ou absents) ; part annulée : sur tous. Parts et délai sont calculés à partir de ${min} rendez-vous.`,
    byReason: 'Par motif',
    byPartner: 'Par partenaire',
    reason: 'Motif',
    partner: 'Partenaire',
    noPartner: 'Sans partenaire',
    localPartner: 'Partenaire local',
    otherReason: 'Autre demande',
    download: 'Télécharger (CSV)',
    downloadOf: (table: string) => ` : ${table.toLowerCase()}`,
    downloading: 'Téléchargement…',
    downloaded: (name: string) => `Fichier ${name} téléchargé.`,
    downloadOffline: 'Pas de connexion : le fichier n’a pas été téléchargé. Réessayez quand la connexion sera revenue.',
    downloadError: 'Le fichier n’a pas pu être téléchargé. Réessayez dans quelques minutes.',
  },
};

export type AgendaReportStrings = typeof agendaReportFr;
