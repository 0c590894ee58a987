import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CoverageCommunes,
  CoverageQuery,
  CoverageSummary,
  Problem,
  ProblemType,
  WHAT_IF_MAX_CHANGES,
  WhatIfInput,
  WhatIfQuery,
  WhatIfResult,
  type CommuneCoverage,
} from '@fs-widgets/contract';
import { requireScope, scopeView, type ResolvedScope } from '../auth/scopes.js';
import { coverageOf, type CoverageOptions } from '../coverage/coverage-cache.js';
import {
  communesGeoJson,
  communesOf,
  communesTable,
  coverageRows,
  figuresOf,
  rowsTable,
  whatIfCommunes,
} from '../coverage/coverage-answers.js';
import type { CoverageModel, Scenario } from '../coverage/coverage-model.js';
import { addedPoint, type CoveragePoint } from '../coverage/coverage-places.js';
import { HttpProblem, invalidParam } from '../http/problem.js';
import { sendJsonText } from '../http/json-text.js';
import { sendTable } from '../http/tabular.js';
import { ESTIMATE_V2 } from '../travel/estimate.js';
import type { AppContext } from '../app-context.js';
import { AGENT_WRITE_CORS, TABLE_READ_CORS } from './demarches-cors.js';

/*
 * The coverage of the communes (issue 17, docs/coverage.md) for the network's observers: a
 * département's, a carrier's or the network's token, or an admin's. A scope sees the communes of
 * its départements (a carrier's: those of its sites), and nothing else.
 */

declare module 'fastify' {
  interface FastifyRequest {
    /** The scope checked by an observatory route's onRequest hook (auth/scopes.ts). */
    observerScope?: ResolvedScope;
  }
}

const WRITE_CORS = { ...AGENT_WRITE_CORS, methods: ['POST', 'OPTIONS'] };
const security = [{ bearerToken: [] }];

/** The token first: an anonymous request learns nothing, not even whether its query was valid. */
const scoped = (ctx: AppContext) => async (request: FastifyRequest) => {
  const { departement, carrier } = request.query as { departement?: string; carrier?: string };
  request.observerScope = await requireScope(ctx, request, { departement, carrier });
};

const scenarioOf = (outreach: boolean | undefined): Scenario => (outreach === false ? 'fixed' : 'outreach');

/** The routing engine, if any, times the communes in the background; its failures are logged. */
const coverageOptions = (ctx: AppContext, request: FastifyRequest): CoverageOptions => ({
  routing: ctx.routing,
  onProviderError: (err) => request.log.warn({ err, provider: ctx.routing.name }, 'routing failed; coverage trips estimated'),
});

/** The model's fields of every answer; a what-if is always by the estimate. */
const modelOf = (model: CoverageModel, method: 'estimate' | 'routing' = model.method) => ({
  model: ESTIMATE_V2.name,
  method,
  computed_at: model.computedAt.toISOString(),
  routing: model.routing && {
    provider: model.routing.provider,
    state: model.routing.state,
    communes: model.routing.communes,
    communes_done: model.routing.communesDone,
    routed_trips: model.routing.routedTrips,
    estimated_trips: model.routing.estimatedTrips,
    started_at: model.routing.startedAt.toISOString(),
    finished_at: model.routing.finishedAt?.toISOString() ?? null,
  },
});

/** A file stem naming the scope: `couverture-48`, `couverture-la-poste`, `couverture-france`. */
function fileStem(what: string, scope: ResolvedScope): string {
  const { scope: s } = scope;
  return `${what}-${s.kind === 'departement' ? s.department : s.kind === 'carrier' ? s.carrier : 'france'}`;
}

const FORMATS_DESCRIPTION =
  '`format`: `json` (default), `csv` (UTF-8 with a BOM, formula-injection safe), `xlsx`, or `geojson` (a FeatureCollection: ' +
  'each commune a Point at its centroid, the point its minutes are timed from, its coverage as properties; null geometry ' +
  'without a centroid).';

