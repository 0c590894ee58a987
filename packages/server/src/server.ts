import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.js';
import type { AppContext } from './app-context.js';
import { importVersion, openDatabase, withImportLock, type Db } from './db/database.js';
import { importData, needsImport } from './import/import-data.js';
import { loadDirectory } from './directory/catalogue.js';
import { SiteCatalogue } from './sites/site-catalogue.js';
import type { ServerConfig } from './config.js';
import { estimateProvider } from './travel/estimate.js';
import { OsrmProvider } from './travel/osrm.js';
import { readReleaseVersion } from './embed/release-version.js';
import { sealerOf } from './privacy/sealed.js';
import { startAppointmentJobs } from './appointments/appointment-jobs.js';

/** The release version: `@fs-widgets/embed`'s, which changesets bumps (see embed/release-version.ts). */
export const VERSION = readReleaseVersion();

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the database (creating and loading it with the real data on first start) and starts
 * listening. Used by `main.ts`, the CLI and the tests, so all three run the same server.
 */
export async function startServer(
  config: ServerConfig,
  options: { serveStatic?: boolean; logger?: boolean | object; widgets?: AppOptions['widgets'] } = {},
): Promise<RunningServer> {
  const db = await openDatabase({ sqlitePath: config.sqlitePath, databaseUrl: config.databaseUrl });
  const logger = options.logger ?? { level: config.logLevel };
  // Several nodes starting together on an empty PostgreSQL: one imports, the others wait for it.
  await withImportLock(db, async (conn) => {
    if (!(await needsImport(conn))) return;
    const report = await importData(conn);
    if (logger) {
      console.log(
        `Loaded ${report.sites.imported} France services sites and ${report.communes.imported} communes into ${config.databaseLabel}` +
          ` (${report.issues.filter((i) => i.level === 'skipped').length} rows skipped, ` +
          `${report.issues.filter((i) => i.level === 'corrected').length} corrections; \`npm run server -- import\` lists them)`,
      );
    }
  });
  let catalogue = await SiteCatalogue.load(db);
  // The sites live in memory (with their k-d tree) on each node: a re-import made elsewhere (the
  // CLI, another node) is picked up within `catalogueRefreshSeconds`. The hour is part of the
  // version: a site's exceptional closure leaves `Site.exceptions` (and its OSM string) within
  // the hour after its last day ends in the site's time zone.
  const currentVersion = async () => `${await importVersion(db)}@${Math.floor(Date.now() / 3_600_000)}`;
  let catalogueVersion = await currentVersion();
  /**
   * The catalogue for `version`: the communes are read again only after a new import (the
   * version's part before `|`); a site's own change reuses them.
   */
  const loadCatalogue = (version: string) =>
    SiteCatalogue.load(db, version.split('|')[0] === catalogueVersion.split('|')[0] ? catalogue : undefined);
  let refreshing = false;
  const refresh = setInterval(async () => {
    if (refreshing) return;
    refreshing = true;
    try {
      const version = await currentVersion();
      if (version !== catalogueVersion) {
        catalogue = await loadCatalogue(version);
        catalogueVersion = version;
      }
    } catch {
      // The database is unreachable for a moment: keep serving the catalogue in memory.
    } finally {
      refreshing = false;
    }
  }, config.catalogueRefreshSeconds * 1000);
  refresh.unref();
  const routing = config.osrmUrl ? new OsrmProvider(config.osrmUrl) : estimateProvider;
  const ctx: AppContext = {
    db,
    catalogue: () => catalogue,
    // After a site's own change on this node: reloaded at once (the other nodes within the refresh period).
    reloadCatalogue: async () => {
      const version = await currentVersion();
      catalogue = await loadCatalogue(version);
      catalogueVersion = version;
    },
    version: VERSION,
    routing,
    directory: loadDirectory(),
    sealer: sealerOf(config),
    appointmentLimits: config.appointmentLimits,
    appointmentRetentionDays: config.appointmentJobs.retentionDays,
  };
  const app = await buildApp({
    ctx,
    logger,
    corsOrigin: config.corsOrigin,
    trustProxy: config.trustProxy,
    serveStatic: options.serveStatic ?? true,
    widgets: { archiveDir: config.widgetsArchive, ...options.widgets },
  });
  // Reminders and erasure of appointments (issue 19), every few minutes on every node.
  const stopAppointmentJobs = startAppointmentJobs(
    { db, sealer: ctx.sealer!, directory: ctx.directory, catalogue: ctx.catalogue },
    config.appointmentJobs,
    app.log,
  );
  app.addHook('onClose', async () => {
    clearInterval(refresh);
    await stopAppointmentJobs();
    await db.destroy();
  });
  const address = await app.listen({ port: config.port, host: config.host });
  return {
    app,
    db,
    url: address,
    async close() {
      await app.close();
    },
  };
}
