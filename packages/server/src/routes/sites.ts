import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem, ProblemType, Site, SiteList, SiteListQuery, SiteParams } from '@fs-widgets/contract';
import { HttpProblem, invalidParam, notFound } from '../http/problem.js';
import { findCommune } from '../communes/commune-search.js';
import type { AppContext } from '../app-context.js';

const NEAR = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;
const INSEE = /^(\d{5}|2[AB]\d{3})$/;

function parseNear(near: string): { lat: number; lon: number } {
  const m = NEAR.exec(near);
  if (!m) throw invalidParam('near', 'must be "lat,lon" in decimal degrees, e.g. near=44.518,3.5');
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  if (lat < -90 || lat > 90) throw invalidParam('near', `latitude ${lat} is outside -90..90`);
  if (lon < -180 || lon > 180) throw invalidParam('near', `longitude ${lon} is outside -180..180`);
  return { lat, lon };
}

export const sitesRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/sites',
    {
      schema: {
        summary: 'Nearest France services sites',
        description:
          'Sites ordered by increasing great-circle distance from a point (`near`) or from the centroid of a commune (`commune`).',
        tags: ['sites'],
        querystring: SiteListQuery,
        response: { 200: SiteList, 400: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request) => {
      const { near, commune, limit = 10, radius } = request.query;
      if (near === undefined && commune === undefined) {
        throw invalidParam('near', 'give a search origin: near=lat,lon or commune=<INSEE code>');
      }
      if (near !== undefined && commune !== undefined) {
        throw invalidParam('commune', 'give either near or commune, not both');
      }
      let origin: { lat: number; lon: number };
      let communeRef: { insee: string; name: string } | null = null;
      if (near !== undefined) {
        origin = parseNear(near);
      } else {
        const code = commune!.trim().toUpperCase();
        if (!INSEE.test(code)) throw invalidParam('commune', 'must be an INSEE commune code of 5 characters, e.g. 48095');
        const found = await findCommune(ctx.db, code);
        if (!found) {
          throw new HttpProblem(404, ProblemType.unknownCommune, 'Unknown commune', `No commune has the INSEE code ${code}.`);
        }
        if (found.lat == null || found.lon == null) {
          throw new HttpProblem(
            422,
            ProblemType.unknownCommune,
            'Commune without a known location',
            `${found.name} (${code}) has no known centroid; search with near=lat,lon instead.`,
          );
        }
        origin = { lat: found.lat, lon: found.lon };
        communeRef = { insee: found.insee, name: found.name };
      }
      const items = ctx.catalogue().nearest({ ...origin, limit, radiusKm: radius });
      return {
        items,
        count: items.length,
        origin: { location: origin, commune: communeRef },
        radius_km: radius ?? null,
      };
    },
  );

  app.get(
    '/sites/:id',
    {
      schema: {
        summary: 'One France services site',
        tags: ['sites'],
        params: SiteParams,
        response: { 200: Site, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const site = ctx.catalogue().get(request.params.id);
      if (!site) throw notFound(`No France services site has the id ${request.params.id}.`);
      return site;
    },
  );
};
