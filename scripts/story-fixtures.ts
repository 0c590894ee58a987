/**
 * Writes the Storybook fixtures from the real data, with the server's own code, so the catalogue
 * shows exactly what the API would answer:
 *
 * - `stories/fixtures/sites.json`: the sites of the site card's stories (`GET /sites/<id>`), read
 *   from the ANCT list with the server's import code;
 * - `stories/fixtures/api.json`: answers of the real server (`buildApp`, the ANCT list, the La
 *   Poste postcodes and the Charente bus stops imported into an in-memory SQLite database) to the
 *   searches the locator's stories make, called with `app.inject` (no port). Keyed by
 *   `apiFixtureKey` (`.storybook/fake-api.ts`), which the catalogue's fake API matches on.
 *
 *   node --conditions=source --import tsx scripts/story-fixtures.ts
 *
 * Searches carry a fixed `at` (as the stories' frozen `now` makes the widget send it), so
 * "open now" and the next stops of the bus never change. Fails, writing nothing, when an answer
 * no longer shows what its story is about (e.g. the bus has no next stop any more).
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { CommuneList, Site, SiteList } from '@fs-widgets/contract';
import { parseDelimited } from '../packages/server/src/import/delimited-file.js';
import { SITE_COLUMNS, siteFromAnctRow } from '../packages/server/src/import/site-record.js';
import { siteFromRow } from '../packages/server/src/sites/site-catalogue.js';
import { buildApp, estimateProvider, importData, openDatabase, SiteCatalogue, VERSION } from '../packages/server/src/index.js';
import type { AppContext } from '../packages/server/src/app-context.js';
import { apiFixtureKey, type RecordedAnswer } from '../.storybook/fake-api.js';

const SOURCE = new URL('../packages/server/data/liste-fs-20240801.csv', import.meta.url);
const OUTPUT = new URL('../stories/fixtures/sites.json', import.meta.url);
const API_OUTPUT = new URL('../stories/fixtures/api.json', import.meta.url);

/** Not part of the public data: a fixed value keeps the output reproducible. */
const IMPORTED_AT = '2024-08-01T00:00:00.000Z';

// ---------------------------------------------------------------------------------------------
// sites.json: the site card's stories.

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

const sites: Record<string, Site> = {};
for (const { line, values } of parsed.records) {
  const id = values.id_fs?.trim();
  if (!id || !(id in WANTED) || id in sites) continue;
  const { site, corrections } = siteFromAnctRow(values, line, IMPORTED_AT);
  for (const c of corrections) console.warn(`site ${id} (line ${line}): ${c}`);
  sites[id] = siteFromRow(site);
}

