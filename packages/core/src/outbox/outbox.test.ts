import { expect } from '@open-wc/testing';
import { deleteDB, openDB } from 'idb';
import type { FeedbackInput, FeedbackReceipt, SatisfactionStats } from '@fs-widgets/contract';
import { ApiClient } from '../api/api-client.js';
import { ApiError } from '../api/api-error.js';
import { responseCache } from '../api/response-cache.js';
import { widgetDatabase, WIDGET_DB_NAME } from '../storage/widget-database.js';
import { backoffDelay, newIdempotencyKey, Outbox, registerOutboxAuthorization, type OutboxCounts } from './outbox.js';
import { pendingApi, proxiedApi, realApi, setNetwork, unavailableApi, until } from '../../../../test-support/component-test-env.js';

const SITE = '2983';

/**
 * A real answer for the real server. The server allows 5 `web` answers an hour per site and
 * client (120 for `kiosk`): most tests answer as a kiosk so that they never meet the limit.
 */
const answer = (overrides: Partial<FeedbackInput> = {}): FeedbackInput => ({
  key: newIdempotencyKey(),
  site_id: SITE,
  rating: 'satisfied',
  channel: 'kiosk',
  answered_at: new Date().toISOString(),
  ...overrides,
});

/** How many answers the real server counts for the test site. */
async function serverCount(): Promise<number> {
  const res = await fetch(`${realApi()}/stats/satisfaction?site=${SITE}&_=${Math.random()}`, { cache: 'no-store' });
  expect(res.status).to.equal(200);
  return ((await res.json()) as SatisfactionStats).count;
}

async function stored(key: string) {
  return (await widgetDatabase())?.get('outbox', key);
}

