import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { departmentOf, isoWeek, nextSessions, OsmOpeningHoursError, parseOsmOpeningHours, sessionsOn, type Session } from '../src/index.js';

/*
 * Real data: the 12 stops of the "Bus France Services" of Charente (Lusignac, Montmoreau…),
 * export of 2023-10-03. Field `horaires` is OSM opening_hours; two stops have none.
 */
type Stop = { id: string; nom: string; commune: string; code_insee: string; horaires?: string };
const STOPS = JSON.parse(
  readFileSync(new URL('../../../fixtures/bus-france-services-charente-lmn-20231003.json', import.meta.url), 'utf8'),
) as Stop[];

function stop(codeInsee: string): Stop & { horaires: string } {
  const found = STOPS.find((candidate) => candidate.code_insee === codeInsee);
  assert.ok(found?.horaires, `stop ${codeInsee} with horaires in the fixture`);
  return found as Stop & { horaires: string };
}

const TUSSON = stop('16390'); // week 1-53/2 Tu 09:00-12:30,13:30-15:30; PH off
const SAINT_FRAIGNE = stop('16317'); // Mo 09:30-12:30,13:30-15:30; PH off
const EVEN_TUESDAY = stop('16142'); // week 2-52/2 Tu 09:30-12:00; PH off
const FRIDAY = stop('16300'); // Fr 08:45-12:15; PH off
const ODD_FRIDAY = stop('16144'); // week 1-53/2 Fr 13:30-16:30; PH off

const CHARENTE = departmentOf(TUSSON.code_insee);

/** Sessions as compact `date opens-closes` strings, for readable assertions. */
function compact(sessions: readonly Session[]): string[] {
  return sessions.map((session) => `${session.date} ${session.opens}-${session.closes}`);
}

/*
 * ISO weeks of 2026 (1 January 2026 is a Thursday, so week 1 runs from Monday 29 December
 * 2025; week n starts 7(n-1) days later): week 11 = 9–15 March, 12 = 16–22 March,
 * 13 = 23–29 March, 14 = 30 March–5 April, 15 = 6–12 April, 16 = 13–19 April,
 * 51 = 14–20 December, 52 = 21–27 December, 53 = 28 December 2026–3 January 2027;
 * week 1 of 2027 = 4–10 January 2027. Easter Sunday 2026 is 5 April: Easter Monday 6 April,
 * Whit Monday 25 May. Paris is UTC+1 until 29 March 2026, UTC+2 from then to 25 October.
 */

describe('isoWeek', () => {
  test('edge dates around the new year', () => {
    assert.deepEqual(isoWeek('2026-01-01'), { year: 2026, week: 1 }); // Thursday
    assert.deepEqual(isoWeek('2025-12-29'), { year: 2026, week: 1 }); // Monday before it
    assert.deepEqual(isoWeek('2027-01-01'), { year: 2026, week: 53 }); // Friday
    assert.deepEqual(isoWeek('2027-01-03'), { year: 2026, week: 53 }); // Sunday
    assert.deepEqual(isoWeek('2027-01-04'), { year: 2027, week: 1 }); // Monday
    assert.deepEqual(isoWeek('2024-12-30'), { year: 2025, week: 1 }); // Monday
    assert.deepEqual(isoWeek('2020-12-31'), { year: 2020, week: 53 }); // Thursday
    assert.deepEqual(isoWeek('2026-12-28'), { year: 2026, week: 53 }); // Monday
    assert.deepEqual(isoWeek('2025-12-28'), { year: 2025, week: 52 }); // Sunday, 2025 has 52 weeks
  });

  test('within a year', () => {
    assert.deepEqual(isoWeek('2026-03-09'), { year: 2026, week: 11 });
    assert.deepEqual(isoWeek('2026-03-15'), { year: 2026, week: 11 }); // Sunday ends the week
    assert.deepEqual(isoWeek('2026-03-16'), { year: 2026, week: 12 });
    assert.deepEqual(isoWeek('2024-02-29'), { year: 2024, week: 9 });
  });

  test('rejects what is not a YYYY-MM-DD date', () => {
    assert.throws(() => isoWeek('2026-02-30'), RangeError);
    assert.throws(() => isoWeek('09/03/2026'), RangeError);
  });
});

