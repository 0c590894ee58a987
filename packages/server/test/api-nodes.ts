/**
 * Several API nodes on one database, as behind a load balancer: real server processes
 * (`packages/server/src/main.ts`) on ports of their own, sharing a fresh database of the engine
 * under test (one PostgreSQL database, or one SQLite file), and a connection of the test's own to
 * that database to look at what they wrote.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../src/db/database.js';
import { createTestDatabase, makeTempDir, removeTempDir, type TestDatabase } from './test-server.js';
import { freePort } from '../../../scripts/test/chromium.mjs';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface ApiNode {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>`. */
  url: string;
}

/** Starts one API process on the database of `databaseEnv`, with `env` added; resolves once it answers `/api/v1/meta`. */
export async function startApiNode(databaseEnv: Record<string, string>, env: Record<string, string> = {}): Promise<ApiNode> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: REPO,
    env: { ...process.env, ...databaseEnv, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 900; i++) {
    if (child.exitCode !== null) throw new Error(`node exited: ${output}`);
    try {
      if ((await fetch(`${url}/api/v1/meta`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`node did not start: ${output}`);
}

/** Resolves when the process has exited — at once if it already has (`once` would wait forever). */
export const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit').then(() => undefined);

/** Stops a node still running (SIGTERM: a clean stop) and waits for it to exit; one the test killed is only waited for. */
export async function stopApiNode(node: ApiNode | undefined): Promise<void> {
  if (!node) return;
  if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGTERM');
  await exited(node.child);
}

export interface ApiNodes {
  nodes: ApiNode[];
  /** The test's own connection to the nodes' database. */
  db: Db;
  /** Stops the nodes, closes the connection, drops the database and removes the temp directory. */
  close(): Promise<void>;
}

/**
 * Starts `count` nodes on a fresh database. `together`: all at once on the empty database (one
 * imports the list, the others wait for it: PostgreSQL's import lock); otherwise the first imports
 * before the others start (SQLite has no lock across processes for the first import).
 */
export async function startApiNodes(options: { count?: number; env?: Record<string, string>; together?: boolean } = {}): Promise<ApiNodes> {
  const { count = 2, env = {}, together = false } = options;
  const dir = makeTempDir();
  let database: TestDatabase | undefined;
  const nodes: ApiNode[] = [];
  let db: Db | undefined;
  const close = async () => {
    await Promise.all(nodes.map(stopApiNode));
    await db?.destroy();
    await database?.drop();
    removeTempDir(dir);
  };
  try {
    database = await createTestDatabase(dir);
    const start = () => startApiNode(database!.env, env);
    if (together) nodes.push(...(await Promise.all(Array.from({ length: count }, start))));
    else for (let i = 0; i < count; i++) nodes.push(await start());
    db = await openDatabase(database.options);
    return { nodes, db, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