describe('outbox', () => {
  const outboxes: Outbox[] = [];
  const make = (base: string, auto = false) => {
    const outbox = new Outbox(new ApiClient(base), { auto });
    outboxes.push(outbox);
    return outbox;
  };

  beforeEach(async () => {
    await setNetwork('up');
    await (await widgetDatabase())?.clear('outbox');
  });

  afterEach(async () => {
    for (const outbox of outboxes.splice(0)) outbox.dispose();
    await setNetwork('up');
  });

  it('makes idempotency keys that match the contract', () => {
    const keys = new Set(Array.from({ length: 50 }, newIdempotencyKey));
    expect(keys.size).to.equal(50);
    for (const key of keys)
      expect(key)
        .to.match(/^[0-9a-f]{32}$/)
        .and.match(/^[A-Za-z0-9_-]{16,64}$/);
  });

  it('backs off exponentially with ±20 % jitter, at most 5 min, never before Retry-After', () => {
    const low = () => 0;
    const high = () => 0.999999;
    const mid = () => 0.5;
    expect(backoffDelay(1, undefined, mid)).to.equal(2_000);
    expect(backoffDelay(2, undefined, mid)).to.equal(4_000);
    expect(backoffDelay(5, undefined, mid)).to.equal(32_000);
    expect(backoffDelay(1, undefined, low)).to.equal(1_600);
    expect(backoffDelay(1, undefined, high)).to.equal(2_400);
    expect(backoffDelay(8, undefined, high)).to.equal(300_000); // 256 s × 1.2 capped
    expect(backoffDelay(30, undefined, low)).to.equal(300_000);
    expect(backoffDelay(1, 7, mid)).to.equal(7_000);
    expect(backoffDelay(6, 7, mid)).to.equal(64_000);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(3);
      expect(d).to.be.within(6_400, 9_600);
    }
  });

  it('persists before sending, keeps the entry across a reload, then sends it once', async () => {
    // A server that never answers: the entry is in IndexedDB while the request is in flight.
    const hanging = make(pendingApi);
    const body = answer({ channel: 'web' });
    void hanging.enqueue('feedback', 'feedback', body.key, body);
    let entry = await stored(body.key);
    for (let i = 0; !entry && i < 40; i++) entry = await new Promise((r) => setTimeout(r, 25)).then(() => stored(body.key));
    expect(entry).to.include({ key: body.key, kind: 'feedback', path: 'feedback', attempts: 0 });
    expect(entry!.body).to.deep.equal(body);
    hanging.dispose();
    await (await widgetDatabase())?.clear('outbox');

    const before = await serverCount();
    await setNetwork('down');
    const first = make(proxiedApi);
    await first.enqueue('feedback', 'feedback', body.key, body);
    entry = await stored(body.key);
    expect(entry).to.include({ key: body.key, base: new URL(proxiedApi, location.href).href, attempts: 1 });
    expect(entry!.lastError).to.include({ kind: 'offline' });
    expect(entry!.queuedAt).to.be.a('number');
    expect(await first.pendingKeys()).to.deep.equal([body.key]);
    first.dispose();

    // As after a reload: a new outbox finds the entry in IndexedDB.
    const reloaded = make(proxiedApi);
    expect(await reloaded.pendingCount('feedback')).to.equal(1);
    await setNetwork('up');
    await new Promise((r) => setTimeout(r, 2_500)); // past the first backoff (≤ 2.4 s)
    expect(await reloaded.flush()).to.deep.equal({ sent: 1, failed: 0, rejected: 0 });
    expect(await stored(body.key)).to.equal(undefined);
    expect(await reloaded.pendingCount()).to.equal(0);
    expect(await serverCount()).to.equal(before + 1);
  });

  it('sends an entry with the Authorization its reference resolves to at send time, and keeps it while unresolved', async () => {
    const echo = '/__test/auth-echo/api/v1';
    const lastAuthorization = async () =>
      ((await (await fetch(`${echo}/last`, { cache: 'no-store' })).json()) as { authorization: string | null }).authorization;
    let secret: string | undefined = undefined; // set below, once the agent has "pasted" it
    registerOutboxAuthorization('outbox-test', (ref) => (secret ? `Bearer ${secret}-${ref}` : undefined));
    const outbox = make(echo);
    const body = answer();
    // No credentials yet: not sent (never without them), still pending, untouched.
    await outbox.enqueue('act', 'acts', body.key, body, { auth: 'outbox-test:2983' });
    expect(await outbox.pendingKeys('act')).to.deep.equal([body.key]);
    const entry = await stored(body.key);
    expect(entry).to.include({ auth: 'outbox-test:2983', attempts: 0 });
    expect(JSON.stringify(entry)).not.to.contain('Bearer');
    // An unknown scheme waits as well.
    const other = answer();
    await outbox.enqueue('act', 'acts', other.key, other, { auth: 'no-such-scheme:1' });
    // The token is there now (e.g. the agent pasted it): the current one is sent.
    secret = 'fsw_token';
    expect(await outbox.flush()).to.deep.equal({ sent: 1, failed: 0, rejected: 0 });
    expect(await lastAuthorization()).to.equal('Bearer fsw_token-2983');
    expect(await outbox.pendingKeys('act')).to.deep.equal([other.key]);
  });

  it('does not spin on an entry whose credentials this page lacks, nor keep the sender lock from the page that has them', async () => {
    // Found by no-loss.test.ts: a kiosk page (no agent's token resolver) sharing the queue with
    // queued acts re-armed its timer at 0 ms forever, taking the Web Lock hundreds of times a second.
    const locks = navigator.locks as LockManager & { request: LockManager['request'] };
    const request = locks.request;
    let taken = 0;
    locks.request = ((...args: Parameters<LockManager['request']>) => {
      taken++;
      return request.apply(locks, args);
    }) as LockManager['request'];
    try {
      const outbox = make('/__test/auth-echo/api/v1', true);
      await new Promise((r) => setTimeout(r, 50)); // its page-load flush (nothing to send) is over
      const body = answer();
      await outbox.enqueue('act', 'acts', body.key, body, { auth: 'not-on-this-page:2983' });
      taken = 0;
      await new Promise((r) => setTimeout(r, 500));
      expect(taken, 'sender lock requests in 0.5 s').to.be.at.most(2);
      expect(await stored(body.key)).to.include({ attempts: 0 });
      expect(await outbox.pendingKeys('act')).to.deep.equal([body.key]);
    } finally {
      delete (locks as Partial<typeof locks>).request; // back to LockManager.prototype.request
    }
  });

  it('stores one answer for a key sent twice (the second answer is a duplicate receipt)', async () => {
    const before = await serverCount();
    const client = new ApiClient(proxiedApi);
    const outbox = make(proxiedApi);
    const body = answer({ rating: 'very-satisfied', resolved: 'yes', channel: 'web' });
    await outbox.enqueue('feedback', 'feedback', body.key, body);
    expect(await outbox.pendingCount()).to.equal(0);
    // The same answer again (as a second tab, or an answer lost on the way back, would send it).
    await outbox.enqueue('feedback', 'feedback', body.key, body);
    expect(await outbox.pendingCount()).to.equal(0);
    const receipt = await client.post<FeedbackReceipt>('feedback', body);
    expect(receipt).to.include({ key: body.key, duplicate: true });
    expect(await serverCount()).to.equal(before + 1);
  });

  it('sets a 400 answer aside as rejected, with the problem, and never retries it', async () => {
    const outbox = make(proxiedApi);
    const bad = { ...answer(), rating: 'bof' };
    const good = answer();
    await setNetwork('down');
    await outbox.enqueue('feedback', 'feedback', bad.key, bad);
    await outbox.enqueue('feedback', 'feedback', good.key, good);
    await setNetwork('up');
    await new Promise((r) => setTimeout(r, 2_500));
    // The rejected one does not hold back the next one.
    expect(await outbox.flush()).to.deep.equal({ sent: 1, failed: 0, rejected: 1 });
    const [rejected, ...others] = await outbox.rejected('feedback');
    expect(others).to.have.length(0);
    expect(rejected).to.include({ key: bad.key });
    expect(rejected!.rejectedAt).to.be.a('number');
    expect(rejected!.problem?.status).to.be.oneOf([400, 422]);
    expect(rejected!.lastError).to.include({ kind: 'invalid', status: rejected!.problem?.status });
    expect(await outbox.pendingCount()).to.equal(0);
    expect(await outbox.counts()).to.deep.equal({ pending: 0, rejected: 1, pendingByKind: {} });

    expect(await outbox.flush()).to.deep.equal({ sent: 0, failed: 0, rejected: 0 });
    expect((await stored(bad.key))!.attempts).to.equal(2); // one offline, one 400, then no more

    await outbox.discardRejected(bad.key);
    expect(await outbox.rejected()).to.have.length(0);
  });

  it('keeps an entry after a 503, backed off, and sends it when due', async () => {
    const outbox = make(unavailableApi);
    const body = answer();
    await outbox.enqueue('feedback', 'feedback', body.key, body);
    const entry = (await stored(body.key))!;
    expect(entry).to.include({ attempts: 1 });
    expect(entry.lastError).to.include({ kind: 'server', status: 503 });
    expect(entry.nextAttemptAt - entry.lastError!.at).to.be.within(1_600, 2_400);
    expect(await outbox.flush()).to.deep.equal({ sent: 0, failed: 0, rejected: 0 }); // not due yet
    await new Promise((r) => setTimeout(r, entry.nextAttemptAt - Date.now() + 50));
    expect(await outbox.flush()).to.deep.equal({ sent: 0, failed: 1, rejected: 0 });
    const again = (await stored(body.key))!;
    expect(again.attempts).to.equal(2);
    expect(again.nextAttemptAt - again.lastError!.at).to.be.within(3_200, 4_800);
  });

  it('keeps an entry whose route answers 404 (a wrong api attribute is a configuration to fix, not a refusal)', async () => {
    const outbox = make('/__test/status/404/api/v1');
    const body = answer();
    await outbox.enqueue('feedback', 'feedback', body.key, body);
    const entry = (await stored(body.key))!;
    expect(entry.rejectedAt).to.equal(undefined);
    expect(entry.lastError).to.include({ kind: 'not-found', status: 404 });
    expect(await outbox.pendingKeys()).to.include(body.key);
    expect(await outbox.rejected()).to.have.length(0);
  });

  it('sets aside a PUT of an item the server no longer has (404 unknown-item: removed from another device), never retried', async () => {
    const token = ((await (await fetch(`/__test/agent-token?site=${SITE}`)).json()) as { token: string }).token;
    registerOutboxAuthorization('unknown-item-test', () => `Bearer ${token}`);
    const outbox = make(proxiedApi);
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const body = { starts_on: day, ends_on: day, closed: true, hours: [], reason: 'Congés' };
    const key = newIdempotencyKey();
    await outbox.enqueue('closures', `sites/${SITE}/exceptions/removed-elsewhere`, key, body, { auth: 'unknown-item-test', method: 'PUT' });
    const [rejected, ...others] = await outbox.rejected('closures');
    expect(others).to.have.length(0);
    expect(rejected).to.include({ key });
    expect(rejected!.problem).to.include({ status: 404, type: 'https://fs-widgets.dev/problems/unknown-item' });
    expect(await outbox.pendingKeys()).to.not.include(key);
    await outbox.discardRejected(key);
  });

  it('waits at least Retry-After after a 429', async () => {
    const client = new ApiClient('/__test/too-many/api/v1');
    const error = await client.post('feedback', answer()).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect(error).to.include({ kind: 'invalid', status: 429, retryAfterSeconds: 7 });

    const outbox = make('/__test/too-many/api/v1');
    const body = answer();
    await outbox.enqueue('feedback', 'feedback', body.key, body);
    const entry = (await stored(body.key))!;
    expect(entry.lastError).to.include({ status: 429 });
    expect(entry.rejectedAt).to.equal(undefined);
    expect(entry.nextAttemptAt - entry.lastError!.at).to.equal(7_000);
  });

  it('keeps an answer the real server rate-limits (429), until after its Retry-After', async () => {
    const outbox = make(proxiedApi);
    const answers = Array.from({ length: 6 }, () => answer({ site_id: '1', channel: 'web' }));
    for (const a of answers) await outbox.enqueue('feedback', 'feedback', a.key, a);
    // Five go through; the sixth is kept, not rejected, for when the hour is over.
    expect(await outbox.pendingKeys()).to.deep.equal([answers[5]!.key]);
    const entry = (await stored(answers[5]!.key))!;
    expect(entry.rejectedAt).to.equal(undefined);
    expect(entry.lastError).to.include({ kind: 'invalid', status: 429 });
    // Retry-After is what is left of the server's one-hour window (not a fixed time: near the top
    // of the hour it is short), and the entry waits at least that long.
    const windowLeft = Math.ceil(entry.lastError!.at / 3_600_000) * 3_600_000 - entry.lastError!.at;
    expect(entry.nextAttemptAt - entry.lastError!.at).to.be.at.least(windowLeft - 1_000);
  });

  it('sends the entries backed off after a 5xx or a network failure as soon as the server takes one, not those waiting out a 429', async () => {
    // Found by no-loss.test.ts: an answer that failed a few times in a row waited its backoff
    // (tens of seconds, up to 5 min) while the server took every newer answer.
    const outbox = make(proxiedApi);
    const limited = Array.from({ length: 6 }, () => answer({ site_id: '1701', channel: 'web' }));
    for (const a of limited) await outbox.enqueue('feedback', 'feedback', a.key, a);
    expect(await outbox.pendingKeys()).to.deep.equal([limited[5]!.key]); // 429, Retry-After: minutes
    await fetch('/__test/network?state=5xx');
    const overloaded = answer();
    await outbox.enqueue('feedback', 'feedback', overloaded.key, overloaded);
    await fetch('/__test/network?state=reset');
    const cut = answer();
    await outbox.enqueue('feedback', 'feedback', cut.key, cut);
    expect((await stored(overloaded.key))!.lastError).to.include({ kind: 'server' });
    expect((await stored(cut.key))!.lastError).to.include({ kind: 'offline' });
    expect(await outbox.flush()).to.deep.equal({ sent: 0, failed: 0, rejected: 0 }); // all backed off

    await setNetwork('up');
    const before = await serverCount();
    const next = answer();
    await outbox.enqueue('feedback', 'feedback', next.key, next);
    expect(await outbox.pendingKeys()).to.deep.equal([limited[5]!.key]);
    expect(await serverCount()).to.equal(before + 3);
  });

  it('keeps an `online` wake-up that finds another tab sending: retried shortly, still forced, not put off by news from that tab', async () => {
    // Found by no-loss.test.ts: the agent's page woke on `online` while the kiosk's page held the
    // sender lock; its retry then sent only due entries, and the kiosk's next broadcast re-armed
    // it for the backoff (up to minutes) of what had failed.
    const outbox = make(proxiedApi, true);
    await new Promise((r) => setTimeout(r, 50)); // its page-load flush is over
    // An answer that failed six times while the network was down: next attempt in 2 min.
    const body = answer();
    const base = new URL(proxiedApi, location.href).href;
    const at = Date.now();
    await (await widgetDatabase())!.put('outbox', {
      key: body.key,
      kind: 'feedback',
      path: 'feedback',
      base,
      body,
      queuedAt: at - 600_000,
      attempts: 6,
      nextAttemptAt: at + 120_000,
      lastError: { kind: 'offline', message: 'The server cannot be reached', at },
    });
    expect(await outbox.pendingKeys()).to.deep.equal([body.key]);

    let release!: () => void;
    const otherTab = new Promise<void>((r) => (release = r));
    const held = new Promise<void>((locked) => void navigator.locks.request('fs-widgets-outbox', () => (locked(), otherTab)));
    await held; // another tab is sending
    window.dispatchEvent(new Event('online')); // this page's wake-up finds the lock taken
    await new Promise((r) => setTimeout(r, 50));
    const channel = new BroadcastChannel('fs-widgets-outbox');
    channel.postMessage({ base }); // the other tab changed the queue
    await new Promise((r) => setTimeout(r, 50));
    release();
    channel.close();
    const deadline = Date.now() + 2_500; // the retry comes within 1.5 s
    while ((await stored(body.key)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await stored(body.key), 'sent by the retried wake-up').to.equal(undefined);
  });

  it('tells subscribers the counts whenever they change', async () => {
    const outbox = make(proxiedApi);
    const seen: OutboxCounts[] = [];
    const unsubscribe = outbox.subscribe((counts) => seen.push(counts));
    await until(() => seen.length === 1, 'the first counts');
    expect(seen[0]).to.deep.equal({ pending: 0, rejected: 0, pendingByKind: {} });

    await setNetwork('down');
    const a = answer();
    const b = answer();
    await outbox.enqueue('feedback', 'feedback', a.key, a);
    await outbox.enqueue('demarche-event', 'feedback', b.key, b);
    expect(seen.map((c) => c.pending)).to.deep.equal([0, 1, 2]);
    expect(seen.at(-1)!.pendingByKind).to.deep.equal({ feedback: 1, 'demarche-event': 1 });
    expect(await outbox.pendingCount('feedback')).to.equal(1);

    await setNetwork('up');
    await new Promise((r) => setTimeout(r, 2_500));
    await outbox.flush();
    expect(seen.at(-1)).to.deep.equal({ pending: 0, rejected: 0, pendingByKind: {} });

    unsubscribe();
    const c = answer();
    await outbox.enqueue('feedback', 'feedback', c.key, c);
    expect(seen.at(-1)!.pending).to.equal(0);
    expect(seen).to.have.length(4);
  });

  it('sends at once when the browser comes back online, before the backoff is over', async () => {
    const before = await serverCount();
    const outbox = make(proxiedApi, true);
    await new Promise((r) => setTimeout(r, 50)); // its page-load flush (nothing to send) is over
    await setNetwork('down');
    const body = answer();
    await outbox.enqueue('feedback', 'feedback', body.key, body);
    const failedAt = (await stored(body.key))!.lastError!.at;
    await setNetwork('up');
    window.dispatchEvent(new Event('online'));
    let sent = false;
    while (!sent && Date.now() < failedAt + 1_500) {
      sent = (await stored(body.key)) === undefined;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(sent, 'sent within 1.5 s of the failure (the backoff is at least 1.6 s)').to.equal(true);
    expect(await serverCount()).to.equal(before + 1);
  });

  it('sends by itself on the timer when the entry becomes due', async () => {
    const outbox = make(proxiedApi, true);
    await new Promise((r) => setTimeout(r, 50)); // its page-load flush (nothing to send) is over
    await setNetwork('down');
    const body = answer();
    await outbox.enqueue('feedback', 'feedback', body.key, body);
    await setNetwork('up'); // no online event: the timer does it
    const deadline = Date.now() + 6_000;
    while ((await stored(body.key)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await stored(body.key)).to.equal(undefined);
  });

  describe('database', () => {
    it('upgrades a version 1 database (responses only), keeping the cached responses', async () => {
      // deleteDB is not blocked by this page's open connection: it closes on `blocking`.
      await deleteDB(WIDGET_DB_NAME);
      const v1 = await openDB(WIDGET_DB_NAME, 1, {
        upgrade(db) {
          db.createObjectStore('responses', { keyPath: 'url' }).createIndex('storedAt', 'storedAt');
        },
      });
      await v1.put('responses', { url: 'https://example.test/api/v1/sites/2983', body: { id: '2983' }, storedAt: 1_700_000_000_000 });
      v1.close();

      const db = (await widgetDatabase())!;
      expect(db.version).to.equal(2);
      expect([...db.objectStoreNames].sort()).to.deep.equal(['outbox', 'responses']);
      expect([...db.transaction('outbox').store.indexNames].sort()).to.deep.equal(['kind', 'queuedAt']);
      expect(db.transaction('outbox').store.keyPath).to.equal('key');
      const cached = await responseCache.get<{ id: string }>('https://example.test/api/v1/sites/2983');
      expect(cached?.body).to.deep.equal({ id: '2983' });
      expect(cached?.storedAt.getTime()).to.equal(1_700_000_000_000);
    });

    it('does without storage while an old tab blocks the upgrade, and picks it up afterwards', async () => {
      await deleteDB(WIDGET_DB_NAME);
      // An "old tab": version 1 code that does not close its connection when asked.
      const old = await openDB(WIDGET_DB_NAME, 1, {
        upgrade(db) {
          db.createObjectStore('responses', { keyPath: 'url' }).createIndex('storedAt', 'storedAt');
        },
      });
      const started = Date.now();
      expect(await widgetDatabase()).to.equal(undefined);
      expect(Date.now() - started).to.be.within(1_500, 5_000);
      // The outbox still takes answers (in memory) meanwhile.
      const outbox = make(pendingApi);
      const body = answer();
      void outbox.enqueue('feedback', 'feedback', body.key, body);
      await new Promise((r) => setTimeout(r, 50));
      expect(await outbox.pendingKeys()).to.deep.equal([body.key]);
      outbox.dispose();

      old.close(); // the old tab goes away: the upgrade completes
      let db = await widgetDatabase();
      for (let i = 0; !db && i < 40; i++) db = await new Promise((r) => setTimeout(r, 25)).then(() => widgetDatabase());
      expect(db?.version).to.equal(2);
      // The answer taken in memory was moved into IndexedDB.
      expect(await outbox.pendingKeys()).to.deep.equal([body.key]);
      expect((await db!.get('outbox', body.key))?.key).to.equal(body.key);
    });
  });
});
