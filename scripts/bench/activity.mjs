// Activity statistics at real volume: the France services network handled about 9 million
// requests in 2023. A throw-away SQLite file gets the real sites (2,845) and 9,000,000 acts of
// 2023, spread as a network's year is: sites of very unequal size, on the days and hours each
// site opens (its ANCT hours), none on public holidays, fewer in August, more for the tax office
// in May, partners, themes, outcomes and referrals weighted. The acts go in by bulk insert
// (better-sqlite3, prepared multi-row statements, one transaction, no journal); the roll-ups are
// then built from them by the server's own rebuild (migration 0007's backfill: one
// INSERT … SELECT … GROUP BY per table), not act by act. Measured, 100 runs each after one
// unmeasured:
//   - GET /api/v1/stats/activity through app.inject (the whole request path: admin token
//     check, validation, the statistics, serialisation; no socket), network and one site, and
//     the statistics function alone (activityStats) for the same scopes;
//   - POST /api/v1/acts the same way, one act at a time on the loaded database: its latency and
//     the SQL each write runs (recorded at better-sqlite3's prepare): one transaction, the act
//     and its roll-ups; a repeat of the same key counts nothing.
// Budgets (p90, this 2-core machine): network ≤ 10 ms, one site ≤ 5 ms; printed OK/OVER, never
// failing the run.
//
// Alone: node scripts/bench/activity.mjs [--acts=N]   (default 9,000,000; the built server)
//        node --conditions=source --import tsx scripts/bench/activity.mjs --source   (the sources, no build)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { buildIsStale, buildJs, median, percentile, random, ROOT, table } from './lib.mjs';

/** Budgets of the p90 (so of the median too), in ms, on a 2-core machine (printed OK/OVER, never failing the run). */
export const ACTIVITY_BUDGET = { site: 5, network: 10 };

export const ACTIVITY_ACTS = 9_000_000;
const YEAR = 2023;
const RUNS = 100;
const WRITES = 200;
/** Rows per INSERT statement of the bulk load (11 columns each). */
const ROWS_PER_INSERT = 50;

/** A weighted draw, ready to use: `pick()` returns one of the values, in proportion to its weight. */
function weighted(rand, pairs) {
  const values = pairs.map(([v]) => v);
  const total = pairs.reduce((sum, [, w]) => sum + w, 0);
  let sum = 0;
  const bounds = pairs.map(([, w]) => (sum += w / total));
  return () => {
    const r = rand();
    for (let i = 0; i < bounds.length - 1; i++) if (r < bounds[i]) return values[i];
    return values[values.length - 1];
  };
}

const PARTNER_WEIGHTS = {
  caf: 20,
  'france-travail': 15,
  'assurance-maladie': 15,
  'finances-publiques': 14,
  interieur: 12,
  'assurance-retraite': 8,
  'la-poste': 5,
  msa: 4,
  justice: 3,
  local: 4,
};
/** Income tax returns (April to early June): the tax office's share of a month's requests, multiplied. */
const TAX_SEASON = { 3: 1.6, 4: 2.6, 5: 1.4 };
/** Requests per month relative to an ordinary one (January = 0). */
const MONTH_FACTOR = [1.1, 1.0, 1.05, 1.0, 1.15, 1.05, 0.85, 0.55, 1.1, 1.05, 1.0, 0.85];
/** By weekday (0 = Monday), for a site open that day. */
const WEEKDAY_FACTOR = [1.15, 1.05, 0.95, 1.0, 0.9, 0.6, 0.3];
const WEEKDAY_KEYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
const HOLIDAYS_2023 = ['01-01', '04-10', '05-01', '05-08', '05-18', '05-29', '07-14', '08-15', '11-01', '11-11', '12-25'];
/** Hours of a site whose week is not known: weekdays, 9:00–12:00 and 13:30–17:00. */
const DEFAULT_DAY = [
  [540, 720],
  [810, 1020],
];

