import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCES } from '@fs-widgets/contract/sources';
import { openDatabase, type Db } from '../src/db/database.js';
import { importData, needsImport, type ImportReport } from '../src/import/import-data.js';
import { departmentOfInsee, farFromCommune } from '../src/import/far-from-commune.js';
import { searchName } from '@fs-widgets/contract/search-name';
import { SiteCatalogue } from '../src/sites/site-catalogue.js';
import { compareStopRows } from '../src/outreach/outreach-stops.js';
import OpeningHours from 'opening_hours';
import type { OutreachChange, OutreachRule } from '@fs-widgets/contract';
import { addDays } from '@fs-widgets/opening-hours';
import { loadStop, sessionsOnDate, stopOpeningHours } from '../src/sites/itinerant-stop.js';
import {
  FIXTURE_FILE,
  POSTCODES_FILE,
  SITES_FILE,
  STOPS_FILE,
  createTestDatabase,
  makeTempDir,
  removeTempDir,
  type TestDatabase,
} from './test-server.js';

const NOW = new Date('2026-11-27T08:00:00.000Z');
const SOURCE_ID = 'inclusion-numerique-bus-france-services-charente';

interface StopRecord {
  id: string;
  nom: string;
  adresse: string;
  code_postal: string;
  commune: string;
  code_insee: string;
  latitude: number;
  longitude: number;
  site_web: string;
  horaires?: string;
  date_maj: string;
}

const records = JSON.parse(readFileSync(STOPS_FILE, 'utf8')) as StopRecord[];
/** Since issue 16 the file's stops are site 2023's own outreach stops, imported once. */
const stopRows = async (db: Db) =>
  (await db.selectFrom('outreach_stops').selectAll().where('site_id', '=', '2023').execute()).sort(compareStopRows);

