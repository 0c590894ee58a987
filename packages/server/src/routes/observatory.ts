import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  KEY_FIGURES_MIN_COUNT,
  ObservatoryActivity,
  ObservatoryActivityQuery,
  ObservatoryCompliance,
  ObservatoryComposition,
  ObservatoryCompositionQuery,
  ObservatoryFreshness,
  ObservatoryPeriodQuery,
  ObservatorySatisfaction,
  ObservatorySatisfactionQuery,
  ObservatorySites,
  ObservatorySitesQuery,
  ObservatorySummary,
  ObservatoryTableQuery,
  Problem,
  type ObservatoryFormat,
} from '@fs-widgets/contract';
import type { TSchema } from 'typebox';
import { requireScope, type ResolvedScope } from '../auth/scopes.js';
import { dayRange } from '../http/day-range.js';
import { sendTable, XLSX_MEDIA_TYPE, type Table } from '../http/tabular.js';
import {
  activityTable,
  complianceTable,
  compositionTable,
  freshnessTable,
  observatoryActivity,
  observatoryCompliance,
  observatoryComposition,
  observatoryFreshness,
  observatoryPeriod,
  observatorySatisfaction,
  observatorySites,
  observatorySummary,
  satisfactionTable,
  sitesTable,
} from '../observatory/observatory.js';
import type { AppContext } from '../app-context.js';
import { TABLE_READ_CORS } from './demarches-cors.js';

/*
 * The network observatory's statistics (issue 17, docs/observatory.md): for an observer's scope
 * (a département, a carrier, the network; auth/scopes.ts), its key figures, its sites, the
 * charter's compliance, the network's shape, its data's freshness, activity and satisfaction.
 * Every table answers `format=json|csv|xlsx`.
 */

/** Read from an intranet page on another origin with the observer's token, as the agents' tools. */
const security = [{ bearerToken: [] }];
const SCOPE_TEXT =
  'Scope: `departement` or `carrier`, or none for the token’s own (the network’s for a network or admin token); another ' +
  'scope than one’s own is `403`, an unknown département or carrier `404`.';
const SHARE_TEXT = `Shares are null below ${KEY_FIGURES_MIN_COUNT} records.`;
const FORMAT_TEXT = '`format=csv` downloads the table as CSV (UTF-8 with BOM, for spreadsheets), `format=xlsx` as a spreadsheet file.';

