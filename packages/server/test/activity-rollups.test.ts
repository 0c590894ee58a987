/**
 * The activity roll-ups (monthly and daily, site and network) against the acts themselves:
 * thousands of random acts at the edges of months, of DST changes and of years, in time zones
 * from Wallis (UTC+12) to Miquelon (UTC−3, its own DST), written one transaction each as
 * `POST /acts` writes them, some sent twice or with a key already used; then hundreds of random
 * periods, each answered by `activityStats` and recounted from the raw acts. Also: the roll-ups
 * kept act by act equal the ones migration 0007 rebuilds from the acts, the migration's backfill
 * of a database written before it, and a failing roll-up write leaving nothing behind. On the
 * engine under test (SQLite, or PostgreSQL with FS_TEST_DATABASE_URL).
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { OUTCOMES, PARTNERS, THEMES, ACT_CHANNELS, type ActInput, type ActivityStats, type PartnerId } from '@fs-widgets/contract';
import { openDatabase, writeTransaction, dialectOf, type Db } from '../src/db/database.js';
import { migrateTo, migrateToLatest, rebuildActivityRollups } from '../src/db/migrations.js';
import { activityStats, periodParts, type ActivityGroupBy } from '../src/demarches/activity-stats.js';
import { prepareAct, storeAct } from '../src/demarches/acts.js';
import { createTestDatabase, makeTempDir, removeTempDir, TEST_ENGINE, type TestDatabase } from './test-server.js';

/** Sites and their time zones (made-up ids: the roll-ups never read the sites table). */
const SITES: Record<string, string> = {
  '9101': 'Europe/Paris',
  '9102': 'Europe/Paris',
  '9103': 'Indian/Reunion',
  '9104': 'America/Cayenne',
  '9105': 'America/Miquelon',
  '9106': 'Pacific/Wallis',
  '9107': 'Indian/Mayotte',
};
const SITE_IDS = Object.keys(SITES);

/** Instants where local days and months change in some zone and not in another. */
const HOT_SPOTS = [
  Date.UTC(2024, 1, 29, 22), // leap day
  Date.UTC(2024, 2, 10, 5), // Miquelon moves to summer time
  Date.UTC(2024, 2, 31, 1), // Paris moves to summer time, the last day of March
  Date.UTC(2024, 5, 30, 21), // the end of June in Paris, July already in Wallis and Réunion
  Date.UTC(2024, 9, 27, 1), // Paris back to winter time
  Date.UTC(2024, 10, 3, 4), // Miquelon back to winter time
  Date.UTC(2024, 11, 31, 23), // the new year in Paris, Wallis and Réunion, not in Cayenne
  Date.UTC(2025, 0, 31, 12), // the end of January everywhere
];
const FIRST = Date.UTC(2024, 0, 1);
const LAST = Date.UTC(2025, 2, 1);

/** A seeded generator (mulberry32): the same acts and periods on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(20240229);
const pick = <T>(values: readonly T[]): T => values[Math.floor(rand() * values.length)]!;

let keys = 0;
function randomAct(): ActInput {
  const near = rand() < 0.5;
  const instant = near ? pick(HOT_SPOTS) + Math.round((rand() - 0.5) * 30 * 3_600_000) : FIRST + Math.floor(rand() * (LAST - FIRST));
  const partner = pick(PARTNERS);
  const outcome = pick(OUTCOMES);
  return {
    key: `rollup-test-${process.pid}-${keys++}-abcdef`,
    site_id: pick(SITE_IDS),
    partner,
    theme: pick(THEMES[partner as PartnerId]),
    outcome,
    ...(outcome === 'referred' ? { referred_to: pick(PARTNERS) } : {}),
    channel: pick(ACT_CHANNELS),
    acted_at: new Date(instant).toISOString(),
  };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A day to start or end a period: often a month's first or last day, sometimes outside the data. */
function randomDay(): string {
  const month = new Date(Date.UTC(2023, 10 + Math.floor(rand() * 19), 1));
  const r = rand();
  if (r < 0.3) return isoDay(month.getTime());
  if (r < 0.6) return isoDay(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0));
  return isoDay(month.getTime() + Math.floor(rand() * 31) * 86_400_000);
}

type Row = { site_id: string; day: string; partner: string; theme: string; outcome: string; referred_to: string | null };

