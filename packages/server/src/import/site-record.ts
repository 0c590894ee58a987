import { isSiteId } from '@fs-widgets/contract/codes';
import { readAnctWeek, timeZoneForDepartment, toOsmOpeningHours, weeklyMinutes } from '@fs-widgets/opening-hours';
import type { SiteTable } from '../db/schema.js';

/** Columns of the ANCT list this import reads. */
export const SITE_COLUMNS = [
  'id_fs',
  'insee_dep',
  'lib_fs',
  'adresse',
  'complement_adresse',
  'insee_com',
  'code_postal',
  'lib_com',
  'latitude',
  'longitude',
  'mail',
  'telephone',
  'h_lundi',
  'h_mardi',
  'h_mercredi',
  'h_jeudi',
  'h_vendredi',
  'h_samedi',
  'prise_rdv',
  'commentaire',
  'type_fs',
  'format_fs',
  'groupe_fs',
  'labellisation_fs',
] as const;

const KIND_BY_FORMAT: Record<string, SiteTable['kind']> = {
  Fixe: 'fixed',
  'Fixe_antenne(s)': 'antenna',
  Multisites: 'multisite',
  Bus_équivalent: 'bus',
  Itinérante: 'roaming',
};

export class SiteRecordError extends Error {}

const blank = (v: string | undefined) => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/** The carrier is not published; these name patterns are the only hint (marked inferred). */
function inferCarrier(name: string): string | null {
  if (/\bLa Poste\b/i.test(name)) return 'la-poste';
  if (/\bMSA\b/.test(name)) return 'msa';
  if (/sous[- ]pr[ée]fecture/i.test(name)) return 'sous-prefecture';
  return null;
}

function labelDate(value: string | null): string | null {
  const m = value?.match(/(\d{2})\/(\d{2})\/(\d{4})/);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

function coordinate(value: string | undefined, name: string, min: number, max: number): number {
  const n = Number((value ?? '').trim().replace(',', '.'));
  if (!Number.isFinite(n) || (value ?? '').trim() === '' || n < min || n > max) {
    throw new SiteRecordError(`${name} "${value ?? ''}" is not a number between ${min} and ${max}`);
  }
  return n;
}

/**
 * Maps one row of the ANCT list to a stored site, with the corrections made to read it
 * (reported, not fatal), or throws a SiteRecordError saying why the row cannot be a site.
 */
export function siteFromAnctRow(row: Record<string, string>, line: number, importedAt: string): { site: SiteTable; corrections: string[] } {
  const id = blank(row.id_fs);
  if (!id || !isSiteId(id)) throw new SiteRecordError(`id_fs "${row.id_fs ?? ''}" is not a numeric identifier`);
  const name = blank(row.lib_fs);
  if (!name) throw new SiteRecordError('lib_fs (name) is empty');
  const format = (row.format_fs ?? '').trim();
  const kind = KIND_BY_FORMAT[format];
  if (!kind) throw new SiteRecordError(`format_fs "${format}" is not one of ${Object.keys(KIND_BY_FORMAT).join(', ')}`);
  const department = blank(row.insee_dep);
  if (!department) throw new SiteRecordError('insee_dep is empty');

  const { week: hours, corrections } = readAnctWeek(row);

  const site: SiteTable = {
    id,
    name,
    kind,
    role: (row.type_fs ?? '').trim() === 'Antenne' ? 'antenna' : 'main',
    itinerant: kind === 'bus' || kind === 'roaming' ? 1 : 0,
    street: blank(row.adresse) ?? '',
    complement: blank(row.complement_adresse),
    postcode: (row.code_postal ?? '').trim(),
    commune: (row.lib_com ?? '').trim(),
    insee_commune: (row.insee_com ?? '').trim(),
    department,
    lat: coordinate(row.latitude, 'latitude', -90, 90),
    lon: coordinate(row.longitude, 'longitude', -180, 180),
    email: blank(row.mail),
    phone: blank(row.telephone),
    hours: JSON.stringify(hours),
    opening_hours: toOsmOpeningHours(hours),
    weekly_minutes: weeklyMinutes(hours),
    appointment: /^oui$/i.test((row.prise_rdv ?? '').trim()) ? 1 : 0,
    comment: blank(row.commentaire),
    group_name: blank(row.groupe_fs),
    labelled_on: labelDate(blank(row.labellisation_fs)),
    carrier: inferCarrier(name),
    time_zone: timeZoneForDepartment(department),
    source_line: line,
    imported_at: importedAt,
  };
  return { site, corrections: corrections.map((c) => `opening hours corrected: ${c}`) };
}
