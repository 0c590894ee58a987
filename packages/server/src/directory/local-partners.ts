import { randomBytes } from 'node:crypto';
import {
  PARTNERS,
  ProblemType,
  type PartnerId,
  type LocalPartner,
  type LocalPartnerInput,
  type Permanence,
  type PermanenceInput,
  type Recurrence,
  type Site,
  type SitePartners,
} from '@fs-widgets/contract';
import { checkPermanenceRule, permanenceDates, permanenceToOsm, RecurrenceError, type PermanenceRule } from '@fs-widgets/opening-hours';
import { markSiteDataChanged, writeTransaction, type Db } from '../db/database.js';
import type { LocalPartnerTable, PermanenceTable } from '../db/schema.js';
import { removePersonalData } from '../privacy/personal-data.js';
import { HttpProblem, invalidParam, keyConflict } from '../http/problem.js';
import { recordSiteChange, type Actor } from '../site-admin/history.js';
import { dataInclusionValues } from './catalogue.js';

/**
 * A site's local partners and recurring permanences: written by the site's agents (the routes
 * check the token), read by anyone. Free texts lose e-mail addresses and phone numbers (as
 * every public text): a local partner is an organisation, its phone has its own checked field.
 * Every change goes to the site's history (`site-admin/history.ts`) in its own transaction,
 * with the token that made it; an idempotent retry (same key) writes nothing more.
 */

/** Every site offers the nine national partners, by charter. */
const NATIONAL_BY_CHARTER = PARTNERS.filter((p): p is Exclude<PartnerId, 'local'> => p !== 'local');

const newId = () => randomBytes(9).toString('base64url');

let thematiques: Set<string> | undefined;
function checkThematiques(values: readonly string[] | undefined): string[] {
  thematiques ??= dataInclusionValues('thematiques');
  (values ?? []).forEach((value, index) => {
    if (!thematiques!.has(value))
      throw invalidParam(`thematiques.${index}`, `${value} is not a thématique of the data·inclusion referential`);
  });
  return [...(values ?? [])];
}

const cleanText = (text: string | null | undefined) => (text ? removePersonalData(text.trim()) || null : null);

export function localPartnerFromRow(row: LocalPartnerTable): LocalPartner {
  return {
    id: row.id,
    site_id: row.site_id,
    name: row.name,
    description: row.description,
    thematiques: JSON.parse(row.thematiques) as string[],
    phone: row.phone,
    website: row.website,
    updated_at: row.updated_at,
  };
}

const ruleOf = (row: Pick<PermanenceTable, 'recurrence' | 'opens' | 'closes' | 'starts_on' | 'ends_on'>): PermanenceRule => ({
  recurrence: JSON.parse(row.recurrence) as Recurrence,
  opens: row.opens,
  closes: row.closes,
  starts_on: row.starts_on,
  ends_on: row.ends_on,
});

/** A permanence as the history keeps it: as the API shows it, without its next dates (they move every day). */
export function permanenceRecord(row: PermanenceTable): Omit<Permanence, 'next'> {
  const rule = ruleOf(row);
  return {
    id: row.id,
    site_id: row.site_id,
    partner: row.partner as Permanence['partner'],
    local_partner_id: row.local_partner_id,
    recurrence: rule.recurrence,
    opens: row.opens,
    closes: row.closes,
    by_appointment: row.by_appointment === 1,
    starts_on: row.starts_on,
    ends_on: row.ends_on,
    note: row.note,
    opening_hours: permanenceToOsm(rule),
    updated_at: row.updated_at,
  };
}

export function permanenceFromRow(row: PermanenceTable, site: Pick<Site, 'address' | 'time_zone'>, now: Date): Permanence {
  return {
    ...permanenceRecord(row),
    next: permanenceDates(ruleOf(row), { now, department: site.address.department, timeZone: site.time_zone }),
  };
}

