/**
 * The WordPress plugin's build (`scripts/build/wordpress.ts`, `npm run build:wordpress`): the
 * catalog holds every public widget of the registry with every attribute a page sets, labelled in
 * French; each block.json declares the catalog's attributes; the .mo compiled from the .po reads
 * back; the editor's strings are all translated; the zip holds the plugin and nothing else, the
 * same bytes each time.
 *
 * Reads the real manifest, `custom-elements.json` (`npm run analyze`; `npm test` runs it first),
 * and the real `languages/france-services-widgets-fr_FR.po`. Writes only under the system's
 * temporary folder.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { embeddableWidgets } from '@fs-widgets/contract/embed';
import { WIDGETS } from '@fs-widgets/contract/widgets';
import { unzip, zip } from '../../server/src/http/zip.js';
import {
  buildBlockJson,
  buildCatalog,
  compileMo,
  defaultServer,
  EDITOR_SCRIPT,
  generate,
  jedJson,
  parsePo,
  PLUGIN_DIR,
  PO_FILE,
  scriptStrings,
  scriptTranslationsFile,
  SLUG,
  zipEntries,
} from '../../../scripts/build/wordpress.js';

/** md5('assets/editor.js'), as `printf 'assets/editor.js' | md5sum` prints it. */
const MD5_EDITOR = '0c21b4b25ca12689564c836bc3749ac9';

const MANIFEST = new URL('../../../custom-elements.json', import.meta.url);

function manifest(): unknown {
  assert.ok(existsSync(MANIFEST), 'custom-elements.json is missing: run `npm run analyze` first');
  return JSON.parse(readFileSync(MANIFEST, 'utf8'));
}

