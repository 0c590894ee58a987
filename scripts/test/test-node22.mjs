#!/usr/bin/env node
// `npm run test:server:node22`: the server test suite again, on Node 22 LTS (Node 20 reached its
// end of life in April 2026, and some of the server's dependencies already require 22). Runs when
// FS_TEST_NODE22 is the path of a Node 22 binary; `.ci/run` downloads one from the npm registry
// and compiles better-sqlite3 for it (scripts/test/prepare-node22.mjs), so the install in
// node_modules/ stays Node 20's. Without it, says so and skips, as the PostgreSQL run does.
//
// The run is on SQLite, the default engine (the native addon is what differs between Node
// versions); FS_TEST_DATABASE_URL is not passed on.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ensureSqliteAddon } from './prepare-node22.mjs';

const node = process.env.FS_TEST_NODE22?.trim();
if (!node) {
  console.log(
    'Server tests on Node 22 skipped: set FS_TEST_NODE22=/path/to/node22/bin/node to run them ' +
      '(`export FS_TEST_NODE22="$(node scripts/test/prepare-node22.mjs)"` downloads Node 22 from the npm registry and compiles better-sqlite3 for it); .ci/run does.',
  );
  process.exit(0);
}
if (!existsSync(node)) {
  console.error(`FS_TEST_NODE22=${node}: no such file. Run \`node scripts/test/prepare-node22.mjs\`, which prints the path.`);
  process.exit(1);
}
const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
if (!/^v22\./.test(version)) {
  console.error(`FS_TEST_NODE22=${node} is Node ${version}, not Node 22.`);
  process.exit(1);
}

const addon = ensureSqliteAddon(node);
const hook = pathToFileURL(new URL('./node22-sqlite-addon.mjs', import.meta.url).pathname).href;
const files = ['packages/server/test', 'packages/opening-hours/test', 'packages/contract/test'].flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => `${dir}/${name}`),
);
const env = {
  ...process.env,
  // NODE_OPTIONS reaches the test runner's processes and the servers and CLIs the tests spawn.
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import="${hook}"`.trim(),
  FS_NODE22_SQLITE_DIR: addon,
};
delete env.FS_TEST_DATABASE_URL;
console.log(`Server tests on Node ${version} (SQLite; better-sqlite3 from ${addon}): ${files.length} files`);
const started = Date.now();
// Two test files at a time (each has its own server and database): both cores of a CI machine
// work, which took the PostgreSQL run from 290 s to 198 s on one.
const child = spawn(node, ['--conditions=source', '--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env,
});
child.on('exit', (code, signal) => {
  console.log(`Server tests on Node ${version}: ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(code ?? (signal ? 1 : 0));
});
