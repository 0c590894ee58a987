import { dirname, join } from 'node:path';
import type { AppointmentJobsConfig } from './appointments/appointment-jobs.js';
import { APPOINTMENT_RETENTION } from './appointments/erasure.js';
/** Server settings, read from the environment. Every variable is listed in the README. */
export interface ServerConfig {
  port: number;
  host: string;
  sqlitePath: string;
  /** `DATABASE_URL` (`postgres://…`): PostgreSQL instead of the SQLite file, for several API nodes. */
  databaseUrl: string | null;
  /** Where the database is, for messages: the SQLite path, or the PostgreSQL URL without its password. */
  databaseLabel: string;
  /** How often each node checks whether the sites were re-imported (`FS_CATALOGUE_REFRESH_SECONDS`, default 30). */
  catalogueRefreshSeconds: number;
  logLevel: string;
  /** Origins allowed to call the API from a browser; `*` by default since the widgets embed anywhere. */
  corsOrigin: string;
  /** Base URL of an OSRM-compatible routing engine; null: travel times are estimated (docs/travel-time.md). */
  osrmUrl: string | null;
  /**
   * Fastify's `trustProxy`: false (default: the client is whoever connects), true (trust
   * `X-Forwarded-For` whoever sends it: only behind a proxy that overwrites it), or the
   * addresses / CIDR ranges of the proxies. It decides the client IP the feedback rate limit
   * counts by. (A number of hops is not offered: Fastify 5 ignores it, failing closed.)
   */
  trustProxy: boolean | string;
  /** Folder keeping each release of the widgets, served at `/widgets/v<version>/` (`FS_WIDGETS_ARCHIVE`). */
  widgetsArchive: string;
  /**
   * The key sealing personal data at rest (appointments), `FS_DATA_KEY`: 32 bytes in base64.
   * Several API nodes on one PostgreSQL database must all have the same one. Null: the key file.
   */
  dataKey: string | null;
  /** Without `FS_DATA_KEY`: the key file, created once with mode 0600 (`FS_DATA_KEY_FILE`, default next to the SQLite file). */
  dataKeyFile: string;
  /** Former keys (`FS_DATA_KEYS_PREVIOUS`, comma-separated): they still open what they sealed, after a rotation. */
  previousDataKeys: string[];
  /** Rate limits of appointments, an hour (see `AppointmentLimits`). */
  appointmentLimits: AppointmentLimits;
  /** The appointments' timer: reminders and erasure (see `AppointmentJobsConfig`, docs/reminders.md). */
  appointmentJobs: AppointmentJobsConfig;
}

/**
 * How many requests an hour the appointments' public routes take: bookings from one client
 * address (`FS_BOOKINGS_PER_CLIENT_HOUR`, default 10) and for one site from all addresses
 * (`FS_BOOKINGS_PER_SITE_HOUR`, default 60), and requests with a booking code from one client
 * (`FS_APPOINTMENT_LOOKUPS_PER_CLIENT_HOUR`, default 30). Raise the first where many people
 * share one address (a library's Wi-Fi, a mobile operator's NAT).
 */
export interface AppointmentLimits {
  bookingsPerClient: number;
  bookingsPerSite: number;
  lookupsPerClient: number;
}

export const DEFAULT_APPOINTMENT_LIMITS: AppointmentLimits = { bookingsPerClient: 10, bookingsPerSite: 60, lookupsPerClient: 30 };

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
  const trustProxy = readTrustProxy(env.FS_TRUST_PROXY);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !(URL.canParse(databaseUrl) && /^postgres(ql)?:$/.test(new URL(databaseUrl).protocol))) {
    throw new ConfigError(
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@127.0.0.1:5432/fs_widgets (leave it unset for SQLite)',
    );
  }
  const sqlitePath = env.FS_SQLITE_PATH ?? 'var/fs-widgets.db';
  const catalogueRefreshSeconds = Number(env.FS_CATALOGUE_REFRESH_SECONDS ?? '30');
  if (!Number.isFinite(catalogueRefreshSeconds) || catalogueRefreshSeconds < 1 || catalogueRefreshSeconds > 3600) {
    throw new ConfigError(
      `FS_CATALOGUE_REFRESH_SECONDS must be a number of seconds from 1 to 3600, got "${env.FS_CATALOGUE_REFRESH_SECONDS}"`,
    );
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    sqlitePath,
    databaseUrl,
    databaseLabel: databaseUrl ? withoutPassword(databaseUrl) : sqlitePath,
    catalogueRefreshSeconds,
    logLevel,
    corsOrigin: env.FS_CORS_ORIGIN ?? '*',
    osrmUrl,
    trustProxy,
    widgetsArchive: env.FS_WIDGETS_ARCHIVE?.trim() || 'var/widgets',
    ...readDataKeys(env, sqlitePath),
    appointmentJobs: readAppointmentJobs(env),
    appointmentLimits: {
      bookingsPerClient: readLimit(env, 'FS_BOOKINGS_PER_CLIENT_HOUR', DEFAULT_APPOINTMENT_LIMITS.bookingsPerClient),
      bookingsPerSite: readLimit(env, 'FS_BOOKINGS_PER_SITE_HOUR', DEFAULT_APPOINTMENT_LIMITS.bookingsPerSite),
      lookupsPerClient: readLimit(env, 'FS_APPOINTMENT_LOOKUPS_PER_CLIENT_HOUR', DEFAULT_APPOINTMENT_LIMITS.lookupsPerClient),
    },
  };
}

