import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { OutreachStop, OutreachStopCreate, OutreachStopInput, OutreachStopList, Problem, SiteParams } from '@fs-widgets/contract';
import { SITE_DATA_CACHE } from '../http/cache-control.js';
import { notFound, unknownItem } from '../http/problem.js';
import {
  createOutreachStop,
  deleteOutreachStop,
  listOutreachStops,
  MAX_STOPS_PER_SITE,
  updateOutreachStop,
} from '../outreach/outreach-stops.js';
import { CALENDAR_DAYS, siteCalendar } from '../outreach/stop-calendar.js';
import type { AppContext } from '../app-context.js';
import { siteRoutes } from './site-routes.js';

const ItemParams = Type.Object({
  id: SiteParams.properties.id,
  item: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$', description: 'Identifier of the stop.' }),
});

const WRITE_DOC =
  'For the agents of the site (a token of this site, or an admin token). The commune must exist (it names the stop’s commune); ' +
  'a point given lies within 30 km of the commune’s centre (100 km overseas), none places the stop at that centre; each rule ' +
  'ends after it starts; a change (a cancelled or moved session) names a date the rules hold. Bad input gets a 400 or 422 ' +
  'problem naming the field, and changes nothing. Each write is kept in the site’s history.';

export const outreachRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { siteOf, agentOfPathSite, actor, write, security } = siteRoutes(ctx);

  app.get(
    '/sites/:id/stops',
    {
      config: { cacheControl: SITE_DATA_CACHE },
      schema: {
        summary: 'A site’s outreach stops, as its agents edit them',
        description:
          'A bus’s stops and the permanences its agents hold in other communes, with their rules, cancelled and moved sessions ' +
          '(the public reads them with their next sessions in `Site.stops`).',
        tags: ['sites'],
        params: SiteParams,
        response: { 200: OutreachStopList, 400: Problem, 404: Problem },
      },
    },
    async (request) => listOutreachStops(ctx.db, siteOf(request.params.id).id),
  );

  app.post(
    '/sites/:id/stops',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Add an outreach stop',
        description: `${WRITE_DOC} At most ${MAX_STOPS_PER_SITE} stops per site. Idempotent by \`key\`: 201, the same key again 200 with the same stop, with another stop 409.`,
        tags: ['sites'],
        security,
        params: SiteParams,
        body: OutreachStopCreate,
        response: {
          200: OutreachStop,
          201: OutreachStop,
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
      const written = await createOutreachStop(ctx.db, ctx.catalogue().communes, site.id, actor(request), key, input);
      if (!written.duplicate) await ctx.reloadCatalogue();
      return reply.code(written.duplicate ? 200 : 201).send(written.value);
    },
  );

  app.put(
    '/sites/:id/stops/:item',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Replace an outreach stop',
        description: `${WRITE_DOC} The editor sends the whole stop, its \`changes\` (cancelled or moved sessions) included.`,
        tags: ['sites'],
        security,
        params: ItemParams,
        body: OutreachStopInput,
        response: { 200: OutreachStop, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request) => {
      const site = siteOf(request.params.id);
      const updated = await updateOutreachStop(
        ctx.db,
        ctx.catalogue().communes,
        site.id,
        request.params.item,
        actor(request),
        request.body,
      );
      if (!updated) throw unknownItem(`Site ${site.id} has no stop ${request.params.item}.`);
      await ctx.reloadCatalogue();
      return updated;
    },
  );

  app.delete(
    '/sites/:id/stops/:item',
    {
      config: write,
      preValidation: agentOfPathSite,
      schema: {
        summary: 'Remove an outreach stop',
        description: 'For the agents of the site (a token of this site, or an admin token). Kept in the site’s history.',
        tags: ['sites'],
        security,
        params: ItemParams,
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const site = siteOf(request.params.id);
      if (!(await deleteOutreachStop(ctx.db, site.id, request.params.item, actor(request)))) {
        throw unknownItem(`Site ${site.id} has no stop ${request.params.item}.`);
      }
      await ctx.reloadCatalogue();
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/sites/:id/calendar.ics',
    {
      config: { cacheControl: SITE_DATA_CACHE },
      schema: {
        summary: 'A site’s outreach sessions as an iCalendar file',
        description:
          `The sessions of the site’s stops over the next ${CALENDAR_DAYS} days (RFC 5545, one event per session, in UTC from the ` +
          'stops’ local hours): cancelled sessions absent, moved ones at their new time. To subscribe to in a phone’s calendar. ' +
          'A site without stops gets an empty (valid) calendar.',
        tags: ['sites'],
        params: SiteParams,
        produces: ['text/calendar'],
        response: { 200: Type.String({ description: 'text/calendar; charset=utf-8' }), 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const catalogue = ctx.catalogue();
      const site = catalogue.get(request.params.id);
      if (!site) throw notFound(`No France services site has the id ${request.params.id}.`);
      const text = siteCalendar(site, catalogue.stopsOf(site.id) ?? [], new Date());
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="france-services-${site.id}.ics"`)
        .send(text);
    },
  );
};
