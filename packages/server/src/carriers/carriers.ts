import type { Kysely } from 'kysely';
import {
  CARRIER_ID_MAX_LENGTH,
  CARRIER_ID_PATTERN,
  CARRIER_KINDS,
  ProblemType,
  type Carrier,
  type CarrierCreate,
  type CarrierKind,
  type ObservatoryCarriers,
  type SiteCarrier,
} from '@fs-widgets/contract';
import type { ResolvedScope } from '../auth/scopes.js';
import { scopeView } from '../auth/scopes.js';
import { markSiteDataChanged, type Db } from '../db/database.js';
import type { CarrierTable, Database } from '../db/schema.js';
import { HttpProblem, invalidParam } from '../http/problem.js';
import { parseDelimited } from '../import/delimited-file.js';
import { recordSiteChange, type Actor } from '../site-admin/history.js';

/*
 * Carriers (structures porteuses) and the carrier SET for each site (issue 17, docs/security.md).
 * The ANCT list names no carrier: `sites.carrier` is a guess from the site's name (La Poste,
 * MSA, sous-préfecture), shown as a guess. A network administrator sets the real one, by the
 * API, the command line or a file; it is kept across re-imports, every change goes to the site's
 * history, and only a SET carrier puts a site in a carrier's scope.
 */

const CARRIER_ID = new RegExp(CARRIER_ID_PATTERN);
const NAME_MAX_LENGTH = 200;

export const carrierView = (row: CarrierTable): Carrier => ({
  id: row.id,
  name: row.name,
  kind: row.kind as CarrierKind,
  created_at: row.created_at,
});

/** What the history keeps of a site's carrier. */
const carrierRecord = (row: Pick<CarrierTable, 'id' | 'name' | 'kind'>) => ({ id: row.id, name: row.name, kind: row.kind });

export const isCarrierId = (id: string) => id.length <= CARRIER_ID_MAX_LENGTH && CARRIER_ID.test(id);
export const isCarrierKind = (kind: string): kind is CarrierKind => (CARRIER_KINDS as readonly string[]).includes(kind);

/** Checks a new carrier's fields (400 problems naming the field); returns them cleaned. */
export function checkCarrier(input: { id: string; name: string; kind: string }): CarrierCreate {
  if (!isCarrierId(input.id)) {
    throw invalidParam(
      'id',
      `must be a slug of lower-case letters, digits and dashes (at most ${CARRIER_ID_MAX_LENGTH}), e.g. cc-val-de-charente`,
    );
  }
  const name = input.name.trim();
  if (!name || name.length > NAME_MAX_LENGTH) throw invalidParam('name', `must be the carrier's name, 1 to ${NAME_MAX_LENGTH} characters`);
  if (!isCarrierKind(input.kind)) throw invalidParam('kind', `must be one of ${CARRIER_KINDS.join(', ')}`);
  return { id: input.id, name, kind: input.kind };
}

/** Names a carrier: 409 if the id is taken. */
export async function createCarrier(db: Db, input: { id: string; name: string; kind: string }, now = new Date()): Promise<Carrier> {
  const carrier = checkCarrier(input);
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('carriers').select('id').where('id', '=', carrier.id).executeTakeFirst();
    if (taken) {
      throw new HttpProblem(409, ProblemType.conflict, 'Carrier exists', `A carrier already has the id ${carrier.id}.`, [
        { name: 'id', reason: 'is already the id of a carrier' },
      ]);
    }
    const row = { ...carrier, created_at: now.toISOString() };
    await trx.insertInto('carriers').values(row).execute();
    return carrierView(row);
  });
}

export async function listCarriers(db: Db): Promise<Carrier[]> {
  return (await db.selectFrom('carriers').selectAll().orderBy('id').execute()).map(carrierView);
}

/** The carrier set for a site, with who set it and when (all null when none is set). */
export async function siteCarrier(db: Kysely<Database>, siteId: string): Promise<SiteCarrier> {
  const row = await db
    .selectFrom('site_carriers')
    .innerJoin('carriers', 'carriers.id', 'site_carriers.carrier_id')
    .select(['carriers.id', 'carriers.name', 'carriers.kind', 'carriers.created_at', 'site_carriers.set_by', 'site_carriers.set_at'])
    .where('site_carriers.site_id', '=', siteId)
    .executeTakeFirst();
  return row
    ? { site_id: siteId, carrier: carrierView(row), set_by: row.set_by, set_at: row.set_at }
    : { site_id: siteId, carrier: null, set_by: null, set_at: null };
}

