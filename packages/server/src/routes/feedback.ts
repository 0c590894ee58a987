import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { writeTransaction } from '../db/database.js';
import Type from 'typebox';
import { FeedbackInput, FeedbackReceipt, Problem, SiteParams } from '@fs-widgets/contract';
import { requireToken } from '../auth/tokens.js';
import { prepareAnswer, storeAnswer } from '../feedback/answers.js';
import { feedbackCsv } from '../feedback/feedback-csv.js';
import { FEEDBACK_RATE_LIMITS } from '../feedback/feedback-rate-limits.js';
import { countRequest } from '../http/rate-limit.js';
import { dayRange } from '../http/day-range.js';
import { keyConflict, notFound, tooManyRequests, unknownSite } from '../http/problem.js';
import { checkRecentInstant } from '../http/recent-instant.js';
import type { AppContext } from '../app-context.js';

/**
 * The widgets are embedded in any site: any origin may send an answer. The preflight allows
 * the JSON content type, is cached a day by the browser, and `Retry-After` is readable so a
 * widget's outbox knows when to try again.
 */
const FEEDBACK_CORS = {
  origin: '*',
  methods: ['POST', 'OPTIONS'],
  allowedHeaders: ['content-type'],
  exposedHeaders: ['retry-after'],
  maxAge: 86_400,
};

const FeedbackExportQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date', description: 'First day included (YYYY-MM-DD, in the site’s time zone).' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Last day included (YYYY-MM-DD).' })),
});

export const feedbackRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Answers are JSON only: a text/plain body (what a form or a beacon sends without a
  // preflight) is a 415 that says so, rather than a puzzling "must be object".
  app.removeContentTypeParser('text/plain');

  app.post(
    '/feedback',
    {
      config: { cors: FEEDBACK_CORS },
      schema: {
        summary: 'Send a satisfaction answer',
        description:
          'Idempotent by `key`: the first time 201, the same answer again 200 with `duplicate: true` (counted once), the same key ' +
          'with another answer 409. Unknown fields are refused. E-mail addresses and phone numbers are removed from `comment` ' +
          'before storage. At most 5 `web`, 120 `kiosk` or 60 `phone` answers per hour for one site from one client (429 with `Retry-After`).',
        tags: ['satisfaction'],
        body: FeedbackInput,
        response: { 200: FeedbackReceipt, 201: FeedbackReceipt, 400: Problem, 409: Problem, 422: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const input = request.body;
      checkRecentInstant('answered_at', input.answered_at, now);
      const site = ctx.catalogue().get(input.site_id);
      if (!site) throw unknownSite(input.site_id);
      const answer = prepareAnswer(input, site.time_zone);
      const limit = FEEDBACK_RATE_LIMITS[input.channel];
      const result = await writeTransaction(ctx.db, (trx) =>
        storeAnswer(trx, answer, {
          now,
          admit: async () => {
            const verdict = await countRequest(trx, { subject: [request.ip, input.site_id, input.channel], limit, now });
            if (!verdict.allowed) {
              throw tooManyRequests(
                `At most ${limit} ${input.channel} answers an hour for one site from one client; try again in ${verdict.retryAfterSeconds} s.`,
                verdict.retryAfterSeconds,
              );
            }
          },
        }),
      );
      if (result.outcome === 'conflict') throw keyConflict(input.key, 'answer');
      const duplicate = result.outcome === 'duplicate';
      return reply.code(duplicate ? 200 : 201).send({ id: result.id, key: input.key, duplicate });
    },
  );

  // An explicit preflight route, so the route's CORS settings (not the GET-only defaults) answer it.
  app.options('/feedback', { config: { cors: FEEDBACK_CORS }, schema: { hide: true } }, async (_request, reply) => reply.code(204).send());

  app.get(
    '/sites/:id/feedback.csv',
    {
      config: { cacheControl: 'no-store' },
      // The token is checked first: an anonymous request learns nothing, not even whether its query was valid.
      onRequest: async (request) => {
        await requireToken(ctx.db, request, { site: (request.params as { id: string }).id });
      },
      schema: {
        summary: 'Export a site’s answers (CSV)',
        description:
          'For the agents of the site: a token of this site, or an admin token, in `Authorization: Bearer fsw_…` (docs/security.md). ' +
          'Columns answered_at (UTC), channel, rating, resolved, comment; days are the site’s local days.',
        tags: ['satisfaction'],
        security: [{ bearerToken: [] }],
        params: SiteParams,
        querystring: FeedbackExportQuery,
        response: {
          200: { description: 'text/csv; charset=utf-8, one line per answer', content: { 'text/csv': { schema: { type: 'string' } } } },
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { from, to } = dayRange(request.query.from, request.query.to);
      if (!ctx.catalogue().get(id)) throw notFound(`No France services site has the id ${id}.`);
      let query = ctx.db
        .selectFrom('feedback')
        .select(['answered_at', 'channel', 'rating', 'resolved', 'comment'])
        .where('site_id', '=', id);
      if (from !== null) query = query.where('day', '>=', from);
      if (to !== null) query = query.where('day', '<=', to);
      const rows = await query.orderBy('answered_at').orderBy('id').execute();
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="avis-${id}.csv"`)
        .send(feedbackCsv(rows));
    },
  );
};
