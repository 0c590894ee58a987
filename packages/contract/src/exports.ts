import Type, { type Static, type TSchema } from 'typebox';

/*
 * The network's data in national formats. data·inclusion (v1.0.8): the France services sites
 * as `structures`, what can be done at each as `services`, paged the way data·inclusion's own
 * API pages (`?page=1&size=500`, answer `{ items, total, page, size, pages }`).
 *
 * The item schemas below document and serialize the answer; the official JSON Schemas
 * (`packages/server/data/data-inclusion/structure.json`, `service.json`) are the reference, and
 * the server's tests validate every item of both exports against them.
 */

/** Our producer id in data·inclusion (`source`), the prefix of every `id`. */
export const DATA_INCLUSION_SOURCE = 'fs-widgets';
/** The version of the data·inclusion schema the exports follow. */
export const DATA_INCLUSION_SCHEMA_VERSION = '1.0.8';
export const DATA_INCLUSION_DEFAULT_PAGE_SIZE = 500;
export const DATA_INCLUSION_MAX_PAGE_SIZE = 5000;

/** INSEE code of a département: 01–19, 21–95, 2A, 2B (or 2a, 2b), 971–978. */
export const DEPARTEMENT_PATTERN = '^(0[1-9]|1[0-9]|2[1-9ABab]|[3-8][0-9]|9[0-5]|97[1-8])$';

export const DataInclusionExportQuery = Type.Object({
  page: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1, description: 'Page number, from 1. A page past the last one is empty.' }),
  ),
  size: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: DATA_INCLUSION_MAX_PAGE_SIZE,
      default: DATA_INCLUSION_DEFAULT_PAGE_SIZE,
      description: `Items per page, 1 to ${DATA_INCLUSION_MAX_PAGE_SIZE} (default ${DATA_INCLUSION_DEFAULT_PAGE_SIZE}).`,
    }),
  ),
  departement: Type.Optional(
    Type.String({
      pattern: DEPARTEMENT_PATTERN,
      description: 'Only the sites of this département (INSEE code: `48`, `2A`, `974`…).',
    }),
  ),
});
export type DataInclusionExportQuery = Static<typeof DataInclusionExportQuery>;

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const literals = <T extends string>(values: readonly T[], title: string) =>
  Type.Union(values.map((v) => Type.Literal(v)) as [ReturnType<typeof Type.Literal<T>>], { title });

const url = (description: string) => Nullable(Type.String({ format: 'uri', maxLength: 2083, description }));
const date = (description: string) => Type.String({ format: 'date', description });
const text = (description: string) => Nullable(Type.String({ description }));

/** The address and position fields structures and services share. */
const place = {
  adresse: text('Street address.'),
  complement_adresse: text('Complement of the address.'),
  code_postal: Nullable(Type.String({ pattern: '^\\d{5}$' })),
  commune: text('Commune name.'),
  code_insee: Nullable(Type.String({ pattern: '^\\w{5}$', description: 'INSEE code of the commune, as the ANCT list publishes it.' })),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
};

/** A France services site as a data·inclusion `structure` (schema v1.0.8). */
export const DataInclusionStructure = Type.Object(
  {
    source: Type.String({ description: `Producer id: \`${DATA_INCLUSION_SOURCE}\`.` }),
    id: Type.String({ description: '`<source>--<ANCT id_fs>`.' }),
    nom: Type.String({ minLength: 3, maxLength: 150 }),
    date_maj: date('Date of the ANCT list the site comes from.'),
    description: Nullable(Type.String({ minLength: 5, maxLength: 10000 })),
    ...place,
    telephone: text('The site’s phone, E.164 when it is a French number.'),
    courriel: Nullable(Type.String({ format: 'email', description: 'Null when the list’s value is not one valid address.' })),
    site_web: url('Unknown: always null.'),
    lien_source: url('Where the site can be seen on this server.'),
    horaires_accueil: text('OpenStreetMap `opening_hours`.'),
    reseaux_porteurs: Nullable(Type.Array(Type.String(), { uniqueItems: true, description: '`france-service`.' })),
    siret: Nullable(Type.String({ pattern: '^\\d{14}$', description: 'Not published by the ANCT list: always null.' })),
    accessibilite_lieu: url('Unknown: always null.'),
  },
  { title: 'DataInclusionStructure' },
);
export type DataInclusionStructure = Static<typeof DataInclusionStructure>;

