// Satisfaction statistics at national scale: a year of answers for the whole network stored
// through the server's own insert+aggregate code (prepareAnswer + storeAnswer, the code of
// POST /api/v1/feedback minus HTTP and the rate limit), then GET /api/v1/stats/satisfaction
// timed for one site and for the network. Runs the built server code (packages/server/dist,
// `npm run build:js`) on a throw-away SQLite file loaded with the real sites.
//
// Alone: node scripts/bench/satisfaction.mjs [--answers=N]   (default 1,000,000)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIsStale, buildJs, median, percentile, random, ROOT, table } from './lib.mjs';

/** Budgets of the median, in ms, on a 2-core machine (printed OK/OVER, never failing the run). */
export const SATISFACTION_BUDGET = { site: 20, network: 50 };

const SITES = 2800;
const DAYS = 365;
const BATCH = 5000;
const RUNS = 20;

/** A small seeded generator (mulberry32): the same answers on every run. */
/** Picks from [value, weight] pairs. */
const weighted = (rand, pairs) => {
  let r = rand() * pairs.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of pairs) if ((r -= w) < 0) return value;
  return pairs.at(-1)[0];
};

const CHANNELS = [
  ['kiosk', 6],
  ['web', 3],
  ['phone', 1],
];
const RATINGS = [
  ['very-satisfied', 5],
  ['satisfied', 3],
  ['dissatisfied', 1.2],
  ['very-dissatisfied', 0.8],
];
const RESOLUTIONS = [
  ['yes', 6],
  ['partly', 2],
  ['no', 1],
  [undefined, 3],
];

/** The counter columns of the aggregates (packages/server/src/db/schema.ts). */
const COUNTERS = [
  'very_satisfied',
  'satisfied',
  'dissatisfied',
  'very_dissatisfied',
  'resolved_yes',
  'resolved_partly',
  'resolved_no',
  'resolved_unanswered',
];

const DAY_MS = 86_400_000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * Runs the benchmark; `log` prints progress. Resolves with the figures and a text report.
 * Builds the server first when its dist/ is missing or older than the sources.
 */
