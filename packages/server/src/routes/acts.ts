import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { writeTransaction } from '../db/database.js';
import { ActInput, Problem, ProblemType, WriteReceipt } from '@fs-widgets/contract';
import { authenticate, authorizeSite, type TokenInfo } from '../auth/tokens.js';
import { checkAct, prepareAct, storeAct } from '../demarches/acts.js';
import { HttpProblem } from '../http/problem.js';
import { checkRecentInstant } from '../http/recent-instant.js';
import type { AppContext } from '../app-context.js';
import { AGENT_WRITE_CORS } from './demarches-cors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The token checked by `agentOfBodySite`. */
    agentToken?: TokenInfo;
  }
}

/**
 * preValidation hook of the agents' writes whose site is in the body: the token is checked
 * before the body is (an anonymous request learns nothing about its body), then against the
 * body's `site_id` when there is one (403 for another site's agent).
 */
export const agentOfBodySite = (ctx: AppContext) => async (request: import('fastify').FastifyRequest) => {
  const token = await authenticate(ctx.db, request);
  const site = (request.body as { site_id?: unknown } | null)?.site_id;
  if (typeof site === 'string') authorizeSite(token, site);
  request.agentToken = token;
};

export const unknownSite = (site: string) =>
  new HttpProblem(422, ProblemType.unknownSite, 'Unknown site', `No France services site has the id ${site}.`, [
    { name: 'site_id', reason: 'is not the identifier of a site of the France services list' },
  ]);

export const keyConflict = (key: string, what: string) =>
  new HttpProblem(409, ProblemType.conflict, 'Key already used', `The key ${key} was already used for another ${what}.`, [
    { name: 'key', reason: `key already used for another ${what}: make a new key for each one` },
  ]);

export const actsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/acts',
    {
      config: { cors: AGENT_WRITE_CORS },
      preValidation: agentOfBodySite(ctx),
      schema: {
        summary: 'Record a request handled by an agent',
        description:
          'For the agents of the site (a token of `site_id`, or an admin token). No personal data: partner, theme (one of the ' +
          'partner’s), outcome, partner referred to (exactly when the outcome is `referred`), channel, when. Idempotent by `key`: ' +
          '201, the same act again 200 `duplicate: true` (counted once), the same key with another act 409. `acted_at` at most ' +
          '5 minutes ahead, 30 days old.',
        tags: ['demarches'],
        security: [{ bearerToken: [] }],
        body: ActInput,
        response: { 200: WriteReceipt, 201: WriteReceipt, 400: Problem, 401: Problem, 403: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const input = request.body;
      checkAct(input);
      checkRecentInstant('acted_at', input.acted_at, now);
      const site = ctx.catalogue().get(input.site_id);
      if (!site) throw unknownSite(input.site_id);
      const act = prepareAct(input, site.time_zone);
      const result = await writeTransaction(ctx.db, (trx) => storeAct(trx, act, { now }));
      if (result.outcome === 'conflict') throw keyConflict(input.key, 'act');
      const duplicate = result.outcome === 'duplicate';
      return reply.code(duplicate ? 200 : 201).send({ id: result.id, key: input.key, duplicate });
    },
  );

  app.options('/acts', { config: { cors: AGENT_WRITE_CORS }, schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
};