const minutesOf = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Loads the server's modules: the built ones (after a build when stale), or the sources under tsx. */
async function loadServer(source, log) {
  if (source) {
    const argv = process.execArgv;
    if (
      !argv.some(
        (a, i) => a === '--conditions=source' || a === '-C=source' || (['--conditions', '-C'].includes(a) && argv[i + 1] === 'source'),
      )
    ) {
      throw new Error('--source runs the TypeScript sources: node --conditions=source --import tsx scripts/bench/activity.mjs --source');
    }
  } else if (buildIsStale()) {
    log('Building (npm run build:js)…');
    await buildJs();
  }
  const module = (path) => import(pathToFileURL(join(ROOT, 'packages/server', source ? `src/${path}.ts` : `dist/${path}.js`)).href);
  const [server, migrations, stats, contract, hours] = await Promise.all([
    module('index'),
    module('db/migrations'),
    module('demarches/activity-stats'),
    import('@fs-widgets/contract'),
    import('@fs-widgets/opening-hours'),
  ]);
  return { server, migrations, stats, contract, hours };
}

/**
 * The acts of one year, site by site and day by day (the order of the `acts_site_day` index):
 * `count` acts split over every (site, day) by the site's weight, the month and the weekday,
 * none on a day the site is closed; within a day, minutes of its opening hours.
 */
export function* yearOfActs({ sites, count, THEMES, PARTNERS, zonedInstant }) {
  const rand = random(20231231);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const days = [];
  for (let t = Date.UTC(YEAR, 0, 1); t < Date.UTC(YEAR + 1, 0, 1); t += 86_400_000) {
    const date = new Date(t);
    const day = date.toISOString().slice(0, 10);
    days.push({ day, month: date.getUTCMonth(), weekday: (date.getUTCDay() + 6) % 7, holiday: HOLIDAYS_2023.includes(day.slice(5)) });
  }
  // Each site: its opening ranges by weekday, and a size (log-normal: a few sites do many times
  // the median, as a town centre's does a village's), times how long it opens.
  const plans = sites.map((site) => {
    let week;
    try {
      week = JSON.parse(site.hours);
    } catch {
      week = {};
    }
    let ranges = WEEKDAY_KEYS.map((k) => (week[k] ?? []).map((r) => [minutesOf(r.opens), minutesOf(r.closes)]).filter(([a, b]) => b > a));
    if (ranges.every((r) => r.length === 0)) ranges = WEEKDAY_KEYS.map((_, i) => (i < 5 ? DEFAULT_DAY : []));
    const minutes = ranges.map((day) => day.reduce((sum, [a, b]) => sum + b - a, 0));
    const weekly = minutes.reduce((a, b) => a + b, 0);
    return { site, ranges, minutes, weight: Math.exp(0.6 * gaussian()) * Math.min(2, Math.max(0.4, weekly / 1800)) };
  });
  const cellWeight = (plan, d) =>
    d.holiday || plan.minutes[d.weekday] === 0
      ? 0
      : plan.weight * MONTH_FACTOR[d.month] * WEEKDAY_FACTOR[d.weekday] * Math.min(1.5, plan.minutes[d.weekday] / 420);
  let total = 0;
  for (const plan of plans) for (const d of days) total += cellWeight(plan, d);

  const partnersOfMonth = Array.from({ length: 12 }, (_, m) =>
    weighted(
      rand,
      PARTNERS.map((p) => [p, PARTNER_WEIGHTS[p] * (p === 'finances-publiques' ? (TAX_SEASON[m] ?? 1) : 1)]),
    ),
  );
  const themeOf = Object.fromEntries(
    PARTNERS.map((p) => [
      p,
      weighted(
        rand,
        THEMES[p].map((t) => [t, t === 'autre' ? 0.5 : 1]),
      ),
    ]),
  );
  const outcome = weighted(rand, [
    ['solved', 7],
    ['referred', 2],
    ['follow-up', 1],
  ]);
  const referredTo = Object.fromEntries(
    PARTNERS.map((p) => [
      p,
      weighted(
        rand,
        PARTNERS.filter((q) => q !== p).map((q) => [q, PARTNER_WEIGHTS[q]]),
      ),
    ]),
  );
  const channel = weighted(rand, [
    ['counter', 8],
    ['phone', 3],
    ['itinerant', 1],
    ['video', 0.5],
  ]);
  const offsets = new Map();

  // Cumulative rounding: the (site, day) counts add up to exactly `count`.
  let cumulated = 0;
  let emitted = 0;
  for (const plan of plans) {
    for (const d of days) {
      const w = cellWeight(plan, d);
      if (w === 0) continue;
      cumulated += w;
      const n = Math.round((cumulated / total) * count) - emitted;
      if (n <= 0) continue;
      emitted += n;
      const zoneDay = `${plan.site.time_zone} ${d.day}`;
      let midnight = offsets.get(zoneDay);
      if (midnight === undefined) {
        // The instant of 00:00 local that day, from noon's offset (no DST change happens during opening hours).
        midnight = zonedInstant(d.day, 720, plan.site.time_zone).getTime() - 720 * 60_000;
        offsets.set(zoneDay, midnight);
      }
      const ranges = plan.ranges[d.weekday];
      const open = plan.minutes[d.weekday];
      for (let i = 0; i < n; i++) {
        let minute = Math.floor(rand() * open);
        let at = ranges[0][0];
        for (const [from, to] of ranges) {
          if (minute < to - from) {
            at = from + minute;
            break;
          }
          minute -= to - from;
        }
        const partner = partnersOfMonth[d.month]();
        const result = outcome();
        yield {
          site_id: plan.site.id,
          partner,
          theme: themeOf[partner](),
          outcome: result,
          referred_to: result === 'referred' ? referredTo[partner]() : null,
          channel: channel(),
          acted_at: new Date(midnight + at * 60_000 + Math.floor(rand() * 60_000)).toISOString(),
          day: d.day,
        };
      }
    }
  }
}

