import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import {
  AppointmentCodeParams,
  AppointmentCreate,
  AppointmentCreated,
  AppointmentMove,
  AppointmentPublic,
  BookingSettings,
  BookingSettingsInput,
  Problem,
  ProblemType,
  SiteBooking,
  SiteParams,
  SlotList,
  SlotsQuery,
  type Site,
} from '@fs-widgets/contract';
import { formatCaseCode, parseCaseCode } from '@fs-widgets/contract/case-code';
import {
  bookableReason,
  bookAppointment,
  cancelAppointment,
  findByCode,
  listSlots,
  moveAppointment,
  publicAppointment,
  readBookingSettings,
  reasonOf,
  saveBookingSettings,
  siteBooking,
} from '../appointments/appointments.js';
import { appointmentCalendar } from '../appointments/appointment-calendar.js';
import { SITE_DATA_CACHE } from '../http/cache-control.js';
import { countRequest } from '../http/rate-limit.js';
import { HttpProblem, invalidParam, notFound, tooManyRequests } from '../http/problem.js';
import type { AppContext } from '../app-context.js';
import { DEFAULT_APPOINTMENT_LIMITS } from '../config.js';
import { siteRoutes } from './site-routes.js';
import type { AppointmentTable } from '../db/schema.js';

/** The public's writes come from widgets embedded anywhere, without a token: JSON only. */
const PUBLIC_WRITE_CORS = {
  origin: '*',
  methods: ['POST', 'OPTIONS'],
  allowedHeaders: ['content-type'],
  exposedHeaders: ['retry-after'],
  maxAge: 86_400,
};

