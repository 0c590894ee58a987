/**
 * The agents' export of a site's answers as CSV (RFC 4180), meant to be opened in a
 * spreadsheet. Comments are free text typed by anyone, so two things are defended against:
 * a comma, quote or line break breaking the columns (the field is quoted, quotes doubled), and
 * a comment read as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, tab, carriage return: a
 * leading `'` makes the spreadsheet show it as text — OWASP "CSV injection").
 */
export const FEEDBACK_CSV_COLUMNS = ['answered_at', 'channel', 'rating', 'resolved', 'comment'] as const;

export type FeedbackCsvRow = Record<(typeof FEEDBACK_CSV_COLUMNS)[number], string | null>;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | null): string {
  if (value === null) return '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: the header, then one line per answer, CRLF-terminated as RFC 4180 says. */
export function feedbackCsv(rows: FeedbackCsvRow[]): string {
  const lines = [FEEDBACK_CSV_COLUMNS.join(','), ...rows.map((row) => FEEDBACK_CSV_COLUMNS.map((c) => csvField(row[c])).join(','))];
  return lines.map((line) => `${line}\r\n`).join('');
}
