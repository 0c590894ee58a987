import Type, { type Static } from 'typebox';
import { KEY_FIGURES_MIN_COUNT } from './codes.js';
import { ObservatoryScope, ObservatoryScopeQuery } from './observatory-scope.js';

/*
 * The network observatory's statistics (issue 17): for a scope (a département, a carrier, the
 * network), its key figures, one row per site, the charter's compliance, the network's shape,
 * its data's freshness, its activity and satisfaction. Every table also downloads as CSV and as
 * a spreadsheet (`format=csv|xlsx`). A share is null below KEY_FIGURES_MIN_COUNT records.
 */

export const OBSERVATORY_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ObservatoryFormat = (typeof OBSERVATORY_FORMATS)[number];

/** The charter's rule for fixed France services: at least 24 hours a week over at least 5 days. */
export const CHARTER_WEEKLY_HOURS = 24;
export const CHARTER_OPEN_DAYS = 5;
/** A site's information counts as stale when no agent confirmed it for this many months. */
export const FRESHNESS_MONTHS = 6;
/** The days ahead over which a site's own closures and exceptional hours are counted. */
export const COMPLIANCE_LOOKAHEAD_DAYS = 28;

export const ACTIVITY_GROUPS = ['site', 'partner', 'theme', 'month'] as const;
export const SATISFACTION_GROUPS = ['site', 'month'] as const;

/**
 * Which rule of the charter applies to a site: `fixed-24h-5d` for a France services's main site in
 * fixed premises (format Fixe or Fixe_antenne(s), type Principal), checked on its own hours;
 * `multisite` for a place of a multi-site France services (format Multisites: each place is a row
 * of the list, the rule holds for the France services over its places, which the list does not
 * link); `antenna` for an antenna (type Antenne: its hours count with its France services's);
 * `itinerant` for a bus or a roaming France services (the rule holds for the service over its
 * stops, which the list does not detail). docs/observatory.md cites the texts.
 */
export const COMPLIANCE_RULES = ['fixed-24h-5d', 'multisite', 'antenna', 'itinerant'] as const;
export type ComplianceRule = (typeof COMPLIANCE_RULES)[number];
/** `meets`/`short`: checked; `no-hours`: the list gives no hours at all (unknown, not zero); `not-checked`: another rule. */
export const COMPLIANCE_STATUSES = ['meets', 'short', 'no-hours', 'not-checked'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];
/** Where a site's carrier comes from: `set` by a network administrator, `guess` from its name, `unknown`. */
export const CARRIER_STATUSES = ['set', 'guess', 'unknown'] as const;
export type CarrierStatus = (typeof CARRIER_STATUSES)[number];

const literals = <T extends string>(values: readonly T[], title: string) =>
  Type.Union(values.map((v) => Type.Literal(v)) as [ReturnType<typeof Type.Literal<T>>], { title });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const share = (description: string) =>
  Nullable(Type.Number({ minimum: 0, maximum: 1, description: `${description} Null below ${KEY_FIGURES_MIN_COUNT}.` }));
const DAY_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const day = (description: string) => Type.String({ pattern: DAY_PATTERN, description });

const scopeFields = ObservatoryScopeQuery.properties;
/** `json` (default), `csv` (UTF-8 with a BOM, for spreadsheets) or `xlsx` (a spreadsheet file). */
const format = Type.Optional(literals(OBSERVATORY_FORMATS, 'ObservatoryFormat'));
const periodFields = {
  from: Type.Optional(day('First local day included (YYYY-MM-DD); 1 January of the current year (Europe/Paris) by default.')),
  to: Type.Optional(day('Last local day included (YYYY-MM-DD); today (Europe/Paris) by default.')),
};

