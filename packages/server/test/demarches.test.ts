import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ACT_CHANNELS,
  OUTCOMES,
  PARTNERS,
  THEMES,
  type ActInput,
  type ActivityStats,
  type CaseCreated,
  type CaseInput,
  type CasePublic,
  type PartnerId,
} from '@fs-widgets/contract';
import { createToken, revokeToken } from '../src/auth/tokens.js';
import { checkSymbol, formatCaseCode as formatCode } from '@fs-widgets/contract/case-code';
import { prepareAct, storeAct } from '../src/demarches/acts.js';
import { expectProblem, json, startTestServer, type TestServer } from './test-server.js';

let keys = 0;
const newKey = () => `demarche-key-${process.pid}-${Date.now().toString(36)}-${keys++}`;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const act = (site: string, fields: Partial<ActInput> = {}): ActInput => ({
  key: newKey(),
  site_id: site,
  partner: 'caf',
  theme: 'logement',
  outcome: 'solved',
  channel: 'counter',
  acted_at: minutesAgo(1),
  ...fields,
});

const caseInput = (site: string, fields: Partial<CaseInput> = {}): CaseInput => ({
  key: newKey(),
  site_id: site,
  partner: 'interieur',
  demarche: 'Demande de carte grise',
  step: 'Dossier à compléter',
  documents: ['Justificatif de domicile'],
  ...fields,
});

async function awayFromHourBoundary() {
  const left = 3_600_000 - (Date.now() % 3_600_000);
  if (left < 20_000) await new Promise((r) => setTimeout(r, left + 100));
}

type Who = 'anonymous' | 'agent' | 'otherAgent' | 'revoked' | 'expired' | 'admin';