/** Who can be met at a site: the nine national partners, its local partners, its permanences by next date. */
export async function sitePartners(db: Db, site: Site, now = new Date()): Promise<SitePartners> {
  const [locals, permanences] = await Promise.all([
    db.selectFrom('local_partners').selectAll().where('site_id', '=', site.id).orderBy('name').orderBy('id').execute(),
    db.selectFrom('permanences').selectAll().where('site_id', '=', site.id).orderBy('created_at').orderBy('id').execute(),
  ]);
  const sorted = permanences
    .map((row) => permanenceFromRow(row, site, now))
    .sort(
      (a, b) =>
        (a.next[0]?.date ?? '9999').localeCompare(b.next[0]?.date ?? '9999') ||
        (a.next[0]?.opens ?? '').localeCompare(b.next[0]?.opens ?? ''),
    );
  return { site_id: site.id, national: NATIONAL_BY_CHARTER, local: locals.map(localPartnerFromRow), permanences: sorted };
}

const localPartnerValues = (input: LocalPartnerInput) => ({
  name: input.name.trim(),
  description: cleanText(input.description),
  thematiques: JSON.stringify(checkThematiques(input.thematiques)),
  phone: input.phone?.trim() || null,
  website: input.website ?? null,
});

export type Written<T> = { value: T; duplicate: boolean };

/** Adds a local partner; the same key again returns the first one (`duplicate`), with another partner 409. */
export async function createLocalPartner(
  db: Db,
  siteId: string,
  key: string,
  input: LocalPartnerInput,
  by: Actor,
  now = new Date(),
): Promise<Written<LocalPartner>> {
  const values = localPartnerValues(input);
  return writeTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('local_partners').selectAll().where('created_key', '=', key).executeTakeFirst();
    if (existing) {
      if (existing.site_id !== siteId || existing.name !== values.name) throw keyConflict(key, 'local partner');
      return { value: localPartnerFromRow(existing), duplicate: true };
    }
    const at = now.toISOString();
    const row: LocalPartnerTable = { id: newId(), site_id: siteId, ...values, created_key: key, created_at: at, updated_at: at };
    await trx.insertInto('local_partners').values(row).execute();
    // The site's record names its local partners (the card, `offer=local-partner`): every node reloads.
    await markSiteDataChanged(trx, now);
    const value = localPartnerFromRow(row);
    await recordSiteChange(trx, {
      siteId,
      by,
      entity: 'local-partner',
      entityId: row.id,
      action: 'create',
      before: null,
      after: value,
      at: now,
    });
    return { value, duplicate: false };
  });
}

/** Replaces a local partner of the site; null when the site has no such partner. */
export async function updateLocalPartner(
  db: Db,
  siteId: string,
  id: string,
  input: LocalPartnerInput,
  by: Actor,
  now = new Date(),
): Promise<LocalPartner | null> {
  const values = localPartnerValues(input);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('local_partners').selectAll().where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
    if (!before) return null;
    const result = await trx
      .updateTable('local_partners')
      .set({ ...values, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('site_id', '=', siteId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = localPartnerFromRow(result);
    await markSiteDataChanged(trx, now);
    await recordSiteChange(trx, {
      siteId,
      by,
      entity: 'local-partner',
      entityId: id,
      action: 'update',
      before: localPartnerFromRow(before),
      after,
      at: now,
    });
    return after;
  });
}

/** Removes a local partner of the site and its permanences (each kept in the history); false when the site has no such partner. */
export async function deleteLocalPartner(db: Db, siteId: string, id: string, by: Actor, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const partner = await trx
      .selectFrom('local_partners')
      .selectAll()
      .where('id', '=', id)
      .where('site_id', '=', siteId)
      .executeTakeFirst();
    if (!partner) return false;
    const permanences = await trx.selectFrom('permanences').selectAll().where('local_partner_id', '=', id).orderBy('id').execute();
    const result = await trx.deleteFrom('local_partners').where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await markSiteDataChanged(trx, now);
    for (const permanence of permanences) {
      const before = permanenceRecord(permanence);
      await recordSiteChange(trx, {
        siteId,
        by,
        entity: 'permanence',
        entityId: permanence.id,
        action: 'delete',
        before,
        after: null,
        at: now,
      });
    }
    const before = localPartnerFromRow(partner);
    await recordSiteChange(trx, { siteId, by, entity: 'local-partner', entityId: id, action: 'delete', before, after: null, at: now });
    return true;
  });
}

