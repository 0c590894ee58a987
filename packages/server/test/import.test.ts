import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openDatabase, type Db } from '../src/db/database.js';
import { importData, needsImport, type ImportReport } from '../src/import/import-data.js';
import { SITE_COLUMNS } from '../src/import/site-record.js';
import {
  FIXTURE_FILE,
  POSTCODES_FILE,
  SITES_FILE,
  SITES_IN_FIXTURE,
  SITES_IN_LIST,
  createTestDatabase,
  makeTempDir,
  removeTempDir,
  type TestDatabase,
} from './test-server.js';

const NOW = new Date('2024-09-01T08:00:00.000Z');

type Row = Record<string, string>;

/** The rows of an ANCT file read independently of the server's parser. */
function readRows(file: string): Row[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];
}

/** Every field quoted, quotes doubled: line breaks inside values are kept as they are. */
function toDelimited(columns: readonly string[], rows: Row[], separator: string, newline = '\n'): string {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  return [columns.map(quote).join(separator), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(separator))]
    .map((line) => line + newline)
    .join('');
}

/** 1-based line where each record starts in a file, found by its `"id_fs",` at the start of a line. */
function startLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  text.split('\n').forEach((line, i) => {
    const m = /^"(\d+)","/.exec(line);
    if (m) {
      assert.ok(!lines.has(m[1]!), `id ${m[1]} starts two lines`);
      lines.set(m[1]!, i + 1);
    }
  });
  return lines;
}

