import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Permanence, Recurrence } from '@fs-widgets/contract';
import { nextDatesText, permanenceText, recurrenceText, sessionText } from '../src/i18n/permanence-text.js';
import { en } from '../src/i18n/strings.en.js';
import { fr } from '../src/i18n/strings.fr.js';

const permanence = (recurrence: Recurrence, extra: Partial<Permanence> = {}): Permanence => ({
  id: 'p1',
  site_id: '2983',
  partner: 'caf',
  local_partner_id: null,
  recurrence,
  opens: '09:00',
  closes: '12:00',
  by_appointment: false,
  starts_on: null,
  ends_on: null,
  note: null,
  opening_hours: null,
  next: [],
  updated_at: '2026-11-27T09:00:00Z',
  ...extra,
});

/** Tuesdays 8 and 22 December 2026, 12 January 2027. */
const NEXT = [
  { date: '2026-12-08', opens: '09:00', closes: '12:00' },
  { date: '2026-12-22', opens: '09:00', closes: '12:00' },
  { date: '2027-01-12', opens: '09:00', closes: '12:00' },
];

describe('a permanence in plain words, in French', () => {
  const say = (r: Recurrence) => recurrenceText(r, fr);

  test('every week: one day, several days in week order whatever the order given', () => {
    assert.equal(say({ freq: 'weekly', days: ['tu'], interval: 1 }), 'Chaque mardi');
    assert.equal(say({ freq: 'weekly', days: ['th', 'tu'], interval: 1 }), 'Chaque mardi et jeudi');
    assert.equal(say({ freq: 'weekly', days: ['fr', 'mo', 'we'], interval: 1 }), 'Chaque lundi, mercredi et vendredi');
  });

  test('every other week, every 3 or 4 weeks', () => {
    assert.equal(say({ freq: 'weekly', days: ['mo'], interval: 2 }), 'Un lundi sur deux');
    assert.equal(say({ freq: 'weekly', days: ['th', 'tu'], interval: 2 }), 'Toutes les 2 semaines, le mardi et le jeudi');
    assert.equal(say({ freq: 'weekly', days: ['mo'], interval: 3 }), 'Toutes les 3 semaines, le lundi');
    assert.equal(say({ freq: 'weekly', days: ['mo', 'fr'], interval: 4 }), 'Toutes les 4 semaines, le lundi et le vendredi');
  });

  test('every month: ordinals 1er, 2e… dernier, the day in the plural for several weeks', () => {
    assert.equal(say({ freq: 'monthly', day: 'tu', nth: [2] }), 'Le 2e mardi du mois');
    assert.equal(say({ freq: 'monthly', day: 'mo', nth: [1] }), 'Le 1er lundi du mois');
    assert.equal(say({ freq: 'monthly', day: 'th', nth: [-1] }), 'Le dernier jeudi du mois');
    assert.equal(say({ freq: 'monthly', day: 'tu', nth: [4, 2] }), 'Les 2e et 4e mardis du mois');
    assert.equal(say({ freq: 'monthly', day: 'th', nth: [-1, 1] }), 'Les 1er et dernier jeudis du mois');
    assert.equal(say({ freq: 'monthly', day: 'we', nth: [5, 3, 1] }), 'Les 1er, 3e et 5e mercredis du mois');
    assert.deepEqual([1, 2, 3, 4, 5, -1].map(fr.permanences.ordinal), ['1er', '2e', '3e', '4e', '5e', 'dernier']);
  });

  test('by appointment', () => {
    assert.equal(say({ freq: 'appointment' }), 'Sur rendez-vous');
  });

  test('the whole rule: hours, "sur rendez-vous", from and until', () => {
    assert.equal(permanenceText(permanence({ freq: 'monthly', day: 'tu', nth: [2] }), fr, 'fr'), 'Le 2e mardi du mois, 9 h – 12 h');
    assert.equal(
      permanenceText(
        permanence(
          { freq: 'weekly', days: ['th'], interval: 2 },
          { opens: '14:00', closes: '16:30', by_appointment: true, starts_on: '2027-01-07', ends_on: '2027-06-24' },
        ),
        fr,
        'fr',
      ),
      'Un jeudi sur deux, 14 h – 16 h 30, sur rendez-vous, à partir du 07/01/2027, jusqu’au 24/06/2027',
    );
    // Without hours; "sur rendez-vous" is not said twice.
    assert.equal(
      permanenceText(permanence({ freq: 'appointment' }, { opens: null, closes: null, by_appointment: true }), fr, 'fr'),
      'Sur rendez-vous',
    );
  });

  test('one date with its hours, and the next dates sentence', () => {
    assert.equal(sessionText(NEXT[0]!, fr, 'fr'), 'Mardi 8 décembre, 9 h – 12 h');
    assert.equal(sessionText({ date: '2026-12-08', opens: null, closes: null }, fr, 'fr'), 'Mardi 8 décembre');
    const p = permanence({ freq: 'monthly', day: 'tu', nth: [2, 4] }, { next: NEXT });
    assert.equal(nextDatesText(p, fr, 'fr'), 'Prochaines dates : mardi 8 décembre, mardi 22 décembre et mardi 12 janvier.');
    assert.equal(nextDatesText({ ...p, next: [NEXT[0]!] }, fr, 'fr'), 'Prochaines dates : mardi 8 décembre.');
    assert.equal(nextDatesText({ ...p, next: [] }, fr, 'fr'), 'Aucune date prévue dans les quatre prochains mois.');
    assert.equal(nextDatesText(permanence({ freq: 'appointment' }), fr, 'fr'), null);
  });
});

