// What the server's own work costs per request: each public read route of the built server
// against a bare Fastify route that sends a response of the same size, in the same run, through
// the same autocannon connections. The ratio (real req/s ÷ bare req/s) is printed against its
// budget (≥ 0.6×, never failing the run); an error, a timeout, a non-2xx answer or an answer of
// the wrong shape is a problem (exit code 1).
//
// The requests vary as real visitors' do: communes drawn half by population, half uniformly; the
// locator's point a few km from the commune's centroid (geolocation), its commune (INSEE code),
// random site ids (a site card), and what a person types in the combobox (2 to 6 first letters of
// a commune's name, lower case, often without accents). The URLs are built as the widgets build
// them (sorted query parameters, `limit=8` for the combobox).
//
// Usage: npm run bench:api [-- --duration=5 --connections=10 --rounds=4 --samples=200 --seed=1
//   --accept-encoding="gzip, deflate, br" --at=now]
// (also section 8 of `npm run bench`). `--accept-encoding=` sends no Accept-Encoding; `--at=now`
// drops the fixed instant given to `open_now` (see openAt below).
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { buildIsStale, buildJs, median, random, section, startBuiltServer, table } from './lib.mjs';

const require = createRequire(import.meta.url);

/** Real req/s over bare req/s, at least. */
export const RATIO_BUDGET = 0.6;
/** What Chromium and Firefox send to an http:// origin (`br` needs https in browsers; the server is behind TLS in production). */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br';
export const DEFAULTS = {
  duration: 5,
  connections: 10,
  rounds: 4,
  warmup: 1,
  samples: 200,
  seed: 1,
  acceptEncoding: BROWSER_ACCEPT_ENCODING,
  at: 'tuesday',
};

/**
 * The instant given to `open_now` (`at=`): the next Tuesday at 09:30 UTC (10:30 or 11:30 in
 * Paris), skipping the fixed public holidays, so that `open_now` keeps 10 open sites whatever
 * the hour of the run (at night or on a Sunday it would find none nearby and scan the whole
 * network). The widgets send `at` only when told to; `--at=now` measures with the clock.
 */
export function openAt(now = new Date()) {
  const holidays = new Set(['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25']);
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9, 30));
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() !== 2 || holidays.has(day.toISOString().slice(5, 10)));
  return day.toISOString().replace('.000Z', 'Z');
}

/** Current communes (Paris, Lyon and Marseille by arrondissement), overseas collectivities left out. */
function communePool() {
  const all = require('@etalab/decoupage-administratif/data/communes.json');
  const split = new Set(all.filter((c) => c.type === 'arrondissement-municipal').map((c) => c.commune));
  return all.filter(
    (c) => c.zone !== 'com' && ((c.type === 'commune-actuelle' && !split.has(c.code)) || c.type === 'arrondissement-municipal'),
  );
}

/** Draws communes: even draws weighted by population (where people live), odd ones uniform (every commune has its site). */
function communeDrawer(rand) {
  const pool = communePool();
  const cumulative = [];
  let total = 0;
  for (const c of pool) cumulative.push((total += c.population ?? 0));
  let n = 0;
  return () => {
    if (n++ % 2) return pool[Math.floor(rand() * pool.length)];
    const target = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return pool[lo];
  };
}

/** What a person types in the combobox to find `name`: 2 to 6 first letters, lower case, often without accents or hyphens. */
function typedPrefix(name, rand) {
  let s = name.toLowerCase();
  if (rand() < 0.5) s = s.normalize('NFD').replace(/\p{M}/gu, '');
  if (rand() < 0.3) s = s.replace(/-/g, ' ');
  if (/^saint[- ]/.test(s) && rand() < 0.3) s = `st ${s.slice(6)}`;
  for (let length = 2 + Math.floor(rand() * 5); length <= s.length; length++) {
    const q = s.slice(0, length).trim();
    if (q.length >= 2) return q;
  }
  return s;
}

