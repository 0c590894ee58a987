import Type, { type Static, type TSchemaOptions } from 'typebox';
import { DIRECTORY_THEMES, OUTREACH_KINDS, OUTREACH_OFFERS, SEARCH_OFFERS, SITE_ID_PATTERN, SITE_OFFERS } from './codes.js';
import { ExceptionalHours, Week } from './opening-hours.js';

/** `format_fs` of the ANCT list: Fixe, Fixe_antenne(s), Multisites, Bus_équivalent, Itinérante. */
export const SiteKind = Type.Union(
  [Type.Literal('fixed'), Type.Literal('antenna'), Type.Literal('multisite'), Type.Literal('bus'), Type.Literal('roaming')],
  { title: 'SiteKind' },
);
export type SiteKind = Static<typeof SiteKind>;

export const Location = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { title: 'Location' },
);
export type Location = Static<typeof Location>;

const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(values.map((v) => Type.Literal(v)) as [ReturnType<typeof Type.Literal<T>>], { description });

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T, options?: TSchemaOptions) =>
  Type.Union([t, Type.Null()], options);

export const Address = Type.Object({
  street: Type.String(),
  complement: Nullable(Type.String()),
  postcode: Type.String(),
  commune: Type.String(),
  insee_commune: Type.String({ description: 'INSEE code of the commune as published (may be an arrondissement or a former commune).' }),
  department: Type.String({ description: 'INSEE code of the département (2A, 2B, 971…).' }),
});
export type Address = Static<typeof Address>;

/** One upcoming session of an itinerant stop, local time of the stop. */
export const StopSession = Type.Object(
  {
    date: Type.String({ format: 'date', description: 'YYYY-MM-DD, local.' }),
    opens: Type.String({ description: 'HH:MM, local.' }),
    closes: Type.String({ description: 'HH:MM, local.' }),
  },
  { title: 'StopSession' },
);
export type StopSession = Static<typeof StopSession>;

/** Where and when a bus or roaming France services stops. */
export const ItinerantStop = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    address: Type.Object({
      street: Type.String(),
      postcode: Type.String(),
      commune: Type.String(),
      insee_commune: Type.String(),
    }),
    location: Location,
    opening_hours: Nullable(
      Type.String({
        description:
          'OpenStreetMap `opening_hours` generated from the stop’s rules, with its cancelled and moved sessions, e.g. `Mo 09:30-12:30,13:30-15:30; PH off; 2026 Dec 28 off`; null when OSM cannot say them (every other week counted from a date, rules bounded in time) or when the stop has no rules.',
      }),
    ),
    kind: literals(OUTREACH_KINDS, '`bus-stop` or `permanence` (held by the site’s agents in another commune).'),
    offer: literals(
      OUTREACH_OFFERS,
      'What is offered there: the whole France services offer, a partner’s permanence, a conseiller numérique.',
    ),
    partner: Nullable(Type.String({ description: 'The partner, for `offer: partner` (a national partner’s id, or `local:<id>`).' })),
    note: Nullable(Type.String()),
    next: Type.Array(StopSession, {
      description:
        'The next sessions (up to 3, within 28 days): public holidays and cancelled sessions excluded, moved ones at their new date.',
    }),
  },
  { title: 'ItinerantStop' },
);
export type ItinerantStop = Static<typeof ItinerantStop>;

/**
 * How a place is reached from the rest of its territory: by `road`, or only by `boat` (an
 * island without a bridge), by `air-or-river` (Guyane's interior), on `foot` (a cirque without
 * a road); `unknown` where the model has no data on roads (docs/travel-time.md).
 */
export const Reach = Type.Union(
  [Type.Literal('road'), Type.Literal('boat'), Type.Literal('air-or-river'), Type.Literal('foot'), Type.Literal('unknown')],
  { title: 'Reach' },
);
export type Reach = Static<typeof Reach>;

/**
 * Estimated travel to a site. `method: 'estimate'` is the documented model (detour factor and
 * speeds by terrain and distance band, see docs/travel-time.md); `routing` comes from a routing
 * engine. Where no road joins the two places, or the model knows no roads there, there are no
 * minutes: `reach` says why.
 */
