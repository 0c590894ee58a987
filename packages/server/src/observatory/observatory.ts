/**
 * The network observatory's figures for a scope (issue 17): a département's, a carrier's or the
 * network's sites, read from the catalogue (kind, role, hours, closures, verification) and from
 * the statistics' roll-ups through the same functions as `GET /stats/activity` and
 * `GET /stats/satisfaction` (`sitesActivity`, `sitesSatisfaction`), never from the acts or the
 * answers. Every answer states its scope, period and source; a share is null below
 * KEY_FIGURES_MIN_COUNT records. Each table answer is also a `Table` for the CSV and .xlsx files.
 */
import { createRequire } from 'node:module';
import {
  COMPLIANCE_LOOKAHEAD_DAYS,
  FRESHNESS_MONTHS,
  KEY_FIGURES_MIN_COUNT,
  type CarrierStatus,
  type ComplianceRow,
  type CompositionRow,
  type FreshnessRow,
  type ObservatoryActivity,
  type ObservatoryCompliance,
  type ObservatoryComposition,
  type ObservatoryFreshness,
  type ObservatorySatisfaction,
  type ObservatorySiteRow,
  type ObservatorySites,
  type ObservatorySummary,
  type Site,
} from '@fs-widgets/contract';
import { SOURCES } from '@fs-widgets/contract/sources';
import { addDays } from '@fs-widgets/opening-hours';
import type { AppContext } from '../app-context.js';
import { scopeView, type ResolvedScope } from '../auth/scopes.js';
import { departmentName } from '../communes/departments.js';
import { localDay } from '../dates/local-day.js';
import { published } from '../key-figures/key-figures.js';
import { sitesActivity, type SitesGroupBy } from '../demarches/activity-stats.js';
import { satisfactionFigures, sitesSatisfaction } from '../feedback/satisfaction-stats.js';
import type { Table, TableColumn } from '../http/tabular.js';
import { isChecked, siteCompliance } from './compliance.js';

/** The calendar of the default period: the national one, as the public key figures. */
const PERIOD_TIME_ZONE = 'Europe/Paris';

export interface Period {
  from: string;
  to: string;
}

/** The period asked (already checked by `dayRange`), by default 1 January of this year (Europe/Paris) to today. */
export function observatoryPeriod(from: string | null, to: string | null, now: Date): Period {
  const today = localDay(now, PERIOD_TIME_ZONE);
  const end = to ?? (from !== null && from > today ? from : today);
  return { from: from ?? `${end.slice(0, 4)}-01-01`, to: end };
}

/** `part / count`, or null when fewer than `KEY_FIGURES_MIN_COUNT` records are behind it (the key figures' rule, docs/security.md). */
export const share = (part: number, count: number): number | null => published(count === 0 ? null : part / count, count);

const LIST_SOURCE = `${SOURCES.sites.attribution} (${SOURCES.sites.licence}), avec ce que les sites publient eux-mêmes (horaires, fermetures, vérification)`;
const ACTS_SOURCE = 'Actes enregistrés par les agents France services (agrégats mensuels et quotidiens par site)';
const ANSWERS_SOURCE = 'Réponses au questionnaire de satisfaction (borne, web, téléphone), agrégats quotidiens par site';

// ---------------------------------------------------------------------------------------------
// The scope's sites

interface ScopeSite {
  site: Site;
  carrier: { id: string | null; status: CarrierStatus; kind: string | null };
}

/** The carriers SET for the scope's sites (site_carriers), by site. */
async function setCarriers(ctx: AppContext, resolved: ResolvedScope): Promise<Map<string, { id: string; kind: string }>> {
  let query = ctx.db
    .selectFrom('site_carriers')
    .innerJoin('carriers', 'carriers.id', 'site_carriers.carrier_id')
    .select(['site_carriers.site_id as site_id', 'carriers.id as id', 'carriers.kind as kind']);
  if (resolved.scope.kind === 'departement') {
    query = query.innerJoin('sites', 'sites.id', 'site_carriers.site_id').where('sites.department', '=', resolved.scope.department);
  } else if (resolved.scope.kind === 'carrier') {
    query = query.where('site_carriers.carrier_id', '=', resolved.scope.carrier);
  }
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.site_id, { id: r.id, kind: r.kind }]));
}

