import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase } from '../src/db/database.js';
import { makeTempDir, removeTempDir, TEST_ENGINE } from './test-server.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/*
 * Two processes write to one SQLite file at once, each reading before it writes in the same
 * transaction (the command line's `token create` while the server, or another command, writes).
 * Both must succeed, one after the other: a transaction takes the write lock when it begins and
 * the other waits (busy_timeout). A deferred BEGIN failed here with SQLITE_BUSY (CI, 2026-12-07).
 */
test('two processes reading then writing the same SQLite file both succeed', { skip: TEST_ENGINE !== 'sqlite' }, async () => {
  const dir = makeTempDir();
  try {
    const path = join(dir, 'shared.sqlite');
    const db = await openDatabase({ sqlitePath: path });
    await db.destroy();
    const run = (key: string) =>
      promisify(execFile)(
        process.execPath,
        ['--conditions=source', '--import', 'tsx', 'packages/server/test/fixtures/read-then-write.ts', path, key, '400'],
        { cwd: REPO },
      );
    await Promise.all([run('writer-a'), run('writer-b')]);
    const check = await openDatabase({ sqlitePath: path });
    const keys = (await check.selectFrom('meta').select('key').where('key', 'like', 'writer-%').orderBy('key').execute()).map((r) => r.key);
    await check.destroy();
    assert.deepEqual(keys, ['writer-a', 'writer-b']);
  } finally {
    removeTempDir(dir);
  }
});