function readLimit(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 100_000)
    throw new ConfigError(`${name} must be a whole number from 1 to 100000, got "${text}"`);
  return value;
}

/**
 * The appointments' timer (docs/reminders.md): `FS_APPOINTMENT_JOBS_SECONDS` (300; 0 turns it
 * off), `FS_APPOINTMENT_RETENTION_DAYS` (30, from 1 to 365), reminders by e-mail through
 * `FS_SMTP_URL` from `FS_SMTP_FROM`, by SMS through `FS_SMS_WEBHOOK_URL` signed with
 * `FS_SMS_WEBHOOK_SECRET`, and `FS_BOOKING_MANAGE_URL`, the page where a person cancels or moves
 * (`{code}` stands for the booking code).
 */
function readAppointmentJobs(env: NodeJS.ProcessEnv): AppointmentJobsConfig {
  const whole = (name: string, fallback: number, min: number, max: number) => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
    return value;
  };
  const url = (name: string, protocols: RegExp, example: string) => {
    const text = env[name]?.trim() || null;
    if (
      text !== null &&
      !(URL.canParse(text.replaceAll('{code}', 'CODE')) && protocols.test(new URL(text.replaceAll('{code}', 'CODE')).protocol))
    ) {
      // Not quoted: an SMTP URL may hold a password.
      throw new ConfigError(`${name} must be a URL such as ${example}`);
    }
    return text;
  };
  const smsWebhookUrl = url('FS_SMS_WEBHOOK_URL', /^https?:$/, 'https://sms.example.fr/send');
  const smsWebhookSecret = env.FS_SMS_WEBHOOK_SECRET?.trim() || null;
  if (smsWebhookUrl !== null && (smsWebhookSecret === null || smsWebhookSecret.length < 16)) {
    throw new ConfigError('FS_SMS_WEBHOOK_SECRET must be set, at least 16 characters, with FS_SMS_WEBHOOK_URL');
  }
  const manageUrl = url('FS_BOOKING_MANAGE_URL', /^https?:$/, 'https://www.example.fr/rendez-vous?code={code}');
  if (manageUrl !== null && !manageUrl.includes('{code}'))
    throw new ConfigError('FS_BOOKING_MANAGE_URL must hold {code}, where the booking code goes');
  return {
    intervalSeconds: whole('FS_APPOINTMENT_JOBS_SECONDS', 300, 0, 86_400),
    retentionDays: whole(
      'FS_APPOINTMENT_RETENTION_DAYS',
      APPOINTMENT_RETENTION.default,
      APPOINTMENT_RETENTION.min,
      APPOINTMENT_RETENTION.max,
    ),
    smtpUrl: url('FS_SMTP_URL', /^smtps?:$/, 'smtp://user:password@mail.example.fr:587'),
    smtpFrom: env.FS_SMTP_FROM?.trim() || 'France services <no-reply@localhost>',
    smsWebhookUrl,
    smsWebhookSecret,
    manageUrl,
  };
}

function readDataKeys(env: NodeJS.ProcessEnv, sqlitePath: string): Pick<ServerConfig, 'dataKey' | 'dataKeyFile' | 'previousDataKeys'> {
  const check = (name: string, text: string) => {
    // The value itself is never printed: it is a secret.
    if (Buffer.from(text, 'base64').length !== 32) {
      throw new ConfigError(`${name} must be 32 bytes in base64 (make one with: openssl rand -base64 32)`);
    }
    return text;
  };
  const dataKey = env.FS_DATA_KEY?.trim() ? check('FS_DATA_KEY', env.FS_DATA_KEY.trim()) : null;
  const previousDataKeys = (env.FS_DATA_KEYS_PREVIOUS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean)
    .map((key) => check('FS_DATA_KEYS_PREVIOUS', key));
  const dataKeyFile = env.FS_DATA_KEY_FILE?.trim() || join(dirname(sqlitePath), 'fs-widgets-data.key');
  return { dataKey, dataKeyFile, previousDataKeys };
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function readTrustProxy(value: string | undefined): boolean | string {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  // Addresses, CIDR ranges or proxy-addr's names, comma-separated: what Fastify accepts.
  const proxy = /^(?:[0-9A-Fa-f]*[.:][0-9A-Fa-f.:]*(?:\/\d{1,3})?|loopback|linklocal|uniquelocal)$/;
  if (text.split(',').every((item) => proxy.test(item.trim()))) return text;
  throw new ConfigError(
    `FS_TRUST_PROXY must be true, false, or the proxies' addresses or CIDR ranges (or loopback, linklocal, uniquelocal), e.g. 10.0.0.0/8,127.0.0.1, got "${value}"`,
  );
}
