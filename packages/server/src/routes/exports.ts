import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import {
  DATA_INCLUSION_DEFAULT_PAGE_SIZE,
  DATA_INCLUSION_MAX_PAGE_SIZE,
  DATA_INCLUSION_SCHEMA_VERSION,
  DATA_INCLUSION_SOURCE,
  DataInclusionExportQuery,
  DataInclusionServicePage,
  DataInclusionStructurePage,
  Problem,
  type DataInclusionPage,
  type DataInclusionService,
  type DataInclusionStructure,
  type LocalPartner,
  type Permanence,
} from '@fs-widgets/contract';
import { SOURCES } from '@fs-widgets/contract/sources';
import type { Db } from '../db/database.js';
import { localPartnerFromRow, permanenceFromRow } from '../directory/local-partners.js';
import {
  dataDateOf,
  nationalServicesPerSite,
  originOf,
  pageInfo,
  servicesOfSite,
  structureOf,
  type ExportContext,
  type ExportedStop,
} from '../exports/data-inclusion.js';
import { invalidParam } from '../http/problem.js';
import { compareStopRows, outreachStopFromRow } from '../outreach/outreach-stops.js';
import { stopOpeningHours } from '../sites/itinerant-stop.js';
import { siteFromRow } from '../sites/site-catalogue.js';
import { loadSiteOwnData } from '../site-admin/site-info.js';
import type { AppContext } from '../app-context.js';

/** Ids are digits: sorted as numbers, then as text (stable whatever the list holds). */
const byId = [sql`cast(id as integer)`, 'id'] as const;

const PAGING_DOC =
  `Paged as data·inclusion's API: \`page\` from 1, \`size\` 1–${DATA_INCLUSION_MAX_PAGE_SIZE} (default ${DATA_INCLUSION_DEFAULT_PAGE_SIZE}); ` +
  'the answer is `{ items, total, page, size, pages }`, a page past the last one is empty. `departement` keeps the sites of one ' +
  'département (INSEE code). Items follow the data·inclusion schema v' +
  DATA_INCLUSION_SCHEMA_VERSION +
  ` (\`source\` \`${DATA_INCLUSION_SOURCE}\`); unknown values are \`null\`. Data: ANCT — Liste des structures France services, Licence Ouverte 2.0.`;

/** The département filter, upper-cased (`2a` → `2A`); the schema has checked its form. */
function departementOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const code = value.trim().toUpperCase();
  if (!/^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-8])$/.test(code)) {
    throw invalidParam('departement', 'must be the INSEE code of a département, e.g. 48, 2A or 974');
  }
  return code;
}

/** What the items of an export share: the request's origin for links, the data's dates. */
async function exportContext(db: Db, ctx: AppContext, request: FastifyRequest): Promise<ExportContext> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'import').executeTakeFirst();
  const record = row ? (JSON.parse(row.value) as { imported_at?: string; sites?: { file?: string } }) : null;
  return {
    origin: originOf(request.protocol, request.host),
    dataDate: dataDateOf(record, SOURCES.sites.date),
    directory: ctx.directory,
    today: new Date().toISOString().slice(0, 10),
  };
}

