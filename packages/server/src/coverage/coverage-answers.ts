import { createRequire } from 'node:module';
import type {
  CommuneCoverage as CommuneCoverageAnswer,
  CoverageFigures,
  CoverageNearest,
  CoverageRow,
  WhatIfCommune,
} from '@fs-widgets/contract';
import { departmentName } from '../communes/departments.js';
import type { Cell, Table } from '../http/tabular.js';
import { ESTIMATE_V2 } from '../travel/estimate.js';
import {
  BAND_BOUNDS,
  COVERAGE_BANDS,
  emptyTotals,
  addTotals,
  type BandTotals,
  type CommuneCoverage,
  type CoverageModel,
  type Scenario,
  type WhatIfOutcome,
} from './coverage-model.js';
import type { CoveragePoint } from './coverage-places.js';

/*
 * The coverage as the API answers it: figures, rows by region and département, communes, and
 * the same as tables for spreadsheets and as GeoJSON.
 */

export const COVERAGE_SOURCE =
  'Calcul fs-widgets (docs/coverage.md) : temps de trajet estimés (modèle estimate-v2) depuis le centroïde de chaque commune ' +
  'jusqu’à la France services la plus rapide ; liste ANCT des France services, communes et populations légales du COG ' +
  '(@etalab/decoupage-administratif), centroïdes de la base des codes postaux de La Poste.';

/** The 18 regions by code (the COG lists the overseas collectivities among them, `zone: 'com'`: they are no region). */
const REGION_NAMES: ReadonlyMap<string, string> = new Map(
  (
    createRequire(import.meta.url)('@etalab/decoupage-administratif/data/regions.json') as Array<{
      code: string;
      nom: string;
      zone: string;
    }>
  )
    .filter((r) => r.zone !== 'com')
    .map((r) => [r.code, r.nom]),
);

const UNKNOWN_BAND = COVERAGE_BANDS.indexOf('unknown');
const NO_ROAD_BAND = COVERAGE_BANDS.indexOf('no-road');
/** `30-45` and `over-45`: beyond 30 minutes by road. */
const WHITE_BANDS = [COVERAGE_BANDS.indexOf('30-45'), COVERAGE_BANDS.indexOf('over-45')];

const sum = (values: Float64Array | Int32Array, bands: readonly number[]) => bands.reduce((s, b) => s + values[b]!, 0);

export function figuresOf(totals: BandTotals): CoverageFigures {
  const population = sum(
    totals.population,
    COVERAGE_BANDS.map((_, b) => b),
  );
  const communes = sum(
    totals.communes,
    COVERAGE_BANDS.map((_, b) => b),
  );
  // Band b holds the minutes up to BAND_BOUNDS[b]: within the bound k are the bands 0…k.
  const within = BAND_BOUNDS.map((_, k) =>
    sum(
      totals.population,
      Array.from({ length: k + 1 }, (_, b) => b),
    ),
  );
  const share = (n: number) => (population > 0 ? n / population : null);
  const counted = (bands: number[]) => ({ communes: sum(totals.communes, bands), population: sum(totals.population, bands) });
  return {
    communes,
    population,
    within_10: within[0]!,
    within_20: within[1]!,
    within_30: within[2]!,
    within_45: within[3]!,
    share_within_10: share(within[0]!),
    share_within_20: share(within[1]!),
    share_within_30: share(within[2]!),
    share_within_45: share(within[3]!),
    white_zones: counted(WHITE_BANDS),
    no_road: counted([NO_ROAD_BAND]),
    unknown: counted([UNKNOWN_BAND]),
    rough_population: totals.roughPopulation,
    bands: COVERAGE_BANDS.map((band, b) => ({ band, communes: totals.communes[b]!, population: totals.population[b]! })),
  };
}

/**
 * The rows of the summary: for the network the national row, each region, each département; for
 * a scope limited to some départements, those départements only.
 */
