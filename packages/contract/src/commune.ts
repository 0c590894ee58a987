import Type, { type Static } from 'typebox';
import { Location } from './site.js';

export const Commune = Type.Object(
  {
    insee: Type.String(),
    name: Type.String(),
    label: Type.String({
      description:
        'The name to show in a list or a search field: the name, followed by its département or territory in brackets where ' +
        'another commune has the same name, e.g. “Saint-Denis (La Réunion)”, “Saint-Denis (Seine-Saint-Denis)”; “Mende” otherwise.',
    }),
    postcodes: Type.Array(Type.String()),
    department: Type.String({ description: 'Code of the département or territory, e.g. `48`, `2A`, `974`.' }),
    department_name: Type.Union([Type.String(), Type.Null()], {
      description: 'Its name, as the official geographic code writes it, e.g. “Lozère”, “La Réunion”; null where it is unknown.',
    }),
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
    description:
      'A commune name or its start (case and accents ignored, “st” = “saint”, leading article optional), with up to two typos ' +
      '(“Mnde”, “nanteuil en valee”), optionally followed by its département or territory (“saint denis reunion”, “saint denis 974”); ' +
      'or a postcode (prefix of 2 to 5 digits).',
  }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
});
export type CommuneQuery = Static<typeof CommuneQuery>;

export const CommuneParams = Type.Object({
  insee: Type.String({
    pattern: '^([0-9]{5}|2[ABab][0-9]{3})$',
    description: 'INSEE code of a commune, an arrondissement or a former commune, e.g. `48095` (Mende), `2A004` (Ajaccio).',
  }),
});
export type CommuneParams = Static<typeof CommuneParams>;

export const CommuneList = Type.Object({ items: Type.Array(Commune), count: Type.Integer() }, { title: 'CommuneList' });
export type CommuneList = Static<typeof CommuneList>;
