import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  emptyWeek,
  exceptionOn,
  type OpeningException,
  openingStatus,
  parseOsmOpeningHours,
  sessionsOn,
  toOsmOpeningHours,
  weekFromAnct,
  weekWithDates,
} from '../src/index.js';

/*
 * Exceptional closures and hours (issue 16) on real weeks of the ANCT list:
 * fixture id_fs 79, France services de Caen (14): Monday to Friday 09:00-12:00, 13:00-18:00;
 * fixture id_fs 2, La Poste de Saint-Trivier-de-Courtes (01): Tuesday to Friday, Saturday morning.
 * Paris is UTC+1 in winter, UTC+2 in summer; it goes back to UTC+1 on Sunday 25 October 2026 at
 * 03:00 (local 02:00-03:00 happens twice) and forward on Sunday 28 March 2027 at 02:00 (02:00-03:00 skipped).
 */
const CAEN = weekFromAnct({
  h_lundi: '09:00 - 12:00 / 13:00 - 18:00',
  h_mardi: '09:00 - 12:00 / 13:00 - 18:00',
  h_mercredi: '09:00 - 12:00 / 13:00 - 18:00',
  h_jeudi: '09:00 - 12:00 / 13:00 - 18:00',
  h_vendredi: '09:00 - 12:00 / 13:00 - 18:00',
  h_samedi: '',
});
const SAINT_TRIVIER = weekFromAnct({
  h_lundi: '',
  h_mardi: '09:00 - 12:00 / 14:00 - 16:30',
  h_mercredi: '09:00 - 12:00 / 14:00 - 16:30',
  h_jeudi: '09:00 - 12:00 / 14:00 - 16:30',
  h_vendredi: '09:00 - 12:00 / 14:00 - 16:30',
  h_samedi: '09:00 - 12:00',
});

function closed(starts_on: string, ends_on: string, reason: string): OpeningException {
  return { starts_on, ends_on, closed: true, hours: [], reason };
}

function hours(starts_on: string, ends_on: string, opens: string, closes: string, reason: string): OpeningException {
  return { starts_on, ends_on, closed: false, hours: [{ opens, closes }], reason };
}

const CHRISTMAS_EVE = closed('2026-12-24', '2026-12-24', 'fermeture exceptionnelle');
const HOLIDAYS = closed('2026-12-21', '2026-12-31', 'congés');

function caenAt(iso: string, exceptions: readonly OpeningException[]) {
  return openingStatus(CAEN, { now: new Date(iso), department: '14', exceptions });
}

