#!/usr/bin/env node
// `npm run bench`: the size report with its budgets, Google's store locator measured the same
// way, the time from a chosen commune to 10 results rendered in headless Chromium against
// the real built server, and the satisfaction statistics over a year of answers for the whole
// network. A benchmark, not a test: timings are printed against their budgets
// (OK/OVER) and never fail the run; the exit code is 1 when an entry is over its size budget
// or when a part could not be measured. See docs/performance.md.
//
// Section 8 (scripts/bench/api-ratio.mjs, also `npm run bench:api`) sets each public read route
// of the built server against a bare Fastify route sending an answer of the same size: the ratio of
// their requests per second is printed against its budget (≥ 0.6×); errors, non-2xx or wrong
// answers there fail the run.
//
// Section 9 (scripts/bench/page-weight.mjs) loads each public widget alone, then all of them, on a
// town hall's page of another origin: bytes on the wire, requests, chain depth, cold and on a
// repeat visit, against the budgets (35 KB of code for the locator, 30 KB for any other, 0 again).
// Section 10 (scripts/bench/first-results.mjs) times the first results of the locator, card, booking and
// embed pages on emulated slow 4G and Fast 3G with CPU ×4 (budgets 1.0 s and 2.5 s).
// Section 11 (scripts/bench/coverage.ts) times the national coverage of the communes (budget 1 s)
// and what-ifs of one change (100 ms); section 12 (scripts/bench/observatory.mjs) the observatory's
// routes for a département, a carrier and the network with 9 M acts a year (50 ms for a département).
//
// Options: --runs=N (default 5), --no-latency, --no-satisfaction, --no-activity, --no-load, --no-scale, --no-api-ratio,
// --no-page-weight, --no-first-results, --no-coverage, --no-observatory
// (skip those parts), --build (rebuild even if up to date).
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { formatSizeTable, overBudgetMessage, sizeReport } from './size-report.mjs';
import { benchActivity } from './activity.mjs';
import { benchApiRatio } from './api-ratio.mjs';
import { benchObservatory } from './observatory.mjs';
import { compareWithGoogle } from './compare.mjs';
import { BUDGET, COMMUNES, benchLatency, formatLatency, launchBrowser } from './latency.mjs';
import { ROOT, buildIsStale, buildJs, section, startBuiltServer } from './lib.mjs';
import { benchPageWeight, formatPageWeight, switchBookingOn } from './page-weight.mjs';
import { runLoad } from './load.mjs';
import { benchScale, scaleDatabaseUrl } from './scale.mjs';
import { benchSatisfaction } from './satisfaction.mjs';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 5);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs=N takes a whole number of runs per commune, 1 or more.');
  process.exit(2);
}
const started = performance.now();
const problems = [];
const notes = [];
let sizeOver = 0;

