import { readFileSync } from 'node:fs';
import { REPO_ROOT } from '../paths.js';

/** Semver, with an optional pre-release or build part. */
const SEMVER = String.raw`\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?`;
/** A release version. */
export const RELEASE_VERSION_PATTERN = new RegExp(`^${SEMVER}$`);
/** A release's folder in the archive, `v<version>`, the version captured. */
export const RELEASE_DIR_PATTERN = new RegExp(`^v(${SEMVER})$`);

/**
 * The release version of the widgets, and of the server that serves them: the `version` of
 * `@fs-widgets/embed`, the package whose build (`packages/embed/dist/`) is served at `/widgets/`
 * and archived at `/widgets/v<version>/`. Changesets bumps every package of the fixed group
 * together (`npm run version`, docs/releasing.md), so the version a page pins names the release
 * it was published with, and the same number is in the changelog and on the npm registry.
 * Read once at start, the same from the sources (tests, `npm run dev`) and from the build.
 */
export function readReleaseVersion(packageJson = `${REPO_ROOT}packages/embed/package.json`): string {
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown };
  if (typeof version !== 'string' || !RELEASE_VERSION_PATTERN.test(version)) {
    throw new Error(`${packageJson}: "version" must be a semver version such as 1.2.3, got ${JSON.stringify(version)}`);
  }
  return version;
}
