// Scale out: the same load (scripts/bench/load.mjs) on one node with SQLite, one node with
// PostgreSQL, and two nodes sharing that PostgreSQL — read and write throughput in one run.
// Needs a PostgreSQL role allowed to create databases: FS_BENCH_DATABASE_URL, else
// FS_TEST_DATABASE_URL (e.g. postgres://fsw:fsw@127.0.0.1:5432/fsw, set up by .ci/run).
//
// Usage: npm run bench:scale [-- --duration=8 --connections=32]   (also section 7 of `npm run bench`)
import pg from 'pg';
import { runLoad } from './load.mjs';
import { buildIsStale, buildJs, section, startBuiltServer, table } from './lib.mjs';

export const scaleDatabaseUrl = () => process.env.FS_BENCH_DATABASE_URL?.trim() || process.env.FS_TEST_DATABASE_URL?.trim() || null;

async function withDatabase(adminUrl, work) {
  const name = `fsw_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    for (let attempt = 1; attempt <= 20; attempt++) {
      try {
        await client.query(`drop database if exists ${name} with (force)`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    await client.end();
  }
}

/** Runs the three set-ups; returns the rows of the comparison. */
export async function benchScale(adminUrl, options = {}) {
  const summary = [];
  const keep = (setup, results) => {
    for (const r of results) summary.push([setup, r.name, Math.round(r.rps), r.p99.toFixed(0), r.errors + r.non2xx]);
  };
  const sqlite = await startBuiltServer();
  try {
    console.log('\nOne node, SQLite:');
    keep('1 node, SQLite', await runLoad([sqlite.origin], options));
  } finally {
    await sqlite.stop();
  }
  await withDatabase(adminUrl, async (databaseUrl) => {
    const first = await startBuiltServer({ env: { DATABASE_URL: databaseUrl } });
    let second;
    try {
      console.log('\nOne node, PostgreSQL:');
      keep('1 node, PostgreSQL', await runLoad([first.origin], options));
      second = await startBuiltServer({ env: { DATABASE_URL: databaseUrl } });
      console.log('\nTwo nodes, one PostgreSQL (each node gets the same connections as the single node):');
      keep('2 nodes, PostgreSQL', await runLoad([first.origin, second.origin], options));
    } finally {
      await second?.stop();
      await first.stop();
    }
  });
  console.log(`\n${table(['set-up', 'workload', 'req/s', 'p99 ms', 'errors'], summary, 'llrrr')}`);
  return summary;
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const url = scaleDatabaseUrl();
  if (!url) {
    console.log('Set FS_BENCH_DATABASE_URL (or FS_TEST_DATABASE_URL) to a PostgreSQL role allowed to create databases.');
    process.exit(2);
  }
  if (buildIsStale()) await buildJs();
  section('Scale out: one node vs two, SQLite and PostgreSQL');
  const rows = await benchScale(url, { duration: arg('duration', 8), connections: arg('connections', 32) });
  process.exitCode = rows.some((r) => r[4] > 0) ? 1 : 0;
}
