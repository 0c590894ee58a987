import Type, { type Static } from 'typebox';
import { SITE_ID_PATTERN } from './codes.js';
import { DEPARTEMENT_CODE_PATTERN, CARRIER_ID_MAX_LENGTH, CARRIER_ID_PATTERN, ObservatoryScope } from './observatory-scope.js';
import { Reach } from './site.js';

/*
 * The coverage of the communes (issue 17, docs/coverage.md): for each commune, the travel time
 * from its centroid to the quickest France services by the project's travel model, with the
 * fixed sites alone or with the outreach points too (buses' and permanences' stops); the shares
 * of the population within 10, 20, 30 and 45 minutes; the « zones blanches »; and what-ifs.
 */

/** At most this many changes (points added and sites removed) in one what-if. */
export const WHAT_IF_MAX_CHANGES = 20;
/** The bounds of the bands, in minutes (each included in its band). */
export const COVERAGE_THRESHOLDS = [10, 20, 30, 45] as const;

const literals = <T extends string>(values: readonly T[], title: string, description?: string) =>
  Type.Union(values.map((v) => Type.Literal(v)) as [ReturnType<typeof Type.Literal<T>>], { title, description });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T, description?: string) =>
  Type.Union([t, Type.Null()], description ? { description } : {});
const count = (description: string) => Type.Integer({ minimum: 0, description });
const share = (description: string) => Nullable(Type.Number({ minimum: 0, maximum: 1 }), description);

export const COVERAGE_BAND_VALUES = ['under-10', '10-20', '20-30', '30-45', 'over-45', 'no-road', 'unknown'] as const;
export const CoverageBand = literals(
  COVERAGE_BAND_VALUES,
  'CoverageBand',
  'Travel time to the quickest France services: up to 10 min, 10 to 20, 20 to 30, 30 to 45, over 45 (each band up to its ' +
    'bound included); `no-road`: no site reachable by road (an island without one, Guyane’s interior); `unknown`: no ' +
    'centroid in the source, or a territory whose roads the model does not know (Polynésie, Nouvelle-Calédonie…).',
);
export type CoverageBand = Static<typeof CoverageBand>;

export const COVERAGE_FORMATS = ['json', 'csv', 'xlsx', 'geojson'] as const;

/** The query of the coverage's routes: the scope (`departement` or `carrier`), the scenario, the format. */
export const CoverageQuery = Type.Object(
  {
    departement: Type.Optional(
      Type.String({ pattern: DEPARTEMENT_CODE_PATTERN, description: 'A département’s code: `48`, `2A`, `974`. Not with `carrier`.' }),
    ),
    carrier: Type.Optional(
      Type.String({
        pattern: CARRIER_ID_PATTERN,
        minLength: 1,
        maxLength: CARRIER_ID_MAX_LENGTH,
        description: 'A carrier’s id: the départements of its sites. Not with `departement`.',
      }),
    ),
    outreach: Type.Optional(
      Type.Boolean({
        description:
          'Count the outreach points too (stops of buses and permanences with upcoming sessions, homes of buses without stops): ' +
          'true by default. The summary’s JSON gives both; this chooses the columns of its table files.',
      }),
    ),
    format: Type.Optional(
      literals(
        COVERAGE_FORMATS,
        'CoverageFormat',
        '`json` (default), `csv`, `xlsx`, or `geojson` (communes as points at their centroids).',
      ),
    ),
  },
  { title: 'CoverageQuery', additionalProperties: false },
);
export type CoverageQuery = Static<typeof CoverageQuery>;

const populationCount = (description: string) =>
  Type.Object({ communes: count('Communes.'), population: count('Their population.') }, { description });

/** The coverage of a set of communes in one scenario. */
export const CoverageFigures = Type.Object(
  {
    communes: count('Communes (Paris, Lyon and Marseille by their arrondissements).'),
    population: count('Their population (legal populations of the COG, via @etalab/decoupage-administratif).'),
    within_10: count('Population within 10 minutes of a France services.'),
    within_20: count('Population within 20 minutes.'),
    within_30: count('Population within 30 minutes: the programme’s promise.'),
    within_45: count('Population within 45 minutes.'),
    share_within_10: share('`within_10` ÷ `population`; null for no population.'),
    share_within_20: share('`within_20` ÷ `population`.'),
    share_within_30: share('`within_30` ÷ `population`.'),
    share_within_45: share('`within_45` ÷ `population`.'),
    white_zones: populationCount('« Zones blanches »: communes beyond 30 minutes by road.'),
    no_road: populationCount('Communes with no France services reachable by road (minutes null).'),
    unknown: populationCount('Communes without a centroid in the source or whose roads the model does not know (minutes null).'),
    rough_population: count(
      'Population whose minutes are rough estimates (mountains, cirques, overseas: possibly off by half, docs/travel-time.md).',
    ),
    bands: Type.Array(Type.Object({ band: CoverageBand, communes: count('Communes.'), population: count('Population.') }), {
      description: 'Every band, in order; their populations add up to `population`.',
    }),
  },
  { title: 'CoverageFigures' },
);
export type CoverageFigures = Static<typeof CoverageFigures>;

