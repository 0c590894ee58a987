import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Site } from '@fs-widgets/contract';
import { openingStatus } from '@fs-widgets/opening-hours';
import { SiteCatalogue, siteFromRow } from '../src/sites/site-catalogue.js';
import { sitePredicate, weeklyOpenings } from '../src/sites/site-filter.js';
import { startTestServer, type TestServer } from './test-server.js';

/**
 * The open_now filter reads each site's week once per catalogue load; it must answer exactly
 * what `openingStatus` answers for every site, at instants chosen to be hard: range edges,
 * daylight-saving changes, public holidays (national, Alsace-Moselle, overseas), overseas time
 * zones, local midnights, and instants spread over two years.
 */

/** `openingStatus(...).state === 'open'`, as the filter asked it for each site before. */
const openBefore = (site: Site, instant: Date) =>
  openingStatus(site.hours, { now: instant, department: site.address.department, timeZone: site.time_zone }).state === 'open';

const INSTANTS: Array<[string, string]> = [
  // Monday 30 November 2026 in Paris (UTC+1), around the usual opening times.
  ...[
    '07:29:59',
    '07:30:00',
    '08:00:00',
    '08:30:00',
    '10:59:59',
    '11:00:00',
    '11:15:00',
    '12:30:00',
    '15:59:00',
    '16:00:00',
    '16:30:00',
  ].map((time): [string, string] => [`Monday in Paris, ${time} UTC`, `2026-11-30T${time}Z`]),
  // Every day of one week, morning and afternoon in Paris.
  ...['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'].flatMap((day): Array<[string, string]> => [
    [`${day} 10:00 Paris`, `${day}T09:00:00Z`],
    [`${day} 14:30 Paris`, `${day}T13:30:00Z`],
  ]),
  // Daylight saving: spring forward (29 March 2026), fall back (25 October 2026).
  ['Saturday before spring forward, 09:00 Paris', '2026-03-28T08:00:00Z'],
  ['the last winter-time second', '2026-03-29T00:59:59Z'],
  ['the first summer-time second', '2026-03-29T01:00:00Z'],
  ['Monday after spring forward, 08:45 summer time', '2026-03-30T06:45:00Z'],
  ['Monday after spring forward, 08:30 summer time', '2026-03-30T06:30:00Z'],
  ['Monday after spring forward, 12:00 summer time', '2026-03-30T10:00:00Z'],
  ['Saturday before fall back, 10:00 Paris', '2026-10-24T08:00:00Z'],
  ['the repeated hour, first time', '2026-10-25T00:30:00Z'],
  ['the repeated hour, second time', '2026-10-25T01:30:00Z'],
  ['Monday after fall back, 08:30 winter time', '2026-10-26T07:30:00Z'],
  ['Monday after fall back, 08:59 winter time', '2026-10-26T07:59:00Z'],
  // Public holidays, and the same weekday a week before or after.
  ['Labour Day (Friday) 10:00 Paris', '2026-05-01T08:00:00Z'],
  ['the Friday before, 10:00 Paris', '2026-04-24T08:00:00Z'],
  ['Ascension (Thursday) 10:00 Paris', '2026-05-14T08:00:00Z'],
  ['Whit Monday 10:00 Paris', '2026-05-25T08:00:00Z'],
  ['Good Friday (Alsace-Moselle only) 10:00', '2026-04-03T08:00:00Z'],
  ['St Stephen (Alsace-Moselle only, a Saturday) 10:00', '2026-12-26T09:00:00Z'],
  ['Armistice (Wednesday) 10:00 Paris', '2026-11-11T09:00:00Z'],
  ['Christmas Eve (not a holiday) 10:00 Paris', '2026-12-24T09:00:00Z'],
  ['Abolition day in Guadeloupe (Wednesday) 10:00 local', '2026-05-27T14:00:00Z'],
  ['Abolition day in Martinique (Friday) 10:00 local', '2026-05-22T14:00:00Z'],
  ['Abolition day in Guyane (Wednesday) 10:00 local', '2026-06-10T13:00:00Z'],
  ['Abolition day in Mayotte (Monday) 10:00 local', '2026-04-27T07:00:00Z'],
  ['Abolition day in La Réunion (Monday 2027) 10:00 local', '2027-12-20T06:00:00Z'],
  // Overseas time zones: morning in La Réunion is night in Paris; afternoon in the Antilles is evening.
  ['Monday 10:00 in La Réunion', '2026-11-30T06:00:00Z'],
  ['Monday 10:00 in Mayotte', '2026-11-30T07:00:00Z'],
  ['Monday 16:00 in the Antilles, 21:00 in Paris', '2026-11-30T20:00:00Z'],
  ['Monday 10:00 in Guyane', '2026-11-30T13:00:00Z'],
  ['Tuesday 00:00 in Paris, Monday 19:00 in the Antilles', '2026-11-30T23:00:00Z'],
  ['Friday 23:59 in Paris', '2026-12-04T22:59:00Z'],
];

/** Instants spread over 2026 and 2027 (a fixed pseudo-random sequence), seconds included. */
function spreadInstants(count: number): Array<[string, string]> {
  let seed = 20_261_130;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const from = Date.UTC(2026, 0, 1);
  const span = Date.UTC(2028, 0, 1) - from;
  return Array.from({ length: count }, () => {
    const instant = new Date(from + Math.floor(next() * span)).toISOString();
    return [`spread ${instant}`, instant];
  });
}

