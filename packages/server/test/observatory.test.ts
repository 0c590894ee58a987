import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import {
  KEY_FIGURES_MIN_COUNT,
  THEMES,
  type ObservatoryActivity,
  type ObservatoryCompliance,
  type ObservatoryComposition,
  type ObservatoryFreshness,
  type ObservatorySatisfaction,
  type ObservatorySites,
  type ObservatorySummary,
} from '@fs-widgets/contract';
import { addDays } from '@fs-widgets/opening-hours';
import { createToken } from '../src/auth/tokens.js';
import { localDay } from '../src/dates/local-day.js';
import { writeTransaction } from '../src/db/database.js';
import { prepareAct, storeAct } from '../src/demarches/acts.js';
import { prepareAnswer, storeAnswer } from '../src/feedback/answers.js';
import { expectProblem, json, SITES_IN_LIST, startTestServer, type TestServer } from './test-server.js';

/*
 * The observatory's routes on the real server and data (one server for the file): each route, each
 * format, a département's token sees its sites only, shares null below the minimum count, bad
 * parameters 400 naming them. The authorization matrix of every scope is security.test.ts's.
 */

const MENDE = '2983'; // Lozère, Fixe, 34.5 h over 5 days
const MARVEJOLS = '271'; // Lozère
const NORD = '59';
const YEAR = 2026;
const FROM = `${YEAR}-03-01`;
const TO = `${YEAR}-03-31`;

