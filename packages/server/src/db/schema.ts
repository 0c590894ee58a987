import type { ColumnType, Generated } from 'kysely';

/** Tables as stored. JSON columns are TEXT so the same schema runs on SQLite and PostgreSQL. */
export interface SiteTable {
  id: string;
  name: string;
  kind: string;
  role: string;
  itinerant: number;
  street: string;
  complement: string | null;
  postcode: string;
  commune: string;
  insee_commune: string;
  department: string;
  lat: number;
  lon: number;
  email: string | null;
  phone: string | null;
  /** JSON of the contract's `Week`. */
  hours: string;
  opening_hours: string | null;
  weekly_minutes: number;
  appointment: number;
  comment: string | null;
  group_name: string | null;
  labelled_on: string | null;
  carrier: string | null;
  time_zone: string;
  /** Line of the source file the record came from, for error reports. */
  source_line: number;
  imported_at: string;
}

export interface CommuneTable {
  insee: string;
  name: string;
  /** Lower case, no accents, words separated by one space, "st" spelled "saint". */
  search_name: string;
  /** commune | arrondissement | former (commune déléguée or associée, kept to resolve old codes). */
  kind: string;
  parent_insee: string | null;
  department: string;
  region: string | null;
  population: number | null;
  lat: number | null;
  lon: number | null;
}

export interface CommunePostcodeTable {
  insee: string;
  postcode: string;
}

export interface MetaTable {
  key: string;
  value: string;
  updated_at: ColumnType<string, string, string>;
}

export interface ImportIssueTable {
  id: Generated<number>;
  source: string;
  line: number;
  record_id: string | null;
  level: string;
  message: string;
  imported_at: string;
}

/**
 * Where and when an itinerant site (a bus) stops, as read from a source other than the ANCT list.
 * Since issue 16 these are imported once into the site's `outreach_stops`; the table of migration
 * 0002 (`itinerant_stops`) is neither read nor written any more.
 */
export interface ItinerantStopTable {
  site_id: string;
  /** The stop's identifier in its source. */
  stop_id: string;
  name: string;
  street: string;
  postcode: string;
  commune: string;
  insee_commune: string;
  lat: number;
  lon: number;
  /** OpenStreetMap `opening_hours` rule as published (kept even when it cannot be read). */
  opening_hours: string | null;
  /** `id` of the data source (`SOURCES`). */
  source: string;
}

/**
 * An access token (docs/security.md): `fsw_<id>.<secret>`. Only the sha256 of the secret is
 * stored, so a copy of the database gives no usable token.
 */
export interface TokenTable {
  id: string;
  /** `agent` or `manager` (of one site), `admin` (every site), or a read-only observer: `departement`, `carrier`, `network`. */
  role: string;
  /** The site of an agent's or manager's token; null for an admin's (a check constraint holds both rules). */
  site_id: string | null;
  /** Who or what holds it, e.g. "accueil" or "national", for `token list`. */
  label: string;
  /** sha256 of the secret, hex. */
  secret_hash: string;
  created_at: string;
  /** ISO instant from which the token is refused; null: no expiry. */
  expires_at: string | null;
  revoked_at: string | null;
  /** Updated at most once a minute, so reading an export does not write on every request. */
  last_used_at: string | null;
  /** Label of the access that created it (a site manager, an admin); null from the command line. */
  created_by: string | null;
  /** The département code of a `departement` token ('48', '2A', '974'); null otherwise. */
  scope_department: string | null;
  /** The carrier id of a `carrier` token (`carriers.id`); null otherwise. */
  scope_carrier: string | null;
}

/** A carrier (structure porteuse) named by a network administrator (migration 0009). */
export interface CarrierTable {
  /** Slug, e.g. `la-poste`, `cc-val-de-charente`. */
  id: string;
  name: string;
  /** collectivite | la-poste | association | etat | msa | autre */
  kind: string;
  created_at: string;
}

/** The carrier SET for a site (kept across re-imports: the ANCT list has none). */
export interface SiteCarrierTable {
  site_id: string;
  carrier_id: string;
  /** Label of who set it: a token's label, `cli` or the imported file. */
  set_by: string;
  set_at: string;
}

/** One satisfaction answer as stored (personal data already removed from the comment). */
export interface FeedbackTable {
  /** Random (a UUID): a receipt reveals nothing about how many answers there are. */
  id: string;
  /** The client's idempotency key: unique. */
  key: string;
  site_id: string;
  channel: string;
  rating: string;
  resolved: string | null;
  comment: string | null;
  /** ISO instant, UTC. */
  answered_at: string;
  /** Local date of `answered_at` in the site's time zone: the day the answer counts on. */
  day: string;
  received_at: string;
}

