import Type, { type Static } from 'typebox';
import {
  OUTREACH_KINDS,
  OUTREACH_OFFERS,
  SITE_ACCESS_ROLES,
  SITE_HISTORY_ACTIONS,
  SITE_HISTORY_ENTITIES,
  SITE_OFFERS,
  type OutreachKind,
  type OutreachOffer,
  type SiteAccessRole,
  type SiteHistoryAction,
  type SiteHistoryEntity,
  type SiteOffer,
} from './codes.js';
import { Recurrence } from './directory.js';
import { ExceptionalHours, TimeRange, Week } from './opening-hours.js';
import { Location } from './site.js';

export {
  LOCAL_PARTNER_OFFER,
  LOCAL_PARTNER_OFFERS,
  OUTREACH_KINDS,
  OUTREACH_OFFERS,
  SEARCH_OFFERS,
  SITE_ACCESS_ROLES,
  SITE_HISTORY_ACTIONS,
  SITE_HISTORY_ENTITIES,
  SITE_OFFERS,
} from './codes.js';
export type {
  LocalPartnerOffer,
  OutreachKind,
  OutreachOffer,
  SearchOffer,
  SiteAccessRole,
  SiteHistoryAction,
  SiteHistoryEntity,
  SiteOffer,
} from './codes.js';

/*
 * A site's own administration (issue 16): what its agents publish (weekly hours, exceptional
 * closures and hours, outreach stops, offers, « informations vérifiées »), the access of its
 * agents and managers, and the append-only history of every change.
 */

const literals = <T extends string>(values: readonly T[], title: string) =>
  Type.Union(values.map((v) => Type.Literal(v)) as [ReturnType<typeof Type.Literal<T>>], { title });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const date = (description: string) => Type.String({ format: 'date', description });
const hhmm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description: 'HH:MM, local time.' });
const idempotencyKey = () =>
  Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$', description: 'Idempotency key made by the client: a retried creation stores one row.' });
const plainText = (min: number, max: number, description: string) => Type.String({ minLength: min, maxLength: max, description });

export const SiteAccessRoleSchema = literals<SiteAccessRole>(SITE_ACCESS_ROLES, 'SiteAccessRole');
export const SiteOfferSchema = literals<SiteOffer>(SITE_OFFERS, 'SiteOffer');

// ---------------------------------------------------------------------------------------------
// Access: agents and managers of one site.

/** One access to a site (a token, without its secret). */
export const SiteAccess = Type.Object(
  {
    id: Type.String({ description: 'The token’s id (not secret).' }),
    role: SiteAccessRoleSchema,
    label: Type.String({ description: 'Who holds it: "accueil", "Mme Martin — bus".' }),
    created_at: Type.String({ format: 'date-time' }),
    created_by: Nullable(Type.String({ description: 'Label of the access that created it; null from the command line.' })),
    expires_at: Nullable(Type.String({ format: 'date-time' })),
    revoked_at: Nullable(Type.String({ format: 'date-time' })),
    last_used_at: Nullable(Type.String({ format: 'date-time' })),
    state: literals(['active', 'expired', 'revoked'] as const, 'SiteAccessState'),
  },
  { title: 'SiteAccess' },
);
export type SiteAccess = Static<typeof SiteAccess>;

export const SiteAccessList = Type.Object({ site_id: Type.String(), items: Type.Array(SiteAccess) }, { title: 'SiteAccessList' });
export type SiteAccessList = Static<typeof SiteAccessList>;

/** `POST /sites/{id}/access`: a manager creates agents' access; an admin creates managers' too. */
export const SiteAccessCreate = Type.Object(
  {
    role: SiteAccessRoleSchema,
    label: plainText(1, 100, 'Who will hold it, so it can be recognised and revoked later.'),
    expires_on: Type.Optional(Nullable(date('Last day it is valid (the site’s time zone); none: until revoked.'))),
  },
  { title: 'SiteAccessCreate', additionalProperties: false },
);
export type SiteAccessCreate = Static<typeof SiteAccessCreate>;

/** What `POST /sites/{id}/access` answers: the token, shown this once (only its hash is kept). */
export const SiteAccessCreated = Type.Object(
  { access: SiteAccess, token: Type.String({ description: '`fsw_<id>.<secret>`: give it to its holder now.' }) },
  { title: 'SiteAccessCreated' },
);
export type SiteAccessCreated = Static<typeof SiteAccessCreated>;

/** `PATCH /sites/{id}/access/{access}`: relabel or change the expiry. */
export const SiteAccessUpdate = Type.Object(
  {
    label: Type.Optional(plainText(1, 100, 'New label.')),
    expires_on: Type.Optional(Nullable(date('New last day; null: until revoked.'))),
  },
  { title: 'SiteAccessUpdate', additionalProperties: false, minProperties: 1 },
);
export type SiteAccessUpdate = Static<typeof SiteAccessUpdate>;

