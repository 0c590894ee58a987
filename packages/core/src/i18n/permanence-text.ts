import type { Permanence, PermanenceDate, Recurrence } from '@fs-widgets/contract';
import type { PermanenceRule } from '@fs-widgets/opening-hours';
import { DAY_KEYS } from '@fs-widgets/opening-hours';
import { formatClockTime, formatDate, formatDayAndDate } from './format.js';
import type { Locale } from './locale.js';
import type { Strings } from './strings.fr.js';

/**
 * A recurring permanence of a site in plain words, said the same way by every widget that shows
 * one (the public directory, the agents' editor): "Les 2e et 4e mardis du mois, 9 h – 12 h",
 * "Un lundi sur deux", "Sur rendez-vous", and its next dates as the server computed them. The
 * words are the core strings' `permanences`, `days` and `hours.range`, so one override changes
 * them everywhere.
 */

/** The last one of the month (-1) is said last: "Les 1er et dernier jeudis du mois". */
const monthOrder = (n: number) => (n < 0 ? 6 : n);

/** "Chaque mardi et jeudi", "Un lundi sur deux", "Le dernier jeudi du mois", "Sur rendez-vous". */
export function recurrenceText(recurrence: Recurrence, strings: Strings, locale: Locale = 'fr'): string {
  const words = strings.permanences;
  switch (recurrence.freq) {
    case 'weekly':
      return words.weekly(
        DAY_KEYS.filter((d) => recurrence.days.includes(d)).map((d) => strings.days[d]),
        recurrence.interval,
      );
    case 'monthly':
      return words.monthly(
        [...recurrence.nth].sort((a, b) => monthOrder(a) - monthOrder(b)).map((n) => words.ordinal(n)),
        strings.days[recurrence.day],
      );
    case 'appointment':
      return words.appointment;
    case 'dates':
      return words.dates([...recurrence.dates].sort().map((date) => formatDate(date, locale)));
  }
}

/**
 * The whole rule: "Les 2e et 4e mardis du mois, 9 h – 12 h, sur rendez-vous, à partir du
 * 05/01/2027, jusqu’au 29/06/2027".
 */
export function permanenceText(permanence: PermanenceRule & Pick<Permanence, 'by_appointment'>, strings: Strings, locale: Locale): string {
  const { recurrence, opens, closes, starts_on, ends_on } = permanence;
  const words = strings.permanences;
  const parts = [recurrenceText(recurrence, strings, locale)];
  if (opens && closes) parts.push(strings.hours.range(formatClockTime(opens, locale), formatClockTime(closes, locale)));
  if (permanence.by_appointment && recurrence.freq !== 'appointment') parts.push(words.byAppointment);
  if (starts_on) parts.push(words.from(formatDate(starts_on, locale)));
  if (ends_on) parts.push(words.until(formatDate(ends_on, locale)));
  return parts.join(', ');
}

/** One date as an item of a list: "Mardi 8 décembre, 9 h – 12 h", "Tuesday 8 December, 9 am – 12 pm". */
export function sessionText(session: PermanenceDate, strings: Strings, locale: Locale): string {
  const date = formatDayAndDate(session.date, locale);
  if (!session.opens || !session.closes) return date;
  return `${date}, ${strings.hours.range(formatClockTime(session.opens, locale), formatClockTime(session.closes, locale))}`;
}

/**
 * "Prochaines dates : mardi 8 décembre, mardi 22 décembre et mardi 12 janvier.", or that none is
 * planned; null by appointment, which has no dates by nature.
 */
export function nextDatesText(permanence: Pick<Permanence, 'recurrence' | 'next'>, strings: Strings, locale: Locale): string | null {
  if (permanence.recurrence.freq === 'appointment') return null;
  const words = strings.permanences;
  return permanence.next.length
    ? words.next(permanence.next.map((d) => formatDayAndDate(d.date, locale, { inSentence: true })))
    : words.noNext;
}
