import { distance } from 'geokdbush';

/**
 * How far from its commune's centre a site or a stop may lie before its coordinates are taken to
 * be wrong. In the ANCT list of 2024-08-01, sites lie at most 14 km from their commune's centre in
 * metropolitan France and Corsica (Les Belleville, a merged commune), and up to 70 km overseas
 * (Mana, in Guyane, whose communes are as large as départements); the Charente bus's stop in
 * Valence was published 485 km away, near Aix-en-Provence.
 */
export const FAR_FROM_COMMUNE_KM = { mainland: 30, overseas: 100 } as const;

/** The département (or collectivity) of an INSEE commune code: `16` for 16392, `974` for 97411. */
export function departmentOfInsee(insee: string): string {
  return insee.startsWith('97') || insee.startsWith('98') ? insee.slice(0, 3) : insee.slice(0, 2);
}

/** The distance allowed in a département. */
export function farLimitKm(department: string): number {
  return department.length === 3 ? FAR_FROM_COMMUNE_KM.overseas : FAR_FROM_COMMUNE_KM.mainland;
}

/**
 * The distance in km (one decimal) from a point to its commune's centre when it is farther than
 * its territory allows, else null (close enough, or the commune's centre unknown: nothing to
 * check against).
 */
export function farFromCommune(
  point: { lat: number; lon: number },
  centre: { lat: number | null; lon: number | null } | undefined,
  department: string,
): number | null {
  if (!centre || centre.lat == null || centre.lon == null) return null;
  const km = distance(point.lon, point.lat, centre.lon, centre.lat);
  return km > farLimitKm(department) ? Math.round(km * 10) / 10 : null;
}
