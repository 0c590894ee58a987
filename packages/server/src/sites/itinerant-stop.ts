import type { ItinerantStop, OutreachChange, OutreachRule, StopSession } from '@fs-widgets/contract';
import {
  addDays,
  dayKeyOf,
  departmentOf,
  osmDate,
  permanenceOn,
  permanenceOsmRules,
  timeZoneForDepartment,
  zonedInstant,
  zonedParts,
  type PermanenceRule,
} from '@fs-widgets/opening-hours';
import type { OutreachStopTable } from '../db/schema.js';

/** The sessions shown for each stop: the next 3 within 4 weeks (enough to see an every-other-week rota). */
export const NEXT_SESSIONS = { count: 3, horizonDays: 28 } as const;

/**
 * A stop is a point of its site in the search when it has a session within this many days of the
 * catalogue's load: a stop without hours (`rules: []`) or whose rules have ended is not.
 */
export const INDEXED_WITHIN_DAYS = 366;

/** Days the whole site is closed (its exceptional closures, `YYYY-MM-DD` inclusive): no session is held. */
export interface ClosedDays {
  from: string;
  to: string;
}

/** A stop as held in memory: its public fields, its rules and changes read once. */
export interface LoadedStop {
  stop: Omit<ItinerantStop, 'next'>;
  rules: PermanenceRule[];
  /** The changes by the regular date they change: that day's sessions are cancelled, or held at `to`. */
  changed: ReadonlyMap<string, OutreachChange>;
  /** Moved sessions by their new date. */
  movedTo: ReadonlyMap<string, StopSession[]>;
  /** The site's exceptional closures (sessions of those days are not held). */
  closed: readonly ClosedDays[];
  department: string;
  timeZone: string;
  /** When the stop was last written (the calendar's DTSTAMP). */
  updatedAt: string;
}

export const ruleOf = (rule: OutreachRule): PermanenceRule => ({
  recurrence: rule.recurrence,
  opens: rule.opens,
  closes: rule.closes,
  starts_on: rule.starts_on ?? null,
  ends_on: rule.ends_on ?? null,
});

/**
 * The stop's hours in OpenStreetMap `opening_hours` syntax, from its rules: each rule as
 * `permanenceOsmRules` writes it, rules of the same selectors joined (`Mo 09:30-12:30,13:30-15:30`),
 * the others added with `, ` (additional rules: none hides another); `PH off` (a stop holds no
 * session on a public holiday); then each cancelled session as `2026 Dec 24 off`, each moved one
 * as its regular date `off` and its new date's hours. A rule every N weeks is written per ISO
 * year, for the ISO year of `today` (UTC by default) and the next (OSM's weeks start again at 1
 * each ISO year: see permanenceOsmRules). Null when there is no rule (hours unknown) or a rule
 * has no fixed hours, or none holds a session any more.
 */
export function stopOpeningHours(
  rules: readonly OutreachRule[],
  changes: readonly OutreachChange[],
  today: string = new Date().toISOString().slice(0, 10),
): string | null {
  if (rules.length === 0) return null;
  const hoursBySelector = new Map<string, string[]>();
  // Weekly and monthly rules first, one-off dates after them.
  const dated = (rule: OutreachRule) => Number(rule.recurrence.freq === 'dates');
  for (const rule of [...rules].sort((a, b) => dated(a) - dated(b))) {
    const parts = permanenceOsmRules(ruleOf(rule), { today });
    if (parts === null) return null;
    for (const { selector, hours } of parts) hoursBySelector.set(selector, [...(hoursBySelector.get(selector) ?? []), hours]);
  }
  if (hoursBySelector.size === 0) return null;
  let text = `${[...hoursBySelector].map(([selector, hours]) => `${selector} ${hours.sort().join(',')}`).join(', ')}; PH off`;
  for (const change of [...changes].sort((a, b) => a.date.localeCompare(b.date))) {
    text += `; ${osmDate(change.date)} off`;
    if (change.status === 'moved') text += `; ${osmDate(change.to.date)} ${change.to.opens}-${change.to.closes}`;
  }
  return text;
}

