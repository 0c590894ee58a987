import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { columnLetters, toCsv, toXlsx, type Table } from '../src/http/tabular.js';
import { crc32, unzip } from '../src/http/zip.js';

const table: Table = {
  name: 'conformite-48',
  title: 'Conformité à la charte — Lozère (48)',
  source: 'Liste ANCT des France services, 2026-12-01',
  columns: [
    { key: 'name', label: 'Nom' },
    { key: 'hours', label: 'Heures par semaine', type: 'number' },
    { key: 'share', label: 'Part résolue au premier contact', type: 'share' },
    { key: 'ok', label: 'Conforme' },
  ],
  rows: [
    { name: 'France services de Mende', hours: 35.5, share: 0.8125, ok: true },
    { name: '=HYPERLINK("http://evil","x")', hours: -2, share: null, ok: false },
    { name: '+33 1 23', hours: 0, share: 1, ok: null },
    { name: '-1', hours: 24, share: 0, ok: true },
    { name: '@SUM(A1)', hours: null, share: 0.5, ok: true },
    { name: '\tcmd', hours: 1, share: 0.25, ok: true },
    { name: '\rcmd', hours: 2, share: 0.75, ok: true },
    { name: 'a, "quoted"\nline & <tag>', hours: 3, share: 0.1, ok: true },
  ],
};

/** The .xlsx's parts as text, read back with the server's own zip reader (which checks sizes and CRC-32s). */
function unzipEntries(buffer: Buffer): Map<string, string> {
  return new Map(unzip(buffer).map((f) => [f.name, f.data.toString('utf8')]));
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#13;/g, '\r')
    .replace(/&amp;/g, '&');

/** The sheet's cells by reference: their type, style and value as a spreadsheet reads them. */
function cells(sheet: string) {
  const found = new Map<string, { t: string | null; s: string | null; value: string }>();
  for (const m of sheet.matchAll(/<c r="([A-Z]+\d+)"((?: [a-z]+="[^"]*")*)>(.*?)<\/c>/gs)) {
    const attrs = m[2]!;
    const inner = m[3]!;
    const t = /t="([^"]+)"/.exec(attrs)?.[1] ?? null;
    const s = /s="([^"]+)"/.exec(attrs)?.[1] ?? null;
    const value = t === 'inlineStr' ? unescape(/<t[^>]*>(.*?)<\/t>/s.exec(inner)![1]!) : /<v>(.*?)<\/v>/.exec(inner)![1]!;
    assert.ok(!/<f>/.test(inner), 'no formula');
    found.set(m[1]!, { t, s, value });
  }
  return found;
}

describe('tabular: CSV', () => {
  const csv = toCsv(table);

  it('starts with a BOM, ends every line with CRLF and writes the French headers', () => {
    assert.equal(csv.charCodeAt(0), 0xfeff);
    assert.ok(csv.startsWith('\uFEFFNom,Heures par semaine,Part résolue au premier contact,Conforme\r\n'));
    assert.ok(csv.endsWith('\r\n'));
  });

  it('quotes fields RFC 4180 style and defends against formulas (=, +, -, @, tab, CR), numbers staying numbers', () => {
    const lines = csv.slice(1).split('\r\n');
    assert.equal(lines[1], 'France services de Mende,35.5,0.8125,true');
    assert.equal(lines[2], `"'=HYPERLINK(""http://evil"",""x"")",-2,,false`);
    assert.equal(lines[3], "'+33 1 23,0,1,");
    assert.equal(lines[4], "'-1,24,0,true");
    assert.equal(lines[5], "'@SUM(A1),,0.5,true");
    assert.equal(lines[6], "'\tcmd,1,0.25,true");
    assert.equal(lines[7], `"'\rcmd",2,0.75,true`);
    // The line break inside a quoted field is kept as is: the record spans two physical lines.
    assert.ok(csv.includes('"a, ""quoted""\nline & <tag>",3,0.1,true\r\n'));
  });
});

describe('tabular: XLSX', () => {
  const xlsx = toXlsx(table);
  const files = unzipEntries(xlsx);

  it('is a valid zip (unzip -t when the machine has it) with the Office Open XML parts', () => {
    for (const part of [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
    ]) {
      assert.ok(files.has(part), part);
    }
    let unzipAvailable = true;
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    } catch {
      unzipAvailable = false;
    }
    if (unzipAvailable) {
      const dir = mkdtempSync(join(tmpdir(), 'fs-xlsx-'));
      try {
        writeFileSync(join(dir, 't.xlsx'), xlsx);
        const out = execFileSync('unzip', ['-t', join(dir, 't.xlsx')], { encoding: 'utf8' });
        assert.match(out, /No errors detected/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('writes numbers as numbers, shares as 0.00 %, booleans as booleans, text as inline text (never a formula)', () => {
    const sheet = files.get('xl/worksheets/sheet1.xml')!;
    const c = cells(sheet);
    assert.deepEqual(c.get('B2'), { t: null, s: null, value: '35.5' });
    assert.deepEqual(c.get('C2'), { t: null, s: '2', value: '0.8125' });
    assert.deepEqual(c.get('D2'), { t: 'b', s: null, value: '1' });
    assert.deepEqual(c.get('A3'), { t: 'inlineStr', s: null, value: '=HYPERLINK("http://evil","x")' });
    assert.deepEqual(c.get('B3'), { t: null, s: null, value: '-2' });
    assert.equal(c.has('C3'), false, 'a null share is an empty cell');
    assert.equal(c.get('A9')!.value, 'a, "quoted"\nline & <tag>');
    assert.equal(c.get('A8')!.value, '\rcmd', 'a carriage return written &#13; (XML would read a raw one as a line feed)');
    // Share style 2 is the built-in percentage format 10 (0.00%); style 1 is bold.
    const styles = files.get('xl/styles.xml')!;
    const xfs = [...styles.split('<cellXfs')[1]!.matchAll(/<xf ([^>]*)\/>/g)].map((m) => m[1]!);
    assert.match(xfs[2]!, /numFmtId="10"/);
    assert.match(xfs[1]!, /fontId="1"/);
    assert.match(styles, /<fonts count="2">.*<font><b\/>/s);
  });

  it('has a bold, frozen header row and states the title and source on a second sheet', () => {
    const sheet = files.get('xl/worksheets/sheet1.xml')!;
    const c = cells(sheet);
    assert.deepEqual(
      ['A1', 'B1', 'C1', 'D1'].map((r) => [c.get(r)!.value, c.get(r)!.s]),
      table.columns.map((col) => [col.label, '1']),
    );
    assert.match(sheet, /<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    assert.match(sheet, /<dimension ref="A1:D9"\/>/);
    assert.match(files.get('xl/workbook.xml')!, /<sheet name="Conformité à la charte — Lozère" sheetId="1"/);
    const about = cells(files.get('xl/worksheets/sheet2.xml')!);
    assert.equal(about.get('B1')!.value, table.title);
    assert.equal(about.get('B2')!.value, table.source);
    assert.equal(about.get('B3')!.value, String(table.rows.length));
  });

  it('names columns A…Z, AA… and checks CRC-32 against the known value', () => {
    assert.deepEqual([0, 25, 26, 27, 701, 702].map(columnLetters), ['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  });
});