/** Everything to stop, whatever happens (an error, Ctrl-C). */
const cleanups = new Set();
async function cleanup() {
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    await fn().catch((err) => console.error(`cleanup: ${err.message}`));
  }
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the server and Chromium…`);
    void cleanup().finally(() => process.exit(130));
  });
}
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.once(event, (err) => {
    console.error(`\n${event}:`, err);
    void cleanup().finally(() => process.exit(1));
  });
}

const cpu = cpus();
console.log(`# France services widgets — bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
console.log(
  `Node ${process.version}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
);

try {
  // 1. The size report (scripts/bench/size-report.mjs, the same as `npm run size`).
  section('1. Size report: what a page loads at first, min+gzip (budgets fail the run)');
  try {
    const { results, over } = await sizeReport();
    console.log(formatSizeTable(results));
    sizeOver = over;
    console.log(over ? `\n${overBudgetMessage(over)}` : '\nEvery entry is within its budget.');
  } catch (err) {
    problems.push(`size report: ${err.message.split('\n')[0]}`);
    console.log(`Could not measure: ${err.message.split('\n')[0]}`);
  }

  // 2. Google's extended component library, the same way.
  section("2. Google's <gmpx-store-locator>, bundled and measured the same way");
  try {
    console.log((await compareWithGoogle()).text);
  } catch (err) {
    problems.push(`comparison: ${err.message.split('\n')[0]}`);
    console.log(`Could not measure: ${err.message.split('\n')[0]}`);
  }

  // 3. From a chosen commune to 10 results, in Chromium, against the built server.
  section('3. From a chosen commune to 10 results rendered (headless Chromium, local built server)');
  if (args.includes('--no-latency')) {
    console.log('Skipped (--no-latency).');
  } else {
    try {
      if (args.includes('--build') || buildIsStale()) {
        console.log('Building (npm run build:js)…');
        const t0 = performance.now();
        await buildJs();
        console.log(`Built in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
      }
      const server = await startBuiltServer();
      cleanups.add(server.stop);
      console.log(`Server: node packages/server/dist/main.js on ${server.origin} (new SQLite file, real data).`);
      console.log(
        `Page: <fs-site-locator limit="10" no-url-state> with /widgets/fs-widgets.js; ${runs} runs per commune, after one unmeasured round.`,
      );
      const chromium = await launchBrowser();
      cleanups.add(chromium.close);
      const result = await benchLatency({
        browser: chromium.browser,
        origin: server.origin,
        api: server.api,
        runs,
        log: (m) => console.log(m),
      });
      await cleanup();
      console.log(`Chromium: ${result.chromium}\n`);
      console.log(formatLatency(result).text);
      for (const note of result.notes) console.log(`\nNote: ${note}`);
      notes.push(...result.notes);
      if (result.unexpected.length) console.log(`\nNote: the locator also asked ${result.unexpected.join(', ')}`);
      console.log(
        [
          '',
          'ms from the Enter key on the chosen commune (keydown, in the page) to the 10 expected li.result',
          "in the locator's shadow root (MutationObserver, in the page). cold: new incognito context (empty",
          'HTTP cache and IndexedDB); warm: same page, the same commune chosen again after another one.',
          `p90 is nearest-rank (with ${runs} runs, the slowest). API: Node fetch of the same URL to the`,
          `full body, 20 times, e.g. ${result.urls[COMMUNES[0].insee]}.`,
          `Budgets (medians, this 2-core machine): cold < ${BUDGET.cold} ms, warm < ${BUDGET.warm} ms; printed, never failing the run.`,
        ].join('\n'),
      );
    } catch (err) {
      problems.push(`latency: ${err.message.split('\n')[0]}`);
      console.log(`Could not measure: ${err.message}`);
    }
  }

  // 4. A year of answers for the network, through the server's own insert+aggregate code.
  section('4. Satisfaction statistics at national scale (1,000,000 answers, 2,800 sites, 365 days)');
  if (args.includes('--no-satisfaction')) {
    console.log('Skipped (--no-satisfaction).');
  } else {
    try {
      const result = await benchSatisfaction({ log: (m) => console.log(m) });
      console.log(`\n${result.text}`);
    } catch (err) {
      problems.push(`satisfaction statistics: ${err.message.split('\n')[0]}`);
      console.log(`Could not measure: ${err.message}`);
    }
  }

  // 5. A year of acts for the network (bulk-loaded, roll-ups rebuilt), then the statistics and single writes.
  section('5. Activity statistics with 9,000,000 acts of 2023 (the 2,845 real sites): network year and one site');
  if (args.includes('--no-activity')) {
    console.log('Skipped (--no-activity).');
  } else {
    try {
      const result = await benchActivity({ log: (m) => console.log(m) });
      console.log(`\n${result.text}`);
    } catch (err) {
      problems.push(`activity statistics: ${err.message.split('\n')[0]}`);
      console.log(`Could not measure: ${err.message}`);
    }
  }

  // 6. Load on loopback (scripts/bench/load.mjs, the same as `npm run load`): errors fail the run.
  section('6. Load: public reads and kiosk answers through autocannon, one node, SQLite');
  if (args.includes('--no-load')) {
    console.log('Skipped (--no-load).');
  } else {
    try {
      const server = await startBuiltServer();
      cleanups.add(server.stop);
      const results = await runLoad([server.origin]);
      await server.stop();
      cleanups.delete(server.stop);
      for (const r of results)
        if (r.errors || r.non2xx) problems.push(`load: ${r.errors} errors and ${r.non2xx} non-2xx answers in ${r.name}`);
    } catch (err) {
      problems.push(`load: ${err.message.split('\n')[0]}`);
      console.log(`Could not measure: ${err.message}`);
    }
  }

  // 7. Scale out (scripts/bench/scale.mjs): 1 node SQLite, 1 node PostgreSQL, 2 nodes PostgreSQL.
  section('7. Scale out: one node vs two on PostgreSQL, and SQLite, same load');
  if (args.includes('--no-scale')) {
    console.log('Skipped (--no-scale).');
  } else if (!scaleDatabaseUrl()) {
    console.log('Skipped: no PostgreSQL (set FS_BENCH_DATABASE_URL or FS_TEST_DATABASE_URL to a role allowed to create databases).');
  } else {
    try {
      const rows = await benchScale(scaleDatabaseUrl());
      for (const r of rows) if (r[4] > 0) problems.push(`scale: ${r[4]} errors in ${r[0]}, ${r[1]}`);
    } catch (err) {
      problems.push(`scale: ${err.message.split('\n')[0]}`);
      console.log(`Could not measure: ${err.message}`);
    }
  }

  // 8. Each public read route against a bare Fastify route of the same size (scripts/bench/api-ratio.mjs).
  section('8. API routes against a bare Fastify route of the same size (autocannon, varied requests)');
  if (args.includes('--no-api-ratio')) {
    console.log('Skipped (--no-api-ratio).');
  } else {
    try {
      if (buildIsStale()) {
        console.log('Building (npm run build:js)…');
        await buildJs();
      }
      const result = await benchApiRatio({ cleanups, log: (m) => console.log(m) });
      console.log(`\n${result.text}`);
      problems.push(...result.problems.map((p) => `API ratio: ${p}`));
    } catch (err) {
      problems.push(`API ratio: ${err.message.split('\n')[0]}`);
      console.log(`Could not measure: ${err.message}`);
    }
  }

  // 9. What a town hall's page downloads (scripts/bench/page-weight.mjs).
  section('9. Page weight: bytes on the wire, requests and chain depth of each public widget (cold, then a repeat visit)');
  if (args.includes('--no-page-weight')) {
    console.log('Skipped (--no-page-weight).');
  } else {
    try {
      if (buildIsStale()) await buildJs();
      const server = await startBuiltServer();
      cleanups.add(server.stop);
      const chromium = await launchBrowser();
      cleanups.add(chromium.close);
      await switchBookingOn(server);
      const rows = await benchPageWeight({ browser: chromium.browser, server: server.origin });
      await cleanup();
      console.log(formatPageWeight(rows));
    } catch (err) {
      problems.push(`page weight: ${err.message.split('\n')[0]}`);
      console.log(`Could not measure: ${err.message}`);
    }
  }

  // 10. Time to first results on slow networks (scripts/bench/first-results.mjs, its own process).
  section('10. First results on emulated slow 4G and Fast 3G with CPU ×4 (locator, card, booking and embed pages, cold)');
  if (args.includes('--no-first-results')) {
    console.log('Skipped (--no-first-results).');
  } else {
    try {
      if (buildIsStale()) await buildJs();
      const code = await new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [`${ROOT}scripts/bench/first-results.mjs`, `--runs=${runs}`], {
          cwd: ROOT,
          stdio: 'inherit',
        });
        cleanups.add(async () => child.kill('SIGTERM'));
        child.on('error', reject);
        child.on('exit', resolve);
      });
      if (code !== 0) problems.push(`first results: scripts/bench/first-results.mjs exited with ${code}`);
    } catch (err) {
      problems.push(`first results: ${err.message.split('\n')[0]}`);
      console.log(`Could not measure: ${err.message}`);
    }
  }
  // 11. Coverage of the communes (scripts/bench/coverage.ts, its own process, from the sources).
  section('11. Coverage: the national computation (35,000 communes) and what-ifs, in process');
  if (args.includes('--no-coverage')) {
    console.log('Skipped (--no-coverage).');
  } else {
    try {
      const code = await new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', `${ROOT}scripts/bench/coverage.ts`], {
          cwd: ROOT,
          stdio: 'inherit',
        });
        cleanups.add(async () => child.kill('SIGTERM'));
        child.on('error', reject);
        child.on('exit', resolve);
      });
      if (code !== 0) problems.push(`coverage: scripts/bench/coverage.ts exited with ${code}`);
    } catch (err) {
      problems.push(`coverage: ${err.message.split('\n')[0]}`);
      console.log(`Could not measure: ${err.message}`);
    }
  }
  // 12. The observatory's routes for a département, a carrier and the network, 9 M acts a year.
  section('12. Network observatory with 9,000,000 acts of 2023: a département, a carrier, the network');
  if (args.includes('--no-observatory')) {
    console.log('Skipped (--no-observatory).');
  } else {
    try {
      const result = await benchObservatory({ log: (m) => console.log(m) });
      console.log(`\n${result.text}`);
    } catch (err) {
      problems.push(`observatory: ${err.message.split('\n')[0]}`);
      console.log(`Could not measure: ${err.message}`);
    }
  }
} finally {
  await cleanup();
}

section('Summary');
console.log(`Run time ${((performance.now() - started) / 1000).toFixed(0)} s.`);
if (sizeOver) console.log(`FAIL: ${overBudgetMessage(sizeOver)}`);
for (const p of problems) console.log(`FAIL: could not measure ${p}`);
for (const n of notes) console.log(`NOTE: ${n}`);
if (!sizeOver && !problems.length) console.log('Sizes within budget; timings are reported above (they never fail the run).');
process.exitCode = sizeOver || problems.length ? 1 : 0;