export const ObservatoryTableQuery = Type.Object({ ...scopeFields, format }, { title: 'ObservatoryTableQuery' });
export type ObservatoryTableQuery = Static<typeof ObservatoryTableQuery>;
export const ObservatoryPeriodQuery = Type.Object({ ...scopeFields, ...periodFields }, { title: 'ObservatoryPeriodQuery' });
export type ObservatoryPeriodQuery = Static<typeof ObservatoryPeriodQuery>;
export const ObservatorySitesQuery = Type.Object({ ...scopeFields, ...periodFields, format }, { title: 'ObservatorySitesQuery' });
export type ObservatorySitesQuery = Static<typeof ObservatorySitesQuery>;
export const ObservatoryCompositionQuery = Type.Object(
  { ...scopeFields, level: Type.Optional(literals(['departement', 'region'] as const, 'CompositionLevel')), format },
  { title: 'ObservatoryCompositionQuery' },
);
export type ObservatoryCompositionQuery = Static<typeof ObservatoryCompositionQuery>;
export const ObservatoryActivityQuery = Type.Object(
  { ...scopeFields, ...periodFields, group_by: Type.Optional(literals(ACTIVITY_GROUPS, 'ObservatoryActivityGroup')), format },
  { title: 'ObservatoryActivityQuery' },
);
export type ObservatoryActivityQuery = Static<typeof ObservatoryActivityQuery>;
export const ObservatorySatisfactionQuery = Type.Object(
  { ...scopeFields, ...periodFields, group_by: Type.Optional(literals(SATISFACTION_GROUPS, 'ObservatorySatisfactionGroup')), format },
  { title: 'ObservatorySatisfactionQuery' },
);
export type ObservatorySatisfactionQuery = Static<typeof ObservatorySatisfactionQuery>;

const Period = Type.Object(
  { from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) },
  { title: 'ObservatoryPeriod', description: 'The local days counted, both included.' },
);

/** What every observatory answer states: its scope, period (null for the list's state today), source, when computed. */
const envelope = {
  scope: ObservatoryScope,
  period: Nullable(Period),
  source: Type.String({ description: 'Where the figures come from, in French: the list and its date, the agents’ records.' }),
  min_count: Type.Integer({ description: `Records needed behind a published share (${KEY_FIGURES_MIN_COUNT}).` }),
  generated_at: Type.String({ format: 'date-time' }),
};

const KindCounts = Type.Object(
  {
    fixed: Type.Integer({ minimum: 0 }),
    antenna: Type.Integer({ minimum: 0, description: 'Format « Fixe_antenne(s) ».' }),
    multisite: Type.Integer({ minimum: 0 }),
    bus: Type.Integer({ minimum: 0 }),
    roaming: Type.Integer({ minimum: 0 }),
  },
  { title: 'KindCounts' },
);

const ComplianceCounts = Type.Object(
  {
    checked: Type.Integer({ minimum: 0, description: 'Sites the 24 h / 5 days rule is checked on (main sites in fixed premises).' }),
    meets: Type.Integer({ minimum: 0 }),
    short: Type.Integer({ minimum: 0, description: 'Under 24 hours or on fewer than 5 days.' }),
    under_24h: Type.Integer({ minimum: 0 }),
    under_5_days: Type.Integer({ minimum: 0 }),
    no_hours: Type.Integer({ minimum: 0, description: 'No hours in the list: unknown, not counted as short.' }),
    not_checked: Type.Integer({
      minimum: 0,
      description: 'Places of multi-site France services, antennas, buses and roaming sites (another rule).',
    }),
  },
  { title: 'ComplianceCounts' },
);

const CarrierCounts = Type.Object(
  {
    set: Type.Integer({ minimum: 0, description: 'Carrier set by a network administrator.' }),
    guessed: Type.Integer({ minimum: 0, description: 'Not set, guessed from the name (La Poste, MSA, sous-préfecture).' }),
    unknown: Type.Integer({ minimum: 0, description: 'Neither set nor guessed.' }),
    unknown_share: Nullable(
      Type.Number({ minimum: 0, maximum: 1, description: 'Sites with no carrier set (guessed or unknown) / sites.' }),
    ),
  },
  { title: 'CarrierCounts' },
);

export const ObservatorySummary = Type.Object(
  {
    ...envelope,
    sites: Type.Object({
      total: Type.Integer({ minimum: 0 }),
      main: Type.Integer({ minimum: 0, description: '`type_fs` Principal.' }),
      antennas: Type.Integer({ minimum: 0, description: '`type_fs` Antenne.' }),
      by_kind: KindCounts,
    }),
    activity: Type.Object({ acts: Type.Integer({ minimum: 0 }), first_visit_share: share('Acts solved at the first visit / acts.') }),
    satisfaction: Type.Object({ answers: Type.Integer({ minimum: 0 }), satisfied_share: share('Satisfied answers / answers.') }),
    compliance: ComplianceCounts,
    freshness: Type.Object({
      stale: Type.Integer({ minimum: 0, description: `Not verified by an agent for ${FRESHNESS_MONTHS} months, never verified included.` }),
      never: Type.Integer({ minimum: 0 }),
    }),
    carriers: CarrierCounts,
  },
  { title: 'ObservatorySummary' },
);
export type ObservatorySummary = Static<typeof ObservatorySummary>;

