import { parseArgs } from 'node:util';
import { readConfig, ConfigError } from './config.js';
import { openDatabase } from './db/database.js';
import { importData } from './import/import-data.js';

const HELP = `France services widgets — server command line

Usage:
  npm run server -- import [--sites FILE] [--postcodes FILE] [--stops FILE]
      Load (or reload) the France services list, the stops of the Charente bus and the
      communes into the database.
      Idempotent. Rows that cannot be read are skipped and listed with their line number.
      FILE may be comma- or semicolon-separated (both ANCT releases).
  npm run server -- help

Environment: FS_SQLITE_PATH (default var/fs-widgets.db). See the README for the others.
`;

async function runImport(args: string[]) {
  const { values } = parseArgs({ args, options: { sites: { type: 'string' }, postcodes: { type: 'string' }, stops: { type: 'string' } } });
  const config = readConfig();
  const db = await openDatabase({ sqlitePath: config.sqlitePath });
  try {
    const report = await importData(db, { sitesFile: values.sites, postcodesFile: values.postcodes, stopsFile: values.stops });
    console.log(
      `Imported ${report.sites.imported} sites (${report.sites.read} rows read, separator "${report.sites.separator}", ${report.sites.removed} removed), ` +
        `${report.communes.imported} communes and ${report.communes.postcodes} postcodes into ${config.sqlitePath}.`,
    );
    const stops = report.itinerantStops;
    console.log(
      stops.siteMissing
        ? `Itinerant stops not loaded: their site ${stops.siteId} is not in the list (${stops.read} stops read).`
        : `Loaded ${stops.imported} itinerant stops of site ${stops.siteId}.`,
    );
    if (report.sites.removalWithheld) {
      console.log('Some rows could not be read at all: no site was removed from the database this time.');
    }
    if (report.communes.withoutLocation.length > 0) {
      console.log(`${report.communes.withoutLocation.length} communes have no known centroid: ${report.communes.withoutLocation.join(', ')}`);
    }
    for (const issue of report.issues) {
      console.log(`  ${issue.level} ${issue.source} line ${issue.line}${issue.recordId ? ` (id ${issue.recordId})` : ''}: ${issue.message}`);
    }
    // Skipped rows are data lost: a non-zero exit lets a scheduled import alert someone.
    return report.issues.some((i) => i.level === 'skipped') ? 1 : 0;
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
  if (err instanceof ConfigError || (err instanceof Error && /has no column|ENOENT/.test(err.message))) {
    console.error(`Error: ${err.message}`);
    process.exitCode = 2;
  } else {
    throw err;
  }
}