export const exportsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/exports/data-inclusion/structures',
    {
      schema: {
        summary: 'The France services sites as data·inclusion structures',
        description:
          `One structure per France services site: name, address, position, phone (E.164), e-mail (when the list gives one valid address), ` +
          `OSM opening hours with the site’s exceptional closures and hours (\`2026 Dec 24 off\`), \`reseaux_porteurs\` \`france-service\` ` +
          `and the networks of its typed offers (\`points-justice\`, \`reseau-information-jeunesse\`, \`conseillers-numeriques\`). ${PAGING_DOC}`,
        tags: ['exports'],
        querystring: DataInclusionExportQuery,
        response: { 200: DataInclusionStructurePage, 400: Problem },
      },
    },
    async (request): Promise<DataInclusionPage<DataInclusionStructure>> => {
      const { page = 1, size = DATA_INCLUSION_DEFAULT_PAGE_SIZE } = request.query;
      const departement = departementOf(request.query.departement);
      return ctx.db.transaction().execute(async (trx) => {
        const exportCtx = await exportContext(trx, ctx, request);
        const filtered = trx.selectFrom('sites').$if(departement !== undefined, (qb) => qb.where('department', '=', departement!));
        const { total } = await filtered.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
        const { offset, ...info } = pageInfo(Number(total), page, size);
        const rows = await filtered.selectAll().orderBy(byId[0]).orderBy(byId[1]).limit(size).offset(offset).execute();
        const own = await loadSiteOwnData(
          trx,
          rows.map((row) => row.id),
        );
        return { items: rows.map((row) => structureOf(siteFromRow(row, undefined, own.get(row.id)), exportCtx)), ...info };
      });
    },
  );

  app.get(
    '/exports/data-inclusion/services',
    {
      schema: {
        summary: 'What can be done at each site, as data·inclusion services',
        description:
          'Per site, in the order of the structures: one service per national partner of the France services charter (the ' +
          'accompaniment of its démarches by the site’s agents: free, for everyone, at the site’s opening hours, thématiques from ' +
          'the partner directory), then one per local partner listed by the site’s agents (its thématiques and description, the OSM ' +
          'hours of its permanences), then one per outreach stop (a bus’s stop, a permanence in another commune: at the stop’s ' +
          `address and coordinates, with its OSM hours and its days in plain French). ${PAGING_DOC}`,
        tags: ['exports'],
        querystring: DataInclusionExportQuery,
        response: { 200: DataInclusionServicePage, 400: Problem },
      },
    },
    async (request): Promise<DataInclusionPage<DataInclusionService>> => {
      const { page = 1, size = DATA_INCLUSION_DEFAULT_PAGE_SIZE } = request.query;
      const departement = departementOf(request.query.departement);
      // One read transaction: the counts and the rows come from the same state of the tables.
      return ctx.db.transaction().execute(async (trx) => {
        const exportCtx = await exportContext(trx, ctx, request);
        const perSite = nationalServicesPerSite(ctx.directory);
        const [sites, localCounts, stopCounts] = await Promise.all([
          trx
            .selectFrom('sites')
            .select('id')
            .$if(departement !== undefined, (qb) => qb.where('department', '=', departement!))
            .orderBy(byId[0])
            .orderBy(byId[1])
            .execute(),
          trx
            .selectFrom('local_partners')
            .select(['site_id', (eb) => eb.fn.countAll<number>().as('count')])
            .groupBy('site_id')
            .execute(),
          trx
            .selectFrom('outreach_stops')
            .select(['site_id', (eb) => eb.fn.countAll<number>().as('count')])
            .groupBy('site_id')
            .execute(),
        ]);
        // A site's own services: its local partners, then its outreach stops (issue 16).
        const locals = new Map(localCounts.map((row) => [row.site_id, Number(row.count)]));
        for (const row of stopCounts) locals.set(row.site_id, (locals.get(row.site_id) ?? 0) + Number(row.count));

        // The sites whose services fall in the page, and where the page starts in the first one.
        const total = sites.reduce((sum, { id }) => sum + perSite + (locals.get(id) ?? 0), 0);
        const { offset, ...info } = pageInfo(total, page, size);
        const pageSites: string[] = [];
        let skip = 0;
        let start = 0;
        for (const { id } of sites) {
          const count = perSite + (locals.get(id) ?? 0);
          if (start + count > offset && start < offset + size) {
            if (pageSites.length === 0) skip = offset - start;
            pageSites.push(id);
          }
          start += count;
          if (start >= offset + size) break;
        }
        if (pageSites.length === 0) return { items: [], ...info };

        const [siteRows, localRows, permanenceRows, own, stopRows] = await Promise.all([
          trx.selectFrom('sites').selectAll().where('id', 'in', pageSites).execute(),
          trx.selectFrom('local_partners').selectAll().where('site_id', 'in', pageSites).orderBy('name').orderBy('id').execute(),
          trx.selectFrom('permanences').selectAll().where('site_id', 'in', pageSites).orderBy('created_at').orderBy('id').execute(),
          loadSiteOwnData(trx, pageSites),
          trx.selectFrom('outreach_stops').selectAll().where('site_id', 'in', pageSites).execute(),
        ]);
        const stopsBySite = new Map<string, ExportedStop[]>();
        for (const row of stopRows.sort(compareStopRows)) {
          const stop = outreachStopFromRow(row);
          stopsBySite.set(row.site_id, [
            ...(stopsBySite.get(row.site_id) ?? []),
            { ...stop, opening_hours: stopOpeningHours(stop.rules, stop.changes) },
          ]);
        }
        const rowsById = new Map(siteRows.map((row) => [row.id, row]));
        const localsBySite = new Map<string, LocalPartner[]>();
        for (const row of localRows) localsBySite.set(row.site_id, [...(localsBySite.get(row.site_id) ?? []), localPartnerFromRow(row)]);
        const permanencesBySite = new Map<string, typeof permanenceRows>();
        for (const row of permanenceRows) permanencesBySite.set(row.site_id, [...(permanencesBySite.get(row.site_id) ?? []), row]);
        const now = new Date();
        const items: DataInclusionService[] = [];
        for (const id of pageSites) {
          const row = rowsById.get(id);
          if (!row) continue;
          const site = siteFromRow(row, undefined, own.get(id));
          const permanences: Permanence[] = (permanencesBySite.get(id) ?? []).map((p) => permanenceFromRow(p, site, now));
          items.push(...servicesOfSite(site, localsBySite.get(id) ?? [], permanences, exportCtx, stopsBySite.get(id)));
        }
        return { items: items.slice(skip, skip + size), ...info };
      });
    },
  );
};
