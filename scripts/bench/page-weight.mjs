#!/usr/bin/env node
// What a town hall's page really downloads when it embeds the widgets: bytes on the wire as
// Chromium counts them (compressed bodies and headers), requests, and the depth of the request
// chain, for each public widget alone and for all of them on one page, cold and on a repeat visit.
//
// Usage: node scripts/bench/page-weight.mjs [--widgets=fs-site-locator,fs-site-card] [--json=<file>]
// (also the "page weight" section of `npm run bench`).
//
// - The built server (`packages/server/dist/main.js`, a throw-away SQLite file with the real data)
//   serves the widgets and the API, as `npm start` does.
// - The host page is on ANOTHER origin, served by this script: a town hall's page holding
//   `<script type="module" src="<server>/widgets/fs-widgets.js">` and the element(s) with the
//   attributes below, nothing else (no `api` attribute).
// - Cold: a new incognito context (empty HTTP cache and IndexedDB). Repeat: the same context
//   opens the page again (a later visit within the loader's 5 minutes of freshness).
// - Bytes are CDP `Network.loadingFinished`'s `encodedDataLength` (what came over the socket for
//   each response, headers included), summed by kind: widget code (`/widgets/`), API (`/api/`),
//   the host page. A response from the HTTP cache counts 0 bytes and is not a network request.
// - Depth: the longest chain of requests each sent after the response to the one before had
//   begun to arrive (the page is 1): the round trips a slow network pays one after the other.
// - Measured after the page has been quiet on the network for 1 s (every widget rendered).
//
// Budgets (issue 14): widget code on the wire ≤ 35 KB for the locator page, ≤ 30 KB for any
// other single widget; a repeat visit downloads 0 bytes of widget code. A measurement: printed
// OK/OVER, and the exit code is 1 only when a page could not be measured.
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './latency.mjs';
import { ROOT, buildIsStale, buildJs, freePort, section, startBuiltServer, table } from './lib.mjs';

/** Each public widget as a town hall's page would show it (real sites and communes). */
export const PAGES = [
  { tag: 'fs-site-locator', attrs: 'commune="48095"' },
  { tag: 'fs-site-card', attrs: 'site-id="2983"' },
  { tag: 'fs-partner-directory', attrs: 'site-id="2983"' },
  { tag: 'fs-satisfaction', attrs: 'site-id="2983"' },
  { tag: 'fs-satisfaction-results', attrs: 'site-id="2983"' },
  { tag: 'fs-demarche-tracker', attrs: '' },
  { tag: 'fs-banner', attrs: 'commune="48095"' },
  { tag: 'fs-badge', attrs: 'commune="48095"' },
  { tag: 'fs-poster', attrs: 'site-id="2983"' },
  { tag: 'fs-key-figures', attrs: 'site-id="2983"' },
  // Mende takes online bookings once its agents switch them on (`switchBookingOn`): the widget's
  // first step, the reasons, is the booking page a visitor gets (« ne prend pas de rendez-vous en
  // ligne » alone would not load the booking step's data).
  { tag: 'fs-booking', attrs: 'site-id="2983"' },
];

/** The site of the booking page above, and what its agents make bookable (as the WordPress e2e does). */
const BOOKING_SITE = '2983';
const BOOKING_SETTINGS = {
  enabled: true,
  duration_minutes: 30,
  capacity: 1,
  horizon_days: 28,
  min_notice_minutes: 1440,
  reasons: ['demarche:carte-vitale', 'other'],
};

/**
 * Switches online booking on at Mende in the bench's server, through the real API: an agent's
 * token made in the server's SQLite file (as `token create` does), then `PUT /booking-settings`.
 * `server` is what `startBuiltServer()` resolves with.
 */
