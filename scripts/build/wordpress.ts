/**
 * Builds the WordPress plugin (`packages/wordpress/`, issue 18) into an installable zip:
 * `npm run build:wordpress` → `dist/france-services-widgets.zip`.
 *
 * Nothing per widget is written by hand: the build generates, into `packages/wordpress/generated/`,
 * - `widgets.json`, the catalog the PHP and the block editor read: the public widgets of the
 *   registry (`packages/contract/src/widgets.ts`) with the attributes a page sets, from the custom
 *   elements manifest (`embeddableWidgets`), and the configurator's French and English labels and
 *   help (`attributeText`, `widgetText`);
 * - `blocks/<slug>/block.json`, one dynamic block per widget (PHP registers them);
 * - `languages/`, the plugin's French translation compiled from the hand-kept
 *   `languages/france-services-widgets-fr_FR.po`: the `.mo` PHP loads, and the JSON (Jed 1.x) that
 *   `wp_set_script_translations` gives the block editor's script.
 *
 * The zip holds one folder, `france-services-widgets/`, with the plugin's PHP, assets, readme,
 * languages, the generated files and the licence, in a fixed order (the zip writer's dates are
 * fixed too): the same sources make the same bytes.
 *
 * `FS_WORDPRESS_DEFAULT_SERVER` (an http(s) URL) sets the server a fresh install uses; empty by
 * default (the site's administrator chooses one in « Réglages → France services »).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EMBED_VALUE_MAX_LENGTH, EMBED_WIDGETS, embeddableWidgets, type AttributeKind } from '@fs-widgets/contract/embed';
import { widgetName } from '@fs-widgets/contract/widgets';
import { attributeText, widgetText } from '../../packages/configurator/src/strings/attribute-text.js';
import { configuratorFr } from '../../packages/configurator/src/strings/configurator.strings.fr.js';
import { configuratorEn } from '../../packages/configurator/src/strings/configurator.strings.en.js';
import { zip } from '../../packages/server/src/http/zip.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PLUGIN_DIR = join(ROOT, 'packages/wordpress');
export const GENERATED_DIR = join(PLUGIN_DIR, 'generated');
export const ZIP_PATH = join(ROOT, 'dist/france-services-widgets.zip');
export const SLUG = 'france-services-widgets';
export const TEXT_DOMAIN = SLUG;
/** The block names' namespace: `france-services/site-locator`. */
export const BLOCK_NAMESPACE = 'france-services';
/** The editor script, relative to the plugin's folder: its translations file is named after the md5 of this path. */
export const EDITOR_SCRIPT = 'assets/editor.js';
/** The handle PHP registers `assets/editor.js` under, named by every block.json. */
export const EDITOR_SCRIPT_HANDLE = 'fsw-editor';
export const PO_FILE = join(PLUGIN_DIR, `languages/${TEXT_DOMAIN}-fr_FR.po`);

type Localized = { fr: string; en: string };

export interface CatalogAttribute {
  name: string;
  kind: AttributeKind;
  options: string[];
  default: string;
  label: Localized;
  help: Localized;
  optionLabels: { fr: Record<string, string>; en: Record<string, string> };
  advanced: boolean;
  multiple: { none: string } | null;
}

export interface CatalogWidget {
  tag: string;
  slug: string;
  block: string;
  title: Localized;
  description: Localized;
  nearestFromCommune: boolean;
  height: number;
  attributes: CatalogAttribute[];
}

export interface Catalog {
  version: string;
  valueMaxLength: number;
  /** The server a fresh install uses (`FS_WORDPRESS_DEFAULT_SERVER` at build time), or ''. */
  defaultServer: string;
  widgets: CatalogWidget[];
}

/** `FS_WORDPRESS_DEFAULT_SERVER` checked as the settings check a server: an http(s) URL, no query or fragment, no trailing `/`. */
export function defaultServer(raw: string | undefined): string {
  const text = (raw ?? '').trim();
  if (!text) return '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`FS_WORDPRESS_DEFAULT_SERVER is not a URL: ${text}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username || url.password) {
    throw new Error(`FS_WORDPRESS_DEFAULT_SERVER must be an http(s) URL without query or fragment: ${text}`);
  }
  return url.href.replace(/\/+$/, '');
}

