import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  Agenda,
  AgendaAppointmentParams,
  AgendaBlock,
  AgendaBlockInput,
  AgendaBlockParams,
  AgendaCancel,
  AgendaChange,
  AgendaMove,
  AgendaQuery,
  AgendaStatusChange,
  AppointmentCreate,
  Problem,
  SiteParams,
} from '@fs-widgets/contract';
import { bookAppointment } from '../appointments/appointments.js';
import {
  agendaAppointmentOf,
  agentCancel,
  agentMove,
  agentStatus,
  createBlock,
  deleteBlock,
  readAgenda,
  type AgendaDeps,
  type ChangeOutcome,
} from '../appointments/agenda.js';
import { unknownItem } from '../http/problem.js';
import type { AppContext } from '../app-context.js';
import { siteRoutes } from './site-routes.js';

/*
 * The agents' agenda of appointments (issue 19): a site's days with the people's first names
 * and contacts, booking for someone on the phone, moving, cancelling, marking arrived / done /
 * no-show, blocking a time. Every route needs a token of the site (agent or manager) or an
 * admin's; the writes are idempotent by `key` (the offline outbox may send them twice).
 */

const AGENTS_DOC = 'For the agents of the site (a token of this site, of its manager, or an admin token).';
const KEY_DOC =
  'Idempotent by `key`: the same request again answers `duplicate: true` and changes nothing; the same key for another change 409.';

