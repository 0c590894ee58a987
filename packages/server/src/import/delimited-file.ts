import { parse } from 'csv-parse/sync';

export interface DelimitedRecord {
  /** 1-based line where the record starts in the file (a record may span several lines). */
  line: number;
  values: Record<string, string>;
}

export interface ParseIssue {
  line: number;
  message: string;
}

export interface DelimitedFile {
  separator: ',' | ';';
  columns: string[];
  records: DelimitedRecord[];
  issues: ParseIssue[];
}

/**
 * Picks the separator from the header line: the ANCT list was published comma-separated,
 * later releases are semicolon-separated with the same columns.
 */
export function detectSeparator(text: string): ',' | ';' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Line breaks inside a record's raw text (the one ending it excluded). */
const extraLines = (raw: string) => (raw.replace(/\r?\n$/, '').match(/\n/g) ?? []).length;

/**
 * Parses a delimited text file with a header row. A malformed record is reported with its line
 * number and skipped; the others are kept.
 */
export function parseDelimited(text: string, requiredColumns: readonly string[]): DelimitedFile {
  // csv-parse counts a CRLF inside a quoted field as two lines: read CRLF files as LF.
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n/g, '\n');
  const separator = detectSeparator(body);
  const issues: ParseIssue[] = [];
  let columns: string[] = [];
  const rows = parse(body, {
    delimiter: separator,
    columns: (header: string[]) => (columns = header.map((h) => h.trim())),
    info: true,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: (Error & { lines?: number; raw?: string }) | undefined) => {
      // csv-parse gives the line where the error was found: report the line where the record starts.
      // The line is reported in its own field; csv-parse's "on line N" would contradict it.
      if (err) {
        const message = err.message.replace(/\s*(on|at) line \d+/g, '');
        issues.push({ line: (err.lines ?? 0) - extraLines(err.raw ?? ''), message });
      }
    },
  }) as Array<{ record: Record<string, string>; info: { lines: number }; raw: string }>;

  const missing = requiredColumns.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new Error(
      `The file has no column ${missing.map((c) => `"${c}"`).join(', ')} (separator "${separator}", columns found: ${columns.join(', ')})`,
    );
  }
  const records = rows.map(({ record, info, raw }) => ({ line: info.lines - extraLines(raw), values: record }));
  return { separator, columns, records, issues };
}
