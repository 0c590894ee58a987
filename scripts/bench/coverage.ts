/**
 * The coverage of the communes (docs/coverage.md), in process (no HTTP): the national
 * computation (35,000 communes × every site and stop, both scenarios) and what-ifs (a site or a
 * stop added at a commune's centroid, a site removed), against their budgets (≤ 1 s, ≤ 100 ms per
 * change), and the national figures it finds.
 *
 *   node --conditions=source --import tsx scripts/bench/coverage.ts
 *
 * The real data imported into an in-memory SQLite database with the server's own code. A
 * micro-benchmark: run it on a quiet machine. Timings are printed against their budgets
 * (OK/OVER) and never fail the run.
 */
import { importData, openDatabase, SiteCatalogue } from '../../packages/server/src/index.js';
import { computeCoverage } from '../../packages/server/src/coverage/coverage-cache.js';
import { figuresOf } from '../../packages/server/src/coverage/coverage-answers.js';
import { SCENARIOS } from '../../packages/server/src/coverage/coverage-model.js';
import { addedPoint } from '../../packages/server/src/coverage/coverage-places.js';

const NATIONAL_BUDGET_MS = 1000;
const WHAT_IF_BUDGET_MS = 100;
const RUNS = 7;
const WHAT_IFS = 300;

const db = await openDatabase({ sqlitePath: ':memory:' });
await importData(db);
const catalogue = await SiteCatalogue.load(db);
computeCoverage(catalogue); // warm-up
const times: number[] = [];
let model = computeCoverage(catalogue);
for (let i = 0; i < RUNS; i++) {
  model = computeCoverage(catalogue);
  times.push(model.durationMs);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.ceil((p / 100) * values.length) - 1]!;
const verdict = (ms: number, budget: number) => (ms <= budget ? 'OK' : 'OVER');

const counts = { site: 0, stop: 0, home: 0 };
for (const p of model.points) if (p.kind !== 'added') counts[p.kind]++;
console.log(
  `${model.communes.length} communes, ${counts.site} sites at their address, ${counts.stop} stops, ${counts.home} buses and roaming sites at their address`,
);
console.log('');
console.log('| measure | ms | budget | |');
console.log('| --- | ---: | ---: | --- |');
const national = median(times);
console.log(
  `| national computation (median of ${RUNS}) | ${national.toFixed(0)} | ≤ ${NATIONAL_BUDGET_MS} | ${verdict(national, NATIONAL_BUDGET_MS)} |`,
);

// What-ifs: a pseudo-random commune's centroid (a fixed seed, the same changes each run), by turns a site, a stop, a removal.
let seed = 17;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const located = model.communes.filter((c) => c.place !== null && !['987', '988', '986', '984', '989'].includes(c.department));
const siteIds = [...new Set(model.points.flatMap((p) => (p.siteId === null ? [] : [p.siteId])))];
const whatIfTimes: number[] = [];
for (let i = 0; i < WHAT_IFS + 20; i++) {
  const start = performance.now();
  const commune = located[Math.floor(random() * located.length)]!;
  const kind = i % 3;
  const add = kind === 2 ? [] : [addedPoint(catalogue.roadAccess, commune.place!.lat, commune.place!.lon, kind === 1, 'bench')!];
  const remove = kind === 2 ? [siteIds[Math.floor(random() * siteIds.length)]!] : [];
  model.whatIf('outreach', add, remove, null);
  if (i >= 20) whatIfTimes.push(performance.now() - start); // the first 20 warm up
}
for (const p of [50, 90, 99]) {
  const ms = percentile(whatIfTimes, p);
  console.log(
    `| what-if, one change, national (p${p} of ${WHAT_IFS}) | ${ms.toFixed(1)} | ≤ ${WHAT_IF_BUDGET_MS} | ${verdict(ms, WHAT_IF_BUDGET_MS)} |`,
  );
}

console.log('');
console.log('National figures (estimate-v2, by road from each commune’s centroid):');
console.log('');
console.log('| scenario | population | ≤ 10 min | ≤ 20 min | ≤ 30 min | ≤ 45 min | beyond 30 min (communes) | no road | not located |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const pct = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(2)} %`);
for (const scenario of SCENARIOS) {
  const f = figuresOf(model.totals(scenario, null));
  console.log(
    `| ${scenario === 'fixed' ? 'fixed sites' : 'with outreach'} | ${f.population.toLocaleString('en')} | ${pct(f.share_within_10)} | ${pct(f.share_within_20)} | ${pct(f.share_within_30)} | ${pct(f.share_within_45)} | ${f.white_zones.population.toLocaleString('en')} (${f.white_zones.communes}) | ${f.no_road.population.toLocaleString('en')} (${f.no_road.communes}) | ${f.unknown.population.toLocaleString('en')} (${f.unknown.communes}) |`,
  );
}
// The same over the places the model can time (without the communes the source does not locate, nor the Pacific).
console.log('');
console.log('Over the located population (without the communes with no centroid or no modelled roads):');
console.log('');
for (const scenario of SCENARIOS) {
  const f = figuresOf(model.totals(scenario, null));
  const located = f.population - f.unknown.population;
  console.log(
    `- ${scenario === 'fixed' ? 'fixed sites' : 'with outreach'}: ${located.toLocaleString('en')} inhabitants, ${pct(f.within_30 / located)} within 30 min, ${pct(f.within_20 / located)} within 20 min`,
  );
}
await db.destroy();
