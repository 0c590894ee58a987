import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { DataInclusionPage, DataInclusionService, DataInclusionStructure, LocalPartner, Permanence } from '@fs-widgets/contract';
import { createToken } from '../src/auth/tokens.js';
import { cleanName, combinedOpeningHours, dataDateOf, originOf, permanenceFr, toE164, validEmail } from '../src/exports/data-inclusion.js';
import { expectProblem, json, SITES_IN_LIST, startTestServer, type TestServer } from './test-server.js';

const DATA_INCLUSION_DIR = fileURLToPath(new URL('../data/data-inclusion/', import.meta.url));
const readSchema = (name: string) => JSON.parse(readFileSync(join(DATA_INCLUSION_DIR, name), 'utf8')) as object;

const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const validateStructure = ajv.compile(readSchema('structure.json'));
const validateService = ajv.compile(readSchema('service.json'));

const STRUCTURES = '/api/v1/exports/data-inclusion/structures';
const SERVICES = '/api/v1/exports/data-inclusion/services';
const NATIONAL_PER_SITE = 9;
const MENDE = '2983';

/** Asserts every item validates against the official schema; names the first failing one with ajv's errors. */
function assertValid(items: readonly unknown[], validate: typeof validateStructure, what: string) {
  for (const item of items) {
    if (!validate(item)) {
      assert.fail(
        `${what} ${(item as { id?: string }).id} breaks the data·inclusion schema: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(item, null, 2)}`,
      );
    }
  }
}

let keys = 0;
const newKey = () => `export-key-${process.pid}-${Date.now().toString(36)}-${keys++}`;

