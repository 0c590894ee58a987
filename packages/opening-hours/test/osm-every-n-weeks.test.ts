/**
 * Rules OSM can only say with dates (issue 16): every N weeks counted from `starts_on`, and rules
 * bounded in time, written per ISO year for the ISO year of `today` and the next. OSM's
 * `week 01-53/2` starts again at week 1 after a 53-week ISO year (2026), while our rule keeps
 * alternating: each year gets its own weeks. Checked against the `opening_hours` npm package (the
 * reference implementation of the syntax, an independent reader): its open intervals over 2026
 * and 2027 are exactly the sessions `permanenceOn` gives, public holidays included.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpeningHours from 'opening_hours';
import type { Recurrence } from '@fs-widgets/contract';
import { addDays, osmYears, permanenceOn, permanenceOsmRules, permanenceToOsm, type PermanenceRule } from '../src/index.js';

const rule = (recurrence: Recurrence, extra: Partial<PermanenceRule> = {}): PermanenceRule => ({
  recurrence,
  opens: '09:00',
  closes: '12:00',
  starts_on: null,
  ends_on: null,
  ...extra,
});

/** The day this session's strings are written (the tests of the real data run on other days: see the server's). */
const TODAY = '2026-12-07';

describe('OSM opening_hours of rules counted from a date', () => {
  test('the ISO years covered: the one of today and the next, 2026 with 53 weeks', () => {
    assert.deepEqual(osmYears(TODAY), [
      { year: 2026, from: '2025-12-29', to: '2027-01-03', weeks: 53 },
      { year: 2027, from: '2027-01-04', to: '2028-01-02', weeks: 52 },
    ]);
    // 1 January 2027 is still in ISO 2026 (its week 53).
    assert.deepEqual(osmYears('2027-01-01')[0]!.year, 2026);
    assert.deepEqual(osmYears('2027-01-04')[0]!.year, 2027);
  });

  test('every other week: each ISO year its own weeks, so that the alternation goes on over week 53', () => {
    // Weeks of 2 November 2026 (week 45, odd): odd weeks in 2026, then week 2 of 2027 (week 53 was a Tuesday).
    assert.equal(
      permanenceToOsm(rule({ freq: 'weekly', days: ['tu'], interval: 2 }, { starts_on: '2026-11-02' }), { today: TODAY }),
      '2026 Nov 02-2027 Jan 03 week 01-53/2 Tu 09:00-12:00, 2027 Jan 04-2028 Jan 02 week 02-52/2 Tu 09:00-12:00; PH off',
    );
    // The other parity, started long ago: the whole ISO year 2026, even weeks; odd ones in 2027.
    assert.equal(
      permanenceToOsm(rule({ freq: 'weekly', days: ['th', 'mo'], interval: 2 }, { starts_on: '2025-01-06' }), { today: TODAY }),
      '2025 Dec 29-2027 Jan 03 week 02-52/2 Mo,Th 09:00-12:00, 2027 Jan 04-2028 Jan 02 week 01-51/2 Mo,Th 09:00-12:00; PH off',
    );
    assert.deepEqual(
      permanenceOsmRules(rule({ freq: 'weekly', days: ['fr'], interval: 4 }, { starts_on: '2026-12-11' }), { today: TODAY }),
      [
        // Weeks 2, 6… 50 of 2026 (before 11 December, the date range says none), then 50 + 4 = week 1 of 2027.
        { selector: '2026 Dec 11-2027 Jan 03 week 02-50/4 Fr', hours: '09:00-12:00' },
        { selector: '2027 Jan 04-2028 Jan 02 week 01-49/4 Fr', hours: '09:00-12:00' },
      ],
    );
  });

  test('bounded in time: written with its dates; a first day before the covered years left out; none left: null', () => {
    const tuesdays: Recurrence = { freq: 'weekly', days: ['tu'], interval: 1 };
    assert.equal(
      permanenceToOsm(rule(tuesdays, { starts_on: '2027-01-05', ends_on: '2027-06-29' }), { today: TODAY }),
      '2027 Jan 05-2027 Jun 29 Tu 09:00-12:00; PH off',
    );
    assert.equal(permanenceToOsm(rule(tuesdays, { starts_on: '2024-03-05' }), { today: TODAY }), 'Tu 09:00-12:00; PH off');
    assert.equal(
      permanenceToOsm(rule({ freq: 'monthly', day: 'tu', nth: [2] }, { starts_on: '2027-02-01' }), { today: TODAY }),
      '2027 Feb 01-2028 Jan 02 Tu[2] 09:00-12:00; PH off',
    );
    assert.equal(
      permanenceToOsm(rule({ freq: 'weekly', days: ['tu'], interval: 2 }, { starts_on: '2026-01-06', ends_on: '2026-06-30' }), {
        today: TODAY,
      }),
      '2026 Jan 06-2026 Jun 30 week 02-52/2 Tu 09:00-12:00; PH off',
    );
    assert.equal(permanenceToOsm(rule(tuesdays, { ends_on: '2025-06-30' }), { today: TODAY }), null);
    assert.equal(
      permanenceToOsm(rule({ freq: 'dates', dates: ['2027-01-12', '2026-12-15', '2027-03-02'] }, { ends_on: '2027-02-01' })),
      '2026 Dec 15 09:00-12:00, 2027 Jan 12 09:00-12:00',
    );
    assert.equal(permanenceToOsm(rule({ freq: 'appointment' }, { opens: null, closes: null })), null);
  });

  test('a single week selector, as OSM numbers weeks, would be wrong from January 2027', () => {
    const everyOther = rule({ freq: 'weekly', days: ['tu'], interval: 2 }, { starts_on: '2026-11-02' });
    const tuesdays = (text: string) =>
      new OpeningHours(text, { lat: 46.03, lon: 0.2, address: { country_code: 'fr', state: 'Nouvelle-Aquitaine' } })
        .getOpenIntervals(new Date(2026, 11, 20), new Date(2027, 1, 1))
        .map(([from]) => from.getDate());
    // Ours: 29 December (week 53), 12 and 26 January. `week 01-53/2` starts again at week 1: 5 and 19 January.
    assert.deepEqual(tuesdays(permanenceToOsm(everyOther, { today: TODAY })!), [29, 12, 26]);
    assert.deepEqual(tuesdays('week 01-53/2 Tu 09:00-12:00; PH off'), [29, 5, 19]);
  });

  describe('the opening_hours package reads the same sessions as ours, over 2026 and 2027', () => {
    // Ruffec (Charente, metropolitan public holidays): local dates and times, read with local getters.
    const NOMINATIM = { lat: 46.03, lon: 0.2, address: { country_code: 'fr', state: 'Nouvelle-Aquitaine' } };
    const pad = (n: number) => String(n).padStart(2, '0');
    const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    const localTime = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

    const cases: [string, PermanenceRule][] = [
      ['every other Tuesday, odd weeks of 2026', rule({ freq: 'weekly', days: ['tu'], interval: 2 }, { starts_on: '2026-11-02' })],
      [
        'every other Monday and Friday, even weeks of 2026',
        rule({ freq: 'weekly', days: ['mo', 'fr'], interval: 2 }, { starts_on: '2025-01-06', opens: '13:30', closes: '16:00' }),
      ],
      ['every third Thursday', rule({ freq: 'weekly', days: ['th'], interval: 3 }, { starts_on: '2025-09-04' })],
      ['every fourth Friday, from 11 December 2026', rule({ freq: 'weekly', days: ['fr'], interval: 4 }, { starts_on: '2026-12-11' })],
      // 1 January 2027 is a Friday of week 53: a Friday rule meets the year's switch in the middle of a week.
      [
        'every other Friday and Saturday, week 53 included',
        rule({ freq: 'weekly', days: ['fr', 'sa'], interval: 2 }, { starts_on: '2026-12-28' }),
      ],
      [
        'Tuesdays from 5 January to 29 June 2027',
        rule({ freq: 'weekly', days: ['tu'], interval: 1 }, { starts_on: '2027-01-05', ends_on: '2027-06-29' }),
      ],
      ['the last Monday of the month, from February 2027', rule({ freq: 'monthly', day: 'mo', nth: [-1] }, { starts_on: '2027-02-01' })],
    ];
    for (const [name, r] of cases) {
      test(name, () => {
        const text = permanenceToOsm(r, { today: TODAY });
        assert.ok(text, 'a string');
        const oh = new OpeningHours(text, NOMINATIM);
        assert.deepEqual(oh.getWarnings(), [], text);
        const theirs = oh
          .getOpenIntervals(new Date(2026, 0, 1), new Date(2028, 0, 1))
          .map(([from, to]) => `${localDate(from)} ${localTime(from)}-${localTime(to)}`);
        const ours: string[] = [];
        for (let date = '2026-01-01'; date < '2028-01-01'; date = addDays(date, 1)) {
          if (permanenceOn(r, date, '16')) ours.push(`${date} ${r.opens}-${r.closes}`);
        }
        assert.ok(ours.length >= 10, `${ours.length} sessions`);
        assert.deepEqual(theirs, ours, text);
      });
    }
  });
});
