import { randomBytes } from 'node:crypto';
import {
  DAY_KEYS,
  ProblemType,
  SITE_OFFERS,
  type ExceptionalHours,
  type ExceptionalHoursInput,
  type Site,
  type SiteLocalPartner,
  type SiteOffer,
  type SiteVerification,
  type TimeRange,
  type Week,
} from '@fs-widgets/contract';
import { addDays, toOsmOpeningHours, weeklyMinutes } from '@fs-widgets/opening-hours';
import type { Transaction } from 'kysely';
import { markSiteDataChanged, writeTransaction, type Db } from '../db/database.js';
import type { Database, SiteEditsTable, SiteExceptionTable } from '../db/schema.js';
import { localDay } from '../dates/local-day.js';
import { HttpProblem, keyConflict } from '../http/problem.js';
import { REMOVED, removePersonalData } from '../privacy/personal-data.js';
import { recordSiteChange, type Actor } from './history.js';
import { compareSiteLocalPartners, siteLocalPartner } from '../directory/local-partner-offers.js';

/**
 * What a site publishes itself (issue 16): its weekly hours (a re-import of the ANCT list never
 * overwrites them), exceptional closures and hours, typed offers, and when an agent last
 * confirmed or changed them. Written by the site's agents through `routes/site-info.ts`, each
 * change in one transaction with its history row and the mark that makes every node reload its
 * catalogue; read by the catalogue (`siteFromRow`) and the data·inclusion export.
 */

/** At most this many current or upcoming exceptions per site. */
export const MAX_CURRENT_EXCEPTIONS = 100;
/** An exception covers at most this many days. */
export const MAX_EXCEPTION_DAYS = 366;

/** A site's own rows, as the catalogue applies them to the list's record. */
export interface SiteOwnData {
  edits?: SiteEditsTable;
  /** Its exceptions (past ones are dropped when applied). */
  exceptions: readonly SiteExceptionTable[];
  /** The kind of the carrier a network administrator SET for it (carriers/carriers.ts); the name's guess otherwise. */
  carrierKind?: string;
  /** Its local partners (partner directory), by name. */
  localPartners?: SiteLocalPartner[];
  /** Whether it takes online bookings (`booking_settings`: enabled, with at least one reason). */
  booking?: boolean;
}

const newId = () => randomBytes(9).toString('base64url');

export function exceptionFromRow(row: SiteExceptionTable): ExceptionalHours {
  return {
    id: row.id,
    starts_on: row.starts_on,
    ends_on: row.ends_on,
    closed: row.closed === 1,
    hours: JSON.parse(row.hours) as TimeRange[],
    reason: row.reason,
  };
}

const byDates = (a: ExceptionalHours, b: ExceptionalHours) =>
  a.starts_on.localeCompare(b.starts_on) || a.ends_on.localeCompare(b.ends_on) || a.id.localeCompare(b.id);

/** The exceptions still to come or under way at `now` in the site's time zone (its last day is today or later), by first day. */
export function currentExceptions(rows: readonly SiteExceptionTable[], timeZone: string, now: Date): ExceptionalHours[] {
  const today = localDay(now, timeZone);
  return rows
    .filter((row) => row.ends_on >= today)
    .map(exceptionFromRow)
    .sort(byDates);
}

/** Offers in the contract's order, whatever order they were stored in. */
const orderedOffers = (offers: readonly string[]): SiteOffer[] => SITE_OFFERS.filter((offer) => offers.includes(offer));

/**
 * The list's record of a site with what the site published itself: its weekly hours (then
 * `hours_source: 'site'`, and the OSM string and weekly total recomputed), its current and
 * upcoming exceptions (also written in the OSM string, after `PH off`), offers and `verified_at`.
 */
export function withSiteOwnData(site: Site, own: SiteOwnData | undefined, now: Date = new Date()): Site {
  if (!own) return site;
  // A carrier SET by a network administrator is published as a fact (the charter makes it public), the guess as a guess.
  const carriedOnly: Site = own.carrierKind ? { ...site, carrier: own.carrierKind as Site['carrier'], carrier_inferred: false } : site;
  const withPartners: Site = own.localPartners ? { ...carriedOnly, local_partners: own.localPartners } : carriedOnly;
  const carried: Site = own.booking ? { ...withPartners, booking: true } : withPartners;
  if (!own.edits && own.exceptions.length === 0) return carried;
  const edits = own.edits;
  const hours = edits?.hours ? (JSON.parse(edits.hours) as Week) : site.hours;
  const exceptions = currentExceptions(own.exceptions, site.time_zone, now);
  return {
    ...carried,
    hours,
    opening_hours: toOsmOpeningHours(hours, exceptions),
    weekly_hours: edits?.hours ? Math.round((weeklyMinutes(hours) / 60) * 100) / 100 : site.weekly_hours,
    hours_source: edits?.hours ? 'site' : 'anct',
    exceptions,
    offers: edits ? orderedOffers(JSON.parse(edits.offers) as string[]) : [],
    verified_at: edits?.verified_at ?? null,
  };
}