/** The catalog of the public widgets: the registry's order, the manifest's attributes, the configurator's words. */
export function buildCatalog(manifest: unknown, version: string, server = ''): Catalog {
  const widgets = embeddableWidgets(manifest).map((declaration): CatalogWidget => {
    const embed = EMBED_WIDGETS[declaration.tag]!;
    const fr = widgetText(configuratorFr, declaration.tag);
    const en = widgetText(configuratorEn, declaration.tag);
    const slug = widgetName(declaration.tag);
    return {
      tag: declaration.tag,
      slug,
      block: `${BLOCK_NAMESPACE}/${slug}`,
      title: { fr: fr?.name ?? embed.title, en: en?.name ?? embed.titleEn },
      description: { fr: fr?.description ?? declaration.summary, en: en?.description ?? declaration.summary },
      nearestFromCommune: embed.nearestFromCommune === true,
      height: embed.height,
      attributes: declaration.attributes.map((attribute): CatalogAttribute => {
        const textFr = attributeText(configuratorFr, declaration.tag, attribute.name);
        const textEn = attributeText(configuratorEn, declaration.tag, attribute.name);
        return {
          name: attribute.name,
          kind: attribute.kind,
          options: attribute.options,
          default: attribute.default,
          label: { fr: textFr?.label ?? attribute.name, en: textEn?.label ?? attribute.name },
          help: { fr: textFr?.help ?? attribute.description, en: textEn?.help ?? attribute.description },
          optionLabels: { fr: { ...textFr?.options }, en: { ...textEn?.options } },
          advanced: textFr?.advanced === true,
          multiple: textFr?.multiple ? { none: textFr.multiple.none } : null,
        };
      }),
    };
  });
  return { version, valueMaxLength: EMBED_VALUE_MAX_LENGTH, defaultServer: server, widgets };
}

/** The block attribute a widget attribute becomes: booleans stay booleans, every other value is kept as the attribute's text. */
function blockAttribute(attribute: CatalogAttribute): { type: 'boolean'; default: boolean } | { type: 'string'; default: string } {
  return attribute.kind === 'boolean'
    ? { type: 'boolean', default: attribute.default === 'true' }
    : { type: 'string', default: attribute.default };
}

/**
 * A widget's block.json: a dynamic block (PHP renders the element), its attributes named as the
 * element's (`site-id`), plus `placeLabel` (the commune shown in the inspector, never rendered).
 */
export function buildBlockJson(widget: CatalogWidget, version: string): Record<string, unknown> {
  return {
    $schema: 'https://schemas.wp.org/trunk/block.json',
    apiVersion: 3,
    name: widget.block,
    version,
    title: widget.title.fr,
    category: 'widgets',
    description: widget.description.fr,
    keywords: ['France services'],
    textdomain: TEXT_DOMAIN,
    editorScript: EDITOR_SCRIPT_HANDLE,
    supports: { html: false },
    attributes: {
      ...Object.fromEntries(widget.attributes.map((a) => [a.name, blockAttribute(a)])),
      placeLabel: { type: 'string', default: '' },
    },
  };
}

// --- The .po source and what it compiles to ----------------------------------------------------

export interface PoEntry {
  context?: string;
  id: string;
  plural?: string;
  /** One string, or one per plural form. */
  strings: string[];
  fuzzy: boolean;
  /** `#:` references (`assets/editor.js:12`). */
  references: string[];
}

const PO_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };

function poString(quoted: string, where: string): string {
  const match = /^"((?:[^"\\]|\\.)*)"$/.exec(quoted.trim());
  if (!match) throw new Error(`${where}: not a quoted string: ${quoted}`);
  return match[1]!.replace(/\\(.)/g, (_, c: string) => {
    const escaped = PO_ESCAPES[c];
    if (escaped === undefined) throw new Error(`${where}: unknown escape \\${c}`);
    return escaped;
  });
}