export const ObservatorySiteRow = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    kind: Type.String({ description: 'fixed, antenna, multisite, bus, roaming (`format_fs`).' }),
    role: Type.String({ description: 'main or antenna (`type_fs`).' }),
    department: Type.String(),
    commune: Type.String(),
    carrier: Nullable(Type.String({ description: 'The carrier set (its id), else the guess (la-poste, msa, sous-prefecture).' })),
    carrier_status: literals(CARRIER_STATUSES, 'CarrierStatus'),
    weekly_hours: Type.Number({ minimum: 0 }),
    open_days: Type.Integer({ minimum: 0, maximum: 7 }),
    compliance: literals(COMPLIANCE_STATUSES, 'ComplianceStatus'),
    verified_at: Nullable(Type.String({ format: 'date-time' })),
    acts: Type.Integer({ minimum: 0 }),
    first_visit_share: share('Acts solved at the first visit / acts.'),
    answers: Type.Integer({ minimum: 0 }),
    satisfied_share: share('Satisfied answers / answers.'),
  },
  { title: 'ObservatorySiteRow' },
);
export type ObservatorySiteRow = Static<typeof ObservatorySiteRow>;
export const ObservatorySites = Type.Object({ ...envelope, items: Type.Array(ObservatorySiteRow) }, { title: 'ObservatorySites' });
export type ObservatorySites = Static<typeof ObservatorySites>;

export const ComplianceRow = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    kind: Type.String(),
    role: Type.String(),
    department: Type.String(),
    rule: literals(COMPLIANCE_RULES, 'ComplianceRule'),
    status: literals(COMPLIANCE_STATUSES, 'ComplianceStatus'),
    weekly_hours: Type.Number({ minimum: 0, description: 'Weekly hours, overlapping ranges of a day counted once.' }),
    open_days: Type.Integer({ minimum: 0, maximum: 7, description: 'Days with opening hours (Monday to Saturday, Sunday if any).' }),
    under_24h: Type.Boolean(),
    under_5_days: Type.Boolean(),
    hours_source: Type.String({ description: '`anct` (the list) or `site` (hours the site’s agents published).' }),
    ahead_hours: Type.Number({
      minimum: 0,
      description: `Hours actually open over the next ${COMPLIANCE_LOOKAHEAD_DAYS} days: weekly hours, minus closures and public holidays, exceptional hours counted.`,
    }),
    ahead_closed_days: Type.Integer({
      minimum: 0,
      description: 'Days of the weekly hours the site is closed over those days (its closures and public holidays).',
    }),
    ahead_weeks_short: Type.Integer({
      minimum: 0,
      maximum: COMPLIANCE_LOOKAHEAD_DAYS / 7,
      description: 'Of those 4 weeks (from today), the ones open under 24 hours or on fewer than 5 days.',
    }),
  },
  { title: 'ComplianceRow' },
);
export type ComplianceRow = Static<typeof ComplianceRow>;
export const ObservatoryCompliance = Type.Object(
  {
    ...envelope,
    rule: Type.String({ description: 'The rule checked, in French, with its source.' }),
    counts: ComplianceCounts,
    ahead: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }),
    items: Type.Array(ComplianceRow),
  },
  { title: 'ObservatoryCompliance' },
);
export type ObservatoryCompliance = Static<typeof ObservatoryCompliance>;