describe('openingStatus with exceptions', () => {
  test('without exceptions, or with an empty list, nothing changes', () => {
    const now = new Date('2026-12-24T10:00:00Z');
    const before = openingStatus(CAEN, { now, department: '14' });
    assert.deepEqual(before, { state: 'open', closesAt: '12:00', closesInMinutes: 60, reopensAt: '13:00' });
    assert.deepEqual(openingStatus(CAEN, { now, department: '14', exceptions: [] }), before);
    // An exception on another day changes nothing today.
    assert.deepEqual(openingStatus(CAEN, { now, department: '14', exceptions: [closed('2027-01-05', '2027-01-05', 'formation')] }), before);
  });

  test('closed on Christmas Eve (a Thursday) with its reason; next opening skips Christmas and the weekend', () => {
    assert.deepEqual(caenAt('2026-12-24T10:00:00Z', [CHRISTMAS_EVE]), {
      state: 'closed',
      reason: 'exception',
      exception: CHRISTMAS_EVE,
      next: { date: '2026-12-28', day: 'mo', time: '09:00', inDays: 4 },
    });
    // The day before, the next opening after closing time skips the closure.
    assert.deepEqual(caenAt('2026-12-23T18:30:00Z', [CHRISTMAS_EVE]), {
      state: 'closed',
      reason: 'outside-hours',
      next: { date: '2026-12-28', day: 'mo', time: '09:00', inDays: 5 },
    });
  });

  test('a closure over a date range, and the next opening after it and after New Year’s Day', () => {
    assert.deepEqual(caenAt('2026-12-22T09:00:00Z', [HOLIDAYS]), {
      state: 'closed',
      reason: 'exception',
      exception: HOLIDAYS,
      // 1 January 2027 is a Friday and a holiday: Monday 4 January.
      next: { date: '2027-01-04', day: 'mo', time: '09:00', inDays: 13 },
    });
  });

  test('a closure longer than the 14-day look-ahead still finds the next opening', () => {
    const summer = closed('2026-07-27', '2026-08-23', 'congés');
    assert.deepEqual(caenAt('2026-07-27T08:00:00Z', [summer]), {
      state: 'closed',
      reason: 'exception',
      exception: summer,
      next: { date: '2026-08-24', day: 'mo', time: '09:00', inDays: 28 },
    });
  });

  test('a closure on a public holiday says the closure, not the holiday', () => {
    const week = closed('2026-12-21', '2026-12-27', 'congés');
    const status = caenAt('2026-12-25T10:00:00Z', [week]);
    assert.equal(status.state, 'closed');
    assert.equal(status.state === 'closed' && status.reason, 'exception');
    assert.equal(status.state === 'closed' && status.holiday, undefined);
  });

  test('exceptional hours on Christmas Day override the public holiday', () => {
    const christmas = hours('2026-12-25', '2026-12-25', '10:00', '12:00', 'permanence de Noël');
    assert.deepEqual(caenAt('2026-12-25T09:30:00Z', [christmas]), {
      state: 'open',
      closesAt: '12:00',
      closesInMinutes: 90,
      exception: christmas,
    });
    assert.deepEqual(caenAt('2026-12-25T08:00:00Z', [christmas]), {
      state: 'closed',
      reason: 'outside-hours',
      exception: christmas,
      next: { date: '2026-12-25', day: 'fr', time: '10:00', inDays: 0, exception: christmas },
    });
    // The evening before, the next opening is that exceptional morning.
    assert.deepEqual(caenAt('2026-12-24T18:00:00Z', [christmas]), {
      state: 'closed',
      reason: 'outside-hours',
      next: { date: '2026-12-25', day: 'fr', time: '10:00', inDays: 1, exception: christmas },
    });
    // Without the exception, Christmas is a holiday.
    const plain = caenAt('2026-12-25T09:30:00Z', []);
    assert.equal(plain.state === 'closed' && plain.reason, 'holiday');
  });

  test('shorter summer hours over a range, and a one-day closure inside it', () => {
    const summer = hours('2026-07-06', '2026-08-28', '09:00', '12:00', 'horaires d’été');
    const training = closed('2026-08-11', '2026-08-11', 'formation');
    const both = [summer, training];
    assert.deepEqual(caenAt('2026-08-10T09:00:00Z', both), {
      // 11:00 CEST.
      state: 'open',
      closesAt: '12:00',
      closesInMinutes: 60,
      exception: summer,
    });
    assert.deepEqual(caenAt('2026-08-10T12:00:00Z', both), {
      state: 'closed',
      reason: 'outside-hours',
      exception: summer,
      next: { date: '2026-08-12', day: 'we', time: '09:00', inDays: 2, exception: summer },
    });
    assert.deepEqual(caenAt('2026-08-11T08:00:00Z', both), {
      state: 'closed',
      reason: 'exception',
      exception: training,
      next: { date: '2026-08-12', day: 'we', time: '09:00', inDays: 1, exception: summer },
    });
    // The order given does not matter: the shorter exception inside the longer one wins.
    assert.deepEqual(caenAt('2026-08-11T08:00:00Z', [training, summer]), caenAt('2026-08-11T08:00:00Z', both));
  });

  test('exceptional hours on the night winter time comes back (Sunday 25 October 2026)', () => {
    const night = hours('2026-10-25', '2026-10-25', '01:00', '04:00', 'nuit du numérique');
    // 00:30 UTC is 02:30 CEST, the first 02:30; 04:00 CET is 03:00 UTC: 150 real minutes, not 90.
    assert.deepEqual(caenAt('2026-10-25T00:30:00Z', [night]), {
      state: 'open',
      closesAt: '04:00',
      closesInMinutes: 150,
      exception: night,
    });
    // 01:30 UTC is 02:30 CET, the second 02:30: 90 minutes left.
    assert.deepEqual(caenAt('2026-10-25T01:30:00Z', [night]), {
      state: 'open',
      closesAt: '04:00',
      closesInMinutes: 90,
      exception: night,
    });
    // A Sunday otherwise closed: at 03:00 UTC it has just closed, next opening Monday.
    assert.deepEqual(caenAt('2026-10-25T03:00:00Z', [night]), {
      state: 'closed',
      reason: 'outside-hours',
      exception: night,
      next: { date: '2026-10-26', day: 'mo', time: '09:00', inDays: 1 },
    });
  });

  test('exceptional hours on the night summer time starts (Sunday 28 March 2027)', () => {
    const night = hours('2027-03-28', '2027-03-28', '01:00', '04:00', 'nuit du numérique');
    // 00:30 UTC is 01:30 CET; 04:00 CEST is 02:00 UTC: 90 real minutes, not 150.
    assert.deepEqual(caenAt('2027-03-28T00:30:00Z', [night]), {
      state: 'open',
      closesAt: '04:00',
      closesInMinutes: 90,
      exception: night,
    });
    // The Saturday evening before (UTC+1), the next opening is that night.
    assert.deepEqual(caenAt('2027-03-27T20:00:00Z', [night]), {
      state: 'closed',
      reason: 'outside-hours',
      next: { date: '2027-03-28', day: 'su', time: '01:00', inDays: 1, exception: night },
    });
  });

  test('in La Réunion the exception follows the site’s own calendar date', () => {
    const closure = closed('2026-12-24', '2026-12-24', 'congés');
    // 21:00 UTC on 23 December is already 01:00 on the 24th in La Réunion (UTC+4).
    const status = openingStatus(CAEN, { now: new Date('2026-12-23T21:00:00Z'), department: '974', exceptions: [closure] });
    assert.equal(status.state === 'closed' && status.reason, 'exception');
    // In Caen it is still the evening of the 23rd.
    const inCaen = caenAt('2026-12-23T21:00:00Z', [closure]);
    assert.equal(inCaen.state === 'closed' && inCaen.reason, 'outside-hours');
  });

  test('a week without hours stays unknown, except on a day an exception covers', () => {
    const now = new Date('2026-12-24T10:00:00Z');
    assert.deepEqual(openingStatus(emptyWeek(), { now, department: '75', exceptions: [] }), { state: 'unknown' });
    assert.deepEqual(openingStatus(emptyWeek(), { now, department: '75', exceptions: [CHRISTMAS_EVE] }), {
      state: 'closed',
      reason: 'exception',
      exception: CHRISTMAS_EVE,
      next: null,
    });
  });
});

