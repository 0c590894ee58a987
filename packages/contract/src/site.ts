import Type, { type Static } from 'typebox';
import { Week } from './opening-hours.js';

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

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Address = Type.Object({
  street: Type.String(),
  complement: Nullable(Type.String()),
  postcode: Type.String(),
  commune: Type.String(),
  insee_commune: Type.String({ description: 'INSEE code of the commune as published (may be an arrondissement or a former commune).' }),
  department: Type.String({ description: 'INSEE code of the département (2A, 2B, 971…).' }),
});
export type Address = Static<typeof Address>;

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
    opening_hours: Nullable(
      Type.String({ description: 'The same week in OpenStreetMap `opening_hours` syntax, with `PH off`.' }),
    ),
    weekly_hours: Type.Number({ description: 'Hours open in a regular week.' }),
    appointment: Type.Boolean({ description: 'Appointments can be booked (`prise_rdv`).' }),
    comment: Nullable(Type.String()),
    group: Nullable(Type.String()),
    labelled_on: Nullable(Type.String({ format: 'date', description: 'Date of the France services label.' })),
    carrier: Nullable(
      Type.Union([Type.Literal('la-poste'), Type.Literal('msa'), Type.Literal('sous-prefecture')], {
        description: 'Carrying structure, inferred from the name only (the list does not publish it).',
      }),
    ),
    carrier_inferred: Type.Literal(true),
    time_zone: Type.String({ description: 'IANA time zone of the site, e.g. Europe/Paris, Indian/Reunion.' }),
  },
  { title: 'Site' },
);
export type Site = Static<typeof Site>;

export const SiteWithDistance = Type.Intersect([Site, Type.Object({ distance_km: Type.Number() })], {
  title: 'SiteWithDistance',
});
export type SiteWithDistance = Static<typeof SiteWithDistance>;

export const SiteListQuery = Type.Object({
  near: Type.Optional(
    Type.String({ description: 'Search origin as `lat,lon` in decimal degrees (WGS84), e.g. `44.518,3.5`.' }),
  ),
  commune: Type.Optional(
    Type.String({ description: 'Search origin as the INSEE code of a commune, e.g. `48095` (Mende).' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  radius: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, maximum: 1000, description: 'Search radius in km (default: no limit).' }),
  ),
});
export type SiteListQuery = Static<typeof SiteListQuery>;

export const SiteList = Type.Object(
  {
    items: Type.Array(SiteWithDistance),
    count: Type.Integer(),
    origin: Type.Object({
      location: Location,
      commune: Nullable(Type.Object({ insee: Type.String(), name: Type.String() })),
    }),
    radius_km: Nullable(Type.Number()),
  },
  { title: 'SiteList' },
);
export type SiteList = Static<typeof SiteList>;

export const SiteParams = Type.Object({
  id: Type.String({ pattern: '^[0-9]{1,9}$', description: 'ANCT identifier (`id_fs`), digits.' }),
});
export type SiteParams = Static<typeof SiteParams>;
