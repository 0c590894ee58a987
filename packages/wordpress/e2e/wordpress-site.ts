/**
 * Real WordPress sites for the plugin's end-to-end test (`wordpress.test.ts`): one throwaway
 * MariaDB (a data folder of its own, its own port, one database per site), and per WordPress
 * release a copy of Debian's tree (links followed: Debian links its libraries from system
 * folders) served by PHP's built-in server, installed in French by `wp_install()`.
 *
 * Everything runs as the test's user on 127.0.0.1 and lives in the temporary folder given; no
 * system service is started or changed. What is missing (PHP, MariaDB, WordPress) is said with
 * the command that installs it (scripts/test/prepare-wordpress.mjs, which .ci/run runs).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../../scripts/test/chromium.mjs';
import { INSTALL_HINT, wordpressVersion } from '../../../scripts/test/prepare-wordpress.mjs';

export const ADMIN = { user: 'secretariat', password: 'Mende-48000-mot-de-passe', email: 'mairie@example.org' };

/** A command on the PATH (or in /usr/sbin, where Debian puts mariadbd), or a clear error. */
export function command(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin'])) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(
    `${name} is not installed: the WordPress test needs it. As root: ${INSTALL_HINT} (node scripts/test/prepare-wordpress.mjs does it; .ci/run runs that).`,
  );
}

/** Waits until `check` answers true, or throws `message` (with the log's end) after `timeout` ms. */
async function until(check: () => boolean | Promise<boolean>, timeout: number, message: () => string): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((r) => setTimeout(r, 50));
  }
}

const tail = (file: string, lines = 20) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '');

/**
 * Stops a server started `detached` (a process group of its own): the whole group, since
 * `php -S` with workers leaves them running when only its first process is signalled (and they
 * hold our end of its log pipe open, so the test's process would never end).
 */
function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid) return Promise.resolve();
  const group = -child.pid;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(group, name);
    } catch {
      // the group is gone
    }
  };
  return new Promise((resolve) => {
    const done = () => {
      child.stderr?.destroy();
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) {
      signal('SIGKILL');
      return done();
    }
    child.once('exit', () => {
      signal('SIGKILL');
      done();
    });
    signal('SIGTERM');
    setTimeout(() => signal('SIGKILL'), 5000).unref();
  });
}

export interface MariaDb {
  port: number;
  /** Creates an empty database. */
  createDatabase(name: string): void;
  close(): Promise<void>;
}

