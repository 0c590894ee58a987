import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { COMMENT_MAX_LENGTH, type FeedbackInput, type FeedbackReceipt } from '@fs-widgets/contract';
import { buildApp } from '../src/app.js';
import { readConfig, ConfigError } from '../src/config.js';
import { removePersonalData } from '../src/privacy/personal-data.js';
import { loadDirectory } from '../src/directory/catalogue.js';
import { SiteCatalogue } from '../src/sites/site-catalogue.js';
import { estimateProvider } from '../src/travel/estimate.js';
import { FEEDBACK_RATE_LIMITS } from '../src/feedback/feedback-rate-limits.js';
import { expectProblem, startTestServer, type TestServer } from './test-server.js';

let keys = 0;
/** A fresh idempotency key (the contract asks for 16 to 64 of [A-Za-z0-9_-]). */
const newKey = () => `test-key-${process.pid}-${Date.now().toString(36)}-${keys++}`;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** A valid answer for a site; kiosk by default, whose limit (120 an hour) the tests stay under. */
const answer = (site: string, fields: Partial<FeedbackInput> = {}): FeedbackInput => ({
  key: newKey(),
  site_id: site,
  rating: 'satisfied',
  channel: 'kiosk',
  answered_at: minutesAgo(1),
  ...fields,
});

/**
 * The rate limit counts in fixed windows of one clock hour: a test that fills one must not
 * straddle two. Waits for the next hour when less than 20 s of this one are left.
 */
async function awayFromHourBoundary() {
  const left = 3_600_000 - (Date.now() % 3_600_000);
  if (left < 20_000) await new Promise((r) => setTimeout(r, left + 100));
}

