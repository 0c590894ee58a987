/**
 * The charter's opening rule, site by site (issue 17): « au moins 24 heures par semaine sur
 * 5 jours » for a France services in fixed premises, read on the site's own weekly hours (the
 * list's, or those its agents published), and the next four weeks as the site will actually
 * open them: its closures and exceptional hours, and public holidays, counted. docs/observatory.md
 * says which rule applies to which site and why, with its sources.
 */
import {
  CHARTER_OPEN_DAYS,
  CHARTER_WEEKLY_HOURS,
  COMPLIANCE_LOOKAHEAD_DAYS,
  type ComplianceRule,
  type ComplianceStatus,
  type DayKey,
  type ExceptionalHours,
  type TimeRange,
  type Week,
} from '@fs-widgets/contract';
import {
  addDays,
  DAY_KEYS,
  dayKeyOf,
  emptyWeek,
  exceptionOn,
  exceptionRanges,
  isPublicHoliday,
  weeklyMinutes,
} from '@fs-widgets/opening-hours';

/** What the rule needs of a site: its kind and role, its département (for public holidays), hours and exceptions. */
export interface ComplianceSite {
  kind: string;
  role: string;
  department: string;
  hours: Week;
  exceptions: ReadonlyArray<Pick<ExceptionalHours, 'starts_on' | 'ends_on' | 'closed' | 'hours' | 'reason'>>;
}

export interface SiteCompliance {
  rule: ComplianceRule;
  status: ComplianceStatus;
  weekly_minutes: number;
  open_days: number;
  under_24h: boolean;
  under_5_days: boolean;
  ahead_minutes: number;
  ahead_closed_days: number;
  ahead_weeks_short: number;
}

const RULE_MINUTES = CHARTER_WEEKLY_HOURS * 60;

/** Minutes open in a day's ranges, overlapping ranges counted once (the same reading as the weekly total). */
export function dayMinutes(ranges: readonly TimeRange[]): number {
  return weeklyMinutes({ ...emptyWeek(), mo: [...ranges] });
}

/**
 * Which rule applies: an antenna (`type_fs` Antenne) has its hours counted with its France
 * services's; a bus or a roaming France services is judged over its stops, which the list does
 * not detail; a place of a multi-site France services (each place is a row, « Principal » or
 * « Antenne ») is judged with the other places, which the list does not link; every other main
 * site is in fixed premises (formats Fixe and Fixe_antenne(s), a fixed site that has antennas)
 * and must open 24 hours over 5 days on its own.
 */
export function complianceRule(site: Pick<ComplianceSite, 'kind' | 'role'>): ComplianceRule {
  if (site.role === 'antenna') return 'antenna';
  if (site.kind === 'bus' || site.kind === 'roaming') return 'itinerant';
  return site.kind === 'multisite' ? 'multisite' : 'fixed-24h-5d';
}

/** Whether the 24 h / 5 days rule is checked on the site's own hours. */
export const isChecked = (rule: ComplianceRule) => rule === 'fixed-24h-5d';

/** Minutes by day of the weeks already read: the catalogue's sites are frozen and shared, their weeks read once. */
const minutesOfWeek = new WeakMap<Week, Record<DayKey, number>>();

/** Minutes open on each day of a week (overlapping ranges of a day counted once). */
function minutesByDay(week: Week): Record<DayKey, number> {
  let byDay = minutesOfWeek.get(week);
  if (!byDay) {
    byDay = Object.fromEntries(DAY_KEYS.map((day) => [day, dayMinutes(week[day])])) as Record<DayKey, number>;
    minutesOfWeek.set(week, byDay);
  }
  return byDay;
}

/** Weekly minutes and open days of a week: a day counts when it has at least one minute open. */
export function weekFigures(week: Week): { minutes: number; days: number } {
  const byDay = minutesByDay(week);
  let minutes = 0;
  let days = 0;
  for (const day of DAY_KEYS) {
    minutes += byDay[day];
    if (byDay[day] > 0) days++;
  }
  return { minutes, days };
}

interface AheadDay {
  date: string;
  day: DayKey;
  holiday: boolean;
}

/**
 * The days looked ahead from a local date in a département, with their weekday and whether they
 * are public holidays there: the same for every site of that date and département (kept for the
 * dates of the last requests).
 */
const lookaheads = new Map<string, readonly AheadDay[]>();
function lookahead(today: string, department: string): readonly AheadDay[] {
  const key = `${today}|${department}`;
  let days = lookaheads.get(key);
  if (!days) {
    days = Array.from({ length: COMPLIANCE_LOOKAHEAD_DAYS }, (_, i) => {
      const date = addDays(today, i);
      return { date, day: dayKeyOf(date), holiday: isPublicHoliday(date, department) !== undefined };
    });
    if (lookaheads.size > 1000) lookaheads.clear();
    lookaheads.set(key, days);
  }
  return days;
}

/**
 * The site's compliance: its weekly figures against the rule, and the `COMPLIANCE_LOOKAHEAD_DAYS`
 * days from `today` (the site's local date) as it will open them: an exception (closure or other
 * hours) replaces the day's weekly hours, a public holiday of its département closes it (unless
 * an exception opens it). Each of the four 7-day spans from today is checked against the rule too.
 */
export function siteCompliance(site: ComplianceSite, today: string): SiteCompliance {
  const rule = complianceRule(site);
  const byDay = minutesByDay(site.hours);
  let minutes = 0;
  let days = 0;
  for (const day of DAY_KEYS) {
    minutes += byDay[day];
    if (byDay[day] > 0) days++;
  }
  const under24 = minutes < RULE_MINUTES;
  const under5 = days < CHARTER_OPEN_DAYS;
  const status: ComplianceStatus = !isChecked(rule) ? 'not-checked' : minutes === 0 ? 'no-hours' : under24 || under5 ? 'short' : 'meets';
  let aheadMinutes = 0;
  let closedDays = 0;
  let weeksShort = 0;
  let spanMinutes = 0;
  let spanDays = 0;
  for (const [i, { date, day, holiday }] of lookahead(today, site.department).entries()) {
    const usual = byDay[day];
    const exception = site.exceptions.length === 0 ? undefined : exceptionOn(date, site.exceptions);
    const open = exception ? dayMinutes(exceptionRanges(exception)) : holiday ? 0 : usual;
    if (usual > 0 && open === 0) closedDays++;
    aheadMinutes += open;
    spanMinutes += open;
    if (open > 0) spanDays++;
    if (i % 7 === 6) {
      if (spanMinutes < RULE_MINUTES || spanDays < CHARTER_OPEN_DAYS) weeksShort++;
      spanMinutes = 0;
      spanDays = 0;
    }
  }
  return {
    rule,
    status,
    weekly_minutes: minutes,
    open_days: days,
    under_24h: under24,
    under_5_days: under5,
    ahead_minutes: aheadMinutes,
    ahead_closed_days: closedDays,
    ahead_weeks_short: weeksShort,
  };
}
