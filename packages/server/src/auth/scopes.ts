import type { FastifyRequest } from 'fastify';
import { CARRIER_ID_MAX_LENGTH, CARRIER_ID_PATTERN, DEPARTEMENT_CODE_PATTERN, ProblemType } from '@fs-widgets/contract';
import type { ObservatoryScope } from '@fs-widgets/contract';
import type { AppContext } from '../app-context.js';
import { departmentName } from '../communes/departments.js';
import type { Db } from '../db/database.js';
import { HttpProblem, invalidParam, notFound } from '../http/problem.js';
import { authenticate, describeScope, type TokenInfo } from './tokens.js';

/*
 * The scopes of the network observatory (issue 17, docs/security.md): a département's token sees
 * the sites of its département, a carrier's the sites whose carrier is SET to it (a name-based
 * guess never grants access), the network's and an admin's every site, and may ask for any
 * département's or carrier's view. Agents and managers observe nothing here.
 */

export type Scope = { kind: 'network' } | { kind: 'departement'; department: string } | { kind: 'carrier'; carrier: string };

export interface ResolvedScope {
  scope: Scope;
  /** « Réseau national », « Lozère (48) », « La Poste ». */
  label: string;
  /** Every site id of the scope, sorted; the network's: every site of the catalogue. */
  siteIds: string[];
  /** The départements covered: ['48'] for a département; null = all (network); a carrier's: the départements of its sites. */
  departments: string[] | null;
}

const DEPARTEMENT_CODE = new RegExp(DEPARTEMENT_CODE_PATTERN);
const CARRIER_ID = new RegExp(CARRIER_ID_PATTERN);

const forbidden = (detail: string) => new HttpProblem(403, ProblemType.forbidden, 'Forbidden', detail);

/** The scope a token may see when it asks for none: its own (the network for an admin or a network token); null for a site's token. */
function ownScope(token: TokenInfo): Scope | null {
  if (token.role === 'admin' || token.role === 'network') return { kind: 'network' };
  if (token.role === 'departement' && token.scope_department) return { kind: 'departement', department: token.scope_department };
  if (token.role === 'carrier' && token.scope_carrier) return { kind: 'carrier', carrier: token.scope_carrier };
  return null;
}

/** Checks the asked scope's parameters (400 problem naming the parameter): at most one, each well formed. */
function askedScope(asked: { departement?: string; carrier?: string }): Scope | null {
  const { departement, carrier } = asked;
  if (departement !== undefined && carrier !== undefined) {
    throw invalidParam('carrier', 'ask for one scope: `departement` or `carrier`, not both');
  }
  if (departement !== undefined) {
    if (!DEPARTEMENT_CODE.test(departement)) {
      throw invalidParam('departement', 'must be a département’s code: 01…95, 2A, 2B, or an overseas code such as 974');
    }
    return { kind: 'departement', department: departement };
  }
  if (carrier !== undefined) {
    if (carrier.length > CARRIER_ID_MAX_LENGTH || !CARRIER_ID.test(carrier)) {
      throw invalidParam('carrier', 'must be a carrier’s id: lower-case letters, digits and dashes, e.g. la-poste');
    }
    return { kind: 'carrier', carrier };
  }
  return null;
}

const sameScope = (a: Scope, b: Scope) =>
  a.kind === b.kind &&
  (a.kind === 'network' ||
    (a.kind === 'departement' && b.kind === 'departement' && a.department === b.department) ||
    (a.kind === 'carrier' && b.kind === 'carrier' && a.carrier === b.carrier));

/**
 * Whether `token` may see `scope` (403 problem if not): an admin or a network token any scope; a
 * département's or a carrier's token its own only; a site's token (agent, manager) none.
 */
export function authorizeScope(token: TokenInfo, scope: Scope): void {
  if (token.role === 'admin' || token.role === 'network') return;
  const own = ownScope(token);
  if (!own) {
    throw forbidden(
      `The token ${token.id} is for ${describeScope(token)}: the network observatory needs an observer's token (département, carrier, network) or an admin's.`,
    );
  }
  if (!sameScope(own, scope)) {
    const what =
      scope.kind === 'network'
        ? 'the whole network'
        : scope.kind === 'departement'
          ? `département ${scope.department}`
          : `carrier ${scope.carrier}`;
    throw forbidden(`The token ${token.id} observes ${describeScope(token)}, not ${what}.`);
  }
}