/** The scope's sites from the catalogue, each with its carrier: set, else the name-based guess, else unknown. */
export async function scopeSites(ctx: AppContext, resolved: ResolvedScope): Promise<ScopeSite[]> {
  const catalogue = ctx.catalogue();
  const carriers = await setCarriers(ctx, resolved);
  const sites: ScopeSite[] = [];
  for (const id of resolved.siteIds) {
    const site = catalogue.get(id);
    if (!site) continue;
    const set = carriers.get(id);
    const carrier = set
      ? { id: set.id, status: 'set' as const, kind: set.kind }
      : site.carrier
        ? { id: site.carrier, status: 'guess' as const, kind: null }
        : { id: null, status: 'unknown' as const, kind: null };
    sites.push({ site, carrier });
  }
  return sites;
}

/** The sites read by the statistics: null for the network (its own roll-ups), else the scope's ids. */
const statsSites = (resolved: ResolvedScope) => (resolved.scope.kind === 'network' ? null : resolved.siteIds);

function envelope(resolved: ResolvedScope, period: Period | null, source: string, now: Date) {
  return { scope: scopeView(resolved), period, source, min_count: KEY_FIGURES_MIN_COUNT, generated_at: now.toISOString() };
}

/** File name stem of a scope's table: `conformite-48`, `conformite-la-poste`, `conformite-reseau`. */
function fileStem(what: string, resolved: ResolvedScope, period: Period | null): string {
  const scope =
    resolved.scope.kind === 'departement'
      ? resolved.scope.department
      : resolved.scope.kind === 'carrier'
        ? resolved.scope.carrier
        : 'reseau';
  return period ? `${what}-${scope}-${period.from}-${period.to}` : `${what}-${scope}`;
}

const periodLabel = (period: Period | null) => (period ? ` du ${period.from} au ${period.to}` : '');

// ---------------------------------------------------------------------------------------------
// Compliance and freshness, per site

function today(site: Site, now: Date): string {
  return localDay(now, site.time_zone);
}

function complianceOf(site: Site, now: Date) {
  return siteCompliance(
    { kind: site.kind, role: site.role, department: site.address.department, hours: site.hours, exceptions: site.exceptions },
    today(site, now),
  );
}

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** The instant before which a verification is stale: `FRESHNESS_MONTHS` months before now. */
export function staleBefore(now: Date): Date {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - FRESHNESS_MONTHS);
  return date;
}

// ---------------------------------------------------------------------------------------------
// Summary

export async function observatorySummary(ctx: AppContext, resolved: ResolvedScope, period: Period, now: Date): Promise<ObservatorySummary> {
  const sites = await scopeSites(ctx, resolved);
  const sitesForStats = statsSites(resolved);
  const [activity, satisfaction] = await Promise.all([
    sitesActivity(ctx.db, { sites: sitesForStats, from: period.from, to: period.to, group_by: null }),
    sitesSatisfaction(ctx.db, { sites: sitesForStats, from: period.from, to: period.to, channel: null, group_by: null }),
  ]);
  const answers = satisfactionFigures(satisfaction.totals);
  const byKind = { fixed: 0, antenna: 0, multisite: 0, bus: 0, roaming: 0 };
  const compliance = complianceCounts();
  const carriers = { set: 0, guessed: 0, unknown: 0 };
  const before = staleBefore(now).toISOString();
  let main = 0;
  let stale = 0;
  let never = 0;
  for (const { site, carrier } of sites) {
    byKind[site.kind]++;
    if (site.role === 'main') main++;
    countCompliance(compliance, complianceOf(site, now));
    carriers[carrier.status === 'set' ? 'set' : carrier.status === 'guess' ? 'guessed' : 'unknown']++;
    if (site.verified_at === null) never++;
    if (site.verified_at === null || site.verified_at < before) stale++;
  }
  return {
    ...envelope(resolved, period, `${LIST_SOURCE} ; ${ACTS_SOURCE} ; ${ANSWERS_SOURCE}`, now),
    sites: { total: sites.length, main, antennas: sites.length - main, by_kind: byKind },
    activity: { acts: activity.acts, first_visit_share: share(activity.solved, activity.acts) },
    satisfaction: { answers: answers.count, satisfied_share: share(answers.satisfied, answers.count) },
    compliance,
    freshness: { stale, never },
    carriers: { ...carriers, unknown_share: sites.length === 0 ? null : (carriers.guessed + carriers.unknown) / sites.length },
  };
}

