/**
 * What a site publishes itself (issue 16): weekly hours, exceptional closures and hours, offers,
 * verification. Against the real server on the real list (SQLite, or PostgreSQL with
 * FS_TEST_DATABASE_URL): each route's success, validation errors that change nothing, who may
 * write, the history, `open_now` and `offer=` in the searches, the OSM string, the cache
 * lifetimes, the server page `/s/<id>`, the data·inclusion export, and a re-import of the real
 * list that keeps the site's hours and reports where the two differ.
 *
 * Dates are counted from today in Paris (exceptions entirely in the past are refused), on days
 * Mende is open (Monday to Friday, not a public holiday).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  DataInclusionStructure,
  ExceptionalHours,
  ExceptionalHoursCreate,
  ExceptionalHoursList,
  Site,
  SiteList,
  SiteVerification,
  Week,
} from '@fs-widgets/contract';
import { addDays, dayKeyOf, exceptionToOsm, isPublicHoliday, zonedInstant } from '@fs-widgets/opening-hours';
import { createToken } from '../src/auth/tokens.js';
import { localDay } from '../src/dates/local-day.js';
import { renderSitePage } from '../src/embed/site-page.js';
import { readSiteHistory } from '../src/site-admin/history.js';
import { importData } from '../src/import/import-data.js';
import { SiteCatalogue } from '../src/sites/site-catalogue.js';
import { expectProblem, json, startTestServer, type TestServer } from './test-server.js';

const SITE = '2983'; // France services de Mende (48), Europe/Paris: Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00,13:30-16:30
const OTHER = '271'; // France services Marvejols (48), 20 km away
const MENDE = '44.520171,3.496077';
const PARIS = 'Europe/Paris';

const ASSETS = { widgetsBase: '/widgets/v0.0.0/' };

type Who = 'anonymous' | 'agent' | 'manager' | 'otherAgent' | 'admin';

let keys = 0;
const newKey = () => `site-info-${process.pid}-${Date.now().toString(36)}-${keys++}`.slice(0, 64);

/** The n-th working day (Monday to Friday, not a public holiday in Lozère) after today in Paris. */
function workingDay(n: number): string {
  let date = localDay(new Date(), PARIS);
  for (let found = 0; found < n;) {
    date = addDays(date, 1);
    if (!['sa', 'su'].includes(dayKeyOf(date)) && !isPublicHoliday(date, '48')) found++;
  }
  return date;
}

/** The instant a Paris wall clock shows `hhmm` on `date`, as `at=` takes it. */
const parisAt = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedInstant(date, h! * 60 + m!, PARIS).toISOString();
};

const NEW_WEEK: Week = {
  mo: [
    { opens: '14:00', closes: '17:00' },
    { opens: '09:00', closes: '12:00' },
  ],
  tu: [
    { opens: '09:00', closes: '12:00' },
    { opens: '14:00', closes: '17:00' },
  ],
  we: [{ opens: '09:00', closes: '12:00' }],
  th: [
    { opens: '09:00', closes: '12:00' },
    { opens: '14:00', closes: '17:00' },
  ],
  fr: [
    { opens: '09:00', closes: '12:00' },
    { opens: '14:00', closes: '17:00' },
  ],
  sa: [{ opens: '09:00', closes: '12:00' }],
  su: [],
};

