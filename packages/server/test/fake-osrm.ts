/**
 * A fake OSRM routing engine for the tests: a real HTTP server on 127.0.0.1 answering the
 * `table` service like OSRM does, with a road 1.4 times the great-circle distance driven at
 * 60 km/h, or failing in the way a test asks for.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { haversineKm } from './test-server.js';

export type FakeOsrmBehaviour =
  | { kind: 'answer' }
  /** The destination at this index (0 = first after the origin) has no route. */
  | { kind: 'null-cell'; destination: number }
  | { kind: 'status'; status: number }
  /** Accepts the request and never answers. */
  | { kind: 'hang' };

export const FAKE_DETOUR = 1.4;

export interface FakeOsrm {
  /** Base URL, to use as `FS_OSRM_URL`. */
  url: string;
  behaviour: FakeOsrmBehaviour;
  /** Path and query of every request received. */
  requests: string[];
  /** Road km and whole minutes (access time included) the server's answer should give from `origin` to `destination`. */
  expected(origin: { lat: number; lon: number }, destination: { lat: number; lon: number }): { road_km: number; minutes: number };
  close(): Promise<void>;
}

const roadKm = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => haversineKm(a, b) * FAKE_DETOUR;

export async function startFakeOsrm(behaviour: FakeOsrmBehaviour = { kind: 'answer' }): Promise<FakeOsrm> {
  const requests: string[] = [];
  const fake = { behaviour } as FakeOsrm;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '');
    const current = fake.behaviour;
    if (current.kind === 'hang') return;
    if (current.kind === 'status') {
      res.writeHead(current.status, { 'content-type': 'application/json' }).end('{"code":"Error","message":"boom"}');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = /\/table\/v1\/driving\/([^/]+)$/.exec(url.pathname);
    if (!match || url.searchParams.get('sources') !== '0') {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"InvalidUrl","message":"bad request"}');
      return;
    }
    const points = match[1]!.split(';').map((pair) => {
      const [lon, lat] = pair.split(',').map(Number);
      return { lat: lat!, lon: lon! };
    });
    const km = points.map((p) => roadKm(points[0]!, p));
    const durations: Array<number | null> = km.map((k) => k * 60); // 60 km/h: one minute per km
    const distances: Array<number | null> = km.map((k) => k * 1000);
    if (current.kind === 'null-cell') {
      durations[current.destination + 1] = null;
      distances[current.destination + 1] = null;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ code: 'Ok', durations: [durations], distances: [distances], sources: [], destinations: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    requests,
    expected(origin: { lat: number; lon: number }, destination: { lat: number; lon: number }) {
      const k = roadKm(origin, destination);
      return { road_km: Math.round(k * 10) / 10, minutes: Math.ceil(Math.round((k + 3) * 1e6) / 1e6) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
