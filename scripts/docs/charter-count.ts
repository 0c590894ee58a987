/**
 * How many France services fall short of the charter's « 24 heures par semaine sur 5 jours », read
 * four ways from the same ANCT list (packages/server/data/liste-fs-20240801.csv), so that the
 * figures quoted for it (91 in ../shared/data/README.md, 104 "from the raw file", 125 "by the
 * server's parsed hours") can each be reproduced and told apart. docs/observatory.md explains them.
 *
 *   node --conditions=source --import tsx scripts/docs/charter-count.ts [file.csv]
 *
 * The raw readings add up each `HH:MM - HH:MM` range of a day as written; the server's reading is
 * the import's (site-record.ts: overlapping ranges of a day merged, `00:00 - 00:00` placeholders
 * dropped) and the observatory's rule (observatory/compliance.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDelimited } from '../../packages/server/src/import/delimited-file.js';
import { SITE_COLUMNS, siteFromAnctRow } from '../../packages/server/src/import/site-record.js';
import { complianceRule, isChecked, siteCompliance, weekFigures } from '../../packages/server/src/observatory/compliance.js';
import type { Week } from '@fs-widgets/contract';

const ROOT = join(fileURLToPath(import.meta.url), '../../..');
const file = process.argv[2] ?? join(ROOT, 'packages/server/data/liste-fs-20240801.csv');
const DAY_COLUMNS = ['h_lundi', 'h_mardi', 'h_mercredi', 'h_jeudi', 'h_vendredi', 'h_samedi'] as const;
const RANGE = /^(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})$/;

/** A day's minutes as written: every range added, overlaps and repeats included. */
function rawMinutes(value: string | undefined): number {
  let total = 0;
  for (const part of (value ?? '').split('/')) {
    const m = RANGE.exec(part.trim());
    if (m) total += Number(m[3]) * 60 + Number(m[4]) - (Number(m[1]) * 60 + Number(m[2]));
  }
  return total;
}

const { records } = parseDelimited(readFileSync(file, 'utf8'), SITE_COLUMNS);
const rows = records.map(({ values, line }) => {
  const { site } = siteFromAnctRow(values, line, new Date().toISOString());
  const week = JSON.parse(site.hours) as Week;
  const raw = DAY_COLUMNS.map((c) => rawMinutes(values[c]));
  const parsed = weekFigures(week);
  return {
    id: site.id,
    name: site.name,
    format: values.format_fs!.trim(),
    type: values.type_fs!.trim(),
    site,
    week,
    rawMinutes: raw.reduce((a, b) => a + b, 0),
    rawDays: raw.filter((m) => m > 0).length,
    minutes: parsed.minutes,
    days: parsed.days,
  };
});

const H24 = 24 * 60;
const fixeMain = rows.filter((r) => r.format === 'Fixe' && r.type === 'Principal');
const count = (list: typeof rows, keep: (r: (typeof rows)[number]) => boolean) => list.filter(keep).length;
const line = (label: string, n: number, of: number) => console.log(`  ${label.padEnd(86)} ${String(n).padStart(5)} / ${of}`);

console.log(`${file}: ${rows.length} rows`);
const byFormat = new Map<string, number>();
for (const r of rows) byFormat.set(`${r.format} + ${r.type}`, (byFormat.get(`${r.format} + ${r.type}`) ?? 0) + 1);
console.log(`format_fs + type_fs: ${[...byFormat].map(([k, n]) => `${k} ${n}`).join(', ')}`);

console.log('\n1. ../shared/data/README.md (« 91 fixed main sites declare less »): Fixe + Principal, raw sum of ranges, 24 h only');
line(
  'under 24 h (raw)',
  count(fixeMain, (r) => r.rawMinutes < H24),
  fixeMain.length,
);

