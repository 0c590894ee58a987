import { invalidParam } from './problem.js';

/** A clock a few minutes ahead (a kiosk's, a phone's) is not a record from the future. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Older records come from an outbox forgotten for weeks: the period they belong to is closed. */
export const MAX_AGE_DAYS = 30;

/**
 * Checks a client's date-time field (`answered_at`, `acted_at`): at most 5 minutes ahead of the
 * server clock and at most 30 days old; otherwise a 400 problem naming the field.
 */
export function checkRecentInstant(name: string, value: string, now: Date): void {
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) throw invalidParam(name, 'must be an ISO 8601 date-time, e.g. 2026-11-30T09:00:00Z');
  if (instant > now.getTime() + CLOCK_SKEW_MS) {
    throw invalidParam(name, 'is in the future (more than 5 minutes ahead of the server clock)');
  }
  if (instant < now.getTime() - MAX_AGE_DAYS * 86_400_000) {
    throw invalidParam(name, `is more than ${MAX_AGE_DAYS} days old: such records are no longer accepted`);
  }
}
