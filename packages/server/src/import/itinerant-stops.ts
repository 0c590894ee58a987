import { OsmOpeningHoursError, parseOsmOpeningHours } from '@fs-widgets/opening-hours';
import { SOURCES } from '@fs-widgets/contract/sources';
import type { ItinerantStopTable } from '../db/schema.js';
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
        parseOsmOpeningHours(openingHours);
      } catch (err) {
        if (!(err instanceof OsmOpeningHoursError)) throw err;
        issues.push({
          line,
          source,
          recordId: id,
          level: 'corrected',
          message: `stop ${id} "${name}" (${commune}): opening hours kept as published but not understood, no upcoming sessions shown — ${err.message}`,
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
