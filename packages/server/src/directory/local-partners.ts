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
import { writeTransaction, type Db } from '../db/database.js';
import type { LocalPartnerTable, PermanenceTable } from '../db/schema.js';
import { removePersonalData } from '../privacy/personal-data.js';
import { HttpProblem, invalidParam, keyConflict } from '../http/problem.js';
import { dataInclusionValues } from './catalogue.js';

/**
 * A site's local partners and recurring permanences: written by the site's agents (the routes
 * check the token), read by anyone. Free texts lose e-mail addresses and phone numbers (as
 * every public text): a local partner is an organisation, its phone has its own checked field.
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

export function permanenceFromRow(row: PermanenceTable, site: Pick<Site, 'address' | 'time_zone'>, now: Date): Permanence {
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
    next: permanenceDates(rule, { now, department: site.address.department, timeZone: site.time_zone }),
    updated_at: row.updated_at,
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
    return { value: localPartnerFromRow(row), duplicate: false };
  });
}

/** Replaces a local partner of the site; null when the site has no such partner. */
export async function updateLocalPartner(
  db: Db,
  siteId: string,
  id: string,
  input: LocalPartnerInput,
  now = new Date(),
): Promise<LocalPartner | null> {
  const values = localPartnerValues(input);
  const result = await db
    .updateTable('local_partners')
    .set({ ...values, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('site_id', '=', siteId)
    .returningAll()
    .executeTakeFirst();
  return result ? localPartnerFromRow(result) : null;
}

/** Removes a local partner of the site and its permanences; false when the site has no such partner. */
export async function deleteLocalPartner(db: Db, siteId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('local_partners').where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
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
    return { value: permanenceFromRow(row, site, now), duplicate: false };
  });
}

export async function updatePermanence(
  db: Db,
  site: Site,
  id: string,
  input: PermanenceInput,
  now = new Date(),
): Promise<Permanence | null> {
  const values = await permanenceValues(db, site.id, input);
  const row = await db
    .updateTable('permanences')
    .set({ ...values, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('site_id', '=', site.id)
    .returningAll()
    .executeTakeFirst();
  return row ? permanenceFromRow(row, site, now) : null;
}

export async function deletePermanence(db: Db, siteId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('permanences').where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