describe('open_now: the week read once answers as openingStatus', () => {
  let server: TestServer;
  let sites: Site[];
  let catalogue: SiteCatalogue;

  before(async () => {
    server = await startTestServer();
    sites = (await server.db.selectFrom('sites').selectAll().orderBy('id').execute()).map((row) => siteFromRow(row));
    catalogue = await SiteCatalogue.load(server.db);
  });

  after(async () => {
    await server?.close();
  });

  test('a bus or roaming site without published stops is never « open now »: open, maybe, but where?', () => {
    // Monday 30 November 2026, 10:00 in Paris.
    const monday = new Date('2026-11-30T09:00:00Z');
    const withoutStops = sites.filter((s) => s.itinerant && s.id !== '2023' && openBefore(s, monday));
    assert.ok(withoutStops.length > 5, `${withoutStops.length} itinerant sites open by their hours`);
    for (const bus of withoutStops) {
      const found = catalogue.nearest({ ...bus.location, limit: 5, radiusKm: 0.01, filter: { openAt: monday } }, monday);
      assert.ok(!found.some((s) => s.id === bus.id), `${bus.id} ${bus.name} is listed as open now`);
      const all = catalogue.nearest({ ...bus.location, limit: 5, radiusKm: 0.01 }, monday);
      assert.ok(
        all.some((s) => s.id === bus.id),
        `${bus.id} is found without the filter`,
      );
    }
  });

  test('every site, at every instant: the same answer', () => {
    const entries = sites.map((site) => ({ site, opensOnSaturday: false, openings: weeklyOpenings(site) }));
    const counts = new Map<string, number>();
    const differences: string[] = [];
    for (const [what, iso] of [...INSTANTS, ...spreadInstants(80)]) {
      const instant = new Date(iso);
      const isOpen = sitePredicate({ openAt: instant })!;
      let open = 0;
      for (const entry of entries) {
        const expected = openBefore(entry.site, instant);
        if (isOpen(entry) !== expected)
          differences.push(`${what}: site ${entry.site.id} (${entry.site.time_zone}) should be ${expected ? 'open' : 'closed'}`);
        if (expected) open++;
      }
      counts.set(what, open);
    }
    assert.deepEqual(differences.slice(0, 20), []);
    // The instants do test something: sites open and closed, holidays closing them.
    assert.ok(counts.get('Monday in Paris, 08:30:00 UTC')! > 1500, `${counts.get('Monday in Paris, 08:30:00 UTC')} open`);
    assert.equal(counts.get('2026-12-06 10:00 Paris'), 0);
    assert.ok(counts.get('Labour Day (Friday) 10:00 Paris')! < 20, `${counts.get('Labour Day (Friday) 10:00 Paris')} open on 1 May`);
    assert.ok(counts.get('the Friday before, 10:00 Paris')! > 1500);
    assert.ok(counts.get('Monday 10:00 in La Réunion')! > 10);
  });

  test('the catalogue finds, nearest first, exactly the sites open at an instant', () => {
    for (const iso of [
      '2026-11-30T08:30:00Z',
      '2026-11-30T06:00:00Z',
      '2026-11-30T20:00:00Z',
      '2026-04-03T08:00:00Z',
      '2026-03-30T06:45:00Z',
    ]) {
      const instant = new Date(iso);
      const found = catalogue.nearest({ lat: 46.5, lon: 2.5, limit: 10_000, filter: { openAt: instant } }, instant);
      // A bus or roaming site says where it is only through its stops: without them, never open now.
      const expected = sites.filter((site) => (!site.itinerant || site.id === '2023') && openBefore(site, instant)).map((site) => site.id);
      assert.deepEqual(found.map((site) => site.id).sort(), expected.sort(), iso);
      for (let i = 1; i < found.length; i++) assert.ok(found[i]!.distance_km >= found[i - 1]!.distance_km);
      // With a limit: the first sites of that same list.
      const ten = catalogue.nearest({ lat: 46.5, lon: 2.5, limit: 10, filter: { openAt: instant } }, instant);
      assert.deepEqual(
        ten.map((site) => site.id),
        found.slice(0, 10).map((site) => site.id),
      );
    }
  });

  test('a week with a time the reader refuses is asked to openingStatus, which refuses it as before', () => {
    const site = { ...sites[0]!, hours: { ...sites[0]!.hours, mo: [{ opens: '9h', closes: '12:00' }] } };
    const openings = weeklyOpenings(site);
    assert.equal(openings.days, null);
    const monday = new Date('2026-11-30T08:30:00Z');
    const isOpen = sitePredicate({ openAt: monday })!;
    assert.throws(() => openBefore(site, monday), RangeError);
    assert.throws(() => isOpen({ site, opensOnSaturday: false, openings }), RangeError);
    // Another day of that week reads as before.
    const tuesday = new Date('2026-12-01T08:30:00Z');
    assert.equal(sitePredicate({ openAt: tuesday })!({ site, opensOnSaturday: false, openings }), openBefore(site, tuesday));
  });
});
