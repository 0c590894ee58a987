import type { ItinerantStop, StopMatch, StopSession } from '@fs-widgets/contract';
import { addDays } from '@fs-widgets/opening-hours';
import { formatClockTime, formatDayAndDate } from './format.js';
import type { Locale } from './locale.js';
import type { Strings } from './strings.fr.js';

/**
 * The next visits of a bus or of a permanence a site holds in another commune (issue 16), in
 * the words of the core strings' `stops`, so the card, the locator, the banner and the badge say
 * them alike. Apart from `exception-text.ts`: the poster, which says closures, never says these.
 */

/** A stop's next sessions grouped by day (the bus's morning and afternoon at one place), first day first. */
export function sessionDays(sessions: readonly StopSession[]): StopSession[][] {
  const days: StopSession[][] = [];
  for (const session of [...sessions].sort((a, b) => `${a.date} ${a.opens}`.localeCompare(`${b.date} ${b.opens}`))) {
    const last = days.at(-1);
    if (last && last[0]!.date === session.date) last.push(session);
    else days.push([session]);
  }
  return days;
}

/**
 * One day of a stop's sessions from the site's `today`: « aujourd’hui 9 h – 12 h », « demain
 * 9 h – 12 h », « mardi 9 h – 12 h 30 et 13 h 30 – 15 h 30 » within the week, « mardi 22
 * décembre, 9 h – 12 h » beyond.
 */
export function stopSessionText(day: readonly StopSession[], strings: Strings, locale: Locale, today: string): string {
  const w = strings.stops;
  const date = day[0]?.date ?? today;
  const hours = day
    .map((session) => strings.hours.range(formatClockTime(session.opens, locale), formatClockTime(session.closes, locale)))
    .join(strings.hours.rangeSeparator);
  if (date === today) return w.session(w.today, hours, false);
  if (date === addDays(today, 1)) return w.session(w.tomorrow, hours, false);
  if (date < addDays(today, 7)) {
    const weekday = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(`${date}T12:00:00Z`),
    );
    return w.session(weekday, hours, false);
  }
  return w.session(formatDayAndDate(date, locale, { inSentence: true }), hours, true);
}

/**
 * Where a search found a site at one of its stops (`SiteResult.at_stop`), its next day there:
 * « Prochain passage à Tusson : mardi 9 h – 12 h » for a bus, « Prochaine permanence à
 * Gouesnou : mardi 9 h – 12 h » for a permanence, or none planned in the next 4 weeks.
 */
export function stopVisitText(
  stop: StopMatch,
  stops: readonly Pick<ItinerantStop, 'id' | 'kind'>[],
  strings: Strings,
  locale: Locale,
  today: string,
): string {
  const w = strings.stops;
  const permanence = stops.find((s) => s.id === stop.stop_id)?.kind === 'permanence';
  const next = sessionDays(stop.next)[0];
  if (!next) return permanence ? w.nonePermanenceAt(stop.commune) : w.noneAt(stop.commune);
  const when = stopSessionText(next, strings, locale, today);
  return permanence ? w.nextPermanenceAt(stop.commune, when) : w.nextAt(stop.commune, when);
}