export const Travel = Type.Object(
  {
    mode: Nullable(Type.Union([Type.Literal('car'), Type.Literal('walk')]), {
      description: '`walk` up to 2 km of road (the minutes are on foot), `car` beyond; null without minutes.',
    }),
    minutes: Nullable(Type.Integer({ minimum: 0 }), { description: 'Door to door, rounded up; null when `reach` is not `road`.' }),
    road_km: Nullable(Type.Number({ minimum: 0 })),
    within_30_min: Nullable(Type.Boolean(), {
      description:
        'Whether the trip takes 30 minutes at most, said only where the estimate can promise it: null when the minutes are too rough to tell, or absent.',
    }),
    reliability: Type.Union([Type.Literal('good'), Type.Literal('rough'), Type.Literal('none')], {
      description: '`rough` in mountains, cirques and overseas (the minutes may be off by half); `none` without minutes.',
    }),
    terrain: Nullable(
      Type.Union([Type.Literal('plain'), Type.Literal('mountain'), Type.Literal('overseas'), Type.Literal('cirque')], {
        description: 'The terrain the estimate assumed.',
      }),
    ),
    reach: Reach,
    method: Type.Union([Type.Literal('estimate'), Type.Literal('routing')]),
    provider: Type.String({ description: 'e.g. `estimate-v2` or `osrm`.' }),
  },
  { title: 'Travel' },
);
export type Travel = Static<typeof Travel>;

/**
 * A local partner known at a site (published by its agents in the partner directory, `LocalPartner`
 * of `GET /sites/{id}/partners`), as the site's record carries it: what the card lists and the
 * `local-partner` offers of the search are made from.
 */
export const SiteLocalPartner = Type.Object(
  {
    id: Type.String(),
    name: Type.String({ description: 'The organisation, e.g. "Mission locale du Pays de Mende".' }),
    themes: Type.Array(literals(DIRECTORY_THEMES, 'A theme of the partner directory.'), {
      description: 'The directory’s themes its data·inclusion thématiques meet (`offer=local-partner:<theme>`), in the directory’s order.',
    }),
    website: Nullable(Type.String({ description: 'Its website, when the agents gave one.' })),
  },
  { title: 'SiteLocalPartner' },
);
export type SiteLocalPartner = Static<typeof SiteLocalPartner>;

export const Site = Type.Object(
  {
    id: Type.String({ description: 'Stable ANCT identifier (`id_fs`).' }),
    name: Type.String(),
    kind: SiteKind,
    role: Type.Union([Type.Literal('main'), Type.Literal('antenna')], { description: '`type_fs`: Principal or Antenne.' }),
    itinerant: Type.Boolean({ description: 'A bus or roaming permanences rather than a fixed counter.' }),
    address: Address,
    location: Location,
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    hours: Week,
    opening_hours: Nullable(Type.String({ description: 'The same week in OpenStreetMap `opening_hours` syntax, with `PH off`.' })),
    weekly_hours: Type.Number({ description: 'Hours open in a regular week.' }),
    appointment: Type.Boolean({ description: 'Appointments can be booked (`prise_rdv`).' }),
    comment: Nullable(Type.String()),
    group: Nullable(Type.String()),
    labelled_on: Nullable(Type.String({ format: 'date', description: 'Date of the France services label.' })),
    carrier: Nullable(
      Type.Union(
        [
          Type.Literal('la-poste'),
          Type.Literal('msa'),
          Type.Literal('sous-prefecture'),
          Type.Literal('collectivite'),
          Type.Literal('association'),
          Type.Literal('etat'),
          Type.Literal('autre'),
        ],
        {
          description:
            'Kind of carrying structure. The list does not publish it: guessed from the name (`la-poste`, `msa`, ' +
            '`sous-prefecture`, `carrier_inferred: true`) unless a network administrator set it (any kind, `carrier_inferred: false`).',
        },
      ),
    ),
    carrier_inferred: Type.Boolean({ description: 'True when `carrier` is only guessed from the name (or null: unknown).' }),
    time_zone: Type.String({ description: 'IANA time zone of the site, e.g. Europe/Paris, Indian/Reunion.' }),
    road_access: Type.Object(
      {
        reach: Reach,
        network: Type.String({ description: 'The road network of the site: `metropole`, `corse`, `reunion`, an island (`ouessant`)…' }),
        source: Nullable(Type.String({ description: 'Why the site is not reached by road, with its source; null by road.' })),
      },
      { description: 'How the site is reached from the rest of its territory (packages/server/data/travel/road-access.json).' },
    ),
    hours_source: Type.Union([Type.Literal('anct'), Type.Literal('site')], {
      description: '`site` when the site’s agents published its weekly hours (a re-import keeps them), `anct` from the list.',
    }),
    exceptions: Type.Array(ExceptionalHours, {
      description: 'Exceptional closures and hours published by the site, current and upcoming, by first day. They override `hours`.',
    }),
    offers: Type.Array(literals(SITE_OFFERS, 'A typed offer.'), {
      description: 'Typed offers published by the site’s agents (point justice, telemedicine cabin…).',
    }),
    local_partners: Type.Array(SiteLocalPartner, {
      description:
        'The local partners the site’s agents published (partner directory), by name: a derived offer (`offer=local-partner`), never set by hand.',
    }),
    verified_at: Nullable(
      Type.String({ format: 'date-time', description: 'When an agent last confirmed or changed the site’s information; null: never.' }),
    ),
    booking: Type.Boolean({
      description:
        'Whether the site takes online bookings now (its agents switched them on, `GET /sites/{id}/booking` says what for): offer « Prendre rendez-vous ».',
    }),
    stops: Type.Array(ItinerantStop, {
      description: 'Outreach stops (a bus’s stops, permanences in other communes) with their next sessions (empty when none is published).',
    }),
  },
  { title: 'Site' },
);
export type Site = Static<typeof Site>;

