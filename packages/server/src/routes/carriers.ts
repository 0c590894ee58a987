import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import {
  Carrier,
  CarrierCreate,
  ObservatoryCarriers,
  ObservatoryScopeQuery,
  Problem,
  SiteCarrier,
  SiteCarrierInput,
  SiteParams,
} from '@fs-widgets/contract';
import { requireScope, type ResolvedScope } from '../auth/scopes.js';
import { requireToken } from '../auth/tokens.js';
import { carriersInScope, createCarrier, setSiteCarrier, siteCarrier } from '../carriers/carriers.js';
import { notFound } from '../http/problem.js';
import type { AppContext } from '../app-context.js';
import { AGENT_WRITE_CORS } from './demarches-cors.js';

/*
 * Carriers (issue 17; docs/security.md, « Observers »): the carriers of a scope for its
 * observers, and the network administrators' writes (a new carrier, a site's carrier).
 */

declare module 'fastify' {
  interface FastifyRequest {
    /** The scope checked by an observatory route's onRequest hook (auth/scopes.ts). */
    observerScope?: ResolvedScope;
  }
}

const READ_CORS = { ...AGENT_WRITE_CORS, methods: ['GET', 'OPTIONS'] };
const security = [{ bearerToken: [] }];

export const carriersRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  /** The admin's token before the path and body are checked (an anonymous request learns nothing). */
  const adminToken = async (request: FastifyRequest) => {
    request.agentToken = await requireToken(ctx.db, request, { site: null });
  };

  app.get(
    '/observatory/carriers',
    {
      config: { cors: READ_CORS, cacheControl: 'no-store' },
      // The token first: an anonymous request learns nothing, not even whether its query was valid.
      onRequest: async (request) => {
        const { departement, carrier } = request.query as { departement?: string; carrier?: string };
        request.observerScope = await requireScope(ctx, request, { departement, carrier });
      },
      schema: {
        summary: 'The carriers of a scope, with their sites there',
        description:
          'For observers (a département’s, a carrier’s or the network’s token) and admins: the carriers SET by network ' +
          'administrators for the sites of the scope (`departement`, `carrier`, or none: the token’s own scope, the network’s ' +
          'for a network or admin token), most sites first (the network’s view: every carrier, those without a site last), and the sites with no carrier set (of them, those with a carrier ' +
          'guessed from their name). A guess is never counted as a carrier. Another scope than one’s own is `403`.',
        tags: ['observatory'],
        security,
        querystring: ObservatoryScopeQuery,
        response: { 200: ObservatoryCarriers, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => carriersInScope(ctx.db, request.observerScope!),
  );

  app.post(
    '/admin/carriers',
    {
      config: { cors: AGENT_WRITE_CORS },
      preValidation: adminToken,
      schema: {
        summary: 'Name a carrier',
        description:
          'For network administrators: a carrier (structure porteuse) with its slug `id`, name and kind, that sites are then ' +
          'attached to (`PUT /admin/sites/{id}/carrier`). An id already taken is `409`.',
        tags: ['observatory'],
        security,
        body: CarrierCreate,
        response: { 201: Carrier, 400: Problem, 401: Problem, 403: Problem, 409: Problem },
      },
    },
    async (request, reply) => reply.code(201).send(await createCarrier(ctx.db, request.body)),
  );

  app.put(
    '/admin/sites/:id/carrier',
    {
      config: { cors: AGENT_WRITE_CORS },
      preValidation: adminToken,
      schema: {
        summary: 'Set the carrier of a site',
        description:
          'For network administrators: the site’s carrier (`carrier_id`, made with `POST /admin/carriers`), or `null` to remove ' +
          'it (the guess from the name is shown again). Kept across re-imports of the list; each change goes to the site’s ' +
          'history. An unknown carrier is `422`.',
        tags: ['observatory'],
        security,
        params: SiteParams,
        body: SiteCarrierInput,
        response: { 200: SiteCarrier, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!ctx.catalogue().get(id)) throw notFound(`No France services site has the id ${id}.`);
      const changed = await ctx.db.transaction().execute((trx) => setSiteCarrier(trx, id, request.body.carrier_id, request.agentToken!));
      if (changed) await ctx.reloadCatalogue();
      return siteCarrier(ctx.db, id);
    },
  );
};
