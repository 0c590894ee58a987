import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { AppContext } from './app-context.js';
import { openDatabase, type Db } from './db/database.js';
import { importData, needsImport } from './import/import-data.js';
import { loadDirectory } from './directory/catalogue.js';
import { SiteCatalogue } from './sites/site-catalogue.js';
import type { ServerConfig } from './config.js';
import { estimateProvider } from './travel/estimate.js';
import { OsrmProvider } from './travel/osrm.js';

export const VERSION = '0.1.0';

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
export async function startServer(config: ServerConfig, options: { serveStatic?: boolean; logger?: boolean | object } = {}): Promise<RunningServer> {
  const db = await openDatabase({ sqlitePath: config.sqlitePath });
  const logger = options.logger ?? { level: config.logLevel };
  if (await needsImport(db)) {
    const report = await importData(db);
    if (logger) {
      console.log(
        `Loaded ${report.sites.imported} France services sites and ${report.communes.imported} communes into ${config.sqlitePath}` +
          ` (${report.issues.filter((i) => i.level === 'skipped').length} rows skipped, ` +
          `${report.issues.filter((i) => i.level === 'corrected').length} corrections; \`npm run server -- import\` lists them)`,
      );
    }
  }
  let catalogue = await SiteCatalogue.load(db);
  const routing = config.osrmUrl ? new OsrmProvider(config.osrmUrl) : estimateProvider;
  const ctx: AppContext = { db, catalogue: () => catalogue, version: VERSION, routing, directory: loadDirectory() };
  const app = await buildApp({ ctx, logger, corsOrigin: config.corsOrigin, trustProxy: config.trustProxy, serveStatic: options.serveStatic ?? true });
  app.addHook('onClose', async () => {
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
