import { randomBytes } from 'node:crypto';
import {
  PARTNERS,
  ProblemType,
  type OutreachChange,
  type OutreachRule,
  type OutreachStop,
  type OutreachStopInput,
  type OutreachStopList,
} from '@fs-widgets/contract';
import { checkPermanenceRule, permanenceOn, RecurrenceError } from '@fs-widgets/opening-hours';
import { markSiteDataChanged, writeTransaction, type Db } from '../db/database.js';
import type { OutreachStopTable } from '../db/schema.js';
import { HttpProblem, keyConflict } from '../http/problem.js';
import { departmentOfInsee, farFromCommune, farLimitKm } from '../import/far-from-commune.js';
import { removePersonalData } from '../privacy/personal-data.js';
import { recordSiteChange, type Actor } from '../site-admin/history.js';
import { ruleOf } from '../sites/itinerant-stop.js';
import type { CommuneIndex } from '../communes/commune-index.js';

/**
 * A site's outreach stops (a bus's stops, permanences in other communes): written by the site's
 * agents (the routes check the token), read by anyone. Each write is one transaction with its
 * line of the site's history; the catalogue is reloaded after it (the search finds the site at
 * its stops).
 */

/** Stops a site may publish: a bus stops in a dozen communes, a network of permanences in a few dozen. */
export const MAX_STOPS_PER_SITE = 100;

/** `site` for a stop written by the site's agents; an import writes its source's id. */
export const SITE_SOURCE = 'site';

const NATIONAL_PARTNERS = new Set<string>(PARTNERS.filter((p) => p !== 'local'));

const newId = () => randomBytes(9).toString('base64url');

/** 422: an input the schema accepts but that cannot be stored; nothing is changed. */
const unprocessable = (name: string, reason: string, title = 'Invalid stop') =>
  new HttpProblem(422, ProblemType.validation, title, `${name}: ${reason}`, [{ name, reason }]);

const cleanText = (text: string | null | undefined) => (text ? removePersonalData(text.trim()) || null : null);

export function outreachStopFromRow(row: OutreachStopTable): OutreachStop {
  return {
    id: row.id,
    site_id: row.site_id,
    kind: row.kind as OutreachStop['kind'],
    name: row.name,
    address: { street: row.street, postcode: row.postcode, commune: row.commune, insee_commune: row.insee_commune },
    location: { lat: row.lat, lon: row.lon },
    location_from: row.location_from as OutreachStop['location_from'],
    rules: JSON.parse(row.rules) as OutreachRule[],
    changes: JSON.parse(row.changes) as OutreachChange[],
    offer: row.offer as OutreachStop['offer'],
    partner: row.partner,
    note: row.note,
    source: row.source,
    updated_at: row.updated_at,
  };
}

/**
 * The order a site's stops are shown in: as they were added (an import's stops in the order of
 * its file: their ids end with the file's number, compared as numbers).
 */
export function compareStopRows(a: Pick<OutreachStopTable, 'created_at' | 'id'>, b: Pick<OutreachStopTable, 'created_at' | 'id'>): number {
  return a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id, 'en', { numeric: true });
}

export async function listOutreachStops(db: Db, siteId: string): Promise<OutreachStopList> {
  const rows = await db.selectFrom('outreach_stops').selectAll().where('site_id', '=', siteId).execute();
  return { site_id: siteId, items: rows.sort(compareStopRows).map(outreachStopFromRow) };
}

/** The rules, checked one by one: the problem names `rules[i].<field>`. */
function checkRules(rules: readonly OutreachRule[]): void {
  rules.forEach((rule, i) => {
    const field = (name: string) => `rules[${i}].${name}`;
    if (rule.recurrence.freq === 'appointment') {
      throw unprocessable(
        field('recurrence.freq'),
        'a stop’s sessions have dates: choose weekly, monthly or one-off dates (say « sur rendez-vous » in the note)',
      );
    }
    try {
      checkPermanenceRule(ruleOf(rule));
    } catch (error) {
      if (error instanceof RecurrenceError) {
        if (error.field === 'closes') {
          throw unprocessable(field('closes'), `a session must end after it starts: ${rule.closes} is not after ${rule.opens}`);
        }
        throw unprocessable(field(error.field), error.message);
      }
      if (error instanceof RangeError) throw unprocessable(field('starts_on'), error.message);
      throw error;
    }
  });
}

