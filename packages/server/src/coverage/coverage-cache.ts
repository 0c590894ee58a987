import type { SiteCatalogue } from '../sites/site-catalogue.js';
import { estimateProvider } from '../travel/estimate.js';
import type { RoutingProvider } from '../travel/routing-provider.js';
import { CoverageModel } from './coverage-model.js';
import { coverageCommunes, coveragePoints } from './coverage-places.js';
import { routeCoverage } from './routed-coverage.js';

const models = new WeakMap<SiteCatalogue, CoverageModel>();
/** The routing engine's timing under way, for the newest catalogue's coverage: a newer one stops it. */
let timing: AbortController | null = null;

/** The coverage of a catalogue's communes by its sites and stops, by the estimate. */
export function computeCoverage(catalogue: SiteCatalogue): CoverageModel {
  return new CoverageModel(catalogue.roadAccess, coverageCommunes(catalogue.communes.places()), coveragePoints(catalogue));
}

export interface CoverageOptions {
  /** A routing engine (`FS_OSRM_URL`): it then times the communes in the background (routed-coverage.ts). */
  routing?: RoutingProvider;
  /** Told when the engine fails a request (the estimate answers that commune's trips). */
  onProviderError?: (error: unknown) => void;
}

/**
 * The coverage of a catalogue, computed at its first use and kept as long as the catalogue: a
 * reload (an import, a site's own change such as a new stop) makes a new catalogue, whose
 * coverage is computed again when next asked (under a second, docs/coverage.md). With a routing
 * engine, the estimate answers at once and the engine's timing replaces it when done.
 */
export function coverageOf(catalogue: SiteCatalogue, options: CoverageOptions = {}): CoverageModel {
  let model = models.get(catalogue);
  if (model) return model;
  model = computeCoverage(catalogue);
  models.set(catalogue, model);
  const { routing, onProviderError } = options;
  if (routing && routing !== estimateProvider) {
    timing?.abort();
    const controller = (timing = new AbortController());
    const timed = model;
    void routeCoverage(timed, routing, catalogue.roadAccess, { signal: controller.signal, onProviderError })
      .catch((error: unknown) => {
        // Not the engine (its failures are the estimate's to answer): a fault of ours. The estimate's figures stay.
        if (timed.routing) timed.routing = { ...timed.routing, state: 'failed', finishedAt: new Date() };
        onProviderError?.(error);
      })
      .finally(() => {
        if (timing === controller) timing = null;
      });
  }
  return model;
}
