import {
  KEY_FIGURES_MIN_COUNT,
  type AppointmentFigures,
  type AppointmentFiguresRow,
  type AppointmentStats,
  type AppointmentStatsGroup,
  type Directory,
  type ObservatoryAppointments,
  type Site,
} from '@fs-widgets/contract';
import { addDays } from '@fs-widgets/opening-hours';
import type { ResolvedScope } from '../auth/scopes.js';
import { scopeView } from '../auth/scopes.js';
import type { Db } from '../db/database.js';
import { localDay } from '../dates/local-day.js';
import type { Table } from '../http/tabular.js';
import { published } from '../key-figures/key-figures.js';

/**
 * Appointments' statistics (issue 19): bookings, honoured (arrived or done), no-shows,
 * cancellations, still booked, booked by agents, and the median lead time (days between the
 * booking and the appointment), in all and by reason, by partner or by site. Read from the
 * appointments themselves, never from their personal columns (erased or not, a row counts the
 * same). An appointment counts on the local day of its site it was for. Shares and the median
 * are null below KEY_FIGURES_MIN_COUNT bookings, as the other statistics (docs/security.md).
 */

export interface Period {
  from: string;
  to: string;
}

interface Row {
  site_id: string;
  reason: string;
  partner: string | null;
  status: string;
  booked_by: string;
  starts_at: string;
  created_at: string;
}

