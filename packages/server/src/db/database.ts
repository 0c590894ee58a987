import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import { migrateToLatest } from './migrations.js';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** SQLite file path, or `:memory:`. */
  sqlitePath: string;
}

/**
 * Opens (creating it if needed) and migrates the database. SQLite runs in WAL mode with
 * `synchronous=NORMAL`: an acknowledged write survives a process crash, and readers never
 * block the writer.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  if (options.sqlitePath !== ':memory:') mkdirSync(dirname(options.sqlitePath), { recursive: true });
  const sqlite = new SqliteDatabase(options.sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db);
  return db;
}