function complianceCounts(): ObservatoryCompliance['counts'] {
  return { checked: 0, meets: 0, short: 0, under_24h: 0, under_5_days: 0, no_hours: 0, not_checked: 0 };
}

function countCompliance(counts: ObservatoryCompliance['counts'], c: ReturnType<typeof siteCompliance>): void {
  if (!isChecked(c.rule)) {
    counts.not_checked++;
    return;
  }
  counts.checked++;
  if (c.status === 'meets') counts.meets++;
  else if (c.status === 'no-hours') counts.no_hours++;
  else {
    counts.short++;
    if (c.under_24h) counts.under_24h++;
    if (c.under_5_days) counts.under_5_days++;
  }
}

// ---------------------------------------------------------------------------------------------
// Sites

/** A site as the sites and the compliance tables name it: their first columns. */
function siteIdentity(site: Site): Pick<ObservatorySiteRow, 'id' | 'name' | 'kind' | 'role' | 'department'> {
  return { id: site.id, name: site.name, kind: site.kind, role: site.role, department: site.address.department };
}

const SITE_COLUMNS: readonly TableColumn[] = [
  { key: 'id', label: 'Identifiant' },
  { key: 'name', label: 'Nom' },
  { key: 'kind', label: 'Format' },
  { key: 'role', label: 'Type' },
  { key: 'department', label: 'Département' },
];

export async function observatorySites(ctx: AppContext, resolved: ResolvedScope, period: Period, now: Date): Promise<ObservatorySites> {
  const sites = await scopeSites(ctx, resolved);
  const sitesForStats = statsSites(resolved);
  const [activity, satisfaction] = await Promise.all([
    sitesActivity(ctx.db, { sites: sitesForStats, from: period.from, to: period.to, group_by: 'site' }),
    sitesSatisfaction(ctx.db, { sites: sitesForStats, from: period.from, to: period.to, channel: null, group_by: 'site' }),
  ]);
  const actsBySite = new Map(activity.groups.map((g) => [g.key, g]));
  const answersBySite = new Map(satisfaction.groups.map((g) => [g.key, satisfactionFigures(g.counters)]));
  const items: ObservatorySiteRow[] = sites.map(({ site, carrier }) => {
    const c = complianceOf(site, now);
    const acts = actsBySite.get(site.id);
    const answers = answersBySite.get(site.id);
    return {
      ...siteIdentity(site),
      commune: site.address.commune,
      carrier: carrier.id,
      carrier_status: carrier.status,
      weekly_hours: hours(c.weekly_minutes),
      open_days: c.open_days,
      compliance: c.status,
      verified_at: site.verified_at,
      acts: acts?.acts ?? 0,
      first_visit_share: share(acts?.solved ?? 0, acts?.acts ?? 0),
      answers: answers?.count ?? 0,
      satisfied_share: share(answers?.satisfied ?? 0, answers?.count ?? 0),
    };
  });
  return { ...envelope(resolved, period, `${LIST_SOURCE} ; ${ACTS_SOURCE} ; ${ANSWERS_SOURCE}`, now), items };
}

