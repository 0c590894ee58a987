/**
 * How long a node takes to reload its in-memory catalogue: after an import (everything read
 * again, the 35,000 communes included) and after a site's own change (hours, a closure, a stop:
 * the communes of the same import kept), median of 9 loads each after one warm-up.
 *
 *   node --conditions=source --import tsx scripts/bench/catalogue-reload.ts
 *
 * The real data imported into an in-memory SQLite database with the server's own code (~15 s).
 * A micro-benchmark: run it on a quiet machine.
 */
import { importData, openDatabase, SiteCatalogue } from '../../packages/server/src/index.js';

const db = await openDatabase({ sqlitePath: ':memory:' });
await importData(db);
const first = await SiteCatalogue.load(db);
console.log('| reload | median ms (9 loads) |');
console.log('| --- | ---: |');
for (const [label, reuse] of [
  ['after an import (communes read again)', undefined],
  ['after a site’s own change (communes kept)', first],
] as const) {
  await SiteCatalogue.load(db, reuse);
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    await SiteCatalogue.load(db, reuse);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${label} | ${times[4]!.toFixed(0)} |`);
}
await db.destroy();
