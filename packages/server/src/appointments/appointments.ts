import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import {
  BOOKING_LIMITS,
  ProblemType,
  THEMES,
  type AppointmentCreate,
  type AppointmentPublic,
  type AppointmentStatus,
  type BookedBy,
  type BookingReason,
  type BookingSettings,
  type BookingSettingsInput,
  type Directory,
  type DirectoryDemarche,
  type PartnerId,
  type Recurrence,
  type ReminderChannel,
  type Site,
  type SiteBooking,
  type SlotList,
} from '@fs-widgets/contract';
import { formatCaseCode, newCaseCode } from '@fs-widgets/contract/case-code';
import { addDays, zonedInstant, zonedParts, type PermanenceRule } from '@fs-widgets/opening-hours';
import { dialectOf, markSiteDataChanged, writeTransaction, type Db } from '../db/database.js';
import type { AppointmentTable, Database } from '../db/schema.js';
import { APPOINTMENT_RETENTION } from './erasure.js';
import { HttpProblem, invalidParam, keyConflict } from '../http/problem.js';
import { isFrenchPhone } from '../privacy/personal-data.js';
import type { Sealer } from '../privacy/sealed.js';
import { recordSiteChange, type Actor } from '../site-admin/history.js';
import { freeSlots, slotAt, type Interval, type SlotContext, type SlotRefusal, type SlotSettings } from './slots.js';

/**
 * Appointments (issue 19): a site's booking settings, what can be booked there, and booking,
 * cancelling and moving with the code. The person's first name, phone and e-mail are sealed
 * (`privacy/sealed.ts`) before they reach the database and never leave it in a public answer.
 *
 * Over-booking is impossible by construction: an appointment holds one row of
 * `appointment_seats`, whose primary key is (site, resource, start, seat), taken in the
 * transaction that writes the appointment as the lowest free seat 1…capacity with `INSERT … ON
 * CONFLICT DO NOTHING`. Two requests for the last seat, on one node or two, cannot both get it:
 * the database lets one insert, the other finds no seat left and its transaction (appointment
 * included) is rolled back with a 409 `slot-taken`. That key is per start only: once the agents
 * change the length of a slot, appointments of the old length overlap new slots that start at
 * other times. Those are counted by the check of the slot (`slotAt`: capacity minus the
 * appointments overlapping it), which every booking and move runs inside its transaction after
 * `lockSiteAgenda`, so that two of them never count the same seat as free
 * (`appointments-concurrency.test.ts`).
 */

type Db_ = Kysely<Database>;

/** Statuses that hold a seat (every one but `cancelled`). */
export const SEAT_HOLDING_STATUSES: readonly AppointmentStatus[] = ['booked', 'arrived', 'done', 'no-show'];

/** The settings of a site that never saved any: bookings off. */
export const DEFAULT_BOOKING_SETTINGS: Omit<BookingSettings, 'site_id'> = {
  enabled: false,
  duration_minutes: BOOKING_LIMITS.durationMinutes.default,
  capacity: BOOKING_LIMITS.capacity.default,
  horizon_days: BOOKING_LIMITS.horizonDays.default,
  min_notice_minutes: BOOKING_LIMITS.minNoticeMinutes.default,
  reasons: [],
  updated_at: null,
};

const newId = () => randomBytes(12).toString('base64url');

const unprocessable = (name: string, reason: string) =>
  new HttpProblem(422, ProblemType.validation, 'Invalid request', `${name}: ${reason}`, [{ name, reason }]);

// ---------------------------------------------------------------------------------------------
// Settings.

export async function readBookingSettings(db: Db_, siteId: string): Promise<BookingSettings> {
  const row = await db.selectFrom('booking_settings').selectAll().where('site_id', '=', siteId).executeTakeFirst();
  if (!row) return { site_id: siteId, ...DEFAULT_BOOKING_SETTINGS };
  return {
    site_id: siteId,
    enabled: row.enabled === 1,
    duration_minutes: row.duration_minutes,
    capacity: row.capacity,
    horizon_days: row.horizon_days,
    min_notice_minutes: row.min_notice_minutes,
    reasons: JSON.parse(row.reasons) as string[],
    updated_at: row.updated_at,
  };
}