export function sitesTable(answer: ObservatorySites, resolved: ResolvedScope): Table {
  return {
    name: fileStem('sites', resolved, answer.period),
    sheet: 'Sites',
    title: `France services — ${answer.scope.label}${periodLabel(answer.period)}`,
    source: answer.source,
    columns: [
      ...SITE_COLUMNS,
      { key: 'commune', label: 'Commune' },
      { key: 'carrier', label: 'Structure porteuse' },
      { key: 'carrier_status', label: 'Porteur (renseigné, deviné, inconnu)' },
      { key: 'weekly_hours', label: 'Heures par semaine', type: 'number' },
      { key: 'open_days', label: 'Jours d’ouverture', type: 'number' },
      { key: 'compliance', label: 'Charte 24 h / 5 jours' },
      { key: 'verified_at', label: 'Vérifié le' },
      { key: 'acts', label: 'Actes', type: 'number' },
      { key: 'first_visit_share', label: 'Résolus au premier contact', type: 'share' },
      { key: 'answers', label: 'Réponses de satisfaction', type: 'number' },
      { key: 'satisfied_share', label: 'Usagers satisfaits', type: 'share' },
    ],
    rows: answer.items,
  };
}

// ---------------------------------------------------------------------------------------------
// Compliance

const RULE_TEXT =
  'Charte France services : ouverture au moins 24 heures par semaine sur au moins 5 jours, vérifiée pour les France services ' +
  'principales en locaux fixes (formats Fixe et Fixe_antenne(s)) ; les lieux des France services multisites, les antennes, les bus ' +
  'et les France services itinérantes relèvent d’autres règles (docs/observatory.md). Fermetures exceptionnelles, horaires exceptionnels et jours fériés des ' +
  `${COMPLIANCE_LOOKAHEAD_DAYS} prochains jours comptés.`;

export async function observatoryCompliance(ctx: AppContext, resolved: ResolvedScope, now: Date): Promise<ObservatoryCompliance> {
  const sites = await scopeSites(ctx, resolved);
  const counts = complianceCounts();
  const items: ComplianceRow[] = sites.map(({ site }) => {
    const c = complianceOf(site, now);
    countCompliance(counts, c);
    return {
      ...siteIdentity(site),
      rule: c.rule,
      status: c.status,
      weekly_hours: hours(c.weekly_minutes),
      open_days: c.open_days,
      under_24h: c.under_24h,
      under_5_days: c.under_5_days,
      hours_source: site.hours_source,
      ahead_hours: hours(c.ahead_minutes),
      ahead_closed_days: c.ahead_closed_days,
      ahead_weeks_short: c.ahead_weeks_short,
    };
  });
  const from = localDay(now, PERIOD_TIME_ZONE);
  return {
    ...envelope(resolved, null, LIST_SOURCE, now),
    rule: RULE_TEXT,
    counts,
    ahead: { from, to: addDays(from, COMPLIANCE_LOOKAHEAD_DAYS - 1) },
    items,
  };
}

export function complianceTable(answer: ObservatoryCompliance, resolved: ResolvedScope): Table {
  return {
    name: fileStem('conformite', resolved, null),
    sheet: 'Conformité',
    title: `Conformité à la charte — ${answer.scope.label}`,
    source: `${answer.source}. ${answer.rule}`,
    columns: [
      ...SITE_COLUMNS,
      { key: 'rule', label: 'Règle' },
      { key: 'status', label: 'Statut' },
      { key: 'weekly_hours', label: 'Heures par semaine', type: 'number' },
      { key: 'open_days', label: 'Jours d’ouverture', type: 'number' },
      { key: 'under_24h', label: 'Moins de 24 h' },
      { key: 'under_5_days', label: 'Moins de 5 jours' },
      { key: 'hours_source', label: 'Horaires (liste ANCT ou site)' },
      { key: 'ahead_hours', label: `Heures ouvertes sur ${COMPLIANCE_LOOKAHEAD_DAYS} jours`, type: 'number' },
      { key: 'ahead_closed_days', label: 'Jours fermés (fermetures, fériés)', type: 'number' },
      { key: 'ahead_weeks_short', label: 'Semaines sous la règle (sur 4)', type: 'number' },
    ],
    rows: answer.items,
  };
}

