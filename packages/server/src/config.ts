/** Server settings, read from the environment. Every variable is listed in the README. */
export interface ServerConfig {
  port: number;
  host: string;
  sqlitePath: string;
  logLevel: string;
  /** Origins allowed to call the API from a browser; `*` by default since the widgets embed anywhere. */
  corsOrigin: string;
  /** Base URL of an OSRM-compatible routing engine; null: travel times are estimated (docs/travel-time.md). */
  osrmUrl: string | null;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${env.PORT}"`);
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${levels.join(', ')}, got "${logLevel}"`);
  const osrmUrl = env.FS_OSRM_URL?.trim() || null;
  if (osrmUrl !== null && !(URL.canParse(osrmUrl) && /^https?:$/.test(new URL(osrmUrl).protocol))) {
    throw new ConfigError(`FS_OSRM_URL must be an http(s) URL such as http://127.0.0.1:5000, got "${env.FS_OSRM_URL}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    sqlitePath: env.FS_SQLITE_PATH ?? 'var/fs-widgets.db',
    logLevel,
    corsOrigin: env.FS_CORS_ORIGIN ?? '*',
    osrmUrl,
  };
}
