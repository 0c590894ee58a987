/**
 * The widget registry (`src/widgets.ts`) is the one list of the library's elements: every list
 * derived from it, and every place a widget must be found, agrees with it. A new element that
 * is missing from the registry, or a registry entry without its element, fails here.
 *
 * Reads the real manifest, `custom-elements.json`, written by `npm run analyze` (`npm test` and
 * `npm run typecheck` run it first).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { EMBED_WIDGETS, NOT_EMBEDDED, embeddableWidgets, readManifest } from '../src/embed.js';
import { WIDGETS, widgetModule, widgetName, widgetSource } from '../src/widgets.js';
// The build's own derivations, not copies of them.
import buildConfig from '../../../rollup.config.mjs';
import { entries as sizeEntries } from '../../../scripts/bench/size-report.mjs';
import { widgetLoadersPlugin } from '../../../scripts/build/widget-registry.mjs';

const ROOT = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');
const json = (path: string) => JSON.parse(read(path)) as Record<string, unknown>;
const tags = WIDGETS.map((w) => w.tag);

function manifest(): unknown {
  const file = new URL('custom-elements.json', ROOT);
  assert.ok(existsSync(file), 'custom-elements.json is missing: run `npm run analyze` first');
  return JSON.parse(readFileSync(file, 'utf8'));
}

test('the registry lists each element once, fs-<name>, with a budget', () => {
  assert.equal(new Set(tags).size, tags.length, 'a tag is listed twice');
  for (const w of WIDGETS) {
    assert.match(w.tag, /^fs-[a-z]+(-[a-z]+)*$/);
    assert.ok(w.budgetKb > 0 && w.budgetKb <= 100, `${w.tag}: budget ${w.budgetKb} KB`);
    assert.equal(w.audience === 'public', w.embed !== undefined, `${w.tag}: a public widget has its frame (embed), no other does`);
  }
});

test('the custom elements manifest and the registry list the same elements', () => {
  const declared = readManifest(manifest())
    .map((w) => w.tag)
    .sort();
  assert.deepEqual(declared, [...tags].sort(), 'add the element to packages/contract/src/widgets.ts, or remove its entry');
});

test('each element is defined by packages/<package>/src/<name>/<name>.ts and published as @fs-widgets/<package>/<name>.js', () => {
  for (const w of WIDGETS) {
    const source = widgetSource(w);
    assert.ok(existsSync(new URL(source, ROOT)), `${w.tag}: ${source} is missing`);
    assert.match(read(source), new RegExp(`defineElement\\(\\s*'${w.tag}'`), `${source} defines <${w.tag}>`);
    const pkg = json(`packages/${w.package}/package.json`) as {
      name: string;
      exports: Record<string, Record<string, string>>;
      sideEffects: unknown;
    };
    assert.equal(pkg.name, `@fs-widgets/${w.package}`);
    // `./*.js` → `./src/*/*.ts`: `@fs-widgets/kit/banner.js` is `src/banner/banner.ts` (and its dist/ build).
    assert.deepEqual(
      pkg.exports['./*.js'],
      { source: './src/*/*.ts', types: './dist/*/*.d.ts', default: './dist/*/*.js' },
      `${pkg.name}: exports "./*.js" publishes its elements`,
    );
    assert.equal(widgetModule(w), `${pkg.name}/${widgetName(w.tag)}.js`);
    assert.deepEqual(pkg.sideEffects, ['./src/*/*.ts', './dist/*/*.js'], `${pkg.name}: sideEffects keep the modules that define elements`);
  }
});

test('public widgets are exactly the ones the configurator offers and /embed/ renders, in the registry order', () => {
  assert.deepEqual(
    Object.keys(EMBED_WIDGETS),
    WIDGETS.filter((w) => w.audience === 'public').map((w) => w.tag),
  );
  assert.deepEqual(
    embeddableWidgets(manifest()).map((w) => w.tag),
    Object.keys(EMBED_WIDGETS),
  );
  assert.deepEqual(
    Object.keys(NOT_EMBEDDED).sort(),
    WIDGETS.filter((w) => w.audience !== 'public')
      .map((w) => w.tag)
      .sort(),
  );
  assert.equal(NOT_EMBEDDED['fs-demarche-log'], 'agents');
  assert.equal(NOT_EMBEDDED['fs-partner-editor'], 'agents');
  assert.equal(NOT_EMBEDDED['fs-site-admin'], 'agents');
  assert.equal(NOT_EMBEDDED['fs-closure-editor'], 'agents');
  assert.equal(NOT_EMBEDDED['fs-outreach-editor'], 'agents');
});

test('the embed loader can load every element, and the embed package depends on every package that holds one', async () => {
  const plugin = widgetLoadersPlugin();
  const id = plugin.resolveId('fs-widgets:widget-loaders') as string;
  const code = (await plugin.load(id)) as string;
  for (const w of WIDGETS) assert.ok(code.includes(`"${w.tag}": () => import("${widgetModule(w)}")`), `the loader knows <${w.tag}>`);
  const deps = (json('packages/embed/package.json') as { dependencies: Record<string, string> }).dependencies;
  for (const w of WIDGETS) assert.ok(`@fs-widgets/${w.package}` in deps, `@fs-widgets/embed depends on @fs-widgets/${w.package}`);
});

test('the build makes each element an entry of its package, and the size report measures it against its budget', () => {
  const builds = buildConfig() as Array<{ input?: Record<string, string>; output?: { dir?: string } }>;
  for (const w of WIDGETS) {
    const library = builds.find((b) => b.output?.dir === `packages/${w.package}/dist`);
    assert.ok(library, `a library build for ${w.package}`);
    assert.ok(Object.values(library.input ?? {}).includes(widgetSource(w)), `${widgetSource(w)} is an input of the ${w.package} build`);
    const measured = sizeEntries.find((e: { tag?: string }) => e.tag === w.tag);
    assert.ok(measured, `the size report measures <${w.tag}>`);
    assert.equal(measured.budget, w.budgetKb);
  }
});

test('every package is a workspace and a project of the type check', () => {
  const root = json('package.json') as { workspaces: string[] };
  const references = (json('tsconfig.json') as { references: Array<{ path: string }> }).references.map((r) => r.path);
  for (const dir of readdirSync(new URL('packages/', ROOT))) {
    if (!existsSync(new URL(`packages/${dir}/package.json`, ROOT))) continue;
    assert.ok(root.workspaces.includes('packages/*') || root.workspaces.includes(`packages/${dir}`), `packages/${dir} is a workspace`);
    assert.ok(references.includes(`packages/${dir}`), `tsconfig.json references packages/${dir}`);
  }
});

test('every element has its stories, and every stories file shows an element of the registry', () => {
  const files = readdirSync(new URL('stories/', ROOT)).filter((f) => f.endsWith('.stories.ts'));
  const shown = new Map<string, string>();
  for (const file of files) {
    const component = /^\s*component:\s*'(fs-[a-z-]+)'/m.exec(read(`stories/${file}`))?.[1];
    if (component) shown.set(component, file);
  }
  for (const w of WIDGETS)
    assert.ok(shown.has(w.tag), `<${w.tag}> has a stories file (stories/${widgetName(w.tag)}.stories.ts, meta component '${w.tag}')`);
  for (const [tag, file] of shown)
    assert.ok(tags.includes(tag as (typeof tags)[number]), `stories/${file} shows <${tag}>, which the registry does not list`);
});