const allSites = (db: Db) => db.selectFrom('sites').selectAll().orderBy('id').execute();
const siteCount = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('sites')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const site = (db: Db, id: string) => db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('import of the real ANCT list', () => {
  let dir: string;
  let db: Db;
  let report: ImportReport;
  const fixtureText = readFileSync(FIXTURE_FILE, 'utf8');
  const fixtureRows = readRows(FIXTURE_FILE);

  /** A fresh database file in the temp dir. */
  const freshDb = async () => {
    const database = await createTestDatabase(dir);
    dropped.push(database);
    const fresh = await openDatabase(database.options);
    opened.push(fresh);
    return fresh;
  };
  const opened: Db[] = [];
  /** The databases of the engine under test (SQLite files, or PostgreSQL databases dropped after). */
  const dropped: TestDatabase[] = [];
  /** Writes a sites file in the temp dir. */
  const writeSites = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text, 'utf8');
    return file;
  };

  /**
   * The fixture imports only check sites: they read the postcodes of Lozère alone (real rows of
   * the La Poste base), which spares parsing the whole base each time.
   */
  let postcodesFile: string;

  before(async () => {
    dir = makeTempDir();
    const laPoste = readFileSync(POSTCODES_FILE, 'utf8').split('\n');
    const lozere = laPoste.filter((line, i) => i === 0 || line.startsWith('48'));
    assert.ok(lozere.length > 100);
    postcodesFile = writeSites('postcodes-48.csv', `${lozere.join('\n')}\n`);
    db = await freshDb();
    assert.equal(await needsImport(db), true);
    report = await importData(db, { now: NOW });
  });

  after(async () => {
    for (const d of opened) await d.destroy();
    for (const d of dropped) await d.drop();
    removeTempDir(dir);
  });

  test('the full list loads 2,845 sites and 0 skipped rows', async () => {
    assert.equal(report.sites.read, SITES_IN_LIST);
    assert.equal(report.sites.imported, SITES_IN_LIST);
    assert.equal(report.sites.removed, 0);
    assert.equal(report.sites.separator, ',');
    assert.deepEqual(
      report.issues.filter((i) => i.level === 'skipped'),
      [],
    );
    assert.equal(await siteCount(db), SITES_IN_LIST);
    assert.equal(await needsImport(db), false);
    assert.equal(report.importedAt, NOW.toISOString());
    // Every id_fs of the file is stored.
    const ids = new Set((await allSites(db)).map((s) => s.id));
    for (const row of readRows(SITES_FILE)) assert.ok(ids.has(row.id_fs!), `id ${row.id_fs} missing`);
    // Communes: the COG communes, arrondissements and former communes, with their postcodes.
    assert.ok(report.communes.imported > 37_000, `${report.communes.imported} communes`);
    assert.ok(report.communes.postcodes > 35_000, `${report.communes.postcodes} postcodes`);
    assert.ok(
      report.communes.withoutLocation.every((c) => /^9[78]/.test(c)),
      'only overseas collectivities lack a location',
    );
  });

  test('each site records the 1-based line where its row starts, multi-line rows included', async () => {
    const expected = startLines(readFileSync(SITES_FILE, 'utf8'));
    assert.equal(expected.size, SITES_IN_LIST);
    const rows = await allSites(db);
    for (const s of rows) assert.equal(s.source_line, expected.get(s.id), `line of site ${s.id}`);
    // The file has multi-line comments: some rows start further down than their rank.
    const ranks = [...expected.values()].sort((a, b) => a - b);
    assert.ok(ranks.at(-1)! > SITES_IN_LIST + 1);
  });

  test('importing the same file twice leaves identical rows', async () => {
    const tables = async () => ({
      sites: await allSites(db),
      communes: await db.selectFrom('communes').selectAll().orderBy('insee').execute(),
      postcodes: await db.selectFrom('commune_postcodes').selectAll().orderBy('insee').orderBy('postcode').execute(),
      issues: await db.selectFrom('import_issues').select(['source', 'line', 'record_id', 'level', 'message']).orderBy('id').execute(),
      meta: await db.selectFrom('meta').selectAll().orderBy('key').execute(),
    });
    const first = await tables();
    const again = await importData(db, { now: NOW });
    const second = await tables();
    assert.equal(again.sites.imported, SITES_IN_LIST);
    assert.equal(again.sites.removed, 0);
    assert.equal(second.sites.length, SITES_IN_LIST);
    assert.equal(second.communes.length, report.communes.imported);
    assert.equal(second.postcodes.length, report.communes.postcodes);
    assert.equal(second.issues.length, report.issues.length);
    assert.deepEqual(second, first);
  });

  test('format_fs maps to the kind of every real row; bus and roaming are itinerant', async () => {
    const expectedKind: Record<string, string> = {
      Fixe: 'fixed',
      'Fixe_antenne(s)': 'antenna',
      Multisites: 'multisite',
      Bus_équivalent: 'bus',
      Itinérante: 'roaming',
    };
    const stored = new Map((await allSites(db)).map((s) => [s.id, s]));
    const seen = new Map<string, number>();
    for (const row of readRows(SITES_FILE)) {
      const s = stored.get(row.id_fs!)!;
      const kind = expectedKind[row.format_fs!];
      assert.ok(kind, `unexpected format_fs "${row.format_fs}"`);
      assert.equal(s.kind, kind, `kind of ${s.id}`);
      assert.equal(s.itinerant, kind === 'bus' || kind === 'roaming' ? 1 : 0, `itinerant of ${s.id}`);
      assert.equal(s.role, row.type_fs === 'Antenne' ? 'antenna' : 'main', `role of ${s.id}`);
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
    }
    // All five kinds occur in the real list.
    assert.deepEqual([...seen.keys()].sort(), ['antenna', 'bus', 'fixed', 'multisite', 'roaming']);
    // Rows of the fixture chosen for their format.
    assert.equal((await site(db, '3')).kind, 'bus');
    assert.equal((await site(db, '3')).itinerant, 1);
    assert.equal((await site(db, '143')).kind, 'antenna');
    assert.equal((await site(db, '75')).kind, 'roaming');
    assert.equal((await site(db, '75')).itinerant, 1);
    assert.equal((await site(db, '942')).kind, 'multisite');
    assert.equal((await site(db, '942')).itinerant, 0);
    assert.equal((await site(db, '2092')).kind, 'fixed');
    const neussargues = await site(db, '99');
    assert.equal(neussargues.kind, 'fixed');
    assert.equal(neussargues.role, 'antenna');
  });

  test('hours are normalised into the week with an OSM string ending with PH off', async () => {
    // "99": Mo 09:00 - 12:00; Tu, We 09:00 - 12:00 / 13:30 - 17:00; Th, Fr 13:30 - 17:30; no Saturday.
    const s = await site(db, '99');
    assert.deepEqual(JSON.parse(s.hours), {
      mo: [{ opens: '09:00', closes: '12:00' }],
      tu: [
        { opens: '09:00', closes: '12:00' },
        { opens: '13:30', closes: '17:00' },
      ],
      we: [
        { opens: '09:00', closes: '12:00' },
        { opens: '13:30', closes: '17:00' },
      ],
      th: [{ opens: '13:30', closes: '17:30' }],
      fr: [{ opens: '13:30', closes: '17:30' }],
      sa: [],
      su: [],
    });
    assert.equal(s.opening_hours, 'Mo 09:00-12:00; Tu-We 09:00-12:00,13:30-17:00; Th-Fr 13:30-17:30; PH off');
    assert.equal(s.weekly_minutes, 180 + 2 * 390 + 2 * 240);
    assert.equal(s.appointment, 1);
    // Every site with hours has an OSM string ending with PH off; a site without any has none.
    for (const row of await allSites(db)) {
      const week = JSON.parse(row.hours) as Record<string, unknown[]>;
      assert.deepEqual(Object.keys(week), ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']);
      assert.deepEqual(week.su, [], `no Sunday column in the list (${row.id})`);
      if (row.weekly_minutes > 0) assert.match(row.opening_hours ?? '', /^(Mo|Tu|We|Th|Fr|Sa).*; PH off$/, `site ${row.id}`);
      else assert.equal(row.opening_hours, null, `site ${row.id}`);
    }
  });

  test('overseas sites get their own time zone', async () => {
    const expected: Record<string, string> = {
      '561': 'Indian/Reunion', // Saint-Louis, La Réunion
      '798': 'America/Guadeloupe',
      '555': 'America/Martinique',
      '559': 'America/Cayenne',
      '565': 'Indian/Mayotte',
      '1684': 'America/Marigot',
      '2983': 'Europe/Paris',
      '124': 'Europe/Paris', // Corse 2A
    };
    for (const [id, zone] of Object.entries(expected)) assert.equal((await site(db, id)).time_zone, zone, `site ${id}`);
    const reunion = await site(db, '561');
    assert.equal(reunion.department, '974');
    assert.equal(reunion.name, 'France services Saint-Louis - Makes');
    // Every Réunion site, not just one.
    const zones = await db.selectFrom('sites').select('time_zone').distinct().where('department', '=', '974').execute();
    assert.deepEqual(zones, [{ time_zone: 'Indian/Reunion' }]);
  });

  test('00:00 - 00:00 placeholders are imported with a "corrected" issue', async () => {
    // Line 55: "67" Salles-sur-l'Hers, h_vendredi "00:00 - 00:00" (closed on Friday).
    const salles = await site(db, '67');
    assert.equal(salles.source_line, 55);
    assert.deepEqual(JSON.parse(salles.hours).fr, []);
    assert.deepEqual(JSON.parse(salles.hours).th, [
      { opens: '08:30', closes: '13:00' },
      { opens: '13:30', closes: '17:00' },
    ]);
    const issue = report.issues.find((i) => i.recordId === '67');
    assert.ok(issue);
    assert.equal(issue.level, 'corrected');
    assert.equal(issue.line, 55);
    assert.equal(issue.source, 'anct-france-services');
    assert.match(issue.message, /h_vendredi/);
    assert.match(issue.message, /00:00 - 00:00/);
    // Line 30: "29" Saint-Agrève, h_mercredi "00:00 - 00:00 / 09:00 - 12:00" keeps the real range.
    const agreve = await site(db, '29');
    assert.deepEqual(JSON.parse(agreve.hours).we, [{ opens: '09:00', closes: '12:00' }]);
    const agreveIssue = report.issues.find((i) => i.recordId === '29');
    assert.equal(agreveIssue?.level, 'corrected');
    assert.equal(agreveIssue?.line, 30);
    // Every row of the list holding the placeholder is imported and reported as corrected.
    const withPlaceholder = readRows(SITES_FILE).filter((r) =>
      ['h_lundi', 'h_mardi', 'h_mercredi', 'h_jeudi', 'h_vendredi', 'h_samedi'].some((c) => r[c]?.includes('00:00 - 00:00')),
    );
    assert.ok(withPlaceholder.length >= 20, `${withPlaceholder.length} rows with the placeholder`);
    const corrected = new Set(report.issues.filter((i) => i.level === 'corrected').map((i) => i.recordId));
    for (const row of withPlaceholder) {
      assert.ok(corrected.has(row.id_fs!), `placeholder of ${row.id_fs} not reported`);
      assert.ok(!(await site(db, row.id_fs!)).hours.includes('"00:00"'), `placeholder of ${row.id_fs} kept`);
    }
    // The stored issues are the reported ones.
    const stored = await db.selectFrom('import_issues').selectAll().where('record_id', '=', '67').execute();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.line, 55);
    assert.equal(stored[0]!.level, 'corrected');
  });

  test('the carrier is inferred from the name', async () => {
    assert.equal((await site(db, '2')).carrier, 'la-poste'); // France services La Poste de Saint-Trivier-de-Courtes
    assert.equal((await site(db, '565')).carrier, 'la-poste'); // La Poste de Kani-Kéli
    assert.equal((await site(db, '116')).carrier, 'msa'); // France services MSA Jonzac
    assert.equal((await site(db, '533')).carrier, 'sous-prefecture'); // de la sous-préfecture d'Etampes
    assert.equal((await site(db, '99')).carrier, null);
    assert.equal((await site(db, '2983')).carrier, null);
    // Every name holding "La Poste" is carried by La Poste.
    for (const s of await allSites(db)) {
      if (/\bLa Poste\b/i.test(s.name)) assert.equal(s.carrier, 'la-poste', s.name);
    }
  });

  test('other fields: address, coordinates, contact, label date, comment', async () => {
    const mende = await site(db, '2983');
    assert.equal(mende.name, 'France services de Mende');
    assert.equal(mende.street, 'Rue du Faubourg Montbel');
    assert.equal(mende.complement, 'préfecture');
    assert.equal(mende.insee_commune, '48095');
    assert.equal(mende.postcode, '48000');
    assert.equal(mende.commune, 'Mende');
    assert.equal(mende.department, '48');
    assert.equal(mende.lat, 44.520171);
    assert.ok(Math.abs(mende.lon - 3.49607) < 1e-3);
    const bus = await site(db, '3');
    assert.equal(bus.email, 'busfranceservices@cctso.fr');
    assert.equal(bus.phone, '07 85 78 24 48');
    assert.equal(bus.labelled_on, '2020-01-01');
    assert.equal(bus.complement, null);
    assert.equal(bus.comment, null);
    const paris = await site(db, '942'); // multisites Paris: no phone
    assert.equal(paris.email, 'paris-multisites@pimms.org');
    assert.equal(paris.phone, null);
    const valDOise = await site(db, '2677'); // bus of the Val d'Oise: no mail
    assert.equal(valDOise.email, null);
    assert.equal(valDOise.phone, '01 34 25 30 30');
    // The multi-line comment is kept whole.
    const manceau = await site(db, '2092');
    assert.match(manceau.comment ?? '', /^[\s\S]*Lundi 9h00-12h00[\s\S]*\n[\s\S]*Vendredi 9h00-12h00 : Changé/);
    const row = readRows(SITES_FILE).find((r) => r.id_fs === '2092')!;
    assert.equal(manceau.comment, row.commentaire!.trim());
    assert.ok((manceau.comment!.match(/\n/g) ?? []).length >= 10);
  });

  test('a semicolon-separated file imports the same sites with identical values', async () => {
    const commaDb = await freshDb();
    const comma = await importData(commaDb, { postcodesFile, sitesFile: FIXTURE_FILE, now: NOW });
    assert.equal(comma.sites.separator, ',');
    assert.equal(comma.sites.imported, SITES_IN_FIXTURE);

    assert.equal(fixtureRows.length, SITES_IN_FIXTURE);
    const semicolonText = toDelimited(SITE_COLUMNS, fixtureRows, ';');
    // The multi-line comments are still there.
    assert.equal(semicolonText.split('\n').length, fixtureText.split('\n').length);
    const semicolonDb = await freshDb();
    const semicolon = await importData(semicolonDb, { postcodesFile, sitesFile: writeSites('semicolon.csv', semicolonText), now: NOW });
    assert.equal(semicolon.sites.separator, ';');
    assert.equal(semicolon.sites.read, SITES_IN_FIXTURE);
    assert.equal(semicolon.sites.imported, SITES_IN_FIXTURE);
    assert.deepEqual(semicolon.issues, comma.issues);

    const commaSites = await allSites(commaDb);
    assert.equal(commaSites.length, SITES_IN_FIXTURE);
    assert.deepEqual(await allSites(semicolonDb), commaSites);
    // The fixture sites are stored as in the full list.
    const full = new Map((await allSites(db)).map((s) => [s.id, s]));
    for (const s of commaSites) {
      const { source_line: _a, ...fromFixture } = s;
      const { source_line: _b, ...fromList } = full.get(s.id)!;
      assert.deepEqual(fromFixture, fromList, `site ${s.id}`);
    }
  });

  test('a CRLF file gives the same sites and line numbers as the LF one', async () => {
    const crlfDb = await freshDb();
    const crlf = await importData(crlfDb, {
      postcodesFile,
      sitesFile: writeSites('crlf.csv', fixtureText.replace(/\n/g, '\r\n')),
      now: NOW,
    });
    assert.equal(crlf.sites.imported, SITES_IN_FIXTURE);
    const expected = startLines(fixtureText);
    for (const s of await allSites(crlfDb)) assert.equal(s.source_line, expected.get(s.id), `line of site ${s.id}`);
    assert.equal((await site(crlfDb, '426')).source_line, 23);
  });

  describe('a malformed row is skipped and reported with its line, the others are imported', () => {
    const lines = fixtureText.split('\n'); // lines[i] is line i + 1; the text ends with a line break
    const lineOf = startLines(fixtureText);

    const importVariant = async (name: string, text: string) => {
      const variantDb = await freshDb();
      const result = await importData(variantDb, { postcodesFile, sitesFile: writeSites(name, text), now: NOW });
      return { db: variantDb, report: result, skipped: result.issues.filter((i) => i.level === 'skipped') };
    };

    test('an unclosed quote at the end of the file', async () => {
      const text = `${fixtureText}"9999","48","France services sans fin\n`;
      const { db: d, report: r, skipped } = await importVariant('unclosed.csv', text);
      assert.equal(skipped.length, 1);
      assert.equal(skipped[0]!.line, lines.length); // the line after the last row
      assert.equal(skipped[0]!.line, 66);
      assert.match(skipped[0]!.message, /quote/i);
      assert.equal(r.sites.imported, SITES_IN_FIXTURE);
      assert.equal(r.sites.read, SITES_IN_FIXTURE + 1);
      assert.equal(await siteCount(d), SITES_IN_FIXTURE);
    });

    test('a row with one column too many', async () => {
      const id = '657'; // Lyon, line 30
      const line = lineOf.get(id)!;
      assert.equal(line, 30);
      const changed = [...lines];
      changed[line - 1] = `${changed[line - 1]},"extra"`;
      const { db: d, report: r, skipped } = await importVariant('extra-column.csv', changed.join('\n'));
      assert.equal(skipped.length, 1);
      assert.equal(skipped[0]!.line, 30);
      assert.equal(skipped[0]!.level, 'skipped');
      assert.match(skipped[0]!.message, /24.*25/);
      assert.equal(r.sites.imported, SITES_IN_FIXTURE - 1);
      assert.equal(r.sites.read, SITES_IN_FIXTURE);
      assert.equal(await siteCount(d), SITES_IN_FIXTURE - 1);
      assert.equal(await d.selectFrom('sites').select('id').where('id', '=', id).executeTakeFirst(), undefined);
      // The rows after it keep their lines.
      assert.equal((await site(d, '76')).source_line, lineOf.get('76'));
    });

    test('a multi-line row with a column missing is reported at the line where it starts', async () => {
      const id = '2092'; // lines 7 to 22: a comment of 16 lines
      assert.equal(lineOf.get(id), 7);
      const changed = [...lines];
      assert.match(changed[21]!, /"Fixe",,"Espace labellisé 01\/07\/2021"$/);
      changed[21] = changed[21]!.replace(/,"Espace labellisé 01\/07\/2021"$/, '');
      const { db: d, report: r, skipped } = await importVariant('missing-column.csv', changed.join('\n'));
      assert.equal(skipped.length, 1);
      assert.equal(skipped[0]!.line, 7);
      assert.match(skipped[0]!.message, /24.*23/);
      assert.equal(r.sites.imported, SITES_IN_FIXTURE - 1);
      assert.equal(await d.selectFrom('sites').select('id').where('id', '=', id).executeTakeFirst(), undefined);
      assert.equal((await site(d, '426')).source_line, 23);
    });

    test('a latitude "abc"', async () => {
      const id = '2983';
      const line = lineOf.get(id)!;
      const changed = [...lines];
      assert.match(changed[line - 1]!, /,44\.520171,/);
      changed[line - 1] = changed[line - 1]!.replace(',44.520171,', ',"abc",');
      const { db: d, report: r, skipped } = await importVariant('latitude.csv', changed.join('\n'));
      assert.deepEqual(
        skipped.map(({ line: l, recordId, level, source }) => ({ line: l, recordId, level, source })),
        [{ line, recordId: id, level: 'skipped', source: 'anct-france-services' }],
      );
      assert.match(skipped[0]!.message, /latitude "abc"/);
      assert.equal(r.sites.read, SITES_IN_FIXTURE);
      assert.equal(r.sites.imported, SITES_IN_FIXTURE - 1);
      assert.equal(await siteCount(d), SITES_IN_FIXTURE - 1);
      const stored = await d.selectFrom('import_issues').selectAll().where('level', '=', 'skipped').execute();
      assert.equal(stored.length, 1);
      assert.equal(stored[0]!.line, line);
      assert.equal(stored[0]!.record_id, id);
    });

    test('an unknown format_fs', async () => {
      const id = '426'; // multi-line row starting on line 23
      const line = lineOf.get(id)!;
      assert.equal(line, 23);
      const text = fixtureText.replace(/("426","72",[\s\S]*?"Principal",)"Fixe"/, (_m, head: string) => `${head}"Kiosque"`);
      assert.notEqual(text, fixtureText);
      const { report: r, skipped } = await importVariant('format.csv', text);
      assert.equal(skipped.length, 1);
      assert.equal(skipped[0]!.line, 23);
      assert.equal(skipped[0]!.recordId, id);
      assert.match(skipped[0]!.message, /format_fs "Kiosque"/);
      assert.equal(r.sites.imported, SITES_IN_FIXTURE - 1);
    });
  });

  test('a file lacking a required column fails with an error naming it, and changes nothing', async () => {
    const d = await freshDb();
    await importData(d, { postcodesFile, sitesFile: FIXTURE_FILE, now: NOW });
    const before = await allSites(d);
    const text = fixtureText.replace('"latitude",', '"lat",');
    await assert.rejects(importData(d, { postcodesFile, sitesFile: writeSites('no-latitude.csv', text), now: NOW }), (err: Error) => {
      assert.match(err.message, /no column "latitude"/);
      return true;
    });
    assert.deepEqual(await allSites(d), before);
  });

  test('re-importing a smaller file removes the sites that disappeared', async () => {
    const d = await freshDb();
    await importData(d, { postcodesFile, sitesFile: FIXTURE_FILE, now: NOW });
    assert.equal(await siteCount(d), SITES_IN_FIXTURE);
    const kept = fixtureRows.slice(0, 40);
    const gone = fixtureRows.slice(40).map((r) => r.id_fs!);
    const smaller = await importData(d, {
      postcodesFile,
      sitesFile: writeSites('smaller.csv', toDelimited(SITE_COLUMNS, kept, ',')),
      now: new Date('2024-10-01T08:00:00.000Z'),
    });
    assert.equal(smaller.sites.imported, 40);
    assert.equal(smaller.sites.removed, 6);
    const ids = (await allSites(d)).map((s) => s.id);
    assert.equal(ids.length, 40);
    for (const id of gone) assert.ok(!ids.includes(id), `site ${id} still there`);
    assert.deepEqual([...ids].sort(), kept.map((r) => r.id_fs!).sort());
    // The sites kept carry the new import date.
    const dates = await d.selectFrom('sites').select('imported_at').distinct().execute();
    assert.deepEqual(dates, [{ imported_at: '2024-10-01T08:00:00.000Z' }]);
  });

  test('a site whose row is malformed on re-import is kept as it was, not removed', async () => {
    const d = await freshDb();
    await importData(d, { postcodesFile, sitesFile: FIXTURE_FILE, now: NOW });
    const before = await site(d, '2983');
    const broken = fixtureRows.map((r) => (r.id_fs === '2983' ? { ...r, latitude: 'abc' } : r));
    const again = await importData(d, {
      postcodesFile,
      sitesFile: writeSites('broken-mende.csv', toDelimited(SITE_COLUMNS, broken, ',')),
      now: new Date('2024-10-01T08:00:00.000Z'),
    });
    assert.equal(again.sites.removed, 0);
    assert.ok(again.issues.some((i) => i.recordId === '2983' && i.level === 'skipped'));
    assert.deepEqual(await site(d, '2983'), before);
    assert.equal(await siteCount(d), SITES_IN_FIXTURE);
  });

  test('when a row is unreadable to the point of losing its id, nothing is removed', async () => {
    const d = await freshDb();
    await importData(d, { postcodesFile, sitesFile: FIXTURE_FILE, now: NOW });
    const text = toDelimited(SITE_COLUMNS, fixtureRows.slice(0, 40), ',');
    // A row with too few columns: csv-parse cannot say which site it was.
    const again = await importData(d, {
      postcodesFile,
      sitesFile: writeSites('unreadable.csv', `${text}"oops","48"\n`),
      now: new Date('2024-10-01T08:00:00.000Z'),
    });
    assert.equal(again.sites.removed, 0);
    assert.equal(again.sites.removalWithheld, true);
    assert.equal(await siteCount(d), SITES_IN_FIXTURE);
    const issue = again.issues.find((i) => i.level === 'skipped')!;
    assert.equal(issue.line, text.split('\n').length); // the line right after the 40 good records
    assert.doesNotMatch(issue.message, /line \d+/);
  });
});
