import type { DayKey, InvalidParam, Week } from '@fs-widgets/contract';
import { DAY_KEYS } from '@fs-widgets/opening-hours';

/** At most this many ranges a day (the contract's `Week`). */
export const MAX_RANGES = 6;

/** One range as typed (`HH:MM` from `<input type="time">`, `''` while empty). */
export interface RangeDraft {
  opens: string;
  closes: string;
}

/** A day being edited: closed, or its ranges (kept while « Fermé ce jour-là » is ticked, so unticking brings them back). */
export interface DayDraft {
  closed: boolean;
  ranges: RangeDraft[];
}

export type HoursDraft = Record<DayKey, DayDraft>;

/** What is wrong with a range, by `<day>-<index>`: told at the range's fields. */
export type HourError = 'missing' | 'order' | 'overlap' | 'server';
export type HourErrors = Partial<Record<string, HourError>>;

export const rangeKey = (day: DayKey, index: number) => `${day}-${index}`;

export function hoursDraftOf(week: Week): HoursDraft {
  return Object.fromEntries(
    DAY_KEYS.map((day) => {
      const ranges = (week[day] ?? []).map((r) => ({ opens: r.opens, closes: r.closes }));
      return [day, { closed: ranges.length === 0, ranges }];
    }),
  ) as HoursDraft;
}

/** The week to send: a closed day has no ranges. */
export function weekOf(draft: HoursDraft): Week {
  return Object.fromEntries(
    DAY_KEYS.map((day) => [day, draft[day].closed ? [] : draft[day].ranges.map((r) => ({ opens: r.opens, closes: r.closes }))]),
  ) as Week;
}

const minutes = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** The checks the server makes too, told before sending: both times given, closing after opening, in order without overlap. */
export function checkHours(draft: HoursDraft): HourErrors {
  const errors: HourErrors = {};
  for (const day of DAY_KEYS) {
    if (draft[day].closed) continue;
    let previousClose = -1;
    draft[day].ranges.forEach((r, i) => {
      const key = rangeKey(day, i);
      if (!r.opens || !r.closes) errors[key] = 'missing';
      else if (minutes(r.closes) <= minutes(r.opens)) errors[key] = 'order';
      else if (minutes(r.opens) < previousClose) errors[key] = 'overlap';
      if (r.closes) previousClose = Math.max(previousClose, minutes(r.closes));
    });
  }
  return errors;
}

/**
 * The server's refusals put at their range: `hours.tu.1.closes` (or `/hours/tu/1`) → `tu-1`. A
 * refusal of a whole day goes to its first range; anything else is told above the form.
 */
export function hourErrorsOf(params: readonly InvalidParam[]): HourErrors {
  const errors: HourErrors = {};
  for (const { name, reason } of params) {
    const match = /hours[./](mo|tu|we|th|fr|sa|su)(?:[./](\d+))?/.exec(name);
    if (!match) continue;
    const key = rangeKey(match[1] as DayKey, Number(match[2] ?? 0));
    errors[key] ??= /after|before|order/i.test(reason) ? 'order' : /overlap/i.test(reason) ? 'overlap' : 'server';
  }
  return errors;
}

/** The id of the first field at fault (focused after a refusal). */
export function firstErrorField(errors: HourErrors): string | undefined {
  for (const day of DAY_KEYS) {
    for (let i = 0; i < MAX_RANGES; i++) {
      const error = errors[rangeKey(day, i)];
      if (error) return `${day}-${i}-${error === 'order' ? 'closes' : 'opens'}`;
    }
  }
  return undefined;
}
