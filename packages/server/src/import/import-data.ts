import { readFile } from 'node:fs/promises';
import type { Db } from '../db/database.js';
import type { SiteTable } from '../db/schema.js';
import { DATA_DIR } from '../paths.js';
import { buildCommunes, loadCogCommunes } from './communes.js';
import { parseDelimited } from './delimited-file.js';
import type { ImportIssue } from './import-issue.js';
import { CHARENTE_BUS_SITE_ID, outreachStopsOf, readItinerantStops } from './itinerant-stops.js';
import { outreachStopFromRow } from '../outreach/outreach-stops.js';
import { recordSiteChange } from '../site-admin/history.js';
import { departmentOfInsee, farFromCommune, farLimitKm } from './far-from-commune.js';
import { SITE_COLUMNS, SiteRecordError, siteFromAnctRow } from './site-record.js';
import { differencesWithSites } from './site-differences.js';
import { SOURCES } from '@fs-widgets/contract/sources';

export type { ImportIssue };

/** The `meta` row saying the Charente bus's stops were imported into its outreach stops (never again). */
export const STOPS_IMPORTED_KEY = 'outreach-stops-imported';

export interface ImportReport {
  sites: {
    read: number;
    imported: number;
    removed: number;
    /** True when rows could not be read at all, so no site was removed (see importData). */
    removalWithheld: boolean;
    separator: string;
  };
  communes: { imported: number; postcodes: number; withoutLocation: string[] };
  itinerantStops: {
    read: number;
    /** Written into the site's outreach stops by this import: all of them the first time, none after. */
    imported: number;
    /** The site's stops from this file now (as its agents edited them; 0 without the site). */
    stored: number;
    /** The site the stops belong to; when it is not in the database, no stop is loaded. */
    siteId: string;
    siteMissing: boolean;
  };
  issues: ImportIssue[];
  importedAt: string;
}

export interface ImportOptions {
  sitesFile?: string;
  postcodesFile?: string;
  /** Stops of the Charente bus (JSON of the Cartographie nationale des lieux d'inclusion numérique). */
  stopsFile?: string;
  /** Fixed clock for reproducible imports in tests. */
  now?: Date;
}

const BATCH = 400;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * Loads the ANCT list of sites, the stops of the itinerant sites whose stops are published, and
 * the communes into the database, in one transaction.
 * Idempotent: importing the same files twice leaves the same rows. A malformed row is skipped
 * and reported with its line number; the import only fails as a whole when a file is
 * unreadable or lacks a required column.
 */