describe('itinerant stops of the Charente bus', () => {
  let dir: string;
  let db: Db;
  let report: ImportReport;
  let postcodesFile: string;
  const opened: Db[] = [];
  /** The databases of the engine under test (SQLite files, or PostgreSQL databases dropped after). */
  const dropped: TestDatabase[] = [];
  const freshDb = async () => {
    const database = await createTestDatabase(dir);
    dropped.push(database);
    const fresh = await openDatabase(database.options);
    opened.push(fresh);
    return fresh;
  };
  const writeFile = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text, 'utf8');
    return file;
  };

  before(async () => {
    dir = makeTempDir();
    // The postcodes of Lozère alone: the stops do not depend on them, and the whole base is slow to read.
    const laPoste = readFileSync(POSTCODES_FILE, 'utf8').split('\n');
    postcodesFile = writeFile('postcodes-48.csv', `${laPoste.filter((line, i) => i === 0 || line.startsWith('48')).join('\n')}\n`);
    db = await freshDb();
    report = await importData(db, { postcodesFile, now: NOW });
  });

  after(async () => {
    for (const d of opened) await d.destroy();
    for (const d of dropped) await d.drop();
    removeTempDir(dir);
  });

  test('the shipped file is the fixture, and its source is declared', () => {
    const fixture = new URL('../../../fixtures/bus-france-services-charente-lmn-20231003.json', import.meta.url);
    assert.equal(readFileSync(STOPS_FILE, 'utf8'), readFileSync(fixture, 'utf8'));
    assert.equal(SOURCES.itinerantStops.id, SOURCE_ID);
    assert.equal(SOURCES.itinerantStops.file, 'bus-france-services-charente-lmn-20231003.json');
    assert.equal(SOURCES.itinerantStops.date, '2023-10-03');
    assert.equal(records.length, 12);
    // The source's update date is an epoch-0 placeholder on every record: it is not a date of the data.
    assert.deepEqual([...new Set(records.map((r) => r.date_maj))], ['1969-12-31']);
  });

  test('the 12 stops are stored as site 2023’s outreach stops as published, 10 with rules', async () => {
    assert.deepEqual(report.itinerantStops, { read: 12, imported: 12, stored: 12, siteId: '2023', siteMissing: false });
    assert.deepEqual(
      report.issues.filter((i) => i.source === SOURCE_ID),
      [],
    );
    const rows = await stopRows(db);
    assert.equal(rows.length, 12);
    // In the file's order, ids of the site and the file.
    assert.deepEqual(
      rows.map((r) => r.id),
      records.map((r) => `2023-${r.id}`),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of records) {
      const row = byId.get(`2023-${r.id}`)!;
      assert.deepEqual(
        { ...row, rules: undefined, created_at: undefined, updated_at: undefined },
        {
          id: `2023-${r.id}`,
          site_id: '2023',
          kind: 'bus-stop',
          name: r.nom,
          street: r.adresse,
          postcode: r.code_postal,
          commune: r.commune,
          insee_commune: r.code_insee,
          lat: r.latitude,
          lon: r.longitude,
          location_from: 'agent',
          rules: undefined,
          changes: '[]',
          offer: 'france-services',
          partner: null,
          note: null,
          source: SOURCE_ID,
          created_key: `import-${SOURCE_ID}-${r.id}`,
          created_at: undefined,
          updated_at: undefined,
        },
      );
      assert.equal(row.created_at, NOW.toISOString());
    }
    assert.equal(rows.filter((r) => r.rules !== '[]').length, 10);
    assert.deepEqual(
      rows
        .filter((r) => r.rules === '[]')
        .map((r) => r.commune)
        .sort(),
      ['Nanteuil-en-Vallée', 'Valence'],
    );
    // `week 1-53/2 Tu 09:00-12:30,13:30-15:30; PH off`: every other Tuesday from an odd ISO week, one rule per range.
    assert.deepEqual(JSON.parse(byId.get('2023-2')!.rules), [
      { recurrence: { freq: 'weekly', days: ['tu'], interval: 2 }, opens: '09:00', closes: '12:30', starts_on: '2023-10-09' },
      { recurrence: { freq: 'weekly', days: ['tu'], interval: 2 }, opens: '13:30', closes: '15:30', starts_on: '2023-10-09' },
    ]);
  });

  test('the published stops: in the file’s order, OSM hours from their rules, next sessions every other week', async () => {
    const catalogue = await SiteCatalogue.load(db);
    const bus = catalogue.get('2023', new Date('2026-12-07T08:00:00Z'))!;
    assert.deepEqual(
      bus.stops.map((s) => s.id),
      records.map((r) => `2023-${r.id}`),
    );
    const byCommune = new Map(bus.stops.map((s) => [s.address.commune, s]));
    // Every week: OSM says it as the file did. Every other week counted from a date: written per ISO
    // year, the one of the day it is written and the next (2026 has 53 weeks: 2027 starts on even weeks).
    assert.equal(byCommune.get('Saint-Fraigne')!.opening_hours, 'Mo 09:30-12:30,13:30-15:30; PH off');
    assert.equal(byCommune.get('Val-de-Bonnieure')!.opening_hours, 'Fr 08:45-12:15; PH off');
    const tussonRow = (await stopRows(db)).find((row) => row.commune === 'Tusson')!;
    assert.equal(
      stopOpeningHours(JSON.parse(tussonRow.rules) as OutreachRule[], [], '2026-12-07'),
      '2025 Dec 29-2027 Jan 03 week 01-53/2 Tu 09:00-12:30,13:30-15:30, ' +
        '2027 Jan 04-2028 Jan 02 week 02-52/2 Tu 09:00-12:30,13:30-15:30; PH off',
    );
    assert.match(
      byCommune.get('Tusson')!.opening_hours!,
      /^\d{4} \w{3} \d{2}-\d{4} \w{3} \d{2} week 0[12]-5[123]\/2 Tu 09:00-12:30,13:30-15:30, /,
    );
    // Only the two stops whose hours the file does not give have no OSM string (8 of 12 had none before).
    assert.deepEqual(
      bus.stops.filter((s) => s.opening_hours === null).map((s) => s.address.commune),
      ['Nanteuil-en-Vallée', 'Valence'],
    );
    // Tusson: odd weeks (50 is even: 15 and 29 December, weeks 51 and 53); Verteuil: even weeks, Christmas skipped.
    assert.deepEqual(
      byCommune.get('Tusson')!.next.map((s) => `${s.date} ${s.opens}`),
      ['2026-12-15 09:00', '2026-12-15 13:30', '2026-12-29 09:00'],
    );
    assert.deepEqual(
      byCommune.get('Verteuil-sur-Charente')!.next.map((s) => s.date),
      ['2026-12-11'],
    );
    // After week 53 of 2026 the every-other-week rule keeps alternating (weeks 2, 4… of 2027), where OSM's `week 1-53/2` restarts at week 1.
    const january = catalogue.get('2023', new Date('2027-01-01T08:00:00Z'))!;
    assert.deepEqual(
      january.stops.find((s) => s.address.commune === 'Tusson')!.next.map((s) => s.date),
      ['2027-01-12', '2027-01-12', '2027-01-26'],
    );
    assert.deepEqual(byCommune.get('Valence')!.next, []);
  });

  test('each stop’s OSM string, read by the opening_hours package, opens at its sessions and only then over 2026 and 2027', async () => {
    const NOMINATIM = { lat: 45.93, lon: 0.07, address: { country_code: 'fr', state: 'Nouvelle-Aquitaine' } };
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = (d: Date) =>
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
    let checked = 0;
    for (const row of await stopRows(db)) {
      const text = stopOpeningHours(JSON.parse(row.rules) as OutreachRule[], JSON.parse(row.changes) as OutreachChange[], '2026-12-07');
      if (text === null) continue;
      const oh = new OpeningHours(text, NOMINATIM);
      assert.deepEqual(oh.getWarnings(), [], text);
      const theirs = oh
        .getOpenIntervals(new Date(2026, 0, 1), new Date(2028, 0, 1))
        .map(([from, to]) => `${local(from)}-${local(to).slice(11)}`);
      const loaded = loadStop(row);
      const ours: string[] = [];
      for (let date = '2026-01-01'; date < '2028-01-01'; date = addDays(date, 1)) {
        for (const session of sessionsOnDate(loaded, date)) ours.push(`${date} ${session.opens}-${session.closes}`);
      }
      assert.ok(ours.length > 40, `${row.commune}: ${ours.length} sessions`);
      assert.deepEqual(theirs, ours, `${row.commune}: ${text}`);
      checked++;
    }
    assert.equal(checked, 10);
  });

  test('site 2023 is the bus these stops belong to: same web domain, same communes', async () => {
    const site = await db.selectFrom('sites').selectAll().where('id', '=', '2023').executeTakeFirstOrThrow();
    assert.equal(site.name, 'Bus France services du Ruffecois');
    assert.equal(site.commune, 'Condac');
    assert.equal(site.department, '16');
    assert.equal(site.kind, 'bus');
    assert.equal(site.email, 'emmabus@emmaus-ruffec.com');
    const domain = site.email!.split('@')[1];
    for (const r of records) assert.equal(new URL(r.site_web).hostname.replace(/^www\./, ''), domain, `stop ${r.id}`);
    // The site's comment describes the rota of these very communes ("Verteuil s/ Charente").
    const comment = searchName(site.comment!);
    for (const r of records) assert.ok(comment.includes(searchName(r.commune).replace(' sur ', ' s ')), `${r.commune} in the comment`);
  });

  test('importing twice leaves the same stops (imported once), the import record counting them', async () => {
    const first = await stopRows(db);
    const again = await importData(db, { postcodesFile, now: NOW });
    assert.equal(again.itinerantStops.imported, 0);
    assert.equal(again.itinerantStops.stored, 12);
    assert.deepEqual(await stopRows(db), first);
    const meta = await db.selectFrom('meta').select('value').where('key', '=', 'import').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(meta.value).itinerant_stops, { records: 12, file: SOURCES.itinerantStops.file });
  });

  describe('coordinates far from their own commune (issue 16)', () => {
    let placed: Db;
    let placedReport: ImportReport;
    let centres: Map<string, { lat: number | null; lon: number | null }>;

    before(async () => {
      // Lozère and Charente: the communes of Mende and of the bus's stops, with their centres.
      const laPoste = readFileSync(POSTCODES_FILE, 'utf8').split('\n');
      const twoDepartments = writeFile(
        'postcodes-16-48.csv',
        `${laPoste.filter((line, i) => i === 0 || line.startsWith('48') || line.startsWith('16')).join('\n')}\n`,
      );
      // The ANCT list with Mende's site (2983) published near Aix-en-Provence, as the bus's Valence stop is.
      const sites = readFileSync(SITES_FILE, 'utf8').replace(/^("2983",.*?),44\.520171,3\.496077,/m, '$1,43.45,5.41,');
      assert.match(sites, /^"2983",.*,43\.45,5\.41,/m);
      placed = await freshDb();
      placedReport = await importData(placed, { postcodesFile: twoDepartments, sitesFile: writeFile('sites-far.csv', sites), now: NOW });
      centres = new Map((await placed.selectFrom('communes').select(['insee', 'lat', 'lon']).execute()).map((c) => [c.insee, c]));
    });

    test('the Valence stop, published 485 km away near Aix-en-Provence, is placed at its commune and reported with the distance', async () => {
      const [issue, ...others] = placedReport.issues.filter((i) => i.source === SOURCE_ID);
      assert.deepEqual(others, []);
      assert.equal(issue!.recordId, '4');
      assert.equal(issue!.level, 'corrected');
      assert.match(
        issue!.message,
        /^stop 4 ".*" \(Valence, 16392\): coordinates 43\.4\d*, 5\.4\d* lie 48\d(\.\d)? km from the commune's centre, farther than 30 km/,
      );
      const row = await placed.selectFrom('outreach_stops').selectAll().where('id', '=', '2023-4').executeTakeFirstOrThrow();
      assert.deepEqual({ lat: row.lat, lon: row.lon }, { lat: centres.get('16392')!.lat, lon: centres.get('16392')!.lon });
      // The other stops stay where they were published.
      const two = await placed.selectFrom('outreach_stops').selectAll().where('id', '=', '2023-2').executeTakeFirstOrThrow();
      assert.equal(two.lat, Number(records.find((r) => r.id === '2')!.latitude));
    });

    test('a site published far from its commune is placed at its commune and reported; the others stay where they are', async () => {
      const issues = placedReport.issues.filter((i) => i.source === SOURCES.sites.id && /farther than/.test(i.message));
      assert.deepEqual(
        issues.map((i) => [i.recordId, i.level]),
        [['2983', 'corrected']],
      );
      assert.match(
        issues[0]!.message,
        /^coordinates 43\.45, 5\.41 lie 19\d(\.\d)? km from the centre of Mende \(48095\), farther than 30 km/,
      );
      const mende = await placed.selectFrom('sites').select(['lat', 'lon']).where('id', '=', '2983').executeTakeFirstOrThrow();
      assert.deepEqual(mende, { lat: centres.get('48095')!.lat, lon: centres.get('48095')!.lon });
    });

    test('the limits: 30 km in metropolitan France and Corsica, 100 km overseas, nothing checked without a centre', () => {
      const mende = { lat: 44.5181, lon: 3.5006 };
      assert.equal(farFromCommune({ lat: 44.5181, lon: 3.88 }, mende, '48'), 30.1);
      assert.equal(farFromCommune({ lat: 44.5181, lon: 3.87 }, mende, '48'), null);
      // Mana (Guyane) sits 70 km from its commune's centre in the ANCT list: within the overseas limit.
      const mana = { lat: 5.66, lon: -53.78 };
      assert.equal(farFromCommune({ lat: 5.66 + 70 / 111.195, lon: -53.78 }, mana, departmentOfInsee('97306')), null);
      assert.equal(farFromCommune({ lat: 5.66 + 101 / 111.195, lon: -53.78 }, mana, '973'), 101);
      assert.equal(farFromCommune(mende, { lat: null, lon: null }, '16'), null);
      assert.equal(farFromCommune(mende, undefined, '16'), null);
      assert.deepEqual([departmentOfInsee('16392'), departmentOfInsee('97411'), departmentOfInsee('2A004')], ['16', '974', '2A']);
    });
  });

  describe('a file with unreadable hours, a Saturday stop and a stop without coordinates', () => {
    let variant: Db;
    let variantReport: ImportReport;
    let text: string;

    before(async () => {
      const changed = records.map((r) => {
        if (r.id === '5') return { ...r, horaires: 'Sa 09:00-12:00; PH off' };
        if (r.id === '6') return { ...r, horaires: 'Tu 25:00-26:00' };
        if (r.id === '12') return { ...r, latitude: '' };
        return r;
      });
      text = `${JSON.stringify(changed, null, 2)}\n`;
      variant = await freshDb();
      variantReport = await importData(variant, { postcodesFile, stopsFile: writeFile('stops-variant.json', text), now: NOW });
    });

    /** 1-based line of the `{` opening the record of a stop: the 0-based index of its `"id"` line, one below. */
    const lineOf = (id: string) => text.split('\n').findIndex((line) => line.includes(`"id": "${id}"`));

    test('unreadable hours: the stop is imported without rules and the import reports a correction naming it', async () => {
      const issues = variantReport.issues.filter((i) => i.source === SOURCE_ID);
      const corrected = issues.filter((i) => i.level === 'corrected');
      assert.equal(corrected.length, 1);
      assert.equal(corrected[0]!.recordId, '6');
      assert.equal(corrected[0]!.line, lineOf('6'));
      assert.match(corrected[0]!.message, /^stop 6 "Bus France Services - \[En face de la Mairie\]" \(Fouqueure\)/);
      assert.match(corrected[0]!.message, /25:00/);
      assert.match(corrected[0]!.message, /imported without rules/);
      const row = await variant.selectFrom('outreach_stops').selectAll().where('id', '=', '2023-6').executeTakeFirstOrThrow();
      assert.equal(row.rules, '[]');
      const stored = await variant
        .selectFrom('import_issues')
        .selectAll()
        .where('source', '=', SOURCE_ID)
        .where('level', '=', 'corrected')
        .execute();
      assert.deepEqual(
        stored.map((i) => [i.record_id, i.line]),
        [['6', lineOf('6')]],
      );
    });

    test('a record without coordinates is skipped with its line', async () => {
      const skipped = variantReport.issues.filter((i) => i.source === SOURCE_ID && i.level === 'skipped');
      assert.deepEqual(
        skipped.map((i) => [i.recordId, i.line]),
        [['12', lineOf('12')]],
      );
      assert.match(skipped[0]!.message, /latitude/);
      assert.equal(variantReport.itinerantStops.imported, 11);
    });

    test('the unreadable stop has no sessions; a Saturday stop makes its site a Saturday site', async () => {
      const catalogue = await SiteCatalogue.load(variant);
      const at = new Date('2026-11-30T09:00:00Z');
      const bus = catalogue.get('2023', at)!;
      assert.equal(bus.stops.length, 11);
      const six = bus.stops.find((s) => s.id === '2023-6')!;
      assert.equal(six.opening_hours, null);
      assert.deepEqual(six.next, []);
      const five = bus.stops.find((s) => s.id === '2023-5')!;
      assert.deepEqual(five.next, [
        { date: '2026-12-05', opens: '09:00', closes: '12:00' },
        { date: '2026-12-12', opens: '09:00', closes: '12:00' },
        { date: '2026-12-19', opens: '09:00', closes: '12:00' },
      ]);
      // The site has no Saturday hours in the ANCT list, but now a stop on Saturdays.
      assert.deepEqual(
        JSON.parse((await variant.selectFrom('sites').select('hours').where('id', '=', '2023').executeTakeFirstOrThrow()).hours).sa,
        [],
      );
      const origin = { lat: 46.026336, lon: 0.214317 };
      assert.equal(catalogue.nearest({ ...origin, limit: 1, filter: { saturday: true } })[0]!.id, '2023');
      // With the published stops (none on Saturdays) it is not.
      const published = await SiteCatalogue.load(db);
      assert.notEqual(published.nearest({ ...origin, limit: 1, filter: { saturday: true } })[0]!.id, '2023');
      assert.equal(published.nearest({ ...origin, limit: 1 })[0]!.id, '2023');
    });
  });

  test('a database loaded before the stops existed is loaded again on start', async () => {
    assert.equal(await needsImport(db), false);
    const meta = await db.selectFrom('meta').select('value').where('key', '=', 'import').executeTakeFirstOrThrow();
    const { itinerant_stops: _stops, ...older } = JSON.parse(meta.value);
    await db
      .updateTable('meta')
      .set({ value: JSON.stringify(older) })
      .where('key', '=', 'import')
      .execute();
    assert.equal(await needsImport(db), true);
    await db.updateTable('meta').set({ value: meta.value }).where('key', '=', 'import').execute();
    assert.equal(await needsImport(db), false);
  });

  // Last: it removes site 2023 from the shared database.
  test('a re-import of a list without site 2023 keeps its stops (its own data) but shows none, and reports no issue for them', async () => {
    const rows = await stopRows(db);
    assert.equal(rows.length, 12);
    const sample = await importData(db, { postcodesFile, sitesFile: FIXTURE_FILE, now: NOW });
    assert.deepEqual(sample.itinerantStops, { read: 12, imported: 0, stored: 0, siteId: '2023', siteMissing: true });
    assert.equal(await db.selectFrom('sites').select('id').where('id', '=', '2023').executeTakeFirst(), undefined);
    // As a site's local partners: a site leaving the list keeps its rows, and they come back with it.
    assert.deepEqual(await stopRows(db), rows);
    assert.equal((await SiteCatalogue.load(db)).get('2023'), undefined);
    // The stops are not wrong: their site is not in this list (a sample of it here).
    assert.deepEqual(
      sample.issues.filter((i) => i.source === SOURCE_ID),
      [],
    );
  });
});