/** Reads a gettext .po file: its entries, the header (`msgid ""`) first. Obsolete (`#~`) entries are left out. */
export function parsePo(text: string, file = 'po'): PoEntry[] {
  const entries: PoEntry[] = [];
  let current: PoEntry | null = null;
  let field: { key: 'context' | 'id' | 'plural' | 'string'; index: number } | null = null;
  let comments: { fuzzy: boolean; references: string[] } = { fuzzy: false, references: [] };
  const finish = () => {
    if (current) entries.push(current);
    current = null;
    field = null;
  };
  const open = (): PoEntry => {
    if (!current) {
      current = { id: '', strings: [], ...comments };
      comments = { fuzzy: false, references: [] };
    }
    return current;
  };
  const append = (entry: PoEntry, key: 'context' | 'id' | 'plural' | 'string', index: number, value: string) => {
    if (key === 'string') entry.strings[index] = (entry.strings[index] ?? '') + value;
    else entry[key] = (entry[key] ?? '') + value;
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const where = `${file}:${i + 1}`;
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#~')) return;
    if (line.startsWith('#')) {
      // A comment opens the next entry: the one being read is complete.
      if (current && (current as PoEntry).strings.length > 0) finish();
      if (line.startsWith('#,') && /\bfuzzy\b/.test(line)) comments.fuzzy = true;
      if (line.startsWith('#:')) comments.references.push(...line.slice(2).trim().split(/\s+/).filter(Boolean));
      return;
    }
    const keyword = /^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$/.exec(line);
    if (keyword) {
      const [, name, index, quoted] = keyword;
      if ((name === 'msgctxt' || name === 'msgid') && current && (current as PoEntry).strings.length > 0) finish();
      const entry = open();
      const value = poString(quoted!, where);
      if (name === 'msgctxt') field = { key: 'context', index: 0 };
      else if (name === 'msgid') field = { key: 'id', index: 0 };
      else if (name === 'msgid_plural') field = { key: 'plural', index: 0 };
      else field = { key: 'string', index: index === undefined ? 0 : Number(index) };
      if (field.key === 'string') entry.strings[field.index] = '';
      append(entry, field.key, field.index, value);
      return;
    }
    if (line.startsWith('"') && current && field) {
      append(
        current,
        (field as { key: 'context' | 'id' | 'plural' | 'string' }).key,
        (field as { index: number }).index,
        poString(line, where),
      );
      return;
    }
    throw new Error(`${where}: cannot read ${JSON.stringify(raw)}`);
  });
  finish();
  return entries;
}

/** The header's fields (`Plural-Forms`, `Language`…), from the entry whose msgid is empty. */
export function poHeaders(entries: readonly PoEntry[]): Record<string, string> {
  const header = entries.find((e) => e.id === '' && e.context === undefined);
  return Object.fromEntries(
    (header?.strings[0] ?? '')
      .split('\n')
      .map((l) => /^([^:]+):\s*(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!.trim(), m[2]!.trim()]),
  );
}

/** Entries to ship: translated (every form), not fuzzy; the header kept. */
function shipped(entries: readonly PoEntry[]): PoEntry[] {
  return entries.filter(
    (e) => (e.id === '' && e.context === undefined) || (!e.fuzzy && e.strings.length > 0 && e.strings.every((s) => s !== '')),
  );
}

/** The key gettext looks an entry up by: `context EOT id`. */
function moKey(entry: PoEntry): string {
  return entry.context === undefined ? entry.id : `${entry.context}\u0004${entry.id}`;
}

/**
 * Compiles entries into a GNU .mo file (little-endian, revision 0, no hash table, originals sorted
 * by their bytes as gettext requires for its binary search). Plurals: `id NUL plural` → forms
 * joined with NUL. Untranslated and fuzzy entries are left out.
 */
export function compileMo(entries: readonly PoEntry[]): Buffer {
  const pairs = shipped(entries)
    .map((e) => ({
      key: Buffer.from(e.plural === undefined ? moKey(e) : `${moKey(e)}\u0000${e.plural}`, 'utf8'),
      value: Buffer.from(e.strings.join('\u0000'), 'utf8'),
    }))
    .sort((a, b) => Buffer.compare(a.key, b.key));
  const count = pairs.length;
  const headerSize = 28;
  const originalsAt = headerSize;
  const translationsAt = originalsAt + count * 8;
  let dataAt = translationsAt + count * 8;
  const header = Buffer.alloc(headerSize);
  header.writeUInt32LE(0x950412de, 0);
  header.writeUInt32LE(0, 4);
  header.writeUInt32LE(count, 8);
  header.writeUInt32LE(originalsAt, 12);
  header.writeUInt32LE(translationsAt, 16);
  header.writeUInt32LE(0, 20); // hash table size
  header.writeUInt32LE(dataAt, 24); // hash table offset (none)
  const originals = Buffer.alloc(count * 8);
  const translations = Buffer.alloc(count * 8);
  const data: Buffer[] = [];
  const table = (target: Buffer, i: number, bytes: Buffer) => {
    target.writeUInt32LE(bytes.length, i * 8);
    target.writeUInt32LE(dataAt, i * 8 + 4);
    data.push(bytes, Buffer.alloc(1));
    dataAt += bytes.length + 1;
  };
  pairs.forEach((p, i) => table(originals, i, p.key));
  pairs.forEach((p, i) => table(translations, i, p.value));
  return Buffer.concat([header, originals, translations, ...data]);
}