/** A point up to `km` from `location`, uniform over the disc, with the 5 decimals the locator sends. */
function jitter({ lat, lon }, km, rand) {
  const r = km * Math.sqrt(rand());
  const angle = 2 * Math.PI * rand();
  const dLat = (r * Math.cos(angle)) / 111.32;
  const dLon = (r * Math.sin(angle)) / (111.32 * Math.cos((lat * Math.PI) / 180));
  return `${(lat + dLat).toFixed(5)},${(lon + dLon).toFixed(5)}`;
}

/** A URL as the widgets' client builds it: parameters sorted by name (packages/core/src/api/api-client.ts). */
function apiPath(path, params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params).sort(([a], [b]) => a.localeCompare(b))) search.set(key, String(value));
  return `/api/v1/${path}?${search}`;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** GET with the given headers; the body as it came on the wire (still compressed) and decoded. */
function rawGet(url, headers) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('error', reject);
        res.on('end', () => {
          const wire = Buffer.concat(chunks);
          const encoding = res.headers['content-encoding'] ?? null;
          try {
            const body =
              encoding === 'br'
                ? brotliDecompressSync(wire)
                : encoding === 'gzip'
                  ? gunzipSync(wire)
                  : encoding === 'deflate'
                    ? inflateSync(wire)
                    : wire;
            resolve({ status: res.statusCode, headers: res.headers, encoding, wire, body });
          } catch (err) {
            reject(new Error(`${url}: undecodable ${encoding} body (${err.message})`));
          }
        });
      })
      .on('error', reject);
  });
}

/** Runs `work` on each item, `concurrency` at a time, in order. */
async function mapLimit(items, concurrency, work) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i], i);
      }
    }),
  );
  return out;
}

/** What each answer must be, beyond its 200. Returns what is wrong, or null. */
const isSite = (s) => s && typeof s.id === 'string' && typeof s.name === 'string';
const CHECKS = {
  near: (j) =>
    j.items?.length === 10 && j.count === 10 && j.items.every((s) => isSite(s) && s.travel) ? null : `${j.items?.length} items, not 10`,
  openNow: (j) => (Array.isArray(j.items) && j.items.length <= 10 && j.count === j.items.length ? null : `${j.items?.length} items`),
  commune: (j, meta) =>
    j.items?.length === 10 && j.origin?.commune?.insee === meta.insee ? null : `${j.items?.length} items for ${j.origin?.commune?.insee}`,
  site: (j, meta) => (isSite(j) && j.id === meta.id ? null : `site ${j.id}, not ${meta.id}`),
  communes: (j) =>
    Array.isArray(j.items) &&
    j.items.length >= 1 &&
    j.items.length <= 8 &&
    j.count === j.items.length &&
    j.items.every((c) => c.insee && c.name)
      ? null
      : `${j.items?.length} communes`,
};

/**
 * The workloads: `paths` the real server's varied URLs; `barePath(path)` the same request on
 * the bare server (same query string, so the request lines are alike).
 */