/**
 * Every site's own rows (or those of `siteIds`), by site. Exceptions that ended more than a day
 * ago everywhere are not read (each site's own date is checked when applied).
 */
export async function loadSiteOwnData(
  db: Db | Transaction<Database>,
  siteIds?: readonly string[],
  now = new Date(),
): Promise<Map<string, SiteOwnData>> {
  if (siteIds && siteIds.length === 0) return new Map();
  // The earliest "today" of any time zone (UTC−12) is at most one day before UTC's date.
  const earliestToday = addDays(now.toISOString().slice(0, 10), -1);
  const [edits, exceptions, carriers, localPartners, bookings] = await Promise.all([
    db
      .selectFrom('site_edits')
      .selectAll()
      .$if(siteIds !== undefined, (qb) => qb.where('site_id', 'in', siteIds!))
      .execute(),
    db
      .selectFrom('site_exceptions')
      .selectAll()
      .where('ends_on', '>=', earliestToday)
      .$if(siteIds !== undefined, (qb) => qb.where('site_id', 'in', siteIds!))
      .execute(),
    db
      .selectFrom('site_carriers')
      .innerJoin('carriers', 'carriers.id', 'site_carriers.carrier_id')
      .select(['site_carriers.site_id as site_id', 'carriers.kind as kind'])
      .$if(siteIds !== undefined, (qb) => qb.where('site_carriers.site_id', 'in', siteIds!))
      .execute(),
    db
      .selectFrom('local_partners')
      .select(['site_id', 'id', 'name', 'thematiques', 'website'])
      .$if(siteIds !== undefined, (qb) => qb.where('site_id', 'in', siteIds!))
      .execute(),
    db
      .selectFrom('booking_settings')
      .select('site_id')
      .where('enabled', '=', 1)
      .where('reasons', '!=', '[]')
      .$if(siteIds !== undefined, (qb) => qb.where('site_id', 'in', siteIds!))
      .execute(),
  ]);
  const bySite = new Map<string, SiteOwnData>();
  const entry = (siteId: string) => {
    let own = bySite.get(siteId);
    if (!own) bySite.set(siteId, (own = { exceptions: [] }));
    return own;
  };
  for (const row of edits) entry(row.site_id).edits = row;
  for (const row of exceptions) (entry(row.site_id).exceptions as SiteExceptionTable[]).push(row);
  for (const row of carriers) entry(row.site_id).carrierKind = row.kind;
  for (const row of localPartners) (entry(row.site_id).localPartners ??= []).push(siteLocalPartner(row));
  for (const row of bookings) entry(row.site_id).booking = true;
  for (const own of bySite.values()) own.localPartners?.sort(compareSiteLocalPartners);
  return bySite;
}

// ---------------------------------------------------------------------------------------------
// Validation: what the schema cannot say, as 422 problems naming the field.

export const unprocessable = (name: string, reason: string) =>
  new HttpProblem(422, ProblemType.validation, 'Invalid request', `${name}: ${reason}`, [{ name, reason }]);

/** Ranges of one day: each closes after it opens, none overlaps another, at most 6. `path` names the day (`hours.tu`, `hours`). */
function checkRanges(ranges: readonly TimeRange[], path: string): TimeRange[] {
  if (ranges.length > 6) throw unprocessable(path, `at most 6 time ranges a day (${ranges.length} given)`);
  ranges.forEach((range, index) => {
    if (range.closes <= range.opens) {
      throw unprocessable(`${path}[${index}].closes`, `closes at ${range.closes}, not after it opens at ${range.opens}`);
    }
  });
  const order = ranges
    .map((range, index) => ({ range, index }))
    .sort((a, b) => a.range.opens.localeCompare(b.range.opens) || a.index - b.index);
  for (let i = 1; i < order.length; i++) {
    const previous = order[i - 1]!.range;
    const { range, index } = order[i]!;
    if (range.opens < previous.closes) {
      throw unprocessable(
        `${path}[${index}].opens`,
        `${range.opens}-${range.closes} overlaps ${previous.opens}-${previous.closes}: give each period once`,
      );
    }
  }
  return order.map(({ range }) => ({ opens: range.opens, closes: range.closes }));
}

