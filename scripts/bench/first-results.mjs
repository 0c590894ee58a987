#!/usr/bin/env node
// Time to first results of a page showing one widget, on emulated slow networks, with the
// number of sequential round trips before the widget asks the API for its data.
//
// Usage: node scripts/bench/first-results.mjs [--runs=5] [--profiles=slow4g,fast3g,none]
//          [--pages=locator,card,booking,embed] [--widgets=server|<dist dir>] [--no-gzip] [--chain] [--json=<file>]
//
// Two kinds of page, each opened cold (a new incognito context: empty HTTP cache, empty IndexedDB):
// - `locator`, `card` and `booking`: a town hall’s page, `<script type="module" src="/widgets/fs-widgets.js">`
//   and `<fs-site-locator commune="48095">` (or `<fs-site-card site-id="2983">`, or `<fs-booking site-id="2983">`,
//   Mende’s agents having switched online booking on through the API first). The page is
//   served by this script, the rest (`/widgets/`, `/api/`…) proxied to the built server, which
//   sends its precompressed widgets with their caching headers (`--widgets=server`, the default).
//   `--widgets=<dist dir>` serves `/widgets/` from that folder instead (a copy of an older build,
//   measured against the same server), gzipped on the fly (`--no-gzip`: raw bytes). Page, widgets
//   and API share one origin, as on the demo page.
// - `embed`: the built server's own `/embed/fs-site-locator?commune=48095` (pinned release path,
//   Subresource Integrity, strict CSP), exactly as an iframe loads it.
//
// Network profiles (Chromium's DevTools throttling, CDP `Network.emulateNetworkConditions`, and
// `Emulation.setCPUThrottlingRate`): `slow4g` 150 ms, 1.6 Mbit/s both ways, CPU ×4; `fast3g`
// 562.5 ms, 1.44 Mbit/s down, 675 kbit/s up, CPU ×4; `none` (loopback, no CPU slowdown).
//
// Printed per page and profile (medians over the runs):
// - `results`: ms from navigation start to the first result (locator: a `li.result`; card: the
//   site's name) in the widget's shadow root;
// - `FCP`: first contentful paint (the embed page's placeholder, or the widget itself);
// - `API sent`: when the widget's first API request left (ms from navigation start);
// - `steps`: sequential round trips up to and including that API request: the longest chain of
//   requests each sent after the previous one had finished (the page is step 1);
// - `requests` / `KB`: requests and bytes received until the first results.
// `--chain` prints one run's chain and every request's start and end.
//
// Needs the built server (`npm run build:js`); starts it on a free port with a throw-away SQLite
// file and widgets archive. A measurement, never a test: it fails only when a page does not work.
import { createServer, request as httpRequest } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from './latency.mjs';
import { ROOT, freePort, median, startBuiltServer, table } from './lib.mjs';
import { switchBookingOn } from './page-weight.mjs';

export const PROFILES = {
  slow4g: { label: 'slow 4G (150 ms, 1.6 Mbit/s, CPU ×4)', latency: 150, download: 200_000, upload: 200_000, cpu: 4 },
  fast3g: { label: 'Fast 3G (562.5 ms, 1.44/0.675 Mbit/s, CPU ×4)', latency: 562.5, download: 180_000, upload: 84_375, cpu: 4 },
  none: { label: 'no throttling (loopback)', latency: 0, download: -1, upload: -1, cpu: 1 },
};

/** Time to first results, cold, budgets in ms (the card's page has none of its own). */
export const BUDGET_MS = { locator: { slow4g: 1000, fast3g: 2500 }, embed: { slow4g: 1000, fast3g: 2500 } };

/** What each page shows, and how to tell its first results are there. */
const PAGES = {
  locator: {
    label: 'locator page (/widgets/fs-widgets.js + <fs-site-locator commune="48095">)',
    path: '/locator.html',
    tag: 'fs-site-locator',
    ready: 'li.result',
    api: '/api/v1/sites?',
  },
  card: {
    label: 'card page (/widgets/fs-widgets.js + <fs-site-card site-id="2983">)',
    path: '/card.html',
    tag: 'fs-site-card',
    ready: '[part="name"]',
    api: '/api/v1/sites/2983',
  },
  booking: {
    label: 'booking page (/widgets/fs-widgets.js + <fs-booking site-id="2983">, its agents having switched online booking on)',
    path: '/booking.html',
    tag: 'fs-booking',
    // The first step a person acts on: what the appointment is for.
    ready: 'input[name="reason"]',
    api: '/api/v1/sites/2983/booking',
  },
  embed: {
    label: 'embed page (/embed/fs-site-locator?commune=48095, from the built server)',
    path: '/embed/fs-site-locator?commune=48095',
    tag: 'fs-site-locator',
    ready: 'li.result',
    api: '/api/v1/sites?',
    server: true,
  },
};

const hostPage = (title, element) => `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <script type="module" src="/widgets/fs-widgets.js"></script>
  </head>
  <body>
    <h1>${title}</h1>
    ${element}
  </body>
</html>
`;

