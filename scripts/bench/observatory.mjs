// The network observatory's routes (issue 17) at real volume: the database of
// scripts/bench/activity.mjs (the real 2,845 sites and 9,000,000 acts of 2023, roll-ups built by
// the migrations' rebuild; `seedActivityDatabase`), plus 26,000 satisfaction answers of 2023
// (the programme reports 92.6 % satisfied among 26,000 kiosk answers), and La Poste set as the
// carrier of the 409 sites whose name says so. Each observatory route is timed through
// app.inject with the scope's own token (token and scope check, validation, the figures,
// serialisation; no socket) for two départements (Lozère, 20 sites; Nord, the most sites of a
// metropolitan département), a carrier (La Poste) and the network, over 2023.
//
// Budgets (p90, this 2-core machine): a département's view ≤ 50 ms (issue 17), a carrier's ≤ 100 ms,
// the network's ≤ 250 ms; printed OK/OVER, never failing the run.
//
// Alone: node scripts/bench/observatory.mjs [--acts=N]   (default 9,000,000; the built server)
//        node --conditions=source --import tsx scripts/bench/observatory.mjs --source   (the sources, no build)
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { median, percentile, random, table } from './lib.mjs';
import { ACTIVITY_ACTS, actsArgument, seedActivityDatabase } from './activity.mjs';

/** Budgets of the p90 in ms, by scope kind (printed OK/OVER, never failing the run). */
export const OBSERVATORY_BUDGET = { departement: 50, carrier: 100, network: 250 };

const RUNS = 30;
const ANSWERS = 26_000;
const YEAR = 2023;

/** The routes timed for each scope: the key figures, every table (JSON), and two downloads. */
const ROUTES = [
  'summary',
  'sites',
  'compliance',
  'composition',
  'freshness',
  'activity?group_by=site',
  'activity?group_by=partner',
  'activity?group_by=theme',
  'activity?group_by=month',
  'satisfaction?group_by=site',
  'satisfaction?group_by=month',
  'sites?format=csv',
  'sites?format=xlsx',
];
const PERIOD = `from=${YEAR}-01-01&to=${YEAR}-12-31`;

/** The answers of the year as the daily aggregates hold them (site, day, channel), and the network's sums. */
async function seedAnswers(db, sites) {
  const rand = random(26000);
  const cells = new Map();
  for (let i = 0; i < ANSWERS; i++) {
    const site = sites[Math.floor(rand() * rand() * sites.length)].id;
    const day = new Date(Date.UTC(YEAR, 0, 1 + Math.floor(rand() * 365))).toISOString().slice(0, 10);
    const key = `${site}|${day}`;
    const cell = cells.get(key) ?? {
      site_id: site,
      day,
      channel: 'kiosk',
      very_satisfied: 0,
      satisfied: 0,
      dissatisfied: 0,
      very_dissatisfied: 0,
      resolved_yes: 0,
      resolved_partly: 0,
      resolved_no: 0,
      resolved_unanswered: 0,
    };
    const r = rand();
    cell[r < 0.6 ? 'very_satisfied' : r < 0.926 ? 'satisfied' : r < 0.97 ? 'dissatisfied' : 'very_dissatisfied']++;
    const q = rand();
    cell[q < 0.7 ? 'resolved_yes' : q < 0.8 ? 'resolved_partly' : q < 0.9 ? 'resolved_no' : 'resolved_unanswered']++;
    cells.set(key, cell);
  }
  const rows = [...cells.values()];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('satisfaction_daily')
        .values(rows.slice(i, i + 500))
        .execute();
    const { sql } = await import('kysely');
    await sql`insert into satisfaction_daily_network (day, channel, very_satisfied, satisfied, dissatisfied, very_dissatisfied,
        resolved_yes, resolved_partly, resolved_no, resolved_unanswered)
      select day, channel, sum(very_satisfied), sum(satisfied), sum(dissatisfied), sum(very_dissatisfied),
        sum(resolved_yes), sum(resolved_partly), sum(resolved_no), sum(resolved_unanswered)
      from satisfaction_daily group by day, channel`.execute(trx);
  });
  return rows.length;
}

