import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Recurrence } from '@fs-widgets/contract';
import { checkPermanenceRule, permanenceDates, permanenceOn, permanenceToOsm, RecurrenceError, type PermanenceRule } from '../src/index.js';

const rule = (recurrence: Recurrence, extra: Partial<PermanenceRule> = {}): PermanenceRule => ({
  recurrence,
  opens: '09:00',
  closes: '12:00',
  starts_on: null,
  ends_on: null,
  ...extra,
});

/** Friday 27 November 2026, 10:00 in Paris. */
const NOW = new Date('2026-11-27T09:00:00Z');
const dates = (r: PermanenceRule, department = '48', count = 3, now = NOW) =>
  permanenceDates(r, { now, department, count }).map((d) => d.date);

describe('permanence recurrences', () => {
  test('"2e mardi du mois": the second Tuesday of each month', () => {
    assert.deepEqual(dates(rule({ freq: 'monthly', day: 'tu', nth: [2] })), ['2026-12-08', '2027-01-12', '2027-02-09']);
  });

  test('the last Monday of the month, Easter Monday skipped (a public holiday)', () => {
    const lastMonday = rule({ freq: 'monthly', day: 'mo', nth: [-1] });
    // 29 March 2027 is Easter Monday: no permanence that month, the next one is the last Monday of April.
    assert.equal(permanenceOn(lastMonday, '2027-03-29', '48'), false);
    assert.deepEqual(dates(lastMonday, '48', 4), ['2026-11-30', '2026-12-28', '2027-01-25', '2027-02-22']);
    assert.deepEqual(dates(lastMonday, '48', 1, new Date('2027-03-01T09:00:00Z')), ['2027-04-26']);
  });

  test('weekly on Fridays: Christmas and New Year’s Day are skipped', () => {
    const fridays = rule({ freq: 'weekly', days: ['fr'], interval: 1 });
    // Today (Friday 27 November, 10:00) counts: the permanence closes at 12:00.
    assert.deepEqual(dates(fridays, '48', 6), ['2026-11-27', '2026-12-04', '2026-12-11', '2026-12-18', '2027-01-08', '2027-01-15']);
  });

  test('today no longer counts once the permanence has closed', () => {
    const fridays = rule({ freq: 'weekly', days: ['fr'], interval: 1 });
    assert.equal(dates(fridays, '48', 1, new Date('2026-11-27T11:00:00Z'))[0], '2026-12-04');
  });

  test('Alsace-Moselle: Good Friday is a holiday in the Moselle, not in the Lozère', () => {
    const fridays = rule({ freq: 'weekly', days: ['fr'], interval: 1 });
    assert.equal(permanenceOn(fridays, '2027-03-26', '57'), false);
    assert.equal(permanenceOn(fridays, '2027-03-26', '48'), true);
  });

  test('every other week counts from the week of starts_on', () => {
    const everyOther = rule({ freq: 'weekly', days: ['tu', 'th'], interval: 2 }, { starts_on: '2026-11-17' });
    assert.deepEqual(dates(everyOther, '48', 4), ['2026-12-01', '2026-12-03', '2026-12-15', '2026-12-17']);
  });

  test('bounds: nothing before starts_on, nothing after ends_on', () => {
    const bounded = rule({ freq: 'weekly', days: ['mo'], interval: 1 }, { starts_on: '2026-12-07', ends_on: '2026-12-21' });
    assert.deepEqual(dates(bounded, '48', 5), ['2026-12-07', '2026-12-14', '2026-12-21']);
  });

  test('by appointment only: no dates', () => {
    assert.deepEqual(dates(rule({ freq: 'appointment' }, { opens: null, closes: null })), []);
  });

  test('overseas: today is the site’s own day (Réunion is 3 hours ahead)', () => {
    const saturdays = rule({ freq: 'weekly', days: ['sa'], interval: 1 }, { opens: '08:00', closes: '11:00' });
    // 22:30 UTC on Friday is already Saturday 02:30 in Réunion.
    assert.equal(dates(saturdays, '974', 1, new Date('2026-11-27T22:30:00Z'))[0], '2026-11-28');
    assert.equal(dates(saturdays, '48', 1, new Date('2026-11-27T22:30:00Z'))[0], '2026-11-28');
  });

  test('rules that cannot give dates are refused with the field at fault', () => {
    const fails = (r: PermanenceRule, field: string) =>
      assert.throws(
        () => checkPermanenceRule(r),
        (e: unknown) => e instanceof RecurrenceError && e.field === field,
      );
    fails(rule({ freq: 'weekly', days: ['mo'], interval: 2 }), 'starts_on');
    fails(rule({ freq: 'weekly', days: ['mo'], interval: 1 }, { closes: '08:00' }), 'closes');
    fails(rule({ freq: 'weekly', days: ['mo'], interval: 1 }, { closes: null }), 'closes');
    fails(rule({ freq: 'weekly', days: ['mo'], interval: 1 }, { starts_on: '2027-01-10', ends_on: '2027-01-01' }), 'ends_on');
    fails(rule({ freq: 'appointment' }), 'opens');
    checkPermanenceRule(rule({ freq: 'appointment' }, { opens: null, closes: null }));
  });

  test('OpenStreetMap rules for exports, null when OSM cannot say it', () => {
    assert.equal(permanenceToOsm(rule({ freq: 'monthly', day: 'tu', nth: [-1, 2] })), 'Tu[2,-1] 09:00-12:00; PH off');
    assert.equal(permanenceToOsm(rule({ freq: 'weekly', days: ['th', 'mo'], interval: 1 })), 'Mo,Th 09:00-12:00; PH off');
    // Every N weeks is written per ISO year (osm-every-n-weeks.test.ts).
    assert.equal(
      permanenceToOsm(rule({ freq: 'weekly', days: ['mo'], interval: 2 }, { starts_on: '2026-11-02' }), { today: '2026-11-27' }),
      '2026 Nov 02-2027 Jan 03 week 01-53/2 Mo 09:00-12:00, 2027 Jan 04-2028 Jan 02 week 02-52/2 Mo 09:00-12:00; PH off',
    );
    assert.equal(permanenceToOsm(rule({ freq: 'appointment' }, { opens: null, closes: null })), null);
  });
});
