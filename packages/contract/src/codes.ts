/**
 * The codes of the API as plain values (no schema code): what widgets import at run time, from
 * `@fs-widgets/contract/codes`, so that their bundles never carry the schema library. The
 * schemas in the other modules are built from these lists.
 */

/**
 * The four-level scale, most satisfied first. No neutral level (as on counter kiosks): the
 * published figure is the share of the top two levels.
 */
export const RATINGS = ['very-satisfied', 'satisfied', 'dissatisfied', 'very-dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** "Votre demande a-t-elle été résolue ?" */
export const RESOLUTIONS = ['yes', 'partly', 'no'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** Where a satisfaction answer was given, so figures stay comparable across channels. */
export const FEEDBACK_CHANNELS = ['kiosk', 'web', 'phone'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

export const COMMENT_MAX_LENGTH = 500;

/**
 * The nine national partners every France services offers by charter, and `local` for a site's
 * own local partners (mission locale, CCAS, conciliator…: named in the site's list, issue of the
 * partner directory).
 */
export const PARTNERS = [
  'france-travail',
  'caf',
  'assurance-maladie',
  'assurance-retraite',
  'la-poste',
  'msa',
  'interieur',
  'justice',
  'finances-publiques',
  'local',
] as const;
export type PartnerId = (typeof PARTNERS)[number];

/** A short list of themes per partner: what an agent picks in one tap. Labels are in the widgets' strings. */
export const THEMES = {
  'france-travail': ['inscription', 'actualisation', 'indemnisation', 'recherche-emploi', 'autre'],
  caf: ['prestations-familiales', 'logement', 'rsa', 'prime-activite', 'declaration-ressources', 'autre'],
  'assurance-maladie': ['carte-vitale', 'remboursements', 'complementaire-sante-solidaire', 'arrets-travail', 'autre'],
  'assurance-retraite': ['demande-retraite', 'releve-carriere', 'aspa', 'autre'],
  'la-poste': ['services-bancaires', 'courrier-colis', 'identite-numerique', 'autre'],
  msa: ['prestations', 'cotisations', 'sante', 'retraite', 'autre'],
  interieur: ['carte-identite-passeport', 'permis-conduire', 'carte-grise', 'titre-sejour', 'autre'],
  justice: ['acces-droit', 'casier-judiciaire', 'aide-juridictionnelle', 'autre'],
  'finances-publiques': ['declaration-revenus', 'prelevement-source', 'impots-locaux', 'paiement', 'autre'],
  local: ['accompagnement-social', 'emploi-jeunes', 'handicap', 'logement', 'autre'],
} as const satisfies Record<PartnerId, readonly string[]>;
export type ThemeId = (typeof THEMES)[PartnerId][number];

export const OUTCOMES = ['solved', 'referred', 'follow-up'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const ACT_CHANNELS = ['counter', 'phone', 'itinerant', 'video'] as const;
export type ActChannel = (typeof ACT_CHANNELS)[number];

/**
 * A France services site's identifier: the ANCT list's `id_fs`, 1 to 9 digits. The schemas
 * validate with it (server), and the widgets check a `site-id` attribute with `isSiteId` before
 * any request, to say which attribute is wrong rather than ask the server.
 */
export const SITE_ID_PATTERN = '^[0-9]{1,9}$';
const SITE_ID = new RegExp(SITE_ID_PATTERN);
export const isSiteId = (value: string): boolean => SITE_ID.test(value);

export const CASE_STATUSES = ['received', 'in-progress', 'awaiting-documents', 'sent-to-partner', 'done'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * A follow-up case's code: 10 symbols of Crockford's base 32 (no I, L, O, U) plus a check
 * symbol (mod 37), shown as `XXXX-XXXX-XXC`. 50 random bits: see docs/security.md.
 */
export const CASE_CODE_PATTERN = '^[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{2}[0-9A-HJKMNP-TV-Z*~$=U]$';

/**
 * Themes of the partner directory: how people browse needs. Each maps to data·inclusion
 * thématiques in the catalogue's data (`packages/server/data/directory/themes.json`); labels are there too.
 */
export const DIRECTORY_THEMES = [
  'papiers-citoyennete',
  'vehicule-permis',
  'etrangers',
  'emploi',
  'famille',
  'logement',
  'aides-revenus',
  'sante',
  'handicap',
  'retraite',
  'impots',
  'justice-droits',
  'argent-courrier',
  'numerique',
] as const;
export type DirectoryThemeId = (typeof DIRECTORY_THEMES)[number];

/**
 * Where a démarche is done:
 * - `counter`: the France services agent helps complete it at the counter (mostly online, together);
 * - `counter-then-partner`: prepared at the counter, finished at the partner's office or an
 *   appointment (e.g. fingerprints at a town hall for an identity card);
 * - `partner`: needs the partner's own office or appointment; the agent informs, prepares the file, books.
 */
export const HELP_MODES = ['counter', 'counter-then-partner', 'partner'] as const;
export type HelpMode = (typeof HELP_MODES)[number];

/** A monthly permanence's ordinal: 1st to 5th, or -1 for the last one of the month. */
export const MONTHLY_ORDINALS = [1, 2, 3, 4, 5, -1] as const;

/**
 * Key figures (`GET /stats/key-figures`): fewest acts (for the first-visit share) and fewest
 * answers (for the satisfied share) behind a published share; below it the share is null
 * ("pas encore assez de réponses"). See docs/security.md ("What is public").
 */
export const KEY_FIGURES_MIN_COUNT = 30;

/**
 * Who holds a site's access (issue 16): an `agent` publishes the site's information (hours,
 * closures, stops, offers) and logs its activity; a `manager` does the same and also creates,
 * expires and revokes the agents' access and reads the site's history. An `admin` token
 * (network) may do everything for every site.
 */
export const SITE_ACCESS_ROLES = ['agent', 'manager'] as const;
export type SiteAccessRole = (typeof SITE_ACCESS_ROLES)[number];

/**
 * The typed offers a site publishes beside the charter's nine partners (filter `offer=` of
 * `GET /sites`; labels in the widgets' strings, mapping to data·inclusion in the export).
 */
export const SITE_OFFERS = [
  'point-justice',
  'telemedicine',
  'information-jeunesse',
  'conseiller-numerique',
  'wheelchair-access',
  'self-service-computer',
  'free-wifi',
] as const;
export type SiteOffer = (typeof SITE_OFFERS)[number];

/**
 * Offers a search can ask for beyond {@link SITE_OFFERS}, derived from what the site's agents
 * publish in the partner directory and never set by hand: `local-partner`, a local partner is
 * known at the site (a mission locale, a conciliateur de justice…); `local-partner:<theme>`, one
 * that helps with that theme of the directory (its data·inclusion thématiques meet the theme's).
 */
export const LOCAL_PARTNER_OFFER = 'local-partner';
export type LocalPartnerOffer = typeof LOCAL_PARTNER_OFFER | `${typeof LOCAL_PARTNER_OFFER}:${DirectoryThemeId}`;
export const LOCAL_PARTNER_OFFERS: readonly LocalPartnerOffer[] = [
  LOCAL_PARTNER_OFFER,
  ...DIRECTORY_THEMES.map((theme) => `${LOCAL_PARTNER_OFFER}:${theme}` as const),
];
/** What `offer=` of `GET /sites` accepts: the typed offers, then the derived ones. */
export const SEARCH_OFFERS: readonly SearchOffer[] = [...SITE_OFFERS, ...LOCAL_PARTNER_OFFERS];
export type SearchOffer = SiteOffer | LocalPartnerOffer;

/** Where an outreach stop is held: a bus stopping in a commune, or a permanence held away from the site. */
export const OUTREACH_KINDS = ['bus-stop', 'permanence'] as const;
export type OutreachKind = (typeof OUTREACH_KINDS)[number];

/** What is offered at an outreach stop: the whole France services offer, a partner's permanence, a conseiller numérique. */
export const OUTREACH_OFFERS = ['france-services', 'partner', 'conseiller-numerique'] as const;
export type OutreachOffer = (typeof OUTREACH_OFFERS)[number];

/** The parts of a site's public information its history records. */
export const SITE_HISTORY_ENTITIES = [
  'hours',
  'closure',
  'stop',
  'offers',
  'verification',
  'access',
  'local-partner',
  'permanence',
  'carrier',
  'booking',
] as const;
export type SiteHistoryEntity = (typeof SITE_HISTORY_ENTITIES)[number];
export const SITE_HISTORY_ACTIONS = ['create', 'update', 'delete', 'verify', 'revoke'] as const;
export type SiteHistoryAction = (typeof SITE_HISTORY_ACTIONS)[number];

/**
 * Appointments (issue 19). An appointment is `booked`, then `arrived`, `done` or `no-show` as
 * the agents mark it, or `cancelled` (by the person with the code, or by an agent).
 */
export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'arrived', 'done', 'no-show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** How the person wants to be reminded the day before: needs the e-mail address or the phone number given. */
export const REMINDER_CHANNELS = ['email', 'sms', 'none'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];

/** Who booked: the person (the public form, no account) or an agent (for someone on the phone). */
export const BOOKED_BY = ['public', 'agent'] as const;
export type BookedBy = (typeof BOOKED_BY)[number];

/**
 * What a site's booking settings may hold (`PUT /sites/{id}/booking-settings`), and their
 * defaults: the length of a slot, the desks taking people in parallel, how far ahead and how
 * late one may book.
 */
export const BOOKING_LIMITS = {
  durationMinutes: { min: 10, max: 240, default: 30 },
  capacity: { min: 1, max: 20, default: 1 },
  horizonDays: { min: 1, max: 120, default: 28 },
  minNoticeMinutes: { min: 0, max: 20160, default: 1440 },
  reasons: { max: 60 },
  firstName: { max: 60 },
} as const;

/**
 * What can be booked at a site: a démarche of the catalogue (`demarche:<id>`), a partner's
 * permanence held there by appointment (`permanence:<id>`), or `other` (« autre »).
 */
export const BOOKING_REASON_PATTERN = '^(demarche:[a-z0-9]+(-[a-z0-9]+)*|permanence:[A-Za-z0-9_-]{1,40}|other)$';

/** The problem types this API emits. */
export const ProblemType = {
  validation: 'https://fs-widgets.dev/problems/validation',
  notFound: 'https://fs-widgets.dev/problems/not-found',
  unknownCommune: 'https://fs-widgets.dev/problems/unknown-commune',
  internal: 'https://fs-widgets.dev/problems/internal',
  tooManyRequests: 'https://fs-widgets.dev/problems/too-many-requests',
  unauthorized: 'https://fs-widgets.dev/problems/unauthorized',
  forbidden: 'https://fs-widgets.dev/problems/forbidden',
  conflict: 'https://fs-widgets.dev/problems/conflict',
  unknownSite: 'https://fs-widgets.dev/problems/unknown-site',
  mistypedCode: 'https://fs-widgets.dev/problems/mistyped-code',
  expired: 'https://fs-widgets.dev/problems/expired',
  /**
   * A 404 about an item of a site (an exception, a stop, a local partner, a permanence, an access)
   * that is not there, removed perhaps from another device: the route exists. A queued write
   * answered so will never be taken (the outbox sets it aside and says so), unlike a 404 of a
   * route not (yet) there, which is kept for later.
   */
  unknownItem: 'https://fs-widgets.dev/problems/unknown-item',
  /** 409: the slot asked for has no seat left (someone booked it meanwhile); nothing was booked or moved. */
  slotTaken: 'https://fs-widgets.dev/problems/slot-taken',
  /** 422: the time asked for is not a slot of this reason (past, closed, inside the notice, beyond the horizon, off the grid, blocked). */
  slotUnavailable: 'https://fs-widgets.dev/problems/slot-unavailable',
  /** 409: the site does not take online bookings (any more), or not for this reason. */
  bookingDisabled: 'https://fs-widgets.dev/problems/booking-disabled',
  /** 409: the appointment can no longer change (cancelled, or already past or marked by the agents). */
  appointmentClosed: 'https://fs-widgets.dev/problems/appointment-closed',
  /** 409: a block asked over appointments still booked: nothing was blocked; the problem lists them (move or cancel them first). */
  blockOverlaps: 'https://fs-widgets.dev/problems/block-overlaps',
} as const;
