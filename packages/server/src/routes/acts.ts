import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { writeTransaction } from '../db/database.js';
import { ActInput, Problem, WriteReceipt } from '@fs-widgets/contract';
import { agentOfBodySite } from '../auth/tokens.js';
import { checkAct, prepareAct, storeAct } from '../demarches/acts.js';
import { keyConflict, unknownSite } from '../http/problem.js';
import { checkRecentInstant } from '../http/recent-instant.js';
import type { AppContext } from '../app-context.js';
import { AGENT_WRITE_CORS } from './demarches-cors.js';

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