const missing = Object.keys(WANTED).filter((id) => !(id in sites));
if (missing.length > 0) {
  console.error(`Not found in ${SOURCE.pathname}: ${missing.join(', ')}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// api.json: the locator's, the commune search's and the map's stories.

/** The stories' frozen clocks; the widget sends `now.toISOString()` as `at`. */
const MONDAY_MORNING = new Date('2026-11-30T09:00:00Z').toISOString(); // 10:00 in Paris
const SUNDAY_MORNING = new Date('2026-11-29T10:00:00Z').toISOString(); // 11:00 in Paris

/** A point in the Vendée countryside with no France services within 5 km (the server tests' one). */
const FAR_POINT = '46.50000,-1.20000'; // as the widget writes lat/lon: toFixed(5)

type Params = Record<string, string | number | boolean>;
interface Wanted {
  path: 'sites' | 'communes';
  /** The parameters exactly as the widget sends them (same names, same value formats). */
  params: Params;
  why: string;
  /** Throws when the answer no longer shows what the story is about. */
  expect?: (body: never) => void;
}

const check = (ok: boolean, message: string) => {
  if (!ok) throw new Error(message);
};

const mende = { commune: '48095', limit: 10, at: MONDAY_MORNING };
const prefixes = (word: string) => Array.from({ length: word.length - 1 }, (_, i) => word.slice(0, i + 2));

const WANTED_API: Wanted[] = [
  {
    path: 'sites',
    params: { commune: '16242', limit: 8, at: MONDAY_MORNING },
    why: 'PresetRuralCommune: Nanteuil-en-Vallée (Charente), with the Ruffecois bus and its next stops',
    expect: (list: SiteList) => {
      const bus = list.items.find((s) => s.kind === 'bus');
      check(!!bus && bus.stops.some((stop) => stop.next.length > 0), 'no bus with next stops around Nanteuil-en-Vallée');
    },
  },
  {
    path: 'sites',
    params: mende,
    why: 'Results, MapShown, Split, Details, English, FiltersHidden; Map stories (its items)',
    expect: (list: SiteList) => check(list.count === 10 && list.items[0]?.id === '2983', 'Mende: 10 results, France services de Mende first'),
  },
  // Each filter of the Results story, once (combinations are not recorded).
  { path: 'sites', params: { ...mende, open_now: 'true' }, why: 'Results: "Ouvert maintenant" ticked' },
  { path: 'sites', params: { ...mende, saturday: 'true' }, why: 'Results: "Ouvert le samedi" ticked' },
  { path: 'sites', params: { ...mende, kind: 'fixed,antenna,multisite' }, why: 'Results: "Accueil fixe"' },
  { path: 'sites', params: { ...mende, kind: 'bus,roaming' }, why: 'Results: "Bus et permanences itinérantes"' },
  {
    path: 'sites',
    params: { near: FAR_POINT, radius: 5, limit: 10, at: MONDAY_MORNING },
    why: 'NoResults: nothing within 5 km, the server suggests a wider radius',
    expect: (list: SiteList) => check(list.count === 0 && !!list.suggestion, 'far point: expected no result and a suggestion'),
  },
  {
    path: 'sites',
    params: { near: FAR_POINT, radius: 10, limit: 10, at: MONDAY_MORNING },
    why: 'NoResults: after "Élargir à 10 km" (the suggestion above)',
    expect: (list: SiteList) => check(list.count > 0, 'far point, 10 km: expected results'),
  },
  {
    path: 'sites',
    params: { commune: '48095', radius: 5, limit: 10, at: SUNDAY_MORNING },
    why: 'NoResultsWithFilters: Mende within 5 km on a Sunday (both sites closed)',
    expect: (list: SiteList) => check(list.count > 0, 'Mende, 5 km, Sunday: expected results'),
  },
  {
    path: 'sites',
    params: { commune: '48095', radius: 5, open_now: 'true', limit: 10, at: SUNDAY_MORNING },
    why: 'NoResultsWithFilters: "Ouvert maintenant" on a Sunday: none, and no wider radius helps (suggestion null)',
    expect: (list: SiteList) => check(list.count === 0 && list.suggestion === null, 'Mende, Sunday, open now: expected nothing, no suggestion'),
  },
  {
    path: 'sites',
    params: { commune: '99999', limit: 10, at: MONDAY_MORNING },
    why: 'UnknownCommune: the server’s 404 problem',
  },
  // The commune search: every prefix the widget asks for while "mende", "nant" or "48000" is typed.
  ...['mende', 'nant', '48000'].flatMap((word) =>
    prefixes(word).map(
      (q): Wanted => ({
        path: 'communes',
        params: { q, limit: 8 },
        why: `Commune search: typing "${word}"`,
        expect: (list: CommuneList) => check(list.count > 0, `communes?q=${q}: expected suggestions`),
      }),
    ),
  ),
];

const db = await openDatabase({ sqlitePath: ':memory:' });
const api: Record<string, RecordedAnswer> = {};
try {
  const report = await importData(db, { now: new Date(IMPORTED_AT) });
  const catalogue = await SiteCatalogue.load(db);
  // As in server.ts, with the travel-time estimate (no routing engine).
  const ctx: AppContext = { db, catalogue: () => catalogue, version: VERSION, routing: estimateProvider };
  const app = await buildApp({ ctx, logger: false, serveStatic: false });
  console.log(`Server loaded: ${report.sites.imported} sites, ${report.communes.imported} communes, ${report.itinerantStops.imported} bus stops`);
  try {
    for (const wanted of WANTED_API) {
      const query = new URLSearchParams(Object.entries(wanted.params).map(([k, v]) => [k, String(v)]));
      const url = `/api/v1/${wanted.path}?${query}`;
      const res = await app.inject({ method: 'GET', url });
      const body: unknown = res.json();
      if (res.statusCode === 200) wanted.expect?.(body as never);
      else if (!wanted.why.startsWith('UnknownCommune')) throw new Error(`${url}: HTTP ${res.statusCode} ${res.body}`);
      const key = apiFixtureKey(wanted.path, wanted.params);
      api[key] = { status: res.statusCode, body };
      const count = (body as { count?: number }).count;
      console.log(`${res.statusCode} ${key.padEnd(72)} ${count !== undefined ? `${String(count).padStart(2)} items` : ''}  ${wanted.why}`);
    }
  } finally {
    await app.close();
  }
} finally {
  await db.destroy();
}

// Keyed by id (JSON objects with numeric keys come out in ascending order), so the diff stays
// readable when the list is refreshed.
const ordered = Object.fromEntries(Object.keys(sites).sort((a, b) => Number(a) - Number(b)).map((id) => [id, sites[id]]));
await writeFile(OUTPUT, `${JSON.stringify(ordered, null, 2)}\n`);
for (const [id, why] of Object.entries(WANTED)) console.log(`${id.padStart(4)}  ${sites[id]!.name}  (${why})`);
console.log(`Wrote ${OUTPUT.pathname}`);
await writeFile(API_OUTPUT, `${JSON.stringify(api, null, 1)}\n`);
console.log(`Wrote ${API_OUTPUT.pathname} (${Object.keys(api).length} answers)`);