export const DATA_INCLUSION_SERVICE_TYPES = [
  'accompagnement',
  'aide-financiere',
  'aide-materielle',
  'atelier',
  'formation',
  'information',
] as const;
export const DATA_INCLUSION_FRAIS = ['gratuit', 'payant'] as const;
export const DATA_INCLUSION_MODES_ACCUEIL = ['a-distance', 'en-presentiel'] as const;
export const DATA_INCLUSION_MODES_MOBILISATION = [
  'envoyer-un-courriel',
  'se-presenter',
  'telephoner',
  'utiliser-lien-mobilisation',
] as const;
export const DATA_INCLUSION_MOBILISABLE_PAR = ['usagers', 'professionnels'] as const;

/** What can be done at a site, as a data·inclusion `service` (schema v1.0.8). */
export const DataInclusionService = Type.Object(
  {
    source: Type.String({ description: `Producer id: \`${DATA_INCLUSION_SOURCE}\`.` }),
    id: Type.String({ description: '`<source>--<id_fs>--<national partner>` or `<source>--<id_fs>--local-<local partner id>`.' }),
    structure_id: Type.String({ description: 'The `id` of the site’s structure.' }),
    nom: Type.String({ minLength: 3, maxLength: 150 }),
    description: Type.String({ minLength: 5, maxLength: 10000 }),
    date_maj: date('Last change: the ANCT list or the directory for a national partner, the agents’ last edit for a local partner.'),
    type: Nullable(literals(DATA_INCLUSION_SERVICE_TYPES, 'DataInclusionServiceType')),
    thematiques: Nullable(
      Type.Array(Type.String(), { uniqueItems: true, description: 'Values of the data·inclusion `thematiques` referential.' }),
    ),
    frais: Nullable(literals(DATA_INCLUSION_FRAIS, 'DataInclusionFrais')),
    frais_precisions: text('Always null.'),
    publics: Nullable(Type.Array(Type.String(), { uniqueItems: true })),
    publics_precisions: text('Always null.'),
    conditions_acces: text('Always null.'),
    ...place,
    telephone: text('E.164 when it is a French number.'),
    courriel: Nullable(Type.String({ format: 'email' })),
    contact_nom_prenom: text('Never published (personal data): always null.'),
    horaires_accueil: text('OpenStreetMap `opening_hours`.'),
    modes_accueil: Nullable(Type.Array(literals(DATA_INCLUSION_MODES_ACCUEIL, 'DataInclusionModeAccueil'), { uniqueItems: true })),
    modes_mobilisation: Nullable(
      Type.Array(literals(DATA_INCLUSION_MODES_MOBILISATION, 'DataInclusionModeMobilisation'), { minItems: 1, uniqueItems: true }),
    ),
    mobilisable_par: Nullable(
      Type.Array(literals(DATA_INCLUSION_MOBILISABLE_PAR, 'DataInclusionMobilisablePar'), { minItems: 1, uniqueItems: true }),
    ),
    mobilisation_precisions: text('How to go about it, in plain French.'),
    lien_mobilisation: url('Always null.'),
    lien_source: url('Where the site’s partners can be seen on this server.'),
    zone_eligibilite: Nullable(Type.Array(Type.String(), { minItems: 1 })),
    nombre_semaines: Nullable(Type.Integer({ minimum: 1 })),
    volume_horaire_hebdomadaire: Nullable(Type.Number({ minimum: 0 })),
  },
  { title: 'DataInclusionService' },
);
export type DataInclusionService = Static<typeof DataInclusionService>;

/** One page of an export, as data·inclusion's API answers it. */
export interface DataInclusionPage<T> {
  items: T[];
  /** Items in the whole export (with the filter). */
  total: number;
  page: number;
  size: number;
  /** Number of pages: ceil(total / size), 0 when total is 0. */
  pages: number;
}

export const dataInclusionPage = <T extends TSchema>(item: T, title: string) =>
  Type.Object(
    {
      items: Type.Array(item),
      total: Type.Integer({ minimum: 0, description: 'Items in the whole export (with the filter).' }),
      page: Type.Integer({ minimum: 1 }),
      size: Type.Integer({ minimum: 1 }),
      pages: Type.Integer({ minimum: 0, description: 'ceil(total / size).' }),
    },
    { title },
  );

export const DataInclusionStructurePage = dataInclusionPage(DataInclusionStructure, 'DataInclusionStructurePage');
export const DataInclusionServicePage = dataInclusionPage(DataInclusionService, 'DataInclusionServicePage');
