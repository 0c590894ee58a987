import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createToken } from '../src/auth/tokens.js';
import { openDatabase, type Db } from '../src/db/database.js';
import { exited, startApiNode, stopApiNode } from './api-nodes.js';
import { createTestDatabase, makeTempDir, removeTempDir, TEST_ENGINE, type TestDatabase } from './test-server.js';

/*
 * Crash safety: the server process is killed with SIGKILL in the middle of sustained writes
 * (satisfaction answers, acts, cases), then restarted on the same SQLite file. Every write it
 * had acknowledged must be there exactly once, the daily aggregates must agree with the rows
 * (each write and its counters are one transaction), the database must pass SQLite's integrity
 * check, and clients retrying everything they sent (acknowledged or not) must not create
 * duplicates. `CRASH_CYCLES` (default 2) kills it more often: docs/reliability.md.
 */
const CYCLES = Number(process.env.CRASH_CYCLES ?? 2);
const WRITE_MS = Number(process.env.CRASH_WRITE_MS ?? 1200);
const CLIENTS = 6;

type Sent = { path: string; body: Record<string, unknown>; key: string; kind: 'feedback' | 'act' | 'case' };

describe('crash safety: SIGKILL during sustained writes', () => {
  let dir: string;
  let database: TestDatabase;
  let token: string;
  let siteIds: string[];

  /** A server process on the test's database (the first one imports the data). */
  const startProcess = () => startApiNode(database.env);

  before(async () => {
    dir = makeTempDir();
    database = await createTestDatabase(dir);
    // First start imports the real data; stop it cleanly, then add a token for the writers.
    await stopApiNode(await startProcess());
    const db = await openDatabase(database.options);
    token = (await createToken(db, { role: 'agent', siteId: '2983', label: 'crash test' })).token;
    siteIds = (await db.selectFrom('sites').select('id').orderBy('id').limit(400).execute()).map((r) => r.id);
    await db.destroy();
  });

  after(async () => {
    await database?.drop();
    removeTempDir(dir);
  });

  test(`${CYCLES} kills: acknowledged writes kept once, aggregates consistent, integrity ok, retries idempotent`, async () => {
    const acknowledged = new Map<string, Sent>();
    const sent: Sent[] = [];
    let counter = 0;
    const next = (): Sent => {
      const n = counter++;
      const key = `crash-${process.pid}-${n.toString(36).padStart(6, '0')}-${Math.random().toString(36).slice(2, 10)}`;
      const at = new Date(Date.now() - 60_000).toISOString();
      switch (n % 3) {
        case 0:
          return {
            kind: 'feedback',
            key,
            path: '/api/v1/feedback',
            // Spread over many sites: the kiosk limit is per client, site and hour.
            body: { key, site_id: siteIds[n % siteIds.length], rating: 'satisfied', resolved: 'yes', channel: 'kiosk', answered_at: at },
          };
        case 1:
          return {
            kind: 'act',
            key,
            path: '/api/v1/acts',
            body: { key, site_id: '2983', partner: 'caf', theme: 'logement', outcome: 'solved', channel: 'counter', acted_at: at },
          };
        default:
          return {
            kind: 'case',
            key,
            path: '/api/v1/cases',
            body: { key, site_id: '2983', partner: 'interieur', demarche: 'Carte grise', step: 'Dossier reçu', documents: [] },
          };
      }
    };
    const post = (url: string, write: Sent) =>
      fetch(`${url}${write.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(write.body),
      });

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const { child, url } = await startProcess();
      let killed = false;
      const writer = async () => {
        while (!killed) {
          const write = next();
          sent.push(write);
          try {
            const res = await post(url, write);
            if (res.status === 201 || res.status === 200) acknowledged.set(write.key, write);
            else if (!killed) assert.fail(`${write.kind} answered ${res.status}: ${await res.text()}`);
          } catch {
            // The connection died with the process: not acknowledged.
          }
        }
      };
      const writers = Array.from({ length: CLIENTS }, writer);
      await new Promise((r) => setTimeout(r, WRITE_MS));
      child.kill('SIGKILL');
      killed = true;
      await Promise.all(writers);
      await exited(child);
    }
    assert.ok(acknowledged.size > 50, `only ${acknowledged.size} writes acknowledged before the kills`);

    // Restart: everything acknowledged is there, once.
    const db: Db = await openDatabase(database.options);
    try {
      if (TEST_ENGINE === 'sqlite') {
        // SQLite's own check of the file: pages, indexes, constraints. (PostgreSQL's write-ahead log
        // gives the same guarantee; its checks need an extension, amcheck, not installed by default.)
        const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
        assert.deepEqual(
          integrity.rows.map((r) => r.integrity_check),
          ['ok'],
        );
      }
      const keysOf = async (table: 'feedback' | 'acts') => new Set((await db.selectFrom(table).select('key').execute()).map((r) => r.key));
      const feedbackKeys = await keysOf('feedback');
      const actKeys = await keysOf('acts');
      const caseKeys = new Set((await db.selectFrom('cases').select('created_key').execute()).map((r) => r.created_key));
      for (const write of acknowledged.values()) {
        const stored = write.kind === 'feedback' ? feedbackKeys : write.kind === 'act' ? actKeys : caseKeys;
        assert.ok(stored.has(write.key), `acknowledged ${write.kind} ${write.key} lost`);
      }
      // Aggregates agree with the rows: no write without its counters, no counter without its write.
      const feedbackRows = Number(
        (
          await db
            .selectFrom('feedback')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const feedbackDaily = Number(
        (
          await sql<{
            n: number;
          }>`select coalesce(sum(very_satisfied + satisfied + dissatisfied + very_dissatisfied), 0) as n from satisfaction_daily`.execute(
            db,
          )
        ).rows[0]!.n,
      );
      const feedbackNetwork = Number(
        (
          await sql<{
            n: number;
          }>`select coalesce(sum(very_satisfied + satisfied + dissatisfied + very_dissatisfied), 0) as n from satisfaction_daily_network`.execute(
            db,
          )
        ).rows[0]!.n,
      );
      assert.equal(feedbackDaily, feedbackRows);
      assert.equal(feedbackNetwork, feedbackRows);
      const actRows = Number(
        (
          await db
            .selectFrom('acts')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const actDaily = Number((await sql<{ n: number }>`select coalesce(sum(acts), 0) as n from activity_daily`.execute(db)).rows[0]!.n);
      assert.equal(actDaily, actRows);
      const events = Number((await sql<{ n: number }>`select count(*) as n from case_events`.execute(db)).rows[0]!.n);
      assert.equal(events, caseKeys.size, 'one history event per opened case');
      console.log(
        `crash (${TEST_ENGINE}): ${CYCLES} SIGKILLs, ${sent.length} writes sent, ${acknowledged.size} acknowledged, stored ${feedbackRows} answers, ${actRows} acts, ${caseKeys.size} cases`,
      );
    } finally {
      await db.destroy();
    }

    // Clients retry everything they sent: nothing is stored twice.
    const server = await startProcess();
    const { url } = server;
    try {
      const before = await countRows();
      for (let i = 0; i < sent.length; i += 20) {
        await Promise.all(
          sent.slice(i, i + 20).map(async (write) => {
            const res = await post(url, write);
            assert.ok(res.status === 200 || res.status === 201, `${write.kind} retry answered ${res.status}: ${await res.text()}`);
            if (acknowledged.has(write.key)) assert.equal(res.status, 200, `acknowledged ${write.kind} ${write.key} stored again`);
          }),
        );
      }
      const afterRetry = await countRows();
      // Unacknowledged writes may now be stored (once each); acknowledged ones were never stored again.
      for (const kind of ['feedback', 'act', 'case'] as const) {
        assert.ok(afterRetry[kind] >= before[kind], kind);
        assert.equal(
          afterRetry[kind],
          sent.filter((s) => s.kind === kind).length,
          `${kind}: every write sent is stored exactly once after the retries`,
        );
      }
    } finally {
      await stopApiNode(server);
    }

    async function countRows() {
      const db = await openDatabase(database.options);
      try {
        const count = async (table: 'feedback' | 'acts' | 'cases') =>
          Number(
            (
              await db
                .selectFrom(table)
                .select((e) => e.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        return { feedback: await count('feedback'), act: await count('acts'), case: await count('cases') };
      } finally {
        await db.destroy();
      }
    }
  });
});
