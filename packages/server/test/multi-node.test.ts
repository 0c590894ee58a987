import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createToken } from '../src/auth/tokens.js';
import type { Db } from '../src/db/database.js';
import { FEEDBACK_RATE_LIMITS } from '../src/feedback/feedback-rate-limits.js';
import { startApiNodes, type ApiNode, type ApiNodes } from './api-nodes.js';
import { TEST_ENGINE } from './test-server.js';

/*
 * Two API processes on one PostgreSQL, as behind a load balancer: what one node writes, the
 * other reads; the same idempotency key sent to both stores one row; rate limits hold across
 * both; a re-import seen by one is picked up by the other's in-memory catalogue; a node killed
 * mid-load loses no acknowledged write. Runs in `npm run test:server:pg` (SQLite is one process
 * by design: skipped there).
 */

describe(
  'two API nodes on one PostgreSQL',
  { skip: TEST_ENGINE !== 'postgres' && 'needs FS_TEST_DATABASE_URL (npm run test:server:pg)' },
  () => {
    let cluster: ApiNodes;
    let db: Db;
    let token: string;
    let a: ApiNode;
    let b: ApiNode;
    let keys = 0;
    const key = (what: string) => `multi-${what}-${process.pid}-${Date.now().toString(36)}-${keys++}`;

    const post = (node: ApiNode, path: string, body: unknown, auth = true) =>
      fetch(`${node.url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const answer = (site: string, channel = 'kiosk', k = key('answer')) => ({
      key: k,
      site_id: site,
      rating: 'satisfied',
      resolved: 'yes',
      channel,
      answered_at: new Date(Date.now() - 1000).toISOString(),
    });

    before(async () => {
      // Both start together on the empty database: one imports, the other waits for it.
      cluster = await startApiNodes({ together: true, env: { FS_CATALOGUE_REFRESH_SECONDS: '1' } });
      [a, b] = cluster.nodes as [ApiNode, ApiNode];
      db = cluster.db;
      token = (await createToken(db, { role: 'agent', siteId: '2983', label: 'multi-node' })).token;
    });

    after(async () => {
      await cluster?.close();
    });

    test('both started on an empty database: the list was imported once', async () => {
      const sites = Number(
        (
          await db
            .selectFrom('sites')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      assert.equal(sites, 2845);
      const [metaA, metaB] = await Promise.all(
        [a, b].map(async (n) => (await (await fetch(`${n.url}/api/v1/meta`)).json()) as { counts?: unknown }),
      );
      assert.deepEqual(metaA, metaB);
    });

    test('a write through one node is read through the other', async () => {
      const act = {
        key: key('act'),
        site_id: '2983',
        partner: 'caf',
        theme: 'logement',
        outcome: 'solved',
        channel: 'counter',
        acted_at: new Date(Date.now() - 60_000).toISOString(),
      };
      assert.equal((await post(a, '/acts', act)).status, 201);
      const stats = (await (
        await fetch(`${b.url}/api/v1/stats/activity?site=2983`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { acts: number };
      assert.equal(stats.acts, 1);
      const partner = await post(a, '/sites/2983/local-partners', { key: key('partner'), name: 'Mission locale Lozère' });
      assert.equal(partner.status, 201);
      const seen = (await (await fetch(`${b.url}/api/v1/sites/2983/partners`)).json()) as { local: { name: string }[] };
      assert.deepEqual(
        seen.local.map((p) => p.name),
        ['Mission locale Lozère'],
      );
      // The search's local-partner offer: at once on the node written to, within its refresh on the other.
      const kept = async (node: ApiNode) =>
        (
          (await (await fetch(`${node.url}/api/v1/sites?commune=48095&limit=3&offer=local-partner`)).json()) as { items: { id: string }[] }
        ).items.map((site) => site.id);
      assert.deepEqual(await kept(a), ['2983']);
      let onB: string[] = [];
      for (let i = 0; i < 50 && onB.length === 0; i++) {
        onB = await kept(b);
        if (onB.length === 0) await new Promise((r) => setTimeout(r, 200));
      }
      assert.deepEqual(onB, ['2983']);
    });

    test('the same idempotency key sent to both nodes at once stores one row', async () => {
      for (let i = 0; i < 30; i++) {
        const body = answer('271');
        const [first, second] = await Promise.all([post(a, '/feedback', body, false), post(b, '/feedback', body, false)]);
        assert.deepEqual([first.status, second.status].sort(), [200, 201], `key ${body.key}: ${first.status} ${second.status}`);
        const receipts = (await Promise.all([first.json(), second.json()])) as { id: string; duplicate: boolean }[];
        assert.equal(receipts[0]!.id, receipts[1]!.id);
        const rows = await db.selectFrom('feedback').select('id').where('key', '=', body.key).execute();
        assert.equal(rows.length, 1);
      }
      // The same for an act and a case, whose rows carry their own aggregates and history.
      const act = {
        key: key('act'),
        site_id: '2983',
        partner: 'msa',
        theme: 'sante',
        outcome: 'solved',
        channel: 'counter',
        acted_at: new Date(Date.now() - 60_000).toISOString(),
      };
      const acts = await Promise.all([post(a, '/acts', act), post(b, '/acts', act)]);
      assert.deepEqual(acts.map((r) => r.status).sort(), [200, 201]);
      const opened = {
        key: key('case'),
        site_id: '2983',
        partner: 'interieur',
        demarche: 'Carte grise',
        step: 'Dossier reçu',
        documents: [],
      };
      const cases = await Promise.all([post(a, '/cases', opened), post(b, '/cases', opened)]);
      assert.deepEqual(cases.map((r) => r.status).sort(), [200, 201]);
      assert.equal((await db.selectFrom('cases').select('code').where('created_key', '=', opened.key).execute()).length, 1);
    });

    test('rate limits hold across both nodes', async () => {
      const limit = FEEDBACK_RATE_LIMITS.web;
      const statuses: number[] = [];
      for (let i = 0; i < limit + 2; i++) statuses.push((await post(i % 2 ? b : a, '/feedback', answer('900', 'web'), false)).status);
      assert.deepEqual(statuses, [...Array(limit).fill(201), 429, 429]);
    });

    test('a re-import (here: a renamed site) reaches both nodes’ in-memory catalogue', async () => {
      await db.updateTable('sites').set({ name: 'France services de Mende (renommée)' }).where('id', '=', '2983').execute();
      await db.updateTable('meta').set({ updated_at: new Date().toISOString() }).where('key', '=', 'import').execute();
      for (const node of [a, b]) {
        let name = '';
        for (let i = 0; i < 50 && name !== 'France services de Mende (renommée)'; i++) {
          await new Promise((r) => setTimeout(r, 200));
          name = ((await (await fetch(`${node.url}/api/v1/sites/2983`)).json()) as { name: string }).name;
        }
        assert.equal(name, 'France services de Mende (renommée)');
      }
    });

    test('a node killed mid-load loses no acknowledged write; the other keeps serving', async () => {
      const acknowledged: string[] = [];
      let stop = false;
      const sites = (await db.selectFrom('sites').select('id').orderBy('id').limit(300).execute()).map((r) => r.id);
      let n = 0;
      const writer = async (node: ApiNode) => {
        while (!stop) {
          const body = answer(sites[n++ % sites.length]!);
          try {
            const res = await post(node, '/feedback', body, false);
            if (res.status === 201 || res.status === 200) acknowledged.push(body.key);
          } catch {
            // the killed node's connections fail: not acknowledged
          }
        }
      };
      const writers = [writer(a), writer(a), writer(b), writer(b)];
      await new Promise((r) => setTimeout(r, 800));
      a.child.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 800));
      stop = true;
      await Promise.all(writers);
      assert.ok(acknowledged.length > 40, `${acknowledged.length} acknowledged`);
      const stored = new Set((await db.selectFrom('feedback').select('key').where('key', 'in', acknowledged).execute()).map((r) => r.key));
      const lost = acknowledged.filter((k) => !stored.has(k));
      assert.deepEqual(lost, []);
      assert.equal((await fetch(`${b.url}/api/v1/meta`)).status, 200);
    });
  },
);
