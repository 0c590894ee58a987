import type { DayKey, SiteKind } from '@fs-widgets/contract';
import type { HolidayKey } from '../opening-hours/holidays.js';

/**
 * The French strings of every widget: the reference table. Other locales must provide the same
 * keys (the `Strings` type checks it). Plain French, saying what to do next.
 */
export const fr = {
  locale: 'fr-FR',
  common: {
    loading: 'Chargement…',
    retry: 'Réessayer',
    offlineTitle: 'Vous êtes hors ligne',
    offlineNoData: 'Ces informations ne sont pas encore enregistrées sur cet appareil. Vérifiez votre connexion à Internet, puis réessayez.',
    offlineStale: (savedOn: string) =>
      `Vous êtes hors ligne : informations enregistrées le ${savedOn}. Elles ont pu changer depuis.`,
    errorTitle: 'Affichage impossible pour le moment',
    errorBody: 'Le service ne répond pas. Réessayez dans quelques minutes.',
    source: (attribution: string) => `Source : ${attribution}`,
  },
  days: {
    mo: 'lundi', tu: 'mardi', we: 'mercredi', th: 'jeudi', fr: 'vendredi', sa: 'samedi', su: 'dimanche',
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
  siteCard: {
    label: 'Votre France services',
    noSiteTitle: 'Aucune France services choisie',
    noSiteBody: 'Indiquez l’identifiant de la France services dans l’attribut site-id (le configurateur vous le donne).',
    notFoundTitle: 'France services introuvable',
    notFoundBody: (id: string) =>
      `Aucune France services ne porte l’identifiant « ${id} ». Elle a peut-être fermé ou changé d’identifiant : vérifiez le code d’intégration.`,
    address: 'Adresse',
    phone: 'Téléphone',
    phoneLink: (phone: string) => `Appeler le ${phone}`,
    email: 'Courriel',
    emailLink: (email: string) => `Écrire à ${email}`,
    appointmentYes: 'Sur place ou sur rendez-vous',
    appointmentNo: 'Accueil sans rendez-vous',
    itinerant: 'Itinérante : bus ou permanences dans plusieurs communes. Vérifiez le lieu et le jour avant de vous déplacer.',
    comment: 'À savoir',
    hoursTitle: 'Horaires',
  },
};

export type Strings = typeof fr;
