import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem, ProblemType, Site, SiteList, SiteListQuery, SiteParams, type SiteKind, type SearchOffer } from '@fs-widgets/contract';
import { SITE_DATA_CACHE } from '../http/cache-control.js';
import { sendJsonText } from '../http/json-text.js';
import { HttpProblem, invalidParam, notFound } from '../http/problem.js';
import { departmentOfInsee } from '../import/far-from-commune.js';
import type { SiteFilter } from '../sites/site-filter.js';
import { MinuteAnswers } from '../sites/answer-cache.js';
import { SESSIONS_KEPT_FROM } from '../sites/site-catalogue.js';
import { estimateProvider } from '../travel/estimate.js';
import { travelTimes } from '../travel/travel-times.js';
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

/** The instant of `at`: the schema checks its form, this rejects what Date cannot read (a leap second). */
function parseAt(at: string | undefined): Date | undefined {
  if (at === undefined) return undefined;
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) throw invalidParam('at', 'must be an ISO 8601 date-time, e.g. 2026-11-30T09:00:00Z');
  return instant;
}

export const sitesRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  /** The searches' answers, kept for their minute (see MinuteAnswers): 8 MB at most. */
  const answers = new MinuteAnswers(8_000_000);

  app.get(
    '/sites',
    {
      config: { cacheControl: SITE_DATA_CACHE },
      schema: {
        summary: 'Nearest France services sites',
        description:
          'Sites ordered by increasing great-circle distance from a point (`near`) or from the centroid of a commune (`commune`), ' +
          'each with the travel time to it (estimated, or from a routing engine). A bus or a site holding permanences in other communes ' +
          'is listed once, at its nearest point: itself, or one of its stops with upcoming sessions (then `at_stop` names the stop and ' +
          'its next sessions, and `distance_km` and `travel` are measured to it). Filters (`open_now`, `saturday`, `kind`, `offer`) apply ' +
          'before `limit`. When nothing is found within `radius`, `suggestion` names the next radius step that finds sites.',
        tags: ['sites'],
        querystring: SiteListQuery,
        response: { 200: SiteList, 400: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const { near, commune, limit = 10, radius, open_now: openNow, saturday, kind, offer, at } = request.query;
      const now = parseAt(at) ?? new Date();
      // One catalogue for the whole request, even if a re-import replaces it meanwhile.
      const catalogue = ctx.catalogue();
      if (near === undefined && commune === undefined) {
        throw invalidParam('near', 'give a search origin: near=lat,lon or commune=<INSEE code>');
      }
      if (near !== undefined && commune !== undefined) {
        throw invalidParam('commune', 'give either near or commune, not both');
      }
      let origin: { lat: number; lon: number };
      let communeRef: { insee: string; name: string } | null = null;
      let originCommune: { insee: string; department: string } | null = null;
      if (near !== undefined) {
        origin = parseNear(near);
      } else {
        const code = commune!.trim().toUpperCase();
        if (!INSEE.test(code)) throw invalidParam('commune', 'must be an INSEE commune code of 5 characters, e.g. 48095');
        const found = catalogue.communes.get(code);
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
        originCommune = { insee: found.insee, department: found.department };
      }
      const filter: SiteFilter = {
        ...(kind ? { kinds: new Set(kind.split(',') as SiteKind[]) } : {}),
        ...(openNow ? { openAt: now } : {}),
        ...(saturday ? { saturday: true } : {}),
        ...(offer ? { offers: [...new Set(offer.split(','))] as SearchOffer[] } : {}),
      };
      // With the estimate, the same search in the same minute gets the same answer: kept (a
      // routing engine is asked each time, as its answers and failures are its own).
      const cacheable = ctx.routing === estimateProvider && now.getTime() >= SESSIONS_KEPT_FROM;
      const key = `${origin.lat},${origin.lon},${communeRef?.insee ?? ''}|${limit}|${radius ?? ''}|${kind ?? ''}|${openNow ? 1 : 0}|${saturday ? 1 : 0}|${offer ?? ''}`;
      const kept = cacheable ? answers.get(catalogue, now, key) : undefined;
      if (kept !== undefined) return sendJsonText(reply, kept);
      const sites = catalogue.nearby({ ...origin, limit, radiusKm: radius, filter }, now);
      const travel = await travelTimes(
        ctx.routing,
        catalogue.roadAccess,
        catalogue.roadAccess.placeOf(origin, originCommune),
        // To the point the site was found at: the site, or the stop nearer the origin.
        sites.map(({ site, atStop }) =>
          atStop
            ? { ...atStop.location, insee: atStop.insee_commune, department: departmentOfInsee(atStop.insee_commune) }
            : { ...site.location, insee: site.address.insee_commune, department: site.address.department, siteId: site.id },
        ),
        { onProviderError: (err) => request.log.warn({ err, provider: ctx.routing.name }, 'routing failed; travel times estimated') },
      );
      const suggestion = sites.length === 0 && radius !== undefined ? catalogue.widerRadius(origin.lat, origin.lon, radius, filter) : null;
      // A SiteList in UTF-8, put together from each site's JSON bytes (written when the catalogue
      // was loaded) and the few fields of this search: the fields in the contract's order, as the
      // schema's serializer would write them, and no string of the whole to encode.
      const pieces: Buffer[] = [Buffer.from('{"items":[')];
      sites.forEach((site, i) => {
        pieces.push(
          site.json.subarray(0, -1),
          Buffer.from(
            `,"distance_km":${site.distance_km},"travel":${JSON.stringify(travel[i])},"at_stop":${JSON.stringify(site.atStop)}}${i < sites.length - 1 ? ',' : ''}`,
          ),
        );
      });
      pieces.push(
        Buffer.from(
          `],"count":${sites.length},` +
            `"origin":${JSON.stringify({ location: { lat: origin.lat, lon: origin.lon }, commune: communeRef })},` +
            `"radius_km":${radius ?? null},"suggestion":${JSON.stringify(suggestion)}}`,
        ),
      );
      const list = Buffer.concat(pieces);
      if (cacheable) answers.set(catalogue, now, key, list);
      return sendJsonText(reply, list);
    },
  );

  app.get(
    '/sites/:id',
    {
      config: { cacheControl: SITE_DATA_CACHE },
      schema: {
        summary: 'One France services site',
        description: 'With the stops of an itinerant site and their next sessions, when a source publishes them.',
        tags: ['sites'],
        params: SiteParams,
        response: { 200: Site, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      // The site's JSON is written once per catalogue load (its stops' sessions once a minute).
      const site = ctx.catalogue().getJsonBytes(request.params.id);
      if (site === undefined) throw notFound(`No France services site has the id ${request.params.id}.`);
      return sendJsonText(reply, site);
    },
  );
};
