/**
 * The agents' export of a site's answers as CSV (RFC 4180), meant to be opened in a
 * spreadsheet. Comments are free text typed by anyone: each field goes through `csvField`
 * (http/tabular.ts, the one copy of the quoting and formula-injection rule).
 */
import { csvField } from '../http/tabular.js';

export { csvField };

export const FEEDBACK_CSV_COLUMNS = ['answered_at', 'channel', 'rating', 'resolved', 'comment'] as const;

export type FeedbackCsvRow = Record<(typeof FEEDBACK_CSV_COLUMNS)[number], string | null>;

/** The whole file: the header, then one line per answer, CRLF-terminated as RFC 4180 says. */
export function feedbackCsv(rows: FeedbackCsvRow[]): string {
  const lines = [FEEDBACK_CSV_COLUMNS.join(','), ...rows.map((row) => FEEDBACK_CSV_COLUMNS.map((c) => csvField(row[c])).join(','))];
  return lines.map((line) => `${line}\r\n`).join('');
}
