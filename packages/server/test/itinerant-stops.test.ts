import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCES } from '@fs-widgets/contract/sources';
import { openDatabase, type Db } from '../src/db/database.js';
import { importData, needsImport, type ImportReport } from '../src/import/import-data.js';
import { searchName } from '@fs-widgets/contract/search-name';
import { SiteCatalogue } from '../src/sites/site-catalogue.js';
import {
  FIXTURE_FILE,
  POSTCODES_FILE,
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