export async function benchSatisfaction({ answers = 1_000_000, log = () => {} } = {}) {
  if (buildIsStale()) {
    log('Building (npm run build:js)…');
    await buildJs();
  }
  const server = await import(pathToFileURL(join(ROOT, 'packages/server/dist/index.js')).href);
  const dir = mkdtempSync(join(tmpdir(), 'fs-bench-satisfaction-'));
  const dbPath = join(dir, 'bench.db');
  let db;
  let app;
  try {
    db = await server.openDatabase({ sqlitePath: dbPath });
    await server.importData(db);
    const catalogue = await server.SiteCatalogue.load(db);
    const sites = (await db.selectFrom('sites').select(['id', 'time_zone']).orderBy('id').execute()).slice(0, SITES);

    // A year of answers ending yesterday, spread evenly over the sites and the days.
    const rand = random(20260301);
    const today = new Date();
    const lastDay = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - DAY_MS;
    const answerAt = (i) => {
      const site = sites[Math.floor(rand() * sites.length)];
      const instant = lastDay - Math.floor(rand() * DAYS) * DAY_MS + Math.floor(rand() * DAY_MS);
      const resolved = weighted(rand, RESOLUTIONS);
      return {
        timeZone: site.time_zone,
        input: {
          key: `bench-${i.toString(36).padStart(12, '0')}`,
          site_id: site.id,
          rating: weighted(rand, RATINGS),
          channel: weighted(rand, CHANNELS),
          answered_at: new Date(instant).toISOString(),
          ...(resolved ? { resolved } : {}),
        },
      };
    };
    log(`Storing ${answers.toLocaleString('en')} answers for ${sites.length} sites over ${DAYS} days, ${BATCH} per transaction…`);
    const t0 = performance.now();
    for (let start = 0; start < answers; start += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, answers - start) }, (_, j) => answerAt(start + j));
      await db.transaction().execute(async (trx) => {
        for (const { input, timeZone } of batch) await server.storeAnswer(trx, server.prepareAnswer(input, timeZone));
      });
      if ((start / BATCH) % 40 === 39)
        log(`  ${(start + BATCH).toLocaleString('en')} stored (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    const insertSeconds = (performance.now() - t0) / 1000;
    const perSecond = answers / insertSeconds;
    const count = async (name) =>
      Number(
        (
          await db
            .selectFrom(name)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rows = {
      feedback: await count('feedback'),
      daily: await count('satisfaction_daily'),
      network: await count('satisfaction_daily_network'),
    };

    app = await server.buildApp({
      ctx: { db, catalogue: () => catalogue, version: 'bench', routing: server.estimateProvider, directory: server.loadDirectory() },
      serveStatic: false,
    });
    // The site with the most answers, so the one-site figure is the worst case of the sample.
    const busiest = await db
      .selectFrom('satisfaction_daily')
      .select(['site_id', (eb) => eb.fn.sum('very_satisfied').as('n')])
      .groupBy('site_id')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const queries = [
      ['one site, the whole year', `site=${busiest.site_id}`, SATISFACTION_BUDGET.site],
      [
        'one site, kiosk, last 30 days',
        `site=${busiest.site_id}&channel=kiosk&from=${isoDay(lastDay - 29 * DAY_MS)}`,
        SATISFACTION_BUDGET.site,
      ],
      ['network, the whole year', '', SATISFACTION_BUDGET.network],
      ['network, web, last 90 days', `channel=web&from=${isoDay(lastDay - 89 * DAY_MS)}`, SATISFACTION_BUDGET.network],
    ];
    const results = [];
    for (const [label, query, budget] of queries) {
      const url = `/api/v1/stats/satisfaction?${query}`;
      const first = await app.inject({ method: 'GET', url });
      if (first.statusCode !== 200) throw new Error(`${url} answered ${first.statusCode}: ${first.body}`);
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        const res = await app.inject({ method: 'GET', url });
        times.push(performance.now() - start);
        if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
      }
      results.push({ label, url, budget, median: median(times), p90: percentile(times, 90), count: JSON.parse(first.body).count });
    }
    // What the network roll-up saves: the same year summed over the per-site rows instead.
    const withoutRollUp = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await db
        .selectFrom('satisfaction_daily')
        .select((eb) => [...COUNTERS.map((c) => eb.fn.sum(c).as(c)), eb.fn.min('day').as('first'), eb.fn.max('day').as('last')])
        .executeTakeFirstOrThrow();
      withoutRollUp.push(performance.now() - start);
    }
    const fileSize = (path) => {
      try {
        return statSync(path).size;
      } catch {
        return 0;
      }
    };
    const megabytes = (fileSize(dbPath) + fileSize(`${dbPath}-wal`)) / 2 ** 20;

    const text = [
      `Stored ${rows.feedback.toLocaleString('en')} answers in ${insertSeconds.toFixed(1)} s: ${Math.round(perSecond).toLocaleString('en')} answers/s ` +
        `(each: the insert, then two counter upserts; ${BATCH} per transaction).`,
      `Aggregates: ${rows.daily.toLocaleString('en')} site rows (site × day × channel), ${rows.network.toLocaleString('en')} network rows (day × channel). ` +
        `Database ${megabytes.toFixed(0)} MB.`,
      '',
      table(
        ['GET /api/v1/stats/satisfaction', 'answers', 'median ms', 'p90 ms', 'budget', ''],
        results.map((r) => [
          r.label,
          r.count.toLocaleString('en'),
          r.median.toFixed(2),
          r.p90.toFixed(2),
          `< ${r.budget} ms`,
          r.median < r.budget ? 'OK' : 'OVER',
        ]),
        'lrrrrl',
      ),
      '',
      `Without the network roll-up (summing the ${rows.daily.toLocaleString('en')} site rows of the year instead): ` +
        `median ${median(withoutRollUp).toFixed(0)} ms for the SQL query alone (5 runs).`,
      `${RUNS} runs each after one unmeasured, through app.inject (the server's whole request path, no socket); p90 is nearest-rank.`,
      `One site: ${busiest.site_id}, the one with the most answers. Budgets are of the median on this 2-core machine; they never fail the run.`,
    ].join('\n');
    return { answers: rows.feedback, insertSeconds, perSecond, results, withoutRollUpMs: median(withoutRollUp), text };
  } finally {
    await app?.close();
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = process.argv.find((a) => a.startsWith('--answers='));
  const answers = arg ? Number(arg.slice('--answers='.length)) : undefined;
  if (answers !== undefined && !(Number.isInteger(answers) && answers > 0)) {
    console.error('--answers=N takes a whole number of answers, 1 or more.');
    process.exit(2);
  }
  const result = await benchSatisfaction({ answers, log: (m) => console.log(m) });
  console.log(`\n${result.text}`);
}
