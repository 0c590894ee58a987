/**
 * The commune search's own time, in process (no HTTP): the in-memory index answering the
 * queries a person types, typos and département included, 2,000 times each after a warm-up.
 *
 *   node --conditions=source --import tsx scripts/bench/commune-search.ts
 *
 * The real data imported into an in-memory SQLite database with the server's own code (~15 s).
 * A micro-benchmark: run it on a quiet machine; the HTTP figures are in `npm run bench:api`.
 */
import { CommuneIndex } from '../../packages/server/src/communes/commune-index.js';
import { importData, openDatabase } from '../../packages/server/src/index.js';

const db = await openDatabase({ sqlitePath: ':memory:' });
await importData(db);
const index = await CommuneIndex.load(db);
console.log('| query | µs per search (limit 8) | first answers |');
console.log('| --- | ---: | --- |');
for (const q of ['Mende', 'Mnde', 'Nanteuil en valée', 'Saint Denis Réunion', 'saint denis 974', 'sai', '16700']) {
  for (let i = 0; i < 200; i++) index.search(q, 8);
  const n = 2000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) index.search(q, 8);
  const micros = Number(process.hrtime.bigint() - start) / n / 1000;
  const first = index.search(q, 3).map((c) => c.label);
  console.log(`| ${q} | ${micros.toFixed(1)} | ${first.join(', ')} |`);
}
await db.destroy();