/** Checks a permanence against the rules the schema cannot say, and its local partner against the site. */
async function permanenceValues(db: Db, siteId: string, input: PermanenceInput) {
  const partner = input.partner ?? null;
  const localPartnerId = input.local_partner_id ?? null;
  if ((partner === null) === (localPartnerId === null)) {
    throw invalidParam(
      partner === null ? 'partner' : 'local_partner_id',
      'give either partner (a national partner) or local_partner_id (one of the site’s local partners), not both',
    );
  }
  if (localPartnerId !== null) {
    const local = await db.selectFrom('local_partners').select('site_id').where('id', '=', localPartnerId).executeTakeFirst();
    if (!local || local.site_id !== siteId) {
      throw new HttpProblem(
        422,
        ProblemType.validation,
        'Unknown local partner',
        `Site ${siteId} has no local partner ${localPartnerId}.`,
        [{ name: 'local_partner_id', reason: 'is not one of this site’s local partners: add the partner first' }],
      );
    }
  }
  const rule: PermanenceRule = {
    recurrence: input.recurrence,
    opens: input.opens ?? null,
    closes: input.closes ?? null,
    starts_on: input.starts_on ?? null,
    ends_on: input.ends_on ?? null,
  };
  try {
    checkPermanenceRule(rule);
  } catch (error) {
    if (error instanceof RecurrenceError) throw invalidParam(error.field, error.message);
    if (error instanceof RangeError) throw invalidParam('starts_on', error.message);
    throw error;
  }
  if (input.recurrence.freq === 'appointment' && !input.by_appointment) {
    throw invalidParam('by_appointment', 'must be true for a permanence by appointment only');
  }
  return {
    partner,
    local_partner_id: localPartnerId,
    recurrence: JSON.stringify(input.recurrence),
    opens: rule.opens,
    closes: rule.closes,
    by_appointment: input.by_appointment ? 1 : 0,
    starts_on: rule.starts_on,
    ends_on: rule.ends_on,
    note: cleanText(input.note),
  };
}

export async function createPermanence(
  db: Db,
  site: Site,
  key: string,
  input: PermanenceInput,
  by: Actor,
  now = new Date(),
): Promise<Written<Permanence>> {
  const values = await permanenceValues(db, site.id, input);
  return writeTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('permanences').selectAll().where('created_key', '=', key).executeTakeFirst();
    if (existing) {
      const same =
        existing.site_id === site.id &&
        existing.partner === values.partner &&
        existing.local_partner_id === values.local_partner_id &&
        existing.recurrence === values.recurrence;
      if (!same) throw keyConflict(key, 'permanence');
      return { value: permanenceFromRow(existing, site, now), duplicate: true };
    }
    const at = now.toISOString();
    const row: PermanenceTable = { id: newId(), site_id: site.id, ...values, created_key: key, created_at: at, updated_at: at };
    await trx.insertInto('permanences').values(row).execute();
    const after = permanenceRecord(row);
    await recordSiteChange(trx, {
      siteId: site.id,
      by,
      entity: 'permanence',
      entityId: row.id,
      action: 'create',
      before: null,
      after,
      at: now,
    });
    return { value: permanenceFromRow(row, site, now), duplicate: false };
  });
}

export async function updatePermanence(
  db: Db,
  site: Site,
  id: string,
  input: PermanenceInput,
  by: Actor,
  now = new Date(),
): Promise<Permanence | null> {
  const values = await permanenceValues(db, site.id, input);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('permanences').selectAll().where('id', '=', id).where('site_id', '=', site.id).executeTakeFirst();
    if (!before) return null;
    const row = await trx
      .updateTable('permanences')
      .set({ ...values, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('site_id', '=', site.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordSiteChange(trx, {
      siteId: site.id,
      by,
      entity: 'permanence',
      entityId: id,
      action: 'update',
      before: permanenceRecord(before),
      after: permanenceRecord(row),
      at: now,
    });
    return permanenceFromRow(row, site, now);
  });
}

export async function deletePermanence(db: Db, siteId: string, id: string, by: Actor, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('permanences').selectAll().where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
    if (!before) return false;
    const result = await trx.deleteFrom('permanences').where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await recordSiteChange(trx, {
      siteId,
      by,
      entity: 'permanence',
      entityId: id,
      action: 'delete',
      before: permanenceRecord(before),
      after: null,
      at: now,
    });
    return true;
  });
}