/** `GET /sites/{id}/access/me`: what the token sent may do at this site (the widgets show their screens from it). */
export const SiteAccessMe = Type.Object(
  {
    id: Type.String(),
    role: literals(['agent', 'manager', 'admin'] as const, 'SiteAccessMeRole'),
    label: Type.String(),
    site_id: Nullable(Type.String({ description: 'Null for an admin (every site).' })),
    expires_at: Nullable(Type.String({ format: 'date-time' })),
  },
  { title: 'SiteAccessMe' },
);
export type SiteAccessMe = Static<typeof SiteAccessMe>;

// ---------------------------------------------------------------------------------------------
// Weekly hours, exceptional closures and hours, verification, offers.

/** `PUT /sites/{id}/hours`: the site corrects its weekly hours (a re-import never overwrites them). */
export const SiteHoursInput = Type.Object({ hours: Week }, { title: 'SiteHoursInput', additionalProperties: false });
export type SiteHoursInput = Static<typeof SiteHoursInput>;

/** What an agent publishes for one day or a date range: closed, or open at other hours. */
export const ExceptionalHoursInput = Type.Object(
  {
    starts_on: date('First day, the site’s local date.'),
    ends_on: date('Last day (the same as starts_on for one day); at most 366 days after starts_on.'),
    closed: Type.Boolean({ description: 'True: closed all day; false: open at `hours` instead of the weekly hours.' }),
    hours: Type.Array(TimeRange, { maxItems: 6, description: 'Empty when closed; the hours of each day of the range otherwise.' }),
    reason: plainText(2, 120, 'In plain words, shown to the public: « congés », « formation », « fermeture exceptionnelle ».'),
  },
  { title: 'ExceptionalHoursInput', additionalProperties: false },
);
export type ExceptionalHoursInput = Static<typeof ExceptionalHoursInput>;

export const ExceptionalHoursCreate = Type.Object(
  { key: idempotencyKey(), ...ExceptionalHoursInput.properties },
  { title: 'ExceptionalHoursCreate', additionalProperties: false },
);
export type ExceptionalHoursCreate = Static<typeof ExceptionalHoursCreate>;

export const ExceptionalHoursList = Type.Object(
  { site_id: Type.String(), items: Type.Array(ExceptionalHours) },
  { title: 'ExceptionalHoursList' },
);
export type ExceptionalHoursList = Static<typeof ExceptionalHoursList>;

/** `PUT /sites/{id}/offers`: the whole list at once. */
export const SiteOffersInput = Type.Object(
  { offers: Type.Array(SiteOfferSchema, { maxItems: SITE_OFFERS.length, uniqueItems: true }) },
  { title: 'SiteOffersInput', additionalProperties: false },
);
export type SiteOffersInput = Static<typeof SiteOffersInput>;

/** `POST /sites/{id}/verify`: an agent confirms the site's information is true today. */
export const SiteVerification = Type.Object(
  { site_id: Type.String(), verified_at: Type.String({ format: 'date-time' }) },
  { title: 'SiteVerification' },
);
export type SiteVerification = Static<typeof SiteVerification>;

// ---------------------------------------------------------------------------------------------
// Outreach: a bus's stops, permanences held in other communes.

/** When sessions are held at a stop: a recurrence (not `appointment`) with its hours and bounds. */
export const OutreachRule = Type.Object(
  {
    recurrence: Recurrence,
    opens: hhmm,
    closes: hhmm,
    starts_on: Type.Optional(Nullable(date('First day; the week `weekly` intervals are counted from.'))),
    ends_on: Type.Optional(Nullable(date('Last day, if it stops.'))),
  },
  { title: 'OutreachRule', additionalProperties: false },
);
export type OutreachRule = Static<typeof OutreachRule>;

