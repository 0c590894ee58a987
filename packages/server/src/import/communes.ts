import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { CommuneTable, CommunePostcodeTable } from '../db/schema.js';
import { searchName } from '@fs-widgets/contract/search-name';
import { parseDelimited, type ParseIssue } from './delimited-file.js';

interface CogCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement: string;
  region?: string;
  commune?: string;
  chefLieu?: string;
  population?: number;
  codesPostaux?: string[];
}

/** Overseas collectivities whose coordinates in the La Poste base are placeholders. */
const PLACEHOLDER_COORDINATES = /^(975|977|978|984|986|987|988)/;

export interface CommuneImport {
  communes: CommuneTable[];
  postcodes: CommunePostcodeTable[];
  issues: ParseIssue[];
  withoutLocation: string[];
}

export async function loadCogCommunes(): Promise<CogCommune[]> {
  const require = createRequire(import.meta.url);
  const path = require.resolve('@etalab/decoupage-administratif/data/communes.json');
  return JSON.parse(await readFile(path, 'utf8')) as CogCommune[];
}

/**
 * Joins the current communes (COG, with names, postcodes and population) to centroids averaged
 * from the La Poste base. Paris, Lyon and Marseille are only there by arrondissement, and
 * communes created since 2022 only by their former communes: both are averaged from those.
 */
export function buildCommunes(cog: CogCommune[], laPosteText: string): CommuneImport {
  const laPoste = parseDelimited(laPosteText, ['Code_commune_INSEE', 'Nom_commune', 'Ligne_5', 'latitude', 'longitude']);
  const sums = new Map<string, { lat: number; lon: number; n: number }>();
  /** "department:search name" of each 2022 commune and locality (Ligne_5) → its 2022 INSEE code. */
  const codeByPlaceName = new Map<string, string>();
  for (const { values } of laPoste.records) {
    const code = values.Code_commune_INSEE?.trim();
    if (code) {
      for (const place of [values.Nom_commune, values.Ligne_5]) {
        if (place?.trim()) codeByPlaceName.set(`${code.slice(0, code.startsWith('97') ? 3 : 2)}:${searchName(place)}`, code);
      }
    }
    const lat = Number(values.latitude);
    const lon = Number(values.longitude);
    if (!code || PLACEHOLDER_COORDINATES.test(code)) continue;
    if (values.latitude?.trim() === '' || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const s = sums.get(code) ?? { lat: 0, lon: 0, n: 0 };
    // The base repeats a commune once per postcode and locality with the same centroid: count it once.
    if (s.n > 0 && s.lat / s.n === lat && s.lon / s.n === lon) continue;
    s.lat += lat;
    s.lon += lon;
    s.n += 1;
    sums.set(code, s);
  }
  const centroid = (code: string) => {
    const s = sums.get(code);
    return s ? { lat: s.lat / s.n, lon: s.lon / s.n } : null;
  };
  const average = (codes: string[]) => {
    const points = codes.map(centroid).filter((p): p is { lat: number; lon: number } => p !== null);
    if (points.length === 0) return null;
    return {
      lat: points.reduce((a, p) => a + p.lat, 0) / points.length,
      lon: points.reduce((a, p) => a + p.lon, 0) / points.length,
    };
  };

  const childrenOf = new Map<string, string[]>();
  for (const c of cog) {
    if (c.type !== 'commune-actuelle' && c.commune) {
      childrenOf.set(c.commune, [...(childrenOf.get(c.commune) ?? []), c.code]);
    }
  }

  const communes = new Map<string, CommuneTable>();
  const postcodes = new Map<string, CommunePostcodeTable>();
  const withoutLocation: string[] = [];
  const add = (c: CogCommune, kind: CommuneTable['kind'], location: { lat: number; lon: number } | null) => {
    if (communes.has(c.code)) return;
    if (!location && kind !== 'former') withoutLocation.push(`${c.code} ${c.nom}`);
    communes.set(c.code, {
      insee: c.code,
      name: displayName(c.nom),
      search_name: searchName(c.nom),
      kind,
      parent_insee: c.commune ?? null,
      department: c.departement,
      region: c.region ?? null,
      population: typeof c.population === 'number' ? c.population : null,
      lat: location?.lat ?? null,
      lon: location?.lon ?? null,
    });
    for (const postcode of c.codesPostaux ?? []) {
      postcodes.set(`${c.code}:${postcode}`, { insee: c.code, postcode });
    }
  };

  /**
   * A commune split off since 2022 is in the 2022 base only as a locality (Ligne_5) of the commune
   * it then belonged to: take that commune's centroid, the best known approximation.
   */
  const byPlaceName = (c: CogCommune) => {
    const code = codeByPlaceName.get(`${c.departement}:${searchName(c.nom)}`);
    return code ? centroid(code) : null;
  };

  // Current communes and arrondissements first: they own their code when a former commune shares it.
  for (const c of cog) {
    if (c.type === 'commune-actuelle') {
      add(c, 'commune', centroid(c.code) ?? average(childrenOf.get(c.code) ?? []) ?? byPlaceName(c));
    } else if (c.type === 'arrondissement-municipal') add(c, 'arrondissement', centroid(c.code));
  }
  for (const c of cog) {
    if (c.type === 'commune-deleguee' || c.type === 'commune-associee') {
      const parent = c.commune ? communes.get(c.commune) : undefined;
      const own = centroid(c.code);
      add(c, 'former', own ?? (parent?.lat != null ? { lat: parent.lat, lon: parent.lon! } : null));
    }
  }
  return {
    communes: [...communes.values()],
    postcodes: [...postcodes.values()],
    issues: laPoste.issues,
    withoutLocation,
  };
}

/**
 * The name as French writes it in a sentence: the COG spells Paris, Lyon and Marseille's
 * arrondissements « Paris 15e Arrondissement »; the locator says « autour de Paris 15e arrondissement ».
 */
export function displayName(nom: string): string {
  return nom.replace(/ Arrondissement$/, ' arrondissement');
}