export function coverageRows(model: CoverageModel, departments: readonly string[] | null): CoverageRow[] {
  const fixed = model.departmentTotals('fixed');
  const outreach = model.departmentTotals('outreach');
  const regionOf = new Map<string, string | null>();
  for (const c of model.communes) if (!regionOf.has(c.department)) regionOf.set(c.department, c.region);
  const codes = [...fixed.keys()].filter((d) => departments === null || departments.includes(d)).sort();
  const departmentRows: CoverageRow[] = codes.map((code) => ({
    level: 'department',
    code,
    name: departmentName(code) ?? code,
    fixed: figuresOf(fixed.get(code)!),
    with_outreach: figuresOf(outreach.get(code)!),
  }));
  if (departments !== null) return departmentRows;
  const regions = new Map<string, { fixed: BandTotals; outreach: BandTotals }>();
  for (const code of codes) {
    const region = regionOf.get(code);
    // The overseas collectivities (975, 977, 978, 984…) belong to no region: their own row only.
    if (!region || !REGION_NAMES.has(region)) continue;
    let totals = regions.get(region);
    if (!totals) regions.set(region, (totals = { fixed: emptyTotals(), outreach: emptyTotals() }));
    addTotals(totals.fixed, fixed.get(code)!);
    addTotals(totals.outreach, outreach.get(code)!);
  }
  const regionRows: CoverageRow[] = [...regions]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, totals]) => ({
      level: 'region',
      code,
      name: REGION_NAMES.get(code) ?? code,
      fixed: figuresOf(totals.fixed),
      with_outreach: figuresOf(totals.outreach),
    }));
  const national: CoverageRow = {
    level: 'national',
    code: null,
    name: 'France',
    fixed: figuresOf(model.totals('fixed', null)),
    with_outreach: figuresOf(model.totals('outreach', null)),
  };
  return [national, ...regionRows, ...departmentRows];
}

export function nearestOf(point: CoveragePoint): CoverageNearest {
  return {
    kind: point.kind,
    site_id: point.siteId,
    site_name: point.siteName,
    stop_id: point.stopId,
    stop_name: point.stopName,
    location: { lat: point.place.lat, lon: point.place.lon },
  };
}

export function communeAnswer({ commune, band, travel, reach, point }: CommuneCoverage): CommuneCoverageAnswer {
  return {
    insee: commune.insee,
    name: commune.name,
    department: commune.department,
    region: commune.region,
    population: commune.population,
    location: commune.place && { lat: commune.place.lat, lon: commune.place.lon },
    minutes: travel?.minutes ?? null,
    band,
    reach,
    mode: travel?.mode ?? null,
    road_km: travel?.road_km ?? null,
    reliability: travel?.reliability ?? 'none',
    nearest: point && nearestOf(point),
  };
}

/** The communes of the départements (null: all) in a scenario; only the white zones (beyond 30 min by road), the most populous first. */
export function communesOf(
  model: CoverageModel,
  scenario: Scenario,
  departments: readonly string[] | null,
  whiteZonesOnly: boolean,
): CommuneCoverageAnswer[] {
  const answers: CommuneCoverageAnswer[] = [];
  model.communes.forEach((c, i) => {
    if (departments !== null && !departments.includes(c.department)) return;
    const coverage = model.coverageOf(i, scenario);
    if (whiteZonesOnly && !WHITE_BANDS.includes(COVERAGE_BANDS.indexOf(coverage.band))) return;
    answers.push(communeAnswer(coverage));
  });
  if (whiteZonesOnly) answers.sort((a, b) => b.population - a.population || (a.insee < b.insee ? -1 : 1));
  return answers;
}

const BAND_LABELS: Record<(typeof COVERAGE_BANDS)[number], string> = {
  'under-10': 'moins de 10 min',
  '10-20': '10 à 20 min',
  '20-30': '20 à 30 min',
  '30-45': '30 à 45 min',
  'over-45': 'plus de 45 min',
  'no-road': 'sans route',
  unknown: 'inconnu',
};

const scenarioLabel = (scenario: Scenario) => (scenario === 'outreach' ? 'avec l’itinérance' : 'sites fixes seuls');

/** The communes as a table for spreadsheets. */
export function communesTable(name: string, title: string, scenario: Scenario, communes: readonly CommuneCoverageAnswer[]): Table {
  return {
    name,
    title: `${title} (${scenarioLabel(scenario)}, modèle ${ESTIMATE_V2.name})`,
    source: COVERAGE_SOURCE,
    columns: [
      { key: 'insee', label: 'Code INSEE' },
      { key: 'name', label: 'Commune' },
      { key: 'department', label: 'Département' },
      { key: 'region', label: 'Région' },
      { key: 'population', label: 'Population', type: 'number' },
      { key: 'minutes', label: 'Minutes', type: 'number' },
      { key: 'band', label: 'Tranche' },
      { key: 'reach', label: 'Accès' },
      { key: 'mode', label: 'Mode' },
      { key: 'road_km', label: 'Km par la route', type: 'number' },
      { key: 'reliability', label: 'Fiabilité' },
      { key: 'nearest_kind', label: 'Point le plus rapide' },
      { key: 'nearest_site_id', label: 'Identifiant du site' },
      { key: 'nearest_site_name', label: 'France services' },
      { key: 'nearest_stop_name', label: 'Arrêt' },
      { key: 'lat', label: 'Latitude (centroïde)', type: 'number' },
      { key: 'lon', label: 'Longitude (centroïde)', type: 'number' },
    ],
    rows: communes.map((c) => communeRecord(c)),
  };
}