describe('a permanence in plain words, in English', () => {
  const say = (r: Recurrence) => recurrenceText(r, en);

  test('every week, every other week, every N weeks', () => {
    assert.equal(say({ freq: 'weekly', days: ['th', 'tu'], interval: 1 }), 'Every Tuesday and Thursday');
    assert.equal(say({ freq: 'weekly', days: ['fr', 'mo', 'we'], interval: 1 }), 'Every Monday, Wednesday and Friday');
    assert.equal(say({ freq: 'weekly', days: ['mo'], interval: 2 }), 'Every other Monday');
    assert.equal(say({ freq: 'weekly', days: ['mo'], interval: 3 }), 'Every 3 weeks on Monday');
    assert.equal(say({ freq: 'weekly', days: ['tu', 'th'], interval: 4 }), 'Every 4 weeks on Tuesday and Thursday');
  });

  test('every month: 1st, 2nd, 3rd, 4th, 5th, last; plural for several weeks', () => {
    assert.equal(say({ freq: 'monthly', day: 'tu', nth: [2] }), 'The 2nd Tuesday of the month');
    assert.equal(say({ freq: 'monthly', day: 'th', nth: [-1] }), 'The last Thursday of the month');
    assert.equal(say({ freq: 'monthly', day: 'tu', nth: [4, 2] }), 'The 2nd and 4th Tuesdays of the month');
    assert.equal(say({ freq: 'monthly', day: 'th', nth: [-1, 1] }), 'The 1st and last Thursdays of the month');
    assert.deepEqual([1, 2, 3, 4, 5, -1].map(en.permanences.ordinal), ['1st', '2nd', '3rd', '4th', '5th', 'last']);
  });

  test('by appointment, the whole rule, one date, the next dates', () => {
    assert.equal(say({ freq: 'appointment' }), 'By appointment');
    assert.equal(
      permanenceText(
        permanence(
          { freq: 'monthly', day: 'th', nth: [1, -1] },
          { opens: '13:30', closes: '16:30', by_appointment: true, starts_on: '2027-01-07', ends_on: '2027-06-24' },
        ),
        en,
        'en',
      ),
      'The 1st and last Thursdays of the month, 1:30 pm – 4:30 pm, by appointment, from 7 Jan 2027, until 24 Jun 2027',
    );
    assert.equal(sessionText(NEXT[0]!, en, 'en'), 'Tuesday 8 December, 9 am – 12 pm');
    const p = permanence({ freq: 'monthly', day: 'tu', nth: [2, 4] }, { next: NEXT });
    assert.equal(nextDatesText(p, en, 'en'), 'Next dates: Tuesday 8 December, Tuesday 22 December and Tuesday 12 January.');
    assert.equal(nextDatesText({ ...p, next: [] }, en, 'en'), 'No date planned in the next four months.');
    assert.equal(nextDatesText(permanence({ freq: 'appointment' }), en, 'en'), null);
  });
});
