import Type, { type Static } from 'typebox';

export const DataSource = Type.Object({
  id: Type.String(),
  title: Type.String(),
  publisher: Type.String(),
  date: Type.String({ description: 'Date of the data (ISO 8601).' }),
  licence: Type.String(),
  licence_url: Type.String(),
  attribution: Type.String({ description: 'The text to show wherever the data is shown.' }),
  records: Type.Integer({ description: 'Records loaded from this source.' }),
});
export type DataSource = Static<typeof DataSource>;

export const Meta = Type.Object(
  {
    name: Type.String(),
    version: Type.String(),
    api_version: Type.Literal('v1'),
    imported_at: Type.String({ description: 'When the data was loaded into this server (ISO 8601).' }),
    counts: Type.Object({ sites: Type.Integer(), communes: Type.Integer() }),
    sources: Type.Array(DataSource),
  },
  { title: 'Meta' },
);
export type Meta = Static<typeof Meta>;