/** A table route's 200: the JSON answer, or the same table as CSV or .xlsx. */
const tableAnswer = (schema: TSchema) => ({
  description: 'The table as JSON, CSV or .xlsx (`format`).',
  content: {
    'application/json': { schema },
    'text/csv': { schema: { type: 'string' } },
    [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
  },
});
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

export const observatoryRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  /** The scope first: an anonymous request learns nothing, not even whether its query was valid. */
  const scopeFirst = async (request: FastifyRequest) => {
    const { departement, carrier } = request.query as { departement?: string; carrier?: string };
    request.observerScope = await requireScope(ctx, request, { departement, carrier });
  };
  const config = { cors: TABLE_READ_CORS, cacheControl: 'no-store' };
  const scopeOf = (request: FastifyRequest): ResolvedScope => request.observerScope!;
  /** The answer as JSON, or as a file of its table. */
  const answer = <T>(reply: FastifyReply, format: ObservatoryFormat | undefined, value: T, table: (value: T) => Table) =>
    format === 'csv' || format === 'xlsx' ? sendTable(reply, table(value), format) : value;
  const period = (query: { from?: string; to?: string }, now: Date) => {
    const { from, to } = dayRange(query.from, query.to);
    return observatoryPeriod(from, to, now);
  };

  app.get(
    '/observatory/summary',
    {
      config,
      onRequest: scopeFirst,
      schema: {
        summary: 'Key figures of a scope',
        description:
          'The sites of the scope by kind and role, acts and the share solved at the first visit, satisfaction answers and the ' +
          'satisfied share over the period (`from`–`to`, this year to today by default), the charter’s compliance, stale ' +
          `data and carriers set, guessed or unknown; with the period and the sources. ${SHARE_TEXT} ${SCOPE_TEXT}`,
        tags: ['observatory'],
        security,
        querystring: ObservatoryPeriodQuery,
        response: { 200: ObservatorySummary, ...problems },
      },
    },
    async (request) => {
      const now = new Date();
      return observatorySummary(ctx, scopeOf(request), period(request.query, now), now);
    },
  );

  app.get(
    '/observatory/sites',
    {
      config,
      onRequest: scopeFirst,
      schema: {
        summary: 'One row per site of a scope',
        description:
          'Kind, role, département, carrier (set, else guessed from the name), weekly hours, open days, the charter’s ' +
          'compliance, last verification, and over the period the acts, the share solved at the first visit, satisfaction ' +
          `answers and the satisfied share. ${SHARE_TEXT} ${SCOPE_TEXT} ${FORMAT_TEXT}`,
        tags: ['observatory'],
        security,
        querystring: ObservatorySitesQuery,
        response: { 200: tableAnswer(ObservatorySites), ...problems },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const resolved = scopeOf(request);
      const value = await observatorySites(ctx, resolved, period(request.query, now), now);
      return answer(reply, request.query.format, value, (v) => sitesTable(v, resolved));
    },
  );

  app.get(
    '/observatory/compliance',
    {
      config,
      onRequest: scopeFirst,
      schema: {
        summary: 'The charter’s opening rule, site by site',
        description:
          'At least 24 hours a week over 5 days for the main sites in fixed premises (formats Fixe and Fixe_antenne(s)); the ' +
          'places of multi-site France services, antennas, buses and roaming sites have other rules (`not-checked`); a site with no hours in ' +
          'the list is `no-hours` (unknown, not short). Weekly hours count overlapping ranges of a day once. Over the next 28 ' +
          `days, the hours the site will actually open: its closures, exceptional hours and public holidays counted. ${SCOPE_TEXT} ${FORMAT_TEXT}`,
        tags: ['observatory'],
        security,
        querystring: ObservatoryTableQuery,
        response: { 200: tableAnswer(ObservatoryCompliance), ...problems },
      },
    },
    async (request, reply) => {
      const resolved = scopeOf(request);
      const value = await observatoryCompliance(ctx, resolved, new Date());
      return answer(reply, request.query.format, value, (v) => complianceTable(v, resolved));
    },
  );

  app.get(
    '/observatory/composition',
    {
      config,
      onRequest: scopeFirst,
      schema: {
        summary: 'The network’s shape: kinds by département or region, carriers',
        description:
          'Sites by kind (fixed, with antennas, multi-site, bus, roaming) and role, by département (`level=departement`, ' +
          'default) or region; carriers set by network administrators, guessed from the name, or unknown, with the unknown ' +
          `share; the programme’s published figures beside the same measured. ${SCOPE_TEXT} ${FORMAT_TEXT}`,
        tags: ['observatory'],
        security,
        querystring: ObservatoryCompositionQuery,
        response: { 200: tableAnswer(ObservatoryComposition), ...problems },
      },
    },
    async (request, reply) => {
      const resolved = scopeOf(request);
      const value = await observatoryComposition(ctx, resolved, request.query.level ?? 'departement', new Date());
      return answer(reply, request.query.format, value, (v) => compositionTable(v, resolved));
    },
  );

  app.get(
    '/observatory/freshness',
    {
      config,
      onRequest: scopeFirst,
      schema: {
        summary: 'Data freshness by département',
        description:
          'Sites whose information no agent confirmed or changed for six months (never verified included), by ' +
          `département. ${SCOPE_TEXT} ${FORMAT_TEXT}`,
        tags: ['observatory'],
        security,
        querystring: ObservatoryTableQuery,
        response: { 200: tableAnswer(ObservatoryFreshness), ...problems },
      },
    },
    async (request, reply) => {
      const resolved = scopeOf(request);
      const value = await observatoryFreshness(ctx, resolved, new Date());
      return answer(reply, request.query.format, value, (v) => freshnessTable(v, resolved));
    },
  );

  app.get(
    '/observatory/activity',
    {
      config,
      onRequest: scopeFirst,
      schema: {
        summary: 'Activity of a scope by site, partner, theme or month',
        description:
          'Acts over the period (`from`–`to`, this year to today by default), grouped by `site` (default), `partner`, `theme` ' +
          '(keys `partner/theme`) or `month`: solved at the first visit, referred, followed up; referrals by partner referred ' +
          `to. Read from the roll-ups, never from the acts. ${SHARE_TEXT} ${SCOPE_TEXT} ${FORMAT_TEXT}`,
        tags: ['observatory'],
        security,
        querystring: ObservatoryActivityQuery,
        response: { 200: tableAnswer(ObservatoryActivity), ...problems },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const resolved = scopeOf(request);
      const value = await observatoryActivity(ctx, resolved, period(request.query, now), request.query.group_by ?? 'site', now);
      return answer(reply, request.query.format, value, (v) => activityTable(v, resolved));
    },
  );

  app.get(
    '/observatory/satisfaction',
    {
      config,
      onRequest: scopeFirst,
      schema: {
        summary: 'Satisfaction of a scope by site or month',
        description:
          'Satisfaction answers over the period (`from`–`to`, this year to today by default), grouped by `site` (default) or ' +
          `\`month\`: answers, the satisfied share, the share « résolu ». ${SHARE_TEXT} ${SCOPE_TEXT} ${FORMAT_TEXT}`,
        tags: ['observatory'],
        security,
        querystring: ObservatorySatisfactionQuery,
        response: { 200: tableAnswer(ObservatorySatisfaction), ...problems },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const resolved = scopeOf(request);
      const value = await observatorySatisfaction(ctx, resolved, period(request.query, now), request.query.group_by ?? 'site', now);
      return answer(reply, request.query.format, value, (v) => satisfactionTable(v, resolved));
    },
  );
};
