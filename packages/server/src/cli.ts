import { parseArgs } from 'node:util';
import { readConfig, ConfigError } from './config.js';
import { openDatabase } from './db/database.js';
import { importData } from './import/import-data.js';
import { listTokens, TokenError, type TokenInfo } from './auth/tokens.js';
import { createTokenFromCommandLine, revokeTokenFromCommandLine } from './site-admin/site-access.js';

const HELP = `France services widgets — server command line

Usage:
  npm run server -- import [--sites FILE] [--postcodes FILE] [--stops FILE]
      Load (or reload) the France services list, the stops of the Charente bus and the
      communes into the database.
      Idempotent. Rows that cannot be read are skipped and listed with their line number.
      FILE may be comma- or semicolon-separated (both ANCT releases).
  npm run server -- token create --site ID --label LABEL [--expires YYYY-MM-DD]
      Make a token for the agents of one site (e.g. to export its answers); valid through
      the --expires day (UTC) when given. The token is printed once: only its hash is kept.
  npm run server -- token create --site ID --manager --label LABEL [--expires YYYY-MM-DD]
      Make the access of a site's manager: the agents' rights, and from <fs-site-admin> the
      site's agents' access (create, relabel, expire, revoke) and its history.
  npm run server -- token create --admin --label LABEL [--expires YYYY-MM-DD]
      Make a token valid for every site.
  npm run server -- token list
      Every token: id, role, site, label, dates. Secrets are never shown again.
  npm run server -- token revoke ID
      Refuse a token from now on.
  npm run server -- help

Environment: FS_SQLITE_PATH (default var/fs-widgets.db), or DATABASE_URL (postgres://…) for PostgreSQL. See the README for the others.
`;

async function runImport(args: string[]) {
  const { values } = parseArgs({ args, options: { sites: { type: 'string' }, postcodes: { type: 'string' }, stops: { type: 'string' } } });
  const config = readConfig();
  const db = await openDatabase({ sqlitePath: config.sqlitePath, databaseUrl: config.databaseUrl });
  try {
    const report = await importData(db, { sitesFile: values.sites, postcodesFile: values.postcodes, stopsFile: values.stops });
    console.log(
      `Imported ${report.sites.imported} sites (${report.sites.read} rows read, separator "${report.sites.separator}", ${report.sites.removed} removed), ` +
        `${report.communes.imported} communes and ${report.communes.postcodes} postcodes into ${config.databaseLabel}.`,
    );
    const stops = report.itinerantStops;
    console.log(
      stops.siteMissing
        ? `Itinerant stops not loaded: their site ${stops.siteId} is not in the list (${stops.read} stops read).`
        : stops.imported > 0
          ? `Imported ${stops.imported} stops of site ${stops.siteId} into its outreach stops (its agents edit them from now on).`
          : `Stops of site ${stops.siteId}: ${stops.stored} from the file, as the site keeps them (imported once, never overwritten).`,
    );
    if (report.sites.removalWithheld) {
      console.log('Some rows could not be read at all: no site was removed from the database this time.');
    }
    if (report.communes.withoutLocation.length > 0) {
      console.log(
        `${report.communes.withoutLocation.length} communes have no known centroid: ${report.communes.withoutLocation.join(', ')}`,
      );
    }
    for (const issue of report.issues) {
      console.log(
        `  ${issue.level} ${issue.source} line ${issue.line}${issue.recordId ? ` (id ${issue.recordId})` : ''}: ${issue.message}`,
      );
    }
    // Skipped rows are data lost: a non-zero exit lets a scheduled import alert someone.
    return report.issues.some((i) => i.level === 'skipped') ? 1 : 0;
  } finally {
    await db.destroy();
  }
}

/** `--expires 2027-12-31`: valid through that day (UTC); a full ISO instant is taken as is. */
function parseExpiry(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const expiry = day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1)) : new Date(value);
  // Date.UTC rolls 2027-02-30 over to March: the day after must follow the day given.
  const rolledOver = day && new Date(expiry.getTime() - 86_400_000).toISOString().slice(0, 10) !== value;
  if (Number.isNaN(expiry.getTime()) || rolledOver) {
    throw new TokenError(`--expires must be a date YYYY-MM-DD (or an ISO date-time), got "${value}"`);
  }
  return expiry;
}

