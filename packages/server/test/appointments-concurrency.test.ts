import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Problem, SlotList } from '@fs-widgets/contract';
import { ProblemType } from '@fs-widgets/contract';
import { createToken } from '../src/auth/tokens.js';
import { openDatabase, type Db } from '../src/db/database.js';
import { createTestDatabase, makeTempDir, removeTempDir, TEST_ENGINE, type TestDatabase } from './test-server.js';
import { freePort } from '../../../scripts/test/chromium.mjs';

/*
 * Never more bookings than seats, whatever the nodes: two API processes on one database (one
 * PostgreSQL, or one SQLite file), many people asking for the same slot at the same moment,
 * half of them through each node. Exactly `capacity` get it; the others get 409 `slot-taken`
 * and leave no row behind.
 */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SITE = '2983';
const CONTENDERS = 12;

type Node = { child: ChildProcess; url: string };

describe(`two API nodes booking the same slot (${TEST_ENGINE})`, () => {
  let dir: string;
  let database: TestDatabase;
  let db: Db;
  let agent: string;
  const nodes: Node[] = [];
  let keys = 0;
  const newKey = () => `race-${process.pid}-${Date.now().toString(36)}-${keys++}`;

  async function startNode(): Promise<Node> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/server/src/main.ts'], {
      cwd: REPO,
      env: {
        ...process.env,
        ...database.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        // Both nodes seal with the same key, as a deployment must (docs/security.md).
        FS_DATA_KEY: Buffer.alloc(32, 19).toString('base64'),
        FS_BOOKINGS_PER_CLIENT_HOUR: '1000',
        FS_BOOKINGS_PER_SITE_HOUR: '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 900; i++) {
      if (child.exitCode !== null) throw new Error(`node exited: ${output}`);
      try {
        if ((await fetch(`${url}/api/v1/meta`)).ok) return { child, url };
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`node did not start: ${output}`);
  }

  const call = (node: Node, method: string, path: string, body?: unknown, token?: string) =>
    fetch(`${node.url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  before(async () => {
    dir = makeTempDir();
    database = await createTestDatabase(dir);
    // One node imports the data first; the second starts on the loaded database.
    nodes.push(await startNode());
    nodes.push(await startNode());
    db = await openDatabase(database.options);
    agent = (await createToken(db, { role: 'agent', siteId: SITE, label: 'accueil' })).token;
  });

  after(async () => {
    for (const node of nodes) node.child.kill('SIGTERM');
    await db?.destroy();
    await database?.drop();
    removeTempDir(dir);
  });

  async function race(capacity: number, slotIndex: number) {
    const settings = { enabled: true, duration_minutes: 30, capacity, horizon_days: 28, min_notice_minutes: 1440, reasons: ['other'] };
    assert.equal((await call(nodes[0]!, 'PUT', `/sites/${SITE}/booking-settings`, settings, agent)).status, 200);
    const list = (await (await call(nodes[1]!, 'GET', `/sites/${SITE}/slots?reason=other&days=14`)).json()) as SlotList;
    const slot = list.days.flatMap((d) => d.slots)[slotIndex]!;
    assert.equal(slot.seats_left, capacity);
    const answers = await Promise.all(
      Array.from({ length: CONTENDERS }, (_, i) =>
        call(nodes[i % 2]!, 'POST', `/sites/${SITE}/appointments`, {
          key: newKey(),
          reason: 'other',
          start: slot.start,
          first_name: `Personne ${String.fromCharCode(65 + i)}`,
          reminder: 'none',
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 201).length, capacity, statuses.join(' '));
    assert.equal(statuses.filter((s) => s === 409).length, CONTENDERS - capacity, statuses.join(' '));
    for (const refused of answers.filter((a) => a.status === 409))
      assert.equal(((await refused.json()) as Problem).type, ProblemType.slotTaken);
    // Both nodes booked some (the winners are not all from one node's queue)… and the database holds exactly `capacity`.
    const rows = await db
      .selectFrom('appointments')
      .select(['id', 'status'])
      .where('site_id', '=', SITE)
      .where('starts_at', '=', slot.start)
      .execute();
    assert.equal(rows.length, capacity);
    const seats = await db
      .selectFrom('appointment_seats')
      .select('seat')
      .where('site_id', '=', SITE)
      .where('starts_at', '=', slot.start)
      .orderBy('seat')
      .execute();
    assert.deepEqual(
      seats.map((s) => s.seat),
      Array.from({ length: capacity }, (_, i) => i + 1),
    );
  }

  test(`capacity 1: ${CONTENDERS} simultaneous bookings through two nodes, exactly one succeeds`, async () => {
    await race(1, 0);
  });

  test(`capacity 2: ${CONTENDERS} simultaneous bookings through two nodes, exactly two succeed`, async () => {
    await race(2, 1);
  });
});
