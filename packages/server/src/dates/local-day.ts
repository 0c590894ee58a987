const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of an instant in a time zone, YYYY-MM-DD: the day a write counts on where
 * it happened (23:30 in Saint-Denis de La Réunion is the same day there, not the next day in
 * Paris), and "today" for a period asked in local time.
 */
export function localDay(instant: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant);
}
