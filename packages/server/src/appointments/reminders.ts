import { createHmac, randomBytes } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { BookingReason, Directory, Site } from '@fs-widgets/contract';
import { formatCaseCode } from '@fs-widgets/contract/case-code';
import { zonedParts } from '@fs-widgets/opening-hours';
import type { Db } from '../db/database.js';
import type { AppointmentTable } from '../db/schema.js';
import type { Sealer } from '../privacy/sealed.js';
import { personalDataOf, reasonOf } from './appointments.js';

/**
 * Reminders the day before (issue 19, docs/reminders.md): an e-mail through SMTP or an SMS
 * through the SMS gateway's webhook, for each booked appointment that asked for one, 24 hours
 * before it starts (so at the same time of day, the day before), and not later than 2 hours
 * before (an appointment booked at the last minute gets none).
 *
 * Sent once whatever the number of API nodes: a node claims a reminder with a conditional
 * UPDATE (only if not sent, and not claimed by anyone in the last `CLAIM_TTL_MS`), sends, then
 * marks it sent. A node that dies between the claim and the mark leaves the claim to expire: the
 * reminder is retried then (at worst sent twice, never lost). A failed send frees the claim and
 * counts an attempt; after `MAX_REMINDER_ATTEMPTS` it is given up (`reminder_failed_at`) and
 * counted in the job's report.
 *
 * What is sent: the first name, the day and time, the place, the reason, what to bring, the
 * booking code and the link to cancel or move; nothing else personal. The text is French, then
 * English when the person booked in English. Nothing personal is ever logged.
 */

export const REMINDER_LEAD_MS = 24 * 3_600_000;
export const REMINDER_CUTOFF_MS = 2 * 3_600_000;
export const CLAIM_TTL_MS = 10 * 60_000;
export const MAX_REMINDER_ATTEMPTS = 3;
/** Reminders handled by one run at most (the next run takes the rest). */
const BATCH = 200;

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}
export interface SmsMessage {
  to: string;
  text: string;
  /** The appointment's id: the gateway may use it to drop a repeat. */
  id: string;
}

/** How reminders leave: absent channels are not configured (their reminders fail, then are given up). */
export interface ReminderTransports {
  email?: (message: EmailMessage) => Promise<void>;
  sms?: (message: SmsMessage) => Promise<void>;
}

/** An e-mail transport over SMTP (`FS_SMTP_URL`, e.g. `smtp://user:pass@mail.example.fr:587`), from `FS_SMTP_FROM`. */
export function smtpTransport(url: string, from: string): (message: EmailMessage) => Promise<void> {
  const transport = createTransport(url);
  return async ({ to, subject, text }) => {
    await transport.sendMail({ from, to, subject, text });
  };
}

/** The header carrying the body's signature: `sha256=<hex HMAC-SHA256 of the raw body with FS_SMS_WEBHOOK_SECRET>`. */
export const SMS_SIGNATURE_HEADER = 'x-fs-signature';

