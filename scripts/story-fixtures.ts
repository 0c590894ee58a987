/**
 * Writes the Storybook fixtures (`stories/fixtures/sites.json`) from the real ANCT list, read
 * with the server's own import code, so the catalogue shows exactly what the API would answer.
 *
 *   node --conditions=source --import tsx scripts/story-fixtures.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Site } from '@fs-widgets/contract';
import { parseDelimited } from '../packages/server/src/import/delimited-file.js';
import { SITE_COLUMNS, siteFromAnctRow } from '../packages/server/src/import/site-record.js';
import { siteFromRow } from '../packages/server/src/sites/site-catalogue.js';

const SOURCE = new URL('../packages/server/data/liste-fs-20240801.csv', import.meta.url);
const OUTPUT = new URL('../stories/fixtures/sites.json', import.meta.url);

/** The sites the stories show, and why. */
const WANTED: Record<string, string> = {
  '2983': 'Mende: fixed site, default story',
  '3255': 'MSA itinérante de Lozère: roaming',
  '3': 'a bus',
  '561': 'Saint-Louis, La Réunion: overseas time zone',
  '798': 'Le Moule, Guadeloupe: has a comment',
  '1': 'Valserhône: first row of the list',
};

const parsed = parseDelimited(await readFile(SOURCE, 'utf8'), SITE_COLUMNS);
// Not part of the public Site: a fixed value keeps the output reproducible.
const importedAt = '2024-08-01T00:00:00.000Z';

const sites: Record<string, Site> = {};
for (const { line, values } of parsed.records) {
  const id = values.id_fs?.trim();
  if (!id || !(id in WANTED) || id in sites) continue;
  const { site, corrections } = siteFromAnctRow(values, line, importedAt);
  for (const c of corrections) console.warn(`site ${id} (line ${line}): ${c}`);
  sites[id] = siteFromRow(site);
}

const missing = Object.keys(WANTED).filter((id) => !(id in sites));
if (missing.length > 0) {
  console.error(`Not found in ${SOURCE.pathname}: ${missing.join(', ')}`);
  process.exit(1);
}

// Keyed by id (JSON objects with numeric keys come out in ascending order), so the diff stays
// readable when the list is refreshed.
const ordered = Object.fromEntries(Object.keys(sites).sort((a, b) => Number(a) - Number(b)).map((id) => [id, sites[id]]));
await writeFile(OUTPUT, `${JSON.stringify(ordered, null, 2)}\n`);
for (const [id, why] of Object.entries(WANTED)) console.log(`${id.padStart(4)}  ${sites[id]!.name}  (${why})`);
console.log(`Wrote ${OUTPUT.pathname}`);
