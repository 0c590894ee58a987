import type { SiteCatalogue } from '../sites/site-catalogue.js';
import { CoverageModel } from './coverage-model.js';
import { coverageCommunes, coveragePoints } from './coverage-places.js';

const models = new WeakMap<SiteCatalogue, CoverageModel>();

/** The coverage of a catalogue's communes by its sites and stops. */
export function computeCoverage(catalogue: SiteCatalogue): CoverageModel {
  return new CoverageModel(catalogue.roadAccess, coverageCommunes(catalogue.communes.places()), coveragePoints(catalogue));
}

/**
 * The coverage of a catalogue, computed at its first use and kept as long as the catalogue: a
 * reload (an import, a site's own change such as a new stop) makes a new catalogue, whose
 * coverage is computed again when next asked (under a second, docs/coverage.md).
 */
export function coverageOf(catalogue: SiteCatalogue): CoverageModel {
  let model = models.get(catalogue);
  if (!model) models.set(catalogue, (model = computeCoverage(catalogue)));
  return model;
}