/** The signature of a webhook body (what the gateway recomputes to trust it). */
export const signBody = (body: string, secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * An SMS transport through a gateway's webhook (`FS_SMS_WEBHOOK_URL`): a JSON POST `{to, text,
 * id}`, signed in `X-FS-Signature`; any answer but 2xx within 10 s is a failure.
 */
export function smsWebhook(url: string, secret: string): (message: SmsMessage) => Promise<void> {
  return async (message) => {
    const body = JSON.stringify({ to: message.to, text: message.text, id: message.id });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SMS_SIGNATURE_HEADER]: signBody(body, secret) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
  };
}

export interface ReminderDeps {
  db: Db;
  sealer: Sealer;
  directory: Directory;
  catalogue: () => { get(id: string): Site | undefined };
}

export interface ReminderOptions {
  /** This node's name in the claim (any unique string). */
  node: string;
  now?: Date;
  /** Where the person cancels or moves: a URL with `{code}` (`FS_BOOKING_MANAGE_URL`); null: the code only. */
  manageUrl?: string | null;
}

export interface ReminderReport {
  sent: number;
  /** Failed this time, to be retried. */
  failed: number;
  /** Failed for the last time: given up. */
  gaveUp: number;
}

/** A fresh node name: the process and a random part. */
export const nodeName = () => `${process.pid}-${randomBytes(4).toString('hex')}`;

/** Sends the reminders due now, each once across nodes. */
export async function sendDueReminders(
  deps: ReminderDeps,
  transports: ReminderTransports,
  options: ReminderOptions,
): Promise<ReminderReport> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const expired = new Date(now.getTime() - CLAIM_TTL_MS).toISOString();
  const report: ReminderReport = { sent: 0, failed: 0, gaveUp: 0 };
  const due = await deps.db
    .selectFrom('appointments')
    .select('id')
    .where('status', '=', 'booked')
    .where('reminder', '!=', 'none')
    .where('reminder_sent_at', 'is', null)
    .where('reminder_failed_at', 'is', null)
    .where('erased_at', 'is', null)
    .where('starts_at', '>', new Date(now.getTime() + REMINDER_CUTOFF_MS).toISOString())
    .where('starts_at', '<=', new Date(now.getTime() + REMINDER_LEAD_MS).toISOString())
    .where((eb) => eb.or([eb('reminder_claimed_at', 'is', null), eb('reminder_claimed_at', '<', expired)]))
    .orderBy('starts_at')
    .limit(BATCH)
    .execute();
  for (const { id } of due) {
    const claimed = await deps.db
      .updateTable('appointments')
      .set({ reminder_claimed_at: at, reminder_claimed_by: options.node })
      .where('id', '=', id)
      .where('status', '=', 'booked')
      .where('reminder_sent_at', 'is', null)
      .where('reminder_failed_at', 'is', null)
      .where((eb) => eb.or([eb('reminder_claimed_at', 'is', null), eb('reminder_claimed_at', '<', expired)]))
      .executeTakeFirst();
    // Another node has it.
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const row = await deps.db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    try {
      await sendOne(deps, transports, row, options.manageUrl ?? null);
      await deps.db
        .updateTable('appointments')
        .set({ reminder_sent_at: new Date().toISOString() })
        .where('id', '=', id)
        .where('reminder_claimed_by', '=', options.node)
        .execute();
      report.sent++;
    } catch {
      // The error may quote the address (an SMTP refusal): it is not logged, only counted.
      const attempts = row.reminder_attempts + 1;
      const giveUp = attempts >= MAX_REMINDER_ATTEMPTS;
      await deps.db
        .updateTable('appointments')
        .set({
          reminder_attempts: attempts,
          reminder_claimed_at: null,
          reminder_claimed_by: null,
          ...(giveUp ? { reminder_failed_at: at } : {}),
        })
        .where('id', '=', id)
        .execute();
      if (giveUp) report.gaveUp++;
      else report.failed++;
    }
  }
  return report;
}

async function sendOne(deps: ReminderDeps, transports: ReminderTransports, row: AppointmentTable, manageUrl: string | null): Promise<void> {
  const site = deps.catalogue().get(row.site_id);
  if (!site) throw new Error('site no longer listed');
  const reason = await reasonOf(deps.db, deps.directory, row);
  const person = personalDataOf(deps.sealer, row);
  const link = manageUrl ? manageUrl.replaceAll('{code}', encodeURIComponent(formatCaseCode(row.code))) : null;
  const content = { row, site, reason, firstName: person.first_name ?? '', link };
  if (row.reminder === 'email') {
    if (!transports.email) throw new Error('no SMTP server configured (FS_SMTP_URL)');
    if (!person.email) throw new Error('no e-mail address');
    await transports.email({ to: person.email, ...reminderEmail(content) });
  } else if (row.reminder === 'sms') {
    if (!transports.sms) throw new Error('no SMS gateway configured (FS_SMS_WEBHOOK_URL)');
    if (!person.phone) throw new Error('no phone number');
    await transports.sms({ to: internationalPhone(person.phone), text: reminderSms(content), id: row.id });
  }
}

/** A French or overseas number as E.164 (+33…, +262…): what SMS gateways take. */
export function internationalPhone(phone: string): string {
  // `+33 (0)6 12…`: the (0) is not dialled after the country code.
  const digits = phone.replace(/\(0\)/g, '').replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  // Overseas mobile and fixed prefixes of the national plan (0262, 0692… La Réunion; 0590, 0690… Guadeloupe…).
  const overseas: Array<[RegExp, string]> = [
    [/^0(262|263|692|693)/, '262'],
    [/^0(590|690|691)/, '590'],
    [/^0(594|694)/, '594'],
    [/^0(596|696|697)/, '596'],
    [/^0(269|639)/, '262'],
  ];
  for (const [prefix, code] of overseas) if (prefix.test(digits)) return `+${code}${digits.slice(1)}`;
  return `+33${digits.slice(1)}`;
}

interface ReminderContent {
  row: AppointmentTable;
  site: Site;
  reason: BookingReason;
  firstName: string;
  link: string | null;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function when(instant: Date, timeZone: string, locale: 'fr' | 'en'): { day: string; time: string } {
  const key = `${locale}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
    dateFormats.set(key, format);
  }
  const { minutes } = zonedParts(instant, timeZone);
  const [h, m] = [Math.floor(minutes / 60), minutes % 60];
  const time = locale === 'fr' ? `${h} h ${String(m).padStart(2, '0')}` : `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return { day: format.format(instant), time };
}

const addressOf = (site: Site) =>
  [site.address.street, site.address.complement, `${site.address.postcode} ${site.address.commune}`]
    .filter((part): part is string => Boolean(part && part.trim()))
    .join(', ');

/** The reminder e-mail: subject and plain text (French, then English when booked in English). */
export function reminderEmail({ row, site, reason, firstName, link }: ReminderContent): { subject: string; text: string } {
  const start = new Date(row.starts_at);
  const code = formatCaseCode(row.code);
  const fr = when(start, site.time_zone, 'fr');
  const french = [
    `Bonjour ${firstName},`,
    '',
    `Nous vous rappelons votre rendez-vous le ${fr.day} à ${fr.time}, à ${site.name}.`,
    `Adresse : ${addressOf(site)}`,
    `Motif : ${reason.label}`,
    ...(reason.documents.length > 0 ? ['', 'À apporter :', ...reason.documents.map((d) => `- ${d}`)] : []),
    '',
    `Votre code de rendez-vous : ${code}`,
    link
      ? `Pour annuler ou déplacer ce rendez-vous : ${link}`
      : 'Pour annuler ou déplacer ce rendez-vous, donnez ce code sur la page où vous l’avez pris.',
    'Si vous ne pouvez pas venir, annulez-le : la place servira à quelqu’un d’autre.',
    '',
    site.name,
  ];
  if (row.language !== 'en')
    return { subject: `Rappel : rendez-vous le ${fr.day} à ${fr.time} — ${site.name}`, text: `${french.join('\n')}\n` };
  const en = when(start, site.time_zone, 'en');
  const english = [
    `Hello ${firstName},`,
    '',
    `This is a reminder of your appointment on ${en.day} at ${en.time}, at ${site.name}.`,
    `Address: ${addressOf(site)}`,
    `Reason: ${reason.label_en}`,
    ...(reason.documents.length > 0 ? ['', 'What to bring (in French above):', ...reason.documents.map((d) => `- ${d}`)] : []),
    '',
    `Your booking code: ${code}`,
    link ? `To cancel or move it: ${link}` : 'To cancel or move it, give this code on the page where you booked.',
    'If you cannot come, please cancel: someone else will get the slot.',
  ];
  return {
    subject: `Rappel / Reminder: ${en.day}, ${en.time} — ${site.name}`,
    text: `${french.join('\n')}\n\n----\n\n${english.join('\n')}\n`,
  };
}

/** The reminder SMS: short, no name. */
export function reminderSms({ row, site, reason, link }: ReminderContent): string {
  const start = new Date(row.starts_at);
  const code = formatCaseCode(row.code);
  if (row.language === 'en') {
    const en = when(start, site.time_zone, 'en');
    return `Reminder: appointment ${en.day} at ${en.time}, ${site.name}, ${addressOf(site)} (${reason.label_en}). Code ${code}${link ? ` to cancel or move: ${link}` : ''}`;
  }
  const fr = when(start, site.time_zone, 'fr');
  return `Rappel : rendez-vous le ${fr.day} à ${fr.time}, ${site.name}, ${addressOf(site)} (${reason.label}). Code ${code}${link ? ` pour annuler ou déplacer : ${link}` : ''}`;
}