/** A MariaDB server of our own: `mariadb-install-db` into `dir`, `mariadbd` on a free port (durability off: a test's data). */
export async function startMariaDb(dir: string): Promise<MariaDb> {
  const install = command('mariadb-install-db');
  const server = command('mariadbd');
  const client = command('mariadb');
  const data = join(dir, 'data');
  const socket = join(dir, 'mariadb.sock');
  const logFile = join(dir, 'mariadb.log');
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  execFileSync(install, ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asRoot], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await freePort();
  const child = spawn(
    server,
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--socket=${socket}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--pid-file=${join(dir, 'mariadb.pid')}`,
      '--skip-name-resolve',
      '--skip-log-bin',
      '--innodb-buffer-pool-size=64M',
      '--innodb-flush-log-at-trx-commit=0',
      '--innodb-doublewrite=0',
      '--character-set-server=utf8mb4',
      ...asRoot,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  child.stderr!.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
  const sql = (statement: string) =>
    execFileSync(client, ['--no-defaults', '-uroot', `--socket=${socket}`, '-e', statement], { stdio: ['ignore', 'pipe', 'pipe'] });
  await until(
    () => {
      if (child.exitCode !== null) throw new Error(`mariadbd stopped (code ${child.exitCode}):\n${tail(logFile)}`);
      return existsSync(logFile) && readFileSync(logFile, 'utf8').includes('ready for connections');
    },
    30_000,
    () => `mariadbd did not start within 30 s:\n${tail(logFile)}`,
  );
  return {
    port,
    createDatabase: (name) => void sql(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
    close: () => stop(child),
  };
}

export interface WordPressSite {
  /** A short name for messages and files: `wp61`, `wp71`. */
  name: string;
  /** `$wp_version`: 6.1.9, 7.1.4… */
  version: string;
  /** http://127.0.0.1:<port> */
  url: string;
  /** The site's folder (its own copy of WordPress). */
  root: string;
  /** Runs PHP code with WordPress loaded (as the command line, no user); answers what it prints. */
  php(code: string): string;
  /** The end of PHP's server log (requests and PHP errors). */
  log(): string;
  close(): Promise<void>;
}

/**
 * A WordPress site: `tree` (a Debian WordPress folder) copied into `dir/<name>` with its links
 * followed, a wp-config.php of ours (database `name` on `db`, the site's address, plugins
 * installed straight to disk, no requests to the internet, no cron), installed in French, served
 * by `php -S` with a few workers (the editor loads many scripts at once).
 */
export async function startWordPress(tree: string, dir: string, db: MariaDb): Promise<WordPressSite> {
  const php = command('php');
  const version = wordpressVersion(tree);
  if (!version) throw new Error(`No WordPress at ${tree}: ${INSTALL_HINT}`);
  const name = `wp${version.split('.').slice(0, 2).join('')}`;
  const root = join(dir, name);
  execFileSync('cp', ['-rL', tree, root]);
  mkdirSync(join(root, 'wp-content/uploads'), { recursive: true });
  db.createDatabase(name);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Debian's wp-config.php reads /etc/wordpress/config-<host>.php: ours replaces it in the copy.
  writeFileSync(
    join(root, 'wp-config.php'),
    `<?php
define( 'DB_NAME', '${name}' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', '127.0.0.1:${db.port}' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
define( 'WP_HOME', '${url}' );
define( 'WP_SITEURL', '${url}' );
define( 'FS_METHOD', 'direct' );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', '${join(dir, `${name}-debug.log`)}' );
define( 'SCRIPT_DEBUG', false );
${['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT']
  .map((key) => `define( '${key}', '${name}-${key}-${port}' );`)
  .join('\n')}
$table_prefix = 'wp_';
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
`,
  );
  const runPhp = (code: string, installing = false) =>
    execFileSync(
      php,
      [
        '-d',
        'display_errors=stderr',
        '-r',
        `$_SERVER['HTTP_HOST'] = '127.0.0.1:${port}'; $_SERVER['REQUEST_URI'] = '/'; $_SERVER['SERVER_NAME'] = '127.0.0.1';
${installing ? "define( 'WP_INSTALLING', true );" : ''}
require ${JSON.stringify(join(root, 'wp-load.php'))};
${code}`,
      ],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  // Installed as a person does from the installer, in French; the new site's e-mail is not sent
  // (no mail server here); the editor's welcome guide is already seen.
  runPhp(
    `function wp_new_blog_notification() {}
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$result = wp_install( 'Mairie de Mende', ${JSON.stringify(ADMIN.user)}, ${JSON.stringify(ADMIN.email)}, true, '', ${JSON.stringify(ADMIN.password)}, 'fr_FR' );
update_option( 'timezone_string', 'Europe/Paris' );
update_option( 'permalink_structure', '' );
update_user_meta( $result['user_id'], $GLOBALS['wpdb']->get_blog_prefix() . 'persisted_preferences', array(
	'core/edit-post' => array( 'welcomeGuide' => false, 'isComplementaryAreaVisible' => true ),
	'core' => array( 'isComplementaryAreaVisible' => true ),
	'_modified' => gmdate( 'c' ),
) );`,
    true,
  );
  const logFile = join(dir, `${name}-php.log`);
  const child = spawn(
    php,
    ['-d', 'upload_max_filesize=32M', '-d', 'post_max_size=32M', '-d', 'display_errors=stderr', '-S', `127.0.0.1:${port}`, '-t', root],
    { cwd: root, env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' }, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  child.stderr!.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`php -S stopped (code ${child.exitCode}):\n${tail(logFile)}`);
      try {
        return (await fetch(`${url}/wp-login.php`)).ok;
      } catch {
        return false;
      }
    },
    20_000,
    () => `WordPress ${version} did not answer on ${url} within 20 s:\n${tail(logFile)}`,
  );
  return {
    name,
    version,
    url,
    root,
    php: (code) => runPhp(code),
    log: () =>
      tail(logFile, 40) + (existsSync(join(dir, `${name}-debug.log`)) ? `\n--- debug.log\n${tail(join(dir, `${name}-debug.log`))}` : ''),
    close: () => stop(child),
  };
}
