import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem, SatisfactionStats, SatisfactionStatsQuery } from '@fs-widgets/contract';
import { satisfactionStats } from '../feedback/satisfaction-stats.js';
import { dayRange } from '../http/day-range.js';
import { notFound } from '../http/problem.js';
import type { AppContext } from '../app-context.js';

/** Figures move with every answer: a minute in caches, then revalidated in the background. */
const STATS_CACHE = 'public, max-age=60, stale-while-revalidate=300';

export const satisfactionStatsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/stats/satisfaction',
    {
      config: { cacheControl: STATS_CACHE },
      schema: {
        summary: 'Satisfaction figures of a site or of the network',
        description:
          'Counts by rating and by answer to "was your request resolved?", for a site (or the whole network without `site`), ' +
          'a range of days (the site’s local days, both included) and a channel. Read from daily aggregates.',
        tags: ['satisfaction'],
        querystring: SatisfactionStatsQuery,
        response: { 200: SatisfactionStats, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { site, channel } = request.query;
      const { from, to } = dayRange(request.query.from, request.query.to);
      if (site !== undefined && !ctx.catalogue().get(site)) throw notFound(`No France services site has the id ${site}.`);
      return satisfactionStats(ctx.db, { site: site ?? null, from, to, channel: channel ?? null });
    },
  );
};