describe('POST /api/v1/feedback', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server?.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    server.get('/api/v1/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const stored = (key: string) => server.db.selectFrom('feedback').selectAll().where('key', '=', key).execute();

  test('a valid answer is stored: 201 with its receipt, counted in the site’s figures', async () => {
    const body = answer('2983', { rating: 'very-satisfied', resolved: 'yes', channel: 'web' });
    const res = await post(body, { Origin: 'https://www.mende.fr' });
    assert.equal(res.status, 201, await res.clone().text());
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const receipt = (await res.json()) as FeedbackReceipt;
    assert.equal(receipt.key, body.key);
    assert.equal(receipt.duplicate, false);
    assert.match(receipt.id, /^[0-9a-f-]{36}$/);
    const [row] = await stored(body.key);
    assert.equal(row!.id, receipt.id);
    assert.equal(row!.site_id, '2983');
    assert.equal(row!.resolved, 'yes');
    assert.equal(row!.answered_at, new Date(body.answered_at).toISOString());
    const stats = await (await server.get('/api/v1/stats/satisfaction?site=2983&channel=web')).json();
    assert.equal(stats.distribution['very-satisfied'], 1);
    assert.equal(stats.resolved.yes, 1);
  });

  test('validation: each error is a 400 problem naming the field', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['an unknown field', { ...answer('271'), email: 'x@example.org' }, 'email'],
      ['a comment one character too long', answer('271', { comment: 'a'.repeat(COMMENT_MAX_LENGTH + 1) }), 'comment'],
      ['a rating off the scale', { ...answer('271'), rating: 'good' }, 'rating'],
      ['a numeric rating', { ...answer('271'), rating: 5 }, 'rating'],
      ['no rating', (({ rating: _r, ...rest }) => rest)(answer('271')), 'rating'],
      ['a key too short', answer('271', { key: 'short' }), 'key'],
      ['a key with a space', answer('271', { key: 'abcdefgh ijklmnopq' }), 'key'],
      ['an unknown channel', { ...answer('271'), channel: 'email' }, 'channel'],
      ['an unknown resolution', { ...answer('271'), resolved: 'maybe' }, 'resolved'],
      ['answered_at not a date-time', answer('271', { answered_at: 'yesterday' }), 'answered_at'],
      ['answered_at 10 minutes in the future', answer('271', { answered_at: minutesAgo(-10) }), 'answered_at'],
      ['answered_at 31 days ago', answer('271', { answered_at: minutesAgo(31 * 24 * 60) }), 'answered_at'],
      ['a site_id that is not digits', answer('271', { site_id: '29 83' }), 'site_id'],
    ];
    for (const [what, body, field] of cases) {
      const problem = await expectProblem(await post(body), 400, field);
      assert.equal(problem.type, 'https://fs-widgets.dev/problems/validation', what);
    }
    // None of them was stored.
    const rows = await server.db.selectFrom('feedback').select('id').where('site_id', '=', '271').execute();
    assert.equal(rows.length, 0);
  });

  test('answered_at: a clock 2 minutes ahead and an answer 29 days old are accepted', async () => {
    assert.equal((await post(answer('272', { answered_at: minutesAgo(-2) }))).status, 201);
    assert.equal((await post(answer('272', { answered_at: minutesAgo(29 * 24 * 60) }))).status, 201);
    // Any offset is read as the instant it names, and stored in UTC.
    const instant = new Date(Date.now() - 3_600_000);
    const local = new Date(instant.getTime() + 4 * 3_600_000).toISOString().replace('Z', '+04:00');
    const body = answer('272', { answered_at: local });
    assert.equal((await post(body)).status, 201);
    assert.equal((await stored(body.key))[0]!.answered_at, instant.toISOString());
  });

  test('an unknown site is a 422 problem naming site_id; malformed JSON, another media type and a large body are refused', async () => {
    const problem = await expectProblem(await post(answer('999999')), 422, 'site_id');
    assert.match(problem.detail ?? '', /999999/);
    assert.equal(problem.type, 'https://fs-widgets.dev/problems/unknown-site');
    await expectProblem(await post('{"key": '), 400);
    const form = await server.get('/api/v1/feedback', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'rating=good' });
    await expectProblem(form, 415);
    await expectProblem(await post(answer('273', { comment: 'x'.repeat(70 * 1024) })), 413);
  });

  test('e-mail addresses and phone numbers are removed from the comment before it is stored', async () => {
    const body = answer('273', {
      comment:
        '  Très bien reçue. Rappelez-moi au 06 12 34 56 78 ou au +33 (0)6.12.34.56.78, ou écrivez à jean.dupont@exemple.fr ; ' +
        'ma fille : marie-dupont (at) laposte.net, 0033612345678.  ',
    });
    assert.equal((await post(body)).status, 201);
    const [row] = await stored(body.key);
    assert.equal(row!.comment, 'Très bien reçue. Rappelez-moi au […] ou au […], ou écrivez à […] ; ma fille : […], […].');
    // A comment of blanks is no comment; one of nothing but a phone number shows that one was removed.
    const blank = answer('273', { comment: '   ' });
    assert.equal((await post(blank)).status, 201);
    assert.equal((await stored(blank.key))[0]!.comment, null);
    const onlyPhone = answer('273', { comment: ' 06 12 34 56 78 ' });
    assert.equal((await post(onlyPhone)).status, 201);
    assert.equal((await stored(onlyPhone.key))[0]!.comment, '[…]');
  });

  test('the same key twice: one row, 201 then 200 duplicate with the same id, counted once', async () => {
    const before = await (await server.get('/api/v1/stats/satisfaction?site=274')).json();
    const body = answer('274', { rating: 'dissatisfied', resolved: 'no', comment: 'Attente trop longue' });
    const first = await post(body);
    assert.equal(first.status, 201);
    const receipt = (await first.json()) as FeedbackReceipt;
    // The outbox resends it (the first answer was lost on the way back), even from another clock offset.
    const again = await post({ ...body, answered_at: body.answered_at.replace('Z', '+00:00') });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { id: receipt.id, key: body.key, duplicate: true });
    assert.equal((await stored(body.key)).length, 1);
    const after = await (await server.get('/api/v1/stats/satisfaction?site=274')).json();
    assert.equal(after.count, before.count + 1);
    assert.equal(after.distribution.dissatisfied, before.distribution.dissatisfied + 1);
  });

  test('the same key with another answer is a 409 problem; the stored answer is unchanged', async () => {
    const body = answer('274', { rating: 'satisfied', comment: 'Merci' });
    assert.equal((await post(body)).status, 201);
    for (const other of [
      { rating: 'very-dissatisfied' },
      { comment: 'Merci !' },
      { resolved: 'yes' },
      { site_id: '2983' },
      { answered_at: minutesAgo(3) },
    ]) {
      const problem = await expectProblem(await post({ ...body, ...other }), 409, 'key');
      assert.match(problem.invalid_params![0]!.reason, /key already used for another answer/);
      assert.equal(problem.type, 'https://fs-widgets.dev/problems/conflict');
    }
    const rows = await stored(body.key);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.rating, 'satisfied');
    assert.equal(rows[0]!.comment, 'Merci');
  });

  test('rate limit: 5 web answers per client, site and hour, then 429 with Retry-After; other sites and channels unaffected', async () => {
    await awayFromHourBoundary();
    const site = '899';
    const accepted: FeedbackInput[] = [];
    for (let i = 0; i < FEEDBACK_RATE_LIMITS.web; i++) {
      const body = answer(site, { channel: 'web' });
      assert.equal((await post(body)).status, 201, `answer ${i + 1}`);
      accepted.push(body);
    }
    const refused = answer(site, { channel: 'web' });
    const res = await post(refused, { Origin: 'https://www.example.org' });
    const problem = await expectProblem(res, 429);
    assert.equal(problem.type, 'https://fs-widgets.dev/problems/too-many-requests');
    const retryAfter = Number(res.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 3600, `Retry-After ${retryAfter}`);
    // A widget in another origin can read it.
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /retry-after/i);
    assert.equal((await stored(refused.key)).length, 0, 'a refused answer is not stored');
    // Refused again (the refusals do not reset anything).
    assert.equal((await post(answer(site, { channel: 'web' }))).status, 429);
    // A replay of an answer already in is never limited: the outbox gets its receipt.
    const replay = await post(accepted[0]);
    assert.equal(replay.status, 200);
    assert.equal(((await replay.json()) as FeedbackReceipt).duplicate, true);
    // Another site, or another channel of the same site, has its own count.
    assert.equal((await post(answer('900', { channel: 'web' }))).status, 201);
    assert.equal((await post(answer(site, { channel: 'kiosk' }))).status, 201);
    assert.equal((await post(answer(site, { channel: 'phone' }))).status, 201);
  });

  test('rate limit: a kiosk may send 120 answers an hour for its site, a phone line 60', async () => {
    await awayFromHourBoundary();
    for (const [channel, site] of [
      ['kiosk', '901'],
      ['phone', '902'],
    ] as const) {
      const limit = FEEDBACK_RATE_LIMITS[channel];
      for (let i = 0; i < limit; i++) {
        const res = await post(answer(site, { channel }));
        assert.equal(res.status, 201, `${channel} answer ${i + 1}: ${await res.text()}`);
      }
      const res = await post(answer(site, { channel }));
      await expectProblem(res, 429);
      assert.ok(Number(res.headers.get('retry-after')) >= 1);
      assert.equal((await post(answer('903', { channel }))).status, 201, `${channel}, another site`);
    }
    // The counters are rows of the database, keyed by a hash: no IP address in clear.
    const counters = await server.db.selectFrom('rate_limits').selectAll().execute();
    assert.ok(counters.length > 0);
    for (const row of counters) assert.doesNotMatch(`${row.key}`, /127\.0\.0\.1/);
  });

  test('the client is the peer address; X-Forwarded-For counts only from a trusted proxy (FS_TRUST_PROXY)', async () => {
    await awayFromHourBoundary();
    // Not trusted (the default): a client cannot escape its limit by making up addresses.
    for (let i = 0; i < FEEDBACK_RATE_LIMITS.web; i++) {
      assert.equal((await post(answer('905', { channel: 'web' }), { 'X-Forwarded-For': `203.0.113.${i}` })).status, 201);
    }
    assert.equal((await post(answer('905', { channel: 'web' }), { 'X-Forwarded-For': '203.0.113.99' })).status, 429);

    // Behind a trusted proxy (here the test's own address), each forwarded client has its own count.
    const catalogue = await SiteCatalogue.load(server.db);
    const app = await buildApp({
      ctx: {
        db: server.db,
        catalogue: () => catalogue,
        reloadCatalogue: async () => {},
        version: 'test',
        routing: estimateProvider,
        directory: loadDirectory(),
      },
      serveStatic: false,
      trustProxy: '127.0.0.1',
    });
    try {
      const send = (forwardedFor: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/feedback',
          headers: { 'x-forwarded-for': forwardedFor },
          payload: answer('1925', { channel: 'web' }),
        });
      for (let i = 0; i < FEEDBACK_RATE_LIMITS.web; i++) assert.equal((await send('198.51.100.1')).statusCode, 201);
      assert.equal((await send('198.51.100.1')).statusCode, 429);
      assert.equal((await send('198.51.100.2')).statusCode, 201);
    } finally {
      await app.close();
    }
  });

  test('FS_TRUST_PROXY: off by default; true, addresses and CIDR ranges accepted; anything else a configuration error', () => {
    assert.equal(readConfig({}).trustProxy, false);
    assert.equal(readConfig({ FS_TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(readConfig({ FS_TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(readConfig({ FS_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy, '10.0.0.0/8, 127.0.0.1');
    assert.equal(readConfig({ FS_TRUST_PROXY: 'loopback,::1' }).trustProxy, 'loopback,::1');
    for (const value of ['yes', '2', 'proxy.example.org']) {
      assert.throws(
        () => readConfig({ FS_TRUST_PROXY: value }),
        (err: Error) => err instanceof ConfigError && /FS_TRUST_PROXY/.test(err.message),
      );
    }
  });

  test('old rate-limit windows are deleted when a new window opens', async () => {
    await server.db
      .insertInto('rate_limits')
      .values({ key: 'closed-window', count: 3, window_ends_at: new Date(Date.now() - 3_600_000).toISOString() })
      .execute();
    // A channel and site never used in this file: a new window, so the cleanup runs.
    assert.equal((await post(answer('904', { channel: 'phone' }))).status, 201);
    const left = await server.db.selectFrom('rate_limits').select('key').where('key', '=', 'closed-window').execute();
    assert.equal(left.length, 0);
  });

  test('CORS: any origin may POST JSON (preflight), while the other routes stay read-only', async () => {
    const preflight = await server.get('/api/v1/feedback', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://www.mairie-exemple.fr',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /\bPOST\b/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /content-type/i);
    assert.ok(Number(preflight.headers.get('access-control-max-age')) > 0);

    const sites = await server.get('/api/v1/sites', {
      method: 'OPTIONS',
      headers: { Origin: 'https://www.mairie-exemple.fr', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(sites.status, 204);
    assert.doesNotMatch(sites.headers.get('access-control-allow-methods') ?? '', /POST/);
  });
});

describe('removePersonalData', () => {
  test('removes French phone numbers in their usual forms', () => {
    for (const phone of [
      '06 12 34 56 78',
      '06.12.34.56.78',
      '06-12-34-56-78',
      '0612345678',
      '01 23 45 67 89',
      '+33 6 12 34 56 78',
      '+33612345678',
      '+33 (0)6 12 34 56 78',
      '0033 6 12 34 56 78',
      '+262 692 12 34 56',
      '0596 12 34 56',
    ]) {
      assert.equal(removePersonalData(`Tél ${phone}, merci`), 'Tél […], merci', phone);
    }
  });

  test('removes e-mail addresses, also written with (at) or arobase', () => {
    for (const email of [
      'jean.dupont@exemple.fr',
      'Marie-Ève.Durand+fs@mairie.sous-domaine.gouv.fr',
      'jean (at) laposte.net',
      'jean arobase orange.fr',
    ]) {
      assert.equal(removePersonalData(`écrire à ${email} svp`), 'écrire à […] svp', email);
    }
  });

  test('leaves dates, times, postcodes, short numbers and amounts alone', () => {
    for (const text of [
      'Venue le 12/03/2026 à 10h30 à 48000 Mende',
      'Le 3939 ne répondait pas',
      'Dossier CAF 1234567',
      'Remboursé 1 200 € en 2025',
      'Ouvert de 9:00 à 12:00',
      'Adresse : 2 rue de la République',
    ]) {
      assert.equal(removePersonalData(text), text);
    }
  });

  test('trims, and gives null for nothing left', () => {
    assert.equal(removePersonalData(undefined), null);
    assert.equal(removePersonalData('  \n '), null);
    assert.equal(removePersonalData('  Merci  '), 'Merci');
  });
});