/** A commune as flat properties: a table's row, a GeoJSON feature's properties. */
function communeRecord(c: CommuneCoverageAnswer): Record<string, Cell> {
  return {
    insee: c.insee,
    name: c.name,
    department: c.department,
    region: c.region,
    population: c.population,
    minutes: c.minutes,
    band: BAND_LABELS[c.band],
    reach: c.reach,
    mode: c.mode,
    road_km: c.road_km,
    reliability: c.reliability,
    nearest_kind: c.nearest?.kind ?? null,
    nearest_site_id: c.nearest?.site_id ?? null,
    nearest_site_name: c.nearest?.site_name ?? null,
    nearest_stop_name: c.nearest?.stop_name ?? null,
    lat: c.location?.lat ?? null,
    lon: c.location?.lon ?? null,
  };
}

/**
 * The communes as a GeoJSON FeatureCollection: each commune a Point at its centroid (the point
 * its minutes are timed from, not its outline), its coverage as properties (`band` as the API
 * names it); a commune without a centroid has a null geometry.
 */
export function communesGeoJson(scenario: Scenario, communes: readonly CommuneCoverageAnswer[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: communes.map((c) => ({
      type: 'Feature',
      id: c.insee,
      geometry: c.location && { type: 'Point', coordinates: [c.location.lon, c.location.lat] },
      properties: { ...communeRecord(c), band: c.band, outreach: scenario === 'outreach' },
    })),
  });
}

/** The summary's rows as a table (one scenario's columns). */
export function rowsTable(name: string, scopeLabel: string, scenario: Scenario, rows: readonly CoverageRow[]): Table {
  const levels = { national: 'national', region: 'région', department: 'département' } as const;
  return {
    name,
    title: `Accès aux France services en temps de trajet, ${scopeLabel} (${scenarioLabel(scenario)}, modèle ${ESTIMATE_V2.name})`,
    source: COVERAGE_SOURCE,
    columns: [
      { key: 'level', label: 'Niveau' },
      { key: 'code', label: 'Code' },
      { key: 'name', label: 'Nom' },
      { key: 'communes', label: 'Communes', type: 'number' },
      { key: 'population', label: 'Population', type: 'number' },
      { key: 'share_within_10', label: 'Part à 10 min ou moins', type: 'share' },
      { key: 'share_within_20', label: 'Part à 20 min ou moins', type: 'share' },
      { key: 'share_within_30', label: 'Part à 30 min ou moins', type: 'share' },
      { key: 'share_within_45', label: 'Part à 45 min ou moins', type: 'share' },
      { key: 'white_zone_communes', label: 'Communes à plus de 30 min', type: 'number' },
      { key: 'white_zone_population', label: 'Population à plus de 30 min', type: 'number' },
      { key: 'no_road_population', label: 'Population sans accès routier', type: 'number' },
      { key: 'unknown_population', label: 'Population non localisée', type: 'number' },
    ],
    rows: rows.map((row) => {
      const f = scenario === 'outreach' ? row.with_outreach : row.fixed;
      return {
        level: levels[row.level],
        code: row.code,
        name: row.name,
        communes: f.communes,
        population: f.population,
        share_within_10: f.share_within_10,
        share_within_20: f.share_within_20,
        share_within_30: f.share_within_30,
        share_within_45: f.share_within_45,
        white_zone_communes: f.white_zones.communes,
        white_zone_population: f.white_zones.population,
        no_road_population: f.no_road.population,
        unknown_population: f.unknown.population,
      };
    }),
  };
}

const change = (before: number | null, after: number | null, bound: number) => {
  const was = before !== null && before <= bound;
  const is = after !== null && after <= bound;
  return was === is ? 'same' : is ? 'gains' : 'loses';
};

export function whatIfCommunes(outcome: WhatIfOutcome): WhatIfCommune[] {
  return outcome.communes.map((c) => ({
    insee: c.commune.insee,
    name: c.commune.name,
    department: c.commune.department,
    population: c.commune.population,
    minutes_before: c.before,
    minutes_after: c.after,
    within_20: change(c.before, c.after, 20),
    within_30: change(c.before, c.after, 30),
    nearest_after: c.afterPoint && nearestOf(c.afterPoint),
  }));
}