describe('weekWithDates with exceptions', () => {
  test('the closure’s day has no hours and names the exception; exceptional hours replace a holiday', () => {
    const christmas = hours('2026-12-25', '2026-12-25', '10:00', '12:00', 'permanence de Noël');
    const days = weekWithDates(CAEN, { now: new Date('2026-12-21T08:00:00Z'), department: '14', exceptions: [CHRISTMAS_EVE, christmas] });
    assert.deepEqual(
      days.map((day) => [
        day.date,
        day.ranges.map((range) => `${range.opens}-${range.closes}`).join(','),
        day.exception?.reason ?? day.holiday ?? '',
      ]),
      [
        ['2026-12-21', '09:00-12:00,13:00-18:00', ''],
        ['2026-12-22', '09:00-12:00,13:00-18:00', ''],
        ['2026-12-23', '09:00-12:00,13:00-18:00', ''],
        ['2026-12-24', '', 'fermeture exceptionnelle'],
        ['2026-12-25', '10:00-12:00', 'permanence de Noël'],
        ['2026-12-26', '', ''],
        ['2026-12-27', '', ''],
      ],
    );
    assert.equal(days[4]!.holiday, undefined);
  });
});

describe('exceptionOn', () => {
  test('the most specific exception covering a date', () => {
    const long = closed('2026-12-01', '2026-12-31', 'travaux');
    const inside = hours('2026-12-10', '2026-12-12', '09:00', '12:00', 'accueil provisoire');
    assert.equal(exceptionOn('2026-11-30', [long, inside]), undefined);
    assert.equal(exceptionOn('2026-12-01', [long, inside]), long);
    assert.equal(exceptionOn('2026-12-11', [long, inside]), inside);
    assert.equal(exceptionOn('2026-12-11', [inside, long]), inside);
    assert.equal(exceptionOn('2026-12-31', [long, inside]), long);
    assert.equal(exceptionOn('2026-12-31', undefined), undefined);
  });
});

