import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { KEY_FIGURES_MIN_COUNT, KeyFigures, KeyFiguresQuery, Problem } from '@fs-widgets/contract';
import { localDay } from '../dates/local-day.js';
import { invalidParam, notFound } from '../http/problem.js';
import { keyFigures } from '../key-figures/key-figures.js';
import type { AppContext } from '../app-context.js';

/** Figures move with every act and answer: a minute in caches, then revalidated in the background (as satisfaction figures). */
const STATS_CACHE = 'public, max-age=60, stale-while-revalidate=300';

/** The calendar of the published period: the national one, whatever the site's time zone. */
const PERIOD_TIME_ZONE = 'Europe/Paris';

export const keyFiguresRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/stats/key-figures',
    {
      config: { cacheControl: STATS_CACHE },
      schema: {
        summary: 'Public key figures of the network or of a site',
        description:
          'For the communication kit: over a calendar year (the current one by default, in Europe/Paris, up to today), the ' +
          'requests handled by the agents (acts), the share solved at the first visit, the number of satisfaction answers and ' +
          `the share of satisfied users; for the network, the number of sites in the list. A share is null below ` +
          `${KEY_FIGURES_MIN_COUNT} acts or answers (docs/security.md). Public, read from the daily aggregates.`,
        tags: ['figures'],
        querystring: KeyFiguresQuery,
        response: { 200: KeyFigures, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { site } = request.query;
      const now = new Date();
      const today = localDay(now, PERIOD_TIME_ZONE);
      const currentYear = Number(today.slice(0, 4));
      const year = request.query.year ?? currentYear;
      if (year > currentYear) throw invalidParam('year', `must not be after the current year (${currentYear})`);
      const catalogue = ctx.catalogue();
      if (site !== undefined && !catalogue.get(site)) throw notFound(`No France services site has the id ${site}.`);
      return keyFigures(ctx.db, { site: site ?? null, year, today, sitesInList: catalogue.size, now });
    },
  );
};
