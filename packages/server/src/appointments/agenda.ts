import { randomBytes } from 'node:crypto';
import {
  ProblemType,
  THEMES,
  type Agenda,
  type AgendaAppointment,
  type AgendaBlock,
  type AgendaBlockInput,
  type AgendaSlot,
  type AgendaStatusChange,
  type AppointmentStatus,
  type BookedBy,
  type BookingReason,
  type Directory,
  type PartnerId,
  type ReminderChannel,
  type Site,
} from '@fs-widgets/contract';
import { formatCaseCode } from '@fs-widgets/contract/case-code';
import { addDays, zonedInstant, zonedParts } from '@fs-widgets/opening-hours';
import { isUniqueViolation, writeTransaction, type Db } from '../db/database.js';
import type { AppointmentBlockTable, AppointmentTable } from '../db/schema.js';
import { checkAct, prepareAct, storeAct } from '../demarches/acts.js';
import { HttpProblem, invalidParam, keyConflict, unknownItem } from '../http/problem.js';
import type { Sealer } from '../privacy/sealed.js';
import {
  cancelAppointment,
  lockSiteAgenda,
  moveAppointment,
  personalDataOf,
  readBookingSettings,
  resolveReasons,
  slotContext,
  splitReason,
} from './appointments.js';
import { gridOf, openRanges, seatsLeft, type Interval } from './slots.js';

/**
 * The agents' side of appointments (issue 19): a site's agenda for a day or a week, and the
 * agents' changes: move, cancel, mark arrived / done / no-show (or back to booked), block a time.
 * Booking for someone on the phone is the public booking (`bookAppointment`, `booked_by:
 * agent`), whether online booking is on or off: a site that takes appointments by phone only
 * keeps its agenda. Each change carries the client's idempotency key, kept in
 * `appointment_changes`: the offline outbox may send a change twice (a lost answer), it is
 * applied once, and the second answers what the first did.
 *
 * Marking an appointment done logs one act in the démarche log (`storeAct`, keyed by the
 * appointment), so it counts in the site's activity statistics like an act logged by hand; done
 * again (after a mistake and back) logs nothing more.
 */

const newId = () => randomBytes(12).toString('base64url');
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const overlaps = (a: { start: Date; end: Date }, b: Interval) =>
  Date.parse(b.starts_at) < a.end.getTime() && a.start.getTime() < Date.parse(b.ends_at);

/** What the agenda needs of the server. */
export interface AgendaDeps {
  db: Db;
  directory: Directory;
  sealer: Sealer;
}

/** The words of the reasons of `rows`, as booked (a reason no longer offered keeps a generic label). */
async function reasonWords(deps: AgendaDeps, siteId: string, keys: readonly string[]): Promise<Map<string, BookingReason>> {
  const { reasons } = await resolveReasons(deps.db, deps.directory, siteId, [...new Set(keys)]);
  return new Map(reasons.map((r) => [r.key, r]));
}

