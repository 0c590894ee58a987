// Activity statistics at national scale: a year of acts for the whole network (3.5 million acts,
// 2,800 sites, 365 days) stored through the server's own code (prepareAct + storeAct: the insert
// and the two counter upserts of POST /api/v1/acts, minus HTTP and the token), then
// GET /api/v1/stats/activity timed for one site and for the network, grouped by partner and by
// month. When storing one act at a time would take over ~8 minutes on this machine (measured on
// the first 100,000), the rest goes through a batched path: multi-row inserts of the acts and
// the SAME aggregate code (countAct) called once per group of identical dimensions with its
// count, in the same transaction. Runs the built server (packages/server/dist) on a throw-away
// SQLite file loaded with the real sites.
//
// Alone: node scripts/bench/activity.mjs [--acts=N]   (default 3,500,000)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIsStale, buildJs, median, percentile, ROOT, table } from './lib.mjs';

/** Budgets of the median, in ms, on a 2-core machine (printed OK/OVER, never failing the run). */
export const ACTIVITY_BUDGET = { site: 20, network: 100 };

const SITES = 2800;
const DAYS = 365;
const BATCH = 5000;
const RUNS = 20;
/** Acts stored one at a time before deciding on the path for the rest. */
const PROBE = 100_000;
/** Over this, the rest is stored through the batched path. */
const MAX_ONE_BY_ONE_SECONDS = 8 * 60;

function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const weighted = (rand, pairs) => {
  let r = rand() * pairs.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of pairs) if ((r -= w) < 0) return value;
  return pairs.at(-1)[0];
};

const PARTNER_WEIGHTS = [
  ['caf', 20],
  ['france-travail', 15],
  ['assurance-maladie', 15],
  ['finances-publiques', 14],
  ['interieur', 12],
  ['assurance-retraite', 8],
  ['la-poste', 5],
  ['msa', 4],
  ['justice', 3],
  ['local', 4],
];
const OUTCOME_WEIGHTS = [
  ['solved', 7],
  ['referred', 2],
  ['follow-up', 1],
];
const CHANNEL_WEIGHTS = [
  ['counter', 8],
  ['phone', 3],
  ['itinerant', 1],
  ['video', 0.5],
];
const DAY_MS = 86_400_000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

