import {
  ProblemType,
  type Site,
  type SiteAccess,
  type SiteAccessCreate,
  type SiteAccessCreated,
  type SiteAccessList,
  type SiteAccessUpdate,
  type UnverifiedSites,
} from '@fs-widgets/contract';
import { addDays, zonedInstant } from '@fs-widgets/opening-hours';
import { createToken, revokeToken, type NewToken, type TokenInfo } from '../auth/tokens.js';
import type { Db } from '../db/database.js';
import type { TokenTable } from '../db/schema.js';
import { localDay } from '../dates/local-day.js';
import { HttpProblem, invalidParam, unknownItem } from '../http/problem.js';
import { removePersonalData } from '../privacy/personal-data.js';
import { recordSiteChange, type Actor } from './history.js';

/*
 * The access of a site's agents and managers (docs/security.md, « Roles »): a manager creates,
 * relabels, expires and revokes the agents' access of their site; an admin does all of it for
 * every site, managers' access included. Each change is kept in the site's history, in the
 * transaction that makes it, as a record without secret (id, role, label, creator, dates).
 * The tokens themselves are those of `auth/tokens.ts`: one table, one check for every route.
 */

/** The latest `expires_on`: three years after the site's today (1,096 days), so every access is reviewed one day. */
export const MAX_EXPIRY_DAYS = 1096;
/** Access that a site may hold at once (active ones): far above a real team, a bound on a runaway script. */
export const MAX_ACTIVE_ACCESS_PER_SITE = 100;

type AccessRow = Omit<TokenTable, 'secret_hash' | 'scope_department' | 'scope_carrier'>;

const forbidden = (detail: string) => new HttpProblem(403, ProblemType.forbidden, 'Forbidden', detail);

export function accessState(row: Pick<AccessRow, 'revoked_at' | 'expires_at'>, now: Date): SiteAccess['state'] {
  if (row.revoked_at) return 'revoked';
  if (row.expires_at && now.getTime() >= Date.parse(row.expires_at)) return 'expired';
  return 'active';
}

export function siteAccessView(row: AccessRow, now: Date): SiteAccess {
  return {
    id: row.id,
    role: row.role as SiteAccess['role'],
    label: row.label,
    created_at: row.created_at,
    created_by: row.created_by,
    expires_at: row.expires_at,
    revoked_at: row.revoked_at,
    last_used_at: row.last_used_at,
    state: accessState(row, now),
  };
}

/** What the history keeps of an access: who holds it and its dates — never its secret or its hash. */
export const accessRecord = (row: AccessRow) => ({
  id: row.id,
  role: row.role,
  label: row.label,
  created_by: row.created_by,
  expires_at: row.expires_at,
  revoked_at: row.revoked_at,
});

const ACCESS_COLUMNS = ['id', 'role', 'site_id', 'label', 'created_at', 'expires_at', 'revoked_at', 'last_used_at', 'created_by'] as const;

