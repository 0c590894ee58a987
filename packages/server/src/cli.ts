import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig, ConfigError } from './config.js';
import { openDatabase } from './db/database.js';
import { importData } from './import/import-data.js';
import { CARRIER_KINDS } from '@fs-widgets/contract';
import { describeScope, listTokens, TokenError, type TokenInfo } from './auth/tokens.js';
import { CARRIER_FILE_COLUMNS, CarrierImportError, createCarrier, importCarriers, listCarriers } from './carriers/carriers.js';
import { HttpProblem } from './http/problem.js';
import { COMMAND_LINE, createTokenFromCommandLine, revokeTokenFromCommandLine } from './site-admin/site-access.js';

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
  npm run server -- token create --departement CODE --label LABEL [--expires YYYY-MM-DD]
      Make a read-only observer's token for one département (e.g. 48, 2A, 974): the network
      observatory of its sites and their activity figures, for a prefecture or sous-préfecture.
  npm run server -- token create --carrier ID --label LABEL [--expires YYYY-MM-DD]
      The same for a carrier (see carrier create): the sites whose carrier is SET to it.
  npm run server -- token create --network --label LABEL [--expires YYYY-MM-DD]
      The same for the whole network (ANCT): every site, any département or carrier; no write.
  npm run server -- token list
      Every token: id, role, site or scope, label, dates. Secrets are never shown again.
  npm run server -- token revoke ID
      Refuse a token from now on.
  npm run server -- carrier create --id ID --name NAME --kind KIND
      Name a carrier (structure porteuse): ID a slug (cc-val-de-charente), KIND one of
      ${CARRIER_KINDS.join(', ')}.
  npm run server -- carrier list
      Every carrier, with the number of sites it is set for.
  npm run server -- carriers import FILE
      Set the carrier of many sites from a CSV file (comma or semicolon) with the columns
      ${CARRIER_FILE_COLUMNS.join(',')}; creates the carriers it names that do
      not exist yet. Every change goes to the site's history. A bad row is reported with its
      line number, and then nothing at all is changed.
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
          departement: { type: 'string' },
          carrier: { type: 'string' },
          network: { type: 'boolean' },
          label: { type: 'string' },
          expires: { type: 'string' },
        },
      });
      const kinds = [
        values.admin && '--admin',
        values.site !== undefined && '--site',
        values.departement !== undefined && '--departement',
        values.carrier !== undefined && '--carrier',
        values.network && '--network',
      ].filter((k): k is string => typeof k === 'string');
      if (kinds.length === 0) {
        throw new TokenError(
          'say whose token it is: --site ID (the agents of one site; add --manager for its manager) or --admin, ' +
            "or a read-only observer's: --departement CODE, --carrier ID or --network",
        );
      }
      if (kinds.length > 1) {
        const which = kinds.length === 2 ? `${kinds[0]} or ${kinds[1]}, not both` : `one of ${kinds.join(', ')}, not several`;
        throw new TokenError(`a token is of one kind: give ${which}`);
      }
      if (values.manager && values.site === undefined) {
        throw new TokenError('--manager is for one site (--site ID): the other tokens have no manager');
      }
      const role = values.admin
        ? 'admin'
        : values.departement !== undefined
          ? 'departement'
          : values.carrier !== undefined
            ? 'carrier'
            : values.network
              ? 'network'
              : values.manager
                ? 'manager'
                : 'agent';
      const { token, info, siteName } = await createTokenFromCommandLine(db, {
        role,
        siteId: values.site,
        department: values.departement,
        carrier: values.carrier,
        label: values.label ?? '',
        expiresAt: parseExpiry(values.expires),
      });
      const scope =
        info.role === 'agent' || info.role === 'manager'
          ? `${info.role === 'manager' ? 'the manager of ' : ''}site ${info.site_id} (${siteName})`
          : info.role === 'admin'
            ? 'every site (admin)'
            : `${describeScope(info)} (read-only observer)`;
      console.log(`Token ${info.id} "${info.label}" for ${scope}, ${info.expires_at ? `refused from ${info.expires_at}` : 'no expiry'}:\n`);
      console.log(token);
      console.log(`\nCopy it now: it is not stored and cannot be shown again. Revoke it with \`token revoke ${info.id}\`.`);
      return 0;
    }
    if (action === 'list') {
      const tokens = await listTokens(db);
      if (tokens.length === 0) console.log('No token.');
      for (const t of tokens) {
        const scope = t.site_id ?? t.scope_department ?? t.scope_carrier ?? '*';
        const fields = [t.id, t.role, scope, JSON.stringify(t.label), `created ${t.created_at}`];
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

async function runCarrier(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'create' && action !== 'list') throw new TokenError(`unknown carrier command "${action ?? ''}": create or list`);
  const { values } = parseArgs({
    args: rest,
    options: { id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' } },
  });
  const config = readConfig();
  const db = await openDatabase({ sqlitePath: config.sqlitePath, databaseUrl: config.databaseUrl });
  try {
    if (action === 'list') {
      const carriers = await listCarriers(db);
      const counts = await db
        .selectFrom('site_carriers')
        .select(['carrier_id', (eb) => eb.fn.countAll().as('n')])
        .groupBy('carrier_id')
        .execute();
      const sites = new Map(counts.map((c) => [c.carrier_id, Number(c.n)]));
      if (carriers.length === 0) console.log('No carrier.');
      for (const c of carriers) console.log([c.id, c.kind, JSON.stringify(c.name), `${sites.get(c.id) ?? 0} sites`].join('  '));
      return 0;
    }
    if (values.id === undefined || values.name === undefined || values.kind === undefined) {
      throw new TokenError(`a carrier needs --id ID --name NAME --kind KIND (KIND one of ${CARRIER_KINDS.join(', ')})`);
    }
    const carrier = await createCarrier(db, { id: values.id, name: values.name, kind: values.kind });
    console.log(`Carrier ${carrier.id} "${carrier.name}" (${carrier.kind}) created.`);
    return 0;
  } finally {
    await db.destroy();
  }
}

async function runCarriersImport(args: string[]): Promise<number> {
  const [action, file, ...more] = args;
  if (action !== 'import' || !file || more.length > 0) throw new TokenError('give the file to import: carriers import FILE.csv');
  const text = readFileSync(file, 'utf8');
  const config = readConfig();
  const db = await openDatabase({ sqlitePath: config.sqlitePath, databaseUrl: config.databaseUrl });
  try {
    const report = await importCarriers(db, text, { ...COMMAND_LINE, label: `import ${basename(file)}` });
    console.log(
      `${report.rows} rows read: ${report.sitesChanged} sites changed their carrier, ${report.sitesUnchanged} kept it; ` +
        `${report.carriersCreated.length} carriers created${report.carriersCreated.length ? ` (${report.carriersCreated.join(', ')})` : ''}.`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof CarrierImportError)) throw err;
    console.error(`Error: ${file} was not imported, nothing changed:\n${err.message}`);
    return 1;
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
    case 'carrier':
      process.exitCode = await runCarrier(rest);
      break;
    case 'carriers':
      process.exitCode = await runCarriersImport(rest);
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
  } else if (err instanceof HttpProblem) {
    // The checks shared with the API (a carrier's id, name, kind; an id taken).
    console.error(`Error: ${err.detail ?? err.title}`);
    process.exitCode = 2;
  } else if (err instanceof ConfigError || (err instanceof Error && /has no column|ENOENT/.test(err.message))) {
    console.error(`Error: ${err.message}`);
    process.exitCode = 2;
  } else {
    throw err;
  }
}