export async function benchActivity({ acts = 3_500_000, log = () => {} } = {}) {
  if (buildIsStale()) {
    log('Building (npm run build:js)…');
    await buildJs();
  }
  const server = await import(pathToFileURL(join(ROOT, 'packages/server/dist/index.js')).href);
  const { THEMES } = await import(pathToFileURL(join(ROOT, 'packages/contract/dist/index.js')).href);
  const dir = mkdtempSync(join(tmpdir(), 'fs-bench-activity-'));
  const dbPath = join(dir, 'bench.db');
  let db;
  let app;
  try {
    db = await server.openDatabase({ sqlitePath: dbPath });
    await server.importData(db);
    const catalogue = await server.SiteCatalogue.load(db);
    const sites = (await db.selectFrom('sites').select(['id', 'time_zone']).orderBy('id').execute()).slice(0, SITES);

    const rand = random(20261127);
    const today = new Date();
    const lastDay = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - DAY_MS;
    const actAt = (i) => {
      const site = sites[Math.floor(rand() * sites.length)];
      const partner = weighted(rand, PARTNER_WEIGHTS);
      const themes = THEMES[partner];
      const outcome = weighted(rand, OUTCOME_WEIGHTS);
      const instant = lastDay - Math.floor(rand() * DAYS) * DAY_MS + 28_800_000 + Math.floor(rand() * 36_000_000);
      return {
        timeZone: site.time_zone,
        input: {
          key: `bench-act-${i.toString(36).padStart(12, '0')}`,
          site_id: site.id,
          partner,
          theme: themes[Math.floor(rand() * themes.length)],
          outcome,
          ...(outcome === 'referred'
            ? {
                referred_to: weighted(
                  rand,
                  PARTNER_WEIGHTS.filter(([p]) => p !== partner),
                ),
              }
            : {}),
          channel: weighted(rand, CHANNEL_WEIGHTS),
          acted_at: new Date(instant).toISOString(),
        },
      };
    };
    const batchOf = (start) => Array.from({ length: Math.min(BATCH, acts - start) }, (_, j) => actAt(start + j));

    // 1. One act at a time (storeAct), as the route does: the first PROBE acts, or all of them.
    const probe = Math.min(PROBE, acts);
    log(`Storing ${probe.toLocaleString('en')} acts one at a time (storeAct), ${BATCH} per transaction…`);
    let t0 = performance.now();
    for (let start = 0; start < probe; start += BATCH) {
      const batch = batchOf(start).slice(0, probe - start);
      await db.transaction().execute(async (trx) => {
        for (const { input, timeZone } of batch) await server.storeAct(trx, server.prepareAct(input, timeZone));
      });
    }
    const oneByOneSeconds = (performance.now() - t0) / 1000;
    const oneByOnePerSecond = probe / oneByOneSeconds;
    const projected = acts / oneByOnePerSecond;
    let stored = probe;
    let batchedPerSecond = null;
    let batchedSeconds = 0;
    let restBatched = false;
    if (stored < acts) {
      const batched = projected > MAX_ONE_BY_ONE_SECONDS;
      log(
        `  ${Math.round(oneByOnePerSecond).toLocaleString('en')} acts/s: ${acts.toLocaleString('en')} would take ${(projected / 60).toFixed(1)} min; ` +
          (batched ? 'the rest through the batched path (same aggregate code).' : 'going on one at a time.'),
      );
      t0 = performance.now();
      for (let start = stored; start < acts; start += BATCH) {
        const batch = batchOf(start);
        await db.transaction().execute(async (trx) => {
          if (!batched) {
            for (const { input, timeZone } of batch) await server.storeAct(trx, server.prepareAct(input, timeZone));
            return;
          }
          const now = new Date().toISOString();
          const rows = batch.map(({ input, timeZone }, j) => ({
            id: `b${(start + j).toString(36)}`,
            ...server.prepareAct(input, timeZone),
            created_at: now,
          }));
          // 11 columns: 80 rows per statement stay under SQLite's 999 bound parameters.
          for (let k = 0; k < rows.length; k += 80)
            await trx
              .insertInto('acts')
              .values(rows.slice(k, k + 80))
              .execute();
          const groups = new Map();
          for (const r of rows) {
            const key = `${r.site_id}|${r.day}|${r.partner}|${r.theme}|${r.outcome}|${r.referred_to ?? ''}`;
            const g = groups.get(key);
            if (g) g.n++;
            else groups.set(key, { act: r, n: 1 });
          }
          for (const { act, n } of groups.values()) await server.countAct(trx, act, n);
        });
        if (((start - stored) / BATCH) % 100 === 99)
          log(`  ${(start + BATCH).toLocaleString('en')} stored (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
      batchedSeconds = (performance.now() - t0) / 1000;
      batchedPerSecond = (acts - stored) / batchedSeconds;
      restBatched = batched;
      stored = acts;
    }
    const count = async (name) =>
      Number(
        (
          await db
            .selectFrom(name)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rows = { acts: await count('acts'), daily: await count('activity_daily'), network: await count('activity_daily_network') };

    // An admin token, through the real token check.
    const { token } = await server.createToken(db, { role: 'admin', label: 'bench' });
    app = await server.buildApp({
      ctx: { db, catalogue: () => catalogue, version: 'bench', routing: server.estimateProvider, directory: server.loadDirectory() },
      serveStatic: false,
    });
    const busiest = await db
      .selectFrom('activity_daily')
      .select(['site_id', (eb) => eb.fn.sum('acts').as('n')])
      .groupBy('site_id')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const queries = [
      ['one site, the year, by partner', `site=${busiest.site_id}&group_by=partner`, ACTIVITY_BUDGET.site],
      ['one site, the year, by month', `site=${busiest.site_id}&group_by=month`, ACTIVITY_BUDGET.site],
      ['network, the year, by partner', 'group_by=partner', ACTIVITY_BUDGET.network],
      ['network, the year, by month', 'group_by=month', ACTIVITY_BUDGET.network],
      ['network, last 30 days, by theme', `group_by=theme&from=${isoDay(lastDay - 29 * DAY_MS)}`, ACTIVITY_BUDGET.network],
    ];
    const results = [];
    for (const [label, query, budget] of queries) {
      const url = `/api/v1/stats/activity?${query}`;
      const headers = { authorization: `Bearer ${token}` };
      const first = await app.inject({ method: 'GET', url, headers });
      if (first.statusCode !== 200) throw new Error(`${url} answered ${first.statusCode}: ${first.body}`);
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        const res = await app.inject({ method: 'GET', url, headers });
        times.push(performance.now() - start);
        if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
      }
      results.push({ label, url, budget, median: median(times), p90: percentile(times, 90), acts: JSON.parse(first.body).acts });
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
      `Stored ${rows.acts.toLocaleString('en')} acts for ${sites.length} sites over ${DAYS} days. ` +
        `One at a time (storeAct: insert + two counter upserts, ${BATCH} per transaction): ${probe.toLocaleString('en')} in ${oneByOneSeconds.toFixed(1)} s, ` +
        `${Math.round(oneByOnePerSecond).toLocaleString('en')} acts/s (${(acts / oneByOnePerSecond / 60).toFixed(1)} min for ${acts.toLocaleString('en')}).`,
      batchedPerSecond === null
        ? 'Every act went through storeAct.'
        : !restBatched
          ? `Every act went through storeAct: all ${acts.toLocaleString('en')} in ${(oneByOneSeconds + batchedSeconds).toFixed(0)} s, ` +
            `${Math.round(acts / (oneByOneSeconds + batchedSeconds)).toLocaleString('en')} acts/s overall (the aggregates grow as they fill).`
          : `The other ${(acts - probe).toLocaleString('en')} through the batched path (multi-row inserts, countAct once per group, ${BATCH} per transaction): ` +
            `${batchedSeconds.toFixed(1)} s, ${Math.round(batchedPerSecond).toLocaleString('en')} acts/s.`,
      `Aggregates: ${rows.daily.toLocaleString('en')} site rows (site × day × partner × theme × referred to), ${rows.network.toLocaleString('en')} network rows. ` +
        `Database ${megabytes.toFixed(0)} MB.`,
      '',
      table(
        ['GET /api/v1/stats/activity', 'acts', 'median ms', 'p90 ms', 'budget', ''],
        results.map((r) => [
          r.label,
          r.acts.toLocaleString('en'),
          r.median.toFixed(2),
          r.p90.toFixed(2),
          `< ${r.budget} ms`,
          r.median < r.budget ? 'OK' : 'OVER',
        ]),
        'lrrrrl',
      ),
      '',
      `${RUNS} runs each after one unmeasured, through app.inject with an admin token (the whole request path, token check included; no socket); p90 is nearest-rank.`,
      `One site: ${busiest.site_id}, the one with the most acts. Budgets are of the median on this 2-core machine; they never fail the run.`,
    ].join('\n');
    return { acts: rows.acts, oneByOnePerSecond, batchedPerSecond, results, text };
  } finally {
    await app?.close();
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = process.argv.find((a) => a.startsWith('--acts='));
  const acts = arg ? Number(arg.slice('--acts='.length)) : undefined;
  if (acts !== undefined && !(Number.isInteger(acts) && acts > 0)) {
    console.error('--acts=N takes a whole number of acts, 1 or more.');
    process.exit(2);
  }
  const result = await benchActivity({ acts, log: (m) => console.log(m) });
  console.log(`\n${result.text}`);
}