describe('a site’s own information: hours, closures, offers, verification', () => {
  let server: TestServer;
  const tokens = {} as Record<Exclude<Who, 'anonymous'>, string>;
  const D1 = workingDay(2);
  const D2 = workingDay(3);

  const send = (method: string, path: string, who: Who, body?: unknown) =>
    server.get(`/api/v1${path}`, {
      method,
      headers: {
        ...(who === 'anonymous' ? {} : { authorization: `Bearer ${tokens[who]}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const site = async (id = SITE) => json<Site>(await server.get(`/api/v1/sites/${id}`));
  const history = () => readSiteHistory(server.db, SITE, { limit: 200 });
  const exceptionRows = async () =>
    (await server.db.selectFrom('site_exceptions').selectAll().where('site_id', '=', SITE).execute()).length;
  const closure = (fields: Partial<ExceptionalHoursCreate> = {}): ExceptionalHoursCreate => ({
    key: newKey(),
    starts_on: D1,
    ends_on: D1,
    closed: true,
    hours: [],
    reason: 'congés',
    ...fields,
  });
  const openAt = async (at: string) =>
    (
      await json<SiteList>(await server.get(`/api/v1/sites?near=${MENDE}&limit=5&radius=30&open_now=true&at=${encodeURIComponent(at)}`))
    ).items.map((s) => s.id);

  before(async () => {
    server = await startTestServer();
    const make = async (role: 'agent' | 'manager' | 'admin', siteId: string | undefined, label: string) =>
      (await createToken(server.db, { role, siteId, label, expiresAt: new Date(Date.now() + 86_400_000) })).token;
    tokens.agent = await make('agent', SITE, 'accueil Mende');
    tokens.manager = await make('manager', SITE, 'responsable Mende');
    tokens.otherAgent = await make('agent', OTHER, 'accueil Marvejols');
    tokens.admin = await make('admin', undefined, 'national');
  });

  after(async () => {
    await server?.close();
  });

  test('before any edit: the list’s hours, no exception, no offer, never verified; site data kept 60 s', async () => {
    const res = await server.get(`/api/v1/sites/${SITE}`);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60');
    const mende = await json<Site>(res);
    assert.equal(mende.hours_source, 'anct');
    assert.equal(mende.opening_hours, 'Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00,13:30-16:30; PH off');
    assert.deepEqual([mende.exceptions, mende.offers, mende.verified_at], [[], [], null]);
    const search = await server.get(`/api/v1/sites?near=${MENDE}&limit=2`);
    assert.equal(search.headers.get('cache-control'), 'public, max-age=60');
    const list = await server.get(`/api/v1/sites/${SITE}/exceptions`);
    assert.equal(list.headers.get('cache-control'), 'public, max-age=60');
    assert.deepEqual(await json<ExceptionalHoursList>(list), { site_id: SITE, items: [] });
    // The page /s/<id> (its route and its 60 s: site-page.test.ts, with the widgets' fixture build).
    assert.doesNotMatch(renderSitePage(mende, ASSETS), /Informations vérifiées|exceptionnel/);
  });

  test('who may write: the site’s agents, its manager and admins; nothing changes otherwise', async () => {
    const writes: Array<[string, string, unknown]> = [
      ['PUT', `/sites/${SITE}/hours`, { hours: NEW_WEEK }],
      ['POST', `/sites/${SITE}/exceptions`, closure()],
      ['PUT', `/sites/${SITE}/offers`, { offers: ['free-wifi'] }],
      ['POST', `/sites/${SITE}/verify`, undefined],
    ];
    for (const [method, path, body] of writes) {
      await expectProblem(await send(method, path, 'anonymous', body), 401);
      await expectProblem(await send(method, path, 'otherAgent', body), 403);
    }
    // The token is checked before the body: an anonymous nonsense body is a 401, not a 400.
    await expectProblem(await send('PUT', `/sites/${SITE}/hours`, 'anonymous', { nonsense: true }), 401);
    const mende = await site();
    assert.deepEqual([mende.hours_source, mende.exceptions, mende.offers, mende.verified_at], ['anct', [], [], null]);
    assert.equal((await history()).items.length, 0);
    assert.equal(await exceptionRows(), 0);
    // An unknown site: 404 for an admin.
    await expectProblem(await send('POST', '/sites/99999999/verify', 'admin'), 404);
  });

  test('PUT /hours: bad weeks are refused naming the range, and change nothing', async () => {
    const bad = (day: keyof Week, ranges: Week['mo']) => ({ hours: { ...NEW_WEEK, [day]: ranges } });
    await expectProblem(
      await send(
        'PUT',
        `/sites/${SITE}/hours`,
        'agent',
        bad('tu', [
          { opens: '09:00', closes: '12:00' },
          { opens: '14:00', closes: '13:00' },
        ]),
      ),
      422,
      'hours.tu[1].closes',
    );
    await expectProblem(
      await send(
        'PUT',
        `/sites/${SITE}/hours`,
        'agent',
        bad('we', [
          { opens: '09:00', closes: '12:00' },
          { opens: '11:00', closes: '13:00' },
        ]),
      ),
      422,
      'hours.we[1].opens',
    );
    await expectProblem(
      await send('PUT', `/sites/${SITE}/hours`, 'agent', bad('fr', [{ opens: '09:00', closes: '09:00' }])),
      422,
      'hours.fr[0].closes',
    );
    const seven = Array.from({ length: 7 }, (_, i) => ({ opens: `0${i + 1}:00`, closes: `0${i + 1}:30` }));
    await expectProblem(await send('PUT', `/sites/${SITE}/hours`, 'agent', bad('th', seven)), 400, 'hours.th');
    await expectProblem(await send('PUT', `/sites/${SITE}/hours`, 'agent', bad('mo', [{ opens: '9:00', closes: '12:00' }])), 400);
    await expectProblem(await send('PUT', `/sites/${SITE}/hours`, 'agent', { hours: { ...NEW_WEEK, su: undefined } }), 400, 'hours.su');
    assert.equal((await site()).hours_source, 'anct');
    assert.equal((await history()).items.length, 0);
  });

  test('PUT /hours: the site’s week replaces the list’s everywhere, sorted, with its history and verified_at', async () => {
    const before = await site();
    const started = Date.now();
    const updated = await json<Site>(await send('PUT', `/sites/${SITE}/hours`, 'agent', { hours: NEW_WEEK }));
    assert.equal(updated.hours_source, 'site');
    assert.deepEqual(updated.hours.mo, [
      { opens: '09:00', closes: '12:00' },
      { opens: '14:00', closes: '17:00' },
    ]);
    assert.equal(
      updated.opening_hours,
      'Mo-Tu 09:00-12:00,14:00-17:00; We 09:00-12:00; Th-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off',
    );
    assert.equal(updated.weekly_hours, 30);
    assert.ok(Date.parse(updated.verified_at!) >= started - 1000);
    // Every read shows it at once on this node.
    assert.deepEqual(await site(), updated);
    const [entry] = (await history()).items;
    assert.equal(entry!.entity, 'hours');
    assert.equal(entry!.action, 'update');
    assert.equal(entry!.by.label, 'accueil Mende');
    assert.deepEqual(entry!.before, before.hours);
    assert.deepEqual(entry!.after, updated.hours);
  });

  test('POST /exceptions: a closure, once per key; GET lists it; the OSM string and the history have it', async () => {
    const input = closure({ reason: '  congés  ' });
    const first = await send('POST', `/sites/${SITE}/exceptions`, 'agent', input);
    assert.equal(first.status, 201);
    const created = (await first.json()) as ExceptionalHours;
    assert.deepEqual({ ...created, id: 'x' }, { id: 'x', starts_on: D1, ends_on: D1, closed: true, hours: [], reason: 'congés' });
    const retry = await send('POST', `/sites/${SITE}/exceptions`, 'agent', input);
    assert.equal(retry.status, 200);
    assert.deepEqual(await retry.json(), created);
    await expectProblem(await send('POST', `/sites/${SITE}/exceptions`, 'agent', { ...input, reason: 'formation' }), 409, 'key');
    assert.equal(await exceptionRows(), 1);

    assert.deepEqual(await json<ExceptionalHoursList>(await server.get(`/api/v1/sites/${SITE}/exceptions`)), {
      site_id: SITE,
      items: [created],
    });
    const mende = await site();
    assert.deepEqual(mende.exceptions, [created]);
    assert.ok(mende.opening_hours!.endsWith(`; PH off; ${exceptionToOsm(created)}`), mende.opening_hours!);
    assert.match(exceptionToOsm(created), /^\d{4} [A-Z][a-z]{2} \d{2} off$/);
    const entries = (await history()).items.filter((e) => e.entity === 'closure');
    assert.equal(entries.length, 1);
    assert.deepEqual(
      [entries[0]!.action, entries[0]!.entity_id, entries[0]!.before, entries[0]!.after],
      ['create', created.id, null, created],
    );
  });

  test('open_now honours the closure on its day (at=), and Marvejols stays open', async () => {
    const before = await openAt(parisAt(D2, '10:00'));
    assert.ok(before.includes(SITE) && before.includes(OTHER), before.join());
    const closedDay = await openAt(parisAt(D1, '10:00'));
    assert.ok(!closedDay.includes(SITE), closedDay.join());
    assert.ok(closedDay.includes(OTHER), closedDay.join());
  });

  test('exceptional hours on a day: open at those hours only', async () => {
    const res = await send(
      'POST',
      `/sites/${SITE}/exceptions`,
      'manager',
      closure({ starts_on: D2, ends_on: D2, closed: false, hours: [{ opens: '14:00', closes: '15:00' }], reason: 'formation le matin' }),
    );
    assert.equal(res.status, 201);
    const hours = (await res.json()) as ExceptionalHours;
    assert.ok(!(await openAt(parisAt(D2, '10:00'))).includes(SITE));
    assert.ok((await openAt(parisAt(D2, '14:30'))).includes(SITE));
    assert.ok((await site()).opening_hours!.endsWith(`${exceptionToOsm({ ...hours })}`));
    assert.match(exceptionToOsm(hours), / 14:00-15:00$/);
    assert.equal(await exceptionRows(), 2);
  });

  test('POST and PUT /exceptions: bad input is refused naming the field, and nothing is stored', async () => {
    const today = localDay(new Date(), PARIS);
    const rows = await exceptionRows();
    const historyLength = (await history()).items.length;
    const cases: Array<[Partial<ExceptionalHoursCreate>, number, string, RegExp?]> = [
      [{ starts_on: D2, ends_on: D1 }, 422, 'ends_on', /the range ends before it starts/],
      [{ ends_on: addDays(D1, 366) }, 422, 'ends_on', /at most 366 days/],
      [{ starts_on: addDays(today, -3), ends_on: addDays(today, -1) }, 422, 'ends_on', /past/],
      [{ closed: true, hours: [{ opens: '09:00', closes: '12:00' }] }, 422, 'hours'],
      [{ closed: false, hours: [] }, 422, 'hours'],
      [{ closed: false, hours: [{ opens: '12:00', closes: '09:00' }] }, 422, 'hours[0].closes'],
      [
        {
          closed: false,
          hours: [
            { opens: '09:00', closes: '12:00' },
            { opens: '10:00', closes: '11:00' },
          ],
        },
        422,
        'hours[1].opens',
      ],
      [{ reason: ' ' }, 400, 'reason'],
      [{ reason: '06 12 34 56 78' }, 422, 'reason'],
      [{ starts_on: '2026-02-30', ends_on: '2026-02-30' }, 400, 'starts_on'],
      [{ key: 'short' }, 400, 'key'],
    ];
    for (const [fields, status, param, detail] of cases) {
      const problem = await expectProblem(await send('POST', `/sites/${SITE}/exceptions`, 'agent', closure(fields)), status, param);
      if (detail) assert.match(problem.detail ?? '', detail);
    }
    const [first] = (await json<ExceptionalHoursList>(await server.get(`/api/v1/sites/${SITE}/exceptions`))).items;
    const { key: _key, ...input } = closure({ starts_on: D2, ends_on: D1 });
    await expectProblem(await send('PUT', `/sites/${SITE}/exceptions/${first!.id}`, 'agent', input), 422, 'ends_on');
    assert.equal(await exceptionRows(), rows);
    assert.equal((await history()).items.length, historyLength);
    assert.deepEqual((await site()).exceptions[0], first);
  });

  test('a request with thousands of items is refused by the schema or the body limit, and stores nothing', async () => {
    const rows = await exceptionRows();
    const ranges = (n: number) => Array.from({ length: n }, (_, i) => ({ opens: '09:00', closes: `${10 + (i % 10)}:00` }));
    await expectProblem(
      await send('POST', `/sites/${SITE}/exceptions`, 'agent', closure({ closed: false, hours: ranges(1000) })),
      400,
      'hours',
    );
    const huge = await send('POST', `/sites/${SITE}/exceptions`, 'agent', closure({ closed: false, hours: ranges(10_000) }));
    assert.equal(huge.status, 413);
    await expectProblem(await send('PUT', `/sites/${SITE}/hours`, 'agent', { hours: { ...NEW_WEEK, mo: ranges(5000) } }), 413);
    assert.equal(await exceptionRows(), rows);
    assert.equal((await site()).hours.mo.length, 2);
  });

  test('at most 100 current exceptions a site', async () => {
    const start = workingDay(10);
    const now = new Date().toISOString();
    const present = await exceptionRows();
    // Rows written straight to the table up to the limit (the API's own writes are tested above).
    await server.db
      .insertInto('site_exceptions')
      .values(
        Array.from({ length: 100 - present }, (_, i) => ({
          id: `limit-${i}`,
          site_id: SITE,
          starts_on: addDays(start, i),
          ends_on: addDays(start, i),
          closed: 1,
          hours: '[]',
          reason: 'test',
          created_key: `limit-key-${process.pid}-${i}`,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await expectProblem(await send('POST', `/sites/${SITE}/exceptions`, 'agent', closure()), 422, 'starts_on');
    // A past exception does not count.
    await server.db
      .updateTable('site_exceptions')
      .set({ starts_on: '2020-01-01', ends_on: '2020-01-01' })
      .where('id', '=', 'limit-0')
      .execute();
    const res = await send('POST', `/sites/${SITE}/exceptions`, 'agent', closure({ starts_on: D2, ends_on: D2, reason: 'dernière' }));
    assert.equal(res.status, 201);
    const last = (await res.json()) as ExceptionalHours;
    assert.equal((await send('DELETE', `/sites/${SITE}/exceptions/${last.id}`, 'agent')).status, 204);
    await server.db.deleteFrom('site_exceptions').where('id', 'like', 'limit-%').execute();
  });

  test('PUT and DELETE /exceptions: replace a closure by a range, remove exceptional hours; history before and after', async () => {
    const [closed, hours] = (await json<ExceptionalHoursList>(await server.get(`/api/v1/sites/${SITE}/exceptions`))).items;
    const { key: _key, ...range } = closure({ starts_on: D1, ends_on: addDays(D1, 9), reason: 'fermeture exceptionnelle' });
    const updated = await json<ExceptionalHours>(await send('PUT', `/sites/${SITE}/exceptions/${closed!.id}`, 'agent', range));
    assert.deepEqual(updated, { id: closed!.id, ...range });
    await expectProblem(await send('PUT', `/sites/${SITE}/exceptions/nope`, 'agent', range), 404);
    // Another site's agent reaches nothing through its own site either.
    await expectProblem(await send('DELETE', `/sites/${OTHER}/exceptions/${hours!.id}`, 'otherAgent'), 404);
    assert.equal((await send('DELETE', `/sites/${SITE}/exceptions/${hours!.id}`, 'agent')).status, 204);
    await expectProblem(await send('DELETE', `/sites/${SITE}/exceptions/${hours!.id}`, 'agent'), 404);
    assert.deepEqual((await site()).exceptions, [updated]);
    const entries = (await history()).items.filter((e) => e.entity === 'closure');
    assert.deepEqual(
      entries.slice(0, 2).map((e) => [e.action, e.entity_id, e.before, e.after]),
      [
        ['delete', hours!.id, hours, null],
        ['update', closed!.id, closed, updated],
      ],
    );
  });

  test('PUT /offers and GET /sites?offer=: every offer asked must be published', async () => {
    await expectProblem(await send('PUT', `/sites/${SITE}/offers`, 'agent', { offers: ['free-wifi', 'free-wifi'] }), 400);
    await expectProblem(await send('PUT', `/sites/${SITE}/offers`, 'agent', { offers: ['jacuzzi'] }), 400);
    const near = (offer?: string) =>
      server
        .get(`/api/v1/sites?near=${MENDE}&limit=3${offer ? `&offer=${offer}` : ''}`)
        .then((r) => json<SiteList>(r))
        .then((l) => l.items.map((s) => s.id));
    // The same search in the same minute without, then with, an offer: not the same answer.
    assert.ok((await near()).includes(SITE));
    assert.deepEqual(await near('point-justice'), []);

    const updated = await json<Site>(await send('PUT', `/sites/${SITE}/offers`, 'agent', { offers: ['free-wifi', 'point-justice'] }));
    assert.deepEqual(updated.offers, ['point-justice', 'free-wifi']);
    assert.deepEqual(await near('point-justice'), [SITE]);
    assert.deepEqual(await near('free-wifi,point-justice'), [SITE]);
    assert.deepEqual(await near('point-justice,telemedicine'), []);
    await expectProblem(await server.get(`/api/v1/sites?near=${MENDE}&offer=jacuzzi`), 400, 'offer');
    const [entry] = (await history()).items;
    assert.deepEqual([entry!.entity, entry!.before, entry!.after], ['offers', [], ['point-justice', 'free-wifi']]);
  });

  test('local partners are a derived offer: offer=local-partner and local-partner:<theme>, at once, and never set by hand', async () => {
    const near = (offer: string) =>
      server
        .get(`/api/v1/sites?near=${MENDE}&limit=3&offer=${offer}`)
        .then((r) => json<SiteList>(r))
        .then((l) => l.items.map((s) => s.id));
    const version = async () =>
      (await server.db.selectFrom('meta').select('value').where('key', '=', 'site-data').executeTakeFirst())?.value;
    assert.deepEqual(await near('local-partner'), []);
    // Agents publish typed offers only: a derived one is refused, and changes nothing.
    await expectProblem(await send('PUT', `/sites/${SITE}/offers`, 'agent', { offers: ['local-partner'] }), 400);
    await expectProblem(await server.get(`/api/v1/sites?near=${MENDE}&offer=local-partner:cuisine`), 400, 'offer');

    const before = await version();
    const created = await send('POST', `/sites/${SITE}/local-partners`, 'agent', {
      key: newKey(),
      name: 'Mission locale de Lozère',
      thematiques: ['trouver-un-emploi--repondre-a-des-offres-demploi', 'se-former--trouver-sa-formation'],
      website: 'https://www.mission-locale-lozere.fr',
    });
    assert.equal(created.status, 201);
    const partner = (await created.json()) as { id: string };
    // The other nodes reload at their next check (the mark), this one at once (no wait before the search).
    assert.notEqual(await version(), before);
    assert.deepEqual(await near('local-partner'), [SITE]);
    assert.deepEqual(await near('local-partner:emploi'), [SITE]);
    assert.deepEqual(await near('local-partner:emploi,point-justice'), [SITE]);
    assert.deepEqual(await near('local-partner:justice-droits'), []);
    assert.deepEqual((await site()).local_partners, [
      { id: partner.id, name: 'Mission locale de Lozère', themes: ['emploi'], website: 'https://www.mission-locale-lozere.fr' },
    ]);
    assert.deepEqual((await site()).offers, ['point-justice', 'free-wifi'], 'the typed offers are untouched');

    const updated = await send('PUT', `/sites/${SITE}/local-partners/${partner.id}`, 'agent', {
      name: 'Conciliateur de justice',
      thematiques: ['difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire'],
    });
    assert.equal(updated.status, 200);
    assert.deepEqual(await near('local-partner:emploi'), []);
    assert.deepEqual(await near('local-partner:justice-droits'), [SITE]);
    assert.deepEqual((await site()).local_partners, [
      { id: partner.id, name: 'Conciliateur de justice', themes: ['justice-droits'], website: null },
    ]);

    assert.equal((await send('DELETE', `/sites/${SITE}/local-partners/${partner.id}`, 'agent')).status, 204);
    assert.deepEqual(await near('local-partner'), []);
    assert.deepEqual(await near('local-partner:justice-droits'), []);
    assert.deepEqual((await site()).local_partners, []);
    assert.deepEqual((await site(OTHER)).local_partners, []);
  });

  test('POST /verify: « Informations vérifiées le … », with its history', async () => {
    const verification = await json<SiteVerification>(await send('POST', `/sites/${SITE}/verify`, 'agent'));
    assert.equal(verification.site_id, SITE);
    assert.ok(Math.abs(Date.parse(verification.verified_at) - Date.now()) < 60_000);
    assert.equal((await site()).verified_at, verification.verified_at);
    const [entry] = (await history()).items;
    assert.deepEqual([entry!.entity, entry!.action, entry!.after], ['verification', 'verify', { verified_at: verification.verified_at }]);
  });

  test('the page /s/<id> says the closure and when the information was verified', async () => {
    const mende = await site();
    const page = renderSitePage(mende, ASSETS);
    const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', timeZone: 'UTC' })
      .format(new Date(`${D1}T12:00:00Z`))
      .replace(/^1 /, '1er ');
    assert.match(page, new RegExp(`Fermé exceptionnellement du ${day}( \\d{4})? au .+ \\(fermeture exceptionnelle\\)`));
    const verified = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: PARIS })
      .format(new Date(mende.verified_at!))
      .replace(/^1 /, '1er ');
    assert.ok(page.includes(`Informations vérifiées le ${verified}`), page);
  });

  test('the data·inclusion export: the exceptions in horaires_accueil, the offers’ networks', async () => {
    const mende = await site();
    const page = await json<{ items: DataInclusionStructure[] }>(
      await server.get('/api/v1/exports/data-inclusion/structures?departement=48&size=100'),
    );
    const structure = page.items.find((s) => s.id.endsWith(`--${SITE}`))!;
    assert.equal(structure.horaires_accueil, mende.opening_hours);
    assert.match(structure.horaires_accueil!, /; PH off; \d{4} [A-Z][a-z]{2} \d{2}-\d{4} [A-Z][a-z]{2} \d{2} off$/);
    assert.deepEqual(structure.reseaux_porteurs, ['france-service', 'points-justice']);
    assert.match(structure.description!, /On y trouve aussi un point justice et le Wi-Fi gratuit\./);
    assert.equal(structure.date_maj, mende.verified_at!.slice(0, 10));
    const other = page.items.find((s) => s.id.endsWith(`--${OTHER}`))!;
    assert.deepEqual(other.reseaux_porteurs, ['france-service']);
    const services = await json<{ items: Array<{ structure_id: string; horaires_accueil: string | null }> }>(
      await server.get('/api/v1/exports/data-inclusion/services?departement=48&size=5000'),
    );
    assert.equal(services.items.find((s) => s.structure_id.endsWith(`--${SITE}`))!.horaires_accueil, mende.opening_hours);
  });

  test('a re-import of the real list keeps the site’s hours and reports where the two differ', async () => {
    const report = await importData(server.db);
    const differs = report.issues.filter((i) => i.level === 'differs');
    assert.equal(differs.length, 1, JSON.stringify(differs));
    assert.equal(differs[0]!.recordId, SITE);
    assert.match(
      differs[0]!.message,
      /^hours: the site published its own weekly hours on \d{4}-\d{2}-\d{2} \(Mo-Tu 09:00-12:00,14:00-17:00; .*Sa 09:00-12:00; PH off\); the list says Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00,13:30-16:30; PH off: the site's are kept$/,
    );
    const stored = await server.db.selectFrom('import_issues').selectAll().where('level', '=', 'differs').execute();
    assert.deepEqual(
      stored.map((i) => i.record_id),
      [SITE],
    );
    // The list's row is the list's; what the site published is untouched.
    const catalogue = await SiteCatalogue.load(server.db);
    const mende = catalogue.get(SITE)!;
    assert.equal(mende.hours_source, 'site');
    assert.deepEqual(mende.hours, (await site()).hours);
    assert.deepEqual(mende.offers, ['point-justice', 'free-wifi']);
    assert.equal(mende.exceptions.length, 1);
    assert.equal(catalogue.get(OTHER)!.hours_source, 'anct');
  });
});
