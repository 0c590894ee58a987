import type { Transaction } from 'kysely';
import type { CaseInput, CasePublic, CaseStatus, CaseUpdate, PartnerId } from '@fs-widgets/contract';
import type { Db } from '../db/database.js';
import type { CaseTable, Database } from '../db/schema.js';
import { removePersonalData } from '../privacy/personal-data.js';
import { invalidParam } from '../http/problem.js';
import { formatCaseCode, newCaseCode } from '@fs-widgets/contract/case-code';

/** A code stays readable 12 months after the case's last update (docs/security.md). */
export const CASE_LIFETIME_MONTHS = 12;

/** The day after which a case updated at `instant` answers 410: 12 months later, UTC. */
export function expiryDay(instant: Date): string {
  const expiry = new Date(instant);
  expiry.setUTCMonth(expiry.getUTCMonth() + CASE_LIFETIME_MONTHS);
  return expiry.toISOString().slice(0, 10);
}

/** Whether a case expiring on `expiresOn` is gone at `now` (after that UTC day). */
export const isExpired = (expiresOn: string, now: Date) => now.toISOString().slice(0, 10) > expiresOn;

/** A free text with e-mail addresses and phone numbers removed; 400 naming `field` when nothing is left. */
function cleanText(field: string, text: string): string {
  const cleaned = removePersonalData(text);
  if (cleaned === null) throw invalidParam(field, 'must not be blank');
  return cleaned;
}

const cleanDocuments = (documents: string[]) => documents.map((d, i) => cleanText(`documents.${i}`, d));

export type CaseWrite = { outcome: 'stored' | 'duplicate' | 'conflict'; code: string };

/**
 * Opens a case (status `received`, a first event) once per key, in the caller's transaction.
 * The same key again answers the same code (`duplicate`) when it was for the same site,
 * partner and démarche, and `conflict` otherwise (a case's step and documents may have changed
 * since, so only what never changes is compared).
 */
export async function createCase(trx: Transaction<Database>, input: CaseInput, now = new Date()): Promise<CaseWrite> {
  const demarche = cleanText('demarche', input.demarche);
  const step = cleanText('step', input.step);
  const documents = cleanDocuments(input.documents);
  const existing = await trx
    .selectFrom('cases')
    .select(['code', 'site_id', 'partner', 'demarche'])
    .where('created_key', '=', input.key)
    .executeTakeFirst();
  if (existing) {
    const same = existing.site_id === input.site_id && existing.partner === input.partner && existing.demarche === demarche;
    return { outcome: same ? 'duplicate' : 'conflict', code: existing.code };
  }
  const usedAsEvent = await trx.selectFrom('case_events').select('code').where('key', '=', input.key).executeTakeFirst();
  if (usedAsEvent) return { outcome: 'conflict', code: usedAsEvent.code };
  const at = now.toISOString();
  // 50 random bits: a collision with a live code is a one-in-400-million event; retry anyway.
  for (;;) {
    const code = newCaseCode();
    const inserted = await trx
      .insertInto('cases')
      .values({
        code,
        site_id: input.site_id,
        partner: input.partner,
        demarche,
        status: 'received',
        step,
        documents: JSON.stringify(documents),
        appointment: input.appointment === undefined ? null : new Date(input.appointment).toISOString(),
        opened_at: at,
        updated_at: at,
        expires_on: expiryDay(now),
        created_key: input.key,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .executeTakeFirst();
    if (!inserted) continue;
    await trx.insertInto('case_events').values({ code, key: input.key, at, status: 'received', step }).execute();
    return { outcome: 'stored', code };
  }
}

export type CaseUpdateResult = CaseWrite | { outcome: 'unknown' } | { outcome: 'expired' };

/**
 * Updates a case and appends one event to its history, once per key: the same key again on the
 * same case is a `duplicate` (nothing written), on another case a `conflict`. Each update moves
 * the expiry 12 months after it. The caller has checked the token against the case's site.
 */
export async function updateCase(
  trx: Transaction<Database>,
  code: string,
  update: CaseUpdate,
  now = new Date(),
): Promise<CaseUpdateResult> {
  const current = await trx.selectFrom('cases').selectAll().where('code', '=', code).executeTakeFirst();
  if (!current) return { outcome: 'unknown' };
  const previous = await trx.selectFrom('case_events').select('code').where('key', '=', update.key).executeTakeFirst();
  const createdBy = await trx.selectFrom('cases').select('code').where('created_key', '=', update.key).executeTakeFirst();
  const owner = previous?.code ?? createdBy?.code;
  if (owner !== undefined) return { outcome: owner === code ? 'duplicate' : 'conflict', code: owner };
  if (isExpired(current.expires_on, now)) return { outcome: 'expired' };
  const at = now.toISOString();
  const next: Partial<CaseTable> = { updated_at: at, expires_on: expiryDay(now) };
  if (update.status !== undefined) next.status = update.status;
  if (update.step !== undefined) next.step = cleanText('step', update.step);
  if (update.documents !== undefined) next.documents = JSON.stringify(cleanDocuments(update.documents));
  if (update.appointment !== undefined) next.appointment = update.appointment === null ? null : new Date(update.appointment).toISOString();
  await trx.updateTable('cases').set(next).where('code', '=', code).execute();
  await trx
    .insertInto('case_events')
    .values({ code, key: update.key, at, status: next.status ?? current.status, step: next.step ?? current.step })
    .execute();
  return { outcome: 'stored', code };
}

/** What the holder of a code sees (no personal data is stored, so none is shown). */
export async function readCase(
  db: Db | Transaction<Database>,
  code: string,
  now = new Date(),
): Promise<(CasePublic & { expired: boolean }) | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) return undefined;
  const events = await db.selectFrom('case_events').select(['at', 'status', 'step']).where('code', '=', code).orderBy('id').execute();
  return {
    code: formatCaseCode(row.code),
    site_id: row.site_id,
    partner: row.partner as PartnerId,
    demarche: row.demarche,
    status: row.status as CaseStatus,
    step: row.step,
    documents: JSON.parse(row.documents) as string[],
    appointment: row.appointment,
    opened_at: row.opened_at,
    updated_at: row.updated_at,
    expires_on: row.expires_on,
    history: events.map((e) => ({ at: e.at, status: e.status as CaseStatus, step: e.step })),
    expired: isExpired(row.expires_on, now),
  };
}
