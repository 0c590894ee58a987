import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { ProblemType } from '@fs-widgets/contract';
import type { Db } from '../db/database.js';
import type { TokenTable } from '../db/schema.js';
import { HttpProblem } from '../http/problem.js';
import { departmentName } from '../communes/departments.js';

/**
 * Access tokens (docs/security.md). A token reads `fsw_<id>.<secret>`: the id (12 hex digits)
 * names the row and is not secret — it is printed by `token list` and may appear in logs; the
 * secret is 256 random bits, shown once at creation. Only its sha256 is stored: a leaked
 * database or backup gives no usable token, and the secret is random enough that no salt or
 * slow hash is needed.
 */
export const TOKEN_ROLES = ['agent', 'manager', 'admin', 'departement', 'carrier', 'network'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];
/**
 * The read-only observers above a site (issue 17, docs/security.md): a département's (its
 * sites), a carrier's (the sites whose carrier is SET to it) and the network's (every site).
 * They read the observatory and the activity of their scope; they act for no site.
 */
export const OBSERVER_ROLES = ['departement', 'carrier', 'network'] as const;
export type ObserverRole = (typeof OBSERVER_ROLES)[number];
export const isObserver = (role: string): role is ObserverRole => (OBSERVER_ROLES as readonly string[]).includes(role);