/** One counter per rating, per answer to the resolution question and for no answer to it. */
export interface SatisfactionCounters {
  very_satisfied: number;
  satisfied: number;
  dissatisfied: number;
  very_dissatisfied: number;
  resolved_yes: number;
  resolved_partly: number;
  resolved_no: number;
  resolved_unanswered: number;
}

/** Answers counted by site, local day and channel, in the transaction that stores each answer. */
export interface SatisfactionDailyTable extends SatisfactionCounters {
  site_id: string;
  day: string;
  channel: string;
}

/**
 * The same counters summed over every site, kept alongside, so the national figures read at
 * most one row per day and channel instead of one per site (docs/security.md, bench).
 */
export interface SatisfactionDailyNetworkTable extends SatisfactionCounters {
  day: string;
  channel: string;
}

/** A fixed-window request counter, shared by every API node that uses this database. */
export interface RateLimitTable {
  /** sha256 of what is counted (client, site, channel) and the window's start. */
  key: string;
  count: number;
  /** ISO instant the window closes; rows past it are deleted. */
  window_ends_at: string;
}

/** One request handled by an agent (no personal data: what, how, with which outcome). */
export interface ActTable {
  /** Random (a UUID). */
  id: string;
  /** The client's idempotency key: unique. */
  key: string;
  site_id: string;
  partner: string;
  theme: string;
  /** solved | referred | follow-up. */
  outcome: string;
  /** The partner referred to, iff outcome is referred. */
  referred_to: string | null;
  channel: string;
  /** ISO instant, UTC. */
  acted_at: string;
  /** Local date of `acted_at` in the site's time zone. */
  day: string;
  created_at: string;
}

export interface ActivityCounters {
  acts: number;
  solved: number;
  referred: number;
  follow_up: number;
}

/**
 * The activity roll-ups, all kept in the transaction that stores each act (`countAct`) and
 * rebuilt from the acts by migration 0007: counters by partner and theme, and referrals by
 * partner referred to, each per site and for the whole network, per local day and per local
 * month (`YYYY-MM`, the month of the site's local day). The statistics read whole months from
 * the monthly rows and only the partial months at the edges of a period from the daily ones.
 */
export interface ActivityDailyTable extends ActivityCounters {
  site_id: string;
  day: string;
  partner: string;
  theme: string;
}

/** `activity_daily` summed over every site: the network figures read one row per day, partner and theme. */
export interface ActivityDailyNetworkTable extends ActivityCounters {
  day: string;
  partner: string;
  theme: string;
}

/** `activity_daily` summed by local month (`YYYY-MM`). */
export interface ActivityMonthlyTable extends ActivityCounters {
  site_id: string;
  month: string;
  partner: string;
  theme: string;
}

/** `activity_monthly` summed over every site. */
export interface ActivityMonthlyNetworkTable extends ActivityCounters {
  month: string;
  partner: string;
  theme: string;
}

/**
 * A site's counters whatever the partner and theme (migration 0010, issue 17): `activity_daily`
 * summed over partners and themes, one row per site and local day. The observatory's per-site
 * tables read a département's or the network's sites from it in a few thousand rows.
 */
export interface ActivitySiteDailyTable extends ActivityCounters {
  site_id: string;
  day: string;
}

/** `activity_site_daily` summed by local month (`YYYY-MM`): a national year is 12 rows per site. */
export interface ActivitySiteMonthlyTable extends ActivityCounters {
  site_id: string;
  month: string;
}

/** Acts referred to another partner (`referred_to`), by site and local day. */
export interface ActivityReferralsDailyTable {
  site_id: string;
  day: string;
  referred_to: string;
  referred: number;
}

export interface ActivityReferralsDailyNetworkTable {
  day: string;
  referred_to: string;
  referred: number;
}

export interface ActivityReferralsMonthlyTable {
  site_id: string;
  month: string;
  referred_to: string;
  referred: number;
}

export interface ActivityReferralsMonthlyNetworkTable {
  month: string;
  referred_to: string;
  referred: number;
}

