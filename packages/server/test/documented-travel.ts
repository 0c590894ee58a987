/**
 * The estimate-v2 travel model, written again from docs/travel-time.md (not imported from the
 * server): the tests compare the API's answers with what the documentation promises.
 */
type Terrain = 'plain' | 'mountain' | 'overseas' | 'cirque';

const MODEL: Record<Terrain, { detour: number; kmh: [number, number, number]; rough: boolean }> = {
  plain: { detour: 1.3, kmh: [25, 50, 70], rough: false },
  mountain: { detour: 1.5, kmh: [25, 40, 55], rough: true },
  overseas: { detour: 1.5, kmh: [25, 40, 55], rough: true },
  cirque: { detour: 2.5, kmh: [25, 40, 55], rough: true },
};

const up = (minutes: number) => Math.ceil(Math.round(minutes * 1e6) / 1e6);
const oneDecimal = (km: number) => Math.round(km * 10) / 10;

/** The drive for a great-circle distance: road km = km × detour; 2 km, 8 km, then the rest at the terrain's speeds; + 3 min. */
export function documentedDrive(greatCircleKm: number, terrain: Terrain = 'plain') {
  const { detour, kmh } = MODEL[terrain];
  const road = greatCircleKm * detour;
  const minutes = (Math.min(road, 2) / kmh[0] + Math.max(0, Math.min(road, 10) - 2) / kmh[1] + Math.max(0, road - 10) / kmh[2]) * 60 + 3;
  return { minutes: up(minutes), road_km: oneDecimal(road) };
}

/**
 * What the API says of a road trip of this drive: on foot under 2 km as the crow flies when the
 * walk (× 1.3 at 4.5 km/h) takes 30 min at most, else by car, with the badge as the terrain allows.
 */
export function documentedTrip(
  greatCircleKm: number,
  drive: { minutes: number; road_km: number },
  terrain: Terrain,
  method: 'estimate' | 'routing' = 'estimate',
) {
  const km = greatCircleKm * 1.3;
  if (greatCircleKm < 2 && up((km / 4.5) * 60) <= 30) {
    return {
      mode: 'walk',
      minutes: up((km / 4.5) * 60),
      road_km: oneDecimal(km),
      within_30_min: true,
      reliability: 'good',
      terrain,
      reach: 'road',
    };
  }
  const rough = method === 'estimate' && MODEL[terrain].rough;
  const within = !rough ? drive.minutes <= 30 : drive.minutes <= 20 ? true : drive.minutes > 45 ? false : null;
  return {
    mode: 'car',
    minutes: drive.minutes,
    road_km: drive.road_km,
    within_30_min: within,
    reliability: rough ? 'rough' : 'good',
    terrain,
    reach: 'road',
  };
}

/** The travel object without `method` and `provider`, to compare with `documentedTrip`. */
export function tripOf(travel: { method: string; provider: string }) {
  const { method: _m, provider: _p, ...trip } = travel;
  return trip;
}
