import { readConfig, ConfigError } from './config.js';
import { startServer } from './server.js';

/** `npm start`: the API, the demo page and the built widgets, on the real data. */
try {
  const config = readConfig();
  const server = await startServer(config);
  console.log(`France services widgets: demo ${server.url}/ — API ${server.url}/api/v1 — docs ${server.url}/api/docs`);
  const stop = async (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`Configuration error: ${err.message}`);
    process.exit(2);
  }
  throw err;
}
