import type { Strings } from './strings.fr.js';

export const en: Strings = {
  locale: 'en-GB',
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    offlineTitle: 'You are offline',
    offlineNoData: 'This information is not saved on this device yet. Check your Internet connection, then try again.',
    offlineStale: (savedOn: string) => `You are offline: information saved on ${savedOn}. It may have changed since.`,
    errorTitle: 'Cannot be shown right now',
    errorBody: 'The service is not answering. Try again in a few minutes.',
    source: (attribution: string) => `Source: ${attribution}`,
  },
  days: {
    mo: 'Monday',
    tu: 'Tuesday',
    we: 'Wednesday',
    th: 'Thursday',
    fr: 'Friday',
    sa: 'Saturday',
    su: 'Sunday',
  },
  holidays: {
    'new-year': 'New Year’s Day',
    'good-friday': 'Good Friday',
    'easter-monday': 'Easter Monday',
    'labour-day': 'Labour Day',
    'victory-1945': 'Victory in Europe Day',
    ascension: 'Ascension Day',
    'whit-monday': 'Whit Monday',
    'bastille-day': 'Bastille Day',
    assumption: 'Assumption Day',
    'all-saints': 'All Saints’ Day',
    armistice: 'Armistice Day',
    christmas: 'Christmas Day',
    'st-stephen': 'St Stephen’s Day',
    'abolition-of-slavery': 'Abolition of Slavery Day',
  },
  kinds: {
    fixed: 'France services',
    antenna: 'France services branch',
    multisite: 'France services (multi-site)',
    bus: 'France services bus',
    roaming: 'Roaming France services',
  },
  hours: {
    openNow: 'Open',
    closedNow: 'Closed',
    closesAt: (time) => `closes at ${time}`,
    reopensAt: (time) => `reopens at ${time}`,
    opensToday: (time) => `opens today at ${time}`,
    opensTomorrow: (time) => `opens tomorrow at ${time}`,
    opensOn: (day, time) => `opens ${day} at ${time}`,
    noNextOpening: 'no opening planned in the next 14 days',
    holidayToday: 'public holiday',
    closedDay: 'Closed',
    holidayClosed: 'Closed (public holiday)',
    unknown: 'Opening hours not published: call before you go.',
    tableCaption: 'Opening hours for the next 7 days',
    dayColumn: 'Day',
    hoursColumn: 'Hours',
    today: 'today',
    rangeSeparator: ' and ',
    range: (opens, closes) => `${opens} – ${closes}`,
  },
  permanences: {
    weekly: (days, interval) =>
      interval === 1 ? `Every ${list(days)}` : interval === 2 ? `Every other ${list(days)}` : `Every ${interval} weeks on ${list(days)}`,
    monthly: (ordinals, day) => `The ${list(ordinals)} ${day}${ordinals.length > 1 ? 's' : ''} of the month`,
    ordinal: (n) => (n < 0 ? 'last' : `${n}${['st', 'nd', 'rd'][n - 1] ?? 'th'}`),
    appointment: 'By appointment',
    byAppointment: 'by appointment',
    from: (date) => `from ${date}`,
    until: (date) => `until ${date}`,
    next: (dates) => `Next dates: ${list(dates)}.`,
    noNext: 'No date planned in the next four months.',
  },
};

/** "Tuesday and Thursday", "Monday, Tuesday and Thursday". */
function list(items: string[]): string {
  return new Intl.ListFormat('en-GB').format(items);
}