export const CoverageRow = Type.Object(
  {
    level: literals(['national', 'region', 'department'] as const, 'CoverageLevel'),
    code: Nullable(Type.String(), 'The region’s or département’s code; null for the national row.'),
    name: Type.String(),
    fixed: CoverageFigures,
    with_outreach: CoverageFigures,
  },
  { title: 'CoverageRow' },
);
export type CoverageRow = Static<typeof CoverageRow>;

const model = {
  model: Type.String({ description: 'The travel model: `estimate-v2` (docs/travel-time.md).' }),
  method: literals(
    ['estimate', 'routing'] as const,
    'CoverageMethod',
    'How the minutes were found: `estimate` (the model), or `routing` once a routing engine (`FS_OSRM_URL`) has timed ' +
      'every commune in the background (trips it could not time are estimated). A what-if is always `estimate`.',
  ),
  computed_at: Type.String({ format: 'date-time', description: 'When the coverage was computed (once per load of the catalogue).' }),
  routing: Nullable(
    Type.Object(
      {
        provider: Type.String({ description: 'e.g. `osrm`.' }),
        state: literals(
          ['running', 'done', 'failed'] as const,
          'CoverageRoutingState',
          '`failed`: the engine stopped answering; the figures stay the estimate’s.',
        ),
        communes: count('Communes to time.'),
        communes_done: count('Communes timed so far.'),
        routed_trips: count('Trips the engine timed.'),
        estimated_trips: count('Trips the estimate answered instead (no route, an implausible one, the engine failing).'),
        started_at: Type.String({ format: 'date-time' }),
        finished_at: Nullable(Type.String({ format: 'date-time' })),
      },
      { title: 'CoverageRouting' },
    ),
    'The routing engine’s timing of the communes; null without an engine (`FS_OSRM_URL` unset).',
  ),
};

/** `GET /observatory/coverage`. */
export const CoverageSummary = Type.Object(
  {
    scope: ObservatoryScope,
    ...model,
    computation_ms: Type.Number({ minimum: 0, description: 'Milliseconds the national computation took.' }),
    points: Type.Object(
      {
        sites: count('Sites counted at their address (every site that is not a bus or a roaming one).'),
        stops: count('Outreach stops with upcoming sessions and coordinates (counted with outreach).'),
        homes: count('Buses and roaming sites without such a stop, counted at their address with outreach.'),
      },
      { description: 'The points of the whole network the coverage counts.' },
    ),
    fixed: CoverageFigures,
    with_outreach: CoverageFigures,
    rows: Type.Array(CoverageRow, {
      description: 'The network: the national row, each region, each département. A département or a carrier: its département(s) only.',
    }),
  },
  { title: 'CoverageSummary' },
);
export type CoverageSummary = Static<typeof CoverageSummary>;

const location = Type.Object({ lat: Type.Number(), lon: Type.Number() }, { title: 'CoverageLocation' });

export const CoverageNearest = Type.Object(
  {
    kind: literals(
      ['site', 'stop', 'home', 'added'] as const,
      'CoveragePointKind',
      '`site`: a site at its address; `stop`: a stop of a site; `home`: the address of a bus or roaming site without stops; `added`: a point of the what-if.',
    ),
    site_id: Nullable(Type.String(), 'The site; null for an added point.'),
    site_name: Nullable(Type.String(), 'The site’s name, or the added point’s label.'),
    stop_id: Nullable(Type.String()),
    stop_name: Nullable(Type.String()),
    location,
  },
  { title: 'CoverageNearest' },
);
export type CoverageNearest = Static<typeof CoverageNearest>;