/** A week to publish, checked (422 naming the range, `hours.tu[1].closes`) and with each day's ranges sorted. */
export function checkWeek(week: Week): Week {
  const checked = {} as Week;
  for (const day of DAY_KEYS) checked[day] = checkRanges(week[day], `hours.${day}`);
  return checked;
}

/** An exception to store, checked against the site's calendar (`now` in its time zone). */
export function checkException(input: ExceptionalHoursInput, timeZone: string, now: Date): ExceptionalHoursInput {
  const validDate = (name: 'starts_on' | 'ends_on') => {
    try {
      addDays(input[name], 0);
    } catch {
      throw unprocessable(name, `${input[name]} is not a date of the calendar`);
    }
  };
  validDate('starts_on');
  validDate('ends_on');
  if (input.ends_on < input.starts_on) {
    throw unprocessable('ends_on', `the range ends before it starts (${input.ends_on} is before ${input.starts_on})`);
  }
  if (input.ends_on > addDays(input.starts_on, MAX_EXCEPTION_DAYS - 1)) {
    throw unprocessable('ends_on', `an exception covers at most ${MAX_EXCEPTION_DAYS} days: split a longer one`);
  }
  const today = localDay(now, timeZone);
  if (input.ends_on < today) {
    throw unprocessable('ends_on', `the range is entirely in the past (today is ${today} at the site)`);
  }
  if (input.closed && input.hours.length > 0) {
    throw unprocessable('hours', 'must be empty for a closure (closed: true); give hours only for exceptional hours');
  }
  if (!input.closed && input.hours.length === 0) {
    throw unprocessable('hours', 'give the exceptional hours, or closed: true for a closure');
  }
  const hours = checkRanges(input.hours, 'hours');
  const reason = removePersonalData(input.reason.trim()) ?? '';
  if (reason.replaceAll(REMOVED, '').trim().length < 2) {
    throw unprocessable('reason', 'say why in a few words, without a phone number or an e-mail address: « congés », « formation »…');
  }
  return { starts_on: input.starts_on, ends_on: input.ends_on, closed: input.closed, hours, reason };
}

// ---------------------------------------------------------------------------------------------
// Writes. Each one: the change, its history row and the mark for the other nodes, in one
// transaction; every write also says the site's information was confirmed now (`verified_at`).

type Trx = Transaction<Database>;

/** Upserts the site's `site_edits` row with `set`, stamping `verified_at` and `updated_at`. */
async function touchEdits(
  trx: Trx,
  siteId: string,
  at: string,
  set: Partial<Pick<SiteEditsTable, 'hours' | 'hours_updated_at' | 'offers'>> = {},
) {
  await trx
    .insertInto('site_edits')
    .values({ site_id: siteId, hours: null, hours_updated_at: null, offers: '[]', ...set, verified_at: at, updated_at: at })
    .onConflict((oc) => oc.column('site_id').doUpdateSet({ ...set, verified_at: at, updated_at: at }))
    .execute();
}

/** Publishes the site's weekly hours (checked by {@link checkWeek}). */
export async function setSiteHours(db: Db, site: Site, hours: Week, by: Actor, now = new Date()): Promise<void> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await touchEdits(trx, site.id, at, { hours: JSON.stringify(hours), hours_updated_at: at });
    await recordSiteChange(trx, {
      siteId: site.id,
      by,
      entity: 'hours',
      entityId: null,
      action: 'update',
      before: site.hours,
      after: hours,
      at: now,
    });
    await markSiteDataChanged(trx, now);
  });
}

/** Publishes the site's offers (the whole list). */
export async function setSiteOffers(db: Db, site: Site, offers: readonly SiteOffer[], by: Actor, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const after = orderedOffers(offers);
  await db.transaction().execute(async (trx) => {
    await touchEdits(trx, site.id, at, { offers: JSON.stringify(after) });
    await recordSiteChange(trx, {
      siteId: site.id,
      by,
      entity: 'offers',
      entityId: null,
      action: 'update',
      before: site.offers,
      after,
      at: now,
    });
    await markSiteDataChanged(trx, now);
  });
}

/** An agent confirms the site's information is true today. */
export async function verifySite(db: Db, site: Site, by: Actor, now = new Date()): Promise<SiteVerification> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await touchEdits(trx, site.id, at);
    await recordSiteChange(trx, {
      siteId: site.id,
      by,
      entity: 'verification',
      entityId: null,
      action: 'verify',
      before: { verified_at: site.verified_at },
      after: { verified_at: at },
      at: now,
    });
    await markSiteDataChanged(trx, now);
  });
  return { site_id: site.id, verified_at: at };
}