// ---------------------------------------------------------------------------------------------
// Composition

interface CogDepartment {
  code: string;
  region: string;
}
interface CogRegion {
  code: string;
  nom: string;
}

/** The region of each département and the regions' names: the same COG package as the communes. */
const COG = (() => {
  const require = createRequire(import.meta.url);
  const departments = require('@etalab/decoupage-administratif/data/departements.json') as CogDepartment[];
  const regions = require('@etalab/decoupage-administratif/data/regions.json') as CogRegion[];
  return { regionOf: new Map(departments.map((d) => [d.code, d.region])), regionName: new Map(regions.map((r) => [r.code, r.nom])) };
})();

/**
 * The programme's published figures (national), with the same measured on the scope. Sources in
 * docs/observatory.md: the programme's review as issue 17 quotes it (carriers: local authorities
 * 63 %, La Poste 18 %, associations 15 %, 26 sous-préfectures, 58 MSA sites; 110 buses).
 */
const PUBLISHED = {
  source: 'Programme France services (ANCT), bilan du réseau, chiffres nationaux (docs/observatory.md)',
  shares: [
    { key: 'collectivite', label: 'Portées par une collectivité', published: 0.63 },
    { key: 'la-poste', label: 'Portées par La Poste', published: 0.18 },
    { key: 'association', label: 'Portées par une association', published: 0.15 },
  ],
  counts: [
    { key: 'sous-prefecture', kind: 'etat', label: 'En sous-préfecture', published: 26 },
    { key: 'msa', kind: 'msa', label: 'Portées par la MSA', published: 58 },
  ],
  buses: 110,
} as const;

function emptyRow(code: string, name: string, region: string | null): CompositionRow {
  return {
    code,
    name,
    region,
    fixed: 0,
    antenna: 0,
    multisite: 0,
    bus: 0,
    roaming: 0,
    main: 0,
    antennas: 0,
    total: 0,
    carrier_set: 0,
    carrier_guessed: 0,
    carrier_unknown: 0,
  };
}

function addTo(row: CompositionRow, { site, carrier }: ScopeSite): void {
  row[site.kind]++;
  row[site.role === 'main' ? 'main' : 'antennas']++;
  row.total++;
  row[carrier.status === 'set' ? 'carrier_set' : carrier.status === 'guess' ? 'carrier_guessed' : 'carrier_unknown']++;
}

