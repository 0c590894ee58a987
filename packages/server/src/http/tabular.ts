/**
 * Tables the API also answers as files for spreadsheets (issue 17): CSV (UTF-8 with a BOM so that
 * spreadsheets read the accents, CRLF lines, RFC 4180 quoting, formula-injection safe) and a real
 * .xlsx (Office Open XML: a few XML parts in a zip of our own, `./zip.ts`,
 * no dependency). In the .xlsx, numbers are numbers, shares are numbers shown
 * as percentages (0.00 %), the header row is bold and frozen, and a second sheet « Source » states
 * the table's title and source.
 */
import type { FastifyReply } from 'fastify';
import { zip } from './zip.js';

export type Cell = string | number | boolean | null;

export interface TableColumn {
  key: string;
  /** The French header of the column. */
  label: string;
  /** `share`: a number between 0 and 1, shown as a percentage in the spreadsheet. Default `text`. */
  type?: 'text' | 'number' | 'share';
}

export interface Table {
  /** File name stem, e.g. `conformite-48`. */
  name: string;
  title: string;
  /** The spreadsheet's tab (at most 31 characters); the title's start when absent. */
  sheet?: string;
  source: string;
  columns: TableColumn[];
  rows: Array<Record<string, Cell>>;
}

export type TableFormat = 'csv' | 'xlsx';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field. Free text is defended against two things: a comma, quote or line break breaking
 * the columns (the field is quoted, quotes doubled), and text read as a formula (`=HYPERLINK(…)`,
 * `+`, `-`, `@`, tab, carriage return: a leading `'` makes the spreadsheet show it as text —
 * OWASP "CSV injection"). The one copy of this rule: the feedback export uses it too.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A cell as CSV: numbers as they are (a negative number is a number, not a formula), booleans true/false, text through csvField. */
function csvCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return csvField(value);
}

/** The whole file: a BOM, the French headers, one CRLF-terminated line per row. */
export function toCsv(table: Table): string {
  const lines = [
    table.columns.map((c) => csvField(c.label)).join(','),
    ...table.rows.map((row) => table.columns.map((c) => csvCell(row[c.key])).join(',')),
  ];
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`;
}

// ---------------------------------------------------------------------------------------------
// XLSX

// Characters XML 1.0 does not allow at all (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F).
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what must be removed
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

/** Text as XML character data: invalid characters dropped, markup escaped, a carriage return kept as `&#13;` (XML reads a raw one as a line feed). */
function xmlText(value: string): string {
  return value.replace(XML_INVALID, '').replace(/[&<>"\r]/g, (c) => XML_ESCAPES[c]!);
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

// Cell styles (cellXfs indexes in styles.xml).
const STYLE_BOLD = 1;
const STYLE_SHARE = 2;

function inlineString(ref: string, text: string, style?: number): string {
  const s = style ? ` s="${style}"` : '';
  // xml:space="preserve" keeps leading and trailing spaces. Inline strings are never formulas.
  return `<c r="${ref}" t="inlineStr"${s}><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`;
}

function xlsxCell(ref: string, value: Cell | undefined, type: TableColumn['type']): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    const s = type === 'share' ? ` s="${STYLE_SHARE}"` : '';
    return `<c r="${ref}"${s}><v>${value}</v></c>`;
  }
  if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  return inlineString(ref, value);
}

function sheetXml(rowsXml: string[], columnCount: number, frozenHeader: boolean, widths: number[]): string {
  const last = `${columnLetters(Math.max(columnCount, 1) - 1)}${Math.max(rowsXml.length, 1)}`;
  const pane = frozenHeader
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const cols = widths.length
    ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="A1:${last}"/>${pane}<sheetFormatPr defaultRowHeight="15"/>${cols}` +
    `<sheetData>${rowsXml.join('')}</sheetData></worksheet>`
  );
}

/** A sheet name as spreadsheets accept it: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  const name = title
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 31)
    .trim();
  return name || 'Tableau';
}

const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  // numFmtId 10 is the built-in « 0.00% ».
  '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const CONTENT_TYPES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const ROOT_RELS_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

const WORKBOOK_RELS_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>' +
  '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

function workbookXml(firstSheet: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets><sheet name="${xmlText(firstSheet)}" sheetId="1" r:id="rId1"/><sheet name="Source" sheetId="2" r:id="rId2"/></sheets>` +
    '</workbook>'
  );
}

/** A column's width in characters: its longest text among the header and the first rows, within 8–60. */
function columnWidths(table: Table): number[] {
  return table.columns.map((column) => {
    let longest = column.label.length;
    for (const row of table.rows.slice(0, 500)) {
      const value = row[column.key];
      const length = value === null || value === undefined ? 0 : column.type === 'share' ? 8 : String(value).length;
      if (length > longest) longest = length;
    }
    return Math.min(60, Math.max(8, longest + 2));
  });
}

/** The table as a real .xlsx workbook: the table on sheet 1, its title and source on sheet 2. */
export function toXlsx(table: Table): Buffer {
  const header = `<row r="1">${table.columns.map((c, i) => inlineString(`${columnLetters(i)}1`, c.label, STYLE_BOLD)).join('')}</row>`;
  const letters = table.columns.map((_, i) => columnLetters(i));
  const body = table.rows.map((row, r) => {
    const n = r + 2;
    return `<row r="${n}">${table.columns.map((c, i) => xlsxCell(`${letters[i]}${n}`, row[c.key], c.type)).join('')}</row>`;
  });
  const sheet1 = sheetXml([header, ...body], table.columns.length, true, columnWidths(table));
  const sheet2 = sheetXml(
    [
      `<row r="1">${inlineString('A1', 'Titre', STYLE_BOLD)}${inlineString('B1', table.title)}</row>`,
      `<row r="2">${inlineString('A2', 'Source', STYLE_BOLD)}${inlineString('B2', table.source)}</row>`,
      `<row r="3">${inlineString('A3', 'Lignes', STYLE_BOLD)}<c r="B3"><v>${table.rows.length}</v></c></row>`,
    ],
    2,
    false,
    [12, 100],
  );
  return zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES_XML },
    { name: '_rels/.rels', data: ROOT_RELS_XML },
    { name: 'xl/workbook.xml', data: workbookXml(sheetName(table.sheet ?? table.title)) },
    { name: 'xl/_rels/workbook.xml.rels', data: WORKBOOK_RELS_XML },
    { name: 'xl/styles.xml', data: STYLES_XML },
    { name: 'xl/worksheets/sheet1.xml', data: sheet1 },
    { name: 'xl/worksheets/sheet2.xml', data: sheet2 },
  ]);
}

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends the table as a download: its media type, `attachment; filename="<name>.<ext>"`, never cached. */
export function sendTable(reply: FastifyReply, table: Table, format: TableFormat): FastifyReply {
  const filename = `${table.name.replace(/[^A-Za-z0-9._-]/g, '-')}.${format}`;
  reply.header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store');
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(table));
  return reply.type(XLSX_MEDIA_TYPE).send(toXlsx(table));
}
