import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AppointmentStats,
  AppointmentStatsQuery,
  KEY_FIGURES_MIN_COUNT,
  ObservatoryAppointments,
  ObservatoryAppointmentsQuery,
  Problem,
} from '@fs-widgets/contract';
import type { TSchema } from 'typebox';
import { appointmentsTable, observatoryAppointments, siteAppointmentStats } from '../appointments/appointment-stats.js';
import { requireScope } from '../auth/scopes.js';
import { scopeHoldsSite } from '../auth/scopes.js';
import { authenticate, authorizeSite, isObserver } from '../auth/tokens.js';
import { dayRange } from '../http/day-range.js';
import { notFound } from '../http/problem.js';
import { sendTable, XLSX_MEDIA_TYPE } from '../http/tabular.js';
import { observatoryPeriod } from '../observatory/observatory.js';
import type { AppContext } from '../app-context.js';
import { TABLE_READ_CORS } from './demarches-cors.js';

/*
 * Appointments' statistics (issue 19): a site's (`/stats/appointments`, who may read
 * `/stats/activity` of the site), a scope's (`/observatory/appointments`, the observatory's
 * observers). JSON, CSV or .xlsx. Nothing personal: counts, shares, a median.
 */

const security = [{ bearerToken: [] }];
const FIGURES_TEXT =
  'Bookings of the period (by the local day of the appointment), honoured (arrived or done), no-shows, cancelled, still booked, ' +
  `booked by agents, the shares and the median lead time (days from booking to appointment), null below ${KEY_FIGURES_MIN_COUNT} bookings.`;
const FORMAT_TEXT = '`format=csv` downloads the table as CSV (UTF-8 with BOM), `format=xlsx` as a spreadsheet file.';
const tableAnswer = (schema: TSchema) => ({
  description: 'The figures as JSON, or the table as CSV or .xlsx (`format`).',
  content: {
    'application/json': { schema },
    'text/csv': { schema: { type: 'string' } },
    [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
  },
});

export const appointmentStatsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const period = (query: { from?: string; to?: string }, now: Date) => {
    const { from, to } = dayRange(query.from, query.to);
    return observatoryPeriod(from, to, now);
  };

  app.get(
    '/stats/appointments',
    {
      config: { cors: TABLE_READ_CORS, cacheControl: 'no-store' },
      // The token first, as `/stats/activity`: an anonymous request learns nothing.
      onRequest: async (request) => {
        const site = (request.query as { site?: unknown }).site;
        const token = await authenticate(ctx.db, request);
        if (isObserver(token.role) && typeof site === 'string' && (await scopeHoldsSite(ctx, token, site))) return;
        authorizeSite(token, typeof site === 'string' ? site : null);
      },
      schema: {
        summary: 'Appointments’ figures of a site',
        description:
          `${FIGURES_TEXT} In all, by reason and by partner, over \`from\`–\`to\` (this year to today by default). Who may read ` +
          '`GET /stats/activity` of the site: its agents and manager, an observer whose scope holds it, an admin. ' +
          `${FORMAT_TEXT} (the table \`group_by\` reason, default, or partner).`,
        tags: ['appointments'],
        security,
        querystring: AppointmentStatsQuery,
        response: { 200: tableAnswer(AppointmentStats), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const site = ctx.catalogue().get(request.query.site);
      if (!site) throw notFound(`No France services site has the id ${request.query.site}.`);
      const stats = await siteAppointmentStats(ctx.db, ctx.directory, site, period(request.query, now), now);
      const { format } = request.query;
      if (format !== 'csv' && format !== 'xlsx') return stats;
      const group = request.query.group_by ?? 'reason';
      return sendTable(
        reply,
        appointmentsTable(
          `rendez-vous-${group === 'reason' ? 'motifs' : 'partenaires'}-${site.id}-${stats.period.from}-${stats.period.to}`,
          `Rendez-vous — ${site.name} du ${stats.period.from} au ${stats.period.to}`,
          'Rendez-vous pris en ligne ou par les agents (sans données personnelles)',
          group,
          group === 'reason' ? stats.by_reason : stats.by_partner,
        ),
        format,
      );
    },
  );
  app.options('/stats/appointments', { config: { cors: TABLE_READ_CORS }, schema: { hide: true } }, async (_request, reply) =>
    reply.code(204).send(),
  );

  app.get(
    '/observatory/appointments',
    {
      config: { cors: TABLE_READ_CORS, cacheControl: 'no-store' },
      onRequest: async (request) => {
        const { departement, carrier } = request.query as { departement?: string; carrier?: string };
        request.observerScope = await requireScope(ctx, request, { departement, carrier });
      },
      schema: {
        summary: 'Appointments of a scope by site, reason or partner',
        description:
          `${FIGURES_TEXT} Over \`from\`–\`to\` (this year to today by default), grouped by \`site\` (default), \`reason\` or ` +
          '`partner`. Scope: `departement` or `carrier`, or none for the token’s own (as the other observatory routes). ' +
          FORMAT_TEXT,
        tags: ['observatory'],
        security,
        querystring: ObservatoryAppointmentsQuery,
        response: { 200: tableAnswer(ObservatoryAppointments), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const resolved = request.observerScope!;
      const groupBy = request.query.group_by ?? 'site';
      const value = await observatoryAppointments(
        ctx.db,
        ctx.directory,
        ctx.catalogue(),
        resolved,
        period(request.query, now),
        groupBy,
        now,
      );
      const { format } = request.query;
      if (format !== 'csv' && format !== 'xlsx') return value;
      const scope =
        resolved.scope.kind === 'departement'
          ? resolved.scope.department
          : resolved.scope.kind === 'carrier'
            ? resolved.scope.carrier
            : 'reseau';
      return sendTable(
        reply,
        appointmentsTable(
          `rendez-vous-${groupBy}-${scope}-${value.period.from}-${value.period.to}`,
          `Rendez-vous — ${value.scope.label} du ${value.period.from} au ${value.period.to}`,
          value.source,
          groupBy,
          value.items,
        ),
        format,
      );
    },
  );
};