export const coverageRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/observatory/coverage',
    {
      config: { cors: TABLE_READ_CORS, cacheControl: 'no-store' },
      onRequest: scoped(ctx),
      schema: {
        summary: 'Coverage of the population by France services, in travel time',
        description:
          'For observers and admins: the shares of the population within 10, 20, 30 and 45 minutes of a France services by ' +
          'the travel model (estimate-v2, from each commune’s centroid, docs/coverage.md), with the fixed sites alone and ' +
          'with the outreach points (stops of buses and permanences); the white zones (beyond 30 minutes by road); for the ' +
          'network the national row, each region and each département, for a département or a carrier its département(s). ' +
          '`format=csv|xlsx` gives the rows as a table (`outreach=false`: the fixed sites’ figures). Another scope than ' +
          'one’s own is `403`.',
        tags: ['observatory'],
        security,
        querystring: CoverageQuery,
        response: { 200: CoverageSummary, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const scope = request.observerScope!;
      const { format = 'json', outreach } = request.query;
      if (format === 'geojson') throw invalidParam('format', 'the summary is a table: json, csv or xlsx (geojson is for the communes)');
      const model = coverageOf(ctx.catalogue(), coverageOptions(ctx, request));
      const rows = coverageRows(model, scope.departments);
      if (format !== 'json')
        return sendTable(reply, rowsTable(fileStem('couverture', scope), scope.label, scenarioOf(outreach), rows), format);
      const counts = { sites: 0, stops: 0, homes: 0 };
      for (const p of model.points) counts[p.kind === 'site' ? 'sites' : p.kind === 'stop' ? 'stops' : 'homes']++;
      const summary: CoverageSummary = {
        scope: scopeView(scope),
        ...modelOf(model),
        computation_ms: Math.round(model.durationMs),
        points: counts,
        fixed: figuresOf(model.totals('fixed', scope.departments)),
        with_outreach: figuresOf(model.totals('outreach', scope.departments)),
        rows,
      };
      return summary;
    },
  );

  const communesRoute = (path: string, whiteZones: boolean) =>
    app.get(
      path,
      {
        config: { cors: TABLE_READ_CORS, cacheControl: 'no-store' },
        onRequest: scoped(ctx),
        schema: {
          summary: whiteZones ? 'The white zones: communes beyond 30 minutes of a France services' : 'The coverage of each commune',
          description:
            (whiteZones
              ? 'For observers and admins: the communes of the scope beyond 30 minutes by road of the quickest France services ' +
                '(« zones blanches »), the most populous first, with their population, their quickest site and its minutes. '
              : 'For observers and admins: every commune of the scope’s départements (Paris, Lyon and Marseille by their ' +
                'arrondissements), by INSEE code: population, minutes to the quickest France services, band, reach, the ' +
                'quickest site or stop. ') +
            '`outreach=false`: the fixed sites alone. ' +
            FORMATS_DESCRIPTION,
          tags: ['observatory'],
          security,
          querystring: CoverageQuery,
          response: { 200: CoverageCommunes, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
        },
      },
      async (request, reply) => {
        const scope = request.observerScope!;
        const { format = 'json', outreach } = request.query;
        const scenario = scenarioOf(outreach);
        const model = coverageOf(ctx.catalogue(), coverageOptions(ctx, request));
        const items = () => communesOf(model, scenario, scope.departments, whiteZones);
        return answerCommunes(reply, format, scope, scenario, model, items, whiteZones);
      },
    );
  communesRoute('/observatory/coverage/communes', false);
  communesRoute('/observatory/coverage/white-zones', true);

  app.post(
    '/observatory/coverage/what-if',
    {
      config: { cors: WRITE_CORS, cacheControl: 'no-store' },
      onRequest: scoped(ctx),
      schema: {
        summary: 'What if a site or a stop were added, or a site removed',
        description:
          'For observers and admins, before any decision: sites or stops added at points (`add`, each in France: a commune’s ' +
          'centroid within 30 km) and sites removed (`remove`: their address and stops), and the population of the scope ' +
          'that gains or loses access within 20 and 30 minutes, commune by commune. Nothing is stored. At least one change, ' +
          `at most ${WHAT_IF_MAX_CHANGES} in all. A département’s scope sees its own communes; it may remove any site (a ` +
          'neighbour’s site serves its communes too).',
        tags: ['observatory'],
        security,
        querystring: WhatIfQuery,
        body: WhatIfInput,
        response: { 200: WhatIfResult, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request) => {
      const started = performance.now();
      const scope = request.observerScope!;
      const { add = [], remove = [], outreach } = request.body;
      if (add.length + remove.length === 0) throw unprocessable('add', 'nothing to change: add a point or remove a site');
      if (add.length + remove.length > WHAT_IF_MAX_CHANGES) {
        throw unprocessable('remove', `at most ${WHAT_IF_MAX_CHANGES} changes in all (points added and sites removed)`);
      }
      const catalogue = ctx.catalogue();
      const model = coverageOf(catalogue, coverageOptions(ctx, request));
      remove.forEach((site, i) => {
        if (model.pointsOfSite(site) === undefined) {
          throw new HttpProblem(422, ProblemType.unknownSite, 'Unknown site', `No France services site has the id ${site}.`, [
            { name: `remove.${i}`, reason: 'is not the identifier of a site of the France services list' },
          ]);
        }
      });
      const points: CoveragePoint[] = add.map((p, i) => {
        const point = addedPoint(catalogue.roadAccess, p.lat, p.lon, p.kind === 'stop', p.label ?? null);
        if (point === null) throw unprocessable(`add.${i}`, 'is not in France: no commune’s centroid within 30 km (at sea, or abroad)');
        return point;
      });
      const scenario = scenarioOf(outreach);
      const outcome = model.whatIf(scenario, points, remove, scope.departments);
      const result: WhatIfResult = {
        scope: scopeView(scope),
        ...modelOf(model, 'estimate'),
        outreach: scenario === 'outreach',
        before: { within_20: outcome.before.within20, within_30: outcome.before.within30 },
        after: { within_20: outcome.after.within20, within_30: outcome.after.within30 },
        gained_20: outcome.gained20,
        lost_20: outcome.lost20,
        gained_30: outcome.gained30,
        lost_30: outcome.lost30,
        communes_quicker: outcome.quicker,
        communes_slower: outcome.slower,
        communes: whatIfCommunes(outcome),
        elapsed_ms: Math.round((performance.now() - started) * 10) / 10,
      };
      return result;
    },
  );
};

const unprocessable = (name: string, reason: string) =>
  new HttpProblem(422, ProblemType.validation, 'Unprocessable what-if', `${name}: ${reason}`, [{ name, reason }]);

function answerCommunes(
  reply: FastifyReply,
  format: 'json' | 'csv' | 'xlsx' | 'geojson',
  scope: ResolvedScope,
  scenario: Scenario,
  model: CoverageModel,
  items: () => CommuneCoverage[],
  whiteZones: boolean,
) {
  const stem = fileStem(whiteZones ? 'zones-blanches' : 'couverture-communes', scope);
  if (format === 'csv' || format === 'xlsx') {
    const title = whiteZones
      ? `Communes à plus de 30 min d’une France services, ${scope.label}`
      : `Temps de trajet vers la France services la plus rapide, par commune, ${scope.label}`;
    return sendTable(reply, communesTable(stem, title, scenario, items()), format);
  }
  if (format === 'geojson') {
    return reply
      .type('application/geo+json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${stem}.geojson"`)
      .send(communesGeoJson(scenario, items()));
  }
  // `items` is the answer's last field: its JSON (14 MB for the network) is written once per coverage and list.
  const key = `${model.method}|${scenario}|${whiteZones}|${scope.departments?.join(',') ?? '*'}`;
  let lists = listsOf.get(model);
  if (!lists) listsOf.set(model, (lists = new Map()));
  let list = lists.get(key);
  if (list === undefined) {
    const all = items();
    list = { communes: all.length, population: all.reduce((s, c) => s + c.population, 0), json: JSON.stringify(all) };
    lists.set(key, list);
  }
  const head: Omit<CoverageCommunes, 'items'> = {
    scope: scopeView(scope),
    ...modelOf(model),
    outreach: scenario === 'outreach',
    communes: list.communes,
    population: list.population,
  };
  return sendJsonText(reply, `${JSON.stringify(head).slice(0, -1)},"items":${list.json}}`);
}

/** The communes' lists answered, with their JSON, per coverage (a new catalogue's coverage starts afresh). */
const listsOf = new WeakMap<CoverageModel, Map<string, { communes: number; population: number; json: string }>>();