/** An appointment as the site's agents see it, its personal data opened. */
export function agendaAppointment(
  row: AppointmentTable,
  site: Pick<Site, 'time_zone'>,
  reason: BookingReason | undefined,
  sealer: Sealer,
): AgendaAppointment {
  const local = zonedParts(new Date(row.starts_at), site.time_zone);
  const person = personalDataOf(sealer, row);
  return {
    id: row.id,
    code: formatCaseCode(row.code),
    status: row.status as AppointmentStatus,
    reason: row.reason,
    reason_label: reason?.label ?? (splitReason(row.reason)[0] === 'other' ? 'Autre demande' : 'Rendez-vous'),
    reason_label_en: reason?.label_en ?? (splitReason(row.reason)[0] === 'other' ? 'Other request' : 'Appointment'),
    resource: row.resource,
    partner: row.partner,
    theme: row.theme,
    start: row.starts_at,
    end: row.ends_at,
    date: local.date,
    time: hhmm(local.minutes),
    booked_by: row.booked_by as BookedBy,
    first_name: person.first_name,
    phone: person.phone,
    email: person.email,
    reminder: row.reminder as ReminderChannel,
    reminder_sent_at: row.reminder_sent_at,
    act_id: row.act_id,
    erased_at: row.erased_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** One appointment of the site for its agents. */
export async function agendaAppointmentOf(deps: AgendaDeps, site: Site, row: AppointmentTable): Promise<AgendaAppointment> {
  return agendaAppointment(row, site, (await reasonWords(deps, site.id, [row.reason])).get(row.reason), deps.sealer);
}

const blockOf = (row: AppointmentBlockTable): AgendaBlock => ({
  id: row.id,
  resource: row.resource,
  start: row.starts_at,
  end: row.ends_at,
  label: row.label,
  created_at: row.created_at,
});

/**
 * `GET /sites/{id}/agenda`: the appointments of `days` local days from `from` (default today),
 * cancelled ones included, the blocks over them, and each day's grid of slots with its seats
 * left, for the site's desks and each permanence it books (whatever the notice and the horizon:
 * agents book inside them).
 */
export async function readAgenda(deps: AgendaDeps, site: Site, query: { from?: string; days: number }, now: Date): Promise<Agenda> {
  const zone = site.time_zone;
  const from = query.from ?? zonedParts(now, zone).date;
  const to = addDays(from, query.days - 1);
  const window = { from: zonedInstant(from, 0, zone), to: zonedInstant(addDays(from, query.days), 0, zone) };
  const settings = await readBookingSettings(deps.db, site.id);
  const [rows, blocks, offered] = await Promise.all([
    deps.db
      .selectFrom('appointments')
      .selectAll()
      .where('site_id', '=', site.id)
      .where('starts_at', '>=', window.from.toISOString())
      .where('starts_at', '<', window.to.toISOString())
      .orderBy('starts_at')
      .orderBy('created_at')
      .execute(),
    deps.db
      .selectFrom('appointment_blocks')
      .selectAll()
      .where('site_id', '=', site.id)
      .where('starts_at', '<', window.to.toISOString())
      .where('ends_at', '>', window.from.toISOString())
      .orderBy('starts_at')
      .execute(),
    resolveReasons(deps.db, deps.directory, site.id, settings.reasons),
  ]);
  const words = await reasonWords(
    deps,
    site.id,
    rows.map((r) => r.reason),
  );

  // The resources: the site's desks, then each permanence booked by appointment.
  const resources: Agenda['resources'] = [{ resource: 'site', label: 'Accueil de la France services', label_en: 'France services desk' }];
  for (const reason of offered.reasons) {
    if (reason.kind === 'permanence') resources.push({ resource: reason.resource, label: reason.label, label_en: reason.label_en });
  }
  const days = new Map<string, AgendaSlot[]>();
  for (let i = 0; i < query.days; i++) days.set(addDays(from, i), []);
  for (const { resource } of resources) {
    const reason = offered.reasons.find((r) => r.resource === resource);
    const permanence = resource.startsWith('permanence:') ? offered.permanences.get(resource.slice('permanence:'.length)) : undefined;
    const context = await slotContext(
      deps.db,
      site,
      { settings, reason: reason ?? ({ resource } as BookingReason), ...(permanence ? { permanence } : {}) },
      window,
      now,
    );
    for (const [date, ranges] of openRanges(context, from, query.days)) {
      for (const slot of gridOf(date, ranges, settings.duration_minutes, zone)) {
        const blocked = context.blocks.some((block) => overlaps(slot, block));
        days.get(date)?.push({
          resource,
          start: slot.start.toISOString(),
          end: slot.end.toISOString(),
          time: hhmm(slot.minutes),
          seats_left: blocked ? 0 : seatsLeft(context, slot),
          blocked,
        });
      }
    }
  }
  return {
    site_id: site.id,
    time_zone: zone,
    from,
    to,
    capacity: settings.capacity,
    duration_minutes: settings.duration_minutes,
    online: settings.enabled,
    reasons: offered.reasons,
    resources,
    appointments: rows.map((row) => agendaAppointment(row, site, words.get(row.reason), deps.sealer)),
    blocks: blocks.map(blockOf),
    days: [...days].map(([date, slots]) => ({ date, slots: slots.sort((a, b) => a.start.localeCompare(b.start)) })),
  };
}

/** The appointment `id` of the site, or a 404 problem. */
export async function siteAppointment(db: Db, siteId: string, id: string): Promise<AppointmentTable> {
  const row = await db.selectFrom('appointments').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
  if (!row) throw unknownItem(`Site ${siteId} has no appointment ${id}.`);
  return row;
}

export interface ChangeOutcome {
  duplicate: boolean;
  row: AppointmentTable;
}

/**
 * Applies an agents' change once per key: a key already applied to the same appointment and
 * action answers the appointment as it is now (`duplicate`), to another one 409; a new key is
 * applied, then kept. A change whose answer was lost and that is sent again after another
 * change therefore does not undo that later change.
 */
async function once(
  db: Db,
  site: Site,
  key: string,
  appointmentId: string,
  action: string,
  apply: () => Promise<AppointmentTable>,
  now: Date,
): Promise<ChangeOutcome> {
  const done = await db
    .selectFrom('appointment_changes')
    .selectAll()
    .where('site_id', '=', site.id)
    .where('key', '=', key)
    .executeTakeFirst();
  if (done) {
    if (done.appointment_id !== appointmentId || done.action !== action) throw keyConflict(key, 'appointment change');
    return { duplicate: true, row: await siteAppointment(db, site.id, appointmentId) };
  }
  const row = await apply();
  await db
    .insertInto('appointment_changes')
    .values({ site_id: site.id, key, appointment_id: appointmentId, action, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['site_id', 'key']).doNothing())
    .execute();
  return { duplicate: false, row };
}

/** Moves an appointment for the agents (the notice does not apply to them; the capacity does). */
export async function agentMove(
  deps: AgendaDeps,
  site: Site,
  id: string,
  input: { key: string; start: string },
  now = new Date(),
): Promise<ChangeOutcome> {
  const row = await siteAppointment(deps.db, site.id, id);
  return once(
    deps.db,
    site,
    input.key,
    row.id,
    'move',
    async () => (await moveAppointment(deps.db, deps.directory, site, row.code, new Date(input.start), now, { agent: true })) ?? row,
    now,
  );
}

/** Cancels an appointment for the agents: its seat is freed. */
export async function agentCancel(
  deps: AgendaDeps,
  site: Site,
  id: string,
  input: { key: string },
  now = new Date(),
): Promise<ChangeOutcome> {
  const row = await siteAppointment(deps.db, site.id, id);
  return once(deps.db, site, input.key, row.id, 'cancel', async () => (await cancelAppointment(deps.db, row.code, now)) ?? row, now);
}

const closed = (detail: string) => new HttpProblem(409, ProblemType.appointmentClosed, 'Appointment closed', detail);

/**
 * Sets the status of an appointment: arrived, done or no-show from its day on (never a day
 * ahead), back to booked after a mistake; a cancelled one stays cancelled (book again). Done
 * logs one act with the appointment's partner and theme (or those given), in the same
 * transaction; the act's key is the appointment's, so done twice logs one act.
 */
export async function agentStatus(
  deps: AgendaDeps,
  site: Site,
  id: string,
  input: AgendaStatusChange,
  now = new Date(),
): Promise<ChangeOutcome> {
  const row = await siteAppointment(deps.db, site.id, id);
  return once(
    deps.db,
    site,
    input.key,
    row.id,
    `status:${input.status}`,
    async () => {
      if (row.status === 'cancelled') throw closed(`The appointment ${formatCaseCode(row.code)} is cancelled: book a new one.`);
      const day = zonedParts(new Date(row.starts_at), site.time_zone).date;
      const today = zonedParts(now, site.time_zone).date;
      if (input.status !== 'booked' && day > today) {
        throw invalidParam('status', `the appointment is on ${day}: it can be marked ${input.status} from that day on`);
      }
      const act = input.status === 'done' && row.act_id === null ? actOf(row, site, input, now) : null;
      return writeTransaction(deps.db, async (trx) => {
        const at = now.toISOString();
        let actId = row.act_id;
        if (act) {
          const stored = await storeAct(trx, act, { now });
          actId = stored.id;
        }
        await trx
          .updateTable('appointments')
          .set({ status: input.status, act_id: actId, updated_at: at })
          .where('id', '=', row.id)
          .where('status', '!=', 'cancelled')
          .execute();
        return (await trx.selectFrom('appointments').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()) as AppointmentTable;
      });
    },
    now,
  );
}

/** The act an appointment marked done logs: its partner and theme (or the agent's), solved unless said, at the counter. */
function actOf(row: AppointmentTable, site: Site, input: AgendaStatusChange, now: Date) {
  const partner = (input.partner ?? row.partner) as PartnerId | null;
  if (partner === null) {
    throw invalidParam('partner', 'this appointment has no partner (« autre »): say which partner the request was for, to log the act');
  }
  const themes: readonly string[] = THEMES[partner];
  const theme = input.theme ?? (row.theme !== null && themes.includes(row.theme) && partner === row.partner ? row.theme : 'autre');
  const started = Date.parse(row.starts_at);
  const actInput = {
    // The appointment's own key: the act is logged once whatever happens to the status after.
    key: `appointment-${row.id}`,
    site_id: site.id,
    partner,
    theme,
    outcome: input.outcome ?? ('solved' as const),
    channel: 'counter' as const,
    // When it took place: its start, or now when marked done before it started.
    acted_at: new Date(Math.min(started, now.getTime())).toISOString(),
  };
  checkAct(actInput);
  return prepareAct(actInput, site.time_zone);
}

// ---------------------------------------------------------------------------------------------
// Blocks.

const MAX_BLOCK_MS = 31 * 86_400_000;

/**
 * Blocks a time of a resource (or `*`, every resource). Over appointments still booked it is
 * refused (409 `block-overlaps` listing them: the agents move or cancel them first, so that no
 * one who booked finds a closed door); appointments already marked arrived, done or no-show do
 * not stop it. The same key again answers the block made (idempotent).
 */
export async function createBlock(
  deps: AgendaDeps,
  site: Site,
  input: AgendaBlockInput,
  now = new Date(),
): Promise<{ duplicate: boolean; block: AgendaBlock }> {
  const existing = await deps.db
    .selectFrom('appointment_blocks')
    .selectAll()
    .where('site_id', '=', site.id)
    .where('created_key', '=', input.key)
    .executeTakeFirst();
  const start = new Date(input.start);
  const end = new Date(input.end);
  if (existing) {
    const same =
      existing.resource === input.resource &&
      Date.parse(existing.starts_at) === start.getTime() &&
      Date.parse(existing.ends_at) === end.getTime() &&
      existing.label === input.label;
    if (!same) throw keyConflict(input.key, 'block');
    return { duplicate: true, block: blockOf(existing) };
  }
  if (end.getTime() <= start.getTime()) throw invalidParam('end', 'must be after start');
  if (end.getTime() - start.getTime() > MAX_BLOCK_MS) throw invalidParam('end', 'a block lasts at most 31 days');
  if (end.getTime() <= now.getTime()) throw invalidParam('end', 'is in the past: block a time to come');
  if (input.resource.startsWith('permanence:')) {
    const permanence = await deps.db
      .selectFrom('permanences')
      .select('id')
      .where('site_id', '=', site.id)
      .where('id', '=', input.resource.slice('permanence:'.length))
      .executeTakeFirst();
    if (!permanence) throw invalidParam('resource', `site ${site.id} has no ${input.resource}`);
  }
  const row: AppointmentBlockTable = {
    id: newId(),
    site_id: site.id,
    resource: input.resource,
    starts_at: start.toISOString(),
    ends_at: end.toISOString(),
    label: input.label.trim(),
    created_key: input.key,
    created_at: now.toISOString(),
  };
  return writeTransaction(deps.db, async (trx) => {
    await lockSiteAgenda(trx, site.id);
    const booked = await trx
      .selectFrom('appointments')
      .select(['code', 'starts_at', 'resource'])
      .where('site_id', '=', site.id)
      .where('status', '=', 'booked')
      .$if(input.resource !== '*', (qb) => qb.where('resource', '=', input.resource))
      .where('starts_at', '<', row.ends_at)
      .where('ends_at', '>', row.starts_at)
      .orderBy('starts_at')
      .execute();
    if (booked.length > 0) {
      const list = booked.map((a) => {
        const local = zonedParts(new Date(a.starts_at), site.time_zone);
        return `${local.date} ${hhmm(local.minutes)} ${formatCaseCode(a.code)}`;
      });
      throw new HttpProblem(
        409,
        ProblemType.blockOverlaps,
        'Block over appointments',
        `${booked.length} appointment(s) are booked in this time: move or cancel them first (${list.join(', ')}).`,
        list.map((reason) => ({ name: 'start', reason: `booked: ${reason}` })),
      );
    }
    await trx.insertInto('appointment_blocks').values(row).execute();
    return { duplicate: false, block: blockOf(row) };
  }).catch(async (error: unknown) => {
    // The same request on two nodes at once: the key's unique index let one in; this one answers it.
    if (!isUniqueViolation(error)) throw error;
    return createBlock(deps, site, input, now);
  });
}

/** Removes a block of the site: false when there is none of that id. */
export async function deleteBlock(db: Db, siteId: string, id: string): Promise<boolean> {
  const deleted = await db.deleteFrom('appointment_blocks').where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}
