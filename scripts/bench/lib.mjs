// Helpers of the benchmark (scripts/bench/run.mjs): statistics, text tables, the build check,
// and the built server started on a free port with a throw-away SQLite file.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The colour codes of a terminal's output (ESC [ … m), removed from an error message.
// eslint-disable-next-line no-control-regex
const ANSI_COLOUR = /\x1b\[[0-9;]*m/g;
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A small seeded generator (mulberry32): the same seed draws the same data and requests. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nearest-rank percentile (with 5 values, p90 is the slowest of the five). */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** A plain text table; `align` is a string of `l`/`r` per column. */
export function table(header, rows, align = 'l' + 'r'.repeat(header.length - 1)) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) =>
    r
      .map((c, i) => (align[i] === 'l' ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function section(title) {
  console.log(`\n## ${title}\n`);
}

import { freePort } from '../test/chromium.mjs';

export { freePort };

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** What the latency bench runs: the one-script embed bundle and the built server. */
const BUILT = ['packages/embed/dist/fs-widgets.js', 'packages/server/dist/main.js'];

/** True when a built file is missing or older than a source it is built from. */
export function buildIsStale() {
  const built = BUILT.map((p) => join(ROOT, p));
  if (!built.every((p) => existsSync(p))) return true;
  const oldestOutput = Math.min(...built.map((p) => statSync(p).mtimeMs));
  const packages = readdirSync(join(ROOT, 'packages'));
  const newestSource = Math.max(
    newestMtime(join(ROOT, 'rollup.config.mjs')),
    ...packages.map((p) => newestMtime(join(ROOT, 'packages', p, 'src'))),
    ...packages.map((p) => newestMtime(join(ROOT, 'packages', p, 'package.json'))),
  );
  return newestSource > oldestOutput;
}

/** `npm run build:js`; rejects with rollup's message when the build fails. */
export function buildJs() {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'build:js'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `npm run build:js failed (exit ${code}):\n${output.replace(ANSI_COLOUR, '').trim().split('\n').slice(0, 6).join('\n')}`,
          ),
        );
    });
  });
}

/**
 * Starts `node packages/server/dist/main.js` on a free port (`env` adds variables: `DATABASE_URL`
 * for PostgreSQL) with a new SQLite file in a
 * temporary folder (the server loads the real data into it: about 2 s). Resolves once
 * `/api/v1/meta` answers. `stop()` ends the server and removes the folder; it is safe to call
 * more than once, and after a failed start.
 */
export async function startBuiltServer({ timeoutMs = 60_000, env = {} } = {}) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'fs-bench-'));
  let stderr = '';
  const child = spawn(process.execPath, [join(ROOT, 'packages/server/dist/main.js')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FS_SQLITE_PATH: join(dataDir, 'bench.db'), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Should this process end without stopping the server (an uncaught error): no orphan, no temp file.
  const onExit = () => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the built server exited with code ${child.exitCode}:\n${stderr.trim()}`);
      try {
        const res = await fetch(`${origin}/api/v1/meta`);
        if (res.ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`the built server did not answer /api/v1/meta within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  // The SQLite file, for a set-up that needs the server's own data (an agent's token, as `token create` makes it).
  const sqlitePath = env.DATABASE_URL ? undefined : join(dataDir, 'bench.db');
  return { origin, api: `${origin}/api/v1`, pid: child.pid, sqlitePath, stop };
}
