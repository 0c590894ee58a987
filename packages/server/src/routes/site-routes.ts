import type { FastifyRequest } from 'fastify';
import type { Site } from '@fs-widgets/contract';
import { requireToken, type TokenInfo } from '../auth/tokens.js';
import { notFound } from '../http/problem.js';
import type { AppContext } from '../app-context.js';
import { AGENT_WRITE_CORS } from './demarches-cors.js';

/**
 * What the routes of a site's own items share (its local partners and permanences, hours,
 * closures, offers, stops): the site of the path, the agents' check made before the body is
 * read, who writes, and the writes' CORS and OpenAPI security.
 */
export function siteRoutes(ctx: AppContext) {
  return {
    /** The site of the path, or a 404 problem. */
    siteOf(id: string): Site {
      const site = ctx.catalogue().get(id);
      if (!site) throw notFound(`No France services site has the id ${id}.`);
      return site;
    },
    /** preValidation: a token of the path's site (agent or manager) or an admin's, before the body (an anonymous request learns nothing about it). */
    async agentOfPathSite(request: FastifyRequest): Promise<void> {
      const { id } = request.params as { id?: unknown };
      request.agentToken = await requireToken(ctx.db, request, { site: typeof id === 'string' ? id : '' });
    },
    /** Who writes: the token `agentOfPathSite` checked, named in the site's history. */
    actor: (request: FastifyRequest): TokenInfo => request.agentToken!,
    write: { cors: AGENT_WRITE_CORS },
    security: [{ bearerToken: [] }],
  };
}
