// The real API server for the component tests (web-test-runner plugin): started from source on
// a fresh SQLite file with the real data for the whole run, stopped (and its file removed) at the end.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

/** Starts the real server (from source) on a fresh SQLite file for the whole run. */
export function realServer({ apiOrigin, apiPort, dataDir }) {
  let child;
  return {
    name: 'fs-real-server',
    async serverStart() {
      child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/server/src/main.ts'], {
        env: {
          ...process.env,
          PORT: String(apiPort),
          HOST: '127.0.0.1',
          FS_SQLITE_PATH: join(dataDir, 'test.db'),
          LOG_LEVEL: 'warn',
          // Every component test file books and looks appointments up from the same address
          // (127.0.0.1) on this one server: the public limits (10 bookings, 30 lookups an hour a
          // client) would refuse the files that come last. The limits have their own server tests.
          FS_BOOKINGS_PER_CLIENT_HOUR: '500',
          FS_APPOINTMENT_LOOKUPS_PER_CLIENT_HOUR: '1000',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          const res = await fetch(`${apiOrigin}/api/v1/meta`);
          if (res.ok) break;
        } catch {
          /* not up yet */
        }
        if (child.exitCode !== null) throw new Error(`The API server exited with code ${child.exitCode}`);
        if (Date.now() > deadline) throw new Error('The API server did not start within 60 s');
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async serverStop() {
      child?.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