export const SiteWithDistance = Type.Intersect([Site, Type.Object({ distance_km: Type.Number() })], {
  title: 'SiteWithDistance',
});
export type SiteWithDistance = Static<typeof SiteWithDistance>;

/** A search result: the site, its great-circle distance and the estimated travel to it. */
/** Where a search found an itinerant site or an outreach permanence: the stop nearest the origin, when nearer than the site. */
export const StopMatch = Type.Object(
  {
    stop_id: Type.String(),
    name: Type.String(),
    commune: Type.String(),
    insee_commune: Type.String(),
    location: Location,
    next: Type.Array(StopSession),
  },
  { title: 'StopMatch' },
);
export type StopMatch = Static<typeof StopMatch>;

export const SiteResult = Type.Intersect(
  [
    Site,
    Type.Object({
      distance_km: Type.Number({ description: 'To the site, or to `at_stop` when the site was found at one of its stops.' }),
      travel: Travel,
      at_stop: Nullable(StopMatch, {
        description: 'The stop the distance and travel are measured to, when a stop is nearer than the site itself; null otherwise.',
      }),
    }),
  ],
  { title: 'SiteResult' },
);
export type SiteResult = Static<typeof SiteResult>;

/** Radius steps offered when a search finds nothing ("élargir à 50 km ?"). */
export const RADIUS_STEPS_KM = [5, 10, 20, 50, 100, 200] as const;
export const MAX_RADIUS_KM = 200;

export const SiteListQuery = Type.Object({
  near: Type.Optional(Type.String({ description: 'Search origin as `lat,lon` in decimal degrees (WGS84), e.g. `44.518,3.5`.' })),
  commune: Type.Optional(Type.String({ description: 'Search origin as the INSEE code of a commune, e.g. `48095` (Mende).' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  radius: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, maximum: 200, description: 'Search radius in km, up to 200 (default: no limit).' }),
  ),
  open_now: Type.Optional(
    Type.Boolean({
      description:
        'Only sites open at `at` (default: now), in their own time zone; never a bus or roaming site that publishes no stop (open, maybe, but where?).',
    }),
  ),
  saturday: Type.Optional(Type.Boolean({ description: 'Only sites open on Saturdays (or with a Saturday stop).' })),
  kind: Type.Optional(
    Type.String({
      pattern: '^(fixed|antenna|multisite|bus|roaming)(,(fixed|antenna|multisite|bus|roaming))*$',
      description: 'Comma-separated kinds to keep, e.g. `fixed,antenna`.',
    }),
  ),
  offer: Type.Optional(
    Type.String({
      pattern: `^(${SEARCH_OFFERS.join('|')})(,(${SEARCH_OFFERS.join('|')}))*$`,
      description:
        'Comma-separated offers every site kept must have, e.g. `point-justice,free-wifi`: the typed offers its agents publish, ' +
        'and `local-partner` (a local partner is known there) or `local-partner:<theme>` (one helping with that theme of the ' +
        'partner directory, e.g. `local-partner:emploi`).',
    }),
  ),
  at: Type.Optional(Type.String({ format: 'date-time', description: 'The instant `open_now` is evaluated at (ISO 8601; default: now).' })),
});
export type SiteListQuery = Static<typeof SiteListQuery>;

export const SiteList = Type.Object(
  {
    items: Type.Array(SiteResult),
    count: Type.Integer(),
    origin: Type.Object({
      location: Location,
      commune: Nullable(Type.Object({ insee: Type.String(), name: Type.String() })),
    }),
    radius_km: Nullable(Type.Number()),
    suggestion: Nullable(
      Type.Object(
        { radius_km: Type.Number(), count: Type.Integer() },
        { description: 'When nothing matched within `radius`: the next radius step that finds sites, and how many.' },
      ),
    ),
  },
  { title: 'SiteList' },
);
export type SiteList = Static<typeof SiteList>;

export const SiteParams = Type.Object({
  id: Type.String({ pattern: SITE_ID_PATTERN, description: 'ANCT identifier (`id_fs`), digits.' }),
});
export type SiteParams = Static<typeof SiteParams>;