function tokenState(token: TokenInfo, now = Date.now()): string {
  if (token.revoked_at) return `revoked ${token.revoked_at}`;
  if (token.expires_at && Date.parse(token.expires_at) <= now) return `expired ${token.expires_at}`;
  return 'active';
}

async function runToken(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'create' && action !== 'list' && action !== 'revoke') {
    throw new TokenError(`unknown token command "${action ?? ''}": create, list or revoke`);
  }
  const config = readConfig();
  const db = await openDatabase({ sqlitePath: config.sqlitePath, databaseUrl: config.databaseUrl });
  try {
    if (action === 'create') {
      const { values } = parseArgs({
        args: rest,
        options: {
          site: { type: 'string' },
          admin: { type: 'boolean' },
          manager: { type: 'boolean' },
          label: { type: 'string' },
          expires: { type: 'string' },
        },
      });
      if (!values.admin && values.site === undefined)
        throw new TokenError('say whose token it is: --site ID (the agents of one site; add --manager for its manager) or --admin');
      if (values.admin && values.manager) throw new TokenError('--manager is for one site (--site ID): an admin token is for every site');
      const { token, info, siteName } = await createTokenFromCommandLine(db, {
        role: values.admin ? 'admin' : values.manager ? 'manager' : 'agent',
        siteId: values.site,
        label: values.label ?? '',
        expiresAt: parseExpiry(values.expires),
      });
      const scope =
        info.role === 'admin'
          ? 'every site (admin)'
          : `${info.role === 'manager' ? 'the manager of ' : ''}site ${info.site_id} (${siteName})`;
      console.log(`Token ${info.id} "${info.label}" for ${scope}, ${info.expires_at ? `refused from ${info.expires_at}` : 'no expiry'}:\n`);
      console.log(token);
      console.log(`\nCopy it now: it is not stored and cannot be shown again. Revoke it with \`token revoke ${info.id}\`.`);
      return 0;
    }
    if (action === 'list') {
      const tokens = await listTokens(db);
      if (tokens.length === 0) console.log('No token.');
      for (const t of tokens) {
        const fields = [t.id, t.role, t.site_id ?? '*', JSON.stringify(t.label), `created ${t.created_at}`];
        fields.push(`expires ${t.expires_at ?? 'never'}`, `last used ${t.last_used_at ?? 'never'}`, tokenState(t));
        console.log(fields.join('  '));
      }
      return 0;
    }
    const id = rest[0];
    if (!id || rest.length > 1) throw new TokenError('give the id of the token to revoke: token revoke ID (see token list)');
    const outcome = await revokeTokenFromCommandLine(db, id);
    if (outcome === 'unknown') {
      console.error(`Error: no token has the id ${id} (see token list).`);
      return 1;
    }
    console.log(outcome === 'revoked' ? `Token ${id} revoked.` : `Token ${id} was already revoked.`);
    return 0;
  } finally {
    await db.destroy();
  }
}

const [command, ...rest] = process.argv.slice(2);
try {
  switch (command) {
    case 'import':
      process.exitCode = await runImport(rest);
      break;
    case 'token':
      process.exitCode = await runToken(rest);
      break;
    case undefined:
    case 'help':
    case '--help':
      console.log(HELP);
      break;
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      process.exitCode = 2;
  }
} catch (err) {
  const badArguments = err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS_');
  if (err instanceof TokenError || badArguments) {
    console.error(`Error: ${(err as Error).message}\n\nSee \`npm run server -- help\`.`);
    process.exitCode = 2;
  } else if (err instanceof ConfigError || (err instanceof Error && /has no column|ENOENT/.test(err.message))) {
    console.error(`Error: ${err.message}`);
    process.exitCode = 2;
  } else {
    throw err;
  }
}
