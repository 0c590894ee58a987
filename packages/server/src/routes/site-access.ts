import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import {
  Problem,
  SiteAccess,
  SiteAccessCreate,
  SiteAccessCreated,
  SiteAccessList,
  SiteAccessMe,
  SiteAccessUpdate,
  SiteHistory,
  SiteHistoryQuery,
  SiteParams,
  UnverifiedSites,
  UnverifiedSitesQuery,
  type Site,
} from '@fs-widgets/contract';
import { requireToken, type TokenInfo } from '../auth/tokens.js';
import { notFound } from '../http/problem.js';
import { readSiteHistory } from '../site-admin/history.js';
import {
  createSiteAccess,
  listSiteAccess,
  MAX_EXPIRY_DAYS,
  revokeSiteAccess,
  unverifiedSites,
  updateSiteAccess,
} from '../site-admin/site-access.js';
import type { AppContext } from '../app-context.js';
import { AGENT_WRITE_CORS } from './demarches-cors.js';

/*
 * A site's own administration (issue 16; docs/security.md, « Roles »): its agents' and
 * managers' access, its history, and the network administrators' list of sites nobody
 * verified. Access changes are not public information: no catalogue reload.
 */

const AccessParams = Type.Object({
  id: SiteParams.properties.id,
  access: Type.String({ pattern: '^[0-9a-f]{12}$', description: 'The access’s id (the 12 hex digits of its token, not secret).' }),
});

/** The site's intranet page (any origin) reads and writes with a token: GETs too are preflighted. */
const ADMIN_CORS = { ...AGENT_WRITE_CORS, methods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'] };
const PRIVATE = { cors: ADMIN_CORS, cacheControl: 'no-store' };
const security = [{ bearerToken: [] }];
const tags = ['site-admin'];

export const siteAccessRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const siteOf = (id: string): Site => {
    const site = ctx.catalogue().get(id);
    if (!site) throw notFound(`No France services site has the id ${id}.`);
    return site;
  };
  /** preValidation: the token before the path and body are checked (an anonymous request learns nothing). */
  const tokenOfPathSite = (role: 'agent' | 'manager') => async (request: FastifyRequest) => {
    const { id } = request.params as { id?: unknown };
    request.agentToken = await requireToken(ctx.db, request, { site: typeof id === 'string' ? id : '', role });
  };
  const tokenOf = (request: FastifyRequest): TokenInfo => request.agentToken!;

  app.get(
    '/sites/:id/access',
    {
      config: PRIVATE,
      preValidation: tokenOfPathSite('manager'),
      schema: {
        summary: 'The access of a site’s agents and managers',
        description:
          'For the site’s manager (or an admin): every access of the site, oldest first, with its state (`active`, `expired`, ' +
          '`revoked`), its creator’s label and when it was last used (to the minute). Never a secret. `Cache-Control: no-store`.',
        tags,
        security,
        params: SiteParams,
        response: { 200: SiteAccessList, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => listSiteAccess(ctx.db, siteOf(request.params.id).id),
  );

  app.post(
    '/sites/:id/access',
    {
      config: { cors: ADMIN_CORS },
      preValidation: tokenOfPathSite('manager'),
      schema: {
        summary: 'Give an agent (or a manager) access to the site',
        description:
          'A manager creates agents’ access for their site (`role: manager` is `403`: a manager’s access is made by an admin or ' +
          'on the command line); an admin creates both. `expires_on` is the last day the access works, in the site’s time zone ' +
          `(refused from the next local midnight), today up to ${MAX_EXPIRY_DAYS} days ahead; none: until revoked. Answers ` +
          '`201` with the token, shown this once (only its hash is kept). At most 100 active access per site (`409`).',
        tags,
        security,
        params: SiteParams,
        body: SiteAccessCreate,
        response: { 201: SiteAccessCreated, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const created = await createSiteAccess(ctx.db, siteOf(request.params.id), tokenOf(request), request.body);
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.patch(
    '/sites/:id/access/:access',
    {
      config: { cors: ADMIN_CORS },
      preValidation: tokenOfPathSite('manager'),
      schema: {
        summary: 'Relabel an access or change its last day',
        description:
          'A manager changes the agents’ access of their site, not a manager’s (`403`); an admin any access of the site. ' +
          '`expires_on: null` removes the expiry. A revoked access cannot be changed (`409`); an access of another site is `404`.',
        tags,
        security,
        params: AccessParams,
        body: SiteAccessUpdate,
        response: { 200: SiteAccess, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => updateSiteAccess(ctx.db, siteOf(request.params.id), tokenOf(request), request.params.access, request.body),
  );

  app.delete(
    '/sites/:id/access/:access',
    {
      config: { cors: ADMIN_CORS },
      preValidation: tokenOfPathSite('manager'),
      schema: {
        summary: 'Revoke an access',
        description:
          'Refused from the next request on. A manager revokes the agents’ access of their site and their own, not another ' +
          'manager’s (`403`); an admin any access of the site. Revoking it again is `204` too (nothing changes). An access of ' +
          'another site is `404`.',
        tags,
        security,
        params: AccessParams,
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      await revokeSiteAccess(ctx.db, siteOf(request.params.id).id, tokenOf(request), request.params.access);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/sites/:id/access/me',
    {
      config: PRIVATE,
      preValidation: tokenOfPathSite('agent'),
      schema: {
        summary: 'What the token sent may do at this site',
        description:
          'For any valid token of the site (agent or manager) or an admin: its id, role, label and expiry, so that a widget ' +
          'shows the screens of that role. Another site’s token is `403`; a missing, revoked or expired one `401`.',
        tags,
        security,
        params: SiteParams,
        response: { 200: SiteAccessMe, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      siteOf(request.params.id);
      const token = tokenOf(request);
      // tokenOfPathSite admitted an agent's, a manager's or an admin's token only (observers are 403 there).
      const role = token.role as SiteAccessMe['role'];
      return { id: token.id, role, label: token.label, site_id: token.site_id, expires_at: token.expires_at };
    },
  );

  app.get(
    '/sites/:id/history',
    {
      config: PRIVATE,
      preValidation: tokenOfPathSite('manager'),
      schema: {
        summary: 'The history of a site’s public information',
        description:
          'For the site’s manager (or an admin): every change to what the site publishes and to its access, newest first — ' +
          'who (the access’s label and role), when, what, before and after. Append-only: the database refuses to change or ' +
          'delete an entry. Pages of `limit` (1–200, default 50): pass `next_before` as `before` for the next one.',
        tags,
        security,
        params: SiteParams,
        querystring: SiteHistoryQuery,
        response: { 200: SiteHistory, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => readSiteHistory(ctx.db, siteOf(request.params.id).id, request.query),
  );

  app.get(
    '/admin/unverified-sites',
    {
      config: PRIVATE,
      preValidation: async (request) => {
        request.agentToken = await requireToken(ctx.db, request, { site: null });
      },
      schema: {
        summary: 'Sites whose information nobody verified for months',
        description:
          'For network administrators: the sites of the list whose agents have not confirmed or changed their information for ' +
          '`months` calendar months (1–24, default 6), sites never verified included (`verified_at: null`, listed first), then ' +
          'the oldest verification first. Pages of `size` (1–1000, default 200).',
        tags,
        security,
        querystring: UnverifiedSitesQuery,
        response: { 200: UnverifiedSites, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (request) => unverifiedSites(ctx.db, request.query),
  );

  for (const path of ['/sites/:id/access', '/sites/:id/access/:access', '/sites/:id/access/me', '/sites/:id/history']) {
    app.options(path, { config: { cors: ADMIN_CORS }, schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
  }
};