export const agendaRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { siteOf, agentOfPathSite, write, security } = siteRoutes(ctx);
  const deps = (): AgendaDeps => {
    if (!ctx.sealer) throw new Error('this server has no data key (AppContext.sealer): it cannot open personal data');
    return { db: ctx.db, directory: ctx.directory, sealer: ctx.sealer };
  };
  const cors = (methods: string[]) => ({ cors: { ...write.cors, methods: [...methods, 'OPTIONS'] } });
  const options = (path: string, methods: string[]) =>
    app.options(path, { config: cors(methods), schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
  const changed = async (site: ReturnType<typeof siteOf>, outcome: ChangeOutcome) => ({
    duplicate: outcome.duplicate,
    appointment: await agendaAppointmentOf(deps(), site, outcome.row),
  });

  app.get(
    '/sites/:id/agenda',
    {
      config: { ...cors(['GET']), cacheControl: 'no-store' },
      preValidation: agentOfPathSite,
      schema: {
        summary: 'A site’s agenda of appointments, day or week',
        description:
          `${AGENTS_DOC} The appointments of \`days\` local days (1–31) from \`from\` (default today), cancelled ones included, ` +
          'with the first name, phone and e-mail the person gave (decrypted for the agents only; null once erased), the blocked ' +
          'times, and each day’s grid of slots with the seats left, for the site’s desks and each permanence booked by appointment; ' +
          'the reasons the agents can book for someone, and whether the public books online (`online`): with online booking ' +
          'off the agenda works the same (a site taking appointments by phone only). ' +
          '`Cache-Control: no-store`.',
        tags: ['appointments'],
        security,
        params: SiteParams,
        querystring: AgendaQuery,
        response: { 200: Agenda, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) =>
      readAgenda(
        deps(),
        siteOf(request.params.id),
        { days: request.query.days ?? 7, ...(request.query.from ? { from: request.query.from } : {}) },
        new Date(),
      ),
  );
  options('/sites/:id/agenda', ['GET']);

  app.post(
    '/sites/:id/agenda/appointments',
    {
      config: cors(['POST']),
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Book for someone (on the phone, at the desk)',
        description:
          `${AGENTS_DOC} The same checks as the public booking (\`POST /sites/{id}/appointments\`), \`booked_by: agent\`, except ` +
          'the minimum notice (an agent may book a slot starting soon) and online booking: with it off (`enabled: false`, a site ' +
          'taking appointments by phone only) the agents still book the reasons of the settings; never beyond the capacity (409 ' +
          '`slot-taken`). Not counted in the public rate limits. 201, the same `key` again 200 `duplicate: true`.',
        tags: ['appointments'],
        security,
        params: SiteParams,
        body: AppointmentCreate,
        response: {
          200: AgendaChange,
          201: AgendaChange,
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          409: Problem,
          422: Problem,
        },
      },
    },
    async (request, reply) => {
      const site = siteOf(request.params.id);
      const { sealer } = deps();
      const { outcome, appointment } = await bookAppointment(ctx.db, sealer, ctx.directory, site, request.body, 'agent');
      const duplicate = outcome === 'duplicate';
      return reply.code(duplicate ? 200 : 201).send({ duplicate, appointment: await agendaAppointmentOf(deps(), site, appointment) });
    },
  );
  options('/sites/:id/agenda/appointments', ['POST']);

  const changeSchema = <B extends typeof AgendaMove | typeof AgendaCancel | typeof AgendaStatusChange>(
    summary: string,
    description: string,
    body: B,
  ) => ({
    summary,
    description: `${AGENTS_DOC} ${description} ${KEY_DOC}`,
    tags: ['appointments'],
    security,
    params: AgendaAppointmentParams,
    body,
    response: { 200: AgendaChange, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
  });

  app.post(
    '/sites/:id/agenda/appointments/:appointment/move',
    {
      config: cors(['POST']),
      preValidation: agentOfPathSite,
      schema: changeSchema(
        'Move an appointment',
        'To another slot of the same reason, in one transaction (neither the notice nor online booking being off applies to ' +
          'agents; the capacity does): a slot full (409 `slot-taken`) or not available (422 `slot-unavailable`) changes nothing. ' +
          'Cancelled, started or marked: 409 `appointment-closed`.',
        AgendaMove,
      ),
    },
    async (request) => {
      const site = siteOf(request.params.id);
      return changed(site, await agentMove(deps(), site, request.params.appointment, request.body));
    },
  );
  options('/sites/:id/agenda/appointments/:appointment/move', ['POST']);

  app.post(
    '/sites/:id/agenda/appointments/:appointment/cancel',
    {
      config: cors(['POST']),
      preValidation: agentOfPathSite,
      schema: changeSchema(
        'Cancel an appointment',
        'Its seat is freed at once. Started or marked: 409 `appointment-closed`.',
        AgendaCancel,
      ),
    },
    async (request) => {
      const site = siteOf(request.params.id);
      return changed(site, await agentCancel(deps(), site, request.params.appointment, request.body));
    },
  );
  options('/sites/:id/agenda/appointments/:appointment/cancel', ['POST']);

  app.post(
    '/sites/:id/agenda/appointments/:appointment/status',
    {
      config: cors(['POST']),
      preValidation: agentOfPathSite,
      schema: changeSchema(
        'Mark an appointment arrived, done or no-show (or booked again)',
        'From the appointment’s day on (a later day: 400 naming `status`); a cancelled one: 409 `appointment-closed`. `done` logs ' +
          'one act in the démarche log with the appointment’s partner and theme (or `partner`, `theme`, `outcome` given; an ' +
          'appointment « autre » needs `partner`), so it counts in `GET /stats/activity`; done again logs no second act.',
        AgendaStatusChange,
      ),
    },
    async (request) => {
      const site = siteOf(request.params.id);
      return changed(site, await agentStatus(deps(), site, request.params.appointment, request.body));
    },
  );
  options('/sites/:id/agenda/appointments/:appointment/status', ['POST']);

  app.post(
    '/sites/:id/agenda/blocks',
    {
      config: cors(['POST']),
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Block a time',
        description:
          `${AGENTS_DOC} No slot of the resource (\`site\`, \`permanence:<id>\`, or \`*\`: everything) overlapping it is offered. ` +
          'Over appointments still booked it is refused (409 `block-overlaps`, listing their times and codes: move or cancel them ' +
          'first); at most 31 days, ending in the future. 201, the same `key` again 200.',
        tags: ['appointments'],
        security,
        params: SiteParams,
        body: AgendaBlockInput,
        response: {
          200: Type.Object({ duplicate: Type.Boolean(), block: AgendaBlock }),
          201: Type.Object({ duplicate: Type.Boolean(), block: AgendaBlock }),
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          409: Problem,
        },
      },
    },
    async (request, reply) => {
      const site = siteOf(request.params.id);
      const result = await createBlock(deps(), site, request.body);
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );
  options('/sites/:id/agenda/blocks', ['POST']);

  app.delete(
    '/sites/:id/agenda/blocks/:block',
    {
      config: cors(['DELETE']),
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Remove a block',
        description: `${AGENTS_DOC} Its slots are offered again. Unknown (or already removed): 404 \`unknown-item\`.`,
        tags: ['appointments'],
        security,
        params: AgendaBlockParams,
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const site = siteOf(request.params.id);
      if (!(await deleteBlock(ctx.db, site.id, request.params.block))) {
        throw unknownItem(`Site ${site.id} has no block ${request.params.block}.`);
      }
      return reply.code(204).send(null);
    },
  );
  options('/sites/:id/agenda/blocks/:block', ['DELETE']);
};