const HOST_PAGES = {
  '/locator.html': hostPage('Mairie de Mende — trouver une France services', '<fs-site-locator commune="48095"></fs-site-locator>'),
  '/card.html': hostPage('Mairie de Mende — votre France services', '<fs-site-card site-id="2983"></fs-site-card>'),
  '/booking.html': hostPage('Mairie de Mende — prendre rendez-vous', '<fs-booking site-id="2983"></fs-booking>'),
};

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.css': 'text/css' };

/**
 * The town hall's server: its pages, the widgets from `widgetsDir` (gzipped when `gzip`), and
 * everything else (the API, the demo page and its files) proxied to `apiOrigin`, the built server.
 * Resolves to `{ origin, close }`.
 */
export async function startHostServer({ widgetsDir, apiOrigin, gzip = true }) {
  const compressed = new Map();
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://host');
    let body;
    let type = 'text/html; charset=utf-8';
    if (HOST_PAGES[url.pathname]) body = Buffer.from(HOST_PAGES[url.pathname]);
    else if (widgetsDir && url.pathname.startsWith('/widgets/')) {
      const file = normalize(join(widgetsDir, decodeURIComponent(url.pathname.slice('/widgets/'.length))));
      if (file.startsWith(widgetsDir) && existsSync(file) && statSync(file).isFile()) {
        body = readFileSync(file);
        type = TYPES[extname(file)] ?? 'application/octet-stream';
      }
    }
    if (!body) {
      const upstream = httpRequest(
        `${apiOrigin}${req.url}`,
        { method: req.method, headers: { ...req.headers, host: new URL(apiOrigin).host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
      return;
    }
    const headers = { 'content-type': type, 'cache-control': 'no-cache' };
    if (gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const key = url.pathname;
      if (!compressed.has(key)) compressed.set(key, gzipSync(body, { level: 9 }));
      body = compressed.get(key);
      headers['content-encoding'] = 'gzip';
      headers.vary = 'accept-encoding';
    }
    res.writeHead(200, { ...headers, 'content-length': body.length }).end(body);
  });
  const port = await freePort();
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

/** Runs in the page before any of its scripts: notes when the widget shows its first results. */
function watchFirstResults(tag, selector) {
  const bench = { results: null, fcp: null };
  window.__firstResults = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') bench.fcp ??= entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  void customElements.whenDefined(tag).then(() => {
    const root = document.querySelector(tag)?.shadowRoot;
    if (!root) return;
    const check = () => {
      if (bench.results === null && root.querySelector(selector)) {
        bench.results = performance.now();
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(root, { childList: true, subtree: true });
    check();
  });
}

/**
 * The longest chain of requests, each sent after the previous one finished, that ends with
 * `last`: the sequential round trips the page made before it.
 */
function longestChain(requests, last) {
  const memo = new Map();
  const chainTo = (r) => {
    if (memo.has(r)) return memo.get(r);
    let best = [];
    for (const p of requests) if (p !== r && p.end !== null && p.end <= r.start && chainTo(p).length > best.length) best = chainTo(p);
    const chain = [...best, r];
    memo.set(r, chain);
    return chain;
  };
  return chainTo(last);
}

/** One cold load of `url` under `profile`: the page's own times and its requests, from CDP. */
export async function measureOnce(browser, url, page, profile) {
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    const cdp = await tab.createCDPSession();
    await cdp.send('Network.enable');
    if (profile.latency || profile.download > 0) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: profile.latency,
        downloadThroughput: profile.download,
        uploadThroughput: profile.upload,
      });
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    const requests = new Map();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!requests.has(e.requestId)) requests.set(e.requestId, { url: e.request.url, start: e.timestamp, end: null, bytes: 0 });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength });
    });
    const errors = [];
    tab.on('pageerror', (err) => errors.push(String(err.message ?? err)));
    await tab.evaluateOnNewDocument(watchFirstResults, page.tag, page.ready);
    await tab.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await tab
      .waitForFunction(() => window.__firstResults?.results !== null, { timeout: 60_000, polling: 100 })
      .catch(() => {
        throw new Error(`${url}: no first results within 60 s${errors.length ? ` (${errors.join('; ')})` : ''}`);
      });
    const { results, fcp } = await tab.evaluate(() => window.__firstResults);
    const navStart = await tab.evaluate(() => performance.timeOrigin);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const all = [...requests.values()].sort((a, b) => a.start - b.start);
    const t0 = all[0].start; // the document's request: navigation start, on CDP's clock
    for (const r of all) {
      r.start = (r.start - t0) * 1000;
      r.end = r.end === null ? null : (r.end - t0) * 1000;
    }
    const apiRequest = all.find((r) => r.url.includes(page.api));
    const chain = apiRequest ? longestChain(all, apiRequest) : [];
    const before = all.filter((r) => r.start <= results);
    return {
      results,
      fcp,
      apiSent: apiRequest?.start ?? NaN,
      steps: chain.length,
      requests: before.length,
      kb: before.reduce((sum, r) => sum + r.bytes, 0) / 1024,
      chain,
      all,
      navStart,
    };
  } finally {
    await context.close();
  }
}