/** The sites and départements of a scope (404 problem for an unknown département or carrier). */
export async function resolveScope(ctx: AppContext, scope: Scope): Promise<ResolvedScope> {
  if (scope.kind === 'network') {
    return { scope, label: 'Réseau national', siteIds: await allSiteIds(ctx.db), departments: null };
  }
  if (scope.kind === 'departement') {
    const name = departmentName(scope.department);
    if (!name) throw notFound(`No French département or overseas territory has the code ${scope.department}.`);
    const rows = await ctx.db.selectFrom('sites').select('id').where('department', '=', scope.department).orderBy('id').execute();
    return { scope, label: `${name} (${scope.department})`, siteIds: rows.map((r) => r.id), departments: [scope.department] };
  }
  const carrier = await ctx.db.selectFrom('carriers').select(['id', 'name']).where('id', '=', scope.carrier).executeTakeFirst();
  if (!carrier) throw notFound(`No carrier has the id ${scope.carrier} (see GET /api/v1/observatory/carriers).`);
  // Only the sites whose carrier is SET, and still in the list: a re-import may have dropped one.
  const rows = await ctx.db
    .selectFrom('site_carriers')
    .innerJoin('sites', 'sites.id', 'site_carriers.site_id')
    .select(['sites.id as id', 'sites.department as department'])
    .where('site_carriers.carrier_id', '=', scope.carrier)
    .orderBy('sites.id')
    .execute();
  const departments = [...new Set(rows.map((r) => r.department))].sort();
  return { scope, label: carrier.name, siteIds: rows.map((r) => r.id), departments };
}

async function allSiteIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('sites').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/**
 * Reads `departement` / `carrier` query params (none = the token's own scope; network for admin/network tokens),
 * checks the token: 401 without/invalid token; 403 when the token may not see that scope
 * (a département token asking for another département or for the network, a carrier token for another
 * carrier, an agent/manager token for anything here). network and admin tokens may ask any scope.
 * A malformed or doubled parameter is a 400 problem naming it; an unknown département or carrier a 404.
 */
export async function requireScope(
  ctx: AppContext,
  request: FastifyRequest,
  asked: { departement?: string; carrier?: string },
): Promise<ResolvedScope> {
  const token = await authenticate(ctx.db, request);
  const wanted = askedScope(asked);
  const scope = wanted ?? ownScope(token);
  if (!scope) {
    throw forbidden(
      `The token ${token.id} is for ${describeScope(token)}: the network observatory needs an observer's token (département, carrier, network) or an admin's.`,
    );
  }
  authorizeScope(token, scope);
  return resolveScope(ctx, scope);
}

/** The contract's view of a resolved scope (every observatory answer says which scope it is about). */
export function scopeView(resolved: ResolvedScope): ObservatoryScope {
  const { scope } = resolved;
  return {
    kind: scope.kind,
    department: scope.kind === 'departement' ? scope.department : null,
    carrier: scope.kind === 'carrier' ? scope.carrier : null,
    label: resolved.label,
    departments: resolved.departments,
    sites: resolved.siteIds.length,
  };
}

/** Whether `token` may read the figures of `site` as an observer: its scope holds the site (the network's holds every site). */
export async function scopeHoldsSite(ctx: AppContext, token: TokenInfo, site: string): Promise<boolean> {
  const own = ownScope(token);
  if (!own || token.role === 'agent' || token.role === 'manager') return false;
  if (own.kind === 'network') return true;
  if (own.kind === 'departement') {
    const row = await ctx.db.selectFrom('sites').select('department').where('id', '=', site).executeTakeFirst();
    return row?.department === own.department;
  }
  const row = await ctx.db
    .selectFrom('site_carriers')
    .select('carrier_id')
    .where('site_id', '=', site)
    .where('carrier_id', '=', own.carrier)
    .executeTakeFirst();
  return row !== undefined;
}