export async function observatoryComposition(
  ctx: AppContext,
  resolved: ResolvedScope,
  level: 'departement' | 'region',
  now: Date,
): Promise<ObservatoryComposition> {
  const sites = await scopeSites(ctx, resolved);
  const rows = new Map<string, CompositionRow>();
  const totals = emptyRow('', resolved.label, null);
  const byKind: Record<string, number> = {};
  const guesses: Record<string, number> = {};
  for (const entry of sites) {
    const department = entry.site.address.department;
    const region = COG.regionOf.get(department) ?? null;
    const code = level === 'departement' ? department : (region ?? department);
    let row = rows.get(code);
    if (!row) {
      row =
        level === 'departement'
          ? emptyRow(code, departmentName(code) ?? code, region)
          : emptyRow(code, (region && COG.regionName.get(region)) ?? departmentName(code) ?? code, null);
      rows.set(code, row);
    }
    addTo(row, entry);
    addTo(totals, entry);
    if (entry.carrier.status === 'set') byKind[entry.carrier.kind!] = (byKind[entry.carrier.kind!] ?? 0) + 1;
    if (entry.carrier.status === 'guess') guesses[entry.carrier.id!] = (guesses[entry.carrier.id!] ?? 0) + 1;
  }
  const set = totals.carrier_set;
  const figures: ObservatoryComposition['published'] = [
    ...PUBLISHED.shares.map((f) => ({
      key: f.key,
      label: f.label,
      published: f.published,
      unit: 'share' as const,
      observed: set === 0 ? null : (byKind[f.key] ?? 0) / set,
      observed_basis: `Part parmi les ${set} sites dont la structure porteuse est renseignée (une structure devinée n’est pas comptée)${f.key === 'la-poste' ? ` ; ${guesses['la-poste'] ?? 0} sites ont « La Poste » dans leur nom` : ''}`,
      source: PUBLISHED.source,
    })),
    ...PUBLISHED.counts.map((f) => ({
      key: f.key,
      label: f.label,
      published: f.published,
      unit: 'count' as const,
      observed: byKind[f.kind] ?? 0,
      observed_basis: `Sites dont la structure porteuse renseignée est de type « ${f.kind} » ; ${guesses[f.key] ?? 0} devinés d’après le nom`,
      source: PUBLISHED.source,
    })),
    {
      key: 'bus',
      label: 'Bus France services',
      published: PUBLISHED.buses,
      unit: 'count' as const,
      observed: totals.bus,
      observed_basis: 'Sites au format Bus_équivalent de la liste ANCT',
      source: PUBLISHED.source,
    },
  ];
  const items = [...rows.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    ...envelope(
      resolved,
      null,
      `${LIST_SOURCE} ; structures porteuses renseignées par les administrateurs du réseau ; ${PUBLISHED.source}`,
      now,
    ),
    level,
    totals,
    carriers: {
      set,
      guessed: totals.carrier_guessed,
      unknown: totals.carrier_unknown,
      unknown_share: totals.total === 0 ? null : (totals.carrier_guessed + totals.carrier_unknown) / totals.total,
      by_kind: byKind,
      guesses,
    },
    published: figures,
    items,
  };
}

export function compositionTable(answer: ObservatoryComposition, resolved: ResolvedScope): Table {
  const region = answer.level === 'region';
  return {
    name: fileStem(region ? 'composition-regions' : 'composition', resolved, null),
    sheet: 'Composition',
    title: `Composition du réseau — ${answer.scope.label}`,
    source: answer.source,
    columns: [
      { key: 'code', label: region ? 'Région' : 'Département' },
      { key: 'name', label: 'Nom' },
      ...(region ? [] : [{ key: 'region', label: 'Région' }]),
      { key: 'fixed', label: 'Fixes', type: 'number' as const },
      { key: 'antenna', label: 'Fixes avec antennes', type: 'number' as const },
      { key: 'multisite', label: 'Multisites', type: 'number' as const },
      { key: 'bus', label: 'Bus', type: 'number' as const },
      { key: 'roaming', label: 'Itinérantes', type: 'number' as const },
      { key: 'main', label: 'Principales', type: 'number' as const },
      { key: 'antennas', label: 'Antennes', type: 'number' as const },
      { key: 'total', label: 'Total', type: 'number' as const },
      { key: 'carrier_set', label: 'Porteur renseigné', type: 'number' as const },
      { key: 'carrier_guessed', label: 'Porteur deviné', type: 'number' as const },
      { key: 'carrier_unknown', label: 'Porteur inconnu', type: 'number' as const },
    ],
    rows: answer.items,
  };
}

// ---------------------------------------------------------------------------------------------
// Freshness

