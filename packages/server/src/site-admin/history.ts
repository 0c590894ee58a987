import type { Kysely } from 'kysely';
import type { SiteHistory, SiteHistoryAction, SiteHistoryEntity, SiteHistoryEntry } from '@fs-widgets/contract';
import type { Database } from '../db/schema.js';

/**
 * Who made a change: a token (agent, manager, admin: a `TokenInfo`, described by its fields so
 * this module does not depend on the auth module), the command line, or an import (its source).
 */
export type Actor = { id: string; role: string; label: string } | { role: 'cli'; label: string } | { role: 'import'; label: string };

export interface SiteChange {
  siteId: string;
  by: Actor;
  entity: SiteHistoryEntity;
  entityId: string | null;
  action: SiteHistoryAction;
  /** The entity before the change (null when created) and after it (null when deleted), as the API shows it. */
  before: unknown;
  after: unknown;
  at?: Date;
}

/**
 * Appends one change to the site's history, in the transaction that makes it (the table is
 * append-only: the database refuses UPDATE and DELETE on it). Personal data is never written
 * here: the entities are the site's public information, and the actor is named by its label.
 */
export async function recordSiteChange(db: Kysely<Database>, change: SiteChange): Promise<void> {
  const { by } = change;
  await db
    .insertInto('site_history')
    .values({
      site_id: change.siteId,
      at: (change.at ?? new Date()).toISOString(),
      access_id: 'id' in by ? by.id : null,
      access_label: by.label,
      access_role: by.role,
      entity: change.entity,
      entity_id: change.entityId,
      action: change.action,
      before: change.before === null || change.before === undefined ? null : JSON.stringify(change.before),
      after: change.after === null || change.after === undefined ? null : JSON.stringify(change.after),
    })
    .execute();
}

/** A page of the site's history, newest first. */
export async function readSiteHistory(
  db: Kysely<Database>,
  siteId: string,
  { before, limit = 50 }: { before?: number; limit?: number } = {},
): Promise<SiteHistory> {
  let query = db.selectFrom('site_history').selectAll().where('site_id', '=', siteId);
  if (before !== undefined) query = query.where('id', '<', before);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const items: SiteHistoryEntry[] = rows.slice(0, limit).map((row) => ({
    id: row.id,
    at: row.at,
    by: { access_id: row.access_id, label: row.access_label, role: row.access_role },
    entity: row.entity as SiteHistoryEntity,
    entity_id: row.entity_id,
    action: row.action as SiteHistoryAction,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  }));
  return { site_id: siteId, items, next_before: rows.length > limit ? items[items.length - 1]!.id : null };
}