console.log('\n2. "A count from the raw file": Fixe + Principal, raw sum, under 24 h OR under 5 days, sites with no hours left out');
const noHours = count(fixeMain, (r) => r.rawMinutes === 0);
line(
  'under 24 h or under 5 days (raw), with hours',
  count(fixeMain, (r) => r.rawMinutes > 0 && (r.rawMinutes < H24 || r.rawDays < 5)),
  fixeMain.length,
);
line('  of which: sites with no hours at all in the list (left out)', noHours, fixeMain.length);
line(
  '  the same with them counted',
  count(fixeMain, (r) => r.rawMinutes < H24 || r.rawDays < 5),
  fixeMain.length,
);

console.log('\n3. The issue (« by the server’s parsed hours »): Fixe + Principal, hours as imported, no hours counted as short');
line(
  'under 24 h or under 5 days (parsed)',
  count(fixeMain, (r) => r.minutes < H24 || r.days < 5),
  fixeMain.length,
);
line(
  '  under 24 h',
  count(fixeMain, (r) => r.minutes < H24),
  fixeMain.length,
);
line(
  '  under 5 days',
  count(fixeMain, (r) => r.days < 5),
  fixeMain.length,
);
const apart = fixeMain.filter((r) => r.rawMinutes >= H24 && r.minutes < H24);
console.log(`  over 24 h raw, under 24 h parsed (a day's ranges overlap): ${apart.map((r) => `${r.id} ${r.name}`).join('; ') || 'none'}`);
for (const r of apart) {
  console.log(`    ${r.id}: raw ${(r.rawMinutes / 60).toFixed(2)} h, parsed ${(r.minutes / 60).toFixed(2)} h: ${JSON.stringify(r.week)}`);
}

console.log('\n4. The observatory (GET /observatory/compliance): main sites in fixed premises, hours as imported, no hours = unknown');
const today = new Date().toISOString().slice(0, 10);
const checked = rows.filter((r) => isChecked(complianceRule(r.site)));
const results = checked.map((r) => ({ r, c: siteCompliance({ ...r.site, hours: r.week, exceptions: [] }, today) }));
const fixedOnly = results.filter(({ r }) => r.format === 'Fixe');
line('sites checked: fixed-24h-5d (Fixe, Fixe_antenne(s); type Principal)', checked.length, rows.length);
line('  short (under 24 h or under 5 days)', results.filter(({ c }) => c.status === 'short').length, checked.length);
line('    under 24 h', results.filter(({ c }) => c.status === 'short' && c.under_24h).length, checked.length);
line('    under 5 days', results.filter(({ c }) => c.status === 'short' && c.under_5_days).length, checked.length);
line('  no hours in the list (unknown, not counted short)', results.filter(({ c }) => c.status === 'no-hours').length, checked.length);
line('  meets the rule', results.filter(({ c }) => c.status === 'meets').length, checked.length);
for (const format of ['Fixe', 'Fixe_antenne(s)']) {
  const of = results.filter(({ r }) => r.format === format);
  line(`  ${format}: short`, of.filter(({ c }) => c.status === 'short').length, of.length);
  line(`  ${format}: no hours`, of.filter(({ c }) => c.status === 'no-hours').length, of.length);
}
line(
  'Fixe + Principal alone: short (the issue’s population, no-hours apart)',
  fixedOnly.filter(({ c }) => c.status === 'short').length,
  fixedOnly.length,
);
const others = rows.filter((r) => !isChecked(complianceRule(r.site)));
const multisites = rows.filter((r) => complianceRule(r.site) === 'multisite');
line('other rules: places of multi-site France services (Multisites; each place a row)', multisites.length, rows.length);
line(
  '  of which under 24 h or 5 days on their own (not a breach: the rule holds over the places)',
  count(multisites, (r) => r.minutes > 0 && (r.minutes < H24 || r.days < 5)),
  multisites.length,
);
line(
  'other rules: antennas (type Antenne)',
  count(others, (r) => complianceRule(r.site) === 'antenna'),
  rows.length,
);
line(
  'other rules: buses and roaming France services',
  count(others, (r) => complianceRule(r.site) === 'itinerant'),
  rows.length,
);
