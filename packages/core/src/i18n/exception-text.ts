import type { ExceptionalHours } from '@fs-widgets/contract';
import { addDays, type NextOpening } from '@fs-widgets/opening-hours';
import { formatClockTime, formatDayAndDate } from './format.js';
import type { Locale } from './locale.js';
import type { Strings } from './strings.fr.js';

/**
 * What a site publishes of itself (issue 16) in the words every public widget uses — its
 * exceptional closures and hours, the date its information was checked — so the card, the
 * locator, the banner, the badge and the poster say it alike. The words are the core strings'
 * `exceptions` and `siteInfo`. The next visit of a bus to a commune is `stop-text.ts` (not the
 * poster's: it ships apart from this, in the embed's `status` chunk).
 */

/** An exception as the widgets read it (`Site.exceptions`; the `id` is not needed). */
export type ExceptionLike = Pick<ExceptionalHours, 'starts_on' | 'ends_on' | 'closed' | 'hours' | 'reason'>;

/** How far ahead the card and the poster list closures and exceptional hours: two months, the time a poster stays up. */
export const UPCOMING_EXCEPTION_DAYS = 60;

/** "24 décembre", "1er janvier", "24 December": a date within the next weeks, without its weekday. */
export function formatDayMonth(date: string, locale: Locale): string {
  const text = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
  return locale === 'fr' ? text.replace(/^1(\s)/, '1er$1') : text;
}

/**
 * An exception in two parts: the glance (« Fermé exceptionnellement », « Horaires
 * exceptionnels ») and the rest (« du 24 décembre au 2 janvier (congés) », « le 24 décembre :
 * 9 h – 12 h (veille de Noël) »). With `today` (the site's local date), a one-day exception of
 * that day says « aujourd’hui »; a printed poster gives no `today` and always says the date.
 */
export function exceptionParts(
  exception: ExceptionLike,
  strings: Strings,
  locale: Locale,
  today?: string,
): { head: string; detail: string } {
  const w = strings.exceptions;
  const single = exception.starts_on === exception.ends_on;
  const period = single
    ? exception.starts_on === today
      ? w.today
      : w.on(formatDayMonth(exception.starts_on, locale))
    : w.fromTo(formatDayMonth(exception.starts_on, locale), formatDayMonth(exception.ends_on, locale));
  const hours = exception.hours
    .map((r) => strings.hours.range(formatClockTime(r.opens, locale), formatClockTime(r.closes, locale)))
    .join(strings.hours.rangeSeparator);
  const when = exception.closed || !hours ? period : w.withHours(period, hours);
  const reason = exception.reason.trim();
  return { head: exception.closed ? w.closed : w.hours, detail: reason ? `${when} ${w.reason(reason)}` : when };
}

/** The whole sentence: « Fermé exceptionnellement aujourd’hui (congés) ». */
export function exceptionText(exception: ExceptionLike, strings: Strings, locale: Locale, today?: string): string {
  const { head, detail } = exceptionParts(exception, strings, locale, today);
  return `${head} ${detail}`;
}

/** After a closure: « réouverture le lundi 4 janvier à 9 h », « réouverture demain à 9 h ». */
export function reopeningText(next: Pick<NextOpening, 'date' | 'time' | 'inDays'> | null, strings: Strings, locale: Locale): string {
  const w = strings.exceptions;
  if (!next) return w.noReopening;
  const time = formatClockTime(next.time, locale);
  if (next.inDays === 0) return w.reopensToday(time);
  if (next.inDays === 1) return w.reopensTomorrow(time);
  return w.reopensOn(formatDayAndDate(next.date, locale, { inSentence: true }), time);
}

/**
 * The exceptions still to come or under way on `today` (the site's local date) that start
 * within `days` days, first one first.
 */
export function upcomingExceptions<E extends ExceptionLike>(
  exceptions: readonly E[] | undefined,
  today: string,
  days = UPCOMING_EXCEPTION_DAYS,
): E[] {
  const last = addDays(today, days);
  return (exceptions ?? [])
    .filter((e) => e.ends_on >= today && e.starts_on <= last)
    .sort((a, b) => a.starts_on.localeCompare(b.starts_on) || a.ends_on.localeCompare(b.ends_on));
}

/** « Informations vérifiées le 7 décembre 2026 », the day in the site's time zone. */
export function verifiedText(verifiedAt: string, strings: Strings, locale: Locale, timeZone: string): string {
  const text = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(new Date(verifiedAt));
  return strings.siteInfo.verifiedOn(locale === 'fr' ? text.replace(/^1(\s)/, '1er$1') : text);
}
