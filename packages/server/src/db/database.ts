import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type Transaction,
} from 'kysely';
import { dialectOf } from './dialect.js';
import pg from 'pg';
import type { Database } from './schema.js';
import { migrateToLatest } from './migrations.js';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** SQLite file path, or `:memory:`: the default engine, one machine. */
  sqlitePath?: string;
  /** `postgres://user:password@host:5432/name` (`DATABASE_URL`): PostgreSQL, for several API nodes. */
  databaseUrl?: string | null;
  /** Connections of this node's PostgreSQL pool (default 10). */
  poolSize?: number;
}

export { dialectOf, type Dialect } from './dialect.js';

// PostgreSQL answers count(*) and sum() as int8/numeric, which node-postgres reads as strings:
// every count here fits a double, so read them as numbers (as SQLite gives them).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/**
 * Opens (creating it if needed) and migrates the database: PostgreSQL when `databaseUrl` is
 * given, else SQLite. SQLite runs in WAL mode with `synchronous=NORMAL`: an acknowledged write
 * survives a process crash, and readers never block the writer. PostgreSQL keeps its defaults
 * (`synchronous_commit=on`: an acknowledged write survives a crash of the machine too).
 */
export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  let db: Db;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // A dropped idle connection is replaced by the pool; it must not crash the process.
    pool.on('error', () => undefined);
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    const path = options.sqlitePath ?? ':memory:';
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SqliteDatabase(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  }
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/**
 * SQLite transactions start with `BEGIN IMMEDIATE`: they take the write lock at once, waiting up
 * to `busy_timeout` for another process (the command line while the server runs, two commands at
 * once). A deferred `BEGIN` that reads then writes cannot wait: SQLite answers SQLITE_BUSY at once
 * when another connection wrote in between, since waiting could deadlock.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * Runs the first-start import under a lock, so that several nodes starting together on one
 * PostgreSQL import once (a session advisory lock, on one connection). SQLite: one process.
 */
export async function withImportLock(db: Db, work: (conn: Db) => Promise<void>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return work(db);
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${IMPORT_LOCK})`.execute(conn);
    try {
      await work(conn);
    } finally {
      await sql`select pg_advisory_unlock(${IMPORT_LOCK})`.execute(conn);
    }
  });
}
/** The advisory lock's number: "fsw" in ASCII. */
const IMPORT_LOCK = 0x667377;

/**
 * When the sites were last imported and when a site last changed what it publishes itself (the
 * `meta` rows `import` and `site-data`): what nodes compare to reload their catalogue.
 */
export async function importVersion(db: Db): Promise<string | null> {
  const rows = await db.selectFrom('meta').select(['key', 'updated_at']).where('key', 'in', ['import', 'site-data']).execute();
  const at = (key: string) => rows.find((r) => r.key === key)?.updated_at;
  const imported = at('import');
  return imported === undefined ? null : `${imported}|${at('site-data') ?? ''}`;
}

/**
 * Marks that a site changed what it publishes (hours, closures, stops, offers…), in the
 * transaction of the change: the other nodes reload their catalogue at their next check.
 */
export async function markSiteDataChanged(db: Kysely<Database>, now = new Date()): Promise<void> {
  // A counter in `value`, so two changes in the same millisecond still make a new version.
  const stamp = `${now.toISOString()}#${Math.random().toString(36).slice(2, 10)}`;
  await db
    .insertInto('meta')
    .values({ key: 'site-data', value: stamp, updated_at: stamp })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: stamp, updated_at: stamp }))
    .execute();
}

/** A unique constraint refused a row: another request (on this node or another) stored the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * A write transaction of an idempotent request. Two requests with the same key may race (a
 * retry sent to another node while the first is still running): both find no row, one stores
 * it, the other's insert breaks the unique key. That one runs again, finds the stored row and
 * answers as a duplicate — never a 500, never two rows.
 */
export async function writeTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}
