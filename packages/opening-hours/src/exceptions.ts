import type { ExceptionalHours, TimeRange } from '@fs-widgets/contract';
import { sortedRanges } from './week.js';

/**
 * An exception to the weekly hours (issue 16): closed, or open at other hours, from
 * `starts_on` to `ends_on` inclusive (local calendar dates, `YYYY-MM-DD`). The contract's
 * `ExceptionalHours` without its `id`, which is not needed here.
 */
export type OpeningException = Pick<ExceptionalHours, 'starts_on' | 'ends_on' | 'closed' | 'hours' | 'reason'> & {
  readonly id?: string;
};

/** The hours of one day covered by an exception: none when it is closed. */
export function exceptionRanges(exception: OpeningException): TimeRange[] {
  return exception.closed ? [] : sortedRanges(exception.hours);
}

/**
 * The exception covering a local date (`YYYY-MM-DD`), if any. When several cover it, the most
 * specific wins: the one starting last, then the shortest, then the last given.
 */
export function exceptionOn<E extends OpeningException>(date: string, exceptions: readonly E[] | undefined): E | undefined {
  let found: E | undefined;
  for (const exception of exceptions ?? []) {
    if (exception.starts_on > date || exception.ends_on < date) continue;
    if (
      !found ||
      exception.starts_on > found.starts_on ||
      (exception.starts_on === found.starts_on && exception.ends_on <= found.ends_on)
    ) {
      found = exception;
    }
  }
  return found;
}

/** The last day (`YYYY-MM-DD`) covered by any of the exceptions, or undefined without any. */
export function lastExceptionDay(exceptions: readonly OpeningException[] | undefined): string | undefined {
  let last: string | undefined;
  for (const exception of exceptions ?? []) if (!last || exception.ends_on > last) last = exception.ends_on;
  return last;
}
