import type { Locale } from '@fs-widgets/core';

/** "12 mars 2026 à 14:30" / "12 Mar 2026, 14:30", in the page's time zone. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/**
 * Today's date, YYYY-MM-DD: in a time zone when one is given (a site's, as the server dates its
 * acts: from 23:00 UTC it is already tomorrow in Paris), else on this device.
 */
export function localToday(now = new Date(), timeZone?: string): string {
  if (timeZone) {
    // en-CA writes dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