/**
 * Sets (or with null removes) the carrier of a site, in `trx`, and records the change in the
 * site's history. The site must exist (the caller checks); an unknown carrier is a 422 problem.
 * Returns whether anything changed (setting the same carrier again writes nothing).
 */
export async function setSiteCarrier(
  trx: Kysely<Database>,
  siteId: string,
  carrierId: string | null,
  by: Actor,
  now = new Date(),
): Promise<boolean> {
  const before = await siteCarrier(trx, siteId);
  if ((before.carrier?.id ?? null) === carrierId) return false;
  let after: CarrierTable | undefined;
  if (carrierId !== null) {
    after = await trx.selectFrom('carriers').selectAll().where('id', '=', carrierId).executeTakeFirst();
    if (!after) {
      throw new HttpProblem(422, ProblemType.validation, 'Unknown carrier', `No carrier has the id ${carrierId}.`, [
        { name: 'carrier_id', reason: 'is not the id of a carrier: make it first (POST /api/v1/admin/carriers)' },
      ]);
    }
  }
  if (before.carrier) await trx.deleteFrom('site_carriers').where('site_id', '=', siteId).execute();
  if (after) {
    await trx
      .insertInto('site_carriers')
      .values({ site_id: siteId, carrier_id: after.id, set_by: by.label, set_at: now.toISOString() })
      .execute();
  }
  // The site's public record shows a set carrier: the other nodes reload their catalogue.
  await markSiteDataChanged(trx, now);
  await recordSiteChange(trx, {
    siteId,
    by,
    entity: 'carrier',
    entityId: after?.id ?? before.carrier?.id ?? null,
    action: !before.carrier ? 'create' : after ? 'update' : 'delete',
    before: before.carrier ? carrierRecord(before.carrier) : null,
    after: after ? carrierRecord(after) : null,
    at: now,
  });
  return true;
}

/** The carriers of a scope with their sites there (the network's: every carrier), and the sites with none set (how many of them have a guess). */
export async function carriersInScope(db: Db, resolved: ResolvedScope): Promise<ObservatoryCarriers> {
  const inScope = new Set(resolved.siteIds);
  const [carriers, links, guesses] = await Promise.all([
    db.selectFrom('carriers').selectAll().orderBy('id').execute(),
    db.selectFrom('site_carriers').select(['site_id', 'carrier_id']).execute(),
    db.selectFrom('sites').select('id').where('carrier', 'is not', null).execute(),
  ]);
  const counts = new Map<string, number>();
  const set = new Set<string>();
  for (const link of links) {
    if (!inScope.has(link.site_id)) continue;
    set.add(link.site_id);
    counts.set(link.carrier_id, (counts.get(link.carrier_id) ?? 0) + 1);
  }
  const guessed = guesses.filter((g) => inScope.has(g.id) && !set.has(g.id)).length;
  return {
    scope: scopeView(resolved),
    // The network's view lists every carrier (one just named has no site yet); a narrower scope, those with sites in it.
    items: carriers
      .filter((c) => resolved.scope.kind === 'network' || counts.has(c.id))
      .map((c) => ({ id: c.id, name: c.name, kind: c.kind as CarrierKind, sites: counts.get(c.id) ?? 0 }))
      .sort((a, b) => b.sites - a.sites || a.id.localeCompare(b.id)),
    unset: { sites: resolved.siteIds.length - set.size, guessed },
  };
}

/** A file of carriers that cannot be imported: every bad row, by line. Nothing was changed. */
export class CarrierImportError extends Error {
  constructor(readonly problems: Array<{ line: number; message: string }>) {
    super(problems.map((p) => (p.line > 0 ? `line ${p.line}: ${p.message}` : p.message)).join('\n'));
  }
}

