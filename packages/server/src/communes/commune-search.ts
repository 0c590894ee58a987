import type { Db } from '../db/database.js';
import type { CommuneTable } from '../db/schema.js';

/**
 * A commune (or arrondissement, or former commune) by INSEE code, from the database. The API's
 * searches read the catalogue's CommuneIndex instead (communes/commune-index.ts).
 */
export async function findCommune(db: Db, insee: string): Promise<CommuneTable | undefined> {
  return db.selectFrom('communes').selectAll().where('insee', '=', insee).executeTakeFirst();
}
