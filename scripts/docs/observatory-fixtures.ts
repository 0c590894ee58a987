/**
 * Writes `stories/fixtures/observatory.json`: the real server's answers to the network
 * observatory's stories (`stories/network-observatory.stories.ts`, `stories/coverage-map.stories.ts`),
 * recorded with the server's own code (`buildApp`, the ANCT list and the COG's communes imported
 * into an in-memory SQLite database, `app.inject`, no port), keyed by `apiFixtureKey`
 * (`.storybook/fake-api.ts`), which the catalogue's fake API matches on:
 *
 * - the Lozère's views as a network observer asks them (`departement=48`): summary, sites,
 *   activity by partner, composition, freshness, carriers, coverage, its communes' coverage (with outreach), and one what-if (a
 *   France services at Nasbinals, one of its « zones blanches »), recorded with its request body;
 * - the Lozère's appointments by site, reason and partner, after Meyrueis' agent booked four for
 *   someone today (its exceptional hours today 00:00–23:59 let it, any day but after 23:50): one
 *   marked arrived, one no-show, one cancelled, one still booked (none marked done: that would log
 *   an act, and the activity stays empty);
 * - the départements' outlines (`GET /departements/outlines`, public).
 *
 * No activity is recorded in the Lozère: the rates say « pas encore assez de réponses »; four
 * appointments are fewer than 30: their shares and median say « — ».
 *
 *   node --conditions=source --import tsx scripts/docs/observatory-fixtures.ts
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { CoverageCommunes, ObservatorySites, WhatIfInput, WhatIfResult } from '@fs-widgets/contract';
import { zonedParts } from '@fs-widgets/opening-hours';
import {
  buildApp,
  createToken,
  estimateProvider,
  importData,
  loadDirectory,
  openDatabase,
  SiteCatalogue,
  VERSION,
} from '../../packages/server/src/index.js';
import type { AppContext } from '../../packages/server/src/app-context.js';
import { Sealer } from '../../packages/server/src/privacy/sealed.js';
import { apiFixtureKey, whatIfFixtureKey, type RecordedAnswer } from '../../.storybook/fake-api.js';
import { fourAppointmentsToday } from '../../test-support/appointments-today.js';

const OUTPUT = new URL('../../stories/fixtures/observatory.json', import.meta.url);
const IMPORTED_AT = '2024-08-01T00:00:00.000Z';
const SCOPE = { departement: '48' };
/** France services Meyrueis (48): its agent books the appointments recorded. */
const APPOINTMENT_SITE = '905';
/** Nasbinals: a commune of the Lozère beyond 30 minutes of any France services. */
export const WHAT_IF: WhatIfInput = {
  outreach: true,
  add: [{ kind: 'site', lat: 0, lon: 0, label: 'Nasbinals (48104)' }],
  remove: [],
};

const check = (ok: boolean, message: string) => {
  if (!ok) throw new Error(message);
};

const db = await openDatabase({ sqlitePath: ':memory:' });
const api: Record<string, RecordedAnswer> = {};
try {
  await importData(db, { now: new Date(IMPORTED_AT) });
  let catalogue = await SiteCatalogue.load(db);
  const ctx: AppContext = {
    db,
    catalogue: () => catalogue,
    reloadCatalogue: async () => {
      catalogue = await SiteCatalogue.load(db);
    },
    version: VERSION,
    routing: estimateProvider,
    directory: loadDirectory(),
    sealer: new Sealer(() => randomBytes(32)),
  };
  const app = await buildApp({ ctx, logger: false, serveStatic: false });
  const { token } = await createToken(db, { role: 'network', label: 'storybook fixtures: ANCT' });
  const authorization = `Bearer ${token}`;

  const record = async (path: string, params: Record<string, string | boolean>, why: string) => {
    const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
    const res = await app.inject({ method: 'GET', url: `/api/v1/${path}${query.size ? `?${query}` : ''}`, headers: { authorization } });
    check(res.statusCode === 200, `${path}?${query}: HTTP ${res.statusCode} ${res.body.slice(0, 200)}`);
    const key = query.size ? apiFixtureKey(path, params) : path;
    api[key] = { status: 200, body: res.json() };
    console.log(`200 ${key.padEnd(60)} ${why}`);
    return res.json() as unknown;
  };

  await record('observatory/summary', SCOPE, 'key figures of the Lozère');
  const sites = (await record('observatory/sites', SCOPE, 'the Lozère’s sites')) as ObservatorySites;
  check(sites.items.length >= 15 && sites.items.every((s) => s.department === '48'), 'observatory/sites: expected the Lozère’s sites only');
  await record('observatory/activity', { ...SCOPE, group_by: 'partner' }, 'activity by partner (none recorded)');
  await record('observatory/composition', SCOPE, 'composition against the programme’s figures');
  await record('observatory/freshness', SCOPE, 'freshness');
  await record('observatory/carriers', SCOPE, 'carriers');
  await record('observatory/coverage', SCOPE, 'coverage summary (the observatory)');
  await record('observatory/coverage', { ...SCOPE, outreach: true }, 'coverage summary (the map)');
  const communes = (await record('observatory/coverage/communes', { ...SCOPE, outreach: true }, 'communes')) as CoverageCommunes;
  await record('departements/outlines', {}, 'the départements’ outlines');

  // Appointments, after the activity was recorded: Meyrueis' agent books four for someone today.
  const agent = await createToken(db, { role: 'agent', siteId: APPOINTMENT_SITE, label: 'storybook fixtures: Meyrueis' });
  const asAgent = async <T>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await app.inject({
      method,
      url: `/api/v1/${path}`,
      headers: { authorization: `Bearer ${agent.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
    check(res.statusCode < 300, `${method} ${path}: HTTP ${res.statusCode} ${res.body.slice(0, 200)}`);
    return res.json() as T;
  };
  let keys = 0;
  const key = () => `observatory-fixtures-${keys++}-${Date.now().toString(36)}`;
  const today = zonedParts(new Date(), 'Europe/Paris').date;
  await fourAppointmentsToday(asAgent, APPOINTMENT_SITE, today, key, 'arrived');
  for (const group of ['site', 'reason', 'partner']) {
    await record('observatory/appointments', { ...SCOPE, group_by: group }, `appointments by ${group}`);
  }

  const nasbinals = communes.items.find((c) => c.insee === '48104');
  check(!!nasbinals?.location && (nasbinals.minutes ?? 0) > 30, 'Nasbinals: expected a white zone with a centroid');
  WHAT_IF.add![0]!.lat = nasbinals!.location!.lat;
  WHAT_IF.add![0]!.lon = nasbinals!.location!.lon;
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/observatory/coverage/what-if?departement=48`,
    headers: { authorization, 'content-type': 'application/json' },
    payload: JSON.stringify(WHAT_IF),
  });
  check(res.statusCode === 200, `what-if: HTTP ${res.statusCode} ${res.body.slice(0, 200)}`);
  const result = res.json() as WhatIfResult;
  check(result.gained_30 > 0, 'what-if: expected people gaining access within 30 min');
  api[whatIfFixtureKey('observatory/coverage/what-if', SCOPE, WHAT_IF)] = { status: 200, body: result };
  console.log(`200 what-if at Nasbinals: +${result.gained_20} within 20 min, +${result.gained_30} within 30 min`);
  await app.close();
} finally {
  await db.destroy();
}
await writeFile(OUTPUT, `${JSON.stringify(api)}\n`);
console.log(`Wrote ${OUTPUT.pathname}`);