export interface CarrierImportReport {
  rows: number;
  carriersCreated: string[];
  sitesChanged: number;
  sitesUnchanged: number;
}

export const CARRIER_FILE_COLUMNS = ['site_id', 'carrier_id', 'carrier_name', 'carrier_kind'] as const;

/**
 * Imports a file `site_id,carrier_id,carrier_name,carrier_kind` (comma or semicolon): creates
 * the carriers it names that do not exist yet, and sets each site's carrier (history kept).
 * All or nothing: any bad row (unknown site, malformed id, unknown kind, a carrier named twice
 * differently or differently from the one stored, a site given twice) throws
 * `CarrierImportError` with every bad row's line, and nothing changes.
 */
export async function importCarriers(db: Db, text: string, by: Actor, now = new Date()): Promise<CarrierImportReport> {
  let file;
  try {
    file = parseDelimited(text, CARRIER_FILE_COLUMNS);
  } catch (err) {
    throw new CarrierImportError([{ line: 1, message: (err as Error).message }]);
  }
  const problems = [...file.issues];
  const [sites, stored] = await Promise.all([
    db.selectFrom('sites').select('id').execute(),
    db.selectFrom('carriers').selectAll().execute(),
  ]);
  const siteIds = new Set(sites.map((s) => s.id));
  const known = new Map(stored.map((c) => [c.id, c]));
  const named = new Map<string, { name: string; kind: string; line: number }>();
  const seenSites = new Map<string, number>();
  const rows: Array<{ site: string; carrier: string }> = [];
  for (const { line, values } of file.records) {
    const site = (values.site_id ?? '').trim();
    const carrier = (values.carrier_id ?? '').trim();
    const name = (values.carrier_name ?? '').trim();
    const kind = (values.carrier_kind ?? '').trim();
    const bad = (message: string) => problems.push({ line, message });
    if (!siteIds.has(site)) {
      bad(`site_id "${site}" is not a site of the France services list in this database`);
      continue;
    }
    if (seenSites.has(site)) {
      bad(`site ${site} is already given line ${seenSites.get(site)}`);
      continue;
    }
    seenSites.set(site, line);
    if (!isCarrierId(carrier)) {
      bad(`carrier_id "${carrier}" must be a slug of lower-case letters, digits and dashes, e.g. cc-val-de-charente`);
      continue;
    }
    const existing = known.get(carrier);
    if (existing) {
      // A carrier already stored: its name and kind may be left empty, and must otherwise agree.
      if ((name && name !== existing.name) || (kind && kind !== existing.kind)) {
        bad(
          `carrier ${carrier} is stored as "${existing.name}" (${existing.kind}), not "${name || existing.name}" (${kind || existing.kind})`,
        );
        continue;
      }
    } else {
      if (!name || name.length > NAME_MAX_LENGTH) {
        bad(`carrier ${carrier} is new: carrier_name must name it (1 to ${NAME_MAX_LENGTH} characters)`);
        continue;
      }
      if (!isCarrierKind(kind)) {
        bad(`carrier_kind "${kind}" must be one of ${CARRIER_KINDS.join(', ')}`);
        continue;
      }
      const first = named.get(carrier);
      if (first && (first.name !== name || first.kind !== kind)) {
        bad(`carrier ${carrier} is named "${first.name}" (${first.kind}) line ${first.line}, "${name}" (${kind}) here`);
        continue;
      }
      if (!first) named.set(carrier, { name, kind, line });
    }
    rows.push({ site, carrier });
  }
  if (file.records.length === 0 && problems.length === 0) problems.push({ line: 0, message: 'the file has no row' });
  if (problems.length > 0) throw new CarrierImportError(problems.sort((a, b) => a.line - b.line));

  return db.transaction().execute(async (trx) => {
    const created: string[] = [];
    for (const [id, { name, kind }] of named) {
      await trx.insertInto('carriers').values({ id, name, kind, created_at: now.toISOString() }).execute();
      created.push(id);
    }
    let changed = 0;
    for (const row of rows) if (await setSiteCarrier(trx, row.site, row.carrier, by, now)) changed++;
    return { rows: rows.length, carriersCreated: created, sitesChanged: changed, sitesUnchanged: rows.length - changed };
  });
}