export const CommuneCoverage = Type.Object(
  {
    insee: Type.String(),
    name: Type.String(),
    department: Type.String(),
    region: Nullable(Type.String()),
    population: count('Legal population.'),
    location: Nullable(location, 'The centroid the minutes are timed from; null when the source has none.'),
    minutes: Nullable(Type.Integer({ minimum: 0 }), 'To the quickest France services, door to door; null: see `band` and `reach`.'),
    band: CoverageBand,
    reach: Reach,
    mode: Nullable(literals(['car', 'walk'] as const, 'CoverageMode')),
    road_km: Nullable(Type.Number({ minimum: 0 })),
    reliability: literals(['good', 'rough', 'none'] as const, 'CoverageReliability'),
    nearest: Nullable(CoverageNearest, 'The quickest point; null without minutes.'),
  },
  { title: 'CommuneCoverage' },
);
export type CommuneCoverage = Static<typeof CommuneCoverage>;

/** `GET /observatory/coverage/communes` and `…/white-zones`. */
export const CoverageCommunes = Type.Object(
  {
    scope: ObservatoryScope,
    ...model,
    outreach: Type.Boolean({ description: 'Whether the outreach points are counted.' }),
    communes: count('Communes listed.'),
    population: count('Their population.'),
    items: Type.Array(CommuneCoverage, { description: 'By INSEE code (white zones: the most populous first).' }),
  },
  { title: 'CoverageCommunes' },
);
export type CoverageCommunes = Static<typeof CoverageCommunes>;

export const WhatIfPoint = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    kind: literals(['site', 'stop'] as const, 'WhatIfPointKind', '`site`: counted in both scenarios; `stop`: with outreach only.'),
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'A name to recognise it in the answer.' })),
  },
  { title: 'WhatIfPoint', additionalProperties: false },
);
export type WhatIfPoint = Static<typeof WhatIfPoint>;

/** `POST /observatory/coverage/what-if`. */
export const WhatIfInput = Type.Object(
  {
    add: Type.Optional(
      Type.Array(WhatIfPoint, {
        maxItems: WHAT_IF_MAX_CHANGES,
        description: 'Points added: each must lie in France (a commune’s centroid within 30 km).',
      }),
    ),
    remove: Type.Optional(
      Type.Array(Type.String({ pattern: SITE_ID_PATTERN }), {
        maxItems: WHAT_IF_MAX_CHANGES,
        uniqueItems: true,
        description: 'Sites removed (their address and their stops).',
      }),
    ),
    outreach: Type.Optional(Type.Boolean({ description: 'The scenario: with the outreach points (default) or the fixed sites alone.' })),
  },
  {
    title: 'WhatIfInput',
    additionalProperties: false,
    description: `At least one change and at most ${WHAT_IF_MAX_CHANGES} in all.`,
  },
);
export type WhatIfInput = Static<typeof WhatIfInput>;

export const WhatIfQuery = Type.Object(
  {
    departement: CoverageQuery.properties.departement,
    carrier: CoverageQuery.properties.carrier,
  },
  { title: 'WhatIfQuery', additionalProperties: false },
);
export type WhatIfQuery = Static<typeof WhatIfQuery>;

const within = Type.Object({ within_20: count('Population within 20 minutes.'), within_30: count('Population within 30 minutes.') });

export const WhatIfCommune = Type.Object(
  {
    insee: Type.String(),
    name: Type.String(),
    department: Type.String(),
    population: count('Legal population.'),
    minutes_before: Nullable(Type.Integer({ minimum: 0 })),
    minutes_after: Nullable(Type.Integer({ minimum: 0 })),
    within_20: literals(['gains', 'loses', 'same'] as const, 'WhatIfChange'),
    within_30: literals(['gains', 'loses', 'same'] as const, 'WhatIfChange'),
    nearest_after: Nullable(CoverageNearest, 'The quickest point after the change.'),
  },
  { title: 'WhatIfCommune' },
);
export type WhatIfCommune = Static<typeof WhatIfCommune>;

export const WhatIfResult = Type.Object(
  {
    scope: ObservatoryScope,
    ...model,
    outreach: Type.Boolean(),
    before: within,
    after: within,
    gained_20: count('Population that comes within 20 minutes.'),
    lost_20: count('Population no longer within 20 minutes.'),
    gained_30: count('Population that comes within 30 minutes.'),
    lost_30: count('Population no longer within 30 minutes.'),
    communes_quicker: count('Communes of the scope whose quickest trip gets shorter.'),
    communes_slower: count('Communes of the scope whose quickest trip gets longer.'),
    communes: Type.Array(WhatIfCommune, {
      description: 'The communes of the scope that gain or lose access within 20 or 30 minutes, the most populous first.',
    }),
    elapsed_ms: Type.Number({ minimum: 0, description: 'Milliseconds the what-if took.' }),
  },
  { title: 'WhatIfResult' },
);
export type WhatIfResult = Static<typeof WhatIfResult>;