export async function observatoryFreshness(ctx: AppContext, resolved: ResolvedScope, now: Date): Promise<ObservatoryFreshness> {
  const sites = await scopeSites(ctx, resolved);
  const before = staleBefore(now).toISOString();
  const rows = new Map<string, FreshnessRow>();
  const empty = (department: string, name: string): FreshnessRow => ({
    department,
    name,
    sites: 0,
    verified: 0,
    stale: 0,
    never: 0,
    stale_share: null,
    oldest_verified_at: null,
  });
  const totals = empty('', resolved.label);
  for (const { site } of sites) {
    const department = site.address.department;
    let row = rows.get(department);
    if (!row) rows.set(department, (row = empty(department, departmentName(department) ?? department)));
    for (const r of [row, totals]) {
      r.sites++;
      if (site.verified_at === null) r.never++;
      if (site.verified_at === null || site.verified_at < before) r.stale++;
      else r.verified++;
      if (site.verified_at !== null && (r.oldest_verified_at === null || site.verified_at < r.oldest_verified_at)) {
        r.oldest_verified_at = site.verified_at;
      }
    }
  }
  const items = [...rows.values()].sort((a, b) => (a.department < b.department ? -1 : 1));
  for (const r of [...items, totals]) r.stale_share = r.sites === 0 ? null : r.stale / r.sites;
  return { ...envelope(resolved, null, LIST_SOURCE, now), stale_before: before, totals, items };
}

export function freshnessTable(answer: ObservatoryFreshness, resolved: ResolvedScope): Table {
  return {
    name: fileStem('fraicheur', resolved, null),
    sheet: 'Fraîcheur',
    title: `Fraîcheur des données — ${answer.scope.label}`,
    source: `${answer.source}. Données non vérifiées par un agent depuis ${FRESHNESS_MONTHS} mois (avant le ${answer.stale_before.slice(0, 10)}).`,
    columns: [
      { key: 'department', label: 'Département' },
      { key: 'name', label: 'Nom' },
      { key: 'sites', label: 'Sites', type: 'number' },
      { key: 'verified', label: `Vérifiés depuis moins de ${FRESHNESS_MONTHS} mois`, type: 'number' },
      { key: 'stale', label: `Non vérifiés depuis ${FRESHNESS_MONTHS} mois`, type: 'number' },
      { key: 'never', label: 'Jamais vérifiés', type: 'number' },
      { key: 'stale_share', label: 'Part non vérifiée', type: 'share' },
      { key: 'oldest_verified_at', label: 'Plus ancienne vérification' },
    ],
    rows: answer.items,
  };
}

// ---------------------------------------------------------------------------------------------
// Activity and satisfaction

/** A partner's short name from the partner directory (`local`: « Partenaire local »). */
function partnerLabels(ctx: AppContext): (partner: string) => string {
  const names = new Map<string, string>(ctx.directory.partners.map((p) => [p.id, p.short_name]));
  return (partner) => names.get(partner) ?? (partner === 'local' ? 'Partenaire local' : partner);
}

function groupLabel(groupBy: SitesGroupBy, key: string, names: Map<string, string>, partnerLabel: (p: string) => string): string {
  if (groupBy === 'site') return names.get(key) ?? key;
  if (groupBy === 'partner') return partnerLabel(key);
  if (groupBy === 'theme') {
    const [partner, theme] = key.split('/');
    return `${partnerLabel(partner!)} — ${theme}`;
  }
  return key;
}

export async function observatoryActivity(
  ctx: AppContext,
  resolved: ResolvedScope,
  period: Period,
  groupBy: SitesGroupBy,
  now: Date,
): Promise<ObservatoryActivity> {
  const activity = await sitesActivity(ctx.db, { sites: statsSites(resolved), from: period.from, to: period.to, group_by: groupBy });
  const names = groupBy === 'site' ? siteNames(ctx, resolved) : new Map<string, string>();
  const partnerLabel = partnerLabels(ctx);
  const referred = Object.values(activity.referrals).reduce((a, b) => a + b, 0);
  const referrals = Object.entries(activity.referrals)
    .map(([partner, n]) => ({ partner, referred: n, share: share(n, referred) }))
    .sort((a, b) => b.referred - a.referred || (a.partner < b.partner ? -1 : 1));
  return {
    ...envelope(resolved, period, ACTS_SOURCE, now),
    group_by: groupBy,
    acts: activity.acts,
    first_visit_share: share(activity.solved, activity.acts),
    referrals,
    items: activity.groups.map((g) => ({
      key: g.key,
      label: groupLabel(groupBy, g.key, names, partnerLabel),
      acts: g.acts,
      solved: g.solved,
      referred: g.referred,
      follow_up: g.follow_up,
      first_visit_share: share(g.solved, g.acts),
      referred_share: share(g.referred, g.acts),
    })),
  };
}

