import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RELEASE_DIR_PATTERN } from './release-version.js';

/**
 * The files of a release a host page may pin with Subresource Integrity: the loader (script
 * variant) and the resize script (iframe variant). The chunks the loader imports are not pinned
 * (see the configurator's technical note): their names carry their content hash.
 */
export const PINNED_FILES = ['fs-widgets.js', 'fs-iframe-resize.js'] as const;
export type PinnedFile = (typeof PINNED_FILES)[number];

/** The manifest copied into each release, so `/widgets/v<version>/custom-elements.json` describes that release. */
export const MANIFEST_FILE = 'custom-elements.json';

/** One release of the widgets, served at `/widgets/v<version>/` from its own copy. */
export interface WidgetRelease {
  version: string;
  /** The folder its files are served from (a snapshot: a later build does not change it). */
  dir: string;
  /** `sha384-…` of the pinned files present in it. */
  integrity: Partial<Record<PinnedFile, string>>;
}

export interface WidgetReleases {
  /** The release of this server's version, when the widgets are built. */
  current: WidgetRelease | null;
  /** Every release served, the current one included, each at `/widgets/v<version>/`. */
  all: WidgetRelease[];
}

/** Subresource Integrity value of a file: `sha384-` and the base64 digest (what `integrity=""` holds). */
export function sriOf(bytes: Buffer): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

function integrityOf(dir: string): WidgetRelease['integrity'] {
  const integrity: WidgetRelease['integrity'] = {};
  for (const file of PINNED_FILES) {
    const path = join(dir, file);
    if (existsSync(path)) integrity[file] = sriOf(readFileSync(path));
  }
  return integrity;
}

/**
 * Makes the releases the server serves. The current build (`distDir`, with `manifestPath`) is
 * copied once into `archiveDir/v<version>/`, and each version is served from its copy there, so:
 * - a versioned URL keeps its bytes (and its integrity) for as long as the server runs, even
 *   when the widgets are rebuilt meanwhile;
 * - after an upgrade the former versions stay served from the archive: pages that pinned them
 *   keep working until they take the new snippet.
 * A build that differs from the copy of the same version (rebuilt without a version bump, as in
 * development) replaces it, with a warning: pages pinned to the former integrity would refuse
 * it. Publish new widget code under a new version.
 */
export function prepareWidgetReleases(options: {
  distDir: string;
  manifestPath: string;
  archiveDir: string;
  version: string;
  warn?: (message: string) => void;
}): WidgetReleases {
  const { distDir, manifestPath, version, warn = () => {} } = options;
  // Relative to the working directory, like the database's path; served from an absolute one.
  const archiveDir = resolve(options.archiveDir);
  const built = existsSync(join(distDir, 'fs-widgets.js'));
  if (built) {
    const target = join(archiveDir, `v${version}`);
    const fresh = integrityOf(distDir);
    const archived = existsSync(target) ? integrityOf(target) : null;
    // A copy made before the build wrote its compressed files is made again (same bytes, so no warning).
    const lacksCompressed = existsSync(join(distDir, 'fs-widgets.js.br')) && !existsSync(join(target, 'fs-widgets.js.br'));
    if (!archived || lacksCompressed || PINNED_FILES.some((f) => archived[f] !== fresh[f])) {
      if (archived && PINNED_FILES.some((f) => archived[f] !== fresh[f])) {
        warn(
          `The widgets in ${distDir} differ from the published v${version} in ${target}: replacing it. ` +
            'Pages pinned to its integrity will refuse the new code; bump the version to publish new widget code.',
        );
      }
      // Copy beside, then swap: a concurrent reader never sees half a release.
      const staging = join(archiveDir, `.v${version}-${process.pid}-${Date.now()}`);
      mkdirSync(archiveDir, { recursive: true });
      cpSync(distDir, staging, {
        recursive: true,
        filter: (src) => !src.endsWith('.d.ts') && !src.endsWith('.d.ts.map') && !src.endsWith('.tsbuildinfo'),
      });
      if (existsSync(manifestPath)) cpSync(manifestPath, join(staging, MANIFEST_FILE));
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
    }
  }
  const all: WidgetRelease[] = existsSync(archiveDir)
    ? readdirSync(archiveDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && RELEASE_DIR_PATTERN.test(entry.name))
        .map((entry) => {
          const dir = join(archiveDir, entry.name);
          return { version: RELEASE_DIR_PATTERN.exec(entry.name)![1]!, dir, integrity: integrityOf(dir) };
        })
        .filter((release) => release.integrity['fs-widgets.js'] !== undefined)
    : [];
  return { current: built ? (all.find((r) => r.version === version) ?? null) : null, all };
}