/** Each change names a session the rules hold (a regular date), once; a moved session's new hours are valid. */
function checkChanges(rules: readonly OutreachRule[], changes: readonly OutreachChange[], department: string): void {
  const seen = new Map<string, number>();
  changes.forEach((change, i) => {
    const regular = rules.some((rule) => permanenceOn(ruleOf(rule), change.date, department));
    if (!regular) {
      throw unprocessable(
        `changes[${i}].date`,
        `no session is held on ${change.date} by this stop’s rules (public holidays are already skipped): only a regular session can be cancelled or moved`,
      );
    }
    const earlier = seen.get(change.date);
    if (earlier !== undefined)
      throw unprocessable(`changes[${i}].date`, `the session of ${change.date} is already changed by changes[${earlier}]`);
    seen.set(change.date, i);
    if (change.status === 'moved' && change.to.closes <= change.to.opens) {
      throw unprocessable(
        `changes[${i}].to.closes`,
        `a session must end after it starts: ${change.to.closes} is not after ${change.to.opens}`,
      );
    }
  });
}

type StopValues = Omit<OutreachStopTable, 'id' | 'site_id' | 'source' | 'created_key' | 'created_at' | 'updated_at'>;

/**
 * What the schema cannot check: the commune (it names the stop's commune), the point near it
 * (or the commune's centre), the rules and their changes, the partner. Throws a 422 problem
 * naming the field; nothing is written.
 */
export async function stopValues(db: Db, communes: CommuneIndex, siteId: string, input: OutreachStopInput): Promise<StopValues> {
  const insee = input.address.insee_commune;
  const commune = communes.get(insee);
  if (!commune) {
    throw unprocessable(
      'address.insee_commune',
      `no commune of France has the INSEE code ${insee}: choose it with the commune search`,
      'Unknown commune',
    );
  }
  const department = departmentOfInsee(commune.insee);
  let location: { lat: number; lon: number };
  let locationFrom: 'agent' | 'commune';
  if (input.location) {
    const km = farFromCommune(input.location, commune, department);
    if (km !== null) {
      throw unprocessable(
        'location',
        `the point ${input.location.lat}, ${input.location.lon} lies ${km} km from the centre of ${commune.name} (${commune.insee}), farther than ${farLimitKm(department)} km: check the point, or leave it empty to place the stop at the commune’s centre`,
        'Stop far from its commune',
      );
    }
    location = { lat: input.location.lat, lon: input.location.lon };
    locationFrom = 'agent';
  } else {
    if (commune.lat == null || commune.lon == null) {
      throw unprocessable('location', `${commune.name} (${commune.insee}) has no known centre: pick the stop’s point on the map`);
    }
    location = { lat: commune.lat, lon: commune.lon };
    locationFrom = 'commune';
  }
  checkRules(input.rules);
  const changes = input.changes ?? [];
  checkChanges(input.rules, changes, department);
  const partner = input.partner ?? null;
  if (input.offer === 'partner') {
    if (partner === null)
      throw unprocessable(
        'partner',
        'a partner’s permanence names its partner: a national partner, or local:<id> of one of the site’s local partners',
      );
    if (partner.startsWith('local:')) {
      const local = await db
        .selectFrom('local_partners')
        .select('site_id')
        .where('id', '=', partner.slice('local:'.length))
        .executeTakeFirst();
      if (!local || local.site_id !== siteId)
        throw unprocessable('partner', `${partner} is not one of this site’s local partners: add the partner first`);
    } else if (!NATIONAL_PARTNERS.has(partner)) {
      throw unprocessable('partner', `${partner} is not a national partner (${[...NATIONAL_PARTNERS].join(', ')}), nor local:<id>`);
    }
  } else if (partner !== null) {
    throw unprocessable('partner', `only a partner’s permanence (offer: partner) names a partner, not offer: ${input.offer}`);
  }
  return {
    kind: input.kind,
    name: input.name.trim(),
    street: input.address.street.trim(),
    postcode: input.address.postcode,
    commune: commune.name,
    insee_commune: commune.insee,
    lat: location.lat,
    lon: location.lon,
    location_from: locationFrom,
    rules: JSON.stringify(input.rules),
    changes: JSON.stringify(changes),
    offer: input.offer,
    partner,
    note: cleanText(input.note),
  };
}