/** A follow-up case: its current state. Its history is `case_events`. */
export interface CaseTable {
  /** Canonical code: 11 symbols, no dashes (`@fs-widgets/contract/case-code`). */
  code: string;
  site_id: string;
  partner: string;
  demarche: string;
  status: string;
  step: string;
  /** JSON array of strings. */
  documents: string;
  appointment: string | null;
  opened_at: string;
  updated_at: string;
  /** YYYY-MM-DD: 12 months after `updated_at`; after this day the code answers 410. */
  expires_on: string;
  /** The idempotency key of the request that opened it: unique. */
  created_key: string;
}

/** A case's history, append-only (triggers refuse UPDATE and DELETE). */
export interface CaseEventTable {
  id: Generated<number>;
  code: string;
  /** Idempotency key of the request that wrote it: unique. */
  key: string;
  at: string;
  status: string;
  step: string;
}

/** A site's local partner (mission locale, CCAS, conciliator…), written by the site's agents. */
export interface LocalPartnerTable {
  id: string;
  site_id: string;
  name: string;
  description: string | null;
  /** JSON array of data·inclusion thématiques. */
  thematiques: string;
  phone: string | null;
  website: string | null;
  /** Idempotency key of the request that created it: unique. */
  created_key: string;
  created_at: string;
  updated_at: string;
}

/** A recurring permanence at a site, of a national partner (`partner`) or a local one (`local_partner_id`). */
export interface PermanenceTable {
  id: string;
  site_id: string;
  partner: string | null;
  local_partner_id: string | null;
  /** JSON of the contract's `Recurrence`. */
  recurrence: string;
  opens: string | null;
  closes: string | null;
  /** 0 or 1. */
  by_appointment: number;
  starts_on: string | null;
  ends_on: string | null;
  note: string | null;
  created_key: string;
  created_at: string;
  updated_at: string;
}

/** One change to a site's public information (append-only: triggers refuse UPDATE and DELETE). */
export interface SiteHistoryTable {
  id: Generated<number>;
  site_id: string;
  at: string;
  /** The token that made it; null for the command line or an import. */
  access_id: string | null;
  access_label: string;
  /** agent | manager | admin | cli | import */
  access_role: string;
  entity: string;
  entity_id: string | null;
  action: string;
  /** JSON of the entity before and after the change; null when created or deleted. */
  before: string | null;
  after: string | null;
}

/** What a site publishes itself about the whole site (a re-import never overwrites it). */
export interface SiteEditsTable {
  site_id: string;
  /** JSON of the contract's `Week`, when the site corrected its weekly hours; null: the list's. */
  hours: string | null;
  hours_updated_at: string | null;
  /** JSON array of `SITE_OFFERS`. */
  offers: string;
  /** Last time an agent confirmed or changed the site's information. */
  verified_at: string | null;
  updated_at: string;
}

/** An exceptional closure or exceptional hours over one day or a date range. */
export interface SiteExceptionTable {
  id: string;
  site_id: string;
  starts_on: string;
  ends_on: string;
  /** 0 or 1. */
  closed: number;
  /** JSON array of `TimeRange` (empty when closed). */
  hours: string;
  reason: string;
  created_key: string;
  created_at: string;
  updated_at: string;
}

/** A bus's stop or an outreach permanence of a site, written by its agents (or imported once). */
export interface OutreachStopTable {
  id: string;
  site_id: string;
  /** bus-stop | permanence */
  kind: string;
  name: string;
  street: string;
  postcode: string;
  commune: string;
  insee_commune: string;
  lat: number;
  lon: number;
  /** `agent` (given or picked on the map) or `commune` (the commune's centre). */
  location_from: string;
  /** JSON array of the contract's `OutreachRule`. */
  rules: string;
  /** JSON array of the contract's `OutreachChange`. */
  changes: string;
  offer: string;
  partner: string | null;
  note: string | null;
  /** `site`, or the id of the source it was imported from. */
  source: string;
  created_key: string;
  created_at: string;
  updated_at: string;
}

/** A site's booking settings (issue 19); a site without a row takes no bookings. */
export interface BookingSettingsTable {
  site_id: string;
  /** 0 or 1: whether the site takes online bookings. */
  enabled: number;
  duration_minutes: number;
  /** Seats of each slot: people received at the same time. */
  capacity: number;
  horizon_days: number;
  min_notice_minutes: number;
  /** JSON array of reason keys (`demarche:<id>`, `permanence:<id>`, `other`), in the order shown. */
  reasons: string;
  updated_at: string;
}

/**
 * An appointment. `first_name`, `phone` and `email` are sealed (`privacy/sealed.ts`: AES-256-GCM,
 * `v1.` prefix): never stored, logged or answered in clear; null once erased (`erased_at`).
 */
