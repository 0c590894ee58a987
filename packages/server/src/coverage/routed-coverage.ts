import type { RoutingProvider } from '../travel/routing-provider.js';
import type { RoadAccess } from '../travel/road-access.js';
import { travelTimes } from '../travel/travel-times.js';
import { SCENARIOS, type CoverageModel, type RoutedBest, type RoutingProgress, type Scenario } from './coverage-model.js';

/** Communes timed at once: the engine is asked this many requests at a time. */
const CONCURRENCY = 4;
/**
 * The engine failing this many requests in a row (down, or answering nothing within its 2 s)
 * stops the timing: the figures stay the estimate's instead of waiting hours on a dead engine.
 */
const FAILURES_TO_GIVE_UP = 20;

/**
 * Times every commune's candidates (the few quickest points by the estimate, in both scenarios)
 * with a routing engine, in the background, one request per commune, and then gives the model
 * the engine's quickest point of each commune: from then on its figures and communes are the
 * engine's (`method: "routing"`). Trips the engine cannot time are estimated, trip by trip, as in
 * a search (travelTimes). The candidates are chosen by the estimate: a point the estimate ranks
 * fifth or worse is never asked, which the engine would seldom rank first.
 *
 * Resolves when done, failed (the engine failing {@link FAILURES_TO_GIVE_UP} requests in a row:
 * `routing.state` says `failed`, the figures stay the estimate's) or aborted (a newer catalogue).
 */
export async function routeCoverage(
  model: CoverageModel,
  provider: RoutingProvider,
  access: RoadAccess,
  { signal, onProviderError }: { signal?: AbortSignal; onProviderError?: (error: unknown) => void } = {},
): Promise<void> {
  const communes = model.communes.flatMap((_, i) => (model.networkOf(i) !== null && model.candidatesOf(i).length > 0 ? [i] : []));
  const progress: RoutingProgress = {
    provider: provider.name,
    state: 'running',
    communes: communes.length,
    communesDone: 0,
    routedTrips: 0,
    estimatedTrips: 0,
    startedAt: new Date(),
    finishedAt: null,
  };
  model.routing = progress;
  const best: Record<Scenario, Array<RoutedBest | null>> = {
    fixed: new Array<RoutedBest | null>(model.communes.length).fill(null),
    outreach: new Array<RoutedBest | null>(model.communes.length).fill(null),
  };
  let failuresInARow = 0;
  let next = 0;
  const worker = async () => {
    while (next < communes.length && failuresInARow < FAILURES_TO_GIVE_UP && !signal?.aborted) {
      const i = communes[next++]!;
      const ids = model.candidatesOf(i);
      let failed = false;
      const travels = await travelTimes(
        provider,
        access,
        model.communes[i]!.place!,
        ids.map((id) => model.points[id]!.place),
        {
          signal,
          walks: false,
          onProviderError: (error) => {
            failed = true;
            onProviderError?.(error);
          },
        },
      );
      failuresInARow = failed ? failuresInARow + 1 : 0;
      for (const travel of travels) {
        if (travel.minutes === null) continue;
        if (travel.method === 'routing') progress.routedTrips++;
        else progress.estimatedTrips++;
      }
      for (const scenario of SCENARIOS) {
        travels.forEach((travel, k) => {
          const point = ids[k]!;
          if (travel.minutes === null || (scenario === 'fixed' && model.points[point]!.outreach)) return;
          const kept = best[scenario][i];
          if (
            !kept ||
            travel.minutes < kept.travel.minutes! ||
            (travel.minutes === kept.travel.minutes && travel.road_km! < kept.travel.road_km!)
          ) {
            best[scenario][i] = { travel, point };
          }
        });
      }
      progress.communesDone++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (signal?.aborted) return;
  progress.finishedAt = new Date();
  if (failuresInARow >= FAILURES_TO_GIVE_UP) {
    model.routing = { ...progress, state: 'failed' };
    return;
  }
  model.useRouted(best);
  model.routing = { ...progress, state: 'done' };
}
