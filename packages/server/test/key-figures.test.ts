import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  KEY_FIGURES_MIN_COUNT,
  type ActInput,
  type ActivityStats,
  type FeedbackInput,
  type KeyFigures,
  type Rating,
  type SatisfactionStats,
} from '@fs-widgets/contract';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createToken } from '../src/auth/tokens.js';
import { parseDelimited } from '../src/import/delimited-file.js';
import { DATA_DIR } from '../src/paths.js';
import { localDay } from '../src/dates/local-day.js';
import { expectProblem, json, SITES_IN_LIST, startTestServer, type TestServer } from './test-server.js';

/**
 * The list of 1 August 2024 has 2,845 rows: 2,721 France services (`type_fs` "Principal", buses and
 * roaming ones included) and 124 antennas (`type_fs` "Antenne", extra sites of one France services).
 */
const MAIN_SITES = 2721;
const ANTENNAS = 124;

let keys = 0;
const newKey = () => `key-figures-${process.pid}-${Date.now().toString(36)}-${keys++}`;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/**
 * The rate limit of answers counts in fixed windows of one clock hour; the tests post up to
 * 31 kiosk answers for one site (limit 120), and must not straddle two years either.
 */
async function awayFromHourBoundary() {
  const left = 3_600_000 - (Date.now() % 3_600_000);
  if (left < 20_000) await new Promise((r) => setTimeout(r, left + 100));
}

