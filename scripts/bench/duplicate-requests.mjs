#!/usr/bin/env node
// The API requests a page of several widgets makes, counted by URL: identical GETs are a waste
// (the widgets share one request while it is in flight, packages/core/src/api/api-client.ts).
//
// Usage: node scripts/bench/duplicate-requests.mjs [--page=/] [--widgets=<dist dir>] [--runs=3]
//
// Opens `--page` (default `/`, the demo page, packages/server/public/index.html: a locator, a
// dozen cards and kit widgets, four of them on site 2983) cold in Chromium, through the same
// server as scripts/bench/first-results.mjs: the widgets from `--widgets` (default
// `packages/embed/dist`, so an older build can be compared), everything else from the built
// server. Waits until the network has been quiet for 2 s, then prints each API URL asked more
// than once, and how many times `/api/v1/sites/2983` was asked. Exits 1 when a GET was repeated.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHostServer } from './first-results.mjs';
import { launchBrowser } from './latency.mjs';
import { ROOT, startBuiltServer } from './lib.mjs';

const args = process.argv.slice(2);
const value = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const pagePath = value('page', '/');
const widgetsDir = resolve(ROOT, value('widgets', 'packages/embed/dist'));
const runs = Number(value('runs', '3'));

/** One cold visit: every request the page made, by method and URL, until 2 s without any. */
async function visit(browser, url) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
    await page.goto(url, { waitUntil: 'networkidle0', timeout: 60_000 });
    await page.waitForNetworkIdle({ idleTime: 2000, timeout: 60_000 });
    return requests;
  } finally {
    await context.close();
  }
}

const archive = mkdtempSync(join(tmpdir(), 'fs-duplicates-'));
const cleanups = [() => rmSync(archive, { recursive: true, force: true })];
let repeated = 0;
try {
  const api = await startBuiltServer({ env: { FS_WIDGETS_ARCHIVE: archive } });
  cleanups.unshift(api.stop);
  const host = await startHostServer({ widgetsDir, apiOrigin: api.origin });
  cleanups.unshift(host.close);
  const { browser, close } = await launchBrowser();
  cleanups.unshift(close);
  console.log(`# API requests of ${pagePath}, cold, widgets from ${widgetsDir}`);
  for (let run = 1; run <= runs; run++) {
    const requests = await visit(browser, host.origin + pagePath);
    const counts = new Map();
    for (const r of requests.filter((r) => r.includes('/api/'))) counts.set(r, (counts.get(r) ?? 0) + 1);
    const twice = [...counts].filter(([r, n]) => n > 1 && r.startsWith('GET '));
    repeated = Math.max(repeated, twice.length);
    const site = counts.get(`GET ${host.origin}/api/v1/sites/2983`) ?? 0;
    console.log(
      `run ${run}: ${requests.length} requests, ${[...counts.values()].reduce((a, b) => a + b, 0)} to the API (${counts.size} distinct); /api/v1/sites/2983 × ${site}`,
    );
    for (const [r, n] of twice) console.log(`  × ${n}  ${r.replace(host.origin, '')}`);
  }
} finally {
  for (const fn of cleanups) await fn();
}
if (repeated) process.exitCode = 1;
