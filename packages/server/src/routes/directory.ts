import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  Directory,
  LocalPartner,
  LocalPartnerCreate,
  LocalPartnerInput,
  Permanence,
  PermanenceCreate,
  PermanenceInput,
  Problem,
  SiteParams,
  SitePartners,
} from '@fs-widgets/contract';
import {
  createLocalPartner,
  createPermanence,
  deleteLocalPartner,
  deletePermanence,
  sitePartners,
  updateLocalPartner,
  updatePermanence,
} from '../directory/local-partners.js';
import { unknownItem } from '../http/problem.js';
import type { AppContext } from '../app-context.js';
import { siteRoutes } from './site-routes.js';

/** Agents edit their lists a few times a month: a minute of cache keeps an edit visible soon. */
const SITE_PARTNERS_CACHE = 'public, max-age=60, stale-while-revalidate=600';

const ItemParams = Type.Object({
  id: SiteParams.properties.id,
  item: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$', description: 'Identifier of the local partner or permanence.' }),
});

const WRITE_DOC =
  'For the agents of the site (a token of this site, or an admin token). E-mail addresses and phone numbers are removed from free texts.';

export const directoryRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { siteOf, agentOfPathSite, actor, write, security } = siteRoutes(ctx);

  app.get(
    '/directory',
    {
      schema: {
        summary: 'The partner directory’s catalogue',
        description:
          'The national partners of the France services charter, the themes (aligned with the data·inclusion referential) and ' +
          'common démarches: who handles each, what to bring, whether it is done at the counter or needs the partner, the ' +
          'official link and the page it is written from. One answer, searched in the browser.',
        tags: ['directory'],
        response: { 200: Directory },
      },
    },
    async () => ctx.directory,
  );

  app.get(
    '/sites/:id/partners',
    {
      config: { cacheControl: SITE_PARTNERS_CACHE },
      schema: {
        summary: 'Who can be met at a site',
        description:
          'The nine national partners (every site offers them by charter), the site’s local partners and its recurring ' +
          'permanences with their next dates (public holidays skipped), sorted by next date.',
        tags: ['directory'],
        params: SiteParams,
        response: { 200: SitePartners, 400: Problem, 404: Problem },
      },
    },
    async (request) => sitePartners(ctx.db, siteOf(request.params.id)),
  );

  app.post(
    '/sites/:id/local-partners',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Add a local partner',
        description: `${WRITE_DOC} Idempotent by \`key\`: 201, the same key again 200 with the same partner, with another partner 409.`,
        tags: ['directory'],
        security,
        params: SiteParams,
        body: LocalPartnerCreate,
        response: { 200: LocalPartner, 201: LocalPartner, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const site = siteOf(request.params.id);
      const { key, ...input } = request.body;
      const written = await createLocalPartner(ctx.db, site.id, key, input, actor(request));
      // The site's record lists its local partners (the card, `offer=local-partner`): this node's catalogue at once.
      if (!written.duplicate) await ctx.reloadCatalogue();
      return reply.code(written.duplicate ? 200 : 201).send(written.value);
    },
  );

  app.put(
    '/sites/:id/local-partners/:item',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Replace a local partner',
        description: WRITE_DOC,
        tags: ['directory'],
        security,
        params: ItemParams,
        body: LocalPartnerInput,
        response: { 200: LocalPartner, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const site = siteOf(request.params.id);
      const updated = await updateLocalPartner(ctx.db, site.id, request.params.item, request.body, actor(request));
      if (!updated) throw unknownItem(`Site ${site.id} has no local partner ${request.params.item}.`);
      await ctx.reloadCatalogue();
      return updated;
    },
  );

  app.delete(
    '/sites/:id/local-partners/:item',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Remove a local partner and its permanences',
        description: 'For the agents of the site (a token of this site, or an admin token).',
        tags: ['directory'],
        security,
        params: ItemParams,
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const site = siteOf(request.params.id);
      if (!(await deleteLocalPartner(ctx.db, site.id, request.params.item, actor(request)))) {
        throw unknownItem(`Site ${site.id} has no local partner ${request.params.item}.`);
      }
      await ctx.reloadCatalogue();
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/sites/:id/permanences',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Add a recurring permanence',
        description:
          `${WRITE_DOC} Of a national partner (\`partner\`) or of one of the site’s local partners (\`local_partner_id\`). ` +
          'Idempotent by `key`: 201, the same key again 200 with the same permanence, with another one 409.',
        tags: ['directory'],
        security,
        params: SiteParams,
        body: PermanenceCreate,
        response: { 200: Permanence, 201: Permanence, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const site = siteOf(request.params.id);
      const { key, ...input } = request.body;
      const written = await createPermanence(ctx.db, site, key, input, actor(request));
      return reply.code(written.duplicate ? 200 : 201).send(written.value);
    },
  );

  app.put(
    '/sites/:id/permanences/:item',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Replace a permanence',
        description: WRITE_DOC,
        tags: ['directory'],
        security,
        params: ItemParams,
        body: PermanenceInput,
        response: { 200: Permanence, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request) => {
      const site = siteOf(request.params.id);
      const updated = await updatePermanence(ctx.db, site, request.params.item, request.body, actor(request));
      if (!updated) throw unknownItem(`Site ${site.id} has no permanence ${request.params.item}.`);
      return updated;
    },
  );

  app.delete(
    '/sites/:id/permanences/:item',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Remove a permanence',
        description: 'For the agents of the site (a token of this site, or an admin token).',
        tags: ['directory'],
        security,
        params: ItemParams,
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const site = siteOf(request.params.id);
      if (!(await deletePermanence(ctx.db, site.id, request.params.item, actor(request)))) {
        throw unknownItem(`Site ${site.id} has no permanence ${request.params.item}.`);
      }
      return reply.code(204).send(null);
    },
  );

  for (const path of [
    '/sites/:id/local-partners',
    '/sites/:id/local-partners/:item',
    '/sites/:id/permanences',
    '/sites/:id/permanences/:item',
  ]) {
    app.options(path, { config: write, schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
  }
};