/**
 * Saves a site's settings (all of them), in the site's history (entity `booking`), and marks the
 * site's data changed so every node's catalogue shows `Site.booking` anew. Each reason must be
 * bookable here: a démarche of the catalogue, or a permanence of this site held by appointment
 * at fixed hours (422 naming `reasons.<i>` otherwise).
 */
export async function saveBookingSettings(
  db: Db,
  directory: Directory,
  siteId: string,
  input: BookingSettingsInput,
  by: Actor,
  now = new Date(),
): Promise<BookingSettings> {
  const permanences = await db
    .selectFrom('permanences')
    .select(['id', 'by_appointment', 'opens', 'closes', 'recurrence'])
    .where('site_id', '=', siteId)
    .execute();
  input.reasons.forEach((key, index) => {
    const [kind, id] = splitReason(key);
    if (kind === 'demarche' && !directory.demarches.some((d) => d.id === id)) {
      throw unprocessable(`reasons.${index}`, `${id} is not a démarche of the catalogue (GET /directory)`);
    }
    if (kind === 'permanence') {
      const permanence = permanences.find((p) => p.id === id);
      if (!permanence) throw unprocessable(`reasons.${index}`, `site ${siteId} has no permanence ${id}`);
      if (permanence.by_appointment !== 1 || permanence.opens === null || permanence.closes === null) {
        throw unprocessable(`reasons.${index}`, `the permanence ${id} is not held by appointment at fixed hours`);
      }
      if ((JSON.parse(permanence.recurrence) as Recurrence).freq === 'appointment') {
        throw unprocessable(`reasons.${index}`, `the permanence ${id} has no dates: give it a rhythm to book its sessions`);
      }
    }
  });
  return db.transaction().execute(async (trx) => {
    const before = await readBookingSettings(trx, siteId);
    const values = {
      enabled: input.enabled ? 1 : 0,
      duration_minutes: input.duration_minutes,
      capacity: input.capacity,
      horizon_days: input.horizon_days,
      min_notice_minutes: input.min_notice_minutes,
      reasons: JSON.stringify(input.reasons),
      updated_at: now.toISOString(),
    };
    await trx
      .insertInto('booking_settings')
      .values({ site_id: siteId, ...values })
      .onConflict((oc) => oc.column('site_id').doUpdateSet(values))
      .execute();
    const after = await readBookingSettings(trx, siteId);
    await recordSiteChange(trx, {
      siteId,
      by,
      entity: 'booking',
      entityId: null,
      action: before.updated_at === null ? 'create' : 'update',
      before: before.updated_at === null ? null : before,
      after,
      at: now,
    });
    await markSiteDataChanged(trx, now);
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// Reasons.

/** `demarche:carte-vitale` → `['demarche', 'carte-vitale']`; `other` → `['other', '']`. */
export function splitReason(key: string): ['demarche' | 'permanence' | 'other', string] {
  const colon = key.indexOf(':');
  if (colon < 0) return ['other', ''];
  return [key.slice(0, colon) as 'demarche' | 'permanence', key.slice(colon + 1)];
}

/**
 * The act theme of a démarche (one of `THEMES` of its first partner), for the act an agent logs
 * when the appointment is done: the theme sharing the most words with the démarche's id, when
 * only one does best; `autre` otherwise (the agent can change it then).
 */
export function actThemeOf(demarche: Pick<DirectoryDemarche, 'id' | 'partners'>): { partner: PartnerId; theme: string } {
  const partner = demarche.partners[0]!;
  const words = new Set(demarche.id.split('-'));
  const scored = (THEMES[partner] as readonly string[])
    .filter((theme) => theme !== 'autre')
    .map((theme) => ({ theme, score: theme.split('-').filter((w) => words.has(w)).length }));
  const best = Math.max(0, ...scored.map((s) => s.score));
  const winners = scored.filter((s) => s.score === best);
  return { partner, theme: best > 0 && winners.length === 1 ? winners[0]!.theme : 'autre' };
}

/** A permanence of the site as the booking needs it: its rule, its partner. */
export interface BookablePermanence {
  id: string;
  rule: PermanenceRule;
  partner: string | null;
  partnerName: string | null;
}

/**
 * The reasons of `keys` with their words, in that order. A key that is no longer bookable (a
 * démarche gone from the catalogue, a permanence removed or no longer by appointment) is left
 * out: it is offered again only if it comes back.
 */
export async function resolveReasons(
  db: Db_,
  directory: Directory,
  siteId: string,
  keys: readonly string[],
): Promise<{ reasons: BookingReason[]; permanences: Map<string, BookablePermanence> }> {
  const permanenceIds = keys.filter((k) => k.startsWith('permanence:')).map((k) => splitReason(k)[1]);
  const rows =
    permanenceIds.length === 0
      ? []
      : await db
          .selectFrom('permanences')
          .leftJoin('local_partners', 'local_partners.id', 'permanences.local_partner_id')
          .select([
            'permanences.id as id',
            'permanences.partner as partner',
            'permanences.local_partner_id as local_partner_id',
            'local_partners.name as local_name',
            'permanences.recurrence as recurrence',
            'permanences.opens as opens',
            'permanences.closes as closes',
            'permanences.starts_on as starts_on',
            'permanences.ends_on as ends_on',
            'permanences.by_appointment as by_appointment',
          ])
          .where('permanences.site_id', '=', siteId)
          .where('permanences.id', 'in', permanenceIds)
          .execute();
  const permanences = new Map<string, BookablePermanence>();
  for (const row of rows) {
    if (row.by_appointment !== 1 || row.opens === null || row.closes === null) continue;
    const national = row.partner ? directory.partners.find((p) => p.id === row.partner) : undefined;
    permanences.set(row.id, {
      id: row.id,
      rule: {
        recurrence: JSON.parse(row.recurrence) as Recurrence,
        opens: row.opens,
        closes: row.closes,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
      },
      partner: row.partner ?? (row.local_partner_id ? `local:${row.local_partner_id}` : null),
      partnerName: national?.name ?? row.local_name ?? null,
    });
  }
  const reasons: BookingReason[] = [];
  for (const key of keys) {
    const [kind, id] = splitReason(key);
    if (kind === 'demarche') {
      const demarche = directory.demarches.find((d) => d.id === id);
      if (!demarche) continue;
      const { partner, theme } = actThemeOf(demarche);
      reasons.push({
        key,
        kind,
        label: demarche.title,
        label_en: demarche.title_en,
        partner,
        partner_name: directory.partners.find((p) => p.id === partner)?.name ?? null,
        theme,
        documents: [...demarche.documents],
        resource: 'site',
      });
    } else if (kind === 'permanence') {
      const permanence = permanences.get(id);
      if (!permanence) continue;
      const name = permanence.partnerName ?? 'un partenaire';
      reasons.push({
        key,
        kind,
        label: `Permanence : ${name}`,
        label_en: `Drop-in session: ${permanence.partnerName ?? 'a partner'}`,
        partner: permanence.partner,
        partner_name: permanence.partnerName,
        // The act is logged with the partner; its theme is the agent's to say (`autre` until then).
        theme: permanence.partner ? 'autre' : null,
        documents: [],
        resource: `permanence:${id}`,
      });
    } else {
      reasons.push({
        key,
        kind,
        label: 'Autre demande',
        label_en: 'Other request',
        partner: null,
        partner_name: null,
        theme: null,
        documents: [],
        resource: 'site',
      });
    }
  }
  return { reasons, permanences };
}

/** `GET /sites/{id}/booking`: what can be booked at the site (nothing when bookings are off). */
export async function siteBooking(
  db: Db_,
  directory: Directory,
  site: Site,
  retentionDays: number = APPOINTMENT_RETENTION.default,
): Promise<SiteBooking> {
  const settings = await readBookingSettings(db, site.id);
  const { reasons } = settings.enabled ? await resolveReasons(db, directory, site.id, settings.reasons) : { reasons: [] };
  return {
    site_id: site.id,
    enabled: settings.enabled && reasons.length > 0,
    duration_minutes: settings.duration_minutes,
    horizon_days: settings.horizon_days,
    min_notice_minutes: settings.min_notice_minutes,
    retention_days: retentionDays,
    time_zone: site.time_zone,
    reasons,
  };
}

/** What a reason needs to be booked now: the site's settings, the reason, its permanence when it is one. */
export interface Bookable {
  settings: BookingSettings;
  reason: BookingReason;
  permanence?: BookablePermanence;
}

const bookingDisabled = (detail: string, field = 'reason') =>
  new HttpProblem(409, ProblemType.bookingDisabled, 'Booking not available', detail, [{ name: field, reason: detail }]);

/**
 * The reason `key` as bookable at `site` now, or a 409 `booking-disabled` problem. `enabled` is
 * the public's online booking: the agents (`forAgents`) book and move for someone by phone or at
 * the desk whether it is on or off (a site taking appointments by phone only keeps its agenda),
 * among the same reasons.
 */
export async function bookableReason(
  db: Db_,
  directory: Directory,
  site: Site,
  key: string,
  { forAgents = false }: { forAgents?: boolean } = {},
): Promise<Bookable> {
  const settings = await readBookingSettings(db, site.id);
  if (!settings.enabled && !forAgents) throw bookingDisabled(`The site ${site.id} does not take online bookings.`, 'site');
  if (!settings.reasons.includes(key))
    throw bookingDisabled(`${key} cannot be booked at site ${site.id}: see GET /sites/${site.id}/booking.`);
  const { reasons, permanences } = await resolveReasons(db, directory, site.id, [key]);
  const reason = reasons[0];
  if (!reason) throw bookingDisabled(`${key} can no longer be booked at site ${site.id}.`);
  const permanence = reason.kind === 'permanence' ? permanences.get(splitReason(key)[1]) : undefined;
  return { settings, reason, ...(permanence ? { permanence } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Slots.

/**
 * The slots engine's context for a resource over `[from, to)`: the appointments holding a seat
 * of it (except `excluding`, the appointment being moved) and the blocks of it or of every
 * resource.
 */
export async function slotContext(
  db: Db_,
  site: Site,
  bookable: Bookable,
  window: { from: Date; to: Date },
  now: Date,
  excluding?: string,
): Promise<SlotContext> {
  const resource = bookable.reason.resource;
  const [taken, blocks] = await Promise.all([
    db
      .selectFrom('appointments')
      .select(['starts_at', 'ends_at'])
      .where('site_id', '=', site.id)
      .where('resource', '=', resource)
      .where('status', '!=', 'cancelled')
      .where('starts_at', '<', window.to.toISOString())
      .where('ends_at', '>', window.from.toISOString())
      .$if(excluding !== undefined, (qb) => qb.where('id', '!=', excluding!))
      .execute(),
    db
      .selectFrom('appointment_blocks')
      .select(['starts_at', 'ends_at'])
      .where('site_id', '=', site.id)
      .where('resource', 'in', [resource, '*'])
      .where('starts_at', '<', window.to.toISOString())
      .where('ends_at', '>', window.from.toISOString())
      .execute(),
  ]);
  const settings: SlotSettings = bookable.settings;
  return {
    site,
    settings,
    ...(bookable.permanence ? { permanence: bookable.permanence.rule } : {}),
    taken: taken as Interval[],
    blocks: blocks as Interval[],
    now,
  };
}

/** The window of `days` local days from `from` as instants (a day's margin each side: time zones, DST). */
const windowOf = (site: Site, from: string, days: number) => ({
  from: zonedInstant(addDays(from, -1), 0, site.time_zone),
  to: zonedInstant(addDays(from, days + 1), 0, site.time_zone),
});

/** `GET /sites/{id}/slots`: the free slots of `days` days from `from` (default today), and where the next page starts. */
export async function listSlots(
  db: Db_,
  site: Site,
  bookable: Bookable,
  { from, days }: { from?: string; days: number },
  now: Date,
): Promise<SlotList> {
  const today = zonedParts(now, site.time_zone).date;
  const first = from && from > today ? from : today;
  const context = await slotContext(db, site, bookable, windowOf(site, first, days), now);
  const next = addDays(first, days);
  const last = addDays(today, bookable.settings.horizon_days);
  return {
    site_id: site.id,
    reason: bookable.reason.key,
    time_zone: site.time_zone,
    from: first,
    days: first > last ? [] : freeSlots(context, first, days),
    next_from: next > last ? null : next,
  };
}

const REFUSALS: Record<Exclude<SlotRefusal, 'full'>, string> = {
  'not-a-slot': 'is not the start of a slot of this reason (closed then, or not on the grid): pick one of GET /sites/{id}/slots',
  past: 'is in the past',
  notice: 'is too soon: the site takes bookings a while ahead (min_notice_minutes of GET /sites/{id}/booking)',
  horizon: 'is too far ahead (horizon_days of GET /sites/{id}/booking)',
  blocked: 'is no longer available (the site blocked that time)',
};

/** The problem for a time that cannot be booked: 409 `slot-taken` when full, 422 `slot-unavailable` otherwise. */
export function slotProblem(refusal: SlotRefusal): HttpProblem {
  if (refusal === 'full') {
    return new HttpProblem(409, ProblemType.slotTaken, 'Slot taken', 'start: no seat is left at this time: pick another slot.', [
      { name: 'start', reason: 'no seat is left at this time: pick another slot' },
    ]);
  }
  return new HttpProblem(422, ProblemType.slotUnavailable, 'Slot unavailable', `start: ${REFUSALS[refusal]}`, [
    { name: 'start', reason: REFUSALS[refusal] },
  ]);
}

/**
 * Takes the lowest free seat of the slot for `appointmentId`, in the caller's transaction:
 * `INSERT … ON CONFLICT DO NOTHING` seat by seat (a conflict waits for the other transaction,
 * then moves on), so no error aborts the transaction on PostgreSQL. False: no seat left.
 */
export async function takeSeat(
  trx: Db_,
  seat: { siteId: string; resource: string; startsAt: string; capacity: number; appointmentId: string },
): Promise<boolean> {
  for (let number = 1; number <= seat.capacity; number++) {
    const inserted = await trx
      .insertInto('appointment_seats')
      .values({ site_id: seat.siteId, resource: seat.resource, starts_at: seat.startsAt, seat: number, appointment_id: seat.appointmentId })
      .onConflict((oc) => oc.doNothing())
      .returning('seat')
      .executeTakeFirst();
    if (inserted) return true;
  }
  return false;
}

/** Frees the seat an appointment holds (cancelled, or about to move). */
export async function releaseSeat(trx: Db_, appointmentId: string): Promise<void> {
  await trx.deleteFrom('appointment_seats').where('appointment_id', '=', appointmentId).execute();
}

// ---------------------------------------------------------------------------------------------
// Booking.

const FIRST_NAME = /^[\p{L}\p{M}][\p{L}\p{M}'’ .-]*$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** The personal data of a booking, checked (400 naming the field): trimmed, or null when not given. */
export function checkPersonalData(input: Pick<AppointmentCreate, 'first_name' | 'phone' | 'email' | 'reminder'>): {
  firstName: string;
  phone: string | null;
  email: string | null;
  reminder: ReminderChannel;
} {
  const firstName = input.first_name.trim().replace(/\s+/g, ' ');
  if (firstName.length < 1 || firstName.length > BOOKING_LIMITS.firstName.max || !FIRST_NAME.test(firstName)) {
    throw invalidParam(
      'first_name',
      `a first name: 1 to ${BOOKING_LIMITS.firstName.max} letters (spaces, hyphens and apostrophes allowed)`,
    );
  }
  const phone = input.phone?.trim() || null;
  if (phone !== null && !isFrenchPhone(phone)) {
    throw invalidParam('phone', 'a French or overseas phone number, e.g. 06 12 34 56 78 or +262 692 12 34 56');
  }
  const email = input.email?.trim() || null;
  if (email !== null && !EMAIL.test(email)) throw invalidParam('email', 'an e-mail address, e.g. prenom@exemple.fr');
  if (input.reminder === 'email' && email === null) throw invalidParam('email', 'needed for a reminder by e-mail');
  if (input.reminder === 'sms' && phone === null) throw invalidParam('phone', 'needed for a reminder by SMS');
  return { firstName, phone: phone?.replace(/\s+/g, ' ') ?? null, email, reminder: input.reminder };
}

export type BookingOutcome = { outcome: 'created' | 'duplicate'; appointment: AppointmentTable };

/**
 * Books `input.start` for `input.reason` at `site`: checks the slot, writes the appointment with
 * its sealed personal data and takes a seat, all in one transaction. Idempotent by `key` per
 * site: the same key again answers the stored appointment (`duplicate`), with another reason
 * 409. Problems: 409 `slot-taken` (no seat left, also when another request took the last one at
 * the same moment), 422 `slot-unavailable`, 409 `booking-disabled`.
 */
export async function bookAppointment(
  db: Db,
  sealer: Sealer,
  directory: Directory,
  site: Site,
  input: AppointmentCreate,
  bookedBy: BookedBy,
  now = new Date(),
): Promise<BookingOutcome> {
  const existing = await findByKey(db, site.id, input.key);
  if (existing) return duplicateOf(existing, input);
  const person = checkPersonalData(input);
  const offered = await bookableReason(db, directory, site, input.reason, { forAgents: bookedBy === 'agent' });
  // Agents book inside the notice (someone on the phone for this afternoon); never beyond the capacity.
  const bookable = bookedBy === 'agent' ? withoutNotice(offered) : offered;
  const start = new Date(input.start);
  // Sealed before the transaction: the database never sees them in clear, and the lock is held shorter.
  const sealed = { first_name: sealer.seal(person.firstName), phone: sealer.seal(person.phone), email: sealer.seal(person.email) };
  return writeTransaction(db, async (trx) => {
    await lockSiteAgenda(trx, site.id);
    const again = await findByKey(trx, site.id, input.key);
    if (again) return duplicateOf(again, input);
    const context = await slotContext(
      trx,
      site,
      bookable,
      { from: new Date(start.getTime() - 86_400_000), to: new Date(start.getTime() + 86_400_000) },
      now,
    );
    const { slot, refusal } = slotAt(context, start);
    if (refusal || !slot) throw slotProblem(refusal ?? 'not-a-slot');
    const row: AppointmentTable = {
      id: newId(),
      site_id: site.id,
      code: newCaseCode(),
      resource: bookable.reason.resource,
      reason: bookable.reason.key,
      // An act's partner: a national one, or `local` for a site's local partner.
      partner: bookable.reason.partner?.startsWith('local:') ? 'local' : bookable.reason.partner,
      theme: bookable.reason.theme,
      starts_at: slot.start.toISOString(),
      ends_at: slot.end.toISOString(),
      status: 'booked',
      booked_by: bookedBy,
      idempotency_key: input.key,
      ...sealed,
      reminder: person.reminder,
      reminder_claimed_at: null,
      reminder_claimed_by: null,
      reminder_sent_at: null,
      cancelled_at: null,
      erased_at: null,
      act_id: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      language: input.language ?? 'fr',
      reminder_attempts: 0,
      reminder_failed_at: null,
    };
    await trx.insertInto('appointments').values(row).execute();
    const seated = await takeSeat(trx, {
      siteId: site.id,
      resource: row.resource,
      startsAt: row.starts_at,
      capacity: bookable.settings.capacity,
      appointmentId: row.id,
    });
    // Rolls the appointment back with the transaction.
    if (!seated) throw slotProblem('full');
    return { outcome: 'created', appointment: row };
  });
}

/**
 * Serializes, on PostgreSQL, the writes that check a site's agenda then change it (booking,
 * moving, blocking a time) with a lock held until the transaction ends: a block and a booking at
 * the same moment cannot both pass their check (a booking in a time just blocked, a block over an
 * appointment just booked), and two bookings or moves cannot both count a seat as free in a slot
 * whose overlapping appointments started at other times (after a change of the slot's length: the
 * seats' primary key, per start, does not see them). SQLite runs one write transaction at a time
 * (`BEGIN IMMEDIATE`, across processes too).
 */
export async function lockSiteAgenda(trx: Db_, siteId: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${`agenda:${siteId}`}))`.execute(trx);
}

/** The reason's settings without the minimum notice: what the agents may book and move to. */
const withoutNotice = (bookable: Bookable): Bookable => ({ ...bookable, settings: { ...bookable.settings, min_notice_minutes: 0 } });

async function findByKey(db: Db_, siteId: string, key: string): Promise<AppointmentTable | undefined> {
  return db.selectFrom('appointments').selectAll().where('site_id', '=', siteId).where('idempotency_key', '=', key).executeTakeFirst();
}

function duplicateOf(existing: AppointmentTable, input: Pick<AppointmentCreate, 'key' | 'reason'>): BookingOutcome {
  if (existing.reason !== input.reason) throw keyConflict(input.key, 'appointment');
  return { outcome: 'duplicate', appointment: existing };
}

// ---------------------------------------------------------------------------------------------
// With the code: read, cancel, move.

export async function findByCode(db: Db_, code: string): Promise<AppointmentTable | undefined> {
  return db.selectFrom('appointments').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Whether the person can still cancel or move it: booked, and not started. */
export const isChangeable = (row: Pick<AppointmentTable, 'status' | 'starts_at'>, now: Date) =>
  row.status === 'booked' && Date.parse(row.starts_at) > now.getTime();

/** The appointment as its code shows it: nothing personal. */
export function publicAppointment(row: AppointmentTable, site: Site, reason: BookingReason, now = new Date()): AppointmentPublic {
  const start = new Date(row.starts_at);
  const local = zonedParts(start, site.time_zone);
  return {
    code: formatCaseCode(row.code),
    site_id: row.site_id,
    site_name: site.name,
    status: row.status as AppointmentStatus,
    reason,
    start: row.starts_at,
    end: row.ends_at,
    date: local.date,
    time: `${String(Math.floor(local.minutes / 60)).padStart(2, '0')}:${String(local.minutes % 60).padStart(2, '0')}`,
    time_zone: site.time_zone,
    reminder: row.reminder as ReminderChannel,
    changeable: isChangeable(row, now),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The reason of a stored appointment with its words (as it was booked, even if no longer offered). */
export async function reasonOf(db: Db_, directory: Directory, row: AppointmentTable): Promise<BookingReason> {
  const { reasons } = await resolveReasons(db, directory, row.site_id, [row.reason]);
  return (
    reasons[0] ?? {
      key: row.reason,
      kind: splitReason(row.reason)[0],
      label: 'Rendez-vous',
      label_en: 'Appointment',
      partner: row.partner,
      partner_name: null,
      theme: row.theme,
      documents: [],
      resource: row.resource,
    }
  );
}

const appointmentClosed = (row: AppointmentTable) =>
  new HttpProblem(
    409,
    ProblemType.appointmentClosed,
    'Appointment closed',
    row.status === 'booked'
      ? `The appointment ${formatCaseCode(row.code)} has started or is over: it can no longer change.`
      : `The appointment ${formatCaseCode(row.code)} is ${row.status}: it can no longer change.`,
  );

/**
 * Cancels with the code: the status becomes `cancelled` and the seat is freed, in one
 * transaction. Cancelling a cancelled appointment again changes nothing (the same answer);
 * one that started, or that the agents marked, answers 409 `appointment-closed`.
 */
export async function cancelAppointment(db: Db, code: string, now = new Date()): Promise<AppointmentTable | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await findByCode(trx, code);
    if (!row || row.status === 'cancelled') return row;
    if (!isChangeable(row, now)) throw appointmentClosed(row);
    const at = now.toISOString();
    const updated = await trx
      .updateTable('appointments')
      .set({ status: 'cancelled', cancelled_at: at, updated_at: at })
      .where('id', '=', row.id)
      .where('status', '=', 'booked')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return findByCode(trx, code);
    await releaseSeat(trx, row.id);
    return { ...row, status: 'cancelled', cancelled_at: at, updated_at: at };
  });
}

/**
 * Moves with the code to another slot of the same reason, in one transaction: the appointment's
 * row is written first (which locks it against a cancel or another move at the same moment), its
 * seat freed, the new slot checked and a seat taken there. A slot full or gone rolls everything
 * back: the appointment stays where it was. Moved, it is reminded again for its new time. The
 * agents (`agent`) may move it inside the minimum notice, and when online booking is off.
 */
export async function moveAppointment(
  db: Db,
  directory: Directory,
  site: Site,
  code: string,
  start: Date,
  now = new Date(),
  options: { agent?: boolean } = {},
): Promise<AppointmentTable | undefined> {
  const row = await findByCode(db, code);
  if (!row) return undefined;
  if (!isChangeable(row, now)) throw appointmentClosed(row);
  const offered = await bookableReason(db, directory, site, row.reason, { forAgents: options.agent === true });
  const bookable = options.agent ? withoutNotice(offered) : offered;
  return db.transaction().execute(async (trx) => {
    await lockSiteAgenda(trx, site.id);
    const at = now.toISOString();
    const locked = await trx
      .updateTable('appointments')
      .set({ updated_at: at })
      .where('id', '=', row.id)
      .where('status', '=', 'booked')
      .where('starts_at', '>', at)
      .executeTakeFirst();
    if (Number(locked.numUpdatedRows) === 0) throw appointmentClosed((await findByCode(trx, code)) ?? row);
    const context = await slotContext(
      trx,
      site,
      bookable,
      { from: new Date(start.getTime() - 86_400_000), to: new Date(start.getTime() + 86_400_000) },
      now,
      row.id,
    );
    const { slot, refusal } = slotAt(context, start);
    if (refusal || !slot) throw slotProblem(refusal ?? 'not-a-slot');
    await releaseSeat(trx, row.id);
    const moved = {
      starts_at: slot.start.toISOString(),
      ends_at: slot.end.toISOString(),
      updated_at: at,
      // The reminder sent was for the old time.
      reminder_claimed_at: null,
      reminder_claimed_by: null,
      reminder_sent_at: null,
      reminder_attempts: 0,
      reminder_failed_at: null,
    };
    await trx.updateTable('appointments').set(moved).where('id', '=', row.id).execute();
    const seated = await takeSeat(trx, {
      siteId: row.site_id,
      resource: row.resource,
      startsAt: moved.starts_at,
      capacity: bookable.settings.capacity,
      appointmentId: row.id,
    });
    if (!seated) throw slotProblem('full');
    return { ...row, ...moved };
  });
}

/** Opens the sealed personal data of an appointment (for its agents and its reminder, never for a public answer). */
export function personalDataOf(sealer: Sealer, row: Pick<AppointmentTable, 'first_name' | 'phone' | 'email'>) {
  return { first_name: sealer.open(row.first_name), phone: sealer.open(row.phone), email: sealer.open(row.email) };
}