export async function benchObservatory({ acts = ACTIVITY_ACTS, source = false, log = () => {} } = {}) {
  const seeded = await seedActivityDatabase({ acts, source, log });
  const { server, dir, dbPath, sites, loadSeconds, rollupSeconds } = seeded;
  let db;
  let app;
  try {
    db = await server.openDatabase({ sqlitePath: dbPath });
    log(`Seeding ${ANSWERS.toLocaleString('en')} satisfaction answers and La Poste's sites…`);
    const answerRows = await seedAnswers(db, sites);
    const now = new Date().toISOString();
    await db.insertInto('carriers').values({ id: 'la-poste', name: 'La Poste', kind: 'la-poste', created_at: now }).execute();
    const poste = await db.selectFrom('sites').select('id').where('carrier', '=', 'la-poste').execute();
    await db
      .insertInto('site_carriers')
      .values(poste.map((s) => ({ site_id: s.id, carrier_id: 'la-poste', set_by: 'bench', set_at: now })))
      .execute();
    const byDepartment = await db
      .selectFrom('sites')
      .select(['department', (eb) => eb.fn.countAll().as('n')])
      .groupBy('department')
      .execute();
    const count = (code) => Number(byDepartment.find((d) => d.department === code)?.n ?? 0);

    const catalogue = await server.SiteCatalogue.load(db);
    app = await server.buildApp({
      ctx: {
        db,
        catalogue: () => catalogue,
        reloadCatalogue: async () => {},
        version: 'bench',
        routing: server.estimateProvider,
        directory: server.loadDirectory(),
      },
      serveStatic: false,
    });
    const token = async (request) => (await server.createToken(db, { label: 'bench', ...request })).token;
    const scopes = [
      ['departement', `Lozère (48), ${count('48')} sites`, await token({ role: 'departement', department: '48' })],
      ['departement', `Nord (59), ${count('59')} sites`, await token({ role: 'departement', department: '59' })],
      ['carrier', `La Poste, ${poste.length} sites`, await token({ role: 'carrier', carrier: 'la-poste' })],
      ['network', `network, ${sites.length} sites`, await token({ role: 'network' })],
    ];

    const results = [];
    for (const [kind, label, bearer] of scopes) {
      const headers = { authorization: `Bearer ${bearer}` };
      for (const route of ROUTES) {
        // The figures over time for 2023; compliance, composition and freshness are of the list today.
        const dated = !/^(compliance|composition|freshness)/.test(route);
        const url = `/api/v1/observatory/${route}${dated ? `${route.includes('?') ? '&' : '?'}${PERIOD}` : ''}`;
        const first = await app.inject({ method: 'GET', url, headers });
        if (first.statusCode !== 200) throw new Error(`${url} answered ${first.statusCode}: ${first.body}`);
        const times = [];
        for (let i = 0; i < RUNS; i++) {
          const start = performance.now();
          const res = await app.inject({ method: 'GET', url, headers });
          times.push(performance.now() - start);
          if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
        }
        const budget = OBSERVATORY_BUDGET[kind];
        results.push({ kind, label, route, url, budget, bytes: first.rawPayload.length, times, ok: percentile(times, 90) <= budget });
      }
    }
    // What migration 0010's per-site roll-ups save: the same per-site sums of the year read from
    // the roll-ups by site, partner and theme (activity_monthly), as before 0010.
    const { sql } = await import('kysely');
    const nord = (await db.selectFrom('sites').select('id').where('department', '=', '59').execute()).map((r) => r.id);
    const perSite = async (table, ids) => {
      const where = ids ? sql` and site_id in (${sql.join(ids.map((id) => sql`${id}`))})` : sql``;
      const times = [];
      for (let i = 0; i <= 10; i++) {
        const start = performance.now();
        await sql`select site_id, sum(acts), sum(solved), sum(referred), sum(follow_up) from ${sql.table(table)}
          where month >= ${`${YEAR}-01`} and month <= ${`${YEAR}-12`}${where} group by site_id`.execute(db);
        if (i > 0) times.push(performance.now() - start);
      }
      return median(times);
    };
    const rollupSaving = [
      ['Nord (59)', await perSite('activity_monthly', nord), await perSite('activity_site_monthly', nord)],
      ['network', await perSite('activity_monthly', null), await perSite('activity_site_monthly', null)],
    ];
    const ms = (v) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
    const n = (v) => Number(v).toLocaleString('en');
    const over = results.filter((r) => !r.ok);
    const text = [
      `${n(acts)} acts of ${YEAR} (loaded in ${loadSeconds.toFixed(0)} s, roll-ups in ${rollupSeconds.toFixed(0)} s), ` +
        `${n(ANSWERS)} satisfaction answers (${n(answerRows)} site × day rows), La Poste set as the carrier of ${poste.length} sites.`,
      '',
      table(
        ['scope', 'GET /api/v1/observatory/…', 'bytes', 'median ms', 'p90 ms', 'budget (p90)', ''],
        results.map((r) => [
          r.label,
          r.route,
          n(r.bytes),
          ms(median(r.times)),
          ms(percentile(r.times, 90)),
          `≤ ${r.budget} ms`,
          r.ok ? 'OK' : 'OVER',
        ]),
        'llrrrll',
      ),
      '',
      `${RUNS} runs each after one unmeasured, app.inject with the scope's own token; period ${YEAR} for the figures over time. ` +
        `Budgets of the p90 on this 2-core machine: département ≤ ${OBSERVATORY_BUDGET.departement} ms, carrier ≤ ${OBSERVATORY_BUDGET.carrier} ms, ` +
        `network ≤ ${OBSERVATORY_BUDGET.network} ms; they never fail the run. ${over.length === 0 ? 'All within budget.' : `${over.length} over budget.`}`,
      '',
      `Per-site sums of ${YEAR} (the SQL alone, median of 10): ` +
        rollupSaving
          .map(
            ([label, before, after]) =>
              `${label} ${ms(before)} ms from activity_monthly, ${ms(after)} ms from migration 0010's activity_site_monthly`,
          )
          .join('; ') +
        '.',
    ].join('\n');
    return { results, text };
  } finally {
    await app?.close();
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const acts = actsArgument(process.argv);
  const started = performance.now();
  const result = await benchObservatory({ acts, source: process.argv.includes('--source'), log: (m) => console.log(m) });
  console.log(`\n${result.text}\n\nRun time ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}
