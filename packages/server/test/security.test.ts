import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createToken, revokeToken } from '../src/auth/tokens.js';
import { readConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';
import { createTestDatabase, makeTempDir, removeTempDir, type TestDatabase } from './test-server.js';

/*
 * Authorization and exposure, over the whole API as its OpenAPI document describes it (a new
 * route is covered without touching this file): who may call each write and private route,
 * which writes are public on purpose, what is stored of tokens, and that no personal data
 * written by anyone comes back in a public answer or in the logs.
 */

type Who = 'anonymous' | 'agent' | 'otherAgent' | 'revoked' | 'expired' | 'admin';
const WHO: Who[] = ['anonymous', 'agent', 'otherAgent', 'revoked', 'expired', 'admin'];

/** The only writes open to anyone, on purpose (docs/security.md): a satisfaction answer. */
const PUBLIC_WRITES = ['POST /api/v1/feedback'];
/** Reads open to anyone although they are per site: none of these holds personal data. */
const SITE = '2983';
const OTHER_SITE = '271';

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
    const config = readConfig({ PORT: '0', ...database.env, LOG_LEVEL: 'info' });
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    server = await startServer(config, { serveStatic: false, logger: { level: 'info', stream } });
    const make = async (siteId: string | undefined, label: string) =>
      (await createToken(server.db, { role: siteId ? 'agent' : 'admin', siteId, label })).token;
    tokens.agent = await make(SITE, 'matrix agent');
    tokens.otherAgent = await make(OTHER_SITE, 'matrix other');
    tokens.revoked = await make(SITE, 'matrix revoked');
    tokens.expired = await make(SITE, 'matrix expired');
    tokens.admin = await make(undefined, 'matrix admin');
    await revokeToken(server.db, tokens.revoked.slice(4, 16));
    await server.db
      .updateTable('tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('label', '=', 'matrix expired')
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

  test('matrix: anonymous, agent of the site, agent of another site, revoked, expired, admin on every secured route', async () => {
    const secured = operations.filter((o) => o.secured);
    assert.ok(secured.length >= 10, `${secured.length} secured operations`);
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
    for (const operation of secured) {
      // The site of the path, of the body or of the case. Bodies are minimal: the token is checked first.
      const url = operation.path.replace('{id}', SITE).replace('{code}', code).replace('{item}', 'abc');
      const body =
        operation.method === 'GET' || operation.method === 'DELETE'
          ? undefined
          : operation.path.includes('{code}')
            ? { key: `matrix-update-${Date.now()}-${keys++}`, step: 'Pièces reçues' }
            : { site_id: SITE };
      const query = operation.path.includes('/stats/activity') ? `?site=${SITE}` : '';
      for (const who of WHO) {
        const res = await call(operation.method, url + query, who, body);
        const name = `${operation.method} ${url}${query} as ${who} → ${res.statusCode} ${res.body.slice(0, 160)}`;
        if (who === 'anonymous' || who === 'revoked' || who === 'expired') assert.equal(res.statusCode, 401, name);
        else if (who === 'otherAgent') assert.equal(res.statusCode, 403, name);
        else assert.ok(res.statusCode !== 401 && res.statusCode !== 403, name);
        if (res.statusCode === 401) assert.match(String(res.headers['www-authenticate'] ?? ''), /^Bearer/, name);
        checked++;
      }
    }
    assert.equal(checked, secured.length * WHO.length);
  });

  test('a network-wide private read is for admins only', async () => {
    assert.equal((await call('GET', '/api/v1/stats/activity', 'agent')).statusCode, 403);
    assert.equal((await call('GET', '/api/v1/stats/activity', 'admin')).statusCode, 200);
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