export async function importData(db: Db, options: ImportOptions = {}): Promise<ImportReport> {
  const importedAt = (options.now ?? new Date()).toISOString();
  const sitesFile = options.sitesFile ?? `${DATA_DIR}${SOURCES.sites.file}`;
  const postcodesFile = options.postcodesFile ?? `${DATA_DIR}${SOURCES.postcodes.file}`;
  const stopsFile = options.stopsFile ?? `${DATA_DIR}${SOURCES.itinerantStops.file}`;

  const [sitesText, postcodesText, stopsText, cog] = await Promise.all([
    readFile(sitesFile, 'utf8'),
    readFile(postcodesFile, 'utf8'),
    readFile(stopsFile, 'utf8'),
    loadCogCommunes(),
  ]);

  const issues: ImportIssue[] = [];
  const parsed = parseDelimited(sitesText, SITE_COLUMNS);
  for (const i of parsed.issues) issues.push({ ...i, source: SOURCES.sites.id, recordId: null, level: 'skipped' });
  const sites = new Map<string, SiteTable>();
  for (const { line, values } of parsed.records) {
    try {
      const { site, corrections } = siteFromAnctRow(values, line, importedAt);
      const earlier = sites.get(site.id);
      if (earlier) {
        issues.push({
          line,
          source: SOURCES.sites.id,
          recordId: site.id,
          message: `id_fs ${site.id} already used on line ${earlier.source_line}; this row is skipped`,
          level: 'skipped',
        });
        continue;
      }
      sites.set(site.id, site);
      for (const message of corrections) {
        issues.push({ line, source: SOURCES.sites.id, recordId: site.id, message, level: 'corrected' });
      }
    } catch (err) {
      if (!(err instanceof SiteRecordError)) throw err;
      issues.push({ line, source: SOURCES.sites.id, recordId: values.id_fs?.trim() || null, message: err.message, level: 'skipped' });
    }
  }

  const communes = buildCommunes(cog, postcodesText);
  for (const i of communes.issues) issues.push({ ...i, source: SOURCES.postcodes.id, recordId: null, level: 'skipped' });

  const stops = readItinerantStops(stopsText, CHARENTE_BUS_SITE_ID);
  issues.push(...stops.issues);

  // Coordinates far from their own commune are a mistake of the source (the Charente bus's stop
  // in Valence was published near Aix-en-Provence): such a point is moved to its commune's centre
  // and reported with the distance, never shown on a map in the wrong région.
  const centres = new Map(communes.communes.map((c) => [c.insee, c]));
  for (const site of sites.values()) {
    const centre = centres.get(site.insee_commune);
    const km = farFromCommune(site, centre, site.department);
    if (km === null) continue;
    issues.push({
      line: site.source_line,
      source: SOURCES.sites.id,
      recordId: site.id,
      level: 'corrected',
      message: `coordinates ${site.lat}, ${site.lon} lie ${km} km from the centre of ${site.commune} (${site.insee_commune}), farther than ${farLimitKm(site.department)} km: the site is placed at its commune's centre`,
    });
    site.lat = centre!.lat!;
    site.lon = centre!.lon!;
  }
  for (const stop of stops.stops) {
    const centre = centres.get(stop.insee_commune);
    const department = departmentOfInsee(stop.insee_commune);
    const km = farFromCommune(stop, centre, department);
    if (km === null) continue;
    issues.push({
      line: stops.lines.get(stop.stop_id) ?? 0,
      source: stop.source,
      recordId: stop.stop_id,
      level: 'corrected',
      message: `stop ${stop.stop_id} "${stop.name}" (${stop.commune}, ${stop.insee_commune}): coordinates ${stop.lat}, ${stop.lon} lie ${km} km from the commune's centre, farther than ${farLimitKm(department)} km: the stop is placed at its commune's centre`,
    });
    stop.lat = centre!.lat!;
    stop.lon = centre!.lon!;
  }

  // A site whose row could not be read this time is kept as it was, not removed: a broken
  // release of the list must not wipe sites. When a row is unreadable to the point that its id
  // is unknown, nothing is removed at all.
  const skipped = issues.filter((i) => i.level === 'skipped' && i.source === SOURCES.sites.id);
  const removalAllowed = skipped.every((i) => i.recordId !== null);
  const keep = new Set(skipped.map((i) => i.recordId));

  const { removed, stopsImported, stopsStored, stopsSiteMissing } = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('sites').select('id').execute();
    const gone = removalAllowed ? existing.map((r) => r.id).filter((id) => !sites.has(id) && !keep.has(id)) : [];
    for (let i = 0; i < gone.length; i += BATCH) {
      await trx
        .deleteFrom('sites')
        .where('id', 'in', gone.slice(i, i + BATCH))
        .execute();
    }
    await insertInBatches([...sites.values()], (batch) =>
      trx
        .insertInto('sites')
        .values(batch)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => {
            const set: Record<string, unknown> = {};
            for (const key of Object.keys(batch[0]!) as Array<keyof SiteTable>) {
              if (key !== 'id') set[key] = eb.ref(`excluded.${key}`);
            }
            return set;
          }),
        )
        .execute(),
    );

    // The bus's stops are the site's own data (issue 16), edited by its agents: imported into
    // its outreach stops once, when its site is in the database (a list without it, such as a
    // sample of the list, leaves them out) and has no stops yet. A later import never overwrites,
    // duplicates nor brings back what the site changed or removed.
    const stopsSite = await trx.selectFrom('sites').select('id').where('id', '=', CHARENTE_BUS_SITE_ID).executeTakeFirst();
    const alreadyImported = await trx.selectFrom('meta').select('key').where('key', '=', STOPS_IMPORTED_KEY).executeTakeFirst();
    const ownStops = await trx
      .selectFrom('outreach_stops')
      .select('id')
      .where('site_id', '=', CHARENTE_BUS_SITE_ID)
      .limit(1)
      .executeTakeFirst();
    const stopRows = stopsSite && !alreadyImported && !ownStops ? outreachStopsOf(stops.stops, importedAt) : [];
    if (stopRows.length > 0) {
      await insertInBatches(stopRows, (batch) => trx.insertInto('outreach_stops').values(batch).execute());
      const by = { role: 'import' as const, label: SOURCES.itinerantStops.id };
      for (const row of stopRows) {
        await recordSiteChange(trx, {
          siteId: row.site_id,
          by,
          entity: 'stop',
          entityId: row.id,
          action: 'create',
          before: null,
          after: outreachStopFromRow(row),
          at: new Date(importedAt),
        });
      }
      const marker = JSON.stringify({ site_id: CHARENTE_BUS_SITE_ID, source: SOURCES.itinerantStops.id, stops: stopRows.length });
      await trx.insertInto('meta').values({ key: STOPS_IMPORTED_KEY, value: marker, updated_at: importedAt }).execute();
    }
    // What the data sources count: the stops of the file the site publishes today.
    const { count: storedStops } = await trx
      .selectFrom('outreach_stops')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('site_id', '=', CHARENTE_BUS_SITE_ID)
      .where('source', '=', SOURCES.itinerantStops.id)
      .executeTakeFirstOrThrow();

    await trx.deleteFrom('commune_postcodes').execute();
    await trx.deleteFrom('communes').execute();
    await insertInBatches(communes.communes, (batch) => trx.insertInto('communes').values(batch).execute());
    await insertInBatches(communes.postcodes, (batch) => trx.insertInto('commune_postcodes').values(batch).execute());

    // What the sites published themselves stays (site_edits is never written here); where the
    // list says otherwise, the import says so, site by site and field by field.
    issues.push(...(await differencesWithSites(trx, sites)));
    await trx.deleteFrom('import_issues').execute();
    await insertInBatches(issues, (batch) =>
      trx
        .insertInto('import_issues')
        .values(
          batch.map((i) => ({
            source: i.source,
            line: i.line,
            record_id: i.recordId,
            level: i.level,
            message: i.message,
            imported_at: importedAt,
          })),
        )
        .execute(),
    );

    const record = {
      imported_at: importedAt,
      sites: { records: sites.size, file: sitesFile.split('/').pop() },
      communes: { records: communes.communes.filter((c) => c.kind === 'commune').length },
      postcodes: { records: communes.postcodes.length },
      itinerant_stops: { records: stopsSite ? Number(storedStops) : 0, file: stopsFile.split('/').pop() },
      // The stops are the site's outreach stops (issue 16): a database loaded before is loaded again on start.
      outreach_stops: true,
    };
    await trx
      .insertInto('meta')
      .values({ key: 'import', value: JSON.stringify(record), updated_at: importedAt })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(record), updated_at: importedAt }))
      .execute();
    return {
      removed: gone.length,
      stopsImported: stopRows.length,
      stopsStored: stopsSite ? Number(storedStops) : 0,
      stopsSiteMissing: !stopsSite,
    };
  });

  return {
    sites: {
      read: parsed.records.length + parsed.issues.length,
      imported: sites.size,
      removed,
      removalWithheld: !removalAllowed,
      separator: parsed.separator,
    },
    communes: {
      imported: communes.communes.length,
      postcodes: communes.postcodes.length,
      withoutLocation: communes.withoutLocation,
    },
    itinerantStops: {
      read: stops.read,
      imported: stopsImported,
      stored: stopsStored,
      siteId: CHARENTE_BUS_SITE_ID,
      siteMissing: stopsSiteMissing,
    },
    issues,
    importedAt,
  };
}

/**
 * True when the database has never been loaded, or was loaded before the itinerant stops were
 * (its import record does not count them), or before they became the site's outreach stops (the
 * old `itinerant_stops` table is no longer read): a server upgraded in place loads them on start.
 */
export async function needsImport(db: Db): Promise<boolean> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'import').executeTakeFirst();
  const record = row ? (JSON.parse(row.value) as object) : null;
  return !record || !('itinerant_stops' in record) || !('outreach_stops' in record);
}