describe('GET /api/v1/stats/key-figures', () => {
  let server: TestServer;
  let agentToken: string;
  let adminToken: string;
  /** Mende's site: the acts and answers below are written for it. */
  const SITE = '2983';
  const today = () => localDay(new Date(), 'Europe/Paris');
  const year = () => Number(today().slice(0, 4));

  before(async () => {
    server = await startTestServer();
    const expiresAt = new Date(Date.now() + 86_400_000);
    agentToken = (await createToken(server.db, { role: 'agent', siteId: SITE, label: 'accueil Mende', expiresAt })).token;
    adminToken = (await createToken(server.db, { role: 'admin', label: 'national', expiresAt })).token;
    await awayFromHourBoundary();
  });

  after(async () => {
    await server?.close();
  });

  const figures = async (query = '') => json<KeyFigures>(await server.get(`/api/v1/stats/key-figures${query}`));

  /** Records acts through the real route, with an agent token of the site. */
  const postActs = async (outcomes: Array<ActInput['outcome']>) => {
    for (const outcome of outcomes) {
      const body: ActInput = {
        key: newKey(),
        site_id: SITE,
        partner: 'caf',
        theme: 'logement',
        outcome,
        ...(outcome === 'referred' ? { referred_to: 'msa' as const } : {}),
        channel: 'counter',
        acted_at: minutesAgo(1),
      };
      const res = await server.get('/api/v1/acts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${agentToken}` },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 201, await res.text());
    }
  };

  /** Posts satisfaction answers through the real public route (the counter's kiosk). */
  const postAnswers = async (ratings: Rating[]) => {
    for (const rating of ratings) {
      const body: FeedbackInput = { key: newKey(), site_id: SITE, rating, channel: 'kiosk', answered_at: minutesAgo(1) };
      const res = await server.get('/api/v1/feedback', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 201, await res.text());
    }
  };

  test('the network counts its France services and, apart, their antennas, as the ANCT list says', () => {
    const list = parseDelimited(readFileSync(join(DATA_DIR, 'liste-fs-20240801.csv'), 'utf8'), ['type_fs']);
    const types = list.records.map((r) => (r.values.type_fs ?? '').trim());
    assert.equal(types.length, SITES_IN_LIST);
    assert.equal(types.filter((t) => t === 'Antenne').length, ANTENNAS);
    assert.equal(types.filter((t) => t === 'Principal').length, MAIN_SITES);
    assert.equal(MAIN_SITES + ANTENNAS, SITES_IN_LIST);
  });

  test('the network before any act or answer: the sites of the list, zero counts, null shares; public and cacheable', async () => {
    const res = await server.get('/api/v1/stats/key-figures', { headers: { origin: 'https://www.mairie.example' } });
    assert.match(res.headers.get('cache-control') ?? '', /^public, max-age=60/);
    assert.match(res.headers.get('etag') ?? '', /^"/);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const body = await json<KeyFigures>(res);
    assert.ok(Math.abs(Date.parse(body.generated_at) - Date.now()) < 60_000, body.generated_at);
    assert.deepEqual(
      { ...body, generated_at: undefined },
      {
        scope: { site: null, year: year(), from: `${year()}-01-01`, to: today() },
        sites: SITES_IN_LIST,
        main_sites: MAIN_SITES,
        antennas: ANTENNAS,
        acts: 0,
        first_visit_share: null,
        satisfaction: { answers: 0, satisfied_share: null },
        generated_at: undefined,
      },
    );
  });

  test(`shares stay null below ${KEY_FIGURES_MIN_COUNT} acts and answers, and are published from then on`, async () => {
    assert.equal(KEY_FIGURES_MIN_COUNT, 30);
    // 29 acts: 20 solved at the first visit, 6 referred, 3 needing a follow-up; 29 answers, 23 satisfied.
    await postActs([
      ...Array<'solved'>(20).fill('solved'),
      ...Array<'referred'>(6).fill('referred'),
      ...Array<'follow-up'>(3).fill('follow-up'),
    ]);
    const ratings: Rating[] = [
      ...Array<Rating>(12).fill('very-satisfied'),
      ...Array<Rating>(11).fill('satisfied'),
      ...Array<Rating>(4).fill('dissatisfied'),
      ...Array<Rating>(2).fill('very-dissatisfied'),
    ];
    await postAnswers(ratings);
    const below = await figures(`?site=${SITE}`);
    assert.deepEqual(below.scope, { site: SITE, year: year(), from: `${year()}-01-01`, to: today() });
    assert.equal(below.sites, null, 'a site has no number of sites');
    assert.deepEqual([below.main_sites, below.antennas], [null, null], 'nor of France services and antennas');
    assert.equal(below.acts, 29);
    assert.equal(below.first_visit_share, null, '29 acts: not enough to publish a rate');
    assert.deepEqual(below.satisfaction, { answers: 29, satisfied_share: null });

    // The 30th of each: the shares are published, computed as the agents' and the satisfaction figures compute them.
    await postActs(['solved']);
    await postAnswers(['satisfied']);
    const at = await figures(`?site=${SITE}`);
    assert.equal(at.acts, 30);
    assert.equal(at.first_visit_share, 21 / 30);
    assert.deepEqual(at.satisfaction, { answers: 30, satisfied_share: 24 / 30 });

    // The same numbers as the private activity figures and the public satisfaction figures over the year.
    const period = `from=${year()}-01-01&to=${year()}-12-31`;
    const activity = await json<ActivityStats>(
      await server.get(`/api/v1/stats/activity?site=${SITE}&${period}`, { headers: { authorization: `Bearer ${adminToken}` } }),
    );
    const satisfaction = await json<SatisfactionStats>(await server.get(`/api/v1/stats/satisfaction?site=${SITE}&${period}`));
    assert.equal(at.acts, activity.acts);
    assert.equal(at.first_visit_share, activity.first_visit_share);
    assert.equal(at.satisfaction.answers, satisfaction.count);
    assert.equal(at.satisfaction.satisfied_share, satisfaction.satisfied_share);

    // The network counts them too, with its number of sites; a site without any activity stays at zero.
    const network = await figures();
    assert.equal(network.sites, SITES_IN_LIST);
    assert.deepEqual([network.main_sites, network.antennas], [MAIN_SITES, ANTENNAS]);
    assert.equal(network.acts, 30);
    assert.equal(network.first_visit_share, 21 / 30);
    assert.deepEqual(network.satisfaction, { answers: 30, satisfied_share: 24 / 30 });
    const quiet = await figures('?site=271');
    assert.deepEqual(
      [quiet.acts, quiet.first_visit_share, quiet.satisfaction.answers, quiet.satisfaction.satisfied_share],
      [0, null, 0, null],
    );
  });

  test('a past year: the whole calendar year, without this year’s figures; the current year given explicitly is the default', async () => {
    const past = await figures(`?site=${SITE}&year=${year() - 1}`);
    assert.deepEqual(past.scope, { site: SITE, year: year() - 1, from: `${year() - 1}-01-01`, to: `${year() - 1}-12-31` });
    assert.deepEqual([past.acts, past.first_visit_share, past.satisfaction.answers], [0, null, 0]);
    const explicit = await figures(`?site=${SITE}&year=${year()}`);
    const implicit = await figures(`?site=${SITE}`);
    assert.deepEqual({ ...explicit, generated_at: '' }, { ...implicit, generated_at: '' });
  });

  test('needs no token: an agent’s token changes nothing', async () => {
    const res = await server.get(`/api/v1/stats/key-figures?site=${SITE}`, { headers: { authorization: `Bearer ${agentToken}` } });
    assert.equal((await json<KeyFigures>(res)).acts, 30);
  });

  test('an unknown site is a 404 problem', async () => {
    const problem = await expectProblem(await server.get('/api/v1/stats/key-figures?site=999999'), 404);
    assert.equal(problem.type, 'https://fs-widgets.dev/problems/not-found');
    assert.match(problem.detail ?? '', /999999/);
    assert.equal((await server.get('/api/v1/stats/key-figures?site=999999')).headers.get('cache-control'), 'no-store');
  });

  test('a bad year or site is a 400 problem naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['year=abc', 'year'],
      ['year=2026.5', 'year'],
      ['year=1999', 'year'],
      [`year=${year() + 1}`, 'year'],
      ['year=', 'year'],
      ['site=abc', 'site'],
    ];
    for (const [query, param] of cases) {
      const problem = await expectProblem(await server.get(`/api/v1/stats/key-figures?${query}`), 400, param);
      assert.equal(problem.type, 'https://fs-widgets.dev/problems/validation', query);
    }
  });

  test('the OpenAPI document describes the route, public, under the figures tag', async () => {
    const doc = await json<any>(await server.get('/api/openapi.json'));
    const route = doc.paths['/api/v1/stats/key-figures'].get;
    assert.deepEqual(route.tags, ['figures']);
    assert.equal(route.security, undefined);
    assert.deepEqual(route.parameters.map((p: { name: string }) => p.name).sort(), ['site', 'year']);
    assert.ok(route.responses['200'] && route.responses['400'] && route.responses['404']);
    assert.ok(doc.tags.some((t: { name: string }) => t.name === 'figures'));
  });
});