export async function listSiteAccess(db: Db, siteId: string, now = new Date()): Promise<SiteAccessList> {
  const rows = await db
    .selectFrom('tokens')
    .select(ACCESS_COLUMNS)
    .where('site_id', '=', siteId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return { site_id: siteId, items: rows.map((row) => siteAccessView(row, now)) };
}

/** A label as stored: trimmed, without e-mail addresses or phone numbers (it is shown in the history). */
function cleanLabel(label: string): string {
  const clean = removePersonalData(label.trim())?.trim();
  if (!clean) throw invalidParam('label', 'must name who holds the access (a post or a person), e.g. « accueil »');
  return clean;
}

/**
 * The instant an access is refused from: the midnight that ends `expiresOn` in the site's time
 * zone (the last valid day is the site's, as its agents live it). Today up to 1,096 days ahead.
 */
export function expiryInstant(expiresOn: string, site: Pick<Site, 'time_zone'>, now: Date): Date {
  const today = localDay(now, site.time_zone);
  if (expiresOn < today)
    throw invalidParam('expires_on', `must be today (${today} at the site) or later: it is the last day the access works`);
  const latest = addDays(today, MAX_EXPIRY_DAYS);
  if (expiresOn > latest) throw invalidParam('expires_on', `must be at most three years ahead (${latest} at the latest)`);
  return zonedInstant(addDays(expiresOn, 1), 0, site.time_zone);
}

/** `POST /sites/{id}/access`: a manager makes agents' access of their site; an admin, managers' too. */
export async function createSiteAccess(
  db: Db,
  site: Pick<Site, 'id' | 'time_zone'>,
  by: TokenInfo,
  input: SiteAccessCreate,
  now = new Date(),
): Promise<SiteAccessCreated> {
  if (input.role === 'manager' && by.role !== 'admin') {
    throw forbidden(
      'A manager creates agents’ access only: the access of another manager is made by a network administrator (or on the server’s command line).',
    );
  }
  const label = cleanLabel(input.label);
  const expiresAt = input.expires_on ? expiryInstant(input.expires_on, site, now) : undefined;
  return db.transaction().execute(async (trx) => {
    const active = await trx
      .selectFrom('tokens')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('site_id', '=', site.id)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.toISOString())]))
      .executeTakeFirstOrThrow();
    if (Number(active.n) >= MAX_ACTIVE_ACCESS_PER_SITE) {
      throw new HttpProblem(
        409,
        ProblemType.conflict,
        'Too many access',
        `Site ${site.id} already has ${MAX_ACTIVE_ACCESS_PER_SITE} active access: revoke those no longer used first.`,
      );
    }
    const { token, info } = await createToken(trx, { role: input.role, siteId: site.id, label, expiresAt, now, createdBy: by.label });
    await recordSiteChange(trx, {
      siteId: site.id,
      by,
      entity: 'access',
      entityId: info.id,
      action: 'create',
      before: null,
      after: accessRecord(info),
      at: now,
    });
    return { access: siteAccessView(info, now), token };
  });
}

/** The access `accessId` of the site, or a 404 (an access of another site is not revealed). */
async function accessOfSite(db: Db, siteId: string, accessId: string): Promise<AccessRow> {
  const row = await db
    .selectFrom('tokens')
    .select(ACCESS_COLUMNS)
    .where('id', '=', accessId)
    .where('site_id', '=', siteId)
    .executeTakeFirst();
  if (!row) throw unknownItem(`Site ${siteId} has no access ${accessId}.`);
  return row;
}

/**
 * `PATCH /sites/{id}/access/{access}`: a new label or last day. A manager changes the agents'
 * access of their site, not a manager's (their own included: whoever made it set its expiry);
 * an admin any access of the site. A revoked access is final (409): make a new one.
 */
export async function updateSiteAccess(
  db: Db,
  site: Pick<Site, 'id' | 'time_zone'>,
  by: TokenInfo,
  accessId: string,
  input: SiteAccessUpdate,
  now = new Date(),
): Promise<SiteAccess> {
  const label = input.label === undefined ? undefined : cleanLabel(input.label);
  const expiresAt =
    input.expires_on === undefined
      ? undefined
      : input.expires_on === null
        ? null
        : expiryInstant(input.expires_on, site, now).toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await accessOfSite(trx, site.id, accessId);
    if (by.role !== 'admin' && row.role === 'manager') {
      throw forbidden(`The access ${row.id} is a manager’s: only a network administrator changes it.`);
    }
    if (row.revoked_at) {
      throw new HttpProblem(
        409,
        ProblemType.conflict,
        'Access revoked',
        `The access ${row.id} was revoked on ${row.revoked_at}: a revoked access cannot be changed; create a new one.`,
      );
    }
    const changed: AccessRow = { ...row, label: label ?? row.label, expires_at: expiresAt === undefined ? row.expires_at : expiresAt };
    if (changed.label === row.label && changed.expires_at === row.expires_at) return siteAccessView(row, now);
    await trx.updateTable('tokens').set({ label: changed.label, expires_at: changed.expires_at }).where('id', '=', row.id).execute();
    await recordSiteChange(trx, {
      siteId: site.id,
      by,
      entity: 'access',
      entityId: row.id,
      action: 'update',
      before: accessRecord(row),
      after: accessRecord(changed),
      at: now,
    });
    return siteAccessView(changed, now);
  });
}

/**
 * `DELETE /sites/{id}/access/{access}`: refused from the next request on. A manager revokes the
 * agents' access of their site and their own, not another manager's. Revoking a revoked access
 * changes nothing and is not an error (the caller's wish holds): no new history entry.
 */