describe('data·inclusion exports (real data)', () => {
  let server: TestServer;
  let agentToken: string;
  const pages = async <T>(path: string, size: number, query = ''): Promise<{ items: T[]; first: DataInclusionPage<T> }> => {
    const first = await json<DataInclusionPage<T>>(await server.get(`${path}?size=${size}&page=1${query}`));
    const items = [...first.items];
    for (let page = 2; page <= first.pages; page++) {
      const next = await json<DataInclusionPage<T>>(await server.get(`${path}?size=${size}&page=${page}${query}`));
      assert.equal(next.total, first.total, 'the total is the same on every page');
      assert.equal(next.page, page);
      items.push(...next.items);
    }
    return { items, first };
  };
  const sitesOf = (department?: string) =>
    server.db
      .selectFrom('sites')
      .select(['id', 'email', 'department'])
      .$if(department !== undefined, (qb) => qb.where('department', '=', department!))
      .execute();
  /** A site's own services: its local partners and its outreach stops (the Ruffecois bus's 12, issue 16). */
  const localCount = async (department?: string) => {
    const ids = new Set((await sitesOf(department)).map((s) => s.id));
    const rows = [
      ...(await server.db.selectFrom('local_partners').select('site_id').execute()),
      ...(await server.db.selectFrom('outreach_stops').select('site_id').execute()),
    ];
    return rows.filter((row) => ids.has(row.site_id)).length;
  };

  before(async () => {
    server = await startTestServer();
    agentToken = (
      await createToken(server.db, { role: 'agent', siteId: MENDE, label: 'accueil Mende', expiresAt: new Date(Date.now() + 86_400_000) })
    ).token;
  });

  after(async () => {
    await server?.close();
  });

  const post = (path: string, body: unknown) =>
    server.get(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agentToken}` },
      body: JSON.stringify(body),
    });

  test('every structure of every site validates against structure.json; no duplicate, no gap across pages', async (t) => {
    const { items, first } = await pages<DataInclusionStructure>(STRUCTURES, 5000);
    assert.equal(first.total, SITES_IN_LIST);
    assert.equal(first.pages, 1);
    assert.equal(first.size, 5000);
    assert.equal(items.length, SITES_IN_LIST);
    assertValid(items, validateStructure, 'structure');

    const ids = items.map((s) => s.id);
    assert.equal(new Set(ids).size, SITES_IN_LIST, 'structure ids are unique');
    const sites = await sitesOf();
    assert.deepEqual(new Set(ids), new Set(sites.map((s) => `fs-widgets--${s.id}`)), 'one structure per site');

    // Smaller pages give the same sequence.
    const paged = await pages<DataInclusionStructure>(STRUCTURES, 1000);
    assert.equal(paged.first.pages, 3);
    assert.deepEqual(
      paged.items.map((s) => s.id),
      ids,
    );

    for (const s of items) {
      assert.equal(s.source, 'fs-widgets');
      assert.equal(s.date_maj, '2024-08-01', 'the date of the ANCT list');
      assert.deepEqual(s.reseaux_porteurs, ['france-service']);
      assert.equal(s.siret, null);
      assert.equal(s.accessibilite_lieu, null);
      assert.ok(!s.nom.endsWith('.'), s.nom);
      assert.ok(s.lien_source?.startsWith(`${server.url}/api/v1/sites/`), String(s.lien_source));
      assert.match(s.description ?? '', /France services/);
      assert.ok(s.telephone === null || /^\+\d{11,12}$|^08/.test(s.telephone), String(s.telephone));
    }

    // E-mails: published only when the list gives one valid address.
    const emailById = new Map(sites.map((s) => [`fs-widgets--${s.id}`, s.email]));
    let nulled = 0;
    for (const s of items) {
      const published = emailById.get(s.id);
      if (s.courriel !== null) assert.equal(s.courriel, published?.trim());
      else if (published) nulled++;
    }
    assert.equal(nulled, 2, 'the two ANCT cells holding several addresses');
    t.diagnostic(`e-mails not published (malformed in the list): ${nulled}; sites without e-mail: ${sites.filter((s) => !s.email).length}`);

    const mende = items.find((s) => s.id === `fs-widgets--${MENDE}`)!;
    assert.equal(mende.code_insee, '48095');
    assert.match(mende.horaires_accueil ?? '', /PH off$/);
    const bus = items.find((s) => s.id === 'fs-widgets--2023')!;
    assert.match(bus.description ?? '', /bus France services/);
  });

  test('every service validates against service.json: nine national partners per site plus the local ones', async (t) => {
    const started = Date.now();
    const { items, first } = await pages<DataInclusionService>(SERVICES, 5000);
    const locals = await localCount();
    assert.equal(first.total, NATIONAL_PER_SITE * SITES_IN_LIST + locals);
    assert.equal(items.length, first.total);
    assert.equal(first.pages, Math.ceil(first.total / 5000));
    assertValid(items, validateService, 'service');
    t.diagnostic(`${first.total} services (${locals} local) in ${first.pages} pages, ${Date.now() - started} ms`);

    const ids = items.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, 'service ids are unique');
    const structures = new Set((await sitesOf()).map((s) => `fs-widgets--${s.id}`));
    for (const s of items) assert.ok(structures.has(s.structure_id), s.structure_id);

    // Page boundaries that fall inside a site's services give the same sequence.
    const paged = await pages<DataInclusionService>(SERVICES, 3333);
    assert.deepEqual(
      paged.items.map((s) => s.id),
      ids,
    );

    // The Ruffecois bus's stops: a service each, at the stop's place, with its hours (OSM when it can say them).
    const stops = items.filter((s) => s.id.startsWith('fs-widgets--2023--stop-'));
    assert.equal(stops.length, 12);
    const tusson = stops.find((s) => s.commune === 'Tusson')!;
    assert.equal(tusson.structure_id, 'fs-widgets--2023');
    assert.equal(tusson.nom, 'Bus France services — Tusson');
    assert.deepEqual(
      [tusson.adresse, tusson.code_postal, tusson.code_insee, tusson.latitude, tusson.longitude],
      ['Le Bourg', '16140', '16390', 45.932439, 0.068913],
    );
    assert.match(
      tusson.description,
      /le mardi, une semaine sur deux de 9 h à 12 h 30, à partir du 09\/10\/2023 ; le mardi, une semaine sur deux de 13 h 30 à 15 h 30/,
    );
    // Every other week from a date: per ISO year, the one of today and the next (the same string as the site's stop).
    assert.match(
      tusson.horaires_accueil ?? '',
      /^\d{4} \w{3} \d{2}-\d{4} \w{3} \d{2} week 0[12]-5[123]\/2 Tu 09:00-12:30,13:30-15:30, \d{4} \w{3} \d{2}-\d{4} \w{3} \d{2} week 0[12]-5[123]\/2 Tu 09:00-12:30,13:30-15:30; PH off$/,
    );
    assert.deepEqual(
      stops.filter((s) => s.horaires_accueil === null).map((s) => s.commune),
      ['Nanteuil-en-Vallée', 'Valence'],
      'only the stops whose hours the file does not give',
    );
    const saintFraigne = stops.find((s) => s.commune === 'Saint-Fraigne')!;
    assert.equal(saintFraigne.horaires_accueil, 'Mo 09:30-12:30,13:30-15:30; PH off');
    assert.match(stops.find((s) => s.commune === 'Valence')!.description, /horaires de passage non publiés/);

    const caf = items.find((s) => s.id === `fs-widgets--${MENDE}--caf`)!;
    assert.equal(caf.structure_id, `fs-widgets--${MENDE}`);
    assert.equal(caf.type, 'accompagnement');
    assert.equal(caf.frais, 'gratuit');
    assert.deepEqual(caf.publics, ['tous-publics']);
    assert.deepEqual(caf.modes_accueil, ['en-presentiel']);
    assert.ok(caf.thematiques && caf.thematiques.length > 0, 'thématiques from the directory');
    assert.match(caf.nom, /^Accompagnement aux démarches /);
    assert.ok(caf.lien_source?.endsWith(`/api/v1/sites/${MENDE}/partners`));
  });

  test('departement=48 keeps the Lozère sites only', async () => {
    const lozere = await sitesOf('48');
    assert.ok(lozere.length > 0);
    const structures = await json<DataInclusionPage<DataInclusionStructure>>(await server.get(`${STRUCTURES}?departement=48&size=5000`));
    assert.equal(structures.total, lozere.length);
    assert.deepEqual(new Set(structures.items.map((s) => s.id)), new Set(lozere.map((s) => `fs-widgets--${s.id}`)));
    for (const s of structures.items) assert.match(s.code_postal ?? '', /^48/);

    const services = await json<DataInclusionPage<DataInclusionService>>(await server.get(`${SERVICES}?departement=48&size=5000`));
    assert.equal(services.total, NATIONAL_PER_SITE * lozere.length + (await localCount('48')));
    const ids = new Set(structures.items.map((s) => s.id));
    for (const s of services.items) assert.ok(ids.has(s.structure_id), s.structure_id);

    // Corsica's letters, either case; a département without any site is an empty export.
    const corse = await json<DataInclusionPage<DataInclusionStructure>>(await server.get(`${STRUCTURES}?departement=2a&size=10`));
    assert.ok(corse.total > 0);
    const empty = await json<DataInclusionPage<DataInclusionStructure>>(await server.get(`${STRUCTURES}?departement=975`));
    assert.deepEqual({ ...empty, items: empty.items.length }, { items: 0, total: 0, page: 1, size: 500, pages: 0 });
  });

  test('a local partner and its permanence, added by an agent through the API, are a service of the site', async () => {
    const before = await json<DataInclusionPage<DataInclusionService>>(await server.get(`${SERVICES}?departement=48&size=5000`));
    const created = await post(`/api/v1/sites/${MENDE}/local-partners`, {
      key: newKey(),
      name: 'Mission locale Lozère.',
      description:
        'Accompagnement des jeunes de 16 à 25 ans vers l’emploi et la formation. Écrire à jean.dupont@example.org ou 06 12 34 56 78',
      thematiques: ['choisir-un-metier--confirmer-son-choix-de-metier', 'trouver-un-emploi--repondre-a-des-offres-demploi'],
      phone: '04 66 49 00 00',
      website: 'https://www.example.org/mission-locale',
    });
    const partnerText = await created.text();
    assert.equal(created.status, 201, partnerText);
    const partner = JSON.parse(partnerText) as LocalPartner;
    const monthly = await post(`/api/v1/sites/${MENDE}/permanences`, {
      key: newKey(),
      local_partner_id: partner.id,
      recurrence: { freq: 'monthly', day: 'tu', nth: [2, -1] },
      opens: '09:00',
      closes: '12:00',
      by_appointment: false,
      note: 'Salle du conseil',
    });
    assert.equal(monthly.status, 201, await monthly.clone().text());
    const weekly = (await (
      await post(`/api/v1/sites/${MENDE}/permanences`, {
        key: newKey(),
        local_partner_id: partner.id,
        recurrence: { freq: 'weekly', days: ['th'], interval: 1 },
        opens: '14:00',
        closes: '16:30',
        by_appointment: true,
      })
    ).json()) as Permanence;
    assert.equal(weekly.opening_hours, 'Th 14:00-16:30; PH off');
    // A national partner's permanence at the site shows in that partner's service.
    const caf = await post(`/api/v1/sites/${MENDE}/permanences`, {
      key: newKey(),
      partner: 'caf',
      recurrence: { freq: 'weekly', days: ['mo'], interval: 1 },
      opens: '09:30',
      closes: '11:30',
      by_appointment: true,
    });
    assert.equal(caf.status, 201, await caf.clone().text());

    const after = await json<DataInclusionPage<DataInclusionService>>(await server.get(`${SERVICES}?departement=48&size=5000`));
    assert.equal(after.total, before.total + 1);
    assertValid(after.items, validateService, 'service');
    const local = after.items.find((s) => s.id === `fs-widgets--${MENDE}--local-${partner.id}`);
    assert.ok(local, 'the local partner is a service');
    assert.equal(local.structure_id, `fs-widgets--${MENDE}`);
    assert.equal(local.nom, 'Mission locale Lozère', 'no final dot');
    assert.deepEqual(local.thematiques, [
      'choisir-un-metier--confirmer-son-choix-de-metier',
      'trouver-un-emploi--repondre-a-des-offres-demploi',
    ]);
    assert.equal(local.horaires_accueil, 'Tu[2,-1] 09:00-12:00, Th 14:00-16:30; PH off');
    assert.equal(local.telephone, '+33466490000');
    assert.deepEqual(local.modes_mobilisation, ['se-presenter', 'telephoner']);
    assert.equal(local.date_maj, new Date().toISOString().slice(0, 10));
    assert.match(local.description, /le 2e et le dernier mardi du mois de 9 h à 12 h \(Salle du conseil\)/);
    assert.match(local.description, /chaque jeudi de 14 h à 16 h 30, sur rendez-vous/);
    assert.doesNotMatch(local.description, /@|06 12/, 'personal data never reaches the export');
    const cafService = after.items.find((s) => s.id === `fs-widgets--${MENDE}--caf`)!;
    assert.match(cafService.description, /Permanence sur place : chaque lundi de 9 h 30 à 11 h 30, sur rendez-vous\./);

    // The whole export counts it too.
    const all = await json<DataInclusionPage<DataInclusionService>>(await server.get(`${SERVICES}?size=1`));
    assert.equal(all.total, NATIONAL_PER_SITE * SITES_IN_LIST + (await localCount()));
  });

  test('a bad page, size or departement is a 400 problem naming the parameter', async () => {
    for (const path of [STRUCTURES, SERVICES]) {
      await expectProblem(await server.get(`${path}?page=0`), 400, 'page');
      await expectProblem(await server.get(`${path}?page=abc`), 400, 'page');
      await expectProblem(await server.get(`${path}?size=0`), 400, 'size');
      const tooBig = await expectProblem(await server.get(`${path}?size=5001`), 400, 'size');
      assert.match(tooBig.detail ?? '', /5000/, 'says the maximum');
      await expectProblem(await server.get(`${path}?size=2.5`), 400, 'size');
      for (const bad of ['20', '99', '480', 'xx', '2C', '']) {
        await expectProblem(await server.get(`${path}?departement=${bad}`), 400, 'departement');
      }
    }
    // Past the last page: an empty page, not an error.
    const past = await json<DataInclusionPage<DataInclusionStructure>>(await server.get(`${STRUCTURES}?page=99&size=100`));
    assert.deepEqual({ ...past, items: past.items.length }, { items: 0, total: SITES_IN_LIST, page: 99, size: 100, pages: 29 });
  });

  test('public, cacheable, revalidated with ETag / 304, open to any origin', async () => {
    for (const path of [`${STRUCTURES}?size=20`, `${SERVICES}?size=20&page=3`]) {
      const first = await server.get(path, { headers: { origin: 'https://example.org' } });
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('access-control-allow-origin'), '*');
      assert.match(first.headers.get('cache-control') ?? '', /^public/);
      const etag = first.headers.get('etag');
      assert.ok(etag);
      const again = await server.get(path, { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      assert.equal(await again.text(), '');
    }
  });
});

describe('data·inclusion mapping', () => {
  test('e-mails: one valid address or nothing', () => {
    assert.equal(validEmail(' accueil@mairie.fr '), 'accueil@mairie.fr');
    assert.equal(validEmail('france-service@carct.fr - maisondelagglo@carct.fr'), null);
    assert.equal(validEmail('accueil@mairie'), null);
    assert.equal(validEmail('accueil.@mairie.fr'), null);
    assert.equal(validEmail(null), null);
  });

  test('phones in E.164 by the French numbering plan', () => {
    assert.equal(toE164('04 66 49 00 00'), '+33466490000');
    assert.equal(toE164('0590 12 34 56'.replace(/ /g, '')), '+590590123456');
    assert.equal(toE164('06 90 12 34 56'), '+590690123456');
    assert.equal(toE164('02 62 12 34 56'), '+262262123456');
    assert.equal(toE164('02 69 61 00 00'), '+262269610000');
    assert.equal(toE164('05 96 12 34 56'), '+596596123456');
    assert.equal(toE164('0800 00 00 00'), '0800 00 00 00', 'free numbers stay as published');
    assert.equal(toE164('12 34'), '12 34');
    assert.equal(toE164('  '), null);
  });

  test('names: 3 to 150 characters, no final dot', () => {
    assert.equal(cleanName('France services de Mende.', 'x'), 'France services de Mende');
    assert.equal(cleanName('  France   services  ... ', 'x'), 'France services');
    assert.equal(cleanName('A.', 'France services Mende'), 'France services Mende');
    const long = cleanName(`France services ${'très '.repeat(40)}long.`, 'x');
    assert.ok(long.length <= 150 && long.length >= 100 && !long.endsWith('.'), long);
  });

  test('permanences in plain French and OSM', () => {
    const base = { opens: '09:00', closes: '12:30', by_appointment: false, starts_on: null, ends_on: null, note: null };
    assert.equal(
      permanenceFr({ ...base, recurrence: { freq: 'weekly', days: ['th', 'mo'], interval: 1 } }),
      'chaque lundi et jeudi de 9 h à 12 h 30',
    );
    assert.equal(
      permanenceFr({ ...base, recurrence: { freq: 'weekly', days: ['tu'], interval: 2 }, starts_on: '2026-01-06' }),
      'le mardi, une semaine sur deux de 9 h à 12 h 30, à partir du 06/01/2026',
    );
    assert.equal(
      permanenceFr({
        ...base,
        opens: null,
        closes: null,
        by_appointment: true,
        recurrence: { freq: 'appointment' },
        note: 'Appeler le 06 12 34 56 78.',
      }),
      'sur rendez-vous uniquement (Appeler le […])',
    );
    assert.equal(
      combinedOpeningHours([
        { recurrence: { freq: 'weekly', days: ['tu'], interval: 1 }, opening_hours: 'Tu 09:00-12:00; PH off' },
        { recurrence: { freq: 'appointment' }, opening_hours: null },
      ]),
      'Tu 09:00-12:00; PH off',
    );
    assert.equal(
      combinedOpeningHours([
        { recurrence: { freq: 'weekly', days: ['tu'], interval: 1 }, opening_hours: 'Tu 09:00-12:00; PH off' },
        { recurrence: { freq: 'weekly', days: ['we'], interval: 2 }, opening_hours: null },
      ]),
      null,
      'a schedule OSM cannot say makes the whole unknown',
    );
    assert.equal(combinedOpeningHours([]), null);
  });

  test('the data date and the origin', () => {
    assert.equal(dataDateOf({ imported_at: '2026-03-01T10:00:00Z', sites: { file: 'liste-fs-20240801.csv' } }, 'x'), '2024-08-01');
    assert.equal(dataDateOf({ imported_at: '2026-03-01T10:00:00Z', sites: { file: 'sample.csv' } }, 'x'), '2026-03-01');
    assert.equal(dataDateOf(null, '2024-08-01'), '2024-08-01');
    assert.equal(originOf('https', 'fs.example.org'), 'https://fs.example.org');
    assert.equal(originOf('http', '127.0.0.1:8787'), 'http://127.0.0.1:8787');
    assert.equal(originOf('http', 'evil.example/path?'), null);
    assert.equal(originOf('http', undefined), null);
  });
});