/** The appointments of `sites` (null: all) whose local day falls in the period. */
async function rowsOf(db: Db, sites: readonly string[] | null, period: Period, zoneOf: (site: string) => string): Promise<Row[]> {
  if (sites !== null && sites.length === 0) return [];
  // A day's margin each side covers every time zone; the local day is then checked per site.
  const rows = await db
    .selectFrom('appointments')
    .select(['site_id', 'reason', 'partner', 'status', 'booked_by', 'starts_at', 'created_at'])
    .where('starts_at', '>=', `${addDays(period.from, -1)}T00:00:00.000Z`)
    .where('starts_at', '<', `${addDays(period.to, 2)}T00:00:00.000Z`)
    .$if(sites !== null, (qb) => qb.where('site_id', 'in', sites as string[]))
    .execute();
  return rows.filter((row) => {
    const day = localDay(new Date(row.starts_at), zoneOf(row.site_id));
    return day >= period.from && day <= period.to;
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The figures of a set of appointments. */
export function figuresOf(rows: readonly Row[]): AppointmentFigures {
  const count = (status: string) => rows.filter((r) => r.status === status).length;
  const honoured = count('arrived') + count('done');
  const noShows = count('no-show');
  const cancelled = count('cancelled');
  const bookings = rows.length;
  const marked = honoured + noShows;
  const leads = rows.map((r) => Math.max(0, (Date.parse(r.starts_at) - Date.parse(r.created_at)) / 86_400_000));
  return {
    bookings,
    honoured,
    no_shows: noShows,
    cancelled,
    pending: count('booked'),
    booked_by_agents: rows.filter((r) => r.booked_by === 'agent').length,
    honoured_share: published(marked === 0 ? null : honoured / marked, bookings),
    no_show_share: published(marked === 0 ? null : noShows / marked, bookings),
    cancelled_share: published(bookings === 0 ? null : cancelled / bookings, bookings),
    median_lead_days: published(bookings === 0 ? null : Math.round(median(leads) * 10) / 10, bookings),
  };
}

/** The rows grouped by `keyOf`, each with its label, by key. */
function groups(
  rows: readonly Row[],
  keyOf: (row: Row) => string,
  labelOf: (key: string, group: Row[]) => string,
): AppointmentFiguresRow[] {
  const byKey = new Map<string, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  return [...byKey]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => ({ key, label: labelOf(key, group), ...figuresOf(group) }));
}

/** The words of a reason key: the démarche's title, « Permanence : <partner> », « Autre demande ». */
function reasonLabel(directory: Directory, key: string, group: readonly Row[]): string {
  if (key === 'other') return 'Autre demande';
  if (key.startsWith('demarche:')) return directory.demarches.find((d) => `demarche:${d.id}` === key)?.title ?? key;
  const partner = group.find((row) => row.partner !== null)?.partner;
  return partner ? `Permanence : ${partnerLabel(directory, partner)}` : `Permanence (${key.slice('permanence:'.length)})`;
}

function partnerLabel(directory: Directory, key: string): string {
  if (key === 'none') return 'Sans partenaire';
  if (key === 'local') return 'Partenaire local';
  return directory.partners.find((p) => p.id === key)?.name ?? key;
}

const GROUP_KEY: Record<AppointmentStatsGroup, (row: Row) => string> = {
  site: (row) => row.site_id,
  reason: (row) => row.reason,
  partner: (row) => row.partner ?? 'none',
};

/** `GET /stats/appointments`: one site's figures over a period. */
export async function siteAppointmentStats(
  db: Db,
  directory: Directory,
  site: Site,
  period: Period,
  now = new Date(),
): Promise<AppointmentStats> {
  const rows = await rowsOf(db, [site.id], period, () => site.time_zone);
  return {
    site_id: site.id,
    period,
    min_count: KEY_FIGURES_MIN_COUNT,
    totals: figuresOf(rows),
    by_reason: groups(rows, GROUP_KEY.reason, (key, group) => reasonLabel(directory, key, group)),
    by_partner: groups(rows, GROUP_KEY.partner, (key) => partnerLabel(directory, key)),
    generated_at: now.toISOString(),
  };
}

const SOURCE = 'Rendez-vous pris en ligne ou par les agents France services (sans données personnelles)';

/** `GET /observatory/appointments`: a scope's figures, by site, reason or partner. */
export async function observatoryAppointments(
  db: Db,
  directory: Directory,
  catalogue: { get(id: string): Site | undefined },
  resolved: ResolvedScope,
  period: Period,
  groupBy: AppointmentStatsGroup,
  now = new Date(),
): Promise<ObservatoryAppointments> {
  const sites = resolved.scope.kind === 'network' ? null : resolved.siteIds;
  const rows = await rowsOf(db, sites, period, (id) => catalogue.get(id)?.time_zone ?? 'Europe/Paris');
  const label =
    groupBy === 'site'
      ? (key: string) => catalogue.get(key)?.name ?? key
      : groupBy === 'reason'
        ? (key: string, group: Row[]) => reasonLabel(directory, key, group)
        : (key: string) => partnerLabel(directory, key);
  return {
    scope: scopeView(resolved),
    period,
    source: SOURCE,
    min_count: KEY_FIGURES_MIN_COUNT,
    generated_at: now.toISOString(),
    group_by: groupBy,
    totals: figuresOf(rows),
    items: groups(rows, GROUP_KEY[groupBy], label),
  };
}

const GROUP_COLUMN: Record<AppointmentStatsGroup, string> = { site: 'Site', reason: 'Motif', partner: 'Partenaire' };

const FIGURE_COLUMNS: Table['columns'] = [
  { key: 'bookings', label: 'Rendez-vous', type: 'number' },
  { key: 'honoured', label: 'Honorés', type: 'number' },
  { key: 'no_shows', label: 'Absences', type: 'number' },
  { key: 'cancelled', label: 'Annulés', type: 'number' },
  { key: 'pending', label: 'À venir ou non pointés', type: 'number' },
  { key: 'booked_by_agents', label: 'Pris par un agent', type: 'number' },
  { key: 'honoured_share', label: 'Part honorée', type: 'share' },
  { key: 'no_show_share', label: 'Part d’absences', type: 'share' },
  { key: 'cancelled_share', label: 'Part annulée', type: 'share' },
  { key: 'median_lead_days', label: 'Délai médian (jours)', type: 'number' },
];

/** A table of grouped figures (CSV, .xlsx). */
export function appointmentsTable(
  name: string,
  title: string,
  source: string,
  group: AppointmentStatsGroup,
  rows: readonly AppointmentFiguresRow[],
): Table {
  return {
    name,
    sheet: 'Rendez-vous',
    title,
    source,
    columns: [
      { key: 'key', label: group === 'site' ? 'Identifiant' : 'Clé' },
      { key: 'label', label: GROUP_COLUMN[group] },
      ...FIGURE_COLUMNS,
    ],
    rows: [...rows],
  };
}