export const CompositionRow = Type.Object(
  {
    code: Type.String({ description: 'The département’s (or region’s) code.' }),
    name: Type.String(),
    region: Nullable(Type.String({ description: 'The region’s code (département rows).' })),
    ...KindCounts.properties,
    main: Type.Integer({ minimum: 0 }),
    antennas: Type.Integer({ minimum: 0 }),
    total: Type.Integer({ minimum: 0 }),
    carrier_set: Type.Integer({ minimum: 0 }),
    carrier_guessed: Type.Integer({ minimum: 0 }),
    carrier_unknown: Type.Integer({ minimum: 0 }),
  },
  { title: 'CompositionRow' },
);
export type CompositionRow = Static<typeof CompositionRow>;
export const PublishedFigure = Type.Object(
  {
    key: Type.String(),
    label: Type.String({ description: 'In French.' }),
    published: Type.Number({ description: 'The programme’s figure (a share 0–1 or a count).' }),
    unit: literals(['share', 'count'] as const, 'PublishedUnit'),
    observed: Nullable(
      Type.Number({ description: 'The same measured on the scope: from carriers SET only, or from the list; null if not measurable.' }),
    ),
    observed_basis: Type.String({ description: 'What `observed` counts, in French.' }),
    source: Type.String(),
  },
  { title: 'PublishedFigure' },
);
export const ObservatoryComposition = Type.Object(
  {
    ...envelope,
    level: literals(['departement', 'region'] as const, 'CompositionLevel'),
    totals: CompositionRow,
    carriers: Type.Object({
      ...CarrierCounts.properties,
      by_kind: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description: 'Sites by kind of the carrier SET.' }),
      guesses: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description: 'Sites by guessed carrier (name-based).' }),
    }),
    published: Type.Array(PublishedFigure),
    items: Type.Array(CompositionRow),
  },
  { title: 'ObservatoryComposition' },
);
export type ObservatoryComposition = Static<typeof ObservatoryComposition>;

export const FreshnessRow = Type.Object(
  {
    department: Type.String(),
    name: Type.String(),
    sites: Type.Integer({ minimum: 0 }),
    verified: Type.Integer({ minimum: 0, description: `Verified by an agent within ${FRESHNESS_MONTHS} months.` }),
    stale: Type.Integer({ minimum: 0, description: `Not verified for ${FRESHNESS_MONTHS} months (never verified included).` }),
    never: Type.Integer({ minimum: 0 }),
    stale_share: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
    oldest_verified_at: Nullable(Type.String({ format: 'date-time' })),
  },
  { title: 'FreshnessRow' },
);
export type FreshnessRow = Static<typeof FreshnessRow>;
export const ObservatoryFreshness = Type.Object(
  { ...envelope, stale_before: Type.String({ format: 'date-time' }), totals: FreshnessRow, items: Type.Array(FreshnessRow) },
  { title: 'ObservatoryFreshness' },
);
export type ObservatoryFreshness = Static<typeof ObservatoryFreshness>;

export const ObservatoryActivityRow = Type.Object(
  {
    key: Type.String({ description: 'The site’s id, the partner, `partner/theme`, or the month YYYY-MM.' }),
    label: Type.String(),
    acts: Type.Integer({ minimum: 0 }),
    solved: Type.Integer({ minimum: 0 }),
    referred: Type.Integer({ minimum: 0 }),
    follow_up: Type.Integer({ minimum: 0 }),
    first_visit_share: share('Solved at the first visit / acts.'),
    referred_share: share('Referred / acts.'),
  },
  { title: 'ObservatoryActivityRow' },
);
export const ObservatoryActivity = Type.Object(
  {
    ...envelope,
    group_by: literals(ACTIVITY_GROUPS, 'ObservatoryActivityGroup'),
    acts: Type.Integer({ minimum: 0 }),
    first_visit_share: share('Solved at the first visit / acts.'),
    referrals: Type.Array(
      Type.Object({ partner: Type.String(), referred: Type.Integer({ minimum: 0 }), share: share('Of the referrals.') }),
      { description: 'Referrals by partner referred to, most first.' },
    ),
    items: Type.Array(ObservatoryActivityRow),
  },
  { title: 'ObservatoryActivity' },
);
export type ObservatoryActivity = Static<typeof ObservatoryActivity>;

export const ObservatorySatisfactionRow = Type.Object(
  {
    key: Type.String({ description: 'The site’s id or the month YYYY-MM.' }),
    label: Type.String(),
    answers: Type.Integer({ minimum: 0 }),
    satisfied: Type.Integer({ minimum: 0 }),
    satisfied_share: share('Satisfied answers / answers.'),
    resolved_share: share('Answered « résolu » / answers to that question.'),
  },
  { title: 'ObservatorySatisfactionRow' },
);
export const ObservatorySatisfaction = Type.Object(
  {
    ...envelope,
    group_by: literals(SATISFACTION_GROUPS, 'ObservatorySatisfactionGroup'),
    answers: Type.Integer({ minimum: 0 }),
    satisfied_share: share('Satisfied answers / answers.'),
    items: Type.Array(ObservatorySatisfactionRow),
  },
  { title: 'ObservatorySatisfaction' },
);
export type ObservatorySatisfaction = Static<typeof ObservatorySatisfaction>;