async function workloads(api, { samples, seed, at }) {
  const rand = random(seed);
  const draw = communeDrawer(rand);
  // A commune the server can place: a drawn one whose answer has a centroid (those without are skipped and counted).
  let skipped = 0;
  const placed = [];
  while (placed.length < samples) {
    const batch = Array.from({ length: samples - placed.length }, draw);
    const answers = await mapLimit(batch, 4, (c) => rawGet(`${api}/sites?commune=${c.code}&limit=1`, {}));
    answers.forEach((res, i) => {
      if (res.status === 200) placed.push({ commune: batch[i], location: JSON.parse(res.body).origin.location });
      else skipped++;
    });
    if (skipped > samples * 5) throw new Error(`${skipped} drawn communes have no centroid on the server`);
  }
  const exports = JSON.parse((await rawGet(`${api}/exports/data-inclusion/structures?size=5000`, {})).body);
  const siteIds = exports.items.map((item) => item.id.split('--')[1]);
  const openNow = at === 'now' ? {} : { at };
  const names = Array.from({ length: samples }, () => draw().nom);
  const w = [
    {
      key: 'near',
      name: 'GET /sites?near (10 nearest)',
      check: CHECKS.near,
      requests: placed.map((p) => ({ path: apiPath('sites', { limit: 10, near: jitter(p.location, 3, rand) }) })),
    },
    {
      key: 'near-open',
      name: 'GET /sites?near&open_now (10 open)',
      // With the clock, at night or on a Sunday, fewer than 10 sites may be open anywhere.
      check: at === 'now' ? CHECKS.openNow : CHECKS.near,
      requests: placed.map((p) => ({
        path: apiPath('sites', { ...openNow, limit: 10, near: jitter(p.location, 3, rand), open_now: true }),
      })),
    },
    {
      key: 'commune',
      name: 'GET /sites?commune (10 nearest)',
      check: CHECKS.commune,
      requests: placed.map((p) => ({ path: apiPath('sites', { commune: p.commune.code, limit: 10 }), meta: { insee: p.commune.code } })),
    },
    {
      key: 'site',
      name: 'GET /sites/{id} (site card)',
      check: CHECKS.site,
      requests: Array.from({ length: samples }, () => {
        const id = siteIds[Math.floor(rand() * siteIds.length)];
        return { path: `/api/v1/sites/${id}`, meta: { id } };
      }),
    },
    {
      key: 'communes',
      name: 'GET /communes?q (combobox)',
      check: CHECKS.communes,
      requests: names.map((name) => ({ path: apiPath('communes', { limit: 8, q: typedPrefix(name, rand) }) })),
    },
  ];
  for (const workload of w) {
    workload.paths = workload.requests.map((r) => r.path);
    workload.barePath = (path) => `/bare/${workload.key}${path.slice(path.indexOf('?') >= 0 ? path.indexOf('?') : path.lastIndexOf('/'))}`;
  }
  return { workloads: w, skipped };
}

/** Fetches every URL of a workload once: checks status and shape, measures the bytes on the wire, keeps the median answer. */
async function capture(api, workload, headers) {
  const origin = api.replace(/\/api\/v1$/, '');
  const answers = await mapLimit(workload.requests, 4, (r) => rawGet(origin + r.path, headers));
  const wrong = [];
  answers.forEach((res, i) => {
    const { path, meta } = workload.requests[i];
    let problem = res.status === 200 ? null : `status ${res.status}`;
    if (!problem) {
      try {
        problem = workload.check(JSON.parse(res.body), meta);
      } catch (err) {
        problem = `not JSON (${err.message})`;
      }
    }
    if (problem) wrong.push(`${path}: ${problem}`);
  });
  const sorted = [...answers].sort((a, b) => a.wire.length - b.wire.length);
  const middle = sorted[(sorted.length - 1) >> 1];
  const encodings = new Set(answers.map((a) => a.encoding ?? 'identity'));
  return {
    wrong,
    bare: { contentType: middle.headers['content-type'], contentEncoding: middle.encoding, body: middle.wire },
    wireMedian: median(answers.map((a) => a.wire.length)),
    bodyMedian: median(answers.map((a) => a.body.length)),
    encodings: [...encodings].sort().join('+'),
  };
}

/**
 * The bare server, in a child process like the real one (the same Node, the same Fastify as
 * the server): one route per workload sending the captured bytes with their content type and
 * encoding, and nothing else — no schema, no hook, no logger.
 */