/**
 * A throw-away SQLite file with the real sites and `acts` acts of the year, their roll-ups built:
 * steps 1–3 of this bench, shared with scripts/bench/observatory.mjs. The caller removes `dir`.
 */
export async function seedActivityDatabase({ acts = ACTIVITY_ACTS, source = false, log = () => {} } = {}) {
  const { server, migrations, stats, contract, hours } = await loadServer(source, log);
  const dir = mkdtempSync(join(tmpdir(), 'fs-bench-activity-'));
  const dbPath = join(dir, 'bench.db');
  let db;
  try {
    // 1. The schema and the real sites, through the server.
    db = await server.openDatabase({ sqlitePath: dbPath });
    await server.importData(db);
    const sites = await db.selectFrom('sites').select(['id', 'time_zone', 'hours']).orderBy('id').execute();
    await db.destroy();
    db = undefined;

    // 2. The acts, in bulk: no journal (a throw-away file), prepared multi-row inserts, one transaction.
    log(`Loading ${acts.toLocaleString('en')} acts of ${YEAR} for ${sites.length.toLocaleString('en')} sites (bulk insert)…`);
    let t0 = performance.now();
    const raw = new Database(dbPath);
    raw.pragma('journal_mode = OFF');
    raw.pragma('synchronous = OFF');
    raw.pragma('cache_size = -1000000');
    const insert = raw.prepare(`insert into acts values ${Array(ROWS_PER_INSERT).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
    const single = raw.prepare('insert into acts values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const params = [];
    let loaded = 0;
    raw.exec('begin');
    for (const act of yearOfActs({
      sites,
      count: acts,
      THEMES: contract.THEMES,
      PARTNERS: contract.PARTNERS,
      zonedInstant: hours.zonedInstant,
    })) {
      const n = (loaded++).toString(36).padStart(6, '0');
      // Ids and keys in load order (the server's are random UUIDs and the clients' keys); received as acted.
      params.push(
        `bench-${n}`,
        `bench-act-key-${n}`,
        act.site_id,
        act.partner,
        act.theme,
        act.outcome,
        act.referred_to,
        act.channel,
        act.acted_at,
        act.day,
        act.acted_at,
      );
      if (params.length === ROWS_PER_INSERT * 11) {
        insert.run(params);
        params.length = 0;
      }
      if (loaded % 1_000_000 === 0) log(`  ${loaded.toLocaleString('en')} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    for (let i = 0; i < params.length; i += 11) single.run(params.slice(i, i + 11));
    raw.exec('commit');
    const loadSeconds = (performance.now() - t0) / 1000;

    // 3. The roll-ups from the acts: the migrations' rebuild, one INSERT … SELECT … GROUP BY per table.
    log('Building the roll-ups from the acts (rebuildActivityRollups)…');
    t0 = performance.now();
    raw.pragma('journal_mode = WAL');
    const bulk = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
    await bulk.transaction().execute((trx) => migrations.rebuildActivityRollups(trx));
    const rollupSeconds = (performance.now() - t0) / 1000;
    const rowCounts = {};
    for (const name of [
      'activity_daily',
      'activity_daily_network',
      'activity_monthly',
      'activity_monthly_network',
      'activity_referrals_monthly_network',
    ])
      rowCounts[name] = raw.prepare(`select count(*) as n from ${name}`).get().n;
    await bulk.destroy();
    return { server, migrations, stats, contract, hours, dir, dbPath, sites, loadSeconds, rollupSeconds, rowCounts };
  } catch (err) {
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

export async function benchActivity({ acts = ACTIVITY_ACTS, source = false, log = () => {} } = {}) {
  const seeded = await seedActivityDatabase({ acts, source, log });
  const { server, stats, contract, dir, dbPath, sites, loadSeconds, rollupSeconds, rowCounts } = seeded;
  let db;
  let app;
  const prepare = Database.prototype.prepare;
  try {
    // 4. The server's own connection, the API with an admin token.
    db = await server.openDatabase({ sqlitePath: dbPath });
    const catalogue = await server.SiteCatalogue.load(db);
    const { token } = await server.createToken(db, { role: 'admin', label: 'bench' });
    app = await server.buildApp({
      ctx: { db, catalogue: () => catalogue, version: 'bench', routing: server.estimateProvider, directory: server.loadDirectory() },
      serveStatic: false,
    });
    const headers = { authorization: `Bearer ${token}` };
    const bySite = await db
      .selectFrom('activity_monthly')
      .select(['site_id', (eb) => eb.fn.sum('acts').as('n')])
      .groupBy('site_id')
      .orderBy('n', 'desc')
      .execute();
    const busiest = bySite[0];
    const middle = bySite[Math.floor(bySite.length / 2)];
    const y = String(YEAR);
    const scopes = [
      ['network', `network, ${y}`, { site: null, from: `${y}-01-01`, to: `${y}-12-31`, group_by: null }],
      ['network', `network, ${y}, by partner`, { site: null, from: `${y}-01-01`, to: `${y}-12-31`, group_by: 'partner' }],
      ['network', `network, ${y}, by theme`, { site: null, from: `${y}-01-01`, to: `${y}-12-31`, group_by: 'theme' }],
      ['network', `network, ${y}, by month`, { site: null, from: `${y}-01-01`, to: `${y}-12-31`, group_by: 'month' }],
      ['network', 'network, all time, by month', { site: null, from: null, to: null, group_by: 'month' }],
      ['network', `network, 15 Mar–14 Nov, by theme`, { site: null, from: `${y}-03-15`, to: `${y}-11-14`, group_by: 'theme' }],
      ['network', `network, 2–30 Dec, by theme`, { site: null, from: `${y}-12-02`, to: `${y}-12-30`, group_by: 'theme' }],
      ['site', `busiest site, ${y}, by month`, { site: busiest.site_id, from: `${y}-01-01`, to: `${y}-12-31`, group_by: 'month' }],
      ['site', `busiest site, ${y}, by theme`, { site: busiest.site_id, from: `${y}-01-01`, to: `${y}-12-31`, group_by: 'theme' }],
      ['site', `busiest site, 15 Mar–14 Nov, by theme`, { site: busiest.site_id, from: `${y}-03-15`, to: `${y}-11-14`, group_by: 'theme' }],
      ['site', `median site, ${y}, by partner`, { site: middle.site_id, from: `${y}-01-01`, to: `${y}-12-31`, group_by: 'partner' }],
    ];
    const time = async (fn) => {
      await fn();
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await fn();
        times.push(performance.now() - start);
      }
      return times;
    };
    const results = [];
    for (const [kind, label, scope] of scopes) {
      const query = new URLSearchParams(Object.entries(scope).filter(([, v]) => v !== null));
      const url = `/api/v1/stats/activity?${query}`;
      const first = await app.inject({ method: 'GET', url, headers });
      if (first.statusCode !== 200) throw new Error(`${url} answered ${first.statusCode}: ${first.body}`);
      const api = await time(async () => {
        const res = await app.inject({ method: 'GET', url, headers });
        if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
      });
      const fn = await time(() => stats.activityStats(db, scope));
      const budget = ACTIVITY_BUDGET[kind];
      results.push({ kind, label, url, budget, acts: JSON.parse(first.body).acts, api, fn, ok: percentile(api, 90) <= budget });
    }

    // 5. Acts written one at a time through POST /api/v1/acts, the SQL of each recorded.
    let recording = null;
    Database.prototype.prepare = function (sql) {
      // `begin immediate` (database.ts) is the transaction's begin: recorded as `begin`.
      recording?.push(
        sql
          .trim()
          .split(/\s+/, 3)
          .join(' ')
          .toLowerCase()
          .replace(/^begin immediate$/, 'begin'),
      );
      return prepare.call(this, sql);
    };
    const rand = random(7);
    const partners = contract.PARTNERS;
    const writes = [];
    const shapes = new Map();
    const now = Date.now();
    for (let i = 0; i < WRITES + 20; i++) {
      const partner = partners[Math.floor(rand() * partners.length)];
      const themes = contract.THEMES[partner];
      const referred = rand() < 0.2;
      const body = {
        key: `bench-write-${i.toString().padStart(6, '0')}`,
        site_id: i % 2 ? busiest.site_id : middle.site_id,
        partner,
        theme: themes[Math.floor(rand() * themes.length)],
        outcome: referred ? 'referred' : 'solved',
        ...(referred ? { referred_to: partner === 'caf' ? 'msa' : 'caf' } : {}),
        channel: 'counter',
        acted_at: new Date(now - Math.floor(rand() * 20 * 86_400_000)).toISOString(),
      };
      recording = [];
      const start = performance.now();
      const res = await app.inject({ method: 'POST', url: '/api/v1/acts', headers, payload: body });
      const ms = performance.now() - start;
      if (res.statusCode !== 201) throw new Error(`POST /api/v1/acts answered ${res.statusCode}: ${res.body}`);
      const begins = recording.filter((s) => s === 'begin').length;
      const commits = recording.filter((s) => s === 'commit').length;
      if (begins !== 1 || commits !== 1 || recording.indexOf('begin') > recording.indexOf('commit'))
        throw new Error(`POST /api/v1/acts ran ${begins} begin and ${commits} commit: ${recording.join('; ')}`);
      const inside = recording.slice(recording.indexOf('begin') + 1, recording.indexOf('commit'));
      const shape = `${referred ? 'referred' : 'not referred'}: begin, ${inside.length} statements (${inside.filter((s) => s.startsWith('insert')).length} inserts), commit`;
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
      if (i >= 20) writes.push(ms);
    }
    // The same act again: a duplicate, nothing counted.
    const repeat = { key: 'bench-write-000100' };
    const stored = await db.selectFrom('acts').selectAll().where('key', '=', repeat.key).executeTakeFirstOrThrow();
    recording = [];
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/acts',
      headers,
      payload: {
        key: stored.key,
        site_id: stored.site_id,
        partner: stored.partner,
        theme: stored.theme,
        outcome: stored.outcome,
        ...(stored.referred_to ? { referred_to: stored.referred_to } : {}),
        channel: stored.channel,
        acted_at: stored.acted_at,
      },
    });
    const repeatInside = recording.slice(recording.indexOf('begin') + 1, recording.indexOf('commit'));
    recording = null;
    if (again.statusCode !== 200 || !JSON.parse(again.body).duplicate)
      throw new Error(`the repeat answered ${again.statusCode}: ${again.body}`);
    if (repeatInside.some((s) => s.startsWith('insert into "activity')))
      throw new Error(`the repeat wrote a roll-up: ${repeatInside.join('; ')}`);
    // Every act counted once: the roll-ups' totals against the acts.
    const totals = await db
      .selectFrom('activity_monthly_network')
      .select((eb) => eb.fn.sum('acts').as('n'))
      .executeTakeFirstOrThrow();
    const actRows = await db
      .selectFrom('acts')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(totals.n) !== Number(actRows.n)) throw new Error(`roll-ups count ${totals.n} acts, the table has ${actRows.n}`);

    const fileSize = (path) => {
      try {
        return statSync(path).size;
      } catch {
        return 0;
      }
    };
    const megabytes = (fileSize(dbPath) + fileSize(`${dbPath}-wal`)) / 2 ** 20;
    const ms = (v) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
    const count = (n) => Number(n).toLocaleString('en');
    const text = [
      `${count(acts)} acts of ${YEAR} for ${count(sites.length)} sites (the busiest ${count(busiest.n)}, the median ${count(middle.n)}), ` +
        `loaded in ${loadSeconds.toFixed(1)} s (${count(Math.round(acts / loadSeconds))} acts/s: generation and bulk insert, ${ROWS_PER_INSERT} rows per statement, one transaction).`,
      `Roll-ups built from the acts in ${rollupSeconds.toFixed(1)} s (rebuildActivityRollups, migration 0007's backfill): ` +
        `${count(rowCounts.activity_daily)} site × day rows, ${count(rowCounts.activity_monthly)} site × month, ` +
        `${count(rowCounts.activity_daily_network)} network × day, ${count(rowCounts.activity_monthly_network)} network × month ` +
        `(+ ${count(rowCounts.activity_referrals_monthly_network)} referral rows). Database ${megabytes.toFixed(0)} MB. ` +
        `Total before measuring: ${(loadSeconds + rollupSeconds).toFixed(0)} s.`,
      '',
      table(
        ['GET /api/v1/stats/activity', 'acts', 'API median', 'API p90', 'function median', 'function p90', 'budget (p90)', ''],
        results.map((r) => [
          r.label,
          count(r.acts),
          ms(median(r.api)),
          ms(percentile(r.api, 90)),
          ms(median(r.fn)),
          ms(percentile(r.fn, 90)),
          `≤ ${r.budget} ms`,
          r.ok ? 'OK' : 'OVER',
        ]),
        'lrrrrrrl',
      ),
      '',
      `ms, ${RUNS} runs each after one unmeasured; p90 nearest-rank. API: app.inject with an admin token (token check, validation, ` +
        'statistics, serialisation; no socket). Function: activityStats(db, scope) alone. The budgets are of the API p90 on this ' +
        `2-core machine (network ≤ ${ACTIVITY_BUDGET.network} ms, one site ≤ ${ACTIVITY_BUDGET.site} ms); they never fail the run. ` +
        `Busiest site ${busiest.site_id}, median site ${middle.site_id}.`,
      '',
      `POST /api/v1/acts on the loaded database, one act at a time (app.inject, admin token, acted in the last 20 days): ` +
        `median ${ms(median(writes))} ms, p90 ${ms(percentile(writes, 90))} ms over ${WRITES} writes after 20 unmeasured. ` +
        `Each write is one transaction: ${[...shapes].map(([shape, n]) => `${shape} ×${n}`).join('; ')} ` +
        '(the act, then one upsert per roll-up: counters of the site and the network by day and by month, and the four referral ' +
        `roll-ups when referred). The same act again: 200 duplicate, ${repeatInside.length} statements, no roll-up written. ` +
        `Roll-ups and acts agree: ${count(totals.n)} acts.`,
    ].join('\n');
    return { acts, loadSeconds, rollupSeconds, results, writes: { median: median(writes), p90: percentile(writes, 90) }, text };
  } finally {
    Database.prototype.prepare = prepare;
    await app?.close();
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `--acts=N` of a bench's command line (undefined without it); a bad N stops the process with a message. */
export function actsArgument(argv) {
  const arg = argv.find((a) => a.startsWith('--acts='));
  const acts = arg ? Number(arg.slice('--acts='.length)) : undefined;
  if (acts !== undefined && !(Number.isInteger(acts) && acts > 0)) {
    console.error('--acts=N takes a whole number of acts, 1 or more.');
    process.exit(2);
  }
  return acts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const acts = actsArgument(process.argv);
  const started = performance.now();
  const result = await benchActivity({ acts, source: process.argv.includes('--source'), log: (m) => console.log(m) });
  console.log(`\n${result.text}\n\nRun time ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}