/** The canonical code of a path parameter, or a 400 problem (malformed, or mistyped: the check symbol). */
function codeOf(raw: string): string {
  const parsed = parseCaseCode(raw);
  if (parsed.ok) return parsed.canonical;
  if (parsed.problem !== 'check') {
    throw invalidParam('code', 'must be 10 symbols of 0-9 and A-Z without I, L, O, U, then a check symbol, written XXXX-XXXX-XXC');
  }
  throw new HttpProblem(
    400,
    ProblemType.mistypedCode,
    'Mistyped code',
    'The check symbol of this code does not match: a symbol was mistyped, or two were swapped.',
    [{ name: 'code', reason: 'the check symbol does not match: check each symbol of the code' }],
  );
}

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export const appointmentsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { siteOf, agentOfPathSite, actor, write, security } = siteRoutes(ctx);
  /**
   * Every request counts, whatever its answer: failed lookups too (guessing codes is hopeless),
   * and bookings refused or repeated (bulk booking from one address stops at the limit).
   */
  const limits = ctx.appointmentLimits ?? DEFAULT_APPOINTMENT_LIMITS;
  const { bookingsPerClient: BOOKINGS_PER_CLIENT, bookingsPerSite: BOOKINGS_PER_SITE, lookupsPerClient: APPOINTMENT_LOOKUPS } = limits;
  // Bookings are JSON only: a text/plain body (a form posted without a preflight) is a 415.
  app.removeContentTypeParser('text/plain');

  const sealer = () => {
    if (!ctx.sealer) throw new Error('this server has no data key (AppContext.sealer): it cannot store personal data');
    return ctx.sealer;
  };

  /** Counted before anything else, whatever the answer: a 429 once `limit` is reached this hour. */
  const limitLookups = async (request: FastifyRequest) => {
    const verdict = await countRequest(ctx.db, { subject: ['appointment-lookup', request.ip], limit: APPOINTMENT_LOOKUPS });
    if (!verdict.allowed) {
      throw tooManyRequests(
        `Trop de demandes avec un code de rendez-vous depuis cette adresse : réessayez dans ${minutes(verdict.retryAfterSeconds)} min. ` +
          `(At most ${APPOINTMENT_LOOKUPS} an hour from one client.)`,
        verdict.retryAfterSeconds,
      );
    }
  };

  /** The stored appointment of a code, or 404; its site (still in the list) or 404. */
  const appointmentOf = async (raw: string): Promise<{ row: AppointmentTable; site: Site }> => {
    const code = codeOf(raw);
    const row = await findByCode(ctx.db, code);
    if (!row || row.erased_at !== null) throw notFound(`No appointment has the code ${formatCaseCode(code)}.`);
    return { row, site: siteOf(row.site_id) };
  };

  const answer = async (row: AppointmentTable, site: Site) => publicAppointment(row, site, await reasonOf(ctx.db, ctx.directory, row));

  app.get(
    '/sites/:id/booking',
    {
      // Kept 60 s as the site's other own data: bookings switched on or off show within a minute.
      config: { cacheControl: SITE_DATA_CACHE },
      schema: {
        summary: 'What can be booked at a site',
        description:
          'Whether the site takes online bookings, and for what: démarches of the catalogue (with what to bring), partners’ ' +
          'permanences held there by appointment, « autre »; the length of a slot and how far ahead and how late one may book.',
        tags: ['appointments'],
        params: SiteParams,
        response: { 200: SiteBooking, 400: Problem, 404: Problem },
      },
    },
    async (request) => siteBooking(ctx.db, ctx.directory, siteOf(request.params.id), ctx.appointmentRetentionDays),
  );

  app.get(
    '/sites/:id/slots',
    {
      config: { cacheControl: 'no-store' },
      schema: {
        summary: 'Free slots of a reason at a site',
        description:
          'The free slots of `days` local days from `from` (default today), day by day (days without a free slot left out), with ' +
          'the seats left; `next_from` is where the next page starts (null beyond the horizon). Slots follow the site’s hours, ' +
          'exceptional closures and hours and public holidays (a permanence: its own sessions), none in the past, inside the ' +
          'minimum notice, beyond the horizon, in a blocked time or full. A reason not bookable here: 409 `booking-disabled`.',
        tags: ['appointments'],
        params: SiteParams,
        querystring: SlotsQuery,
        response: { 200: SlotList, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const site = siteOf(request.params.id);
      const bookable = await bookableReason(ctx.db, ctx.directory, site, request.query.reason);
      return listSlots(
        ctx.db,
        site,
        bookable,
        { days: request.query.days ?? 7, ...(request.query.from ? { from: request.query.from } : {}) },
        new Date(),
      );
    },
  );

  app.post(
    '/sites/:id/appointments',
    {
      config: { cors: PUBLIC_WRITE_CORS },
      onRequest: async (request) => {
        const { id } = request.params as { id?: unknown };
        for (const [subject, limit, who] of [
          [['booking-client', request.ip], BOOKINGS_PER_CLIENT, 'depuis cette adresse'],
          [['booking-site', String(id)], BOOKINGS_PER_SITE, 'pour cette France services'],
        ] as const) {
          const verdict = await countRequest(ctx.db, { subject: [...subject], limit });
          if (!verdict.allowed) {
            throw tooManyRequests(
              `Trop de rendez-vous demandés ${who} en une heure : réessayez dans ${minutes(verdict.retryAfterSeconds)} min, ` +
                `ou appelez la France services. (At most ${limit} bookings an hour ${who === 'depuis cette adresse' ? 'from one client' : 'for one site'}.)`,
              verdict.retryAfterSeconds,
            );
          }
        }
      },
      schema: {
        summary: 'Book an appointment',
        description:
          'For anyone, without an account. `start` is a slot’s `start` from `GET /sites/{id}/slots`. The first name (1–60 ' +
          'letters), phone (French or overseas) and e-mail are stored encrypted and never answered; a reminder by e-mail needs ' +
          'the e-mail, by SMS the phone. Answers 201 with the booking code; the same `key` again 200 (`duplicate: true`) with the ' +
          'same appointment, with another reason 409. Problems, nothing booked: 409 `slot-taken` (no seat left), 422 ' +
          '`slot-unavailable` (past, closed, inside the notice, beyond the horizon, blocked), 409 `booking-disabled`. At most ' +
          `${BOOKINGS_PER_CLIENT} bookings an hour from one client and ${BOOKINGS_PER_SITE} for one site (429 with \`Retry-After\`).`,
        tags: ['appointments'],
        params: SiteParams,
        body: AppointmentCreate,
        response: {
          200: AppointmentCreated,
          201: AppointmentCreated,
          400: Problem,
          404: Problem,
          409: Problem,
          422: Problem,
          429: Problem,
        },
      },
    },
    async (request, reply) => {
      const site = siteOf(request.params.id);
      const { outcome, appointment } = await bookAppointment(ctx.db, sealer(), ctx.directory, site, request.body, 'public');
      const duplicate = outcome === 'duplicate';
      const body = await answer(appointment, site);
      return reply.code(duplicate ? 200 : 201).send({ code: body.code, duplicate, appointment: body });
    },
  );
  app.options('/sites/:id/appointments', { config: { cors: PUBLIC_WRITE_CORS }, schema: { hide: true } }, async (_request, reply) =>
    reply.code(204).send(),
  );

  app.get(
    '/appointments/:code',
    {
      config: { cacheControl: 'no-store' },
      onRequest: limitLookups,
      schema: {
        summary: 'An appointment, with its code',
        description:
          'For whoever holds the code (no token): status, time, site, reason and what to bring; nothing personal. ' +
          '`Cache-Control: no-store`. Malformed code 400, mistyped 400 (`mistyped-code`), unknown 404. At most ' +
          `${APPOINTMENT_LOOKUPS} requests with a code per client and hour, failed ones included (429).`,
        tags: ['appointments'],
        params: AppointmentCodeParams,
        response: { 200: AppointmentPublic, 400: Problem, 404: Problem, 429: Problem },
      },
    },
    async (request) => {
      const { row, site } = await appointmentOf(request.params.code);
      return answer(row, site);
    },
  );

  app.post(
    '/appointments/:code/cancel',
    {
      config: { cors: PUBLIC_WRITE_CORS },
      onRequest: limitLookups,
      schema: {
        summary: 'Cancel an appointment, with its code',
        description:
          'Frees its seat at once. Cancelling again answers the same. One that has started or that the agents marked: 409 ' +
          '`appointment-closed`. Counted with the lookups (429).',
        tags: ['appointments'],
        params: AppointmentCodeParams,
        response: { 200: AppointmentPublic, 400: Problem, 404: Problem, 409: Problem, 429: Problem },
      },
    },
    async (request) => {
      const { row, site } = await appointmentOf(request.params.code);
      const cancelled = (await cancelAppointment(ctx.db, row.code)) ?? row;
      return answer(cancelled, site);
    },
  );

  app.post(
    '/appointments/:code/move',
    {
      config: { cors: PUBLIC_WRITE_CORS },
      onRequest: limitLookups,
      schema: {
        summary: 'Move an appointment, with its code',
        description:
          'To another slot of the same reason (`start` from `GET /sites/{id}/slots`), in one transaction: a slot full (409 ' +
          '`slot-taken`) or not available (422 `slot-unavailable`) changes nothing; online booking switched off since: 409 ' +
          '`booking-disabled` (cancelling still works; the agents move it). Cancelled, started or marked: 409 ' +
          '`appointment-closed`. Counted with the lookups (429).',
        tags: ['appointments'],
        params: AppointmentCodeParams,
        body: AppointmentMove,
        response: { 200: AppointmentPublic, 400: Problem, 404: Problem, 409: Problem, 422: Problem, 429: Problem },
      },
    },
    async (request) => {
      const { row, site } = await appointmentOf(request.params.code);
      const moved = (await moveAppointment(ctx.db, ctx.directory, site, row.code, new Date(request.body.start))) ?? row;
      return answer(moved, site);
    },
  );
  for (const action of ['cancel', 'move']) {
    app.options(`/appointments/:code/${action}`, { config: { cors: PUBLIC_WRITE_CORS }, schema: { hide: true } }, async (_request, reply) =>
      reply.code(204).send(),
    );
  }

  app.get(
    '/appointments/:code/event.ics',
    {
      config: { cacheControl: 'no-store' },
      onRequest: limitLookups,
      schema: {
        summary: 'An appointment as an iCalendar file',
        description:
          'RFC 5545, one event (UTC times; its UID stays the same when it moves or is cancelled, `STATUS:CANCELLED` then): to add ' +
          'it to a phone’s calendar. The place, the reason, what to bring and the code; nothing personal. Counted with the lookups.',
        tags: ['appointments'],
        params: AppointmentCodeParams,
        produces: ['text/calendar'],
        response: { 200: Type.String({ description: 'text/calendar; charset=utf-8' }), 400: Problem, 404: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const { row, site } = await appointmentOf(request.params.code);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="rendez-vous-${formatCaseCode(row.code)}.ics"`)
        .send(appointmentCalendar(await answer(row, site), site));
    },
  );

  // ---------------------------------------------------------------------------------------------
  // The agents' settings.

  const settingsCors = { cors: { ...write.cors, methods: ['GET', 'PUT', 'OPTIONS'] } };
  const SETTINGS_DOC =
    'For the agents of the site (a token of this site, of its manager, or an admin token). Until saved: the defaults, bookings off.';

  app.get(
    '/sites/:id/booking-settings',
    {
      config: { ...settingsCors, cacheControl: 'no-store' },
      preValidation: agentOfPathSite,
      schema: {
        summary: 'A site’s booking settings',
        description: SETTINGS_DOC,
        tags: ['appointments'],
        security,
        params: SiteParams,
        response: { 200: BookingSettings, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => readBookingSettings(ctx.db, siteOf(request.params.id).id),
  );

  app.put(
    '/sites/:id/booking-settings',
    {
      config: settingsCors,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Set what can be booked at a site, for how long, how many at once, how far ahead and how late',
        description:
          `${SETTINGS_DOC} The whole settings at once; kept in the site’s history (\`booking\`). Each reason must be bookable here: ` +
          'a démarche of the catalogue, or a permanence of the site held by appointment at fixed hours (422 naming ' +
          '`reasons.<i>`). `Site.booking` (offer « Prendre rendez-vous ») follows at once on this node, on the others within ' +
          '`FS_CATALOGUE_REFRESH_SECONDS`. Appointments already booked stay as they are.',
        tags: ['appointments'],
        security,
        params: SiteParams,
        body: BookingSettingsInput,
        response: { 200: BookingSettings, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request) => {
      const site = siteOf(request.params.id);
      const saved = await saveBookingSettings(ctx.db, ctx.directory, site.id, request.body, actor(request));
      await ctx.reloadCatalogue();
      return saved;
    },
  );
  app.options('/sites/:id/booking-settings', { config: settingsCors, schema: { hide: true } }, async (_request, reply) =>
    reply.code(204).send(),
  );
};