/** A gettext call of a script with literal arguments: the strings its translation file must hold. */
export interface ScriptString {
  context?: string;
  id: string;
  plural?: string;
}

const JS_STRING = String.raw`'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"`;
const GETTEXT_CALL = new RegExp(
  String.raw`\b(__|_x|_n|_nx)\(\s*(${JS_STRING})(?:\s*,\s*(${JS_STRING}))?(?:\s*,\s*(${JS_STRING}|[^,()]+))?(?:\s*,\s*(${JS_STRING}|[^,()]+))?`,
  'g',
);

function jsString(literal: string): string {
  return literal.slice(1, -1).replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, c: string) => {
    if (c.startsWith('u{')) return String.fromCodePoint(parseInt(c.slice(2, -1), 16));
    if (c.length > 1) return String.fromCharCode(parseInt(c.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[c] ?? c;
  });
}

/**
 * The strings a script translates with `wp.i18n` (`__`, `_x`, `_n`, `_nx` with literal strings,
 * in the plugin's text domain), in order of first use. As `wp i18n make-pot` finds them, without
 * its parser: the editor script keeps its calls literal (a test checks the count).
 */
export function scriptStrings(source: string, domain = TEXT_DOMAIN): ScriptString[] {
  const found = new Map<string, ScriptString>();
  for (const match of source.matchAll(GETTEXT_CALL)) {
    const [, fn, a, b, c, d] = match;
    const args = [a, b, c, d].map((s) => (s && /^['"]/.test(s) ? jsString(s) : undefined));
    let entry: ScriptString;
    let given: string | undefined;
    if (fn === '__') [entry, given] = [{ id: args[0]! }, args[1]];
    else if (fn === '_x') [entry, given] = [{ id: args[0]!, context: args[1] }, args[2]];
    else if (fn === '_n') [entry, given] = [{ id: args[0]!, plural: args[1] }, args[3]];
    else [entry, given] = [{ id: args[0]!, plural: args[1], context: args[3] }, match[0].includes(domain) ? domain : undefined];
    if (given !== domain) continue;
    const key = `${entry.context ?? ''}\u0004${entry.id}`;
    if (!found.has(key)) found.set(key, Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as ScriptString);
  }
  return [...found.values()];
}

/**
 * The Jed 1.x JSON `wp_set_script_translations` loads for one script: the header and the
 * translations of the strings the script uses (as `wp i18n make-json` writes them, domain
 * `messages`). Returns the strings the .po does not translate, for the build to report.
 */
export function jedJson(
  entries: readonly PoEntry[],
  used: readonly ScriptString[],
): { json: Record<string, unknown>; missing: ScriptString[] } {
  const headers = poHeaders(entries);
  const translated = new Map(shipped(entries).map((e) => [moKey(e), e]));
  const messages: Record<string, unknown> = {
    '': { domain: 'messages', lang: headers.Language ?? 'fr_FR', 'plural-forms': headers['Plural-Forms'] ?? 'nplurals=2; plural=(n > 1);' },
  };
  const missing: ScriptString[] = [];
  for (const s of used) {
    const key = s.context === undefined ? s.id : `${s.context}\u0004${s.id}`;
    const entry = translated.get(key);
    if (!entry || (s.plural !== undefined && entry.plural === undefined)) missing.push(s);
    else messages[key] = entry.strings;
  }
  return {
    json: {
      'translation-revision-date': headers['PO-Revision-Date'] ?? '',
      generator: 'scripts/build/wordpress.ts',
      domain: 'messages',
      locale_data: { messages },
    },
    missing,
  };
}

/** The translations file name WordPress looks for: `<domain>-<locale>-<md5 of the script's path in the plugin>.json`. */
export function scriptTranslationsFile(locale: string, script = EDITOR_SCRIPT): string {
  return `${TEXT_DOMAIN}-${locale}-${createHash('md5').update(script).digest('hex')}.json`;
}

// --- The zip ----------------------------------------------------------------------------------

/** What of `packages/wordpress/` is the plugin: its PHP at the top, these folders, the readme. Tests and e2e are not. */
const SHIPPED_FOLDERS = ['includes', 'assets', 'languages', 'generated'];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.name.startsWith('.')) return [];
    const path = join(dir, d.name);
    return d.isDirectory() ? walk(path) : d.isFile() ? [path] : [];
  });
}