const ID_BYTES = 6;
const SECRET_BYTES = 32;
const TOKEN_FORMAT = /^fsw_([0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;
const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i;
/** `last_used_at` is a hint for `token list`, not an audit log: one write a minute at most. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type TokenInfo = Omit<TokenTable, 'secret_hash'> & { role: TokenRole };

/** A token cannot be created as asked (unknown site, bad expiry…): the CLI prints the message. */
export class TokenError extends Error {}

const sha256 = (secret: string) => createHash('sha256').update(secret).digest();

export interface NewToken {
  role: TokenRole;
  /** Required for an agent or a manager, absent for the others. */
  siteId?: string;
  /** Required for a `departement` token: a département's code ('48', '2A', '974'). */
  department?: string;
  /** Required for a `carrier` token: the id of a carrier of the `carriers` table. */
  carrier?: string;
  label: string;
  expiresAt?: Date;
  now?: Date;
  /** Label of the access creating it (a manager, an admin), kept for the site's access list; none from the command line. */
  createdBy?: string;
}

/** Creates a token; the returned `token` string is the only copy of its secret. */
export async function createToken(db: Db, request: NewToken): Promise<{ token: string; info: TokenInfo; siteName: string | null }> {
  const now = request.now ?? new Date();
  const label = request.label.trim();
  if (!label) throw new TokenError('a token needs a --label saying who holds it, e.g. --label accueil');
  if (label.length > 100) throw new TokenError('--label is at most 100 characters');
  if (request.expiresAt && request.expiresAt.getTime() <= now.getTime()) {
    throw new TokenError(`--expires must be in the future, got ${request.expiresAt.toISOString()}`);
  }
  let siteName: string | null = null;
  if (request.role === 'agent' || request.role === 'manager') {
    if (!request.siteId) throw new TokenError(`an ${request.role} token needs --site <id>, the ANCT identifier of its site`);
    const site = await db.selectFrom('sites').select('name').where('id', '=', request.siteId).executeTakeFirst();
    if (!site) {
      throw new TokenError(
        `no France services site has the id ${request.siteId} in this database (run \`npm run server -- import\` first if it is empty)`,
      );
    }
    siteName = site.name;
  } else if (request.siteId) {
    throw new TokenError(
      request.role === 'admin'
        ? 'an admin token is valid for every site: give --admin or --site, not both'
        : `a ${request.role} token observes a scope, not one site: --site does not go with it`,
    );
  }
  if (request.role === 'departement') {
    const code = request.department ?? '';
    if (!departmentName(code)) {
      throw new TokenError(
        `--departement must be the code of a French département or overseas territory (01…95, 2A, 2B, 971…988), got "${code}"`,
      );
    }
  } else if (request.department !== undefined) {
    throw new TokenError('--departement makes a département observer token: it does not go with another role');
  }
  if (request.role === 'carrier') {
    const id = request.carrier ?? '';
    const carrier = id ? await db.selectFrom('carriers').select('id').where('id', '=', id).executeTakeFirst() : undefined;
    if (!carrier)
      throw new TokenError(`no carrier has the id "${id}": make it first with \`carrier create --id ${id || 'ID'} --name … --kind …\``);
  } else if (request.carrier !== undefined) {
    throw new TokenError('--carrier makes a carrier observer token: it does not go with another role');
  }
  const id = randomBytes(ID_BYTES).toString('hex');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  const info: TokenInfo = {
    id,
    role: request.role,
    site_id: request.role === 'agent' || request.role === 'manager' ? request.siteId! : null,
    label,
    created_at: now.toISOString(),
    expires_at: request.expiresAt?.toISOString() ?? null,
    revoked_at: null,
    last_used_at: null,
    created_by: request.createdBy ?? null,
    scope_department: request.role === 'departement' ? request.department! : null,
    scope_carrier: request.role === 'carrier' ? request.carrier! : null,
  };
  await db
    .insertInto('tokens')
    .values({ ...info, secret_hash: sha256(secret).toString('hex') })
    .execute();
  return { token: `fsw_${id}.${secret}`, info, siteName };
}

export async function listTokens(db: Db): Promise<TokenInfo[]> {
  const rows = await db
    .selectFrom('tokens')
    .select([
      'id',
      'role',
      'site_id',
      'label',
      'created_at',
      'expires_at',
      'revoked_at',
      'last_used_at',
      'created_by',
      'scope_department',
      'scope_carrier',
    ])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows as TokenInfo[];
}

/** Revokes a token at once (every API node reads the same table). */
export async function revokeToken(db: Db, id: string, now = new Date()): Promise<'revoked' | 'already-revoked' | 'unknown'> {
  const row = await db.selectFrom('tokens').select('revoked_at').where('id', '=', id).executeTakeFirst();
  if (!row) return 'unknown';
  if (row.revoked_at) return 'already-revoked';
  await db.updateTable('tokens').set({ revoked_at: now.toISOString() }).where('id', '=', id).execute();
  return 'revoked';
}

/** What a token covers, in a few words for messages: « département 48 », « carrier la-poste », « the network », « site X ». */
export function describeScope(token: Pick<TokenInfo, 'role' | 'site_id' | 'scope_department' | 'scope_carrier'>): string {
  switch (token.role) {
    case 'departement':
      return `département ${token.scope_department}`;
    case 'carrier':
      return `carrier ${token.scope_carrier}`;
    case 'network':
      return 'the network';
    case 'admin':
      return 'every site (admin)';
    default:
      return `site ${token.site_id}`;
  }
}

const unauthorized = (detail: string, invalidToken = true) =>
  new HttpProblem(401, ProblemType.unauthorized, 'Unauthorized', detail).withHeaders({
    // RFC 6750 §3: say which scheme is expected, and whether the token sent was at fault.
    'www-authenticate': invalidToken ? 'Bearer realm="fs-widgets", error="invalid_token"' : 'Bearer realm="fs-widgets"',
  });

/** Compared against when the id is unknown, so an unknown id costs the same time as a wrong secret. */
const NO_HASH = Buffer.alloc(32);

/**
 * The token of `Authorization: Bearer …`, checked for `site`: any admin token, or an agent's or
 * manager's token of that site (a manager's only when `role: 'manager'` is asked); `site: null`
 * (the whole network) admits admin tokens only. Throws a 401 problem (no token, malformed,
 * unknown or wrong secret, revoked, expired) or a 403 (another site's token, an agent asking
 * for a manager's action or for the network).
 */
export async function requireToken(
  db: Db,
  request: FastifyRequest,
  { site, role = 'agent' }: { site: string | null; role?: 'agent' | 'manager' },
  now = new Date(),
): Promise<TokenInfo> {
  const token = await authenticate(db, request, now);
  authorizeSite(token, site, role);
  return token;
}

/**
 * Whether `token` may act for `site` (null: the whole network) with `role`'s rights (a manager
 * has an agent's too): throws a 403 problem if not.
 */
export function authorizeSite(token: TokenInfo, site: string | null, role: 'agent' | 'manager' = 'agent'): void {
  if (token.role === 'admin') return;
  if (isObserver(token.role)) {
    // Observers read the observatory (auth/scopes.ts) and the activity figures of their scope; they never act for a site.
    throw new HttpProblem(
      403,
      ProblemType.forbidden,
      'Forbidden',
      `The token ${token.id} is a read-only observer's (${describeScope(token)}): it may not act for a site.`,
    );
  }
  if (site === null) {
    throw new HttpProblem(
      403,
      ProblemType.forbidden,
      'Forbidden',
      `The token ${token.id} is for site ${token.site_id}; the whole network needs an admin token.`,
    );
  }
  if (token.site_id !== site) {
    throw new HttpProblem(403, ProblemType.forbidden, 'Forbidden', `The token ${token.id} is for site ${token.site_id}, not site ${site}.`);
  }
  if (role === 'manager' && token.role !== 'manager') {
    throw new HttpProblem(
      403,
      ProblemType.forbidden,
      'Forbidden',
      `The token ${token.id} is an agent's: this needs the access of the site's manager (or an admin).`,
    );
  }
}

/**
 * The valid token of `Authorization: Bearer …`, whatever its site: throws a 401 problem (no
 * token, malformed, unknown or wrong secret, revoked, expired). `authorizeSite` then says
 * whether it may act for a site (routes whose site is known only after the body is read).
 */
export async function authenticate(db: Db, request: FastifyRequest, now = new Date()): Promise<TokenInfo> {
  const header = request.headers.authorization;
  if (!header) {
    throw unauthorized('This resource needs a token: send the header `Authorization: Bearer fsw_…` (docs/security.md).', false);
  }
  const token = BEARER.exec(header)?.[1];
  const parts = token ? TOKEN_FORMAT.exec(token) : null;
  if (!parts) throw unauthorized('The Authorization header must read `Bearer fsw_<id>.<secret>`.');
  const [, id, secret] = parts as unknown as [string, string, string];
  const row = await db.selectFrom('tokens').selectAll().where('id', '=', id).executeTakeFirst();
  const stored = row ? Buffer.from(row.secret_hash, 'hex') : NO_HASH;
  const matches = timingSafeEqual(sha256(secret), stored.length === 32 ? stored : NO_HASH);
  // One message for an unknown id and a wrong secret: the answer tells nothing about either.
  if (!row || !matches) throw unauthorized('The token is not valid.');
  if (row.revoked_at) throw unauthorized(`The token ${id} was revoked on ${row.revoked_at}.`);
  if (row.expires_at && now.getTime() >= Date.parse(row.expires_at)) throw unauthorized(`The token ${id} expired on ${row.expires_at}.`);
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_RESOLUTION_MS) {
    await db.updateTable('tokens').set({ last_used_at: now.toISOString() }).where('id', '=', id).execute();
  }
  const { secret_hash: _hash, ...info } = row;
  return info as TokenInfo;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The token checked by `agentOfBodySite` or a route's preValidation hook: the actor of the request's writes. */
    agentToken?: TokenInfo;
  }
}

/**
 * preValidation hook of the agents' writes whose site is in the body: the token is checked
 * before the body is (an anonymous request learns nothing about its body), then against the
 * body's `site_id` when there is one (403 for another site's agent).
 */
export const agentOfBodySite = (ctx: AppContext) => async (request: FastifyRequest) => {
  const token = await authenticate(ctx.db, request);
  const site = (request.body as { site_id?: unknown } | null)?.site_id;
  if (typeof site === 'string') authorizeSite(token, site);
  request.agentToken = token;
};
