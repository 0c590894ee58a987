import Type, { type Static } from 'typebox';
import { BookedBySchema, BookingReason, BookingReasonKey, ReminderChannelSchema, AppointmentStatusSchema } from './appointments.js';
import { KEY_FIGURES_MIN_COUNT, OUTCOMES, SITE_ID_PATTERN } from './codes.js';
import { PartnerId } from './demarches.js';
import { ObservatoryScope, ObservatoryScopeQuery } from './observatory-scope.js';

/*
 * Appointments, the agents' side (issue 19): a site's agenda (its appointments with the
 * person's first name and contact, its blocked times, the seats left), the agents' changes
 * (book for someone on the phone, move, cancel, mark arrived / done / no-show, block a time),
 * and the appointments' statistics for a site and for the observatory's scopes. Every agents'
 * write carries an idempotency `key`: the offline outbox may send it twice, it changes once.
 */

const literals = <T extends string>(values: readonly T[], title: string) =>
  Type.Union(values.map((v) => Type.Literal(v)) as [ReturnType<typeof Type.Literal<T>>], { title });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const idempotencyKey = () =>
  Type.String({
    pattern: '^[A-Za-z0-9_-]{16,64}$',
    description: 'Idempotency key made by the client: the same request twice changes once.',
  });
const instant = (description: string) => Type.String({ format: 'date-time', description });
const DAY_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const day = (description: string) => Type.String({ pattern: DAY_PATTERN, description });

/** At most this many local days in one agenda answer (a month's view). */
export const MAX_AGENDA_DAYS = 31;

/** What an agent may set an appointment's status to (`cancelled` has its own route: it frees the seat). */
export const AGENDA_STATUSES = ['booked', 'arrived', 'done', 'no-show'] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];

/** A block's resource: `site` (the site's own desks), `permanence:<id>`, or `*` (everything booked at the site). */
export const BLOCK_RESOURCE_PATTERN = '^(site|\\*|permanence:[A-Za-z0-9_-]{1,40})$';

export const AgendaQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date', description: 'First local day (default: today in the site’s time zone).' })),
  days: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_AGENDA_DAYS,
      default: 7,
      description: `Local days from \`from\` (1–${MAX_AGENDA_DAYS}; 1 for a day view, 7 for a week).`,
    }),
  ),
});
export type AgendaQuery = Static<typeof AgendaQuery>;

/** An appointment as the site's agents see it: with the person's first name and contact (decrypted for them only). */
export const AgendaAppointment = Type.Object(
  {
    id: Type.String(),
    code: Type.String({ description: '`XXXX-XXXX-XXC`, the booking code the person holds.' }),
    status: AppointmentStatusSchema,
    reason: BookingReasonKey,
    reason_label: Type.String({ description: 'In French.' }),
    reason_label_en: Type.String(),
    resource: Type.String({ description: '`site` or `permanence:<id>`: whose seats it takes.' }),
    partner: Nullable(Type.String()),
    theme: Nullable(Type.String()),
    start: instant('UTC.'),
    end: instant('UTC.'),
    date: Type.String({ format: 'date', description: 'Local date of the site.' }),
    time: Type.String({ description: 'HH:MM, local time of the site.' }),
    booked_by: BookedBySchema,
    first_name: Nullable(Type.String({ description: 'Null once erased (`erased_at`).' })),
    phone: Nullable(Type.String()),
    email: Nullable(Type.String()),
    reminder: ReminderChannelSchema,
    reminder_sent_at: Nullable(instant('When the reminder was sent; null: not (yet).')),
    act_id: Nullable(Type.String({ description: 'The act logged in the démarche log when it was marked done.' })),
    erased_at: Nullable(instant('When the personal data was erased (retention).')),
    created_at: instant('When it was booked.'),
    updated_at: instant('Last change.'),
  },
  { title: 'AgendaAppointment' },
);
export type AgendaAppointment = Static<typeof AgendaAppointment>;

export const AgendaBlock = Type.Object(
  {
    id: Type.String(),
    resource: Type.String({ pattern: BLOCK_RESOURCE_PATTERN }),
    start: instant('UTC.'),
    end: instant('UTC.'),
    label: Type.String(),
    created_at: instant('When it was made.'),
  },
  { title: 'AgendaBlock' },
);
export type AgendaBlock = Static<typeof AgendaBlock>;

/** A slot of a day's grid with its seats: every slot of the opening hours, free or not. */
export const AgendaSlot = Type.Object(
  {
    resource: Type.String(),
    start: instant('UTC.'),
    end: instant('UTC.'),
    time: Type.String({ description: 'HH:MM, local time.' }),
    seats_left: Type.Integer({ minimum: 0, description: 'Seats left of `capacity` (0 when blocked).' }),
    blocked: Type.Boolean(),
  },
  { title: 'AgendaSlot' },
);
export type AgendaSlot = Static<typeof AgendaSlot>;

