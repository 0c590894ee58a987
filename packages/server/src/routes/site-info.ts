import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  ExceptionalHours,
  ExceptionalHoursCreate,
  ExceptionalHoursInput,
  ExceptionalHoursList,
  Problem,
  Site,
  SiteHoursInput,
  SiteOffersInput,
  SiteParams,
  SiteVerification,
  type Site as SiteRecord,
} from '@fs-widgets/contract';
import { SITE_DATA_CACHE } from '../http/cache-control.js';
import { unknownItem } from '../http/problem.js';
import {
  checkException,
  checkWeek,
  createException,
  deleteException,
  listExceptions,
  MAX_CURRENT_EXCEPTIONS,
  MAX_EXCEPTION_DAYS,
  setSiteHours,
  setSiteOffers,
  updateException,
  verifySite,
} from '../site-admin/site-info.js';
import type { AppContext } from '../app-context.js';
import { siteRoutes } from './site-routes.js';

const ItemParams = Type.Object({
  id: SiteParams.properties.id,
  item: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$', description: 'Identifier of the exception.' }),
});

const WRITE_DOC =
  'For the agents of the site (a token of this site, of its manager, or an admin token). Bad input gets a 400 or 422 problem ' +
  'naming the field and changes nothing. Each write is kept in the site’s history, sets `verified_at` (« Informations ' +
  'vérifiées le … ») and shows in `GET /sites/{id}`, the searches and the exports at once on this node (other nodes within ' +
  '`FS_CATALOGUE_REFRESH_SECONDS`); public copies are kept 60 s at most.';

const EXCEPTION_DOC =
  `One day or a date range (at most ${MAX_EXCEPTION_DAYS} days; \`ends_on\` on or after \`starts_on\`, and today or later in the ` +
  'site’s time zone): closed (`closed: true`, `hours` empty), or open at other hours (`hours`: 1 to 6 ranges, each closing after ' +
  'it opens, none overlapping). On its days it replaces the weekly hours and the public holiday everywhere: open now, next ' +
  `opening, the OSM string, the exports. At most ${MAX_CURRENT_EXCEPTIONS} current or upcoming exceptions a site. The reason ` +
  'is public: e-mail addresses and phone numbers are removed from it.';

export const siteInfoRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { siteOf, agentOfPathSite, actor, write, security } = siteRoutes(ctx);
  /** The site as the API now shows it: this node's catalogue reloaded after the write. */
  const reloaded = async (id: string): Promise<SiteRecord> => {
    await ctx.reloadCatalogue();
    return siteOf(id);
  };

  app.put(
    '/sites/:id/hours',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Publish the site’s weekly hours',
        description:
          `${WRITE_DOC} Each day: at most 6 ranges, each closing after it opens (\`24:00\` for midnight), none overlapping another ` +
          '(422 naming it, e.g. `hours.tu[1].closes`). They replace the ANCT list’s hours (`hours_source: site`); a re-import of the ' +
          'list never overwrites them and reports where the two differ.',
        tags: ['sites'],
        security,
        params: SiteParams,
        body: SiteHoursInput,
        response: { 200: Site, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request) => {
      const site = siteOf(request.params.id);
      const hours = checkWeek(request.body.hours);
      await setSiteHours(ctx.db, site, hours, actor(request));
      return reloaded(site.id);
    },
  );

  app.get(
    '/sites/:id/exceptions',
    {
      config: { cacheControl: SITE_DATA_CACHE },
      schema: {
        summary: 'A site’s exceptional closures and hours',
        description:
          'Current and upcoming ones (their last day is today or later in the site’s time zone), by first day: the same as `Site.exceptions`.',
        tags: ['sites'],
        params: SiteParams,
        response: { 200: ExceptionalHoursList, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const site = siteOf(request.params.id);
      return { site_id: site.id, items: await listExceptions(ctx.db, site) };
    },
  );

  app.post(
    '/sites/:id/exceptions',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Publish an exceptional closure or exceptional hours',
        description: `${WRITE_DOC} ${EXCEPTION_DOC} Idempotent by \`key\`: 201, the same key again 200 with the same exception, with another one 409.`,
        tags: ['sites'],
        security,
        params: SiteParams,
        body: ExceptionalHoursCreate,
        response: {
          200: ExceptionalHours,
          201: ExceptionalHours,
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          409: Problem,
          422: Problem,
        },
      },
    },
    async (request, reply) => {
      const site = siteOf(request.params.id);
      const { key, ...input } = request.body;
      const written = await createException(ctx.db, site, key, checkException(input, site.time_zone, new Date()), actor(request));
      if (!written.duplicate) await ctx.reloadCatalogue();
      return reply.code(written.duplicate ? 200 : 201).send(written.value);
    },
  );

  app.put(
    '/sites/:id/exceptions/:item',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Replace an exceptional closure or exceptional hours',
        description: `${WRITE_DOC} ${EXCEPTION_DOC}`,
        tags: ['sites'],
        security,
        params: ItemParams,
        body: ExceptionalHoursInput,
        response: { 200: ExceptionalHours, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request) => {
      const site = siteOf(request.params.id);
      const input = checkException(request.body, site.time_zone, new Date());
      const updated = await updateException(ctx.db, site, request.params.item, input, actor(request));
      if (!updated) throw unknownItem(`Site ${site.id} has no exception ${request.params.item}.`);
      await ctx.reloadCatalogue();
      return updated;
    },
  );

  app.delete(
    '/sites/:id/exceptions/:item',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Remove an exceptional closure or exceptional hours',
        description: WRITE_DOC,
        tags: ['sites'],
        security,
        params: ItemParams,
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const site = siteOf(request.params.id);
      if (!(await deleteException(ctx.db, site, request.params.item, actor(request)))) {
        throw unknownItem(`Site ${site.id} has no exception ${request.params.item}.`);
      }
      await ctx.reloadCatalogue();
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/sites/:id/offers',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Publish the site’s typed offers',
        description: `${WRITE_DOC} The whole list at once (an empty list removes them all); the searches filter on them (\`offer=\`).`,
        tags: ['sites'],
        security,
        params: SiteParams,
        body: SiteOffersInput,
        response: { 200: Site, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const site = siteOf(request.params.id);
      await setSiteOffers(ctx.db, site, request.body.offers, actor(request));
      return reloaded(site.id);
    },
  );

  app.post(
    '/sites/:id/verify',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Confirm the site’s information is true today',
        description: `${WRITE_DOC} « Informations vérifiées le … » shows this date; network admins list the sites nobody verified for six months.`,
        tags: ['sites'],
        security,
        params: SiteParams,
        response: { 200: SiteVerification, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const site = siteOf(request.params.id);
      const verification = await verifySite(ctx.db, site, actor(request));
      await ctx.reloadCatalogue();
      return verification;
    },
  );
};