const work = mkdtempSync(join(tmpdir(), 'fsw-build-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Reads a .mo file back (GNU format, little-endian): original → translation, as gettext would. */
function readMo(mo: Buffer): Map<string, string> {
  assert.equal(mo.readUInt32LE(0), 0x950412de, 'magic number');
  assert.equal(mo.readUInt32LE(4), 0, 'revision');
  const count = mo.readUInt32LE(8);
  const originals = mo.readUInt32LE(12);
  const translations = mo.readUInt32LE(16);
  const at = (table: number, i: number) => {
    const length = mo.readUInt32LE(table + i * 8);
    const offset = mo.readUInt32LE(table + i * 8 + 4);
    assert.equal(mo[offset + length], 0, 'each string ends with NUL');
    return mo.subarray(offset, offset + length);
  };
  const read = new Map<string, string>();
  let previous: Buffer | null = null;
  for (let i = 0; i < count; i++) {
    const key = at(originals, i);
    if (previous) assert.ok(Buffer.compare(previous, key) < 0, 'originals sorted for the binary search');
    previous = key;
    read.set(key.toString('utf8'), at(translations, i).toString('utf8'));
  }
  return read;
}

test('the catalog has every public widget of the registry, with every attribute a page sets, in French and English', () => {
  const catalog = buildCatalog(manifest(), '0.1.0');
  const publicTags = WIDGETS.filter((w) => w.audience === 'public').map((w) => w.tag);
  assert.deepEqual(
    catalog.widgets.map((w) => w.tag),
    publicTags,
  );
  assert.equal(catalog.valueMaxLength, 200);
  const declared = new Map(embeddableWidgets(manifest()).map((w) => [w.tag, w]));
  for (const widget of catalog.widgets) {
    assert.equal(widget.block, `france-services/${widget.tag.replace(/^fs-/, '')}`);
    assert.ok(widget.title.fr && widget.title.en && widget.description.fr, `${widget.tag}: title and description`);
    assert.deepEqual(
      widget.attributes.map((a) => a.name),
      declared.get(widget.tag)!.attributes.map((a) => a.name),
      `${widget.tag}: the manifest's attributes, api left out, lang added`,
    );
    assert.ok(!widget.attributes.some((a) => a.name === 'api'));
    assert.ok(widget.attributes.some((a) => a.name === 'lang'));
    for (const attribute of widget.attributes) {
      const where = `${widget.tag}/${attribute.name}`;
      assert.ok(attribute.label.fr.trim() && attribute.label.fr !== attribute.name, `${where}: French label`);
      assert.ok(attribute.help.fr.trim(), `${where}: French help`);
      assert.ok(attribute.label.en.trim() && attribute.help.en.trim(), `${where}: English label and help`);
      for (const option of attribute.options) assert.ok(attribute.optionLabels.fr[option], `${where}: French name of ${option}`);
      if (attribute.multiple) assert.ok(attribute.optionLabels.fr[attribute.multiple.none], `${where}: its "none" value is named`);
    }
  }
  const locator = catalog.widgets.find((w) => w.tag === 'fs-site-locator')!;
  assert.deepEqual(
    locator.attributes.find((a) => a.name === 'filters')?.multiple,
    { none: 'none' },
    'the locator’s filters: boxes to tick',
  );
  assert.equal(catalog.widgets.find((w) => w.tag === 'fs-banner')!.nearestFromCommune, true);
});

test('each block.json declares the catalog’s attributes, by their element names, and placeLabel', () => {
  const catalog = buildCatalog(manifest(), '0.1.0');
  for (const widget of catalog.widgets) {
    const block = buildBlockJson(widget, '0.1.0') as {
      name: string;
      apiVersion: number;
      attributes: Record<string, { type: string; default: unknown }>;
    };
    assert.equal(block.name, widget.block);
    assert.equal(block.apiVersion, 3);
    assert.deepEqual(Object.keys(block.attributes), [...widget.attributes.map((a) => a.name), 'placeLabel']);
    for (const attribute of widget.attributes) {
      const declared = block.attributes[attribute.name]!;
      if (attribute.kind === 'boolean') assert.deepEqual(declared, { type: 'boolean', default: attribute.default === 'true' });
      else assert.deepEqual(declared, { type: 'string', default: attribute.default });
    }
  }
});

test('the default server the build is given is checked and written without its trailing slash', () => {
  assert.equal(defaultServer(undefined), '');
  assert.equal(defaultServer(' https://widgets.example.org/fs/ '), 'https://widgets.example.org/fs');
  assert.throws(() => defaultServer('ftp://example.org'), /http\(s\) URL/);
  assert.throws(() => defaultServer('https://example.org/?a=1'), /without query/);
  assert.throws(() => defaultServer('example.org'), /not a URL/);
});

test('the .mo compiled from a .po reads back: context, plurals, escapes, multi-line strings; fuzzy and untranslated left out', () => {
  const po = [
    'msgid ""',
    'msgstr ""',
    '"Language: fr_FR\\n"',
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"',
    '',
    '#: assets/editor.js:10',
    'msgid "Place"',
    'msgstr "Lieu"',
    '',
    'msgctxt "menu"',
    'msgid "Settings"',
    'msgstr "Réglages"',
    '',
    'msgid "%d site"',
    'msgid_plural "%d sites"',
    'msgstr[0] "%d site"',
    'msgstr[1] "%d sites"',
    '',
    'msgid ""',
    '"Two \\"lines\\"\\n"',
    '"joined"',
    'msgstr "Deux « lignes »\\nréunies"',
    '',
    '#, fuzzy',
    'msgid "Unsure"',
    'msgstr "Incertain"',
    '',
    'msgid "Untranslated"',
    'msgstr ""',
    '',
    '#~ msgid "Old"',
    '#~ msgstr "Ancien"',
  ].join('\n');
  const entries = parsePo(po);
  assert.equal(entries.length, 7);
  const mo = readMo(compileMo(entries));
  assert.deepEqual(
    [...mo.entries()],
    [
      ['', 'Language: fr_FR\nPlural-Forms: nplurals=2; plural=(n > 1);\n'],
      ['%d site\u0000%d sites', '%d site\u0000%d sites'],
      ['Place', 'Lieu'],
      ['Two "lines"\njoined', 'Deux « lignes »\nréunies'],
      ['menu\u0004Settings', 'Réglages'],
    ],
  );
  const { json, missing } = jedJson(entries, [{ id: 'Place' }, { id: '%d site', plural: '%d sites' }, { id: 'Unsure' }, { id: 'Absent' }]);
  assert.deepEqual(json.locale_data, {
    messages: {
      '': { domain: 'messages', lang: 'fr_FR', 'plural-forms': 'nplurals=2; plural=(n > 1);' },
      Place: ['Lieu'],
      '%d site': ['%d site', '%d sites'],
    },
  });
  assert.deepEqual(missing, [{ id: 'Unsure' }, { id: 'Absent' }]);
});

test('the editor script’s strings are found, and the plugin’s .po translates every one', () => {
  const source = readFileSync(join(PLUGIN_DIR, EDITOR_SCRIPT), 'utf8');
  const strings = scriptStrings(source);
  const calls = source.match(/\b(__|_n|_x|_nx)\(/g) ?? [];
  assert.ok(strings.length >= 20, `found ${strings.length} strings`);
  assert.ok(strings.length <= calls.length && strings.length >= calls.length - 2, 'every call has literal strings in the plugin’s domain');
  assert.ok(existsSync(PO_FILE), 'languages/france-services-widgets-fr_FR.po is missing');
  const { missing } = jedJson(parsePo(readFileSync(PO_FILE, 'utf8'), 'po'), strings);
  assert.deepEqual(missing, [], 'translate these in packages/wordpress/languages/france-services-widgets-fr_FR.po');
  // WordPress looks for `<domain>-<locale>-<md5 of the script's path in the plugin>.json`.
  assert.equal(scriptTranslationsFile('fr_FR'), `france-services-widgets-fr_FR-${MD5_EDITOR}.json`);
});

test('the zip holds the plugin under france-services-widgets/ — its PHP, assets, languages, generated files — and no tests, the same bytes twice', () => {
  // A copy of the plugin with a test and an e2e file that must stay out.
  const plugin = join(work, 'plugin');
  cpSync(PLUGIN_DIR, plugin, { recursive: true, filter: (src) => !src.includes(`${PLUGIN_DIR}/generated`) });
  mkdirSync(join(plugin, 'e2e'), { recursive: true });
  writeFileSync(join(plugin, 'e2e', 'editor.test.ts'), '');
  writeFileSync(join(plugin, 'assets', 'editor.test.js'), '');
  const { catalog } = generate({
    manifest: manifest(),
    version: '0.1.0',
    po: existsSync(PO_FILE) ? readFileSync(PO_FILE, 'utf8') : 'msgid ""\nmsgstr "Language: fr_FR\\n"\n',
    editorScript: readFileSync(join(PLUGIN_DIR, EDITOR_SCRIPT), 'utf8'),
    outDir: join(plugin, 'generated'),
  });
  const archive = zip(zipEntries(plugin));
  assert.ok(archive.equals(zip(zipEntries(plugin))), 'reproducible');
  const names = unzip(archive).map((e) => e.name);
  assert.deepEqual(names, [...names].sort(), 'a fixed order');
  assert.ok(
    names.every((n) => n.startsWith(`${SLUG}/`)),
    'one top folder',
  );
  const expected = [
    'france-services-widgets.php',
    'uninstall.php',
    'assets/editor.js',
    'generated/widgets.json',
    ...catalog.widgets.map((w) => `generated/blocks/${w.slug}/block.json`),
    'generated/languages/france-services-widgets-fr_FR.mo',
    `generated/languages/${scriptTranslationsFile('fr_FR')}`,
    'LICENSE',
  ];
  for (const name of expected) assert.ok(names.includes(`${SLUG}/${name}`), `${name} in the zip`);
  assert.deepEqual(
    names.filter((n) => /(^|\/)(test|tests|e2e)\/|\.test\.|^\S+\/\./.test(n)),
    [],
    'no tests, no dotfiles',
  );
  const allowed = /^france-services-widgets\/([^/]+\.php|readme\.txt|LICENSE|(includes|assets|languages|generated)\/.+)$/;
  assert.deepEqual(
    names.filter((n) => !allowed.test(n)),
    [],
    'only the plugin’s files',
  );
  const widgetsJson = JSON.parse(
    unzip(archive)
      .find((e) => e.name === `${SLUG}/generated/widgets.json`)!
      .data.toString('utf8'),
  );
  assert.equal(widgetsJson.widgets.length, catalog.widgets.length);
});
