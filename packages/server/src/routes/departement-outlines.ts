import { readFileSync } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { DATA_DIR } from '../paths.js';

/**
 * The départements' outlines for `<fs-coverage-map>`'s choropleth: the ANCT's France services map
 * outlines, simplified by `scripts/data/departement-outlines.mjs` (≈ 180 KB, 55 KB gzip). Public
 * data (Licence Ouverte): read once, served as it is, cached a day by browsers and CDNs.
 */
export const departementOutlinesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const body = readFileSync(`${DATA_DIR}departements/departements.geojson`, 'utf8');
  app.get(
    '/departements/outlines',
    {
      config: { cacheControl: 'public, max-age=86400, stale-while-revalidate=604800' },
      schema: {
        summary: 'The départements’ outlines (GeoJSON)',
        description:
          'A FeatureCollection of the 101 départements (properties `code`, the INSEE code, and `name`), simplified to about 800 m. ' +
          'Source: ANCT — contours des départements, carte France services, Licence Ouverte / Etalab 2.0.',
        tags: ['observatory'],
        produces: ['application/geo+json'],
        response: {
          200: Type.Object(
            {
              type: Type.Literal('FeatureCollection'),
              attribution: Type.String(),
              licence: Type.String(),
              features: Type.Array(Type.Unknown()),
            },
            { description: 'GeoJSON FeatureCollection' },
          ),
        },
      },
    },
    // The file's text as it is (a JSON content type with a string payload is not serialized again).
    async (_request, reply) => reply.type('application/geo+json; charset=utf-8').send(body as never),
  );
};