function parseArgs(argv) {
  const value = (name, fallback) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
  return {
    runs: Number(value('runs', '5')),
    profiles: value('profiles', 'slow4g,fast3g').split(','),
    pages: value('pages', 'locator,card,booking,embed').split(','),
    // `server` (default): the built server's own /widgets/ (its precompressed files, its caching).
    widgets: value('widgets', 'server') === 'server' ? null : resolve(ROOT, value('widgets', '')),
    gzip: !argv.includes('--no-gzip'),
    chain: argv.includes('--chain'),
    json: value('json', ''),
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  for (const p of options.profiles) if (!PROFILES[p]) throw new Error(`unknown profile ${p} (${Object.keys(PROFILES)})`);
  for (const p of options.pages) if (!PAGES[p]) throw new Error(`unknown page ${p} (${Object.keys(PAGES)})`);
  const dist = options.widgets ?? join(ROOT, 'packages/embed/dist');
  if (!existsSync(join(dist, 'fs-widgets.js'))) throw new Error(`no fs-widgets.js in ${dist}: npm run build:js`);
  const archive = mkdtempSync(join(tmpdir(), 'fs-first-results-'));
  const cleanups = [() => rmSync(archive, { recursive: true, force: true })];
  try {
    const api = await startBuiltServer({ env: { FS_WIDGETS_ARCHIVE: archive } });
    cleanups.unshift(api.stop);
    if (options.pages.includes('booking')) await switchBookingOn(api);
    const host = await startHostServer({ widgetsDir: options.widgets, apiOrigin: api.origin, gzip: options.gzip });
    cleanups.unshift(host.close);
    const { browser, close } = await launchBrowser();
    cleanups.unshift(close);
    console.log(`# First results, cold loads — Chromium ${await browser.version()}, ${options.runs} runs each (medians)`);
    console.log(
      options.widgets
        ? `widgets of the host pages: ${options.widgets}${options.gzip ? ' (gzip -9 on the fly)' : ' (raw bytes)'}`
        : 'widgets of the host pages: the built server’s /widgets/ (its Brotli files, its caching)',
    );
    const rows = [];
    const report = [];
    for (const pageName of options.pages) {
      const page = PAGES[pageName];
      const url = `${page.server ? api.origin : host.origin}${page.path}`;
      await measureOnce(browser, url, page, PROFILES.none); // warms the server up, unmeasured
      for (const profileName of options.profiles) {
        const runs = [];
        for (let i = 0; i < options.runs; i++) runs.push(await measureOnce(browser, url, page, PROFILES[profileName]));
        const med = (k) => median(runs.map((r) => r[k]));
        const budget = BUDGET_MS[pageName]?.[profileName];
        rows.push([
          pageName,
          profileName,
          med('results').toFixed(0),
          budget === undefined ? '—' : `≤ ${budget} ${med('results') <= budget ? 'OK' : 'OVER'}`,
          med('fcp').toFixed(0),
          med('apiSent').toFixed(0),
          String(med('steps')),
          String(med('requests')),
          med('kb').toFixed(1),
        ]);
        report.push({
          page: pageName,
          profile: profileName,
          runs: runs.map(({ all: _all, chain, ...r }) => ({ ...r, chain: chain.map((c) => c.url) })),
        });
        if (options.chain) {
          const r = runs[Math.floor(runs.length / 2)];
          console.log(`\n${page.label}, ${PROFILES[profileName].label}: one run's requests (ms from navigation start)`);
          for (const q of r.all) {
            const inChain = r.chain.includes(q) ? `step ${r.chain.indexOf(q) + 1}` : '';
            console.log(
              `  ${q.start.toFixed(0).padStart(6)} → ${q.end === null ? '   …  ' : q.end.toFixed(0).padStart(6)}  ${inChain.padEnd(7)} ${q.url.replace(/^https?:\/\/[^/]+/, '')}`,
            );
          }
          console.log(`  first results at ${r.results.toFixed(0)} ms, FCP ${r.fcp?.toFixed(0) ?? '—'} ms`);
        }
      }
    }
    console.log('');
    for (const [name, p] of Object.entries(PAGES)) if (options.pages.includes(name)) console.log(`${name}: ${p.label}`);
    for (const [name, p] of Object.entries(PROFILES)) if (options.profiles.includes(name)) console.log(`${name}: ${p.label}`);
    console.log('');
    console.log(
      table(
        ['page', 'network', 'results ms', 'budget', 'FCP ms', 'API sent ms', 'steps to API', 'requests', 'KB received'],
        rows,
        'llrlrrrrr',
      ),
    );
    console.log(
      '\nBudgets (issue 14): first results of the locator page and its embed page, cold, ≤ 1.0 s on slow 4G and ≤ 2.5 s on Fast 3G; printed, never failing the run.',
    );
    if (options.json) writeFileSync(options.json, JSON.stringify({ options, report }, null, 2));
  } finally {
    for (const fn of cleanups) await fn();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
