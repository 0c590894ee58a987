/**
 * Shared helpers of the server tests: a real server on a real SQLite file (listening on an
 * ephemeral port of 127.0.0.1), temp directories, the data files, and a haversine distance to
 * check the nearest-site answers independently of the server's k-d tree.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

export interface TestServer extends RunningServer {
  /** Temp directory holding the SQLite file; removed by `close()`. */
  dir: string;
  /** `fetch` of a path of the server (`/api/v1/...`). */
  get(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * Starts the real server (API only, silent) on a fresh SQLite file: it imports the real data
 * first. `env` adds environment variables (e.g. `FS_OSRM_URL`).
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = makeTempDir();
  try {
    const config = readConfig({ PORT: '0', FS_SQLITE_PATH: join(dir, 'fs-widgets.db'), LOG_LEVEL: 'silent', ...env });
    assert.equal(config.host, '127.0.0.1');
    const server = await startServer(config, { serveStatic: false, logger: false });
    return {
      ...server,
      dir,
      get: (path, init) => fetch(`${server.url}${path}`, init),
      async close() {
        try {
          await server.close();
        } finally {
          removeTempDir(dir);
        }
      },
    };
  } catch (err) {
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
