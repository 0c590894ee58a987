import type { OutreachRule } from '@fs-widgets/contract';
import { addDays, dayKeyOf, isoWeek, OsmOpeningHoursError, parseOsmOpeningHours } from '@fs-widgets/opening-hours';
import { SOURCES } from '@fs-widgets/contract/sources';
import type { ItinerantStopTable, OutreachStopTable } from '../db/schema.js';
import type { ImportIssue } from './import-issue.js';

/**
 * The ANCT site the stops of the Charente bus file belong to. The file names no France
 * services site, so the link is made here, on this evidence: every stop's `site_web` is
 * emmaus-ruffec.com, and ANCT site 2023, "Bus France services du Ruffecois" (Condac,
 * Charente), has the e-mail emmabus@emmaus-ruffec.com; its comment lists the same communes
 * and weekly rota (odd and even weeks). Check it again when either source is updated.
 */
export const CHARENTE_BUS_SITE_ID = '2023';

/** The fields of a record of the Cartographie nationale's export read here; `date_maj` is not. */
interface CartographieRecord {
  id?: unknown;
  nom?: unknown;
  adresse?: unknown;
  code_postal?: unknown;
  commune?: unknown;
  code_insee?: unknown;
  latitude?: unknown;
  longitude?: unknown;
  horaires?: unknown;
  // `date_maj` is "1969-12-31" on every record, an epoch-0 date of the export, not a real
  // update date: it is ignored.
}

export interface ItinerantStopsReading {
  stops: ItinerantStopTable[];
  issues: ImportIssue[];
  /** The line of the file where each stop (by id) starts, for the issues found later. */
  lines: Map<string, number>;
  /** Records in the file. */
  read: number;
}

/**
 * 1-based line where each element of the file's top-level JSON array starts, so that issues
 * name a line as they do for the CSV files.
 */
function elementStartLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectingElement = false;
  for (const ch of text) {
    if (ch === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (depth === 1 && expectingElement && ch !== ']') {
      starts.push(line);
      expectingElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') expectingElement = ++depth === 1;
    else if (ch === '}' || ch === ']') depth--;
    else if (ch === ',' && depth === 1) expectingElement = true;
  }
  return starts;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function coordinate(v: unknown, max: number): number | null {
  const n = Number(text(v));
  return text(v) !== '' && Number.isFinite(n) && Math.abs(n) <= max ? n : null;
}

/**
 * Reads the stops of the Charente bus (a JSON export of the Cartographie nationale des lieux
 * d'inclusion numérique). A record without an id or coordinates is skipped and reported; an
 * `opening_hours` rule the reader does not understand is kept as published and reported as
 * a correction (the stop is then shown without upcoming sessions).
 *
 * @throws when the file is not a JSON array.
 */
export function readItinerantStops(fileText: string, siteId: string): ItinerantStopsReading {
  const body = fileText.charCodeAt(0) === 0xfeff ? fileText.slice(1) : fileText;
  const records: unknown = JSON.parse(body);
  if (!Array.isArray(records)) throw new Error('The itinerant stops file is not a JSON array of stops');
  const lines = elementStartLines(body);
  const source = SOURCES.itinerantStops.id;
  const stops: ItinerantStopTable[] = [];
  const issues: ImportIssue[] = [];
  const seen = new Set<string>();
  const stopLines = new Map<string, number>();

  records.forEach((value, index) => {
    const line = lines[index] ?? 0;
    const record = (value !== null && typeof value === 'object' ? value : {}) as CartographieRecord;
    const id = text(record.id);
    const skip = (message: string) => issues.push({ line, source, recordId: id || null, level: 'skipped', message });
    if (!id) return skip('the stop has no id');
    if (seen.has(id)) return skip(`stop id ${id} is used twice; this record is skipped`);
    const lat = coordinate(record.latitude, 90);
    const lon = coordinate(record.longitude, 180);
    if (lat === null) return skip(`latitude "${text(record.latitude)}" is not a number between -90 and 90`);
    if (lon === null) return skip(`longitude "${text(record.longitude)}" is not a number between -180 and 180`);
    seen.add(id);
    stopLines.set(id, line);

    const name = text(record.nom);
    const commune = text(record.commune);
    const openingHours = text(record.horaires) || null;
    if (openingHours !== null) {
      try {
        rulesFromOsm(openingHours, SOURCES.itinerantStops.date);
      } catch (err) {
        if (!(err instanceof OsmOpeningHoursError)) throw err;
        issues.push({
          line,
          source,
          recordId: id,
          level: 'corrected',
          message: `stop ${id} "${name}" (${commune}): opening hours "${openingHours}" not understood, the stop is imported without rules (no sessions shown until its agents publish them) — ${err.message}`,
        });
      }
    }
    stops.push({
      site_id: siteId,
      stop_id: id,
      name,
      street: text(record.adresse),
      postcode: text(record.code_postal),
      commune,
      insee_commune: text(record.code_insee),
      lat,
      lon,
      opening_hours: openingHours,
      source,
    });
  });
  return { stops, issues, lines: stopLines, read: records.length };
}

const ISO_DAY_INDEX = { mo: 0, tu: 1, we: 2, th: 3, fr: 4, sa: 5, su: 6 } as const;

/** The Monday of the first ISO week on or after `date` whose number is odd (`parity` 1) or even (0). */
function firstWeekOfParity(date: string, parity: 0 | 1): string {
  const monday = addDays(date, -ISO_DAY_INDEX[dayKeyOf(date)]);
  return isoWeek(monday).week % 2 === parity ? monday : addDays(monday, 7);
}

const ODD_WEEKS = Array.from({ length: 27 }, (_, i) => 2 * i + 1).join(',');
const EVEN_WEEKS = Array.from({ length: 26 }, (_, i) => 2 * i + 2).join(',');

/**
 * The outreach rules of an OpenStreetMap `opening_hours` text of the file (`Mo 09:30-12:30,13:30-15:30;
 * PH off`, `week 1-53/2 Tu 09:00-12:30; PH off`): one weekly rule per time range, every week, or
 * every other week for `week 1-53/2` (odd ISO weeks) and `week 2-52/2` (even ones). Public
 * holidays are always skipped by outreach rules (`PH off`).
 *
 * Every other week is counted from `starts_on`, the Monday of the first week of that parity on or
 * after the file's date (`anchor`), and goes on alternating for ever; OSM's week numbers start
 * again at 1 each year. The two agree until a year of 53 ISO weeks ends: 2026 has a week 53, so OSM's
 * `week 1-53/2` holds sessions in week 53 of 2026 and again in week 1 of 2027, while the imported
 * rule, every other week, holds them in week 53, then weeks 2, 4… of 2027. A real bus alternates
 * (it cannot be in two places the same day): the rule as imported is taken to be the truth, and
 * the site's agents correct it if their rota starts again in January.
 *
 * @throws {OsmOpeningHoursError} for a text the reader does not understand, or rules outreach
 * rules cannot say (dates, other week selectors).
 */
export function rulesFromOsm(text: string, anchor: string): OutreachRule[] {
  const schedule = parseOsmOpeningHours(text);
  const rules: OutreachRule[] = [];
  for (const rule of schedule.rules) {
    if (rule.kind === 'public-holidays-off') continue;
    if (rule.dates !== null)
      throw new OsmOpeningHoursError(`dated rules ("${rule.text}") are not imported as outreach rules`, rule.text, text);
    if (rule.ranges.length === 0)
      throw new OsmOpeningHoursError(`closing rules ("${rule.text}") are not imported as outreach rules`, rule.text, text);
    const weeks = rule.weeks?.join(',') ?? null;
    let interval = 1;
    let startsOn: string | null = null;
    if (weeks === ODD_WEEKS || weeks === EVEN_WEEKS) {
      interval = 2;
      startsOn = firstWeekOfParity(anchor, weeks === ODD_WEEKS ? 1 : 0);
    } else if (weeks !== null) {
      throw new OsmOpeningHoursError(`week selectors other than every odd or even week ("${rule.text}") are not imported`, rule.text, text);
    }
    for (const range of rule.ranges) {
      rules.push({
        recurrence: { freq: 'weekly', days: [...rule.days], interval },
        opens: range.opens,
        closes: range.closes,
        ...(startsOn ? { starts_on: startsOn } : {}),
      });
    }
  }
  return rules;
}

/** The Charente bus's stops as the site's outreach stops, imported once (see importData); a stop whose hours cannot be read has no rules. */
export function outreachStopsOf(stops: readonly ItinerantStopTable[], importedAt: string): OutreachStopTable[] {
  return stops.map((stop) => {
    let rules: OutreachRule[] = [];
    if (stop.opening_hours !== null) {
      try {
        rules = rulesFromOsm(stop.opening_hours, SOURCES.itinerantStops.date);
      } catch (err) {
        if (!(err instanceof OsmOpeningHoursError)) throw err;
      }
    }
    return {
      // The site's id and the file's: stable, readable, and sorted as the file (compareStopRows).
      id: `${stop.site_id}-${stop.stop_id}`,
      site_id: stop.site_id,
      kind: 'bus-stop',
      name: stop.name,
      street: stop.street,
      postcode: stop.postcode,
      commune: stop.commune,
      insee_commune: stop.insee_commune,
      lat: stop.lat,
      lon: stop.lon,
      location_from: 'agent',
      rules: JSON.stringify(rules),
      changes: '[]',
      offer: 'france-services',
      partner: null,
      note: null,
      source: stop.source,
      created_key: `import-${stop.source}-${stop.stop_id}`.slice(0, 64),
      created_at: importedAt,
      updated_at: importedAt,
    };
  });
}
