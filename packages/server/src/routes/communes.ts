import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CommuneList, CommuneQuery, Problem } from '@fs-widgets/contract';
import { sendJsonText } from '../http/json-text.js';
import { invalidParam } from '../http/problem.js';
import { searchName } from '../communes/search-name.js';
import type { AppContext } from '../app-context.js';

export const communesRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/communes',
    {
      schema: {
        summary: 'Find a commune by name or postcode',
        description:
          'Name prefix (case and accents ignored, “st” = “saint”, leading article optional) or postcode prefix. Paris, Lyon and Marseille arrondissements are included.',
        tags: ['communes'],
        querystring: CommuneQuery,
        response: { 200: CommuneList, 400: Problem },
      },
    },
    async (request, reply) => {
      const { q, limit = 10 } = request.query;
      if (searchName(q) === '') throw invalidParam('q', 'must contain letters or digits');
      // Each commune's JSON is written once per catalogue load; Fastify sends a JSON string as it is.
      return sendJsonText(reply, ctx.catalogue().communes.searchJson(q, limit));
    },
  );
};