async function startBareServer(routes) {
  const child = fork(fileURLToPath(import.meta.url), ['--bare-server'], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  try {
    const port = await new Promise((resolve, reject) => {
      child.once('message', (m) => resolve(m.port));
      child.once('exit', (code) => reject(new Error(`the bare Fastify server exited with code ${code}`)));
      child.send(routes);
    });
    return { origin: `http://127.0.0.1:${port}`, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function serveBare() {
  const routes = await new Promise((resolve) => process.once('message', resolve));
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  for (const route of routes) {
    const body = Buffer.from(route.body.buffer, route.body.byteOffset, route.body.byteLength);
    app.get(route.path, (_request, reply) => {
      reply.header('content-type', route.contentType);
      if (route.contentEncoding) reply.header('content-encoding', route.contentEncoding);
      reply.send(body);
    });
  }
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.send({ port: app.server.address().port });
  process.once('disconnect', () => void app.close().finally(() => process.exit(0)));
  process.once('SIGTERM', () => void app.close().finally(() => process.exit(0)));
}

/** One autocannon run: every connection takes the next URL of the list, in turn. */
function cannon(origin, paths, { duration, connections, headers }) {
  let i = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: origin,
        connections,
        pipelining: 1,
        duration,
        headers,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[i++ % paths.length] }) }],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

/** Sums autocannon runs: req/s over the time run, the median of the runs' p50, the worst p99, errors. */
function combine(runs) {
  const seconds = runs.reduce((t, r) => t + r.duration, 0);
  return {
    rps: runs.reduce((t, r) => t + r.requests.total, 0) / seconds,
    p50: median(runs.map((r) => r.latency.p50)),
    p99: Math.max(...runs.map((r) => r.latency.p99)),
    requests: runs.reduce((t, r) => t + r.requests.total, 0),
    errors: runs.reduce((t, r) => t + r.errors + r.timeouts, 0),
    non2xx: runs.reduce((t, r) => t + r.non2xx, 0),
  };
}

/** autocannon's latencies are whole milliseconds. */
const ms = (v) => (v < 1 ? '<1' : String(Math.round(v)));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Measures every workload; `cleanups` (a Set of async functions, as in run.mjs) holds the
 * servers' stops while they run. Resolves with the table's text, the results and the problems.
 */
export async function benchApiRatio(options = {}) {
  const o = { ...DEFAULTS, ...options };
  const log = o.log ?? (() => {});
  const cleanups = o.cleanups ?? new Set();
  const at = o.at === 'now' ? 'now' : o.at === 'tuesday' ? openAt() : o.at;
  const headers = { accept: 'application/json', ...(o.acceptEncoding ? { 'accept-encoding': o.acceptEncoding } : {}) };
  const problems = [];
  const real = await startBuiltServer();
  cleanups.add(real.stop);
  let bare;
  try {
    log(`Real: node packages/server/dist/main.js on ${real.origin} (new SQLite file, real data).`);
    const { workloads: list, skipped } = await workloads(real.api, { samples: o.samples, seed: o.seed, at });
    const captured = [];
    for (const workload of list) {
      const c = await capture(real.api, workload, headers);
      captured.push(c);
      for (const w of c.wrong.slice(0, 3)) log(`WRONG ANSWER ${w}`);
      if (c.wrong.length)
        problems.push(`${c.wrong.length} of ${workload.paths.length} answers wrong in ${workload.name}, e.g. ${c.wrong[0]}`);
    }
    bare = await startBareServer(
      list.map((w, i) => ({ path: w.key === 'site' ? '/bare/site/:id' : `/bare/${w.key}`, ...captured[i].bare })),
    );
    cleanups.add(bare.stop);
    const fastify = require('fastify/package.json').version;
    log(
      [
        `Bare: Fastify ${fastify} (the server's) in a child process (Node ${process.version}, as the server), one route per workload`,
        'sending the captured answer of median size on the wire, with its content type and encoding.',
        `Requests: ${o.samples} varied URLs per route (seed ${o.seed}; ${skipped} drawn communes without a centroid skipped),`,
        `e.g. ${list.map((w) => w.paths[0]).join(' ')}`,
        `accept-encoding: ${o.acceptEncoding ? `"${o.acceptEncoding}"` : 'none'}; open_now ${at === 'now' ? 'at the time of the run' : `at=${at}`}.`,
        `autocannon: ${o.connections} connections, pipelining 1, ${o.duration} s per side in ${o.rounds} round(s) (real, bare, then bare, real…),`,
        `after ${o.warmup} s of warm-up of each.`,
      ].join('\n'),
    );
    const rows = [];
    const results = [];
    for (const [i, workload] of list.entries()) {
      const barePaths = workload.paths.map(workload.barePath);
      const run = (side, duration) =>
        side === 'real'
          ? cannon(real.origin, workload.paths, { duration, connections: o.connections, headers })
          : cannon(bare.origin, barePaths, { duration, connections: o.connections, headers });
      const runs = { real: [], bare: [] };
      const warm = { real: await run('real', o.warmup), bare: await run('bare', o.warmup) };
      for (let round = 0; round < o.rounds; round++) {
        for (const side of round % 2 ? ['bare', 'real'] : ['real', 'bare']) runs[side].push(await run(side, o.duration / o.rounds));
      }
      const r = combine(runs.real);
      const b = combine(runs.bare);
      // Errors during the warm-up count too: any failed request is a problem.
      const errors = r.errors + warm.real.errors + warm.real.timeouts;
      const non2xx = r.non2xx + warm.real.non2xx;
      const bareErrors = b.errors + b.non2xx + warm.bare.errors + warm.bare.timeouts + warm.bare.non2xx;
      const ratio = r.rps / b.rps;
      const c = captured[i];
      results.push({ name: workload.name, real: r, bare: b, ratio, errors, non2xx, bareErrors, wire: c.wireMedian, body: c.bodyMedian });
      if (errors || non2xx) problems.push(`${errors} errors and ${non2xx} non-2xx answers in ${workload.name}`);
      if (bareErrors) problems.push(`${bareErrors} errors from the bare route of ${workload.name}: its ratio means nothing`);
      rows.push([
        workload.name,
        `${kb(c.wireMedian)} ${c.encodings}`,
        kb(c.bodyMedian),
        Math.round(r.rps),
        ms(r.p50),
        ms(r.p99),
        Math.round(b.rps),
        ms(b.p50),
        `${ratio.toFixed(2)}×`,
        errors,
        non2xx,
        ratio >= RATIO_BUDGET ? 'OK' : 'OVER',
      ]);
      log(`${workload.name}: ${Math.round(r.rps)} req/s against ${Math.round(b.rps)} bare (${ratio.toFixed(2)}×)`);
    }
    const text = [
      table(
        [
          'route',
          'wire (median)',
          'JSON',
          'real req/s',
          'p50 ms',
          'p99 ms',
          'bare req/s',
          'bare p50',
          'ratio',
          'errors',
          'non-2xx',
          `≥ ${RATIO_BUDGET}×`,
        ],
        rows,
        'llrrrrrrrrrl',
      ),
      '',
      'ratio = real req/s ÷ bare req/s, same run, same connections; p50 is the median of the rounds, p99 the worst round.',
      `wire: median bytes as sent (the bare route sends one real answer of that size); JSON: median decoded size.`,
      `Budget ≥ ${RATIO_BUDGET}×, printed, never failing; errors, non-2xx and wrong answers are problems.`,
    ].join('\n');
    return { text, results, problems };
  } finally {
    if (bare) {
      await bare.stop();
      cleanups.delete(bare.stop);
    }
    await real.stop();
    cleanups.delete(real.stop);
    agent.destroy();
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain && process.argv.includes('--bare-server')) {
  await serveBare();
} else if (isMain) {
  const value = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const number = (name) => {
    const v = value(name);
    if (v === undefined) return DEFAULTS[name];
    const n = Number(v);
    if (!(n > 0)) {
      console.error(`--${name}= takes a positive number.`);
      process.exit(2);
    }
    return n;
  };
  const options = {
    duration: number('duration'),
    connections: number('connections'),
    rounds: number('rounds'),
    warmup: number('warmup'),
    samples: number('samples'),
    seed: number('seed'),
    acceptEncoding: value('accept-encoding') ?? DEFAULTS.acceptEncoding,
    at: value('at') ?? DEFAULTS.at,
  };
  const cleanups = new Set();
  const cleanup = async () => {
    for (const fn of [...cleanups].reverse()) await fn().catch((err) => console.error(`cleanup: ${err.message}`));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the servers…`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  if (buildIsStale()) {
    console.log('Building (npm run build:js)…');
    await buildJs();
  }
  section(`API routes against a bare Fastify route of the same size (${options.connections} connections, ${options.duration} s per side)`);
  const result = await benchApiRatio({ ...options, cleanups, log: (m) => console.log(m) });
  console.log(`\n${result.text}`);
  for (const p of result.problems) console.log(`FAIL: ${p}`);
  if (!result.problems.length) console.log('No error, no non-2xx answer, every answer of the expected shape.');
  process.exitCode = result.problems.length ? 1 : 0;
}
