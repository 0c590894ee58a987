/**
 * Opening hours of France services sites: reading the ANCT list, OpenStreetMap syntax,
 * French public holidays, local time zones, and "open now / next opening" status.
 * No runtime dependency: runs in browsers and in Node.
 */
export { OpeningHoursError, parseAnctDay, readAnctWeek, weekFromAnct, type AnctHoursRow, type AnctWeekReading } from './anct-hours.js';
export { departmentOf } from './department.js';
export { exceptionOn, exceptionRanges, type OpeningException } from './exceptions.js';
export { easterSunday, isPublicHoliday, publicHolidays, type Holiday, type HolidayKey } from './holidays.js';
export { exceptionToOsm, toOsmOpeningHours, weeklyMinutes } from './osm.js';
export {
  isoWeek,
  nextSessions,
  OsmOpeningHoursError,
  parseOsmOpeningHours,
  sessionsOn,
  type NextSessionsOptions,
  type OsmRule,
  type OsmSchedule,
  type Session,
} from './osm-rules.js';
export {
  checkPermanenceRule,
  permanenceDates,
  osmDate,
  osmYears,
  permanenceOn,
  permanenceOsmRules,
  permanenceToOsm,
  RecurrenceError,
  type OsmRulePart,
  type PermanenceDate,
  type PermanenceDatesOptions,
  type PermanenceOsmOptions,
  type PermanenceRule,
} from './recurrence.js';
export {
  openingStatus,
  weekWithDates,
  type DayWithDate,
  type NextOpening,
  type OpeningStatus,
  type OpeningStatusOptions,
} from './status.js';
export { openPeriods, type MinuteRange } from './time-of-day.js';
export { addDays, dayKeyOf, timeZoneForDepartment, zonedInstant, zonedParts, type ZonedParts } from './time-zone.js';
export { DAY_KEYS, emptyWeek, hasHours } from './week.js';
