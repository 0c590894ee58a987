import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ActivityStats, ActivityStatsQuery, Problem } from '@fs-widgets/contract';
import { scopeHoldsSite } from '../auth/scopes.js';
import { authenticate, authorizeSite, isObserver } from '../auth/tokens.js';
import { activityStats } from '../demarches/activity-stats.js';
import { dayRange } from '../http/day-range.js';
import { notFound } from '../http/problem.js';
import type { AppContext } from '../app-context.js';

export const activityStatsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/stats/activity',
    {
      config: { cacheControl: 'no-store' },
      // The token first: an anonymous request learns nothing, not even whether its query was valid.
      onRequest: async (request) => {
        const site = (request.query as { site?: unknown }).site;
        const token = await authenticate(ctx.db, request);
        // An observer reads the figures of a site its scope holds (the network's: every site, and the network's own).
        if (isObserver(token.role) && (typeof site === 'string' ? await scopeHoldsSite(ctx, token, site) : token.role === 'network'))
          return;
        authorizeSite(token, typeof site === 'string' ? site : null);
      },
      schema: {
        summary: 'Activity figures of a site or of the network',
        description:
          'Acts recorded by the agents: count, share solved at the first visit, referrals by partner referred to, and groups by ' +
          '`partner`, `theme` (keys `partner/theme`) or `month` (`YYYY-MM`), over the site’s local days `from`–`to`. A site’s figures ' +
          'need a token of that site, of an observer whose scope holds it (a département’s, a carrier’s, the network’s) or an admin’s; ' +
          'the network’s (no `site`) an admin’s or the network observer’s token. Read from monthly roll-ups (whole months) and daily ones (the days of months covered in part), never from the acts.',
        tags: ['demarches'],
        security: [{ bearerToken: [] }],
        querystring: ActivityStatsQuery,
        response: { 200: ActivityStats, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { site, group_by } = request.query;
      const { from, to } = dayRange(request.query.from, request.query.to);
      if (site !== undefined && !ctx.catalogue().get(site)) throw notFound(`No France services site has the id ${site}.`);
      return activityStats(ctx.db, { site: site ?? null, from, to, group_by: group_by ?? null });
    },
  );
};
