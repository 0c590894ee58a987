import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Commune, CommuneList, CommuneParams, CommuneQuery, Problem, ProblemType } from '@fs-widgets/contract';
import { sendJsonText } from '../http/json-text.js';
import { HttpProblem, invalidParam } from '../http/problem.js';
import { searchName } from '@fs-widgets/contract/search-name';
import type { AppContext } from '../app-context.js';

export const communesRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/communes',
    {
      schema: {
        summary: 'Find a commune by name or postcode',
        description:
          'By name: exact names first, then the names it starts (case and accents ignored, “st” = “saint”, leading article ' +
          'optional), each by population; then, when the query ends with a département or territory (its name, its start, its ' +
          'code or a postcode: “saint denis reunion”, “saint denis 974”), the communes of that name there; then names with one, ' +
          'then two typos (“Mnde”, “nanteuil en valee”). By postcode prefix: by the first matching postcode, then population. ' +
          'Paris, Lyon and Marseille arrondissements are included. Each commune has a `label` telling same-name communes apart.',
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

  app.get(
    '/communes/:insee',
    {
      schema: {
        summary: 'One commune by INSEE code',
        description:
          'A commune, an arrondissement or a former commune (commune déléguée or associée), with its `label`: what a search ' +
          'field shows for a commune given by its code (a locator preset on `commune=48095`).',
        tags: ['communes'],
        params: CommuneParams,
        response: { 200: Commune, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const code = request.params.insee.toUpperCase();
      const json = ctx.catalogue().communes.communeJson(code);
      if (json === undefined) {
        throw new HttpProblem(404, ProblemType.unknownCommune, 'Unknown commune', `No commune has the INSEE code ${code}.`);
      }
      return sendJsonText(reply, json);
    },
  );
};
