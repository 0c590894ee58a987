export { buildApp, type AppOptions } from './app.js';
export { startServer, type RunningServer, VERSION } from './server.js';
export { readConfig, type ServerConfig } from './config.js';
export { openDatabase, type Db } from './db/database.js';
export { importData, type ImportReport } from './import/import-data.js';
export { SiteCatalogue } from './sites/site-catalogue.js';
export { type RoutingProvider, type Point, type RoadTravel } from './travel/routing-provider.js';
export { ESTIMATE_V1, estimateProvider } from './travel/estimate.js';
export { OsrmProvider } from './travel/osrm.js';
