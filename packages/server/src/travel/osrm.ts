import { ESTIMATE_V2, roundRoadKm, wholeMinutesUp } from './estimate.js';
import type { Point, RoadTravel, RoutingProvider } from './routing-provider.js';

/** A search must not wait on a slow engine: past this, the estimate answers instead. */
export const OSRM_TIMEOUT_MS = 2000;

export class RoutingError extends Error {}

/** The part of OSRM's `table` answer read here (https://project-osrm.org/docs/v5.24.0/api/#table-service). */
interface OsrmTableAnswer {
  code?: string;
  message?: string;
  /** Seconds, one row per source; a cell is null when no route was found. */
  durations?: Array<Array<number | null>>;
  /** Metres, same layout. */
  distances?: Array<Array<number | null>>;
}

const coordinate = (p: Point) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`;

/**
 * Driving times from an OSRM-compatible routing engine (OSRM itself, or a server answering
 * its `table` service): one request per search, the origin as the only source.
 */
export class OsrmProvider implements RoutingProvider {
  readonly name = 'osrm';
  readonly #baseUrl: string;
  readonly #timeoutMs: number;

  constructor(baseUrl: string, options: { timeoutMs?: number } = {}) {
    this.#baseUrl = baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? OSRM_TIMEOUT_MS;
  }

  async travel(origin: Point, destinations: Point[], signal?: AbortSignal): Promise<Array<RoadTravel | null>> {
    if (destinations.length === 0) return [];
    const url = `${this.#baseUrl}/table/v1/driving/${[origin, ...destinations].map(coordinate).join(';')}?sources=0&annotations=duration,distance`;
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    let answer: OsrmTableAnswer;
    try {
      const res = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      if (!res.ok) {
        await res.body?.cancel();
        throw new RoutingError(`OSRM answered HTTP ${res.status}`);
      }
      answer = (await res.json()) as OsrmTableAnswer;
    } catch (err) {
      if (err instanceof RoutingError) throw err;
      const reason = timeout.aborted ? `no answer within ${this.#timeoutMs} ms` : err instanceof Error ? err.message : String(err);
      throw new RoutingError(`OSRM request failed: ${reason}`, { cause: err });
    }
    if (answer.code !== 'Ok') throw new RoutingError(`OSRM answered ${answer.code ?? 'no code'}: ${answer.message ?? ''}`);
    const durations = answer.durations?.[0];
    const distances = answer.distances?.[0];
    return destinations.map((_, i) => {
      // Cell 0 is the origin itself.
      const seconds = durations?.[i + 1];
      const metres = distances?.[i + 1];
      if (typeof seconds !== 'number' || typeof metres !== 'number' || !(seconds >= 0) || !(metres >= 0)) return null;
      // The engine times the drive only; the same access time as the estimate's is added so
      // both methods measure door to door and a list mixing them stays comparable.
      return { minutes: wholeMinutesUp(seconds / 60 + ESTIMATE_V2.accessMinutes), road_km: roundRoadKm(metres / 1000) };
    });
  }
}
