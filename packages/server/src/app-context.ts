import type { Directory } from '@fs-widgets/contract';
import type { Db } from './db/database.js';
import type { SiteCatalogue } from './sites/site-catalogue.js';
import type { RoutingProvider } from './travel/routing-provider.js';

/** What route handlers need; passed explicitly rather than decorated onto Fastify. */
export interface AppContext {
  db: Db;
  /** The current catalogue; replaced after a re-import. */
  catalogue: () => SiteCatalogue;
  /** Reloads the catalogue from the database: after a site's agents changed what it publishes. */
  reloadCatalogue: () => Promise<void>;
  version: string;
  /** Travel times of search results: the estimate, or a routing engine (`FS_OSRM_URL`). */
  routing: RoutingProvider;
  /** The partner directory's catalogue (`data/directory/`), read and checked at start. */
  directory: Directory;
}
