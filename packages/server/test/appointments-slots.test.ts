import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExceptionalHours, Week } from '@fs-widgets/contract';
import { freeSlots, slotAt, type SlotContext } from '../src/appointments/slots.js';

/**
 * The slots engine on its own, at fixed instants: a site open Monday to Friday 09:00–12:00 and
 * 14:00–16:00 (Paris), 30-minute slots. Expected times are written as Paris wall-clock times and
 * read back with Intl, independently of the engine.
 */
const WEEK: Week = {
  mo: [
    { opens: '09:00', closes: '12:00' },
    { opens: '14:00', closes: '16:00' },
  ],
  tu: [
    { opens: '09:00', closes: '12:00' },
    { opens: '14:00', closes: '16:00' },
  ],
  we: [{ opens: '09:00', closes: '12:00' }],
  th: [
    { opens: '09:00', closes: '12:00' },
    { opens: '14:00', closes: '16:00' },
  ],
  fr: [{ opens: '09:00', closes: '12:00' }],
  sa: [],
  su: [],
};

const paris = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

function context(fields: Partial<SlotContext> & { now: Date }, exceptions: ExceptionalHours[] = []): SlotContext {
  return {
    site: { hours: WEEK, exceptions, time_zone: 'Europe/Paris', address: { department: '48' } as SlotContext['site']['address'] },
    settings: { duration_minutes: 30, capacity: 2, horizon_days: 60, min_notice_minutes: 0 },
    taken: [],
    blocks: [],
    ...fields,
  };
}

const times = (days: ReturnType<typeof freeSlots>) => Object.fromEntries(days.map((d) => [d.date, d.slots.map((s) => s.time)]));

test('slots follow the hours on a 30-minute grid from each range’s start; no weekend, no public holiday (Christmas)', () => {
  const days = freeSlots(context({ now: new Date('2026-12-20T12:00:00Z') }), '2026-12-21', 7);
  assert.deepEqual(Object.keys(times(days)), ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24']);
  assert.deepEqual(times(days)['2026-12-21'], ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '14:00', '14:30', '15:00', '15:30']);
  assert.deepEqual(times(days)['2026-12-23'], ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
  const first = days[0]!.slots[0]!;
  assert.equal(paris(first.start), '2026-12-21 09:00');
  assert.equal(paris(first.end), '2026-12-21 09:30');
  assert.equal(first.seats_left, 2);
  // A 45-minute slot must end within its range: 09:00, 09:45, 10:30, 11:15 (not 12:00), then 14:00, 14:45.
  const long = context({
    now: new Date('2026-12-20T12:00:00Z'),
    settings: { duration_minutes: 45, capacity: 1, horizon_days: 60, min_notice_minutes: 0 },
  });
  assert.deepEqual(times(freeSlots(long, '2026-12-21', 1))['2026-12-21'], ['09:00', '09:45', '10:30', '11:15', '14:00', '14:45']);
});

test('an exceptional closure removes its days; exceptional hours replace the week (and open on a holiday)', () => {
  const closure: ExceptionalHours = {
    id: 'c1',
    starts_on: '2027-01-04',
    ends_on: '2027-01-05',
    closed: true,
    hours: [],
    reason: 'formation',
  } as ExceptionalHours;
  const special: ExceptionalHours = {
    id: 'c2',
    starts_on: '2027-01-01',
    ends_on: '2027-01-01',
    closed: false,
    hours: [{ opens: '10:00', closes: '11:00' }],
    reason: 'permanence exceptionnelle',
  } as ExceptionalHours;
  const days = times(freeSlots(context({ now: new Date('2026-12-30T12:00:00Z') }, [closure, special]), '2027-01-01', 7));
  assert.deepEqual(days, {
    '2027-01-01': ['10:00', '10:30'],
    '2027-01-06': ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'],
    '2027-01-07': ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '14:00', '14:30', '15:00', '15:30'],
  });
});

test('no slot in the past or inside the minimum notice; none beyond the horizon', () => {
  // Monday 2026-12-21 10:10 in Paris (09:10 UTC), notice 60 min: the first slot is 11:30 (11:10 is not on the grid).
  const now = new Date('2026-12-21T09:10:00Z');
  const notice = context({ now, settings: { duration_minutes: 30, capacity: 1, horizon_days: 2, min_notice_minutes: 60 } });
  const days = times(freeSlots(notice, '2026-12-21', 7));
  assert.deepEqual(days['2026-12-21'], ['11:30', '14:00', '14:30', '15:00', '15:30']);
  // Horizon 2 days: today, Tuesday and Wednesday only.
  assert.deepEqual(Object.keys(days), ['2026-12-21', '2026-12-22', '2026-12-23']);
  assert.equal(slotAt(notice, new Date('2026-12-21T09:30:00Z')).refusal, 'notice'); // 10:30 Paris
  assert.equal(slotAt(notice, new Date('2026-12-21T08:00:00Z')).refusal, 'past'); // 09:00 Paris
  assert.equal(slotAt(notice, new Date('2026-12-24T08:00:00Z')).refusal, 'horizon'); // Thursday 09:00
  assert.equal(slotAt(notice, new Date('2026-12-22T08:10:00Z')).refusal, 'not-a-slot'); // 09:10, off the grid
  assert.equal(slotAt(notice, new Date('2026-12-22T12:00:00Z')).refusal, 'not-a-slot'); // 13:00, the lunch break
  assert.equal(slotAt(notice, new Date('2026-12-22T08:00:00Z')).refusal, null);
});

