import type { ItinerantStop } from '@fs-widgets/contract';
import {
  departmentOf,
  nextSessions,
  OsmOpeningHoursError,
  parseOsmOpeningHours,
  timeZoneForDepartment,
  type OsmSchedule,
} from '@fs-widgets/opening-hours';
import type { ItinerantStopTable } from '../db/schema.js';

/** The sessions shown for each stop: the next 3 within 4 weeks (enough to see an every-other-week rota). */
export const NEXT_SESSIONS = { count: 3, horizonDays: 28 } as const;

/** A stop as held in memory: its public fields, and its rule read once. */
export interface LoadedStop {
  stop: Omit<ItinerantStop, 'next'>;
  /** Null when the stop has no hours, or hours the reader does not understand (reported at import). */
  schedule: OsmSchedule | null;
  department: string;
  timeZone: string;
}

export function loadStop(row: ItinerantStopTable): LoadedStop {
  let schedule: OsmSchedule | null = null;
  if (row.opening_hours !== null) {
    try {
      schedule = parseOsmOpeningHours(row.opening_hours);
    } catch (err) {
      if (!(err instanceof OsmOpeningHoursError)) throw err;
    }
  }
  const department = departmentOf(row.insee_commune);
  return {
    stop: {
      id: row.stop_id,
      name: row.name,
      address: { street: row.street, postcode: row.postcode, commune: row.commune, insee_commune: row.insee_commune },
      location: { lat: row.lat, lon: row.lon },
      opening_hours: row.opening_hours,
      kind: 'bus-stop',
      offer: 'france-services',
      partner: null,
      note: null,
    },
    schedule,
    department,
    timeZone: timeZoneForDepartment(department),
  };
}

/** True when one of the stop's rules opens on Saturdays (whatever the weeks). */
export function hasSaturdaySessions(loaded: LoadedStop): boolean {
  return (loaded.schedule?.rules ?? []).some((rule) => rule.kind === 'hours' && rule.days.includes('sa') && rule.ranges.length > 0);
}

/** The stop as the API shows it, with its next sessions from `now` in the stop's own calendar. */
export function stopWithNextSessions(loaded: LoadedStop, now: Date): ItinerantStop {
  const next = loaded.schedule
    ? nextSessions(loaded.schedule, { now, department: loaded.department, timeZone: loaded.timeZone, ...NEXT_SESSIONS })
    : [];
  return { ...loaded.stop, next };
}
