/**
 * Shared helpers of the server tests: a real server on a real SQLite file (listening on an
 * ephemeral port of 127.0.0.1), temp directories, the data files, and a haversine distance to
 * check the nearest-site answers independently of the server's k-d tree.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { PROBLEM_MEDIA_TYPE, type Problem } from '@fs-widgets/contract';
import { readConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** The real ANCT list (2,845 sites, comma-separated, multi-line comments). */
export const SITES_FILE = join(REPO, 'packages/server/data/liste-fs-20240801.csv');
/** The real La Poste base of postcodes (semicolon-separated). */
export const POSTCODES_FILE = join(REPO, 'packages/server/data/laposte_hexasmal-2022-02.csv');
/** 46 real rows of the ANCT list, same header (fixtures/fs-fixture-sample.selection.txt says why). */
export const FIXTURE_FILE = join(REPO, 'fixtures/fs-fixture-sample.csv');

export const SITES_IN_LIST = 2845;
/** The stops of the Charente bus (Cartographie nationale des lieux d'inclusion numérique). */
export const STOPS_FILE = join(REPO, 'packages/server/data/bus-france-services-charente-lmn-20231003.json');
export const SITES_IN_FIXTURE = 46;

export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fs-widgets-test-'));
}

export function removeTempDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/**
 * `FS_TEST_DATABASE_URL` (`postgres://user:password@host/db`, a role allowed to create
 * databases): the server tests run against PostgreSQL, each test server on a database of its
 * own, created for it and dropped after. Unset: SQLite files in temp directories.
 */
export const TEST_DATABASE_URL = process.env.FS_TEST_DATABASE_URL?.trim() || null;
export const TEST_ENGINE: 'postgres' | 'sqlite' = TEST_DATABASE_URL ? 'postgres' : 'sqlite';

let databases = 0;

export interface TestDatabase {
  /** The environment that points the server (or the CLI) at it: `DATABASE_URL` or `FS_SQLITE_PATH`. */
  env: Record<string, string>;
  /** What `openDatabase` takes. */
  options: { sqlitePath?: string; databaseUrl?: string };
  /** Drops the PostgreSQL database (the SQLite file goes with its temp directory). */
  drop(): Promise<void>;
}

/** A new, empty database of the engine under test. */
export async function createTestDatabase(dir: string): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) {
    const sqlitePath = join(dir, `fs-widgets-${++databases}.db`);
    return { env: { FS_SQLITE_PATH: sqlitePath }, options: { sqlitePath }, drop: async () => undefined };
  }
  const name = `fsw_test_${process.pid}_${++databases}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    env: { DATABASE_URL: databaseUrl },
    options: { databaseUrl },
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL! });
      await client.connect();
      try {
        // `force` ends the test's own leftover sessions; an autovacuum worker busy on the
        // database after a big import belongs to the superuser and cannot be ended: wait for it.
        for (let attempt = 1; ; attempt++) {
          try {
            await client.query(`drop database if exists ${name} with (force)`);
            break;
          } catch (error) {
            if (attempt >= 20) throw error;
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      } finally {
        await client.end();
      }
    },
  };
}

export interface TestServer extends RunningServer {
  /** Temp directory holding the SQLite file; removed by `close()`. */
  dir: string;
  /** The environment pointing at its database (`FS_SQLITE_PATH` or `DATABASE_URL`), for the CLI. */
  databaseEnv: Record<string, string>;
  /** `fetch` of a path of the server (`/api/v1/...`). */
  get(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * Starts the real server (API only, silent) on a fresh SQLite file: it imports the real data
 * first. `env` adds environment variables (e.g. `FS_OSRM_URL`).
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = makeTempDir();
  let database: TestDatabase | undefined;
  try {
    database = await createTestDatabase(dir);
    // The appointments' timer is off unless a test starts it (FS_APPOINTMENT_JOBS_SECONDS).
    const config = readConfig({ PORT: '0', LOG_LEVEL: 'silent', FS_APPOINTMENT_JOBS_SECONDS: '0', ...database.env, ...env });
    assert.equal(config.host, '127.0.0.1');
    const server = await startServer(config, { serveStatic: false, logger: false });
    const db = database;
    return {
      ...server,
      dir,
      databaseEnv: db.env,
      get: (path, init) => fetch(`${server.url}${path}`, init),
      async close() {
        try {
          await server.close();
          await db.drop();
        } finally {
          removeTempDir(dir);
        }
      },
    };
  } catch (err) {
    await database?.drop().catch(() => undefined);
    removeTempDir(dir);
    throw err;
  }
}

/** A 200 JSON answer's body. */
export async function json<T = any>(res: Response): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, 200, `expected 200, got ${res.status}: ${text}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  return JSON.parse(text) as T;
}

/**
 * Checks an error answer is RFC 9457 problem+json with this status and, when given, that its
 * first invalid parameter is `param`. Returns the problem.
 */
export async function expectProblem(res: Response, status: number, param?: string): Promise<Problem> {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${text}`);
  assert.match(res.headers.get('content-type') ?? '', new RegExp(`^${PROBLEM_MEDIA_TYPE.replace('+', '\\+')}`));
  const problem = JSON.parse(text) as Problem;
  assert.equal(problem.status, status);
  assert.equal(typeof problem.type, 'string');
  assert.ok(problem.type.length > 0);
  assert.equal(typeof problem.title, 'string');
  assert.ok(problem.title.length > 0);
  if (param !== undefined) {
    assert.ok(problem.invalid_params && problem.invalid_params.length > 0, `no invalid_params in ${text}`);
    assert.equal(problem.invalid_params[0]!.name, param, text);
    assert.ok(problem.invalid_params[0]!.reason.length > 0);
  }
  return problem;
}

/** Great-circle distance in km on a sphere of radius 6371 km. */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the server's command line, as an operator would, against the test server's database. */
export async function cli(databaseEnv: Record<string, string>, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli.ts', ...args],
      { cwd: REPO, env: { ...process.env, ...databaseEnv } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