export async function switchBookingOn(server) {
  if (!server.sqlitePath) throw new Error('switchBookingOn needs the bench server’s SQLite file (not PostgreSQL)');
  const built = (path) => import(pathToFileURL(join(ROOT, 'packages/server/dist', path)).href);
  const { openDatabase, createToken } = await built('index.js');
  const db = await openDatabase({ sqlitePath: server.sqlitePath });
  let token;
  try {
    ({ token } = await createToken(db, { role: 'agent', siteId: BOOKING_SITE, label: 'bench: page weight' }));
  } finally {
    await db.destroy();
  }
  const res = await fetch(`${server.api}/sites/${BOOKING_SITE}/booking-settings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(BOOKING_SETTINGS),
  });
  if (!res.ok) throw new Error(`booking switched on at ${BOOKING_SITE}: HTTP ${res.status} ${await res.text()}`);
}

export const BUDGET_KB = { 'fs-site-locator': 35, other: 30, repeat: 0 };

const KB = 1024;
const kb = (bytes) => (bytes / KB).toFixed(1);

function hostPage(server, elements) {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mairie — page de test</title>
<script type="module" src="${server}/widgets/fs-widgets.js"></script></head>
<body><main><h1>Mairie</h1>
${elements.map(({ tag, attrs }) => `<section><${tag} ${attrs}></${tag}></section>`).join('\n')}
</main></body></html>`;
}

/** The host pages' origin: `/<name>.html` for each page of `pages`. */
async function startHost(pages) {
  const port = await freePort();
  const server = createServer((req, res) => {
    const html = pages.get(new URL(req.url, 'http://host').pathname);
    if (!html) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(html);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Opens `url` in `page` and records every request until the network has been quiet for
 * `quietMs`: its URL, kind, bytes, whether it came from the cache, its initiator.
 */
async function visit(page, url, { quietMs = 1000, timeoutMs = 30_000 } = {}) {
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  const requests = new Map();
  let lastActivity = performance.now();
  const pending = new Set();
  cdp.on('Network.requestWillBeSent', (e) => {
    lastActivity = performance.now();
    pending.add(e.requestId);
    requests.set(e.requestId, {
      url: e.request.url,
      method: e.request.method,
      start: e.timestamp,
      end: Infinity,
      fromCache: false,
      bytes: 0,
      status: 0,
    });
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.fromCache = true;
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    // A request's children may leave once its response starts arriving (a page's parser does not wait for its end).
    r.end = e.timestamp;
    if (e.response.fromDiskCache || e.response.fromMemoryCache || e.response.fromPrefetchCache) r.fromCache = true;
    r.encoding = e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '';
  });
  const done = (e) => {
    lastActivity = performance.now();
    pending.delete(e.requestId);
    const r = requests.get(e.requestId);
    if (!r) return;
    if (e.encodedDataLength !== undefined) r.bytes = e.encodedDataLength;
  };
  cdp.on('Network.loadingFinished', done);
  cdp.on('Network.loadingFailed', (e) => {
    done(e);
    const r = requests.get(e.requestId);
    if (r) r.failed = e.errorText;
  });
  await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  const deadline = performance.now() + timeoutMs;
  while (pending.size > 0 || performance.now() - lastActivity < quietMs) {
    if (performance.now() > deadline) throw new Error(`${url}: the network never went quiet (${pending.size} requests pending)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await cdp.detach();
  return [...requests.values()];
}

/**
 * The depth of the request chain: the longest sequence of network requests each sent after the
 * previous one's response had begun to arrive (the page is 1). What a slow network pays in round trips before the
 * last request, whatever started each request (Chromium gives no initiator for a modulepreload).
 */
export function chainDepth(requests) {
  // `start` and `end`: when each request left and when its response began to arrive (CDP timestamps).
  const network = requests.filter((r) => !r.fromCache && !r.url.startsWith('data:')).sort((a, b) => a.start - b.start);
  const depth = [];
  for (let i = 0; i < network.length; i++) {
    let d = 1;
    for (let j = 0; j < i; j++) if (network[j].end <= network[i].start) d = Math.max(d, depth[j] + 1);
    depth.push(d);
  }
  return Math.max(0, ...depth);
}

/** Sums of one visit: bytes and network requests by kind, depth, repeated API requests. */
export function summarize(requests, { server, pageUrl }) {
  const kind = (r) =>
    r.url === pageUrl ? 'page' : r.url.startsWith(`${server}/widgets/`) ? 'code' : r.url.startsWith(`${server}/api/`) ? 'api' : 'other';
  const sum = { code: 0, api: 0, page: 0, other: 0 };
  const count = { code: 0, api: 0, page: 0, other: 0 };
  const uncompressed = [];
  const apiCalls = new Map();
  for (const r of requests) {
    if (r.url.startsWith('data:')) continue;
    const k = kind(r);
    if (r.fromCache) continue;
    if (k === 'api' && r.method === 'GET') apiCalls.set(r.url, (apiCalls.get(r.url) ?? 0) + 1);
    sum[k] += r.bytes;
    count[k] += 1;
    if ((k === 'code' || k === 'api') && r.status === 200 && r.bytes > 1500 && !r.encoding) uncompressed.push(r.url);
  }
  const repeated = [...apiCalls].filter(([, n]) => n > 1).map(([url, n]) => `${url.slice(server.length)} ×${n}`);
  return {
    codeBytes: sum.code,
    apiBytes: sum.api,
    pageBytes: sum.page,
    otherBytes: sum.other,
    requests: count.code + count.api + count.page + count.other,
    codeRequests: count.code,
    apiRequests: count.api,
    depth: chainDepth(requests),
    repeated,
    uncompressed,
    failed: requests.filter((r) => r.failed && r.failed !== 'net::ERR_ABORTED').map((r) => `${r.url} (${r.failed})`),
  };
}

/** Measures each page cold then on a repeat visit. */
export async function benchPageWeight({ browser, server, widgets = PAGES }) {
  const pages = new Map(widgets.map((w) => [`/${w.tag}.html`, hostPage(server, [w])]));
  pages.set('/all.html', hostPage(server, widgets));
  const host = await startHost(pages);
  const rows = [];
  try {
    for (const path of pages.keys()) {
      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        const pageUrl = `${host.origin}${path}`;
        const cold = summarize(await visit(page, pageUrl), { server, pageUrl });
        await page.goto('about:blank');
        const repeat = summarize(await visit(page, pageUrl), { server, pageUrl });
        const name = path === '/all.html' ? `all ${widgets.length} public widgets` : path.slice(1, -'.html'.length);
        rows.push({ name, cold, repeat });
      } finally {
        await context.close();
      }
    }
  } finally {
    await host.close();
  }
  return rows;
}

export function formatPageWeight(rows) {
  const budgetOf = (name) => (name === 'fs-site-locator' ? BUDGET_KB['fs-site-locator'] : name.startsWith('fs-') ? BUDGET_KB.other : null);
  const verdict = (ok) => (ok ? 'OK' : 'OVER');
  const body = rows.map(({ name, cold, repeat }) => {
    const budget = budgetOf(name);
    return [
      name,
      kb(cold.codeBytes),
      budget === null ? '—' : `≤ ${budget} ${verdict(cold.codeBytes <= budget * KB)}`,
      kb(cold.apiBytes),
      String(cold.requests),
      String(cold.depth),
      kb(repeat.codeBytes),
      String(repeat.codeRequests),
      verdict(repeat.codeBytes === 0),
      kb(repeat.apiBytes),
    ];
  });
  const lines = [
    table(
      ['page', 'code KB', 'budget', 'API KB', 'requests', 'depth', 'repeat: code KB', 'code req.', '= 0', 'API KB'],
      body,
      'lrlrrrrrlr',
    ),
    '',
    'Cold: a new incognito context. Repeat: the same context opens the page again. KB on the wire (Chromium encodedDataLength, headers included; 1 KB = 1024 bytes). Requests: every network request (page, code, API). Depth: the longest chain of requests each sent after the previous one’s response had begun to arrive, the page being 1.',
  ];
  for (const { name, cold, repeat } of rows) {
    if (cold.repeated.length) lines.push(`${name}: the same API request sent more than once on the network: ${cold.repeated.join(', ')}`);
    if (cold.uncompressed.length) lines.push(`${name}: sent uncompressed: ${cold.uncompressed.join(', ')}`);
    for (const f of [...cold.failed, ...repeat.failed]) lines.push(`${name}: failed request ${f}`);
  }
  return lines.join('\n');
}

// Alone: build if needed, start the server and Chromium, measure, print.
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const only = args.find((a) => a.startsWith('--widgets='))?.slice('--widgets='.length);
  const json = args.find((a) => a.startsWith('--json='))?.slice('--json='.length);
  const widgets = only ? PAGES.filter((p) => only.split(',').includes(p.tag)) : PAGES;
  if (buildIsStale()) await buildJs();
  const server = await startBuiltServer();
  const { browser, close } = await launchBrowser();
  try {
    if (widgets.some((w) => w.tag === 'fs-booking')) await switchBookingOn(server);
    section('Page weight: what a town hall’s page downloads (cold, then a repeat visit)');
    const rows = await benchPageWeight({ browser, server: server.origin, widgets });
    console.log(formatPageWeight(rows));
    if (json) writeFileSync(json, JSON.stringify(rows, null, 2));
  } finally {
    await close();
    await server.stop();
  }
}