export function loadStop(row: OutreachStopTable, closed: readonly ClosedDays[] = []): LoadedStop {
  const rules = JSON.parse(row.rules) as OutreachRule[];
  const changes = JSON.parse(row.changes) as OutreachChange[];
  const movedTo = new Map<string, StopSession[]>();
  for (const change of changes) {
    if (change.status !== 'moved') continue;
    const { date, opens, closes } = change.to;
    movedTo.set(date, [...(movedTo.get(date) ?? []), { date, opens, closes }]);
  }
  const department = departmentOf(row.insee_commune);
  return {
    stop: {
      id: row.id,
      name: row.name,
      address: { street: row.street, postcode: row.postcode, commune: row.commune, insee_commune: row.insee_commune },
      location: { lat: row.lat, lon: row.lon },
      opening_hours: stopOpeningHours(rules, changes),
      kind: row.kind as ItinerantStop['kind'],
      offer: row.offer as ItinerantStop['offer'],
      partner: row.partner,
      note: row.note,
    },
    rules: rules.map(ruleOf),
    changed: new Map(changes.map((c) => [c.date, c])),
    movedTo,
    closed,
    department,
    timeZone: timeZoneForDepartment(department),
    updatedAt: row.updated_at,
  };
}

/**
 * The sessions held on one local date: the rules' (public holidays of the stop's département
 * skipped), unless a change cancelled or moved that day's sessions, plus the sessions moved to
 * it; none on a day the site is closed. Sorted by opening time.
 */
export function sessionsOnDate(loaded: LoadedStop, date: string): StopSession[] {
  if (loaded.closed.some((c) => c.from <= date && date <= c.to)) return [];
  const sessions: StopSession[] = [];
  if (!loaded.changed.has(date)) {
    for (const rule of loaded.rules) {
      if (rule.opens !== null && rule.closes !== null && permanenceOn(rule, date, loaded.department)) {
        sessions.push({ date, opens: rule.opens, closes: rule.closes });
      }
    }
  }
  sessions.push(...(loaded.movedTo.get(date) ?? []));
  return sessions.sort((a, b) => a.opens.localeCompare(b.opens) || a.closes.localeCompare(b.closes));
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The instants a session starts and ends, from its local date and times in the stop's time zone (summer or winter time). */
export function sessionInstants(loaded: Pick<LoadedStop, 'timeZone'>, session: StopSession): { start: Date; end: Date } {
  return {
    start: zonedInstant(session.date, minutesOf(session.opens), loaded.timeZone),
    end: zonedInstant(session.date, minutesOf(session.closes), loaded.timeZone),
  };
}

/**
 * The sessions from `now` (a session of today is listed until its closing time) over the next
 * `horizonDays` days in the stop's own calendar, at most `count` of them.
 */
export function upcomingSessions(
  loaded: LoadedStop,
  now: Date,
  { count, horizonDays }: { count: number; horizonDays: number } = NEXT_SESSIONS,
): StopSession[] {
  const today = zonedParts(now, loaded.timeZone).date;
  const sessions: StopSession[] = [];
  for (let inDays = 0; inDays <= horizonDays && sessions.length < count; inDays++) {
    for (const session of sessionsOnDate(loaded, addDays(today, inDays))) {
      if (inDays === 0 && sessionInstants(loaded, session).end.getTime() <= now.getTime()) continue;
      sessions.push(session);
      if (sessions.length === count) break;
    }
  }
  return sessions;
}

/** True when one of the stop's sessions falls on a Saturday (a weekly or monthly rule, a one-off date, a moved session). */
export function hasSaturdaySessions(loaded: LoadedStop): boolean {
  return (
    loaded.rules.some(({ recurrence: r }) =>
      r.freq === 'weekly'
        ? r.days.includes('sa')
        : r.freq === 'monthly'
          ? r.day === 'sa'
          : r.freq === 'dates' && r.dates.some((d) => dayKeyOf(d) === 'sa'),
    ) || [...loaded.movedTo.keys()].some((d) => dayKeyOf(d) === 'sa')
  );
}

/** Whether the stop holds a session within {@link INDEXED_WITHIN_DAYS} of `now`: then the search finds its site there. */
export function hasUpcomingSessions(loaded: LoadedStop, now: Date): boolean {
  return upcomingSessions(loaded, now, { count: 1, horizonDays: INDEXED_WITHIN_DAYS }).length > 0;
}

/** The stop as the API shows it, with its next sessions from `now` in the stop's own calendar. */
export function stopWithNextSessions(loaded: LoadedStop, now: Date): ItinerantStop {
  return { ...loaded.stop, next: upcomingSessions(loaded, now) };
}