describe('network observatory (routes/observatory.ts)', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  let nordSite: string;
  const auth = (name: string) => ({ headers: { authorization: `Bearer ${tokens[name]}` } });
  const get = (path: string, name = 'lozere') => server.get(`/api/v1/observatory/${path}`, auth(name));

  before(async () => {
    server = await startTestServer();
    const { db } = server;
    const token = async (name: string, request: Parameters<typeof createToken>[1]) => {
      tokens[name] = (await createToken(db, request)).token;
    };
    await token('lozere', { role: 'departement', department: '48', label: 'Préfecture de la Lozère' });
    await token('network', { role: 'network', label: 'ANCT' });
    await token('mende', { role: 'agent', siteId: MENDE, label: 'Accueil Mende' });
    nordSite = (await db.selectFrom('sites').select('id').where('department', '=', NORD).orderBy('id').executeTakeFirstOrThrow()).id;
    // Mende: 40 acts in March (30 solved, 6 referred to the CAF, 4 followed up) and 35 answers
    // (28 satisfied); Marvejols: 5 acts (below the minimum); a site of the Nord: 50 acts, never
    // seen by Lozère's token.
    const acts: Array<[string, string]> = [];
    for (let i = 0; i < 40; i++) acts.push([MENDE, i < 30 ? 'solved' : i < 36 ? 'referred' : 'follow-up']);
    for (let i = 0; i < 5; i++) acts.push([MARVEJOLS, 'solved']);
    for (let i = 0; i < 50; i++) acts.push([nordSite, 'solved']);
    await writeTransaction(db, async (trx) => {
      for (const [i, [site, outcome]] of acts.entries()) {
        const partner = i % 2 === 0 ? 'france-travail' : 'finances-publiques';
        const input = {
          key: randomUUID(),
          site_id: site,
          partner,
          theme: THEMES[partner][0],
          outcome,
          ...(outcome === 'referred' ? { referred_to: 'caf' } : {}),
          channel: 'counter',
          acted_at: `${YEAR}-03-${String(2 + (i % 20)).padStart(2, '0')}T09:30:00.000Z`,
        } as Parameters<typeof prepareAct>[0];
        await storeAct(trx, prepareAct(input, 'Europe/Paris'));
      }
      for (let i = 0; i < 35; i++) {
        const input = {
          key: randomUUID(),
          site_id: MENDE,
          channel: 'kiosk',
          rating: i < 28 ? 'satisfied' : 'dissatisfied',
          resolved: i < 20 ? 'yes' : 'no',
          answered_at: `${YEAR}-03-${String(2 + (i % 20)).padStart(2, '0')}T10:00:00.000Z`,
        } as Parameters<typeof prepareAnswer>[0];
        await storeAnswer(trx, prepareAnswer(input, 'Europe/Paris'));
      }
    });
    // Mende closes for a week from tomorrow (its own closure) and its agent verifies its information.
    const tomorrow = addDays(localDay(new Date(), 'Europe/Paris'), 1);
    const agent = { ...auth('mende').headers, 'content-type': 'application/json' };
    const closure = await server.get(`/api/v1/sites/${MENDE}/exceptions`, {
      method: 'POST',
      headers: agent,
      body: JSON.stringify({
        key: randomUUID(),
        starts_on: tomorrow,
        ends_on: addDays(tomorrow, 6),
        closed: true,
        hours: [],
        reason: 'congés',
      }),
    });
    assert.equal(closure.status, 201, await closure.text());
    const verify = await server.get(`/api/v1/sites/${MENDE}/verify`, { method: 'POST', headers: agent, body: '{}' });
    assert.ok(verify.status < 300, await verify.text());
  });

  after(async () => {
    await server?.close();
  });

  test('a département’s token: its key figures, with their period and source, shares published from the minimum count', async () => {
    const summary = await json<ObservatorySummary>(await get(`summary?from=${FROM}&to=${TO}`));
    assert.equal(summary.scope.kind, 'departement');
    assert.equal(summary.scope.label, 'Lozère (48)');
    assert.equal(summary.scope.sites, 20);
    assert.deepEqual(summary.period, { from: FROM, to: TO });
    assert.match(summary.source, /ANCT — Liste des structures France services/);
    assert.equal(summary.min_count, KEY_FIGURES_MIN_COUNT);
    assert.equal(summary.sites.total, 20);
    assert.equal(summary.activity.acts, 45, 'Mende and Marvejols, not the Nord');
    assert.equal(summary.activity.first_visit_share, 35 / 45);
    assert.equal(summary.satisfaction.answers, 35);
    assert.equal(summary.satisfaction.satisfied_share, 28 / 35);
    assert.equal(summary.freshness.stale, 19, 'every site but Mende, just verified');
    assert.equal(summary.compliance.checked + summary.compliance.not_checked, 20);
    // The default period: this year to today, in Paris.
    const current = await json<ObservatorySummary>(await get('summary'));
    assert.equal(current.period!.to, localDay(new Date(), 'Europe/Paris'));
    assert.equal(current.period!.from, `${current.period!.to.slice(0, 4)}-01-01`);
  });

  test('sites: one row per site of the scope only; a share is null below the minimum count', async () => {
    const sites = await json<ObservatorySites>(await get(`sites?from=${FROM}&to=${TO}`));
    assert.equal(sites.items.length, 20);
    assert.ok(sites.items.every((s) => s.department === '48'));
    const mende = sites.items.find((s) => s.id === MENDE)!;
    assert.equal(mende.acts, 40);
    assert.equal(mende.first_visit_share, 30 / 40);
    assert.equal(mende.answers, 35);
    assert.equal(mende.satisfied_share, 28 / 35);
    assert.equal(mende.compliance, 'meets');
    assert.ok(mende.verified_at);
    const marvejols = sites.items.find((s) => s.id === MARVEJOLS)!;
    assert.equal(marvejols.acts, 5);
    assert.equal(marvejols.first_visit_share, null, `5 acts < ${KEY_FIGURES_MIN_COUNT}`);
    const grandrieu = sites.items.find((s) => s.id === '901')!;
    assert.deepEqual([grandrieu.carrier, grandrieu.carrier_status], ['la-poste', 'guess']);
  });

  test('compliance: the rule by kind, and a closure of the site’s own counted over the next four weeks', async () => {
    const compliance = await json<ObservatoryCompliance>(await get('compliance'));
    const byId = new Map(compliance.items.map((r) => [r.id, r]));
    const mende = byId.get(MENDE)!;
    assert.deepEqual([mende.rule, mende.status, mende.weekly_hours, mende.open_days], ['fixed-24h-5d', 'meets', 34.5, 5]);
    assert.ok(mende.ahead_closed_days >= 5, `a week closed: ${mende.ahead_closed_days} days`);
    assert.ok(mende.ahead_weeks_short >= 1);
    assert.ok(mende.ahead_hours < 4 * 34.5);
    assert.deepEqual([byId.get('3255')!.rule, byId.get('3255')!.status], ['itinerant', 'not-checked']);
    assert.deepEqual([byId.get('2005')!.rule, byId.get('2004')!.rule], ['antenna', 'multisite']);
    const c = compliance.counts;
    assert.equal(c.checked, c.meets + c.short + c.no_hours);
    assert.equal(c.checked + c.not_checked, 20);
    assert.equal(compliance.period, null);
  });

  test('the network: the charter’s count of the list, composition against the published figures, freshness', async () => {
    const compliance = await json<ObservatoryCompliance>(await get('compliance', 'network'));
    assert.equal(compliance.items.length, SITES_IN_LIST);
    assert.deepEqual(
      [
        compliance.counts.checked,
        compliance.counts.short,
        compliance.counts.no_hours,
        compliance.counts.under_24h,
        compliance.counts.under_5_days,
      ],
      [2397, 105, 21, 72, 55],
      'scripts/docs/charter-count.ts',
    );
    // Sceaux: 09:30 - 12:30 written twice a day, 18 h a week once read (30 h added up raw).
    const sceaux = compliance.items.find((r) => r.id === '2541')!;
    assert.deepEqual([sceaux.status, sceaux.weekly_hours, sceaux.under_24h, sceaux.under_5_days], ['short', 18, true, false]);
    const composition = await json<ObservatoryComposition>(await get('composition', 'network'));
    assert.deepEqual(
      [composition.totals.total, composition.totals.fixed, composition.totals.bus, composition.totals.roaming, composition.totals.antennas],
      [SITES_IN_LIST, 2400, 134, 29, 124],
    );
    assert.equal(composition.carriers.set, 0);
    assert.equal(composition.carriers.unknown_share, 1, 'no carrier set yet: every site’s is unknown or a guess');
    const bus = composition.published.find((f) => f.key === 'bus')!;
    assert.deepEqual([bus.published, bus.observed], [110, 134]);
    assert.equal(composition.published.find((f) => f.key === 'la-poste')!.observed, null, 'no carrier set: no share measured');
    const regions = await json<ObservatoryComposition>(await get('composition?level=region'));
    assert.deepEqual(
      regions.items.map((r) => [r.code, r.name, r.total]),
      [['76', 'Occitanie', 20]],
    );
    const freshness = await json<ObservatoryFreshness>(await get('freshness'));
    assert.deepEqual(
      freshness.items.map((r) => [r.department, r.sites, r.verified, r.stale, r.never]),
      [['48', 20, 1, 19, 19]],
    );
  });

  test('activity by site, partner, theme and month, with referrals by partner; satisfaction by site and month', async () => {
    const bySite = await json<ObservatoryActivity>(await get(`activity?from=${FROM}&to=${TO}`));
    assert.equal(bySite.group_by, 'site');
    assert.deepEqual(
      bySite.items.map((r) => [r.key, r.acts, r.first_visit_share]),
      [
        [MARVEJOLS, 5, null],
        [MENDE, 40, 0.75],
      ],
    );
    assert.equal(bySite.items[1]!.label, 'France services de Mende');
    assert.deepEqual(bySite.referrals, [{ partner: 'caf', referred: 6, share: null }]);
    const byPartner = await json<ObservatoryActivity>(await get(`activity?from=${FROM}&to=${TO}&group_by=partner`));
    assert.deepEqual(
      byPartner.items.map((r) => [r.key, r.acts]),
      [
        ['finances-publiques', 22],
        ['france-travail', 23],
      ],
    );
    const byTheme = await json<ObservatoryActivity>(await get(`activity?from=2026-03-05&to=${TO}&group_by=theme`));
    assert.ok(byTheme.items.every((r) => r.key.includes('/') && r.label.includes(' — ')));
    const byMonth = await json<ObservatoryActivity>(await get(`activity?from=2026-01-01&to=2026-06-30&group_by=month`, 'network'));
    assert.deepEqual(
      byMonth.items.map((r) => [r.key, r.acts]),
      [['2026-03', 95]],
    );
    const satisfaction = await json<ObservatorySatisfaction>(await get(`satisfaction?from=${FROM}&to=${TO}`));
    assert.deepEqual(
      satisfaction.items.map((r) => [r.key, r.answers, r.satisfied_share, r.resolved_share]),
      [[MENDE, 35, 0.8, 20 / 35]],
    );
    const byMonthAnswers = await json<ObservatorySatisfaction>(await get(`satisfaction?group_by=month&from=${FROM}&to=${TO}`));
    assert.deepEqual([byMonthAnswers.items[0]!.key, byMonthAnswers.answers], ['2026-03', 35]);
  });

  test('every table downloads as CSV (BOM, French headers) and as .xlsx', async () => {
    for (const path of ['sites', 'compliance', 'composition', 'freshness', 'activity', 'satisfaction']) {
      const csv = await get(
        `${path}?format=csv&from=${FROM}&to=${TO}`.replace(/(composition|freshness|compliance)\?format=csv&.*/, '$1?format=csv'),
      );
      assert.equal(csv.status, 200, path);
      assert.match(csv.headers.get('content-type')!, /^text\/csv; charset=utf-8/);
      assert.match(csv.headers.get('content-disposition')!, /^attachment; filename="[a-z-]+-48[0-9-]*\.csv"$/);
      assert.equal(csv.headers.get('cache-control'), 'no-store');
      // Readable by the observatory widget on another origin, which saves the file under this name.
      const cors = await server.get(`/api/v1/observatory/${path}?format=csv`, {
        headers: { ...auth('lozere').headers, origin: 'https://intranet.prefecture.example.fr' },
      });
      assert.match(cors.headers.get('access-control-expose-headers') ?? '', /content-disposition/i, path);
      const bytes = Buffer.from(await csv.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${path}: UTF-8 BOM`);
      const xlsx = await get(`${path}?format=xlsx`);
      assert.equal(xlsx.status, 200, path);
      assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const zip = Buffer.from(await xlsx.arrayBuffer());
      assert.equal(zip.readUInt32LE(0), 0x04034b50, `${path}: a zip`);
    }
    const csv = await (await get(`sites?format=csv&from=${FROM}&to=${TO}`)).text(); // text() drops the BOM
    const lines = csv.split('\r\n');
    assert.match(lines[0]!, /^Identifiant,Nom,Format,Type,Département,Commune,Structure porteuse,/);
    assert.equal(lines.length, 20 + 2, 'header, 20 sites, final CRLF');
    assert.match(csv, /\r\n2983,France services de Mende,fixed,main,48,Mende,,unknown,34.5,5,meets,[^,]+,40,0\.75,35,0\.8\r\n/);
    // The sheet's first data row, read back: numbers as numbers.
    const zip = Buffer.from(await (await get(`sites?format=xlsx&from=${FROM}&to=${TO}`)).arrayBuffer());
    assert.match(readZipEntry(zip, 'xl/workbook.xml'), /<sheet name="Sites" sheetId="1"/);
    const sheet = readZipEntry(zip, 'xl/worksheets/sheet1.xml');
    assert.match(sheet, /<c r="M\d+"><v>40<\/v><\/c><c r="N\d+" s="2"><v>0\.75<\/v><\/c>/);
  });

  test('a département’s token sees nothing else; bad parameters are 400 naming them', async () => {
    await expectProblem(await server.get('/api/v1/observatory/summary'), 401);
    await expectProblem(await get('sites?departement=59'), 403);
    await expectProblem(await get('summary', 'mende'), 403);
    const nord = await json<ObservatorySites>(await get('sites?departement=59', 'network'));
    assert.ok(nord.items.some((s) => s.id === nordSite));
    await expectProblem(await get('activity?group_by=commune'), 400, 'group_by');
    await expectProblem(await get('satisfaction?group_by=partner'), 400, 'group_by');
    await expectProblem(await get('sites?format=pdf'), 400, 'format');
    await expectProblem(await get('summary?from=2026-02-30'), 400, 'from');
    await expectProblem(await get(`activity?from=${TO}&to=${FROM}`), 400, 'from');
    await expectProblem(await get('composition?level=commune'), 400, 'level');
    await expectProblem(await get('freshness?departement=4800', 'network'), 400, 'departement');
    await expectProblem(await get('compliance?departement=99', 'network'), 404);
  });
});

/** One file of a zip, read from its central directory. */
function readZipEntry(zip: Buffer, name: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const entry = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (entry === name) {
      const local = zip.readUInt32LE(at + 42);
      const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      return inflateRawSync(zip.subarray(data, data + zip.readUInt32LE(at + 20))).toString('utf8');
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`${name} is not in the zip`);
}
