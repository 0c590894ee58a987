import type { Db } from '../db/database.js';

/**
 * Retention of appointments' personal data (issue 19, docs/security.md « Rendez-vous »): the
 * first name, phone and e-mail of an appointment are erased (set to null, `erased_at` set) a
 * fixed number of days after it (`FS_APPOINTMENT_RETENTION_DAYS`, 30 by default, 1 to 365),
 * whatever its status. The row stays, without them: the statistics (status, reason, partner,
 * times, who booked) still count it. Run by the appointments' timer on every node; erasing
 * twice is harmless.
 */

export const APPOINTMENT_RETENTION = { min: 1, max: 365, default: 30 } as const;

/** Erases the personal data of the appointments that ended more than `retentionDays` ago; how many it erased. */
export async function eraseExpired(db: Db, retentionDays: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const erased = await db
    .updateTable('appointments')
    .set({ first_name: null, phone: null, email: null, erased_at: now.toISOString() })
    .where('erased_at', 'is', null)
    .where('ends_at', '<', before)
    .executeTakeFirst();
  return Number(erased.numUpdatedRows);
}