describe('the Charente bus fixture', () => {
  test('has 12 stops, two of them without horaires (field absent)', () => {
    assert.equal(STOPS.length, 12);
    const without = STOPS.filter((candidate) => !('horaires' in candidate));
    assert.deepEqual(without.map((candidate) => candidate.code_insee).sort(), ['16242', '16392']);
    assert.equal(CHARENTE, '16');
  });

  test('every horaires parses, with a PH off rule', () => {
    const withHours = STOPS.filter((candidate) => 'horaires' in candidate);
    assert.equal(withHours.length, 10);
    for (const { horaires } of withHours) {
      const schedule = parseOsmOpeningHours(horaires!);
      assert.equal(schedule.text, horaires);
      assert.equal(schedule.closedOnPublicHolidays, true, horaires);
      assert.equal(schedule.rules.length, 2, horaires);
      assert.equal(schedule.rules[1]!.kind, 'public-holidays-off', horaires);
    }
  });

  test('parsed shape of an alternating-week rule', () => {
    const [rule, ph] = parseOsmOpeningHours(TUSSON.horaires).rules;
    assert.deepEqual(rule, {
      kind: 'hours',
      text: 'week 1-53/2 Tu 09:00-12:30,13:30-15:30',
      dates: null,
      weeks: Array.from({ length: 27 }, (_, index) => 2 * index + 1), // 1, 3, … 53
      days: ['tu'],
      ranges: [
        { opens: '09:00', closes: '12:30' },
        { opens: '13:30', closes: '15:30' },
      ],
    });
    assert.deepEqual(ph, { kind: 'public-holidays-off', text: 'PH off' });
  });

  test('next session of every stop from Monday 9 March 2026, 08:00 (odd week 11)', () => {
    const now = new Date('2026-03-09T08:00:00+01:00');
    const next = Object.fromEntries(
      STOPS.filter((candidate) => candidate.horaires !== undefined).map((candidate) => [
        candidate.code_insee,
        compact(
          nextSessions(parseOsmOpeningHours(candidate.horaires!), {
            now,
            department: departmentOf(candidate.code_insee),
            count: 1,
          }),
        ),
      ]),
    );
    assert.deepEqual(next, {
      '16317': ['2026-03-09 09:30-12:30'], // Mo: today
      '16390': ['2026-03-10 09:00-12:30'], // odd weeks, Tu: tomorrow
      '16300': ['2026-03-13 08:45-12:15'], // Fr
      '16144': ['2026-03-13 13:30-16:30'], // odd weeks, Fr
      '16142': ['2026-03-17 09:30-12:00'], // even weeks, Tu: week 12
      '16083': ['2026-03-17 13:30-16:30'], // even weeks, Tu
      '16295': ['2026-03-18 09:30-12:30'], // even weeks, We
      '16397': ['2026-03-19 08:45-12:15'], // even weeks, Th
      '16196': ['2026-03-19 13:30-16:30'], // even weeks, Th
      '16400': ['2026-03-20 09:00-12:30'], // even weeks, Fr
    });
  });
});