describe('toOsmOpeningHours with exceptions', () => {
  test('dated rules after the week and PH off', () => {
    assert.equal(toOsmOpeningHours(CAEN, [CHRISTMAS_EVE]), 'Mo-Fr 09:00-12:00,13:00-18:00; PH off; 2026 Dec 24 off');
    assert.equal(
      toOsmOpeningHours(SAINT_TRIVIER, [
        hours('2027-01-02', '2027-01-02', '09:00', '11:00', 'inventaire'),
        closed('2026-12-24', '2026-12-26', 'congés'),
        closed('2026-12-28', '2027-01-01', 'congés'),
      ]),
      'Tu-Fr 09:00-12:00,14:00-16:30; Sa 09:00-12:00; PH off; ' +
        '2026 Dec 24-2026 Dec 26 off; 2026 Dec 28-2027 Jan 01 off; 2027 Jan 02 09:00-11:00',
    );
    // Several ranges on an exceptional day; the contract's `id` is not needed.
    assert.equal(
      toOsmOpeningHours(CAEN, [
        {
          id: 'x',
          starts_on: '2026-12-31',
          ends_on: '2026-12-31',
          closed: false,
          hours: [
            { opens: '14:00', closes: '16:00' },
            { opens: '09:00', closes: '11:00' },
          ],
          reason: 'réveillon',
        },
      ]),
      'Mo-Fr 09:00-12:00,13:00-18:00; PH off; 2026 Dec 31 09:00-11:00,14:00-16:00',
    );
    // Backward compatible: no exceptions, the same string as before.
    assert.equal(toOsmOpeningHours(CAEN), 'Mo-Fr 09:00-12:00,13:00-18:00; PH off');
    assert.equal(toOsmOpeningHours(emptyWeek(), [CHRISTMAS_EVE]), null);
  });

  test('round trip: the OSM string read back gives the same hours as weekWithDates, day by day', () => {
    const exceptions = [
      HOLIDAYS,
      hours('2026-12-25', '2026-12-25', '10:00', '12:00', 'permanence de Noël'),
      hours('2027-01-02', '2027-01-09', '09:00', '12:00', 'horaires réduits'),
      closed('2027-01-06', '2027-01-06', 'formation'),
    ];
    const schedule = parseOsmOpeningHours(toOsmOpeningHours(SAINT_TRIVIER, exceptions)!);
    for (let offset = 0; offset < 28; offset += 7) {
      const now = new Date(`${addDays('2026-12-14', offset)}T12:00:00Z`);
      for (const day of weekWithDates(SAINT_TRIVIER, { now, department: '01', exceptions })) {
        const expected = day.holiday ? [] : day.ranges.map((range) => ({ date: day.date, ...range }));
        assert.deepEqual(sessionsOn(schedule, day.date, '01'), expected, day.date);
      }
    }
  });

  test('the parser reads dates and date ranges with their year, and refuses impossible ones', () => {
    const schedule = parseOsmOpeningHours('Mo-Fr 09:00-12:00; PH off; 2026 Dec 24-26 off; 2027 Jan 2 10:00-11:00');
    assert.deepEqual(
      schedule.rules.map((rule) => (rule.kind === 'hours' ? rule.dates : null)),
      [null, null, { from: '2026-12-24', to: '2026-12-26' }, { from: '2027-01-02', to: '2027-01-02' }],
    );
    assert.deepEqual(sessionsOn(schedule, '2026-12-24', '14'), []);
    assert.deepEqual(sessionsOn(schedule, '2026-12-23', '14'), [{ date: '2026-12-23', opens: '09:00', closes: '12:00' }]);
    assert.deepEqual(sessionsOn(schedule, '2027-01-02', '14'), [{ date: '2027-01-02', opens: '10:00', closes: '11:00' }]);
    assert.throws(() => parseOsmOpeningHours('2026 Feb 30 off'), /2026 Feb 30 is not a date/);
    assert.throws(() => parseOsmOpeningHours('2026 Dec 26-2026 Dec 24 off'), /ends before it starts/);
    assert.throws(() => parseOsmOpeningHours('2026 Dec 24- off'), /expected a date or a day after "-"/);
  });
});
