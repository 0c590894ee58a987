import { buildApp, openDatabase, importData, SiteCatalogue, estimateProvider, VERSION } from '../packages/server/src/index.js';
const t0 = Date.now();
const db = await openDatabase({ sqlitePath: ':memory:' });
const report = await importData(db, { now: new Date('2024-08-01T00:00:00Z') });
const catalogue = await SiteCatalogue.load(db);
const app = await buildApp({ ctx: { db, catalogue: () => catalogue, version: VERSION, routing: estimateProvider }, logger: false, serveStatic: false });
console.log('loaded', report.sites.imported, Date.now() - t0);
for (const url of process.argv.slice(2)) {
  const r = await app.inject({ method: 'GET', url });
  const b = r.json();
  console.log(url, r.statusCode, JSON.stringify(b).length, b.count, JSON.stringify(b.origin), b.radius_km, JSON.stringify(b.suggestion), (b.items ?? []).map((i: any) => `${i.id}:${i.kind}:${i.address?.commune ?? i.name}:${i.distance_km ?? ''}:${i.stops?.length ?? ''}`).join(' | ').slice(0, 600));
}
await app.close(); await db.destroy();