/** One session cancelled, or moved to another day or hours. */
export const OutreachChange = Type.Union(
  [
    Type.Object({ date: date('The session’s regular date.'), status: Type.Literal('cancelled') }, { additionalProperties: false }),
    Type.Object(
      {
        date: date('The session’s regular date.'),
        status: Type.Literal('moved'),
        to: Type.Object({ date: date('Its new date.'), opens: hhmm, closes: hhmm }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
  ],
  { title: 'OutreachChange' },
);
export type OutreachChange = Static<typeof OutreachChange>;

const outreachKind = literals<OutreachKind>(OUTREACH_KINDS, 'OutreachKind');
const outreachOffer = literals<OutreachOffer>(OUTREACH_OFFERS, 'OutreachOffer');

/** What an agent writes for a stop or an outreach permanence. */
export const OutreachStopInput = Type.Object(
  {
    kind: outreachKind,
    name: plainText(2, 120, '"Place de la mairie", "Salle des fêtes".'),
    address: Type.Object(
      {
        street: Type.String({ maxLength: 200 }),
        postcode: Type.String({ pattern: '^[0-9]{5}$' }),
        insee_commune: Type.String({ pattern: '^([0-9]{5}|2[AB][0-9]{3})$', description: 'Chosen with the commune search.' }),
      },
      { additionalProperties: false },
    ),
    location: Type.Optional(Nullable(Location)),
    rules: Type.Array(OutreachRule, { minItems: 1, maxItems: 12 }),
    changes: Type.Optional(Type.Array(OutreachChange, { maxItems: 200, description: 'Sessions cancelled or moved.' })),
    offer: outreachOffer,
    partner: Type.Optional(
      Nullable(
        Type.String({
          pattern: '^[a-z0-9-]{2,40}$|^local:[A-Za-z0-9_-]{1,40}$',
          description: 'For `offer: partner`: a national partner’s id, or `local:<id>` of one of the site’s local partners.',
        }),
      ),
    ),
    note: Type.Optional(Nullable(plainText(1, 200, '"Devant la mairie", "Sur rendez-vous au 05 45 …".'))),
  },
  { title: 'OutreachStopInput', additionalProperties: false },
);
export type OutreachStopInput = Static<typeof OutreachStopInput>;

export const OutreachStopCreate = Type.Object(
  { key: idempotencyKey(), ...OutreachStopInput.properties },
  { title: 'OutreachStopCreate', additionalProperties: false },
);
export type OutreachStopCreate = Static<typeof OutreachStopCreate>;

/** A stop as its agents edit it (`GET /sites/{id}/stops`); the public reads it in `Site.stops`. */
export const OutreachStop = Type.Object(
  {
    id: Type.String(),
    site_id: Type.String(),
    kind: outreachKind,
    name: Type.String(),
    address: Type.Object({ street: Type.String(), postcode: Type.String(), commune: Type.String(), insee_commune: Type.String() }),
    location: Location,
    location_from: literals(['agent', 'commune'] as const, 'OutreachLocationFrom'),
    rules: Type.Array(OutreachRule),
    changes: Type.Array(OutreachChange),
    offer: outreachOffer,
    partner: Nullable(Type.String()),
    note: Nullable(Type.String()),
    source: Type.String({ description: '`site` (written by its agents) or the id of the file it was first imported from.' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { title: 'OutreachStop' },
);
export type OutreachStop = Static<typeof OutreachStop>;

export const OutreachStopList = Type.Object({ site_id: Type.String(), items: Type.Array(OutreachStop) }, { title: 'OutreachStopList' });
export type OutreachStopList = Static<typeof OutreachStopList>;

// ---------------------------------------------------------------------------------------------
// History.

/** One change to a site's public information, as kept (append-only). */
export const SiteHistoryEntry = Type.Object(
  {
    id: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
    by: Type.Object({
      access_id: Nullable(Type.String({ description: 'Null for the command line or an import.' })),
      label: Type.String(),
      role: Type.String({ description: '`agent`, `manager`, `admin`, `cli` or `import`.' }),
    }),
    entity: literals<SiteHistoryEntity>(SITE_HISTORY_ENTITIES, 'SiteHistoryEntity'),
    entity_id: Nullable(Type.String()),
    action: literals<SiteHistoryAction>(SITE_HISTORY_ACTIONS, 'SiteHistoryAction'),
    before: Type.Unknown({ description: 'The entity before the change (null when created).' }),
    after: Type.Unknown({ description: 'The entity after it (null when deleted).' }),
  },
  { title: 'SiteHistoryEntry' },
);
export type SiteHistoryEntry = Static<typeof SiteHistoryEntry>;

export const SiteHistory = Type.Object(
  {
    site_id: Type.String(),
    items: Type.Array(SiteHistoryEntry, { description: 'Newest first.' }),
    next_before: Nullable(Type.Integer({ description: 'Pass as `before` for the next page; null at the end.' })),
  },
  { title: 'SiteHistory' },
);
export type SiteHistory = Static<typeof SiteHistory>;

export const SiteHistoryQuery = Type.Object({
  before: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Entries older than this id.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type SiteHistoryQuery = Static<typeof SiteHistoryQuery>;

// ---------------------------------------------------------------------------------------------
// The network's administration.

/** `GET /admin/unverified-sites`: the sites whose information no agent confirmed or changed for `months`. */
export const UnverifiedSitesQuery = Type.Object({
  months: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 24, default: 6, description: 'Not verified for this many months (calendar months, UTC).' }),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1, description: 'Page, from 1.' })),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200, description: 'Sites per page.' })),
});
export type UnverifiedSitesQuery = Static<typeof UnverifiedSitesQuery>;

export const UnverifiedSite = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    department: Type.String({ description: 'INSEE code of the département.' }),
    verified_at: Nullable(Type.String({ format: 'date-time', description: 'Null: never confirmed nor changed by its agents.' })),
  },
  { title: 'UnverifiedSite' },
);
export type UnverifiedSite = Static<typeof UnverifiedSite>;

export const UnverifiedSites = Type.Object(
  {
    months: Type.Integer(),
    verified_before: Type.String({ format: 'date-time', description: 'The cut-off: verified before this instant, or never.' }),
    items: Type.Array(UnverifiedSite, { description: 'Never verified first, then the oldest verification; then by département and id.' }),
    total: Type.Integer(),
    page: Type.Integer(),
    size: Type.Integer(),
    pages: Type.Integer(),
  },
  { title: 'UnverifiedSites' },
);
export type UnverifiedSites = Static<typeof UnverifiedSites>;
