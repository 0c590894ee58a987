// The component tests' network (a web-test-runner middleware): a proxy to the real server whose
// network a test can cut or make unreliable, and a few narrow stand-ins (error, pending, rate
// limited, an address geocoder, map tiles). Used by web-test-runner.config.mjs.
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';

/**
 * `/proxy-api/*` forwards to the real server on the page's own origin, so the offline cache
 * keeps one URL while a test cuts the network: `/__test/network?state=down` makes the proxy
 * drop every connection (the browser sees a network error), `state=up` restores it.
 * `/__test/status/503/*` answers like an overloaded server (a narrow fake for the error state);
 * `/__test/pending/*` never answers (the loading state); `/__test/ban/search/` answers like the
 * national address API (BAN) for "montbel" (the optional address search).
 * `/__test/agent-token?site=ID` makes an agent token with the real CLI on the run's database
 * (`&role=manager`: the site manager's; `&label=…`: its label, `wtr` by default; `?departement=48`
 * or `?network=1` instead of `site`: an observer's token of the network observatory);
 * `/__test/auth-echo/*` accepts writes and tells (GET) the last `Authorization` it received;
 * proxied requests carrying `Authorization` (the agents' reads and writes) are forwarded with it.
 */
export function testNetwork({ apiOrigin, dataDir }) {
  let networkDown = false;
  let lastAuthorization;

  /**
   * A network that is up but unreliable, for the outbox's no-loss test: `/__test/network?state=…`
   * also takes these states, which apply to every `/proxy-api/` request (reads and writes, agents'
   * or not) until the next `state` (`up` and `down` clear them):
   * - `5xx`: the server side is overloaded: 500, 502, 503, 504 in turn, nothing reaches the server;
   * - `reset`: the connection is reset (RST) before anything reaches the server;
   * - `drop-response`: the request reaches the server, which stores it, and the connection is reset
   *   before its answer: the case where a client that made a new key on retry would store twice;
   * - `hang`: the same, but the answer is held until the state changes, then the connection is reset
   *   (a gateway timing out): a page can be reloaded while its write is in flight;
   * - `stall`: the same, but the answer never comes: the client's own timeout (10 s) gives up.
   * The answer of `/__test/network` tells how many requests each state failed (`faults`) and how
   * many 2xx answers of writes were lost after the server stored them (`lostAnswers`, by path).
   */
  const NETWORK_FAULTS = ['5xx', 'reset', 'hang', 'drop-response', 'stall'];
  const FIVE_XX = [500, 502, 503, 504];
  let networkFault = 'none';
  const faultCounts = {};
  const lostAnswers = {};
  const hanging = new Set();

  /** A TCP reset (RST), or a plain close when the socket can no longer send one (EINVAL). */
  function resetConnection(socket) {
    try {
      socket.resetAndDestroy();
    } catch {
      socket.destroy();
    }
  }

  function setNetworkFault(state) {
    const fault = NETWORK_FAULTS.includes(state) ? state : 'none';
    if (fault !== 'hang') {
      for (const socket of hanging) resetConnection(socket);
      hanging.clear();
    }
    networkFault = fault;
  }

  /** Forwards a proxied request to the real server and reads its whole answer (status only kept). */
  async function forwardAndForget(ctx) {
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    const payload = Buffer.concat(chunks);
    const headers = { accept: ctx.get('accept'), 'content-length': String(payload.length) };
    for (const name of ['content-type', 'authorization']) if (ctx.get(name)) headers[name] = ctx.get(name);
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(`${apiOrigin}/api/${ctx.url.slice('/proxy-api/'.length)}`, { method: ctx.method, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 502));
      });
      upstream.on('error', reject);
      upstream.end(payload);
    });
  }

  async function proxyFault(ctx) {
    const fault = networkFault;
    faultCounts[fault] = (faultCounts[fault] ?? 0) + 1;
    const socket = ctx.req.socket;
    ctx.respond = false;
    if (fault === '5xx') {
      ctx.respond = true;
      ctx.status = FIVE_XX[faultCounts[fault] % FIVE_XX.length];
      ctx.set('content-type', 'application/problem+json');
      ctx.set('cache-control', 'no-store');
      ctx.body = JSON.stringify({ type: 'about:blank', title: 'Unavailable (test proxy)', status: ctx.status });
    } else if (fault === 'reset') {
      resetConnection(socket);
    } else {
      const status = await forwardAndForget(ctx);
      if (ctx.method !== 'GET' && status >= 200 && status < 300) {
        const path = `${ctx.method} ${ctx.path.replace(/^\/proxy-api\/v1\//, '')} ${status}`;
        lostAnswers[path] = (lostAnswers[path] ?? 0) + 1;
      }
      if (fault === 'drop-response' || (fault === 'hang' && networkFault !== 'hang')) {
        resetConnection(socket);
        return;
      }
      if (socket.destroyed) return; // the page went away meanwhile (a reload)
      if (fault === 'hang') hanging.add(socket);
      await new Promise((resolve) => socket.once('close', resolve));
      hanging.delete(socket);
    }
  }

  /** `/__test/stored-keys?table=feedback|acts&sites=1,2`: the idempotency keys stored for those sites, read from the run's SQLite file. */
  async function storedKeys(ctx) {
    const table = ctx.query.table === 'acts' ? 'acts' : 'feedback';
    const sites = String(ctx.query.sites ?? '')
      .split(',')
      .filter((s) => /^\d{1,9}$/.test(s));
    if (sites.length === 0) {
      ctx.status = 400;
      return;
    }
    const { default: Sqlite } = await import('better-sqlite3');
    const db = new Sqlite(join(dataDir, 'test.db'), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare(`SELECT key FROM ${table} WHERE site_id IN (${sites.map(() => '?').join(', ')})`).all(...sites);
      ctx.set('cache-control', 'no-store');
      ctx.body = { keys: rows.map((row) => row.key) };
    } finally {
      db.close();
    }
  }

  /**
   * Forwards a request to the real server with its body, `Accept`, `Content-Type` and
   * `Authorization` (the agents' reads and writes), and streams the answer back uncached: the
   * browser's HTTP cache would otherwise answer for a cut network (the tests check the IndexedDB copy).
   */
  async function forward(ctx) {
    const hasBody = ctx.method !== 'GET' && ctx.method !== 'HEAD';
    const chunks = [];
    if (hasBody) for await (const chunk of ctx.req) chunks.push(chunk);
    const payload = Buffer.concat(chunks);
    const headers = { accept: ctx.get('accept') };
    for (const name of ['content-type', 'authorization']) if (ctx.get(name)) headers[name] = ctx.get(name);
    if (hasBody) headers['content-length'] = String(payload.length);
    await new Promise((resolve, reject) => {
      const upstream = httpRequest(`${apiOrigin}/api/${ctx.url.slice('/proxy-api/'.length)}`, { method: ctx.method, headers }, (res) => {
        ctx.status = res.statusCode ?? 502;
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && k !== 'transfer-encoding') ctx.set(k, v);
        ctx.set('cache-control', 'no-store');
        ctx.body = res;
        resolve();
      });
      upstream.on('error', reject);
      upstream.end(hasBody ? payload : undefined);
    });
  }

  return async function testNetworkMiddleware(ctx, next) {
    if (ctx.path === '/__test/network') {
      networkDown = ctx.query.state === 'down';
      setNetworkFault(String(ctx.query.state ?? 'up'));
      ctx.body = { down: networkDown, fault: networkFault, faults: faultCounts, lostAnswers };
      return;
    }
    if (ctx.path === '/__test/stored-keys') return storedKeys(ctx);
    if (ctx.path.startsWith('/proxy-api/') && networkFault !== 'none') return proxyFault(ctx);
    if (ctx.path === '/__test/ban/search/') {
      // A local stand-in for a BAN-compatible geocoder (api-adresse): same query and GeoJSON answer.
      const q = String(ctx.query.q ?? '').toLowerCase();
      const features = q.includes('montbel')
        ? [
            {
              type: 'Feature',
              geometry: { type: 'Point', coordinates: [3.4961, 44.5202] },
              properties: {
                label: '2 Rue du Faubourg Montbel 48000 Mende',
                type: 'housenumber',
                city: 'Mende',
                postcode: '48000',
                id: '48095_0230_00002',
              },
            },
            {
              type: 'Feature',
              geometry: { type: 'Point', coordinates: [3.4965, 44.5205] },
              properties: {
                label: 'Rue du Faubourg Montbel 48000 Mende',
                type: 'street',
                city: 'Mende',
                postcode: '48000',
                id: '48095_0230',
              },
            },
          ]
        : [];
      ctx.set('content-type', 'application/json');
      ctx.body = JSON.stringify({ type: 'FeatureCollection', version: 'draft', query: q, features });
      return;
    }
    if (ctx.path === '/__test/agent-token') {
      // A fresh agent token for a site, made by the real CLI against the test run's database.
      // `?departement=48` or `?network=1`: an observer's token of the network observatory instead.
      const site = String(ctx.query.site ?? '');
      const departement = String(ctx.query.departement ?? '');
      const observer = /^(\d{2}|2[AB]|97\d)$/.test(departement) ? ['--departement', departement] : ctx.query.network ? ['--network'] : null;
      if (!observer && !/^\d{1,9}$/.test(site)) {
        ctx.status = 400;
        return;
      }
      const token = await new Promise((resolve, reject) => {
        execFile(
          process.execPath,
          [
            ...[
              '--conditions=source',
              '--import',
              'tsx',
              'packages/server/src/cli.ts',
              'token',
              'create',
              ...(observer ?? ['--site', site]),
            ],
            ...(ctx.query.role === 'manager' ? ['--manager'] : []),
            ...['--label', typeof ctx.query.label === 'string' && ctx.query.label ? ctx.query.label.slice(0, 100) : 'wtr'],
          ],
          { env: { ...process.env, FS_SQLITE_PATH: join(dataDir, 'test.db'), LOG_LEVEL: 'warn' } },
          (err, stdout) => (err ? reject(err) : resolve(/fsw_[0-9a-f]{12}\.[A-Za-z0-9_-]{43}/.exec(stdout)?.[0])),
        );
      });
      ctx.set('cache-control', 'no-store');
      ctx.body = { token };
      return;
    }
    if (ctx.path.startsWith('/__test/auth-echo/')) {
      // Remembers the Authorization header of the last write and accepts it (the outbox's credentials).
      if (ctx.method === 'GET') {
        ctx.body = { authorization: lastAuthorization ?? null };
        return;
      }
      lastAuthorization = ctx.get('authorization') || undefined;
      ctx.status = 201;
      ctx.body = { id: '1', key: 'k', duplicate: false };
      return;
    }
    if (ctx.path.startsWith('/__test/pending/')) {
      // Never answers: the loading state stays on screen until the browser gives up.
      await new Promise((resolve) => ctx.req.on('close', resolve));
      ctx.respond = false;
      return;
    }
    if (/^\/__test\/tiles\/\d+\/\d+\/\d+\.png$/.test(ctx.path)) {
      // A reachable base map for <fs-site-map>: every tile is one light grey pixel (a real PNG).
      ctx.set('content-type', 'image/png');
      ctx.body = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGN48eY9AAWDAsRbmw5iAAAAAElFTkSuQmCC', 'base64');
      return;
    }
    const status = /^\/__test\/status\/(\d{3})\//.exec(ctx.path);
    if (status) {
      ctx.status = Number(status[1]);
      ctx.set('content-type', 'application/problem+json');
      ctx.body = JSON.stringify({ type: 'about:blank', title: 'Service unavailable', status: Number(status[1]) });
      return;
    }
    if (ctx.path.startsWith('/__test/too-many/')) {
      // Rate limited with a Retry-After, like the real server under a burst (the outbox waits that long).
      ctx.status = 429;
      ctx.set('retry-after', '7');
      ctx.set('content-type', 'application/problem+json');
      ctx.body = JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Too many answers, retry later' });
      return;
    }
    if (!ctx.path.startsWith('/proxy-api/')) return next();
    // Reads, the outbox's writes and the agents' requests (with their token): cut when the network is down.
    if (networkDown) {
      ctx.req.socket.destroy();
      ctx.respond = false;
      return;
    }
    await forward(ctx);
  };
}