test('taken seats and blocks: a slot is offered while a seat is left, never in a block', () => {
  const now = new Date('2026-12-20T12:00:00Z');
  const at = (hhmm: string) => new Date(`2026-12-21T${hhmm}:00+01:00`).toISOString();
  const c = context({
    now,
    taken: [
      { starts_at: at('09:00'), ends_at: at('09:30') },
      { starts_at: at('09:00'), ends_at: at('09:30') },
      { starts_at: at('09:30'), ends_at: at('10:00') },
    ],
    blocks: [{ starts_at: at('10:15'), ends_at: at('11:00') }],
  });
  const day = freeSlots(c, '2026-12-21', 1)[0]!;
  assert.deepEqual(
    day.slots.map((s) => `${s.time}/${s.seats_left}`),
    ['09:30/1', '11:00/2', '11:30/2', '14:00/2', '14:30/2', '15:00/2', '15:30/2'],
  );
  assert.equal(slotAt(c, new Date(at('09:00'))).refusal, 'full');
  assert.equal(slotAt(c, new Date(at('10:30'))).refusal, 'blocked');
});

test('summer time: the same wall-clock slots across the last Sundays of March and October, at UTC+1 then UTC+2 and back', () => {
  const march = freeSlots(context({ now: new Date('2027-03-20T12:00:00Z') }), '2027-03-26', 5);
  // Sunday 28 March 2027 is both the change and Easter: Monday 29 is Easter Monday, a holiday.
  assert.deepEqual(Object.keys(times(march)), ['2027-03-26', '2027-03-30']);
  // Friday before the change: 09:00 Paris is 08:00 UTC; Tuesday after: 07:00 UTC.
  assert.equal(march[0]!.slots[0]!.start, '2027-03-26T08:00:00.000Z');
  assert.equal(march[1]!.slots[0]!.start, '2027-03-30T07:00:00.000Z');
  assert.equal(march[1]!.slots.at(-1)!.end, '2027-03-30T14:00:00.000Z'); // 16:00 Paris, summer time
  for (const day of march) for (const slot of day.slots) assert.equal(paris(slot.start).slice(11), slot.time);

  const october = freeSlots(context({ now: new Date('2027-10-20T12:00:00Z') }), '2027-10-29', 5);
  assert.deepEqual(Object.keys(times(october)), ['2027-10-29', '2027-11-02']); // Monday 1 November: All Saints' Day
  assert.equal(october[0]!.slots[0]!.start, '2027-10-29T07:00:00.000Z');
  assert.equal(october[1]!.slots[0]!.start, '2027-11-02T08:00:00.000Z');
  for (const day of october) for (const slot of day.slots) assert.equal(paris(slot.start).slice(11), slot.time);
  // A slot found by its instant on either side of the change.
  assert.equal(slotAt(context({ now: new Date('2027-10-20T12:00:00Z') }), new Date('2027-11-02T08:00:00Z')).refusal, null);
  assert.equal(slotAt(context({ now: new Date('2027-10-20T12:00:00Z') }), new Date('2027-11-02T07:00:00Z')).refusal, 'not-a-slot');
});

test('a permanence: its own sessions (2nd Tuesday of the month), not the site’s hours; none on a closure or a holiday', () => {
  const rule = {
    recurrence: { freq: 'monthly' as const, nth: [2 as const], day: 'tu' as const },
    opens: '13:30',
    closes: '15:00',
    starts_on: null,
    ends_on: null,
  };
  const closure = {
    id: 'c',
    starts_on: '2027-02-09',
    ends_on: '2027-02-09',
    closed: true,
    hours: [],
    reason: 'fermé',
  } as unknown as ExceptionalHours;
  const c = context({ now: new Date('2026-12-20T12:00:00Z'), permanence: rule }, [closure]);
  const days = times(freeSlots(c, '2027-01-01', 31));
  // 12 January 2027 is the 2nd Tuesday: 13:30, 14:00, 14:30 (the site itself closes at 16:00 but opens at 14:00).
  assert.deepEqual(days, { '2027-01-12': ['13:30', '14:00', '14:30'] });
  assert.deepEqual(times(freeSlots({ ...c, settings: { ...c.settings, horizon_days: 90 } }, '2027-02-01', 28)), {});
  // 11 November 2025 was a 2nd Tuesday and a public holiday: no session.
  const armistice = context({ now: new Date('2025-11-01T12:00:00Z'), permanence: rule });
  assert.deepEqual(times(freeSlots(armistice, '2025-11-01', 30)), {});
});
