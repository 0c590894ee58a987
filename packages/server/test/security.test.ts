import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { createToken, revokeToken, type TokenRole } from '../src/auth/tokens.js';
import { readConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';
import { createTestDatabase, makeTempDir, removeTempDir, type TestDatabase } from './test-server.js';

/*
 * Authorization and exposure, over the whole API as its OpenAPI document describes it: who may
 * call each write and private route (the matrix below: every secured route must be in it, one
 * line each), which writes are public on purpose, what is stored of tokens, and that no
 * personal data written by anyone comes back in a public answer or in the logs.
 */

/**
 * Who calls: no token, a malformed one, revoked or expired ones, the site's and another site's
 * agents and managers, an admin; and the read-only observers of issue 17: the site's
 * département's and another département's, the site's carrier's and another carrier's, the network's.
 */
type Who =
  | 'anonymous'
  | 'malformed'
  | 'revoked'
  | 'expired'
  | 'revokedManager'
  | 'expiredManager'
  | 'otherAgent'
  | 'otherManager'
  | 'agent'
  | 'manager'
  | 'admin'
  | 'departement'
  | 'otherDepartement'
  | 'carrier'
  | 'otherCarrier'
  | 'network';
const WHO: Who[] = [
  'anonymous',
  'malformed',
  'revoked',
  'expired',
  'revokedManager',
  'expiredManager',
  'otherAgent',
  'otherManager',
  'agent',
  'manager',
  'admin',
  'departement',
  'otherDepartement',
  'carrier',
  'otherCarrier',
  'network',
];
const OBSERVERS: Who[] = ['departement', 'otherDepartement', 'carrier', 'otherCarrier', 'network'];
const UNAUTHENTICATED: Who[] = ['anonymous', 'malformed', 'revoked', 'expired', 'revokedManager', 'expiredManager'];

/**
 * Who each secured route is for (docs/security.md, « Roles »): `agent` — the site's agents, its
 * managers and admins; `manager` — the site's managers and admins; `admin` — admins only;
 * `observer` — a scope's observers and admins (every route of `/observatory/`, checked for each
 * scope asked, `SCOPES`); `activity` — the site's agents, managers, the observers whose scope
 * holds it, admins. Observers never act for a site (403 on every `agent`, `manager`, `admin`
 * route). `query` is added to the URL. A new secured route is one line here (the first test
 * fails until it is; a route under `/observatory/` is an observer's unless listed otherwise).
 */
type Need = 'agent' | 'manager' | 'admin' | 'observer' | 'activity';
/** France services de Mende (Lozère, 48), its département, its carrier (set for the matrix). */
const SITE = '2983';
const SITE_DEPARTEMENT = '48';
const SITE_CARRIER = 'matrix-carrier';
/** Marvejols (48 too): another site's agents and managers, and the site of another carrier. */
const OTHER_SITE = '271';
const OTHER_DEPARTEMENT = '16';
const OTHER_CARRIER = 'matrix-other-carrier';
/** The scopes an observer route is asked for: none (the token's own), the site's département, the site's carrier. */
const SCOPES = ['own', 'departement', 'carrier'] as const;
type AskedScope = (typeof SCOPES)[number];
const SCOPE_QUERY: Record<AskedScope, string> = {
  own: '',
  departement: `departement=${SITE_DEPARTEMENT}`,
  carrier: `carrier=${SITE_CARRIER}`,
};
const MATRIX: Record<string, { need: Need; query?: string }> = {
  'GET /api/v1/sites/{id}/feedback.csv': { need: 'agent' },
  'POST /api/v1/acts': { need: 'agent' },
  'POST /api/v1/cases': { need: 'agent' },
  'PATCH /api/v1/cases/{code}': { need: 'agent' },
  'GET /api/v1/stats/activity': { need: 'activity', query: `?site=${SITE}` },
  'POST /api/v1/sites/{id}/local-partners': { need: 'agent' },
  'PUT /api/v1/sites/{id}/local-partners/{item}': { need: 'agent' },
  'DELETE /api/v1/sites/{id}/local-partners/{item}': { need: 'agent' },
  'POST /api/v1/sites/{id}/permanences': { need: 'agent' },
  'PUT /api/v1/sites/{id}/permanences/{item}': { need: 'agent' },
  'DELETE /api/v1/sites/{id}/permanences/{item}': { need: 'agent' },
  'PUT /api/v1/sites/{id}/hours': { need: 'agent' },
  'POST /api/v1/sites/{id}/exceptions': { need: 'agent' },
  'PUT /api/v1/sites/{id}/exceptions/{item}': { need: 'agent' },
  'DELETE /api/v1/sites/{id}/exceptions/{item}': { need: 'agent' },
  'PUT /api/v1/sites/{id}/offers': { need: 'agent' },
  'POST /api/v1/sites/{id}/verify': { need: 'agent' },
  'POST /api/v1/sites/{id}/stops': { need: 'agent' },
  'PUT /api/v1/sites/{id}/stops/{item}': { need: 'agent' },
  'DELETE /api/v1/sites/{id}/stops/{item}': { need: 'agent' },
  'GET /api/v1/sites/{id}/access/me': { need: 'agent' },
  'GET /api/v1/sites/{id}/access': { need: 'manager' },
  'POST /api/v1/sites/{id}/access': { need: 'manager' },
  'PATCH /api/v1/sites/{id}/access/{access}': { need: 'manager' },
  'DELETE /api/v1/sites/{id}/access/{access}': { need: 'manager' },
  'GET /api/v1/sites/{id}/history': { need: 'manager' },
  'GET /api/v1/sites/{id}/booking-settings': { need: 'agent' },
  'PUT /api/v1/sites/{id}/booking-settings': { need: 'agent' },
  'GET /api/v1/sites/{id}/agenda': { need: 'agent' },
  'POST /api/v1/sites/{id}/agenda/appointments': { need: 'agent' },
  'POST /api/v1/sites/{id}/agenda/appointments/{appointment}/move': { need: 'agent' },
  'POST /api/v1/sites/{id}/agenda/appointments/{appointment}/cancel': { need: 'agent' },
  'POST /api/v1/sites/{id}/agenda/appointments/{appointment}/status': { need: 'agent' },
  'POST /api/v1/sites/{id}/agenda/blocks': { need: 'agent' },
  'DELETE /api/v1/sites/{id}/agenda/blocks/{block}': { need: 'agent' },
  'GET /api/v1/stats/appointments': { need: 'activity', query: `?site=${SITE}` },
  'GET /api/v1/admin/unverified-sites': { need: 'admin' },
  'POST /api/v1/admin/carriers': { need: 'admin' },
  'PUT /api/v1/admin/sites/{id}/carrier': { need: 'admin' },
  'GET /api/v1/observatory/carriers': { need: 'observer' },
  'GET /api/v1/observatory/summary': { need: 'observer' },
  'GET /api/v1/observatory/sites': { need: 'observer' },
  'GET /api/v1/observatory/compliance': { need: 'observer' },
  'GET /api/v1/observatory/composition': { need: 'observer' },
  'GET /api/v1/observatory/freshness': { need: 'observer' },
  'GET /api/v1/observatory/activity': { need: 'observer', query: '?group_by=partner' },
  'GET /api/v1/observatory/satisfaction': { need: 'observer', query: '?group_by=month' },
  'GET /api/v1/observatory/appointments': { need: 'observer', query: '?group_by=partner' },
  'GET /api/v1/observatory/coverage': { need: 'observer' },
  'GET /api/v1/observatory/coverage/communes': { need: 'observer' },
  'GET /api/v1/observatory/coverage/white-zones': { need: 'observer' },
  'POST /api/v1/observatory/coverage/what-if': { need: 'observer' },
};

/** A secured route's line of the matrix; the routes of the observatory are an observer's unless listed. */
function lineOf(name: string): { need: Need; query?: string } | undefined {
  return MATRIX[name] ?? (/^[A-Z]+ \/api\/v1\/observatory\//.test(name) ? { need: 'observer' } : undefined);
}

/**
 * What each caller gets from a route for `need` (an observer's route: asked for `scope`): 401,
 * 403, or anything else (allowed: the request then succeeds or fails on its content).
 */
function expected(who: Who, need: Need, scope: AskedScope = 'own'): 401 | 403 | 'allowed' {
  if (UNAUTHENTICATED.includes(who)) return 401;
  if (who === 'admin') return 'allowed';
  if (need === 'observer') {
    if (who === 'network') return 'allowed';
    if (scope === 'own') return OBSERVERS.includes(who) ? 'allowed' : 403;
    return who === scope ? 'allowed' : 403; // a département's token its département only, a carrier's its carrier only
  }
  if (need === 'activity') return ['agent', 'manager', 'departement', 'carrier', 'network'].includes(who) ? 'allowed' : 403;
  if (OBSERVERS.includes(who)) return 403; // read-only: no site's route, no admin's
  if (who === 'otherAgent' || who === 'otherManager' || need === 'admin') return 403;
  return who === 'agent' && need === 'manager' ? 403 : 'allowed';
}

/** The only writes open to anyone, on purpose (docs/security.md): a satisfaction answer. */
const PUBLIC_WRITES = [
  'POST /api/v1/feedback',
  // Appointments (issue 19): booked without an account; cancelled and moved by whoever holds the code (rate limited).
  'POST /api/v1/sites/{id}/appointments',
  'POST /api/v1/appointments/{code}/cancel',
  'POST /api/v1/appointments/{code}/move',
];

/** Personal data planted in every free-text field; none of it may come back publicly or be logged. */
const EMAIL = 'jeanne.martin@example.org';
const PHONE = '06 12 34 56 78';
const PLANTED = `Rappeler Jeanne Martin au ${PHONE} ou ${EMAIL}`;

describe('authorization and exposure across the API', () => {
  let server: RunningServer;
  let dir: string;
  let database: TestDatabase | undefined;
  const logs: string[] = [];
  const tokens = {} as Record<Exclude<Who, 'anonymous'>, string>;
  tokens.malformed = 'fsw_not-a-token';
  const operations: { method: string; path: string; secured: boolean }[] = [];

  const call = (method: string, url: string, who: Who, body?: unknown) =>
    server.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(who === 'anonymous' ? {} : { authorization: `Bearer ${tokens[who]}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });

  before(async () => {
    dir = makeTempDir();
    database = await createTestDatabase(dir);
    const config = readConfig({ PORT: '0', ...database.env, LOG_LEVEL: 'info', FS_DATA_KEY_FILE: join(dir, 'data.key') });
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    server = await startServer(config, { serveStatic: false, logger: { level: 'info', stream } });
    const make = async (
      role: TokenRole,
      siteId: string | undefined,
      label: string,
      scope: { department?: string; carrier?: string } = {},
    ) => (await createToken(server.db, { role, siteId, label, ...scope })).token;
    // Two carriers, set for the site and for the other site (a guess from the name grants nothing).
    const now = new Date().toISOString();
    await server.db
      .insertInto('carriers')
      .values([
        { id: SITE_CARRIER, name: 'Matrix carrier', kind: 'collectivite', created_at: now },
        { id: OTHER_CARRIER, name: 'Matrix other carrier', kind: 'association', created_at: now },
      ])
      .execute();
    await server.db
      .insertInto('site_carriers')
      .values([
        { site_id: SITE, carrier_id: SITE_CARRIER, set_by: 'matrix', set_at: now },
        { site_id: OTHER_SITE, carrier_id: OTHER_CARRIER, set_by: 'matrix', set_at: now },
      ])
      .execute();
    tokens.departement = await make('departement', undefined, 'matrix departement', { department: SITE_DEPARTEMENT });
    tokens.otherDepartement = await make('departement', undefined, 'matrix other departement', { department: OTHER_DEPARTEMENT });
    tokens.carrier = await make('carrier', undefined, 'matrix carrier', { carrier: SITE_CARRIER });
    tokens.otherCarrier = await make('carrier', undefined, 'matrix other carrier', { carrier: OTHER_CARRIER });
    tokens.network = await make('network', undefined, 'matrix network');
    tokens.agent = await make('agent', SITE, 'matrix agent');
    tokens.manager = await make('manager', SITE, 'matrix manager');
    tokens.otherAgent = await make('agent', OTHER_SITE, 'matrix other');
    tokens.otherManager = await make('manager', OTHER_SITE, 'matrix other manager');
    tokens.revoked = await make('agent', SITE, 'matrix revoked');
    tokens.expired = await make('agent', SITE, 'matrix expired');
    tokens.revokedManager = await make('manager', SITE, 'matrix revoked manager');
    tokens.expiredManager = await make('manager', SITE, 'matrix expired manager');
    tokens.admin = await make('admin', undefined, 'matrix admin');
    await revokeToken(server.db, tokens.revoked.slice(4, 16));
    await revokeToken(server.db, tokens.revokedManager.slice(4, 16));
    await server.db
      .updateTable('tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('label', 'in', ['matrix expired', 'matrix expired manager'])
      .execute();
    const doc = server.app.swagger() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) {
          operations.push({ method: method.toUpperCase(), path, secured: Array.isArray(op.security) && op.security.length > 0 });
        }
      }
    }
  });

  after(async () => {
    await server?.close();
    await database?.drop();
    removeTempDir(dir);
  });

  test('every write needs a token, except the documented public ones', () => {
    const writes = operations.filter((o) => o.method !== 'GET');
    assert.ok(writes.length >= 8, `${writes.length} writes`);
    for (const write of writes) {
      const name = `${write.method} ${write.path}`;
      assert.equal(write.secured, !PUBLIC_WRITES.includes(name), `${name} is ${write.secured ? 'secured' : 'public'}`);
    }
  });

  test('the matrix lists every secured route, and only routes that exist', () => {
    const secured = operations.filter((o) => o.secured).map((o) => `${o.method} ${o.path}`);
    for (const name of secured) assert.ok(lineOf(name), `${name} is secured but not in the matrix: add one line to MATRIX`);
    for (const name of Object.keys(MATRIX)) {
      assert.ok(secured.includes(name), `${name} is in the matrix but not served`);
    }
  });

  test('matrix: no token, malformed, revoked, expired, another site’s agent and manager, the site’s agent, manager and admin, each observer on every secured route', async () => {
    const secured = operations.filter((o) => o.secured && lineOf(`${o.method} ${o.path}`));
    assert.ok(secured.length >= 17, `${secured.length} secured operations`);
    // A case of the site, for the routes whose site is the case's.
    const opened = await call('POST', '/api/v1/cases', 'admin', {
      key: `matrix-case-${Date.now()}`,
      site_id: SITE,
      partner: 'interieur',
      demarche: 'Carte grise',
      step: 'Dossier reçu',
      documents: [],
    });
    assert.equal(opened.statusCode, 201, opened.body);
    const code = (JSON.parse(opened.body) as { code: string }).code;
    let keys = 0;
    let checked = 0;
    let expectedChecks = 0;
    for (const operation of secured) {
      const { need, query: routeQuery = '' } = lineOf(`${operation.method} ${operation.path}`)!;
      // The site of the path, of the body or of the case; an item or access that does not exist. Bodies are
      // minimal: the token is checked first, an allowed caller then gets a 400 or a 404.
      const url = operation.path
        .replace('{id}', SITE)
        .replace('{code}', code)
        .replace('{item}', 'abc')
        .replace('{access}', '000000000000')
        .replace('{appointment}', 'noSuchAppointment')
        .replace('{block}', 'noSuchBlock');
      const body =
        operation.method === 'GET' || operation.method === 'DELETE'
          ? undefined
          : operation.path.includes('{code}')
            ? { key: `matrix-update-${Date.now()}-${keys++}`, step: 'Pièces reçues' }
            : { site_id: SITE };
      // An observer's route is asked for each scope; the others as they are.
      for (const scope of need === 'observer' ? SCOPES : (['own'] as const)) {
        const params = [routeQuery.replace(/^\?/, ''), SCOPE_QUERY[scope]].filter(Boolean).join('&');
        const query = params ? `?${params}` : '';
        expectedChecks += WHO.length;
        for (const who of WHO) {
          const res = await call(operation.method, url + query, who, body);
          const name = `${operation.method} ${url}${query} (${need}) as ${who} → ${res.statusCode} ${res.body.slice(0, 160)}`;
          const expect = expected(who, need, scope);
          if (expect === 'allowed' && need === 'observer' && operation.method === 'GET') assert.equal(res.statusCode, 200, name);
          else if (expect === 'allowed') assert.ok(res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500, name);
          else assert.equal(res.statusCode, expect, name);
          if (res.statusCode === 401) assert.match(String(res.headers['www-authenticate'] ?? ''), /^Bearer/, name);
          checked++;
        }
      }
    }
    assert.equal(checked, expectedChecks);
  });

  test('observers: another scope than one’s own is 403, whatever the route of the observatory', async () => {
    const observed = operations.filter((o) => o.method === 'GET' && lineOf(`${o.method} ${o.path}`)?.need === 'observer');
    assert.ok(observed.length >= 1, 'no observatory route');
    for (const { path } of observed) {
      for (const [who, query] of [
        ['departement', `departement=${OTHER_DEPARTEMENT}`],
        ['departement', `carrier=${SITE_CARRIER}`],
        ['otherDepartement', `departement=${SITE_DEPARTEMENT}`],
        ['carrier', `carrier=${OTHER_CARRIER}`],
        ['carrier', `departement=${SITE_DEPARTEMENT}`],
        ['agent', `departement=${SITE_DEPARTEMENT}`],
        ['manager', ''],
      ] as const) {
        const res = await call('GET', `${path}?${query}`, who);
        assert.equal(res.statusCode, 403, `GET ${path}?${query} as ${who} → ${res.statusCode}`);
      }
      // The network and admins see any scope; an unknown one is 404 for them.
      for (const who of ['network', 'admin'] as const) {
        assert.equal((await call('GET', `${path}?departement=${OTHER_DEPARTEMENT}`, who)).statusCode, 200, `${path} as ${who}`);
        assert.equal((await call('GET', `${path}?carrier=${OTHER_CARRIER}`, who)).statusCode, 200, `${path} as ${who}`);
        assert.equal((await call('GET', `${path}?departement=99`, who)).statusCode, 404, `${path} as ${who}`);
        assert.equal((await call('GET', `${path}?carrier=no-such-carrier`, who)).statusCode, 404, `${path} as ${who}`);
      }
    }
  });

  test('an observer’s answers are about its scope and nothing else', async () => {
    const observed = operations.filter((o) => o.method === 'GET' && lineOf(`${o.method} ${o.path}`)?.need === 'observer');
    for (const { path } of observed) {
      const query = lineOf(`GET ${path}`)!.query ?? '';
      const lozere = JSON.parse((await call('GET', path + query, 'departement')).body);
      assert.deepEqual([lozere.scope?.kind, lozere.scope?.department, lozere.scope?.departments], ['departement', '48', ['48']], path);
      const carrier = JSON.parse((await call('GET', path + query, 'carrier')).body);
      assert.deepEqual([carrier.scope?.kind, carrier.scope?.carrier, carrier.scope?.sites], ['carrier', SITE_CARRIER, 1], path);
      if (path === '/api/v1/observatory/sites') {
        assert.ok(lozere.items.length > 1 && lozere.items.every((row: { department: string }) => row.department === '48'), path);
        assert.deepEqual(
          carrier.items.map((row: { id: string }) => row.id),
          [SITE],
          path,
        );
      }
    }
  });

  test('a network-wide private read is for admins and the network observer only', async () => {
    for (const who of ['agent', 'manager', 'departement', 'carrier'] as const) {
      assert.equal((await call('GET', '/api/v1/stats/activity', who)).statusCode, 403, who);
    }
    assert.equal((await call('GET', '/api/v1/stats/activity', 'admin')).statusCode, 200);
    assert.equal((await call('GET', '/api/v1/stats/activity', 'network')).statusCode, 200);
  });

  test('tokens are stored hashed: no secret in the database', async () => {
    const rows = await server.db.selectFrom('tokens').selectAll().execute();
    for (const token of Object.values(tokens)) {
      const secret = token.split('.')[1]!;
      for (const row of rows) assert.ok(!Object.values(row).some((value) => String(value).includes(secret)), 'a secret is stored in clear');
    }
    assert.ok(rows.every((row) => /^[0-9a-f]{64}$/.test(row.secret_hash)));
  });

  test('an unknown token id and a wrong secret get the same answer', async () => {
    const known = tokens.agent.slice(0, 17);
    const wrongSecret = await server.app.inject({
      url: `/api/v1/sites/${SITE}/feedback.csv`,
      headers: { authorization: `Bearer ${known}${'A'.repeat(43)}` },
    });
    const unknownId = await server.app.inject({
      url: `/api/v1/sites/${SITE}/feedback.csv`,
      headers: { authorization: `Bearer fsw_000000000000.${'A'.repeat(43)}` },
    });
    assert.equal(wrongSecret.statusCode, 401);
    assert.equal(unknownId.statusCode, 401);
    assert.equal(JSON.parse(wrongSecret.body).detail, JSON.parse(unknownId.body).detail);
  });

  test('personal data written anywhere never comes back publicly, and is never logged', async () => {
    const key = () => `security-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const now = new Date().toISOString();
    const writes = [
      await call('POST', '/api/v1/feedback', 'anonymous', {
        key: key(),
        site_id: SITE,
        rating: 'satisfied',
        resolved: 'yes',
        comment: PLANTED,
        channel: 'kiosk',
        answered_at: now,
      }),
      await call('POST', '/api/v1/cases', 'agent', {
        key: key(),
        site_id: SITE,
        partner: 'caf',
        demarche: PLANTED.slice(0, 120),
        step: PLANTED,
        documents: [PLANTED.slice(0, 120)],
      }),
      await call('POST', `/api/v1/sites/${SITE}/local-partners`, 'agent', {
        key: key(),
        name: 'Point conseil budget',
        description: PLANTED,
      }),
    ];
    for (const res of writes) assert.ok(res.statusCode === 201, res.body);
    const caseCode = (JSON.parse(writes[1]!.body) as { code: string }).code;
    const localPartner = JSON.parse(writes[2]!.body) as { id: string };
    const permanence = await call('POST', `/api/v1/sites/${SITE}/permanences`, 'agent', {
      key: key(),
      local_partner_id: localPartner.id,
      recurrence: { freq: 'appointment' },
      by_appointment: true,
      note: PLANTED,
    });
    assert.equal(permanence.statusCode, 201, permanence.body);
    // An appointment booked with the planted e-mail and phone (issue 19): they are stored (sealed), never shown nor logged.
    const settings = { enabled: true, duration_minutes: 30, capacity: 1, horizon_days: 28, min_notice_minutes: 1440, reasons: ['other'] };
    assert.equal((await call('PUT', `/api/v1/sites/${SITE}/booking-settings`, 'agent', settings)).statusCode, 200);
    const slots = JSON.parse((await call('GET', `/api/v1/sites/${SITE}/slots?reason=other&days=14`, 'anonymous')).body) as {
      days: Array<{ slots: Array<{ start: string }> }>;
    };
    const booking = await call('POST', `/api/v1/sites/${SITE}/appointments`, 'anonymous', {
      key: key(),
      reason: 'other',
      start: slots.days[0]!.slots[0]!.start,
      first_name: 'Jeanne',
      phone: PHONE,
      email: EMAIL,
      reminder: 'email',
    });
    assert.equal(booking.statusCode, 201, booking.body);
    const bookingCode = (JSON.parse(booking.body) as { code: string }).code;

    const publicReads = [
      `/api/v1/sites/${SITE}`,
      `/api/v1/sites?commune=48095`,
      `/api/v1/sites/${SITE}/partners`,
      `/api/v1/stats/satisfaction?site=${SITE}`,
      `/api/v1/stats/satisfaction`,
      `/api/v1/cases/${caseCode}`,
      `/api/v1/exports/data-inclusion/services?departement=48&size=5000`,
      `/api/v1/exports/data-inclusion/structures?departement=48&size=5000`,
      `/api/v1/directory`,
      `/api/v1/meta`,
      `/api/v1/sites/${SITE}/booking`,
      `/api/v1/appointments/${bookingCode}`,
      `/api/v1/appointments/${bookingCode}/event.ics`,
    ];
    if (operations.some((o) => o.path === '/api/v1/stats/key-figures')) publicReads.push(`/api/v1/stats/key-figures?site=${SITE}`);
    for (const url of publicReads) {
      const res = await call('GET', url, 'anonymous');
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
      assert.ok(
        !res.body.includes(EMAIL) && !res.body.includes(PHONE) && !res.body.includes('06.12.34') && !res.body.includes('0612345678'),
        `personal data in ${url}`,
      );
    }
    const logged = logs.join('');
    assert.ok(logged.length > 0, 'the server logged its requests');
    assert.ok(!logged.includes(EMAIL) && !logged.includes(PHONE), 'personal data in the logs');
    for (const token of Object.values(tokens)) assert.ok(!logged.includes(token.split('.')[1]!), 'a token secret in the logs');
    assert.ok(!/authorization/i.test(logged), 'an Authorization header in the logs');
  });
  test('abuse: bodies over 64 KB, CORS as documented, security headers', async () => {
    const huge = await server.app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ key: 'x'.repeat(70 * 1024) }),
    });
    assert.equal(huge.statusCode, 413);
    assert.match(String(huge.headers['content-type']), /^application\/problem\+json/);

    // Public reads: any embedding origin, no credentials involved.
    const read = await server.app.inject({ url: `/api/v1/sites/${SITE}`, headers: { origin: 'https://www.mairie-exemple.fr' } });
    assert.equal(read.headers['access-control-allow-origin'], '*');
    assert.equal(read.headers['access-control-allow-credentials'], undefined);
    assert.equal(read.headers['x-content-type-options'], 'nosniff');
    // Writes: the preflight allows exactly what the widgets send.
    for (const [url, method] of [
      ['/api/v1/feedback', 'POST'],
      ['/api/v1/acts', 'POST'],
      [`/api/v1/sites/${SITE}/permanences/abc`, 'PUT'],
    ] as const) {
      const preflight = await server.app.inject({
        method: 'OPTIONS',
        url,
        headers: {
          origin: 'https://intranet.mairie-exemple.fr',
          'access-control-request-method': method,
          'access-control-request-headers': 'content-type',
        },
      });
      assert.equal(preflight.statusCode, 204, url);
      assert.match(String(preflight.headers['access-control-allow-methods']), new RegExp(method), url);
    }
    // A browser may not write to the public read routes.
    const blocked = await server.app.inject({
      method: 'OPTIONS',
      url: `/api/v1/sites/${SITE}`,
      headers: { origin: 'https://www.mairie-exemple.fr', 'access-control-request-method': 'DELETE' },
    });
    assert.doesNotMatch(String(blocked.headers['access-control-allow-methods'] ?? ''), /DELETE/);
    // Errors too carry nosniff and never a stack trace.
    const error = await server.app.inject({ url: '/api/v1/sites?near=abc' });
    assert.equal(error.headers['x-content-type-options'], 'nosniff');
    assert.doesNotMatch(error.body, /at .*\.ts:\d+|node_modules/);
  });
});