/** The figures of a scope, counted one act at a time from the stored acts. */
function recount(acts: Row[], scope: { site: string | null; from: string | null; to: string | null; group_by: ActivityGroupBy | null }) {
  const rows = acts.filter(
    (r) =>
      (scope.site === null || r.site_id === scope.site) &&
      (scope.from === null || r.day >= scope.from) &&
      (scope.to === null || r.day <= scope.to),
  );
  const referrals: Record<string, number> = {};
  const groups = new Map<string, ActivityStats['groups'][number]>();
  for (const r of rows) {
    if (r.referred_to !== null) referrals[r.referred_to] = (referrals[r.referred_to] ?? 0) + 1;
    if (scope.group_by === null) continue;
    const key = scope.group_by === 'partner' ? r.partner : scope.group_by === 'theme' ? `${r.partner}/${r.theme}` : r.day.slice(0, 7);
    const g = groups.get(key) ?? { key, acts: 0, solved: 0, referred: 0, follow_up: 0 };
    g.acts++;
    g[r.outcome === 'follow-up' ? 'follow_up' : (r.outcome as 'solved' | 'referred')]++;
    groups.set(key, g);
  }
  const solved = rows.filter((r) => r.outcome === 'solved').length;
  return {
    scope,
    acts: rows.length,
    first_visit_share: rows.length === 0 ? null : solved / rows.length,
    referrals,
    groups: [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

const ROLLUPS = [
  'activity_daily',
  'activity_daily_network',
  'activity_monthly',
  'activity_monthly_network',
  'activity_site_daily',
  'activity_site_monthly',
  'activity_referrals_daily',
  'activity_referrals_daily_network',
  'activity_referrals_monthly',
  'activity_referrals_monthly_network',
] as const;

/** Every roll-up's rows, sorted, as JSON lines: to compare two states of the tables. */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of ROLLUPS) {
    const rows = await db.selectFrom(table).selectAll().execute();
    tables[table] = rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)))).sort();
  }
  return tables;
}

const storedActs = (db: Db) => db.selectFrom('acts').select(['site_id', 'day', 'partner', 'theme', 'outcome', 'referred_to']).execute();

/** Answers of `activityStats` against the recount, over `runs` random scopes and a few fixed ones. */
async function compareRandomPeriods(db: Db, acts: Row[], runs: number) {
  const scopes: Array<Parameters<typeof activityStats>[1]> = [
    { site: null, from: null, to: null, group_by: 'month' },
    { site: null, from: '2024-01-01', to: '2024-12-31', group_by: 'theme' },
    { site: '9106', from: '2024-06-30', to: '2024-07-01', group_by: 'partner' },
    { site: '9105', from: '2024-02-01', to: '2024-02-29', group_by: 'month' },
    { site: null, from: '2024-03-31', to: '2024-03-31', group_by: null },
    { site: null, from: '2024-12-31', to: '2025-01-01', group_by: 'month' },
  ];
  for (let i = 0; i < runs; i++) {
    let from = rand() < 0.15 ? null : randomDay();
    let to = rand() < 0.15 ? null : randomDay();
    if (from !== null && to !== null && from > to) [from, to] = [to, from];
    scopes.push({ site: rand() < 0.4 ? null : pick(SITE_IDS), from, to, group_by: pick([null, 'partner', 'theme', 'month'] as const) });
  }
  let nonEmpty = 0;
  for (const scope of scopes) {
    const stats = await activityStats(db, scope);
    assert.deepEqual(stats, recount(acts, scope), JSON.stringify(scope));
    if (stats.acts > 0) nonEmpty++;
  }
  // The periods are not all empty ones.
  assert.ok(nonEmpty > scopes.length / 2, `${nonEmpty} of ${scopes.length} periods with acts`);
}

