import type { Locale } from '@fs-widgets/core';

const tag = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');
/** French writes the first of the month "1er". */
const firstOfMonth = (text: string, locale: Locale) => (locale === 'fr' ? text.replace(/^1 /, '1er ') : text);

/** An instant as a day, "7 décembre 2026", in the site's time zone (the day its agents lived it). */
export function longDate(iso: string, locale: Locale, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(tag(locale), { dateStyle: 'long', ...(timeZone ? { timeZone } : {}) });
  } catch {
    format = new Intl.DateTimeFormat(tag(locale), { dateStyle: 'long' });
  }
  return firstOfMonth(format.format(date), locale);
}

/** A local date (YYYY-MM-DD) as "24 décembre", "1er janvier", with the year when it is not `year`. */
export function dayText(date: string, locale: Locale, year?: number): string {
  const d = new Date(`${date.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  const withYear = year !== undefined && d.getUTCFullYear() !== year;
  const out = new Intl.DateTimeFormat(tag(locale), {
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
  return firstOfMonth(out.format(d), locale);
}

/** A day (YYYY-MM-DD) in a time zone (the site's: an access's last day is the site's). */
export function localDay(instant: Date, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
  try {
    // en-CA writes dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { ...options, ...(timeZone ? { timeZone } : {}) }).format(instant);
  } catch {
    return new Intl.DateTimeFormat('en-CA', options).format(instant);
  }
}

/** The last valid day of an access: its `expires_at` is the midnight that ends it, in the site's time zone. */
export function lastDayOf(expiresAt: string | null, timeZone?: string): string {
  if (!expiresAt) return '';
  const at = new Date(Date.parse(expiresAt) - 1000);
  return Number.isNaN(at.getTime()) ? '' : localDay(at, timeZone);
}
