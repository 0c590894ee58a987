import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { API_VERSION, Meta } from '@fs-widgets/contract';
import { SOURCES } from '@fs-widgets/contract/sources';
import type { AppContext } from '../app-context.js';

interface ImportRecord {
  imported_at: string;
  sites: { records: number };
  communes: { records: number };
  postcodes: { records: number };
  /** Absent from imports made before the itinerant stops were loaded. */
  itinerant_stops?: { records: number };
}

export const metaRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/meta',
    {
      schema: {
        summary: 'Data sources, dates, licences and counts',
        description: 'Show the `attribution` of each source wherever its data is shown.',
        tags: ['meta'],
        response: { 200: Meta },
      },
    },
    async () => {
      const row = await ctx.db.selectFrom('meta').select('value').where('key', '=', 'import').executeTakeFirst();
      const record: ImportRecord | null = row ? JSON.parse(row.value) : null;
      const { file: _s, ...sites } = SOURCES.sites;
      const { file: _p, ...postcodes } = SOURCES.postcodes;
      const { file: _c, ...cog } = SOURCES.cog;
      const { file: _i, ...itinerantStops } = SOURCES.itinerantStops;
      return {
        name: 'France services widgets',
        version: ctx.version,
        api_version: API_VERSION,
        imported_at: record?.imported_at ?? '',
        counts: { sites: ctx.catalogue().size, communes: record?.communes.records ?? 0 },
        sources: [
          { ...sites, records: record?.sites.records ?? 0 },
          { ...postcodes, records: record?.postcodes.records ?? 0 },
          { ...cog, records: record?.communes.records ?? 0 },
          { ...itinerantStops, records: record?.itinerant_stops?.records ?? 0 },
        ],
      };
    },
  );
};