describe(`activity roll-ups equal a recount of the acts (${TEST_ENGINE})`, () => {
  let dir: string;
  const databases: Array<{ db: Db; database: TestDatabase }> = [];
  const open = async () => {
    const database = await createTestDatabase(dir);
    const db = await openDatabase(database.options);
    databases.push({ db, database });
    return db;
  };

  before(() => {
    dir = makeTempDir();
  });
  after(async () => {
    for (const { db, database } of databases) {
      await db.destroy();
      await database.drop();
    }
    removeTempDir(dir);
  });

  test('periodParts: whole months from the monthly rows, the partial ones at the edges from the daily rows', () => {
    assert.deepEqual(periodParts(null, null), { months: { from: null, to: null }, days: [] });
    assert.deepEqual(periodParts('2024-01-01', '2024-12-31'), { months: { from: '2024-01', to: '2024-12' }, days: [] });
    assert.deepEqual(periodParts('2024-02-01', '2024-02-29'), { months: { from: '2024-02', to: '2024-02' }, days: [] });
    assert.deepEqual(periodParts('2023-02-01', '2023-02-28'), { months: { from: '2023-02', to: '2023-02' }, days: [] });
    assert.deepEqual(periodParts('2024-02-01', '2024-02-28'), { months: null, days: [{ from: '2024-02-01', to: '2024-02-28' }] });
    assert.deepEqual(periodParts('2024-03-15', '2025-03-14'), {
      months: { from: '2024-04', to: '2025-02' },
      days: [
        { from: '2024-03-15', to: '2024-03-31' },
        { from: '2025-03-01', to: '2025-03-14' },
      ],
    });
    assert.deepEqual(periodParts('2024-12-31', '2025-01-01'), {
      months: null,
      days: [
        { from: '2024-12-31', to: '2024-12-31' },
        { from: '2025-01-01', to: '2025-01-01' },
      ],
    });
    assert.deepEqual(periodParts('2024-06-02', null), {
      months: { from: '2024-07', to: null },
      days: [{ from: '2024-06-02', to: '2024-06-30' }],
    });
    assert.deepEqual(periodParts(null, '2024-06-29'), {
      months: { from: null, to: '2024-05' },
      days: [{ from: '2024-06-01', to: '2024-06-29' }],
    });
    assert.deepEqual(periodParts('2024-05-10', '2024-03-05'), { months: null, days: [] });
  });

  test('4,000 random acts written one transaction each (repeats and conflicts included), 400 random periods', async () => {
    const db = await open();
    const inputs = Array.from({ length: 4000 }, randomAct);
    // A repeat of an act already sent (the same content: a duplicate) and a key reused with another
    // content (a conflict): neither is counted. Sent in the same batches as the rest, so that on
    // PostgreSQL some race with their first copy.
    const repeats = inputs.filter(() => rand() < 0.05).map((input) => ({ ...input }));
    const conflicts = inputs.filter(() => rand() < 0.02).map((input) => ({ ...randomAct(), key: input.key }));
    const all = [...inputs, ...repeats, ...conflicts].sort(() => rand() - 0.5);
    const outcomes = { stored: 0, duplicate: 0, conflict: 0 };
    for (let i = 0; i < all.length; i += 8) {
      const results = await Promise.all(
        all
          .slice(i, i + 8)
          .map((input) => writeTransaction(db, (trx) => storeAct(trx, prepareAct(input, SITES[input.site_id]!), { now: new Date() }))),
      );
      for (const r of results) outcomes[r.outcome]++;
    }
    const acts = await storedActs(db);
    assert.equal(acts.length, new Set(all.map((a) => a.key)).size);
    assert.equal(outcomes.stored, acts.length);
    assert.equal(outcomes.duplicate + outcomes.conflict, repeats.length + conflicts.length);
    assert.ok(outcomes.duplicate > 0 && outcomes.conflict > 0);
    // Local days across zones: some acts count on another day (and month) than their UTC date.
    assert.ok(new Set(acts.map((a) => a.day.slice(0, 7))).size >= 14);

    await compareRandomPeriods(db, acts, 400);

    // The roll-ups kept act by act are exactly those the migration's backfill builds from the acts.
    const kept = await snapshot(db);
    assert.ok(kept.activity_monthly_network!.length > 0 && kept.activity_referrals_daily!.length > 0);
    await db.transaction().execute((trx) => rebuildActivityRollups(trx));
    assert.deepEqual(await snapshot(db), kept);
  });

  test('migration 0007 counts the acts stored before it; down and up again', async () => {
    const db = await open();
    await migrateTo(db, '0006_local_partners_permanences');
    const inputs = Array.from({ length: 1500 }, randomAct);
    const now = new Date().toISOString();
    const rows = inputs.map((input, i) => ({ id: `before-0007-${i}`, ...prepareAct(input, SITES[input.site_id]!), created_at: now }));
    for (let i = 0; i < rows.length; i += 50)
      await db
        .insertInto('acts')
        .values(rows.slice(i, i + 50))
        .execute();
    await migrateToLatest(db);
    const acts = await storedActs(db);
    assert.equal(acts.length, inputs.length);
    await compareRandomPeriods(db, acts, 150);

    // Down: 0005's daily aggregates, referred_to one of their dimensions, recounted from the acts.
    await migrateTo(db, '0006_local_partners_permanences');
    const wide = await sql<{ acts: number; referred: number; referrals: number }>`
      select sum(acts) as acts, sum(referred) as referred, sum(case when referred_to <> '' then acts else 0 end) as referrals
      from activity_daily_network`.execute(db);
    const referred = acts.filter((a) => a.outcome === 'referred').length;
    assert.deepEqual(
      wide.rows.map((r) => [Number(r.acts), Number(r.referred), Number(r.referrals)]),
      [[acts.length, referred, referred]],
    );
    await migrateToLatest(db);
    await compareRandomPeriods(db, acts, 50);
  });

  test('an act and all its roll-ups are one transaction: a roll-up write failing leaves nothing behind', async () => {
    const db = await open();
    const input = { ...randomAct(), outcome: 'referred' as const, referred_to: 'caf' as const };
    // The last table `countAct` writes refuses every insert.
    if (dialectOf(db) === 'postgres') {
      await sql`create function refuse() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`.execute(db);
      await sql`create trigger refuse before insert on activity_referrals_monthly_network for each row execute function refuse()`.execute(
        db,
      );
    } else {
      await sql`create trigger refuse before insert on activity_referrals_monthly_network begin select raise(abort, 'refused'); end`.execute(
        db,
      );
    }
    await assert.rejects(
      writeTransaction(db, (trx) => storeAct(trx, prepareAct(input, 'Europe/Paris'))),
      /refused/,
    );
    assert.equal((await storedActs(db)).length, 0);
    for (const rows of Object.values(await snapshot(db))) assert.deepEqual(rows, []);
    await sql`drop trigger refuse${dialectOf(db) === 'postgres' ? sql` on activity_referrals_monthly_network` : sql``}`.execute(db);
    assert.equal((await writeTransaction(db, (trx) => storeAct(trx, prepareAct(input, 'Europe/Paris')))).outcome, 'stored');
    const stats = await activityStats(db, { site: input.site_id, from: null, to: null, group_by: null });
    assert.deepEqual([stats.acts, stats.referrals], [1, { caf: 1 }]);
  });
});