describe('alternating weeks', () => {
  const tusson = parseOsmOpeningHours(TUSSON.horaires);
  const evenTuesday = parseOsmOpeningHours(EVEN_TUESDAY.horaires);

  test('odd weeks only (Tusson), from a Monday of an odd week', () => {
    // Monday 9 March 2026 (week 11): Tuesday 10 March (11), then 24 March (13), 7 April (15).
    // 7 April is 29 days ahead: beyond the default 28-day horizon.
    const now = new Date('2026-03-09T08:00:00+01:00');
    assert.equal(nextSessions(tusson, { now, department: CHARENTE, count: 6 }).length, 4);
    assert.deepEqual(compact(nextSessions(tusson, { now, department: CHARENTE, count: 6, horizonDays: 29 })), [
      '2026-03-10 09:00-12:30',
      '2026-03-10 13:30-15:30',
      '2026-03-24 09:00-12:30',
      '2026-03-24 13:30-15:30',
      '2026-04-07 09:00-12:30',
      '2026-04-07 13:30-15:30',
    ]);
  });

  test('odd weeks only (Tusson), from a Monday of an even week', () => {
    // Monday 16 March 2026 (week 12): Tuesday 17 March is skipped, next is 24 March (13).
    const now = new Date('2026-03-16T08:00:00+01:00');
    assert.deepEqual(compact(nextSessions(tusson, { now, department: CHARENTE })), [
      '2026-03-24 09:00-12:30',
      '2026-03-24 13:30-15:30',
      '2026-04-07 09:00-12:30',
    ]);
    assert.deepEqual(sessionsOn(tusson, '2026-03-17', CHARENTE), []);
  });

  test('even weeks only (week 2-52/2 Tu), from Mondays of odd and even weeks', () => {
    // Weeks 12, 14, 16: Tuesdays 17 March, 31 March, 14 April.
    const expected = ['2026-03-17 09:30-12:00', '2026-03-31 09:30-12:00', '2026-04-14 09:30-12:00'];
    const fromOdd = new Date('2026-03-09T08:00:00+01:00');
    const fromEven = new Date('2026-03-16T08:00:00+01:00');
    assert.deepEqual(compact(nextSessions(evenTuesday, { now: fromOdd, department: CHARENTE, horizonDays: 42 })), expected);
    assert.deepEqual(compact(nextSessions(evenTuesday, { now: fromEven, department: CHARENTE, horizonDays: 42 })), expected);
    assert.deepEqual(sessionsOn(evenTuesday, '2026-03-10', CHARENTE), []);
  });

  test('week 1-53/2 across the new year: weeks 53 and 1 are consecutive and both match', () => {
    // From Monday 14 December 2026 (week 51): Tuesdays 15 Dec (51), 29 Dec (53), 5 Jan 2027
    // (week 1 of 2027), 19 Jan (3). Tuesday 22 Dec (52) and 12 Jan (2) are skipped.
    const now = new Date('2026-12-14T08:00:00+01:00');
    assert.deepEqual(compact(nextSessions(tusson, { now, department: CHARENTE, count: 8, horizonDays: 40 })), [
      '2026-12-15 09:00-12:30',
      '2026-12-15 13:30-15:30',
      '2026-12-29 09:00-12:30',
      '2026-12-29 13:30-15:30',
      '2027-01-05 09:00-12:30',
      '2027-01-05 13:30-15:30',
      '2027-01-19 09:00-12:30',
      '2027-01-19 13:30-15:30',
    ]);
  });

  test('week 2-52/2 across the new year: three weeks without a session, and the horizon', () => {
    // Tuesday 22 Dec 2026 (week 52), then neither 29 Dec (53) nor 5 Jan (1): 12 Jan 2027
    // (week 2), 29 days after Monday 14 December — beyond the default 28-day horizon.
    const now = new Date('2026-12-14T08:00:00+01:00');
    assert.deepEqual(compact(nextSessions(evenTuesday, { now, department: CHARENTE })), ['2026-12-22 09:30-12:00']);
    assert.deepEqual(compact(nextSessions(evenTuesday, { now, department: CHARENTE, horizonDays: 29 })), [
      '2026-12-22 09:30-12:00',
      '2027-01-12 09:30-12:00',
    ]);
    assert.deepEqual(compact(nextSessions(evenTuesday, { now, department: CHARENTE, horizonDays: 60 })), [
      '2026-12-22 09:30-12:00',
      '2027-01-12 09:30-12:00',
      '2027-01-26 09:30-12:00',
    ]);
  });

  test('week selectors: single week, range, list, combined', () => {
    const weeksOf = (text: string) => {
      const rule = parseOsmOpeningHours(text).rules[0];
      assert.ok(rule?.kind === 'hours');
      return rule.weeks;
    };
    assert.deepEqual(weeksOf('week 5 Mo 09:00-10:00'), [5]);
    assert.deepEqual(weeksOf('week 1-10 Mo 09:00-10:00'), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(weeksOf('week 1,3,5 Mo 09:00-10:00'), [1, 3, 5]);
    assert.deepEqual(
      weeksOf('week 2-52/2 Tu 09:30-12:00'),
      Array.from({ length: 26 }, (_, index) => 2 * index + 2),
    );
    assert.deepEqual(weeksOf('week 1-9/4,20 Mo 09:00-10:00'), [1, 5, 9, 20]);
    // week 11 of 2026 is 9–15 March: Monday 9 March only.
    const week11 = parseOsmOpeningHours('week 11 Mo 09:00-10:00');
    assert.deepEqual(compact(sessionsOn(week11, '2026-03-09', '16')), ['2026-03-09 09:00-10:00']);
    assert.deepEqual(sessionsOn(week11, '2026-03-16', '16'), []);
    assert.deepEqual(sessionsOn(week11, '2026-03-02', '16'), []);
  });
});

describe('public holidays', () => {
  const saintFraigne = parseOsmOpeningHours(SAINT_FRAIGNE.horaires);

  test('Easter Monday is skipped; a day with two ranges gives two sessions', () => {
    // From Friday 3 April 2026: Monday 6 April is Easter Monday, so 13 April (twice), 20 April.
    const now = new Date('2026-04-03T12:00:00+02:00');
    assert.deepEqual(nextSessions(saintFraigne, { now, department: CHARENTE, count: 5 }), [
      { date: '2026-04-13', opens: '09:30', closes: '12:30' },
      { date: '2026-04-13', opens: '13:30', closes: '15:30' },
      { date: '2026-04-20', opens: '09:30', closes: '12:30' },
      { date: '2026-04-20', opens: '13:30', closes: '15:30' },
      { date: '2026-04-27', opens: '09:30', closes: '12:30' },
    ]);
    assert.deepEqual(sessionsOn(saintFraigne, '2026-04-06', CHARENTE), []);
  });

  test('Whit Monday (25 May 2026) is skipped', () => {
    const now = new Date('2026-05-15T12:00:00+02:00');
    assert.deepEqual(compact(nextSessions(saintFraigne, { now, department: CHARENTE, count: 4 })), [
      '2026-05-18 09:30-12:30',
      '2026-05-18 13:30-15:30',
      '2026-06-01 09:30-12:30',
      '2026-06-01 13:30-15:30',
    ]);
  });

  test('Fridays 1 May and 8 May 2026 are skipped; 1 January 2027 (week 53, odd) too', () => {
    const friday = parseOsmOpeningHours(FRIDAY.horaires);
    const now = new Date('2026-04-30T12:00:00+02:00');
    assert.deepEqual(compact(nextSessions(friday, { now, department: CHARENTE, count: 2 })), [
      '2026-05-15 08:45-12:15',
      '2026-05-22 08:45-12:15',
    ]);
    const oddFriday = parseOsmOpeningHours(ODD_FRIDAY.horaires);
    // Odd-week Fridays: 18 Dec 2026 (51), [1 Jan 2027 (53): New Year's Day], 8 Jan (1), 22 Jan (3).
    const december = new Date('2026-12-14T08:00:00+01:00');
    assert.deepEqual(compact(nextSessions(oddFriday, { now: december, department: CHARENTE, horizonDays: 40 })), [
      '2026-12-18 13:30-16:30',
      '2027-01-08 13:30-16:30',
      '2027-01-22 13:30-16:30',
    ]);
  });

  test('without PH off, a holiday is a normal day', () => {
    const schedule = parseOsmOpeningHours('Mo 09:30-12:30');
    assert.equal(schedule.closedOnPublicHolidays, false);
    assert.deepEqual(compact(sessionsOn(schedule, '2026-04-06', CHARENTE)), ['2026-04-06 09:30-12:30']);
  });

  test('PH closed is a synonym; as in OSM, a rule after PH off overrides it', () => {
    assert.deepEqual(sessionsOn(parseOsmOpeningHours('Mo 09:30-12:30; PH closed'), '2026-04-06', CHARENTE), []);
    // OSM: rules apply in order, the last one matching a date wins, so "PH off" belongs last.
    const phFirst = parseOsmOpeningHours('PH off; Mo 09:30-12:30');
    assert.equal(phFirst.closedOnPublicHolidays, true);
    assert.deepEqual(compact(sessionsOn(phFirst, '2026-04-06', CHARENTE)), ['2026-04-06 09:30-12:30']);
    // A holiday not on a matching weekday stays closed: 1 May 2026 is a Friday.
    assert.deepEqual(sessionsOn(parseOsmOpeningHours('Mo-Fr 09:00-12:00; PH off'), '2026-05-01', CHARENTE), []);
  });

  test('department-specific holidays: Good Friday in Moselle only', () => {
    // Good Friday 2026 is 3 April: a holiday in 57, 67, 68, not in 16.
    const schedule = parseOsmOpeningHours('Fr 09:00-12:00; PH off');
    assert.deepEqual(sessionsOn(schedule, '2026-04-03', '57'), []);
    assert.deepEqual(compact(sessionsOn(schedule, '2026-04-03', '16')), ['2026-04-03 09:00-12:00']);
  });
});

describe('sessions under way and finished', () => {
  const saintFraigne = parseOsmOpeningHours(SAINT_FRAIGNE.horaires);

  test('a session under way at now is returned', () => {
    // Monday 13 April 2026, 10:00 in Paris (UTC+2): 09:30-12:30 is under way.
    const now = new Date('2026-04-13T10:00:00+02:00');
    assert.deepEqual(compact(nextSessions(saintFraigne, { now, department: CHARENTE })), [
      '2026-04-13 09:30-12:30',
      '2026-04-13 13:30-15:30',
      '2026-04-20 09:30-12:30',
    ]);
  });

  test('a finished session is not returned (closing exactly at now is finished)', () => {
    const atNoonClose = new Date('2026-04-13T12:30:00+02:00');
    assert.deepEqual(compact(nextSessions(saintFraigne, { now: atNoonClose, department: CHARENTE, count: 1 })), ['2026-04-13 13:30-15:30']);
    const oneSecondBefore = new Date('2026-04-13T12:29:59+02:00');
    assert.deepEqual(compact(nextSessions(saintFraigne, { now: oneSecondBefore, department: CHARENTE, count: 1 })), [
      '2026-04-13 09:30-12:30',
    ]);
    const evening = new Date('2026-04-13T18:00:00+02:00');
    assert.deepEqual(compact(nextSessions(saintFraigne, { now: evening, department: CHARENTE, count: 2 })), [
      '2026-04-20 09:30-12:30',
      '2026-04-20 13:30-15:30',
    ]);
  });

  test('count and horizon', () => {
    const now = new Date('2026-04-13T10:00:00+02:00');
    assert.deepEqual(nextSessions(saintFraigne, { now, department: CHARENTE, count: 0 }), []);
    // Horizon 0: today only.
    assert.deepEqual(compact(nextSessions(saintFraigne, { now, department: CHARENTE, count: 10, horizonDays: 0 })), [
      '2026-04-13 09:30-12:30',
      '2026-04-13 13:30-15:30',
    ]);
    // Default 28 days: Mondays 13, 20, 27 April, 4 and 11 May (10 sessions) — 11 May is day 28.
    assert.equal(nextSessions(saintFraigne, { now, department: CHARENTE, count: 100 }).length, 10);
    assert.throws(() => nextSessions(saintFraigne, { now, department: CHARENTE, count: -1 }), RangeError);
    assert.throws(() => nextSessions(saintFraigne, { now, department: CHARENTE, horizonDays: 1.5 }), RangeError);
  });

  test('a schedule that is always closed has no session', () => {
    const now = new Date('2026-04-13T10:00:00+02:00');
    assert.deepEqual(nextSessions(parseOsmOpeningHours('Mo 09:00-12:00; Mo off'), { now, department: '16' }), []);
  });
});

describe('rules and overrides', () => {
  /** Opening hours of each day of ISO week 11 of 2026 (Monday 9 – Sunday 15 March). */
  function week11(text: string): Record<string, string[]> {
    const schedule = parseOsmOpeningHours(text);
    const days = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
    return Object.fromEntries(
      days.map((day, index) => [
        day,
        sessionsOn(schedule, `2026-03-${String(9 + index).padStart(2, '0')}`, '16').map((session) => `${session.opens}-${session.closes}`),
      ]),
    );
  }

  test('a later rule overrides earlier rules for its days', () => {
    assert.deepEqual(week11('Mo-Fr 09:00-17:00; We off'), {
      mo: ['09:00-17:00'],
      tu: ['09:00-17:00'],
      we: [],
      th: ['09:00-17:00'],
      fr: ['09:00-17:00'],
      sa: [],
      su: [],
    });
    // Replaced, not added to.
    assert.deepEqual(week11('Mo-Fr 09:00-17:00; We 14:00-16:00').we, ['14:00-16:00']);
    // The order matters: here the later Mo-Fr rule wins over "We off".
    assert.deepEqual(week11('We off; Mo-Fr 09:00-17:00').we, ['09:00-17:00']);
  });

  test('an override limited to some weeks', () => {
    const schedule = parseOsmOpeningHours('Mo-Fr 09:00-12:00; week 2-52/2 We off');
    assert.deepEqual(compact(sessionsOn(schedule, '2026-03-11', '16')), ['2026-03-11 09:00-12:00']); // week 11
    assert.deepEqual(sessionsOn(schedule, '2026-03-18', '16'), []); // week 12
  });

  test('weekday lists and ranges', () => {
    const days = (text: string) =>
      Object.entries(week11(text))
        .filter(([, ranges]) => ranges.length > 0)
        .map(([day]) => day);
    assert.deepEqual(days('Mo 10:00-11:00'), ['mo']);
    assert.deepEqual(days('Tu-Th 10:00-11:00'), ['tu', 'we', 'th']);
    assert.deepEqual(days('Mo,We,Fr 10:00-11:00'), ['mo', 'we', 'fr']);
    assert.deepEqual(days('Mo-We,Fr 10:00-11:00'), ['mo', 'tu', 'we', 'fr']);
    assert.deepEqual(days('Mo-Fr 10:00-11:00'), ['mo', 'tu', 'we', 'th', 'fr']);
    assert.deepEqual(days('Sa-Mo 10:00-11:00'), ['mo', 'sa', 'su']); // wraps over the week's end
  });

  test('a rule without weekday selector applies to every day', () => {
    assert.deepEqual(week11('10:00-12:00,14:00-16:00'), {
      mo: ['10:00-12:00', '14:00-16:00'],
      tu: ['10:00-12:00', '14:00-16:00'],
      we: ['10:00-12:00', '14:00-16:00'],
      th: ['10:00-12:00', '14:00-16:00'],
      fr: ['10:00-12:00', '14:00-16:00'],
      sa: ['10:00-12:00', '14:00-16:00'],
      su: ['10:00-12:00', '14:00-16:00'],
    });
    // Every day of week 11, none of week 12.
    const schedule = parseOsmOpeningHours('week 11 09:00-10:00');
    assert.equal(sessionsOn(schedule, '2026-03-15', '16').length, 1);
    assert.equal(sessionsOn(schedule, '2026-03-16', '16').length, 0);
  });

  test('"closed" is a synonym of "off"; "open" may follow time ranges', () => {
    assert.deepEqual(week11('Mo-Fr 09:00-12:00; Fr closed').fr, []);
    assert.deepEqual(week11('Mo-Fr 09:00-12:00; Fr closed'), week11('Mo-Fr 09:00-12:00; Fr off'));
    assert.deepEqual(week11('Mo 09:00-12:00 open').mo, ['09:00-12:00']);
  });

  test('ranges are sorted; 24:00 closes the day; spaces around ";" are optional', () => {
    assert.deepEqual(week11('Mo 14:00-16:00,09:00-12:00').mo, ['09:00-12:00', '14:00-16:00']);
    assert.deepEqual(week11('Mo 20:00-24:00').mo, ['20:00-24:00']);
    const tight = parseOsmOpeningHours('Mo 09:30-12:30,13:30-15:30;PH off');
    const loose = parseOsmOpeningHours('  Mo 09:30-12:30,13:30-15:30 ;  PH off ;');
    assert.deepEqual(tight.rules, loose.rules);
    assert.deepEqual(tight.rules, parseOsmOpeningHours(SAINT_FRAIGNE.horaires).rules);
  });
});

describe('errors', () => {
  function rejects(text: string, message: RegExp, rule?: string): void {
    assert.throws(
      () => parseOsmOpeningHours(text),
      (error: unknown) => {
        assert.ok(error instanceof OsmOpeningHoursError, `${text}: an OsmOpeningHoursError`);
        assert.ok(error instanceof Error);
        assert.equal(error.name, 'OsmOpeningHoursError');
        assert.match(error.message, message);
        assert.equal(error.rule, rule ?? text.trim());
        assert.equal(error.text, text);
        return true;
      },
    );
  }

  test('the cases of the brief', () => {
    rejects('Mo-Fr 09:00-17:00 || "sur rendez-vous"', /fallback rules \("\|\|"\) are not supported/);
    rejects('Jan-Mar Mo 09:00-12:00', /month and date selectors .* are not supported/);
    rejects('sunrise-sunset', /variable times \(sunrise.*\) are not supported/);
    rejects('24/7', /"24\/7" \(always open\) is not supported/);
    rejects('Mo 25:00-26:00', /"25:00" is not a time of day/);
    rejects('Mo 12:00-09:00', /12:00-09:00 does not close after it opens/);
    rejects('week 0', /week 0 is not an ISO week number \(1 to 53\)/);
    rejects('week 54', /week 54 is not an ISO week number \(1 to 53\)/);
    rejects('week 54 Mo 09:00-12:00', /week 54 is not an ISO week number/);
    rejects('', /Empty opening_hours/);
    rejects(' ; ', /Empty opening_hours/, ';');
  });

  test('the offending rule is named', () => {
    rejects('Mo 09:00-12:00; Tu sunrise-sunset; PH off', /variable times/, 'Tu sunrise-sunset');
    rejects('Mo 09:00-12:00; PH 10:00-12:00', /PH\) are only supported as the rule "PH off"/, 'PH 10:00-12:00');
    const error = (() => {
      try {
        parseOsmOpeningHours('Mo 09:00-12:00; Jan off');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    assert.ok(error instanceof OsmOpeningHoursError);
    assert.equal(error.rule, 'Jan off');
    assert.equal(
      error.message,
      'Unsupported opening_hours rule "Jan off": month and date selectors without a year (Jan, Feb…) are not supported',
    );
  });

  test('other unsupported syntax', () => {
    rejects('Mo-Fr,PH 09:00-12:00', /PH\) are only supported as the rule "PH off"/);
    rejects('SH off', /school holidays \(SH\) are not supported/);
    rejects('Mo 09:00+', /open-ended times \("\+"\) are not supported/);
    rejects('Mo 09:00-12:00+', /open-ended times/);
    rejects('Mo 10:00-16:00/01:30', /repeated time intervals/);
    rejects('Mo[1] 09:00-12:00', /nth weekday selectors/);
    rejects('Mo 09:00-12:00 "sur rendez-vous"', /comments \("…"\) are not supported/);
    rejects('Mo 09:00-12:00, We 14:00-16:00', /"," between rules is not supported/);
    rejects('2026 Mo 09:00-12:00', /year selectors are only supported in a date/);
    rejects('easter off', /easter dates are not supported/);
    rejects('Mo 09:00-12:00 unknown', /the state "unknown" is not supported/);
    rejects('Mo: 09:00-12:00', /a ":" after the weekdays is not supported/);
    rejects('Mo week 5 09:00-12:00', /the week selector must come first/);
    rejects('mo 09:00-12:00', /unexpected "mo"/);
    rejects('Monday 09:00-12:00', /unexpected "Monday"/);
  });

  test('readings that would be ambiguous or wrong', () => {
    rejects('Mo', /without time ranges \(open all day\) is not supported/);
    rejects('week 5', /without time ranges/);
    rejects('Mo 09:00-12:00 off', /time ranges followed by "off" .* are not supported/);
    rejects('Mo 09:00-12:00,11:00-13:00', /overlapping time ranges 09:00-12:00 and 11:00-13:00/);
    rejects('Mo 22:00-02:00', /does not close after it opens \(ranges past midnight are not supported\)/);
    rejects('Mo 24:00-24:00', /cannot open at 24:00|does not close after it opens/);
    rejects('Mo 9:00-12:00', /"9:00" is not a time of day/);
    rejects('Mo 09:00', /expected "-" and a closing time after 09:00/);
    rejects('week 10-5 Mo 09:00-12:00', /week range 10-5 wrapping over the new year is not supported/);
    rejects('week 1-53/0 Mo 09:00-12:00', /whole number of weeks/);
    rejects('week Mo 09:00-12:00', /expected an ISO week number after "week", found "Mo"/);
  });
});

describe('time zones', () => {
  const schedule = parseOsmOpeningHours('Mo 09:00-12:00; PH off');

  test('department 974 uses Indian/Reunion local dates', () => {
    // Sunday 8 March 2026, 21:00 UTC: Monday 9 March 01:00 in La Réunion (UTC+4), still
    // Sunday 22:00 in Paris.
    const sundayNightUtc = new Date('2026-03-08T21:00:00Z');
    assert.deepEqual(compact(nextSessions(schedule, { now: sundayNightUtc, department: '974', count: 1 })), ['2026-03-09 09:00-12:00']);
    // Monday 9 March 2026, 09:00 UTC: 13:00 in La Réunion (the session is over), 10:00 in
    // Paris (under way).
    const mondayMorningUtc = new Date('2026-03-09T09:00:00Z');
    assert.deepEqual(compact(nextSessions(schedule, { now: mondayMorningUtc, department: '974', count: 1 })), ['2026-03-16 09:00-12:00']);
    assert.deepEqual(compact(nextSessions(schedule, { now: mondayMorningUtc, department: '16', count: 1 })), ['2026-03-09 09:00-12:00']);
    // A commune code of La Réunion (Saint-Pierre, 97416) gives the same.
    assert.deepEqual(compact(nextSessions(schedule, { now: mondayMorningUtc, department: '97416', count: 1 })), ['2026-03-16 09:00-12:00']);
  });

  test('an explicit timeZone wins over the department', () => {
    const mondayMorningUtc = new Date('2026-03-09T09:00:00Z');
    assert.deepEqual(compact(nextSessions(schedule, { now: mondayMorningUtc, department: '974', timeZone: 'Europe/Paris', count: 1 })), [
      '2026-03-09 09:00-12:00',
    ]);
  });

  test('public holidays of La Réunion: 20 December (Monday in 2027)', () => {
    assert.deepEqual(sessionsOn(schedule, '2027-12-20', '974'), []);
    assert.deepEqual(compact(sessionsOn(schedule, '2027-12-20', '16')), ['2027-12-20 09:00-12:00']);
    const now = new Date('2027-12-19T12:00:00+04:00');
    assert.deepEqual(compact(nextSessions(schedule, { now, department: '974', count: 1 })), ['2027-12-27 09:00-12:00']);
  });
});
