import type { Directory } from '@fs-widgets/contract';
import type { Db } from './db/database.js';
import type { Sealer } from './privacy/sealed.js';
import type { AppointmentLimits } from './config.js';
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
  /**
   * Seals personal data at rest (appointments), with the server's data key (`FS_DATA_KEY` or its
   * key file). Every running server has one (`startServer`); an app built without it (a test of
   * other routes) refuses to store personal data.
   */
  sealer?: Sealer;
  /** Rate limits of the appointments' public routes; absent: `DEFAULT_APPOINTMENT_LIMITS`. */
  appointmentLimits?: AppointmentLimits;
  /** Days after an appointment its personal data is erased (`FS_APPOINTMENT_RETENTION_DAYS`), told to the person booking; 30 when unset. */
  appointmentRetentionDays?: number;
}
