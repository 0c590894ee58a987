// Load test on loopback with autocannon: the public read routes and satisfaction writes,
// requests per second, latency p50/p99, errors. Zero errors and zero non-2xx answers are
// required at the documented capacity (docs/reliability.md): the run exits 1 otherwise.
//
// Usage: npm run load [-- --duration=8 --connections=32]
// (also the "load" section of `npm run bench`; `runLoad(origins)` takes several API nodes).
import autocannon from 'autocannon';
import { buildIsStale, buildJs, section, startBuiltServer, table } from './lib.mjs';

/** Sites of the list, for writes spread over sites as real kiosks are (the limit is per site). */
async function siteIds(origin) {
  const res = await fetch(`${origin}/api/v1/exports/data-inclusion/structures?size=5000`);
  const page = await res.json();
  return page.items.map((item) => item.id.split('--')[1]);
}

/** The workloads: what embedding pages and counter kiosks send. */
export function workloads(sites) {
  let n = 0;
  const answer = () => {
    const i = n++;
    return JSON.stringify({
      key: `load-${process.pid}-${Date.now().toString(36)}-${i.toString(36)}`,
      site_id: sites[i % sites.length],
      rating: ['very-satisfied', 'satisfied', 'dissatisfied', 'very-dissatisfied'][i % 4],
      resolved: ['yes', 'partly', 'no'][i % 3],
      channel: 'kiosk',
      answered_at: new Date(Date.now() - 1000).toISOString(),
    });
  };
  return [
    {
      name: 'GET /sites?near (10 nearest, travel times)',
      requests: [
        { method: 'GET', path: '/api/v1/sites?near=44.5180,3.5000&limit=10' },
        { method: 'GET', path: '/api/v1/sites?near=48.8414,2.3003&limit=10' },
        { method: 'GET', path: '/api/v1/sites?commune=2A004&limit=10' },
        { method: 'GET', path: '/api/v1/sites?near=-20.8823,55.4504&limit=10&open_now=true' },
      ],
    },
    {
      name: 'GET /communes?q (combobox)',
      requests: [
        { method: 'GET', path: '/api/v1/communes?q=mend' },
        { method: 'GET', path: '/api/v1/communes?q=st%20den' },
      ],
    },
    {
      name: 'GET /sites/{id} (site card)',
      requests: [
        { method: 'GET', path: '/api/v1/sites/2983' },
        { method: 'GET', path: '/api/v1/sites/2023' },
      ],
    },
    { name: 'GET /directory (catalogue, ~100 KB)', requests: [{ method: 'GET', path: '/api/v1/directory' }] },
    {
      name: 'POST /feedback (kiosk answers)',
      requests: [
        {
          method: 'POST',
          path: '/api/v1/feedback',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: answer() }),
        },
      ],
    },
  ];
}

function run(origin, workload, { duration, connections }) {
  return new Promise((resolve, reject) => {
    autocannon({ url: origin, connections, duration, requests: workload.requests }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/**
 * Runs every workload against the nodes at once (each node gets its own autocannon with the
 * same connections), and sums: requests/s, latency p50/p99 (the worst node's), errors and
 * non-2xx answers.
 */
export async function runLoad(origins, { duration = 8, connections = 32, label = '' } = {}) {
  const sites = await siteIds(origins[0]);
  const rows = [];
  const results = [];
  for (const workload of workloads(sites)) {
    const perNode = await Promise.all(origins.map((origin) => run(origin, workload, { duration, connections })));
    const sum = (f) => perNode.reduce((total, r) => total + f(r), 0);
    const result = {
      name: workload.name,
      rps: sum((r) => r.requests.average),
      p50: Math.max(...perNode.map((r) => r.latency.p50)),
      p99: Math.max(...perNode.map((r) => r.latency.p99)),
      requests: sum((r) => r.requests.total),
      errors: sum((r) => r.errors + r.timeouts),
      non2xx: sum((r) => r.non2xx),
    };
    results.push(result);
    rows.push([
      `${label}${workload.name}`,
      Math.round(result.rps),
      result.p50.toFixed(0),
      result.p99.toFixed(0),
      result.requests,
      result.errors,
      result.non2xx,
      result.errors === 0 && result.non2xx === 0 ? 'ok' : 'ERRORS',
    ]);
  }
  console.log(table(['workload', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors', 'non-2xx', ''], rows, 'lrrrrrrl'));
  return results;
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const options = { duration: arg('duration', 8), connections: arg('connections', 32) };
  if (buildIsStale()) await buildJs();
  const server = await startBuiltServer();
  try {
    section(`Load: one node, SQLite, ${options.connections} connections, ${options.duration} s per workload`);
    const results = await runLoad([server.origin], options);
    const failing = results.filter((r) => r.errors || r.non2xx);
    if (failing.length) {
      console.log(`FAIL: errors under load in ${failing.map((r) => r.name).join(', ')}`);
      process.exitCode = 1;
    } else {
      console.log('No error and no non-2xx answer at this load.');
    }
  } finally {
    await server.stop();
  }
}
