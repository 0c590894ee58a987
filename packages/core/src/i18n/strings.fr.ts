import type { DayKey, OutreachKind, OutreachOffer, SiteKind, SiteOffer } from '@fs-widgets/contract';
import type { HolidayKey } from '@fs-widgets/opening-hours';

/**
 * The core's part of the strings table, French: the reference table of the words every widget
 * shares (loading and error states, days, public holidays, kinds of site, opening hours,
 * permanences). Each widget package registers its own texts as a part of its own
 * (`registerStrings`). Other locales must provide the same keys (the `Strings` type checks it).
 * Plain French, saying what to do next.
 */
export const fr = {
  locale: 'fr-FR',
  common: {
    loading: 'Chargement…',
    retry: 'Réessayer',
    offlineTitle: 'Vous êtes hors ligne',
    offlineNoData:
      'Ces informations ne sont pas encore enregistrées sur cet appareil. Vérifiez votre connexion à Internet, puis réessayez.',
    offlineStale: (savedOn: string) => `Vous êtes hors ligne : informations enregistrées le ${savedOn}. Elles ont pu changer depuis.`,
    errorTitle: 'Affichage impossible pour le moment',
    errorBody: 'Le service ne répond pas. Réessayez dans quelques minutes.',
    source: (attribution: string) => `Source : ${attribution}`,
  },
  days: {
    mo: 'lundi',
    tu: 'mardi',
    we: 'mercredi',
    th: 'jeudi',
    fr: 'vendredi',
    sa: 'samedi',
    su: 'dimanche',
  } satisfies Record<DayKey, string>,
  holidays: {
    'new-year': 'Jour de l’an',
    'good-friday': 'Vendredi saint',
    'easter-monday': 'Lundi de Pâques',
    'labour-day': 'Fête du Travail',
    'victory-1945': 'Victoire 1945',
    ascension: 'Ascension',
    'whit-monday': 'Lundi de Pentecôte',
    'bastille-day': 'Fête nationale',
    assumption: 'Assomption',
    'all-saints': 'Toussaint',
    armistice: 'Armistice 1918',
    christmas: 'Noël',
    'st-stephen': 'Saint-Étienne',
    'abolition-of-slavery': 'Abolition de l’esclavage',
  } satisfies Record<HolidayKey, string>,
  kinds: {
    fixed: 'France services',
    antenna: 'Antenne France services',
    multisite: 'France services multisite',
    bus: 'Bus France services',
    roaming: 'France services itinérante',
  } satisfies Record<SiteKind, string>,
  hours: {
    openNow: 'Ouvert',
    closedNow: 'Fermé',
    closesAt: (time: string) => `ferme à ${time}`,
    reopensAt: (time: string) => `rouvre à ${time}`,
    opensToday: (time: string) => `ouvre aujourd’hui à ${time}`,
    opensTomorrow: (time: string) => `ouvre demain à ${time}`,
    opensOn: (day: string, time: string) => `ouvre ${day} à ${time}`,
    noNextOpening: 'aucune ouverture prévue dans les 14 prochains jours',
    holidayToday: 'jour férié',
    closedDay: 'Fermé',
    holidayClosed: 'Fermé (jour férié)',
    unknown: 'Horaires non communiqués : appelez avant de vous déplacer.',
    tableCaption: 'Horaires des 7 prochains jours',
    dayColumn: 'Jour',
    hoursColumn: 'Horaires',
    today: 'aujourd’hui',
    rangeSeparator: ' et ',
    range: (opens: string, closes: string) => `${opens} – ${closes}`,
  },
  /**
   * The typed offers a site publishes (`SITE_OFFERS`, issue 16): one table for the agents'
   * checkboxes (`<fs-site-admin>`) and the public widgets that show and filter them.
   */
  offers: {
    'point-justice': 'Point justice',
    telemedicine: 'Cabine de téléconsultation',
    'information-jeunesse': 'Information jeunesse',
    'conseiller-numerique': 'Conseiller numérique',
    'wheelchair-access': 'Accessible en fauteuil roulant',
    'self-service-computer': 'Ordinateur et imprimante en libre-service',
    'free-wifi': 'Wi-Fi gratuit',
  } satisfies Record<SiteOffer, string>,
  /**
   * Exceptional closures and hours a site publishes (issue 16), said the same way by every public
   * widget (`exception-text.ts`): « Fermé exceptionnellement du 24 décembre au 2 janvier (congés)
   * — réouverture le lundi 4 janvier à 9 h », « Horaires exceptionnels le 24 décembre : 9 h – 12 h
   * (veille de Noël) ».
   */
  exceptions: {
    closed: 'Fermé exceptionnellement',
    hours: 'Horaires exceptionnels',
    today: 'aujourd’hui',
    on: (date: string) => `le ${date}`,
    fromTo: (from: string, to: string) => `du ${from} au ${to}`,
    /** The period, then the hours of an exceptional opening: « le 24 décembre : 9 h – 12 h ». */
    withHours: (period: string, hours: string) => `${period} : ${hours}`,
    reason: (reason: string) => `(${reason})`,
    reopensToday: (time: string) => `réouverture aujourd’hui à ${time}`,
    reopensTomorrow: (time: string) => `réouverture demain à ${time}`,
    reopensOn: (date: string, time: string) => `réouverture le ${date} à ${time}`,
    noReopening: 'pas de réouverture annoncée dans les 14 jours suivants',
    /** A day of the week's table closed by an exception. */
    dayClosed: 'Fermé exceptionnellement',
    upcomingTitle: 'Fermetures et horaires exceptionnels',
  },
  /** What a site says of itself (issue 16). */
  siteInfo: {
    verifiedOn: (date: string) => `Informations vérifiées le ${date}`,
    hoursFromSite: 'Horaires publiés par la France services elle-même.',
  },
  /** A bus's stops and permanences held in other communes (issue 16). */
  stops: {
    nextAt: (commune: string, when: string) => `Prochain passage à ${commune} : ${when}`,
    none: 'Aucun passage prévu dans les 4 prochaines semaines',
    noneAt: (commune: string) => `Aucun passage prévu à ${commune} dans les 4 prochaines semaines`,
    /** The same for a permanence the site holds in another commune. */
    nextPermanenceAt: (commune: string, when: string) => `Prochaine permanence à ${commune} : ${when}`,
    nonePermanenceAt: (commune: string) => `Aucune permanence prévue à ${commune} dans les 4 prochaines semaines`,
    /** « mardi 9 h – 12 h », « demain 9 h – 12 h », « mardi 22 décembre, 9 h – 12 h ». */
    session: (day: string, hours: string, withDate: boolean) => (withDate ? `${day}, ${hours}` : `${day} ${hours}`),
    today: 'aujourd’hui',
    tomorrow: 'demain',
    kinds: { 'bus-stop': 'Arrêt du bus', permanence: 'Permanence' } satisfies Record<OutreachKind, string>,
    offers: {
      'france-services': 'Toute l’offre France services',
      partner: 'Permanence d’un partenaire',
      'conseiller-numerique': 'Conseiller numérique',
    } satisfies Record<OutreachOffer, string>,
    /** A partner's permanence at a stop, the partner named: « Permanence d’un partenaire : CAF ». */
    partnerNamed: (name: string) => `Permanence d’un partenaire : ${name}`,
  },
  /** A permanence in plain words (`permanence-text.ts`); days in week order, their names from `days`. */
  permanences: {
    weekly: (days: string[], interval: number) =>
      interval === 1
        ? `Chaque ${list(days)}`
        : interval === 2 && days.length === 1
          ? `Un ${days[0]} sur deux`
          : `Toutes les ${interval} semaines, ${list(days.map((d) => `le ${d}`))}`,
    /** Every weekday takes an s in the plural: "Les 2e et 4e mardis du mois". */
    monthly: (ordinals: string[], day: string) =>
      ordinals.length === 1 ? `Le ${ordinals[0]} ${day} du mois` : `Les ${list(ordinals)} ${day}s du mois`,
    /** 1 to 5, or -1 for the last one of the month. */
    ordinal: (n: number) => (n < 0 ? 'dernier' : n === 1 ? '1er' : `${n}e`),
    appointment: 'Sur rendez-vous',
    /** One-off dates, already written out: "Le 03/12/2026 et le 17/12/2026". */
    dates: (dates: string[]) => list(dates.map((d, i) => (i === 0 ? `Le ${d}` : `le ${d}`))),
    byAppointment: 'sur rendez-vous',
    from: (date: string) => `à partir du ${date}`,
    until: (date: string) => `jusqu’au ${date}`,
    next: (dates: string[]) => `Prochaines dates : ${list(dates)}.`,
    noNext: 'Aucune date prévue dans les quatre prochains mois.',
  },
};

/** "mardi et jeudi", "lundi, mardi et jeudi". */
function list(items: string[]): string {
  return new Intl.ListFormat('fr-FR').format(items);
}

export type Strings = typeof fr;
