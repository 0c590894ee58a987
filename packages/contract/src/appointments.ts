import Type, { type Static } from 'typebox';
import {
  APPOINTMENT_STATUSES,
  BOOKED_BY,
  BOOKING_LIMITS,
  BOOKING_REASON_PATTERN,
  REMINDER_CHANNELS,
  type AppointmentStatus,
  type BookedBy,
  type ReminderChannel,
} from './codes.js';

export { APPOINTMENT_STATUSES, BOOKED_BY, BOOKING_LIMITS, BOOKING_REASON_PATTERN, REMINDER_CHANNELS } from './codes.js';
export type { AppointmentStatus, BookedBy, ReminderChannel } from './codes.js';

/*
 * Appointments (issue 19): what a site lets people book, its free slots, and an appointment as
 * its code shows it. Nothing here carries personal data except the creation's input: the first
 * name, phone and e-mail go in, are stored encrypted, and never come out of a public answer.
 */

const literals = <T extends string>(values: readonly T[], title: string) =>
  Type.Union(values.map((v) => Type.Literal(v)) as [ReturnType<typeof Type.Literal<T>>], { title });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const idempotencyKey = () =>
  Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$', description: 'Idempotency key made by the client: the same request twice books once.' });
const instant = (description: string) => Type.String({ format: 'date-time', description });

export const AppointmentStatusSchema = literals<AppointmentStatus>(APPOINTMENT_STATUSES, 'AppointmentStatus');
export const ReminderChannelSchema = literals<ReminderChannel>(REMINDER_CHANNELS, 'ReminderChannel');
export const BookedBySchema = literals<BookedBy>(BOOKED_BY, 'BookedBy');

/** `demarche:<id>`, `permanence:<id>` or `other`. */
export const BookingReasonKey = Type.String({
  pattern: BOOKING_REASON_PATTERN,
  maxLength: 80,
  description:
    'What is booked: `demarche:<id>` (a démarche of the catalogue, `GET /directory`), `permanence:<id>` (a permanence of the site held ' +
    'by appointment, `GET /sites/{id}/partners`) or `other` (« autre »).',
});

const { durationMinutes, capacity, horizonDays, minNoticeMinutes, reasons, firstName } = BOOKING_LIMITS;

// ---------------------------------------------------------------------------------------------
// A site's booking settings (agents).

/** `PUT /sites/{id}/booking-settings`: the whole settings at once. */
export const BookingSettingsInput = Type.Object(
  {
    enabled: Type.Boolean({
      description:
        'Whether the public books online (`Site.booking`). Off, the agents still book and move for someone in the agenda (a site taking appointments by phone only).',
    }),
    duration_minutes: Type.Integer({
      minimum: durationMinutes.min,
      maximum: durationMinutes.max,
      description: 'Length of a slot, in minutes; slots follow each other from the start of each opening range.',
    }),
    capacity: Type.Integer({
      minimum: capacity.min,
      maximum: capacity.max,
      description: 'How many people can be received at the same time (desks, agents): the seats of each slot.',
    }),
    horizon_days: Type.Integer({ minimum: horizonDays.min, maximum: horizonDays.max, description: 'How many days ahead one may book.' }),
    min_notice_minutes: Type.Integer({
      minimum: minNoticeMinutes.min,
      maximum: minNoticeMinutes.max,
      description: 'How late one may book: no slot starting sooner than this after now (1440: the day before).',
    }),
    reasons: Type.Array(BookingReasonKey, {
      maxItems: reasons.max,
      uniqueItems: true,
      description: 'What can be booked, in the order shown. A permanence must be one of the site’s, by appointment, with hours.',
    }),
  },
  { title: 'BookingSettingsInput', additionalProperties: false },
);
export type BookingSettingsInput = Static<typeof BookingSettingsInput>;

/** `GET /sites/{id}/booking-settings`: the settings (the defaults, disabled, until an agent saves them). */
export const BookingSettings = Type.Intersect(
  [
    Type.Object({ site_id: Type.String() }),
    BookingSettingsInput,
    Type.Object({ updated_at: Nullable(instant('Last saved; null: never (the defaults).')) }),
  ],
  { title: 'BookingSettings' },
);
export type BookingSettings = Static<typeof BookingSettings>;

// ---------------------------------------------------------------------------------------------
// What the public sees.

/** One thing that can be booked at a site, with its words and what to bring. */
export const BookingReason = Type.Object(
  {
    key: BookingReasonKey,
    kind: literals(['demarche', 'permanence', 'other'] as const, 'BookingReasonKind'),
    label: Type.String({ description: 'In French: the démarche’s title, the partner’s permanence, « Autre demande ».' }),
    label_en: Type.String(),
    partner: Nullable(
      Type.String({ description: 'Who it is with: a national partner’s id (`caf`…), `local:<id>` for a local partner; null for `other`.' }),
    ),
    partner_name: Nullable(Type.String({ description: 'The partner’s name, in French.' })),
    theme: Nullable(
      Type.String({ description: 'The act theme (`THEMES` of the partner) an agent logs when it is done; null when unknown.' }),
    ),
    documents: Type.Array(Type.String(), { description: 'What to bring, in French (from the catalogue; empty when nothing is known).' }),
    resource: Type.String({ description: '`site` (the site’s own desks) or `permanence:<id>` (the permanence’s own sessions).' }),
  },
  { title: 'BookingReason' },
);
export type BookingReason = Static<typeof BookingReason>;