const sameException = (row: SiteExceptionTable, input: ExceptionalHoursInput) =>
  row.starts_on === input.starts_on &&
  row.ends_on === input.ends_on &&
  (row.closed === 1) === input.closed &&
  row.hours === JSON.stringify(input.hours) &&
  row.reason === input.reason;

/** The site's current and upcoming exceptions, by first day (what `GET /sites/{id}/exceptions` answers). */
export async function listExceptions(db: Db, site: Pick<Site, 'id' | 'time_zone'>, now = new Date()): Promise<ExceptionalHours[]> {
  const rows = await db.selectFrom('site_exceptions').selectAll().where('site_id', '=', site.id).execute();
  return currentExceptions(rows, site.time_zone, now);
}

/**
 * Adds an exception (checked by {@link checkException}); the same key again returns the first
 * one (`duplicate`), with other content 409. At most {@link MAX_CURRENT_EXCEPTIONS} current ones.
 */
export async function createException(
  db: Db,
  site: Site,
  key: string,
  input: ExceptionalHoursInput,
  by: Actor,
  now = new Date(),
): Promise<{ value: ExceptionalHours; duplicate: boolean }> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('site_exceptions').selectAll().where('created_key', '=', key).executeTakeFirst();
    if (existing) {
      if (existing.site_id !== site.id || !sameException(existing, input)) throw keyConflict(key, 'exception');
      return { value: exceptionFromRow(existing), duplicate: true };
    }
    const { count } = await trx
      .selectFrom('site_exceptions')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('site_id', '=', site.id)
      .where('ends_on', '>=', localDay(now, site.time_zone))
      .executeTakeFirstOrThrow();
    if (Number(count) >= MAX_CURRENT_EXCEPTIONS) {
      throw new HttpProblem(
        422,
        ProblemType.validation,
        'Too many exceptions',
        `Site ${site.id} already publishes ${MAX_CURRENT_EXCEPTIONS} current or upcoming exceptions.`,
        [
          {
            name: 'starts_on',
            reason: `at most ${MAX_CURRENT_EXCEPTIONS} current or upcoming exceptions a site: remove or merge some first`,
          },
        ],
      );
    }
    const row: SiteExceptionTable = {
      id: newId(),
      site_id: site.id,
      starts_on: input.starts_on,
      ends_on: input.ends_on,
      closed: input.closed ? 1 : 0,
      hours: JSON.stringify(input.hours),
      reason: input.reason,
      created_key: key,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('site_exceptions').values(row).execute();
    const value = exceptionFromRow(row);
    await touchEdits(trx, site.id, at);
    await recordSiteChange(trx, {
      siteId: site.id,
      by,
      entity: 'closure',
      entityId: row.id,
      action: 'create',
      before: null,
      after: value,
      at: now,
    });
    await markSiteDataChanged(trx, now);
    return { value, duplicate: false };
  });
}

/** Replaces an exception of the site; null when the site has no such exception. */
export async function updateException(
  db: Db,
  site: Site,
  id: string,
  input: ExceptionalHoursInput,
  by: Actor,
  now = new Date(),
): Promise<ExceptionalHours | null> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('site_exceptions')
      .selectAll()
      .where('id', '=', id)
      .where('site_id', '=', site.id)
      .executeTakeFirst();
    if (!before) return null;
    const row: SiteExceptionTable = {
      ...before,
      starts_on: input.starts_on,
      ends_on: input.ends_on,
      closed: input.closed ? 1 : 0,
      hours: JSON.stringify(input.hours),
      reason: input.reason,
      updated_at: at,
    };
    const { id: _id, site_id: _site, created_key: _key, created_at: _created, ...set } = row;
    await trx.updateTable('site_exceptions').set(set).where('id', '=', id).where('site_id', '=', site.id).execute();
    const after = exceptionFromRow(row);
    await touchEdits(trx, site.id, at);
    await recordSiteChange(trx, {
      siteId: site.id,
      by,
      entity: 'closure',
      entityId: id,
      action: 'update',
      before: exceptionFromRow(before),
      after,
      at: now,
    });
    await markSiteDataChanged(trx, now);
    return after;
  });
}

/** Removes an exception of the site; false when the site has no such exception. */
export async function deleteException(db: Db, site: Site, id: string, by: Actor, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('site_exceptions')
      .selectAll()
      .where('id', '=', id)
      .where('site_id', '=', site.id)
      .executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('site_exceptions').where('id', '=', id).where('site_id', '=', site.id).execute();
    await touchEdits(trx, site.id, at);
    await recordSiteChange(trx, {
      siteId: site.id,
      by,
      entity: 'closure',
      entityId: id,
      action: 'delete',
      before: exceptionFromRow(before),
      after: null,
      at: now,
    });
    await markSiteDataChanged(trx, now);
    return true;
  });
}
