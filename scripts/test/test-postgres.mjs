#!/usr/bin/env node
// `npm run test:server:pg`: the server test suite again, on PostgreSQL. Each test server gets a
// database of its own, created and dropped on the server of FS_TEST_DATABASE_URL (a role allowed
// to create databases, e.g. postgres://fsw:fsw@127.0.0.1:5432/fsw; `.ci/run` sets one up). Without
// it, says so and skips: the SQLite run (`npm run test:server`) is the default.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';

const url = process.env.FS_TEST_DATABASE_URL?.trim();
if (!url) {
  console.log(
    'Server tests on PostgreSQL skipped: set FS_TEST_DATABASE_URL=postgres://user:password@host:5432/db (a role allowed to create databases) to run them; .ci/run does.',
  );
  process.exit(0);
}
const files = readdirSync('packages/server/test')
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => `packages/server/test/${name}`);
console.log(`Server tests on PostgreSQL (${new URL(url).host}): ${files.length} files`);
// Two test files at a time (each has its own server and database): both cores of a CI machine
// work, which took the PostgreSQL run from 290 s to 198 s on one.
const child = spawn(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  {
    stdio: 'inherit',
  },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
