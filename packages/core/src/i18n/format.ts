import type { Locale } from './locale.js';

/** "9 h", "9 h 30", "14 h" in French; "9:30 am" in English. */
export function formatClockTime(hhmm: string, locale: Locale): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  if (locale === 'fr') return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
  const suffix = h < 12 || h === 24 ? 'am' : 'pm';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${h12} ${suffix}` : `${h12}:${String(m).padStart(2, '0')} ${suffix}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** "800 m", "1,2 km", "12 km". */
export function formatDistance(km: number, locale: Locale): string {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const key = `${tag}:${km < 1 ? 'm' : km < 10 ? 'km1' : 'km0'}`;
  let format = numberFormats.get(key);
  if (!format) {
    format =
      km < 1
        ? new Intl.NumberFormat(tag, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 })
        : new Intl.NumberFormat(tag, { style: 'unit', unit: 'kilometer', maximumFractionDigits: km < 10 ? 1 : 0 });
    numberFormats.set(key, format);
  }
  return format.format(km < 1 ? Math.round((km * 1000) / 10) * 10 : km);
}

/** A calendar date (YYYY-MM-DD) as "27/11/2026" or "27 Nov 2026". */
export function formatDate(date: string | Date, locale: Locale): string {
  const d = typeof date === 'string' ? new Date(`${date}T12:00:00Z`) : date;
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: locale === 'fr' ? 'short' : 'medium',
    timeZone: typeof date === 'string' ? 'UTC' : undefined,
  }).format(d);
}

/**
 * A `tel:` link for a number as published ("04 50 56 87 49" → "tel:0450568749"). Kept in the
 * national format: every number in the list is French, and it dials as written from any French
 * phone, overseas included, where a guessed international prefix could be wrong.
 */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/**
 * A calendar date (YYYY-MM-DD) as "Vendredi 27 novembre" ("Mardi 1er décembre") or "Friday 27
 * November"; inside a sentence (`inSentence`), "vendredi 27 novembre" as French writes it.
 */
export function formatDayAndDate(date: string, locale: Locale, { inSentence = false } = {}): string {
  const text = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
  // French writes the first of the month as an ordinal: "mardi 1er décembre".
  const french = locale === 'fr' ? text.replace(/(^|\s)1(\s)/, '$11er$2') : text;
  return inSentence ? french : french.charAt(0).toUpperCase() + french.slice(1);
}