describe('démarche tracker: acts, cases, activity figures', () => {
  let server: TestServer;
  const tokens = {} as Record<Exclude<Who, 'anonymous'>, string>;

  before(async () => {
    server = await startTestServer();
    const make = async (siteId: string | undefined, label: string) =>
      (await createToken(server.db, { role: siteId ? 'agent' : 'admin', siteId, label, expiresAt: new Date(Date.now() + 86_400_000) }))
        .token;
    tokens.agent = await make('2983', 'accueil Mende');
    tokens.otherAgent = await make('271', 'accueil Marvejols');
    tokens.revoked = await make('2983', 'ancienne tablette');
    tokens.expired = await make('2983', 'stagiaire');
    tokens.admin = await make(undefined, 'national');
    await revokeToken(server.db, tokens.revoked.slice(4, 16));
    await server.db
      .updateTable('tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('label', '=', 'stagiaire')
      .execute();
  });

  after(async () => {
    await server?.close();
  });

  const call = (method: string, path: string, who: Who = 'agent', body?: unknown, headers: Record<string, string> = {}) =>
    server.get(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(who === 'anonymous' ? {} : { authorization: `Bearer ${tokens[who]}` }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const openCase = async (input: CaseInput = caseInput('2983'), who: Who = 'agent') => {
    const res = await call('POST', '/api/v1/cases', who, input);
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()) as CaseCreated;
  };
  const lookup = (code: string) => server.get(`/api/v1/cases/${encodeURIComponent(code)}`);
  const resetLookups = () => server.db.deleteFrom('rate_limits').execute();

  test('authorization matrix over every write and private route', async () => {
    const { code } = await openCase();
    const routes: Array<[string, () => [string, string, unknown?], Record<Who, number>]> = [
      [
        'POST /acts',
        () => ['POST', '/api/v1/acts', act('2983')],
        { anonymous: 401, agent: 201, otherAgent: 403, revoked: 401, expired: 401, admin: 201 },
      ],
      [
        'POST /cases',
        () => ['POST', '/api/v1/cases', caseInput('2983')],
        { anonymous: 401, agent: 201, otherAgent: 403, revoked: 401, expired: 401, admin: 201 },
      ],
      [
        'PATCH /cases/{code}',
        () => ['PATCH', `/api/v1/cases/${code}`, { key: newKey(), status: 'in-progress' }],
        { anonymous: 401, agent: 200, otherAgent: 403, revoked: 401, expired: 401, admin: 200 },
      ],
      [
        'GET /stats/activity?site',
        () => ['GET', '/api/v1/stats/activity?site=2983'],
        { anonymous: 401, agent: 200, otherAgent: 403, revoked: 401, expired: 401, admin: 200 },
      ],
      [
        'GET /stats/activity (network)',
        () => ['GET', '/api/v1/stats/activity'],
        { anonymous: 401, agent: 403, otherAgent: 403, revoked: 401, expired: 401, admin: 200 },
      ],
      [
        'GET /sites/{id}/feedback.csv',
        () => ['GET', '/api/v1/sites/2983/feedback.csv'],
        { anonymous: 401, agent: 200, otherAgent: 403, revoked: 401, expired: 401, admin: 200 },
      ],
    ];
    const failures: string[] = [];
    for (const [name, request, expected] of routes) {
      for (const who of Object.keys(expected) as Who[]) {
        const [method, path, body] = request();
        const res = await call(method, path, who, body);
        if (res.status !== expected[who])
          failures.push(`${name} as ${who}: expected ${expected[who]}, got ${res.status} ${await res.text()}`);
        else if (res.status >= 400) {
          const problem = await res.json();
          assert.equal(problem.type, `https://fs-widgets.dev/problems/${res.status === 401 ? 'unauthorized' : 'forbidden'}`);
          if (res.status === 401) assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  test('CORS: the agents’ writes accept Authorization and JSON from any origin', async () => {
    for (const [path, method] of [
      ['/api/v1/acts', 'POST'],
      ['/api/v1/cases', 'POST'],
      ['/api/v1/cases/0000-0000-000', 'PATCH'],
    ]) {
      const res = await server.get(path!, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://intranet.mairie.example',
          'access-control-request-method': method!,
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      assert.equal(res.status, 204, path);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.match(res.headers.get('access-control-allow-methods') ?? '', new RegExp(method!));
      assert.match(res.headers.get('access-control-allow-headers') ?? '', /authorization/i);
      assert.match(res.headers.get('access-control-allow-headers') ?? '', /content-type/i);
    }
  });

  test('acts: validation errors name their field; another site’s agent 403; unknown site 422', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['an unknown field', { ...act('2983'), name: 'Dupont' }, 'name'],
      ['a theme of another partner', act('2983', { partner: 'caf', theme: 'carte-grise' }), 'theme'],
      ['referred without referred_to', act('2983', { outcome: 'referred' }), 'referred_to'],
      ['referred_to when solved', act('2983', { outcome: 'solved', referred_to: 'msa' }), 'referred_to'],
      ['an unknown partner', { ...act('2983'), partner: 'ants' }, 'partner'],
      ['an unknown channel', { ...act('2983'), channel: 'email' }, 'channel'],
      ['acted_at 10 minutes ahead', act('2983', { acted_at: minutesAgo(-10) }), 'acted_at'],
      ['acted_at 31 days ago', act('2983', { acted_at: minutesAgo(31 * 1440) }), 'acted_at'],
    ];
    for (const [what, body, field] of cases) {
      const problem = await expectProblem(await call('POST', '/api/v1/acts', 'agent', body), 400, field);
      assert.equal(problem.type, 'https://fs-widgets.dev/problems/validation', what);
    }
    assert.equal((await call('POST', '/api/v1/acts', 'agent', act('2983', { acted_at: minutesAgo(-2) }))).status, 201);
    assert.equal((await call('POST', '/api/v1/acts', 'agent', act('2983', { acted_at: minutesAgo(29 * 1440) }))).status, 201);
    await expectProblem(await call('POST', '/api/v1/acts', 'agent', act('271')), 403);
    await expectProblem(await call('POST', '/api/v1/acts', 'admin', act('999999')), 422, 'site_id');
  });

  test('acts: idempotent by key — 201, 200 duplicate with the same id, 409 with other content; counted once', async () => {
    const stats = async () => json<ActivityStats>(await call('GET', '/api/v1/stats/activity?site=2004', 'admin'));
    const before = await stats();
    const body = act('2004', { partner: 'msa', theme: 'sante', outcome: 'referred', referred_to: 'assurance-maladie' });
    const first = await call('POST', '/api/v1/acts', 'admin', body);
    assert.equal(first.status, 201);
    const receipt = await first.json();
    assert.equal(receipt.duplicate, false);
    const again = await call('POST', '/api/v1/acts', 'admin', { ...body, acted_at: body.acted_at.replace('Z', '+00:00') });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { id: receipt.id, key: body.key, duplicate: true });
    for (const other of [{ theme: 'autre' }, { outcome: 'solved', referred_to: undefined }, { channel: 'phone' }]) {
      await expectProblem(await call('POST', '/api/v1/acts', 'admin', { ...body, ...other }), 409, 'key');
    }
    const after = await stats();
    assert.equal(after.acts, before.acts + 1);
    assert.equal(after.referrals['assurance-maladie'], (before.referrals['assurance-maladie'] ?? 0) + 1);
    assert.equal((await server.db.selectFrom('acts').select('id').where('key', '=', body.key).execute()).length, 1);
  });

  test('cases: opened with a code and a first event; the same key answers the same code; personal data removed', async () => {
    const input = caseInput('2983', {
      demarche: 'Carte grise — rappeler au 06 12 34 56 78',
      step: 'Envoyer à jean.dupont@exemple.fr le formulaire',
      documents: ['Permis', 'Mail : marie (at) laposte.net', '+33 6 12 34 56 78'],
      appointment: '2026-04-02T09:30:00+02:00',
    });
    const created = await openCase(input);
    assert.match(created.code, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}[0-9A-HJKMNP-TV-Z*~$=U]$/);
    assert.equal(created.duplicate, false);
    assert.equal(created.case.status, 'received');
    assert.equal(created.case.demarche, 'Carte grise — rappeler au […]');
    assert.equal(created.case.step, 'Envoyer à […] le formulaire');
    assert.deepEqual(created.case.documents, ['Permis', 'Mail : […]', '[…]']);
    assert.equal(created.case.appointment, '2026-04-02T07:30:00.000Z');
    assert.deepEqual(
      created.case.history.map((e) => [e.status, e.step]),
      [['received', 'Envoyer à […] le formulaire']],
    );
    const dump = JSON.stringify([
      await server.db.selectFrom('cases').selectAll().execute(),
      await server.db.selectFrom('case_events').selectAll().execute(),
    ]);
    assert.ok(!/06 12|exemple\.fr|laposte/.test(dump), 'nothing personal stored');

    const again = await call('POST', '/api/v1/cases', 'agent', input);
    assert.equal(again.status, 200);
    const duplicate = (await again.json()) as CaseCreated;
    assert.equal(duplicate.code, created.code);
    assert.equal(duplicate.duplicate, true);
    await expectProblem(await call('POST', '/api/v1/cases', 'agent', { ...input, demarche: 'Autre chose' }), 409, 'key');
    assert.equal((await server.db.selectFrom('cases').select('code').where('created_key', '=', input.key).execute()).length, 1);
    await expectProblem(await call('POST', '/api/v1/cases', 'agent', { ...input, key: newKey(), step: '   ' }), 400, 'step');
  });

  test('cases: updates append to the history, which is never rewritten; idempotent by key; expiry moves', async () => {
    const created = await openCase();
    const path = `/api/v1/cases/${created.code}`;
    // About to expire: each update moves the expiry 12 months ahead again.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await server.db.updateTable('cases').set({ expires_on: tomorrow }).where('code', '=', created.code.replace(/-/g, '')).execute();
    const updates = [
      { key: newKey(), status: 'in-progress', step: 'Dossier en cours' },
      { key: newKey(), documents: ['Carte d’identité', 'Appelez le 0612345678'], appointment: '2026-05-01T08:00:00Z' },
      { key: newKey(), status: 'sent-to-partner', step: 'Envoyé à l’ANTS', appointment: null },
    ];
    const historyBefore = await server.db.selectFrom('case_events').selectAll().orderBy('id').execute();
    let last: CaseCreated | undefined;
    for (const update of updates) {
      const res = await call('PATCH', path, 'agent', update);
      assert.equal(res.status, 200, await res.clone().text());
      last = (await res.json()) as CaseCreated;
      assert.equal(last.duplicate, false);
    }
    const replay = await call('PATCH', path.toLowerCase().replace(/-/g, ''), 'agent', updates[1]);
    assert.equal(replay.status, 200);
    assert.equal(((await replay.json()) as CaseCreated).duplicate, true);
    const other = await openCase();
    await expectProblem(await call('PATCH', `/api/v1/cases/${other.code}`, 'agent', updates[1]), 409, 'key');

    const view = await json<CasePublic>(await lookup(created.code));
    assert.equal(view.status, 'sent-to-partner');
    assert.deepEqual(view.documents, ['Carte d’identité', 'Appelez le […]']);
    assert.equal(view.appointment, null);
    assert.deepEqual(
      view.history.map((e) => [e.status, e.step]),
      [
        ['received', 'Dossier à compléter'],
        ['in-progress', 'Dossier en cours'],
        ['in-progress', 'Dossier en cours'],
        ['sent-to-partner', 'Envoyé à l’ANTS'],
      ],
    );
    assert.deepEqual(view, last!.case);
    // Every event written before is still there, unchanged; the database refuses to rewrite any.
    const historyAfter = await server.db.selectFrom('case_events').selectAll().orderBy('id').execute();
    assert.deepEqual(historyAfter.slice(0, historyBefore.length), historyBefore);
    assert.equal(historyAfter.length, historyBefore.length + 4, 'three updates and the other case’s first event');
    await assert.rejects(server.db.updateTable('case_events').set({ step: 'x' }).execute(), /append-only/);
    await assert.rejects(server.db.deleteFrom('case_events').execute(), /append-only/);
    // 12 months after the last update.
    const next = new Date();
    next.setUTCMonth(next.getUTCMonth() + 12);
    assert.equal(view.expires_on, next.toISOString().slice(0, 10));
    await expectProblem(await call('PATCH', '/api/v1/cases/0000-0000-000', 'agent', { key: newKey(), status: 'done' }), 404);
  });

  test('lookup: public, no-store; any case and no dashes; malformed 400, mistyped 400 (its own type), unknown 404, expired 410', async () => {
    await resetLookups();
    const created = await openCase();
    const res = await lookup(created.code);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('etag'), null);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const view = (await res.json()) as CasePublic;
    assert.equal(view.code, created.code);
    assert.equal(Object.hasOwn(view, 'expired'), false);
    assert.equal((await lookup(created.code.toLowerCase().replace(/-/g, ''))).status, 200);

    const malformed = await expectProblem(await lookup('ABCD-EFGH'), 400, 'code');
    assert.equal(malformed.type, 'https://fs-widgets.dev/problems/validation');
    assert.match(malformed.invalid_params![0]!.reason, /XXXX-XXXX-XXC/);
    const canonical = created.code.replace(/-/g, '');
    const i = 3;
    const mistypedCode = canonical.slice(0, i) + (canonical[i] === '7' ? '8' : '7') + canonical.slice(i + 1);
    const mistyped = await expectProblem(await lookup(mistypedCode), 400, 'code');
    assert.equal(mistyped.type, 'https://fs-widgets.dev/problems/mistyped-code');
    const unknownData = canonical === '0000000000' + checkSymbol('0000000000') ? '0000000001' : '0000000000';
    const unknown = await expectProblem(await lookup(formatCode(unknownData + checkSymbol(unknownData))), 404);
    assert.equal(unknown.type, 'https://fs-widgets.dev/problems/not-found');

    await server.db.updateTable('cases').set({ expires_on: '2020-01-01' }).where('code', '=', canonical).execute();
    const expired = await expectProblem(await lookup(created.code), 410);
    assert.equal(expired.type, 'https://fs-widgets.dev/problems/expired');
    const patch = await expectProblem(
      await call('PATCH', `/api/v1/cases/${created.code}`, 'agent', { key: newKey(), status: 'done' }),
      410,
    );
    assert.equal(patch.type, 'https://fs-widgets.dev/problems/expired');
  });

  test('lookup rate limit: 30 an hour per client, failed lookups included, then 429 with Retry-After', async () => {
    await awayFromHourBoundary();
    await resetLookups();
    const created = await openCase();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await lookup(formatCode(`000000000${i}` + checkSymbol(`000000000${i}`)))).status);
    for (let i = 0; i < 10; i++)
      statuses.push((await lookup(`0000-0000-0${i}U`.replace(/U$/, checkSymbol(`000000000${i}`) === 'U' ? '0' : 'U'))).status);
    for (let i = 0; i < 10; i++) statuses.push((await lookup(created.code)).status);
    assert.deepEqual([...new Set(statuses)].sort(), [200, 400, 404]);
    const refused = await lookup(created.code);
    const problem = await expectProblem(refused, 429);
    assert.equal(problem.type, 'https://fs-widgets.dev/problems/too-many-requests');
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 3600);
    assert.equal((await lookup('nonsense')).status, 429);
    // The agents' own routes are not limited by it.
    assert.equal((await call('PATCH', `/api/v1/cases/${created.code}`, 'agent', { key: newKey(), status: 'done' })).status, 200);
    await resetLookups();
  });

  test('activity figures: unknown site 404, bad range 400, bad group_by 400', async () => {
    await expectProblem(await call('GET', '/api/v1/stats/activity?site=999999', 'admin'), 404);
    await expectProblem(await call('GET', '/api/v1/stats/activity?from=2026-03-10&to=2026-03-01', 'admin'), 400, 'from');
    await expectProblem(await call('GET', '/api/v1/stats/activity?group_by=day', 'admin'), 400, 'group_by');
    const empty = await json<ActivityStats>(
      await call('GET', '/api/v1/stats/activity?site=2004&from=2020-01-01&to=2020-12-31&group_by=month', 'admin'),
    );
    assert.deepEqual(empty, {
      scope: { site: '2004', from: '2020-01-01', to: '2020-12-31', group_by: 'month' },
      acts: 0,
      first_visit_share: null,
      referrals: {},
      groups: [],
    });
  });

  test('activity figures equal a recount of the raw acts, after random inserts (site and network, every grouping)', async () => {
    const sites = ['2983', '271', '1724', '1990'];
    const zones = new Map(
      (await server.db.selectFrom('sites').select(['id', 'time_zone']).where('id', 'in', sites).execute()).map((r) => [r.id, r.time_zone]),
    );
    const actArb = fc
      .record({
        site: fc.constantFrom(...sites),
        partner: fc.constantFrom(...PARTNERS),
        outcome: fc.constantFrom(...OUTCOMES),
        referredTo: fc.constantFrom(...PARTNERS),
        channel: fc.constantFrom(...ACT_CHANNELS),
        themeIndex: fc.nat(10),
        instant: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2025, 11, 31, 23, 59) }),
      })
      .map(({ site, partner, outcome, referredTo, channel, themeIndex, instant }): ActInput => {
        const themes = THEMES[partner as PartnerId];
        return {
          key: newKey(),
          site_id: site,
          partner,
          theme: themes[themeIndex % themes.length]!,
          outcome,
          ...(outcome === 'referred' ? { referred_to: referredTo } : {}),
          channel,
          acted_at: new Date(instant).toISOString(),
        };
      });
    const day = fc.integer({ min: Date.UTC(2024, 11, 25), max: Date.UTC(2026, 0, 5) }).map((t) => new Date(t).toISOString().slice(0, 10));
    await fc.assert(
      fc.asyncProperty(
        fc.array(actArb, { minLength: 1, maxLength: 40 }),
        fc.constantFrom<string | null>(null, ...sites),
        fc.option(day),
        fc.option(day),
        fc.constantFrom<'partner' | 'theme' | 'month' | null>(null, 'partner', 'theme', 'month'),
        async (acts, site, from, to, groupBy) => {
          for (const input of acts) {
            await server.db.transaction().execute((trx) => storeAct(trx, prepareAct(input, zones.get(input.site_id)!)));
          }
          if (from !== null && to !== null && from > to) [from, to] = [to, from];
          const query = new URLSearchParams({
            ...(site ? { site } : {}),
            ...(from ? { from } : {}),
            ...(to ? { to } : {}),
            ...(groupBy ? { group_by: groupBy } : {}),
          });
          const stats = await json<ActivityStats>(await call('GET', `/api/v1/stats/activity?${query}`, 'admin'));
          let raw = server.db.selectFrom('acts').selectAll();
          if (site) raw = raw.where('site_id', '=', site);
          if (from) raw = raw.where('day', '>=', from);
          if (to) raw = raw.where('day', '<=', to);
          const rows = await raw.execute();
          const referrals: Record<string, number> = {};
          const groups = new Map<string, { key: string; acts: number; solved: number; referred: number; follow_up: number }>();
          for (const r of rows) {
            if (r.referred_to) referrals[r.referred_to] = (referrals[r.referred_to] ?? 0) + 1;
            if (!groupBy) continue;
            const key = groupBy === 'partner' ? r.partner : groupBy === 'theme' ? `${r.partner}/${r.theme}` : r.day.slice(0, 7);
            const g = groups.get(key) ?? { key, acts: 0, solved: 0, referred: 0, follow_up: 0 };
            g.acts++;
            g[r.outcome === 'follow-up' ? 'follow_up' : (r.outcome as 'solved' | 'referred')]++;
            groups.set(key, g);
          }
          const solved = rows.filter((r) => r.outcome === 'solved').length;
          assert.equal(stats.acts, rows.length);
          assert.equal(stats.first_visit_share, rows.length === 0 ? null : solved / rows.length);
          assert.deepEqual(stats.referrals, referrals);
          assert.deepEqual(
            stats.groups,
            [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  test('an act counts on the local day of its site: 21:30 UTC is the next day in La Réunion', async () => {
    const acted_at = new Date(Date.now() - 2 * 86_400_000);
    acted_at.setUTCHours(21, 30, 0, 0);
    const body = act('1724', { acted_at: acted_at.toISOString() });
    assert.equal((await call('POST', '/api/v1/acts', 'admin', body)).status, 201);
    const [row] = await server.db.selectFrom('acts').select('day').where('key', '=', body.key).execute();
    assert.equal(row!.day, new Date(acted_at.getTime() + 86_400_000).toISOString().slice(0, 10));
  });
});