/** `GET /sites/{id}/agenda`. */
export const Agenda = Type.Object(
  {
    site_id: Type.String(),
    time_zone: Type.String(),
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date', description: 'Last local day included.' }),
    capacity: Type.Integer({ description: 'Seats of each slot (the booking settings).' }),
    duration_minutes: Type.Integer(),
    online: Type.Boolean({
      description: 'Whether the public books online (`enabled` of the booking settings); the agents book for someone either way.',
    }),
    reasons: Type.Array(BookingReason, {
      description:
        'What the agents can book for someone (the reasons of the booking settings still bookable), whether online booking is on or off.',
    }),
    resources: Type.Array(
      Type.Object({ resource: Type.String(), label: Type.String(), label_en: Type.String() }, { title: 'AgendaResource' }),
      { description: 'The site’s desks (`site`) and each permanence booked by appointment.' },
    ),
    appointments: Type.Array(AgendaAppointment, { description: 'Every appointment of these days, cancelled ones included, by start.' }),
    blocks: Type.Array(AgendaBlock),
    days: Type.Array(Type.Object({ date: Type.String({ format: 'date' }), slots: Type.Array(AgendaSlot) }, { title: 'AgendaDay' })),
  },
  { title: 'Agenda' },
);
export type Agenda = Static<typeof Agenda>;

/** What an agent's change to an appointment answers: the appointment, and whether the request had been applied already. */
export const AgendaChange = Type.Object(
  { duplicate: Type.Boolean({ description: 'True: the same `key` again; nothing changed this time.' }), appointment: AgendaAppointment },
  { title: 'AgendaChange' },
);
export type AgendaChange = Static<typeof AgendaChange>;

export const AgendaAppointmentParams = Type.Object({
  id: Type.String({ description: 'The site’s id.' }),
  appointment: Type.String({ pattern: '^[A-Za-z0-9_-]{8,40}$', description: 'The appointment’s `id` (from the agenda).' }),
});

/** `POST /sites/{id}/agenda/appointments/{appointment}/move`. */
export const AgendaMove = Type.Object(
  { key: idempotencyKey(), start: instant('The new slot’s start (same reason).') },
  { title: 'AgendaMove', additionalProperties: false },
);
export type AgendaMove = Static<typeof AgendaMove>;

/** `POST /sites/{id}/agenda/appointments/{appointment}/cancel`. */
export const AgendaCancel = Type.Object({ key: idempotencyKey() }, { title: 'AgendaCancel', additionalProperties: false });
export type AgendaCancel = Static<typeof AgendaCancel>;

/** `POST /sites/{id}/agenda/appointments/{appointment}/status`. */
export const AgendaStatusChange = Type.Object(
  {
    key: idempotencyKey(),
    status: literals(AGENDA_STATUSES, 'AgendaStatus'),
    partner: Type.Optional(PartnerId),
    theme: Type.Optional(
      Type.String({ pattern: '^[a-z-]{2,40}$', description: 'For `done`: the act’s theme (default: the reason’s, else `autre`).' }),
    ),
    outcome: Type.Optional(
      literals(
        OUTCOMES.filter((o): o is Exclude<(typeof OUTCOMES)[number], 'referred'> => o !== 'referred'),
        'AgendaOutcome',
      ),
    ),
  },
  { title: 'AgendaStatusChange', additionalProperties: false },
);
export type AgendaStatusChange = Static<typeof AgendaStatusChange>;

/** `POST /sites/{id}/agenda/blocks`. */
export const AgendaBlockInput = Type.Object(
  {
    key: idempotencyKey(),
    resource: Type.String({ pattern: BLOCK_RESOURCE_PATTERN, description: '`site`, `permanence:<id>` or `*` (everything).' }),
    start: instant('UTC instant the block starts.'),
    end: instant('UTC instant it ends (after `start`, at most 31 days later).'),
    label: Type.String({ minLength: 1, maxLength: 120, description: 'Why, for the agents: « réunion d’équipe », « formation ».' }),
  },
  { title: 'AgendaBlockInput', additionalProperties: false },
);
export type AgendaBlockInput = Static<typeof AgendaBlockInput>;

export const AgendaBlockParams = Type.Object({
  id: Type.String({ description: 'The site’s id.' }),
  block: Type.String({ pattern: '^[A-Za-z0-9_-]{8,40}$' }),
});

