import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  FEEDBACK_CHANNELS,
  RATINGS,
  RESOLUTIONS,
  type FeedbackChannel,
  type FeedbackInput,
  type Rating,
  type Resolution,
  type SatisfactionStats,
} from '@fs-widgets/contract';
import { prepareAnswer, storeAnswer, type StoreOutcome } from '../src/feedback/answers.js';
import { expectProblem, json, startTestServer, type TestServer } from './test-server.js';

/** Sites in three time zones: Mende and Marvejols (Europe/Paris), Saint-Denis de La Réunion (UTC+4), Fort-de-France (UTC−4). */
const SITES = ['2983', '271', '1724', '1990'];

describe('GET /api/v1/stats/satisfaction', () => {
  let server: TestServer;
  let timeZones: Map<string, string>;

  before(async () => {
    server = await startTestServer();
    const rows = await server.db.selectFrom('sites').select(['id', 'time_zone']).execute();
    timeZones = new Map(rows.map((r) => [r.id, r.time_zone]));
    assert.equal(timeZones.get('1724'), 'Indian/Reunion');
    assert.equal(timeZones.get('1990'), 'America/Martinique');
  });

  after(async () => {
    await server?.close();
  });

  /** Stores an answer through the route's own code path (without the HTTP layer and its rate limit). */
  const store = (input: FeedbackInput): Promise<StoreOutcome> =>
    server.db.transaction().execute((trx) => storeAnswer(trx, prepareAnswer(input, timeZones.get(input.site_id)!)));

  const stats = async (query: string) => json<SatisfactionStats>(await server.get(`/api/v1/stats/satisfaction${query}`));

  test('a site without answers: zero counts and null shares; public and cacheable', async () => {
    const res = await server.get('/api/v1/stats/satisfaction?site=2004&from=2025-01-01&to=2025-12-31&channel=web');
    assert.match(res.headers.get('cache-control') ?? '', /^public, max-age=\d+/);
    assert.match(res.headers.get('etag') ?? '', /^"/);
    assert.deepEqual(await json(res), {
      scope: { site: '2004', from: '2025-01-01', to: '2025-12-31', channel: 'web' },
      count: 0,
      satisfied_share: null,
      distribution: { 'very-satisfied': 0, satisfied: 0, dissatisfied: 0, 'very-dissatisfied': 0 },
      resolved: { yes: 0, partly: 0, no: 0, unanswered: 0 },
      resolved_share: null,
      first_answer_on: null,
      last_answer_on: null,
    });
  });

  test('the OpenAPI document describes the three satisfaction routes, the export with its bearer token', async () => {
    const doc = await json<any>(await server.get('/api/openapi.json'));
    assert.ok(doc.paths['/api/v1/feedback'].post.responses['201']);
    assert.ok(doc.paths['/api/v1/feedback'].post.responses['429']);
    assert.equal(doc.paths['/api/v1/feedback'].options, undefined, 'the preflight route is hidden');
    assert.ok(doc.paths['/api/v1/stats/satisfaction'].get.responses['200']);
    const csv = doc.paths['/api/v1/sites/{id}/feedback.csv'].get;
    assert.deepEqual(csv.security, [{ bearerToken: [] }]);
    assert.ok(csv.responses['200'].content['text/csv']);
    assert.equal(doc.components.securitySchemes.bearerToken.scheme, 'bearer');
  });

  test('unknown site 404; reversed range, impossible date, unknown channel 400', async () => {
    await expectProblem(await server.get('/api/v1/stats/satisfaction?site=999999'), 404);
    await expectProblem(await server.get('/api/v1/stats/satisfaction?from=2026-03-10&to=2026-03-01'), 400, 'from');
    await expectProblem(await server.get('/api/v1/stats/satisfaction?from=2026-02-30'), 400, 'from');
    await expectProblem(await server.get('/api/v1/stats/satisfaction?to=01/03/2026'), 400, 'to');
    await expectProblem(await server.get('/api/v1/stats/satisfaction?channel=email'), 400, 'channel');
  });

  test('an answer counts on the local day of its site: 21:30 UTC is already the next day in La Réunion', async () => {
    const instant = '2025-06-10T21:30:00.000Z';
    const base = { rating: 'satisfied', channel: 'kiosk', answered_at: instant } as const;
    assert.equal((await store({ ...base, key: 'local-day-reunion-0001', site_id: '1724' })).outcome, 'stored');
    assert.equal((await store({ ...base, key: 'local-day-martinique-01', site_id: '1990', resolved: 'yes' })).outcome, 'stored');
    const reunion = await stats('?site=1724&from=2025-06-11&to=2025-06-11');
    assert.equal(reunion.count, 1);
    assert.equal(reunion.first_answer_on, '2025-06-11');
    assert.equal((await stats('?site=1724&to=2025-06-10')).count, 0);
    assert.equal((await stats('?site=1990&from=2025-06-10&to=2025-06-10')).count, 1);
    const network = await stats('?from=2025-06-10&to=2025-06-11');
    assert.equal(network.count, 2);
    assert.equal(network.satisfied_share, 1);
    assert.equal(network.resolved_share, 1);
    assert.deepEqual(network.resolved, { yes: 1, partly: 0, no: 0, unanswered: 1 });
    assert.deepEqual([network.first_answer_on, network.last_answer_on], ['2025-06-10', '2025-06-11']);
  });

  test('the figures come from the aggregates, not from the answers', async () => {
    const before = await stats('?from=2025-06-10&to=2025-06-11');
    const answers = await server.db.selectFrom('feedback').selectAll().where('day', 'in', ['2025-06-10', '2025-06-11']).execute();
    await server.db.deleteFrom('feedback').where('day', 'in', ['2025-06-10', '2025-06-11']).execute();
    try {
      assert.deepEqual(await stats('?from=2025-06-10&to=2025-06-11&_=again'), { ...before });
    } finally {
      await server.db.insertInto('feedback').values(answers).execute();
    }
  });

  test('property: for any answers (duplicates and reused keys included) and any query, the figures equal a recount of the stored answers', async () => {
    // Six days around the switch to summer time in Paris (29 March 2026), in every site's time zone.
    const firstInstant = Date.parse('2026-03-26T00:00:00Z');
    const lastInstant = Date.parse('2026-04-01T23:59:59Z');
    const days = [
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
      '2026-04-02',
    ];
    let run = 0;

    const answerArb = fc.record({
      // Few key slots: the same key comes back, with the same answer or another.
      slot: fc.nat({ max: 25 }),
      site_id: fc.constantFrom(...SITES),
      rating: fc.constantFrom(...RATINGS),
      resolved: fc.option(fc.constantFrom(...RESOLUTIONS), { nil: undefined }),
      channel: fc.constantFrom(...FEEDBACK_CHANNELS),
      instant: fc.integer({ min: firstInstant, max: lastInstant }),
      comment: fc.constantFrom(undefined, 'Merci', 'Trop d’attente'),
    });
    const queryArb = fc.record({
      site: fc.option(fc.constantFrom(...SITES, '2004')),
      from: fc.option(fc.constantFrom(...days)),
      to: fc.option(fc.constantFrom(...days)),
      channel: fc.option(fc.constantFrom(...FEEDBACK_CHANNELS)),
    });

    await fc.assert(
      fc.asyncProperty(
        fc.array(answerArb, { maxLength: 40 }),
        fc.array(fc.record({ index: fc.nat(), change: fc.option(fc.constantFrom(...CHANGES)) }), { maxLength: 8 }),
        fc.array(queryArb, { minLength: 1, maxLength: 4 }),
        async (generated, replays, queries) => {
          run += 1;
          // Each run starts empty, so a counterexample fast-check reports replays on its own.
          for (const table of ['feedback', 'satisfaction_daily', 'satisfaction_daily_network'] as const)
            await server.db.deleteFrom(table).execute();
          const inputs: FeedbackInput[] = generated.map(({ slot, instant, resolved, comment, ...rest }) => ({
            ...rest,
            key: `property-run-${run}-slot-${slot}`,
            answered_at: new Date(instant).toISOString(),
            ...(resolved ? { resolved } : {}),
            ...(comment ? { comment } : {}),
          }));
          // The outbox sends some answers again, unchanged; a buggy client reuses a key for another answer.
          if (inputs.length > 0) {
            for (const { index, change } of replays) {
              const original = inputs[index % generated.length]!;
              inputs.push(change === null ? original : changed(original, change));
            }
          }

          const firstByKey = new Map<string, FeedbackInput>();
          for (const input of inputs) {
            const first = firstByKey.get(input.key);
            const { outcome } = await store(input);
            if (!first) {
              assert.equal(outcome, 'stored');
              firstByKey.set(input.key, input);
            } else {
              const same = JSON.stringify({ ...first, key: '' }) === JSON.stringify({ ...input, key: '' });
              assert.equal(outcome, same ? 'duplicate' : 'conflict');
            }
          }
          const storedThisRun = await server.db
            .selectFrom('feedback')
            .select('key')
            .where('key', 'like', `property-run-${run}-slot-%`)
            .execute();
          assert.equal(storedThisRun.length, firstByKey.size, 'one row per key');

          const rows = await server.db.selectFrom('feedback').select(['site_id', 'channel', 'rating', 'resolved', 'answered_at']).execute();
          for (const raw of queries) {
            const query = { ...raw };
            if (query.from !== null && query.to !== null && query.from > query.to) [query.from, query.to] = [query.to, query.from];
            const params = new URLSearchParams();
            for (const [name, value] of Object.entries(query)) if (value !== null) params.set(name, value);
            const got = await stats(`?${params}`);
            assert.deepEqual(got, recount(rows, query, timeZones), `query ?${params}`);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

const CHANGES = ['site_id', 'channel', 'rating', 'resolved', 'comment', 'answered_at'] as const;

/** The same answer with one field changed (another value of it, always). */
function changed(input: FeedbackInput, field: (typeof CHANGES)[number]): FeedbackInput {
  const next = <T>(values: readonly T[], value: T) => values[(values.indexOf(value) + 1) % values.length]!;
  switch (field) {
    case 'site_id':
      return { ...input, site_id: next(SITES, input.site_id) };
    case 'channel':
      return { ...input, channel: next(FEEDBACK_CHANNELS, input.channel) };
    case 'rating':
      return { ...input, rating: next(RATINGS, input.rating) };
    case 'resolved': {
      const { resolved, ...rest } = input;
      return resolved ? rest : { ...rest, resolved: 'partly' };
    }
    case 'comment':
      return { ...input, comment: `${input.comment ?? ''}!` };
    case 'answered_at':
      return { ...input, answered_at: new Date(Date.parse(input.answered_at) + 1000).toISOString() };
  }
}

/**
 * The figures computed here from the answers themselves, independently of the aggregates: each
 * answer's local day by another means (the Swedish locale writes dates as YYYY-MM-DD).
 */
function recount(
  rows: Array<{ site_id: string; channel: string; rating: string; resolved: string | null; answered_at: string }>,
  query: { site: string | null; from: string | null; to: string | null; channel: FeedbackChannel | null },
  timeZones: Map<string, string>,
): SatisfactionStats {
  const distribution = Object.fromEntries(RATINGS.map((r) => [r, 0])) as Record<Rating, number>;
  const resolved = Object.fromEntries([...RESOLUTIONS, 'unanswered'].map((r) => [r, 0])) as Record<Resolution | 'unanswered', number>;
  const answerDays: string[] = [];
  for (const row of rows) {
    const day = new Date(row.answered_at).toLocaleDateString('sv-SE', { timeZone: timeZones.get(row.site_id)! });
    if (query.site !== null && row.site_id !== query.site) continue;
    if (query.channel !== null && row.channel !== query.channel) continue;
    if ((query.from !== null && day < query.from) || (query.to !== null && day > query.to)) continue;
    distribution[row.rating as Rating] += 1;
    resolved[(row.resolved ?? 'unanswered') as Resolution | 'unanswered'] += 1;
    answerDays.push(day);
  }
  answerDays.sort();
  const count = answerDays.length;
  const answeredResolution = resolved.yes + resolved.partly + resolved.no;
  return {
    scope: query,
    count,
    satisfied_share: count === 0 ? null : (distribution['very-satisfied'] + distribution.satisfied) / count,
    distribution,
    resolved,
    resolved_share: answeredResolution === 0 ? null : resolved.yes / answeredResolution,
    first_answer_on: answerDays[0] ?? null,
    last_answer_on: answerDays.at(-1) ?? null,
  };
}