/** The plugin's files, as paths relative to `packages/wordpress/` with `/`, sorted by their bytes (the zip's order). */
export function pluginFiles(pluginDir = PLUGIN_DIR): string[] {
  const top = readdirSync(pluginDir, { withFileTypes: true })
    .filter((d) => d.isFile() && (d.name.endsWith('.php') || d.name === 'readme.txt'))
    .map((d) => join(pluginDir, d.name));
  const inFolders = SHIPPED_FOLDERS.filter((f) => existsSync(join(pluginDir, f))).flatMap((f) => walk(join(pluginDir, f)));
  return [...top, ...inFolders]
    .map((p) => relative(pluginDir, p).split(sep).join('/'))
    .filter((p) => !/(^|\/)(test|tests|e2e|node_modules)\//.test(p) && !/\.(test|spec)\.[cm]?[jt]s$/.test(p))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** The zip's entries: every plugin file and the project's licence under `france-services-widgets/`. */
export function zipEntries(pluginDir = PLUGIN_DIR, licence = join(ROOT, 'LICENSE')): Array<{ name: string; data: Buffer }> {
  const entries = pluginFiles(pluginDir).map((p) => ({ name: `${SLUG}/${p}`, data: readFileSync(join(pluginDir, p)) }));
  if (existsSync(licence)) entries.push({ name: `${SLUG}/LICENSE`, data: readFileSync(licence) });
  return entries.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
}

// --- The build --------------------------------------------------------------------------------

function writeFile(path: string, data: string | Buffer, written: string[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  written.push(path);
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Writes `generated/` afresh (a widget gone from the registry leaves no block behind). Returns the files written. */
export function generate(options: {
  manifest: unknown;
  version: string;
  server?: string;
  po: string;
  editorScript: string;
  /** Where to write: `packages/wordpress/generated/` unless told (the tests write elsewhere). */
  outDir?: string;
}): {
  catalog: Catalog;
  written: string[];
  missing: ScriptString[];
} {
  const written: string[] = [];
  const out = options.outDir ?? GENERATED_DIR;
  rmSync(out, { recursive: true, force: true });
  const catalog = buildCatalog(options.manifest, options.version, options.server ?? '');
  writeFile(join(out, 'widgets.json'), json(catalog), written);
  for (const widget of catalog.widgets) {
    writeFile(join(out, 'blocks', widget.slug, 'block.json'), json(buildBlockJson(widget, options.version)), written);
  }
  const entries = parsePo(options.po, relative(ROOT, PO_FILE));
  writeFile(join(out, 'languages', `${TEXT_DOMAIN}-fr_FR.mo`), compileMo(entries), written);
  const { json: jed, missing } = jedJson(entries, scriptStrings(options.editorScript));
  writeFile(join(out, 'languages', scriptTranslationsFile('fr_FR')), JSON.stringify(jed), written);
  return { catalog, written, missing };
}

function readManifest(): unknown {
  const path = join(ROOT, 'custom-elements.json');
  if (!existsSync(path)) {
    console.log('custom-elements.json is missing: npm run analyze');
    execFileSync('npm', ['run', 'analyze', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function main(): void {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  if (!existsSync(PO_FILE)) throw new Error(`${relative(ROOT, PO_FILE)} is missing: the plugin's French translation is kept there`);
  const { catalog, written, missing } = generate({
    manifest: readManifest(),
    version,
    server: defaultServer(process.env.FS_WORDPRESS_DEFAULT_SERVER),
    po: readFileSync(PO_FILE, 'utf8'),
    editorScript: readFileSync(join(PLUGIN_DIR, EDITOR_SCRIPT), 'utf8'),
  });
  console.log(`Catalog: ${catalog.widgets.length} widgets, ${catalog.widgets.reduce((n, w) => n + w.attributes.length, 0)} attributes`);
  for (const path of written) console.log(`  wrote ${relative(ROOT, path)} (${kb(statSync(path).size)})`);
  if (missing.length > 0) {
    console.warn(`${missing.length} string(s) of ${EDITOR_SCRIPT} have no French translation in ${relative(ROOT, PO_FILE)}:`);
    for (const s of missing) console.warn(`  ${s.context ? `[${s.context}] ` : ''}${s.id}`);
  }
  const entries = zipEntries();
  const archive = zip(entries);
  writeFile(ZIP_PATH, archive, []);
  console.log(
    `Wrote ${relative(ROOT, ZIP_PATH)}: ${entries.length} files, ${kb(archive.length)} (sha256 ${createHash('sha256').update(archive).digest('hex').slice(0, 16)}…)`,
  );
  for (const e of entries) console.log(`  ${e.name} (${kb(e.data.length)})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