// ---------------------------------------------------------------------------------------------
// Statistics.

export const APPOINTMENT_STATS_GROUPS = ['site', 'reason', 'partner'] as const;
export type AppointmentStatsGroup = (typeof APPOINTMENT_STATS_GROUPS)[number];

const share = (description: string) =>
  Nullable(Type.Number({ minimum: 0, maximum: 1, description: `${description} Null below ${KEY_FIGURES_MIN_COUNT} bookings.` }));

/** The figures of a set of appointments (the period's, by their local day). */
export const AppointmentFigures = Type.Object(
  {
    bookings: Type.Integer({ minimum: 0, description: 'Appointments of the period, cancelled ones included.' }),
    honoured: Type.Integer({ minimum: 0, description: 'Marked arrived or done.' }),
    no_shows: Type.Integer({ minimum: 0 }),
    cancelled: Type.Integer({ minimum: 0 }),
    pending: Type.Integer({ minimum: 0, description: 'Still `booked` (to come, or not marked).' }),
    booked_by_agents: Type.Integer({ minimum: 0, description: 'Booked by an agent (for someone on the phone).' }),
    honoured_share: share('honoured / (honoured + no-shows).'),
    no_show_share: share('no-shows / (honoured + no-shows).'),
    cancelled_share: share('cancelled / bookings.'),
    median_lead_days: Nullable(
      Type.Number({
        minimum: 0,
        description: `Median days between booking and appointment (one decimal). Null below ${KEY_FIGURES_MIN_COUNT} bookings.`,
      }),
    ),
  },
  { title: 'AppointmentFigures' },
);
export type AppointmentFigures = Static<typeof AppointmentFigures>;

export const AppointmentFiguresRow = Type.Intersect([Type.Object({ key: Type.String(), label: Type.String() }), AppointmentFigures], {
  title: 'AppointmentFiguresRow',
});
export type AppointmentFiguresRow = Static<typeof AppointmentFiguresRow>;

const periodFields = {
  from: Type.Optional(day('First local day included (YYYY-MM-DD); 1 January of the current year (Europe/Paris) by default.')),
  to: Type.Optional(day('Last local day included (YYYY-MM-DD); today (Europe/Paris) by default.')),
};
const format = Type.Optional(literals(['json', 'csv', 'xlsx'] as const, 'ObservatoryFormat'));

/** `GET /stats/appointments`. */
export const AppointmentStatsQuery = Type.Object(
  {
    site: Type.String({ pattern: SITE_ID_PATTERN, description: 'The site’s id.' }),
    ...periodFields,
    group_by: Type.Optional(literals(['reason', 'partner'] as const, 'AppointmentSiteGroup')),
    format,
  },
  { title: 'AppointmentStatsQuery' },
);
export type AppointmentStatsQuery = Static<typeof AppointmentStatsQuery>;

const Period = Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }, { title: 'AppointmentPeriod' });

/** A site's appointments' figures over a period, in all and by reason and by partner. */
export const AppointmentStats = Type.Object(
  {
    site_id: Type.String(),
    period: Period,
    min_count: Type.Integer({ description: `Bookings needed behind a published share or median (${KEY_FIGURES_MIN_COUNT}).` }),
    totals: AppointmentFigures,
    by_reason: Type.Array(AppointmentFiguresRow),
    by_partner: Type.Array(AppointmentFiguresRow, { description: 'Key `none` for « autre » and permanences without a partner.' }),
    generated_at: instant('When computed.'),
  },
  { title: 'AppointmentStats' },
);
export type AppointmentStats = Static<typeof AppointmentStats>;

/** `GET /observatory/appointments`. */
export const ObservatoryAppointmentsQuery = Type.Object(
  {
    ...ObservatoryScopeQuery.properties,
    ...periodFields,
    group_by: Type.Optional(literals(APPOINTMENT_STATS_GROUPS, 'AppointmentStatsGroup')),
    format,
  },
  { title: 'ObservatoryAppointmentsQuery' },
);
export type ObservatoryAppointmentsQuery = Static<typeof ObservatoryAppointmentsQuery>;

export const ObservatoryAppointments = Type.Object(
  {
    scope: ObservatoryScope,
    period: Period,
    source: Type.String(),
    min_count: Type.Integer(),
    generated_at: instant('When computed.'),
    group_by: literals(APPOINTMENT_STATS_GROUPS, 'AppointmentStatsGroup'),
    totals: AppointmentFigures,
    items: Type.Array(AppointmentFiguresRow),
  },
  { title: 'ObservatoryAppointments' },
);
export type ObservatoryAppointments = Static<typeof ObservatoryAppointments>;