export type Written<T> = { value: T; duplicate: boolean };

/** Adds a stop; the same key again returns the first one (`duplicate`), with another stop 409. */
export async function createOutreachStop(
  db: Db,
  communes: CommuneIndex,
  siteId: string,
  by: Actor,
  key: string,
  input: OutreachStopInput,
  now = new Date(),
): Promise<Written<OutreachStop>> {
  const values = await stopValues(db, communes, siteId, input);
  return writeTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('outreach_stops').selectAll().where('created_key', '=', key).executeTakeFirst();
    if (existing) {
      if (existing.site_id !== siteId || existing.name !== values.name || existing.insee_commune !== values.insee_commune) {
        throw keyConflict(key, 'stop');
      }
      return { value: outreachStopFromRow(existing), duplicate: true };
    }
    const { count } = await trx
      .selectFrom('outreach_stops')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('site_id', '=', siteId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= MAX_STOPS_PER_SITE) {
      throw new HttpProblem(
        422,
        ProblemType.validation,
        'Too many stops',
        `Site ${siteId} already publishes ${MAX_STOPS_PER_SITE} stops, the most a site may: remove one first.`,
        [{ name: 'site_id', reason: `a site publishes at most ${MAX_STOPS_PER_SITE} stops` }],
      );
    }
    const at = now.toISOString();
    const row: OutreachStopTable = {
      id: newId(),
      site_id: siteId,
      ...values,
      source: SITE_SOURCE,
      created_key: key,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('outreach_stops').values(row).execute();
    const value = outreachStopFromRow(row);
    await recordSiteChange(trx, { siteId, by, entity: 'stop', entityId: row.id, action: 'create', before: null, after: value, at: now });
    await markSiteDataChanged(trx, now);
    return { value, duplicate: false };
  });
}

/** Replaces a stop of the site (its rules and changes as a whole); null when the site has no such stop. */
export async function updateOutreachStop(
  db: Db,
  communes: CommuneIndex,
  siteId: string,
  id: string,
  by: Actor,
  input: OutreachStopInput,
  now = new Date(),
): Promise<OutreachStop | null> {
  const values = await stopValues(db, communes, siteId, input);
  return writeTransaction(db, async (trx) => {
    const before = await trx.selectFrom('outreach_stops').selectAll().where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
    if (!before) return null;
    const row: OutreachStopTable = { ...before, ...values, updated_at: now.toISOString() };
    await trx
      .updateTable('outreach_stops')
      .set({ ...values, updated_at: row.updated_at })
      .where('id', '=', id)
      .execute();
    const value = outreachStopFromRow(row);
    await recordSiteChange(trx, {
      siteId,
      by,
      entity: 'stop',
      entityId: id,
      action: 'update',
      before: outreachStopFromRow(before),
      after: value,
      at: now,
    });
    await markSiteDataChanged(trx, now);
    return value;
  });
}

/** Removes a stop of the site; false when the site has no such stop. */
export async function deleteOutreachStop(db: Db, siteId: string, id: string, by: Actor, now = new Date()): Promise<boolean> {
  return writeTransaction(db, async (trx) => {
    const before = await trx.selectFrom('outreach_stops').selectAll().where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('outreach_stops').where('id', '=', id).execute();
    await recordSiteChange(trx, {
      siteId,
      by,
      entity: 'stop',
      entityId: id,
      action: 'delete',
      before: outreachStopFromRow(before),
      after: null,
      at: now,
    });
    await markSiteDataChanged(trx, now);
    return true;
  });
}
