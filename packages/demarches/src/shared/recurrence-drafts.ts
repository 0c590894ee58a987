import type { DayKey, Recurrence } from '@fs-widgets/contract';
import { MONTHLY_ORDINALS } from '@fs-widgets/contract/codes';
import { DAY_KEYS } from '@fs-widgets/opening-hours';
import type { RecurrenceBuilderStrings } from '../strings/recurrence-builder-strings.js';

/**
 * The recurrence builder's draft (what an agent is choosing), the contract's `Recurrence` it
 * sends, its checks before sending and the server's refusals at its fields: the builder's logic,
 * apart from its template (`recurrence-builder.ts`), so an element can check and send without
 * loading the forms.
 */

/** The builder's choices. `appointment` is only offered where the contract allows it (permanences, not stops). */
export type Freq = 'weekly' | 'every-n-weeks' | 'monthly' | 'appointment' | 'dates';

export const ALL_FREQS: readonly Freq[] = ['weekly', 'every-n-weeks', 'monthly', 'dates', 'appointment'];
/** The contract's `maxItems` of `dates`. */
export const MAX_DATES = 60;

export interface RecurrenceDraft {
  freq: Freq;
  /** Weeks between two sessions, for `every-n-weeks` (2 to 4). */
  interval: number;
  days: DayKey[];
  day: DayKey | '';
  nth: number[];
  /** One-off dates (YYYY-MM-DD), sorted. */
  dates: string[];
  /** The date typed in the "date to add" field, not added yet. */
  pendingDate: string;
}

/** The builder's fields; errors are keyed by them. `newDate` is the "date to add" field. */
export type RecurrenceField = 'freq' | 'interval' | 'days' | 'nth' | 'day' | 'dates' | 'newDate';
export type RecurrenceErrors = Partial<Record<RecurrenceField, string>>;

export const emptyRecurrenceDraft = (): RecurrenceDraft => ({
  freq: 'weekly',
  interval: 2,
  days: [],
  day: '',
  nth: [],
  dates: [],
  pendingDate: '',
});

/** A saved recurrence as a draft. */
export function recurrenceDraftOf(r: Recurrence): RecurrenceDraft {
  return {
    ...emptyRecurrenceDraft(),
    freq: r.freq === 'weekly' ? (r.interval > 1 ? 'every-n-weeks' : 'weekly') : r.freq,
    interval: r.freq === 'weekly' && r.interval > 1 ? r.interval : 2,
    days: r.freq === 'weekly' ? [...r.days] : [],
    day: r.freq === 'monthly' ? r.day : '',
    nth: r.freq === 'monthly' ? [...r.nth] : [],
    dates: r.freq === 'dates' ? [...r.dates].sort() : [],
  };
}

/** What is sent. */
export function recurrenceOf(d: RecurrenceDraft): Recurrence {
  switch (d.freq) {
    case 'appointment':
      return { freq: 'appointment' };
    case 'monthly':
      return { freq: 'monthly', day: d.day as DayKey, nth: MONTHLY_ORDINALS.filter((n) => d.nth.includes(n)) };
    case 'dates':
      return { freq: 'dates', dates: [...d.dates].sort() };
    default:
      return {
        freq: 'weekly',
        days: DAY_KEYS.filter((day) => d.days.includes(day)),
        interval: d.freq === 'every-n-weeks' ? d.interval : 1,
      };
  }
}

/** Missing choices, said before sending. */
export function checkRecurrence(d: RecurrenceDraft, s: RecurrenceBuilderStrings): RecurrenceErrors {
  const e = s.fieldErrors;
  const errors: RecurrenceErrors = {};
  if ((d.freq === 'weekly' || d.freq === 'every-n-weeks') && d.days.length === 0) errors.days = e.days;
  if (d.freq === 'monthly') {
    if (d.nth.length === 0) errors.nth = e.nth;
    if (!d.day) errors.day = e.day;
  }
  if (d.freq === 'dates' && d.dates.length === 0) errors.dates = e.dates;
  return errors;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Adds the pending date to the list: the new draft, or the reason it is not added (no date, not a
 * date, past, already there, the list full). `today` is the site's (or the device's) date.
 */
export function addPendingDate(
  d: RecurrenceDraft,
  today: string,
  s: RecurrenceBuilderStrings,
): { draft: RecurrenceDraft; error?: undefined } | { draft?: undefined; error: string } {
  const e = s.fieldErrors;
  const date = d.pendingDate.trim();
  if (!date) return { error: e.dateMissing };
  if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(`${date}T12:00:00Z`))) return { error: e.dateInvalid };
  if (date < today) return { error: e.datePast };
  if (d.dates.includes(date)) return { error: e.dateTwice };
  if (d.dates.length >= MAX_DATES) return { error: e.datesMax };
  return { draft: { ...d, dates: [...d.dates, date].sort(), pendingDate: '' } };
}

/**
 * The builder's field named by the API (`invalid_params[].name`, relative to the recurrence:
 * `days`, `nth/0`, `dates/3`…), for the chosen kind only: a union's report names the fields of
 * every kind of recurrence.
 */
export function recurrenceFieldOf(name: string, freq: Freq | undefined): RecurrenceField | undefined {
  const n = name.replace(/^[./]/, '');
  const field: RecurrenceField | undefined = n.startsWith('days')
    ? 'days'
    : n.startsWith('nth')
      ? 'nth'
      : n === 'day'
        ? 'day'
        : n === 'interval'
          ? 'interval'
          : n.startsWith('dates')
            ? 'dates'
            : 'freq';
  if ((field === 'days' || field === 'interval') && freq !== 'weekly' && freq !== 'every-n-weeks') return undefined;
  if ((field === 'nth' || field === 'day') && freq !== 'monthly') return undefined;
  if (field === 'dates' && freq !== 'dates') return undefined;
  return field;
}
