#!/usr/bin/env node
// Run by `npm run analyze`, after `cem analyze` wrote the repository's custom-elements.json: one
// manifest per package, `packages/<package>/custom-elements.json`, which the package publishes
// and points at with its package.json's `customElements` field (what IDEs and Storybook read in
// node_modules/).
//
// Each package's manifest holds the root manifest's modules under its folder, with paths made
// what a developer imports from the published package: `src/<dir>/<file>.ts` becomes
// `dist/<dir>/<file>.js`, and a reference to another package's module names that package
// (`{ package: '@fs-widgets/core', module: 'dist/base/fs-element.js' }`). The element is defined
// by `<name>.js` (a package subpath, `@fs-widgets/site-locator/site-card.js`), not by the class's
// `<name>.component.js`: the manifest says so, with a module for it that re-exports the class.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = new URL('../../', import.meta.url);
const SOURCE = /^packages\/([^/]+)\/src\/(.+)\.ts$/;

/** `packages/<pkg>/src/<file>.ts` as seen from the package `from`: a path, or a reference to another package. */
function relocate(path, from) {
  const match = SOURCE.exec(path);
  if (!match) return { module: path };
  const [, pkg, file] = match;
  return pkg === from ? { module: `dist/${file}.js` } : { package: `@fs-widgets/${pkg}`, module: `dist/${file}.js` };
}

/** Deep copy of a manifest node with every `module` of a reference relocated. */
function rewrite(node, from) {
  if (Array.isArray(node)) return node.map((item) => rewrite(item, from));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'module' && typeof value === 'string') Object.assign(out, relocate(value, from));
    else out[key] = rewrite(value, from);
  }
  return out;
}

/** One package's manifest from the root one (null when the package holds no module of it). */
export function packageManifest(root, pkg) {
  const own = root.modules.filter((m) => m.path.startsWith(`packages/${pkg}/`));
  if (own.length === 0) return null;
  const modules = [];
  for (const source of own) {
    const mod = rewrite(source, pkg);
    mod.path = relocate(source.path, pkg).module;
    const definitions = (mod.exports ?? []).filter((e) => e.kind === 'custom-element-definition');
    mod.exports = (mod.exports ?? []).filter((e) => e.kind !== 'custom-element-definition');
    modules.push(mod);
    // `site-card.component.ts` holds the class; `site-card.ts` defines the tag and re-exports it.
    for (const definition of definitions) {
      modules.push({
        kind: 'javascript-module',
        path: mod.path.replace(/\.component\.js$/, '.js'),
        declarations: [],
        exports: [{ kind: 'js', name: definition.declaration.name, declaration: definition.declaration }, definition],
      });
    }
  }
  return { schemaVersion: root.schemaVersion, readme: 'README.md', modules };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = JSON.parse(readFileSync(new URL('custom-elements.json', ROOT), 'utf8'));
  for (const pkg of readdirSync(new URL('packages/', ROOT))) {
    const target = new URL(`packages/${pkg}/custom-elements.json`, ROOT);
    if (!existsSync(new URL(`packages/${pkg}/package.json`, ROOT))) continue;
    const manifest = packageManifest(root, pkg);
    if (manifest) writeFileSync(target, `${JSON.stringify(manifest, null, 2)}\n`);
    else rmSync(target, { force: true });
  }
}
