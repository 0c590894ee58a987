import Type, { type Static } from 'typebox';
import { Location } from './site.js';

export const Commune = Type.Object(
  {
    insee: Type.String(),
    name: Type.String(),
    postcodes: Type.Array(Type.String()),
    department: Type.String(),
    region: Type.Union([Type.String(), Type.Null()]),
    population: Type.Union([Type.Integer(), Type.Null()]),
    location: Type.Union([Location, Type.Null()], {
      description: 'Centroid from the La Poste base; null where it is unknown.',
    }),
  },
  { title: 'Commune' },
);
export type Commune = Static<typeof Commune>;

export const CommuneQuery = Type.Object({
  q: Type.String({
    minLength: 1,
    maxLength: 80,
    description: 'A commune name prefix (case and accents ignored, “st” = “saint”) or a postcode (prefix of 2 to 5 digits).',
  }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
});
export type CommuneQuery = Static<typeof CommuneQuery>;

export const CommuneList = Type.Object({ items: Type.Array(Commune), count: Type.Integer() }, { title: 'CommuneList' });
export type CommuneList = Static<typeof CommuneList>;