/** `GET /sites/{id}/booking`: what can be booked here. */
export const SiteBooking = Type.Object(
  {
    site_id: Type.String(),
    enabled: Type.Boolean({ description: 'False: the site takes no online bookings (`reasons` is then empty).' }),
    duration_minutes: Type.Integer(),
    horizon_days: Type.Integer(),
    min_notice_minutes: Type.Integer(),
    retention_days: Type.Integer({
      minimum: 1,
      description:
        'How many days after the appointment the person’s first name, phone and e-mail are erased (`FS_APPOINTMENT_RETENTION_DAYS`): what the booking form tells them.',
    }),
    time_zone: Type.String({ description: 'The site’s IANA time zone: slots’ local times are in it.' }),
    reasons: Type.Array(BookingReason),
  },
  { title: 'SiteBooking' },
);
export type SiteBooking = Static<typeof SiteBooking>;

export const MAX_SLOT_DAYS = 31;

export const SlotsQuery = Type.Object({
  reason: BookingReasonKey,
  from: Type.Optional(Type.String({ format: 'date', description: 'First local day looked at (default: today in the site’s time zone).' })),
  days: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_SLOT_DAYS, default: 7, description: `Days looked at from \`from\` (1–${MAX_SLOT_DAYS}).` }),
  ),
});
export type SlotsQuery = Static<typeof SlotsQuery>;

/** A free slot: when it starts and ends, and how many seats are left. */
export const Slot = Type.Object(
  {
    start: instant('UTC instant the slot starts: what `POST /sites/{id}/appointments` takes as `start`.'),
    end: instant('UTC instant it ends.'),
    time: Type.String({ description: 'HH:MM, local time of the site.' }),
    seats_left: Type.Integer({ minimum: 1 }),
  },
  { title: 'Slot' },
);
export type Slot = Static<typeof Slot>;

export const SlotDay = Type.Object(
  { date: Type.String({ format: 'date', description: 'Local date.' }), slots: Type.Array(Slot) },
  { title: 'SlotDay' },
);
export type SlotDay = Static<typeof SlotDay>;

/** `GET /sites/{id}/slots`: the free slots of the days asked, day by day (only days with a free slot). */
export const SlotList = Type.Object(
  {
    site_id: Type.String(),
    reason: BookingReasonKey,
    time_zone: Type.String(),
    from: Type.String({ format: 'date' }),
    days: Type.Array(SlotDay),
    next_from: Nullable(
      Type.String({ format: 'date', description: 'Where the next page starts (`from=`); null when it would be beyond the horizon.' }),
    ),
  },
  { title: 'SlotList' },
);
export type SlotList = Static<typeof SlotList>;

// ---------------------------------------------------------------------------------------------
// Booking, and an appointment as its code shows it.

/** `POST /sites/{id}/appointments`. */
export const AppointmentCreate = Type.Object(
  {
    key: idempotencyKey(),
    reason: BookingReasonKey,
    start: instant('The slot’s `start`, as `GET /sites/{id}/slots` gave it.'),
    first_name: Type.String({ minLength: 1, maxLength: firstName.max, description: 'A first name, to be greeted by (stored encrypted).' }),
    phone: Type.Optional(
      Nullable(Type.String({ maxLength: 30, description: 'A French or overseas phone number (stored encrypted); needed for `sms`.' })),
    ),
    email: Type.Optional(
      Nullable(Type.String({ maxLength: 254, format: 'email', description: 'An e-mail address (stored encrypted); needed for `email`.' })),
    ),
    reminder: ReminderChannelSchema,
    language: Type.Optional(
      Type.Union([Type.Literal('fr'), Type.Literal('en')], {
        title: 'BookingLanguage',
        description:
          'The language of the page the person booked on (default `fr`): the reminder is in French, then also in English for `en`.',
      }),
    ),
  },
  { title: 'AppointmentCreate', additionalProperties: false },
);
export type AppointmentCreate = Static<typeof AppointmentCreate>;

/** An appointment as whoever holds its code sees it: nothing personal. */
export const AppointmentPublic = Type.Object(
  {
    code: Type.String({ description: '`XXXX-XXXX-XXC`: the booking code (same scheme as cases).' }),
    site_id: Type.String(),
    site_name: Type.String(),
    status: AppointmentStatusSchema,
    reason: BookingReason,
    start: instant('UTC.'),
    end: instant('UTC.'),
    date: Type.String({ format: 'date', description: 'Local date of the site.' }),
    time: Type.String({ description: 'HH:MM, local time of the site.' }),
    time_zone: Type.String(),
    reminder: ReminderChannelSchema,
    changeable: Type.Boolean({ description: 'Whether it can still be cancelled or moved with its code (booked, and not started).' }),
    created_at: instant('When it was booked.'),
    updated_at: instant('Last change.'),
  },
  { title: 'AppointmentPublic' },
);
export type AppointmentPublic = Static<typeof AppointmentPublic>;

/** What booking answers: 201 the first time, 200 with `duplicate: true` for the same key again. */
export const AppointmentCreated = Type.Object(
  {
    code: Type.String({ description: '`XXXX-XXXX-XXC`: give it to the person; it cancels and moves the appointment.' }),
    duplicate: Type.Boolean(),
    appointment: AppointmentPublic,
  },
  { title: 'AppointmentCreated' },
);
export type AppointmentCreated = Static<typeof AppointmentCreated>;

/** `POST /appointments/{code}/move`. */
export const AppointmentMove = Type.Object(
  { start: instant('The new slot’s `start` (same reason), from `GET /sites/{id}/slots`.') },
  { title: 'AppointmentMove', additionalProperties: false },
);
export type AppointmentMove = Static<typeof AppointmentMove>;

export const AppointmentCodeParams = Type.Object({
  code: Type.String({
    maxLength: 40,
    description: 'The booking code, `XXXX-XXXX-XXC`; any case, dashes optional, O read as 0, I and L as 1.',
  }),
});