/** Names of the scope's sites (for the rows grouped by site). */
function siteNames(ctx: AppContext, resolved: ResolvedScope): Map<string, string> {
  const catalogue = ctx.catalogue();
  const names = new Map<string, string>();
  for (const id of resolved.siteIds) {
    const site = catalogue.get(id);
    if (site) names.set(id, site.name);
  }
  return names;
}

const GROUP_COLUMN: Record<SitesGroupBy, string> = { site: 'Site', partner: 'Partenaire', theme: 'Partenaire — thème', month: 'Mois' };

export function activityTable(answer: ObservatoryActivity, resolved: ResolvedScope): Table {
  return {
    name: fileStem(`activite-${answer.group_by}`, resolved, answer.period),
    sheet: 'Activité',
    title: `Activité — ${answer.scope.label}${periodLabel(answer.period)}`,
    source: answer.source,
    columns: [
      { key: 'key', label: answer.group_by === 'site' ? 'Identifiant' : 'Clé' },
      { key: 'label', label: GROUP_COLUMN[answer.group_by] },
      { key: 'acts', label: 'Actes', type: 'number' },
      { key: 'solved', label: 'Résolus au premier contact', type: 'number' },
      { key: 'referred', label: 'Réorientés', type: 'number' },
      { key: 'follow_up', label: 'Suivis', type: 'number' },
      { key: 'first_visit_share', label: 'Part résolue au premier contact', type: 'share' },
      { key: 'referred_share', label: 'Part réorientée', type: 'share' },
    ],
    rows: answer.items,
  };
}

export async function observatorySatisfaction(
  ctx: AppContext,
  resolved: ResolvedScope,
  period: Period,
  groupBy: 'site' | 'month',
  now: Date,
): Promise<ObservatorySatisfaction> {
  const satisfaction = await sitesSatisfaction(ctx.db, {
    sites: statsSites(resolved),
    from: period.from,
    to: period.to,
    channel: null,
    group_by: groupBy,
  });
  const names = groupBy === 'site' ? siteNames(ctx, resolved) : new Map<string, string>();
  const totals = satisfactionFigures(satisfaction.totals);
  return {
    ...envelope(resolved, period, ANSWERS_SOURCE, now),
    group_by: groupBy,
    answers: totals.count,
    satisfied_share: share(totals.satisfied, totals.count),
    items: satisfaction.groups.map(({ key, counters }) => {
      const f = satisfactionFigures(counters);
      const resolution = f.resolved.yes + f.resolved.partly + f.resolved.no;
      return {
        key,
        label: groupBy === 'site' ? (names.get(key) ?? key) : key,
        answers: f.count,
        satisfied: f.satisfied,
        satisfied_share: share(f.satisfied, f.count),
        resolved_share: share(f.resolved.yes, resolution),
      };
    }),
  };
}

export function satisfactionTable(answer: ObservatorySatisfaction, resolved: ResolvedScope): Table {
  return {
    name: fileStem(`satisfaction-${answer.group_by}`, resolved, answer.period),
    sheet: 'Satisfaction',
    title: `Satisfaction — ${answer.scope.label}${periodLabel(answer.period)}`,
    source: answer.source,
    columns: [
      { key: 'key', label: answer.group_by === 'site' ? 'Identifiant' : 'Mois' },
      { key: 'label', label: answer.group_by === 'site' ? 'Site' : 'Période' },
      { key: 'answers', label: 'Réponses', type: 'number' },
      { key: 'satisfied', label: 'Satisfaits', type: 'number' },
      { key: 'satisfied_share', label: 'Part satisfaite', type: 'share' },
      { key: 'resolved_share', label: 'Part « démarche résolue »', type: 'share' },
    ],
    rows: answer.items,
  };
}