export async function revokeSiteAccess(db: Db, siteId: string, by: TokenInfo, accessId: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await accessOfSite(trx, siteId, accessId);
    if (by.role !== 'admin' && row.role === 'manager' && row.id !== by.id) {
      throw forbidden(`The access ${row.id} is another manager’s: only a network administrator revokes it.`);
    }
    if (row.revoked_at) return;
    const at = now.toISOString();
    const result = await trx
      .updateTable('tokens')
      .set({ revoked_at: at })
      .where('id', '=', row.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    // Revoked meanwhile by another request: that one wrote the entry.
    if (Number(result.numUpdatedRows) === 0) return;
    await recordSiteChange(trx, {
      siteId,
      by,
      entity: 'access',
      entityId: row.id,
      action: 'revoke',
      before: accessRecord(row),
      after: accessRecord({ ...row, revoked_at: at }),
      at: now,
    });
  });
}

/** Who the history names for the server's command line (`token create`, `token revoke`). */
export const COMMAND_LINE: Actor = { role: 'cli', label: 'serveur (ligne de commande)' };

/** `token create` of the command line: a site's new access (a first manager, most often) goes to its history too. */
export async function createTokenFromCommandLine(db: Db, request: NewToken): Promise<Awaited<ReturnType<typeof createToken>>> {
  return db.transaction().execute(async (trx) => {
    const made = await createToken(trx, request);
    if (made.info.site_id !== null) {
      await recordSiteChange(trx, {
        siteId: made.info.site_id,
        by: COMMAND_LINE,
        entity: 'access',
        entityId: made.info.id,
        action: 'create',
        before: null,
        after: accessRecord(made.info),
        at: request.now,
      });
    }
    return made;
  });
}

/** `token revoke` of the command line, kept in the site's history when the token was a site's. */
export async function revokeTokenFromCommandLine(db: Db, id: string, now = new Date()): Promise<Awaited<ReturnType<typeof revokeToken>>> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('tokens').select(ACCESS_COLUMNS).where('id', '=', id).executeTakeFirst();
    const outcome = await revokeToken(trx, id, now);
    if (outcome === 'revoked' && row?.site_id) {
      await recordSiteChange(trx, {
        siteId: row.site_id,
        by: COMMAND_LINE,
        entity: 'access',
        entityId: id,
        action: 'revoke',
        before: accessRecord(row),
        after: accessRecord({ ...row, revoked_at: now.toISOString() }),
        at: now,
      });
    }
    return outcome;
  });
}

/**
 * `GET /admin/unverified-sites`: the sites of the list whose information no agent confirmed or
 * changed since `months` calendar months (`site_edits.verified_at` older, or absent: a site
 * never verified is listed first, with `verified_at: null`), then the oldest verified first.
 */
export async function unverifiedSites(
  db: Db,
  { months = 6, page = 1, size = 200 }: { months?: number; page?: number; size?: number },
  now = new Date(),
): Promise<UnverifiedSites> {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const verifiedBefore = cutoff.toISOString();
  // 2,845 sites: read whole and sorted here, the same on both engines (nulls first, ids as numbers).
  const [sites, edits] = await Promise.all([
    db.selectFrom('sites').select(['id', 'name', 'department']).execute(),
    db.selectFrom('site_edits').select(['site_id', 'verified_at']).where('verified_at', 'is not', null).execute(),
  ]);
  const verified = new Map(edits.map((row) => [row.site_id, row.verified_at!]));
  const all = sites
    .map((site) => ({ id: site.id, name: site.name, department: site.department, verified_at: verified.get(site.id) ?? null }))
    .filter((site) => site.verified_at === null || Date.parse(site.verified_at) < cutoff.getTime())
    .sort(
      (a, b) =>
        (a.verified_at === null ? 0 : Date.parse(a.verified_at)) - (b.verified_at === null ? 0 : Date.parse(b.verified_at)) ||
        a.department.localeCompare(b.department) ||
        Number(a.id) - Number(b.id),
    );
  const total = all.length;
  return {
    months,
    verified_before: verifiedBefore,
    items: all.slice((page - 1) * size, page * size),
    total,
    page,
    size,
    pages: Math.max(1, Math.ceil(total / size)),
  };
}
