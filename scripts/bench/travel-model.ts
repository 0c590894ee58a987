/**
 * What the travel model says of each commune's nearest France services: on foot, by car with the
 * badge « À moins de 30 min », too rough to promise, refused, or no road at all — counted in
 * communes and in inhabitants, with estimate-v2 and, for comparison, what estimate-v1 (one 1.3
 * detour factor everywhere, badge up to 19 km as the crow flies) would have promised.
 *
 *   node --conditions=source --import tsx scripts/bench/travel-model.ts
 *
 * The real data (ANCT list, COG 2026 communes with their population, La Poste centroids),
 * imported into an in-memory SQLite database with the server's own code; about 20 s.
 */
import { SiteCatalogue, importData, openDatabase, estimateProvider } from '../../packages/server/src/index.js';
import { travelTimes } from '../../packages/server/src/travel/travel-times.js';
import { documentedDrive } from '../../packages/server/test/documented-travel.js';

const db = await openDatabase({ sqlitePath: ':memory:' });
await importData(db);
const catalogue = await SiteCatalogue.load(db);
const communes = await db
  .selectFrom('communes')
  .select(['insee', 'name', 'department', 'lat', 'lon', 'population'])
  .where('kind', '=', 'commune')
  .execute();

type Row = { outcome: string; v1: boolean; population: number };
const rows: Row[] = [];
const withdrawn: Array<[string, string, number, string]> = [];
for (const c of communes) {
  if (c.lat == null || c.lon == null) continue;
  const [site] = catalogue.nearest({ lat: c.lat, lon: c.lon, limit: 1 });
  if (!site) continue;
  const place = catalogue.roadAccess.placeOf({ lat: c.lat, lon: c.lon }, { insee: c.insee, department: c.department });
  const [travel] = await travelTimes(estimateProvider, catalogue.roadAccess, place, [
    { ...site.location, insee: site.address.insee_commune, department: site.address.department, siteId: site.id },
  ]);
  const t = travel!;
  const outcome =
    t.reach !== 'road'
      ? `no minutes: ${t.reach}`
      : t.mode === 'walk'
        ? 'on foot (badge)'
        : t.within_30_min === true
          ? `by car, badge (${t.reliability})`
          : t.within_30_min === null
            ? 'by car, too rough to promise'
            : `by car, over 30 min (${t.reliability})`;
  const v1 = documentedDrive(site.distance_km, 'plain').minutes <= 30;
  rows.push({ outcome, v1, population: c.population ?? 0 });
  if (v1 && t.within_30_min !== true) withdrawn.push([c.name, c.department, c.population ?? 0, `${site.name}: ${outcome}`]);
}

const groups = new Map<string, { communes: number; population: number; v1: number }>();
for (const r of rows) {
  const g = groups.get(r.outcome) ?? { communes: 0, population: 0, v1: 0 };
  g.communes++;
  g.population += r.population;
  if (r.v1) g.v1++;
  groups.set(r.outcome, g);
}
const total = rows.reduce((n, r) => n + r.population, 0);
console.log(
  `${rows.length} communes with a centroid, ${total.toLocaleString('en')} inhabitants; each one's nearest France services (great-circle)\n`,
);
console.log('| outcome (estimate-v2) | communes | inhabitants | share | badge under estimate-v1 |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [outcome, g] of [...groups].sort((a, b) => b[1].population - a[1].population)) {
  console.log(
    `| ${outcome} | ${g.communes} | ${g.population.toLocaleString('en')} | ${((g.population / total) * 100).toFixed(1)} % | ${g.v1} |`,
  );
}
const badge = (v2: boolean) => rows.filter((r) => (v2 ? r.outcome.includes('badge') : r.v1)).reduce((n, r) => n + r.population, 0);
console.log(
  `\nInhabitants promised « à moins de 30 min »: estimate-v1 ${((badge(false) / total) * 100).toFixed(1)} %, estimate-v2 ${((badge(true) / total) * 100).toFixed(1)} %`,
);
console.log(`Communes whose badge estimate-v2 withdraws: ${withdrawn.length}; the most populated:`);
for (const [name, dep, pop, why] of withdrawn.sort((a, b) => b[2] - a[2]).slice(0, 8))
  console.log(`  ${name} (${dep}), ${pop.toLocaleString('en')} inhabitants — ${why}`);
await db.destroy();
