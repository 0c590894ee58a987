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
const stopRows = (db: Db) => db.selectFrom('itinerant_stops').selectAll().orderBy('site_id').orderBy('stop_id').execute();

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

  test('the 12 stops are stored under site 2023 as published, 10 with hours', async () => {
    assert.deepEqual(report.itinerantStops, { read: 12, imported: 12, siteId: '2023', siteMissing: false });
    assert.deepEqual(
      report.issues.filter((i) => i.source === SOURCE_ID),
      [],
    );
    const rows = await stopRows(db);
    assert.equal(rows.length, 12);
    const byId = new Map(rows.map((r) => [r.stop_id, r]));
    for (const r of records) {
      assert.deepEqual(byId.get(r.id), {
        site_id: '2023',
        stop_id: r.id,
        name: r.nom,
        street: r.adresse,
        postcode: r.code_postal,
        commune: r.commune,
        insee_commune: r.code_insee,
        lat: r.latitude,
        lon: r.longitude,
        opening_hours: r.horaires ?? null,
        source: SOURCE_ID,
      });
    }
    assert.equal(rows.filter((r) => r.opening_hours !== null).length, 10);
    assert.deepEqual(
      rows
        .filter((r) => r.opening_hours === null)
        .map((r) => r.commune)
        .sort(),
      ['Nanteuil-en-Vallée', 'Valence'],
    );
    assert.equal(byId.get('2')!.opening_hours, 'week 1-53/2 Tu 09:00-12:30,13:30-15:30; PH off');
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

  test('importing twice leaves the same stops, in the same transaction as the sites', async () => {
    const first = await stopRows(db);
    const again = await importData(db, { postcodesFile, now: NOW });
    assert.equal(again.itinerantStops.imported, 12);
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
      const row = await placed.selectFrom('itinerant_stops').selectAll().where('stop_id', '=', '4').executeTakeFirstOrThrow();
      assert.deepEqual({ lat: row.lat, lon: row.lon }, { lat: centres.get('16392')!.lat, lon: centres.get('16392')!.lon });
      // The other stops stay where they were published.
      const two = await placed.selectFrom('itinerant_stops').selectAll().where('stop_id', '=', '2').executeTakeFirstOrThrow();
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

    test('unreadable hours: the stop is kept as published and the import reports a correction naming it', async () => {
      const issues = variantReport.issues.filter((i) => i.source === SOURCE_ID);
      const corrected = issues.filter((i) => i.level === 'corrected');
      assert.equal(corrected.length, 1);
      assert.equal(corrected[0]!.recordId, '6');
      assert.equal(corrected[0]!.line, lineOf('6'));
      assert.match(corrected[0]!.message, /^stop 6 "Bus France Services - \[En face de la Mairie\]" \(Fouqueure\)/);
      assert.match(corrected[0]!.message, /25:00/);
      const row = await variant.selectFrom('itinerant_stops').selectAll().where('stop_id', '=', '6').executeTakeFirstOrThrow();
      assert.equal(row.opening_hours, 'Tu 25:00-26:00');
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
      const six = bus.stops.find((s) => s.id === '6')!;
      assert.equal(six.opening_hours, 'Tu 25:00-26:00');
      assert.deepEqual(six.next, []);
      const five = bus.stops.find((s) => s.id === '5')!;
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

  // Last: it empties the shared database of site 2023.
  test('a re-import of a list without site 2023 removes its stops, and reports no issue for them', async () => {
    assert.equal((await stopRows(db)).length, 12);
    const sample = await importData(db, { postcodesFile, sitesFile: FIXTURE_FILE, now: NOW });
    assert.deepEqual(sample.itinerantStops, { read: 12, imported: 0, siteId: '2023', siteMissing: true });
    assert.equal(await db.selectFrom('sites').select('id').where('id', '=', '2023').executeTakeFirst(), undefined);
    assert.deepEqual(await stopRows(db), []);
    // The stops are not wrong: their site is not in this list (a sample of it here).
    assert.deepEqual(
      sample.issues.filter((i) => i.source === SOURCE_ID),
      [],
    );
  });
});