export interface AppointmentTable {
  id: string;
  site_id: string;
  /** Canonical booking code: 11 symbols, no dashes (`@fs-widgets/contract/case-code`), unique. */
  code: string;
  /** `site`, or `permanence:<id>`: whose seats it takes. */
  resource: string;
  /** The reason key booked (`demarche:<id>`, `permanence:<id>`, `other`). */
  reason: string;
  /** For the act logged when it is done: a partner of `PARTNERS` and one of its `THEMES`; null when unknown. */
  partner: string | null;
  theme: string | null;
  /** UTC ISO instants. */
  starts_at: string;
  ends_at: string;
  /** booked | cancelled | arrived | done | no-show */
  status: string;
  /** public | agent */
  booked_by: string;
  /** The creating request's idempotency key: unique per site. */
  idempotency_key: string;
  first_name: string | null;
  phone: string | null;
  email: string | null;
  /** email | sms | none */
  reminder: string;
  /** Set (with the claiming node) by the one node that sends the reminder: `update … where reminder_claimed_at is null`. */
  reminder_claimed_at: string | null;
  reminder_claimed_by: string | null;
  reminder_sent_at: string | null;
  cancelled_at: string | null;
  /** When its personal data was erased (the three sealed columns set to null). */
  erased_at: string | null;
  /** The act logged when it was marked done. */
  act_id: string | null;
  created_at: string;
  updated_at: string;
  /** `fr` or `en`: the language the person booked in, the reminder's (migration 0012). */
  language: string;
  /** Reminder sends that failed; at `MAX_REMINDER_ATTEMPTS` it is given up (`reminder_failed_at`). */
  reminder_attempts: number;
  reminder_failed_at: string | null;
}

/** An agents' change to an appointment, once per idempotency key of the site (move, cancel, status). */
export interface AppointmentChangeTable {
  site_id: string;
  key: string;
  appointment_id: string;
  /** `move`, `cancel`, `status:<status>`. */
  action: string;
  created_at: string;
}

/** A seat of a slot taken by an appointment: primary key (site_id, resource, starts_at, seat). */
export interface AppointmentSeatTable {
  site_id: string;
  resource: string;
  starts_at: string;
  /** 1 … capacity. */
  seat: number;
  appointment_id: string;
}

/** Time an agent blocked: no slot of `resource` (`site`, `permanence:<id>`, or `*` for all) overlaps it. */
export interface AppointmentBlockTable {
  id: string;
  site_id: string;
  resource: string;
  /** UTC ISO instants. */
  starts_at: string;
  ends_at: string;
  label: string;
  /** Idempotency key of the request that created it: unique per site when set. */
  created_key: string | null;
  created_at: string;
}

export interface Database {
  sites: SiteTable;
  communes: CommuneTable;
  commune_postcodes: CommunePostcodeTable;
  meta: MetaTable;
  import_issues: ImportIssueTable;
  tokens: TokenTable;
  feedback: FeedbackTable;
  satisfaction_daily: SatisfactionDailyTable;
  satisfaction_daily_network: SatisfactionDailyNetworkTable;
  rate_limits: RateLimitTable;
  acts: ActTable;
  activity_daily: ActivityDailyTable;
  activity_daily_network: ActivityDailyNetworkTable;
  activity_monthly: ActivityMonthlyTable;
  activity_monthly_network: ActivityMonthlyNetworkTable;
  activity_site_daily: ActivitySiteDailyTable;
  activity_site_monthly: ActivitySiteMonthlyTable;
  activity_referrals_daily: ActivityReferralsDailyTable;
  activity_referrals_daily_network: ActivityReferralsDailyNetworkTable;
  activity_referrals_monthly: ActivityReferralsMonthlyTable;
  activity_referrals_monthly_network: ActivityReferralsMonthlyNetworkTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  local_partners: LocalPartnerTable;
  permanences: PermanenceTable;
  site_history: SiteHistoryTable;
  site_edits: SiteEditsTable;
  site_exceptions: SiteExceptionTable;
  outreach_stops: OutreachStopTable;
  carriers: CarrierTable;
  site_carriers: SiteCarrierTable;
  booking_settings: BookingSettingsTable;
  appointments: AppointmentTable;
  appointment_seats: AppointmentSeatTable;
  appointment_blocks: AppointmentBlockTable;
  appointment_changes: AppointmentChangeTable;
}
