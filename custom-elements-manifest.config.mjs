/**
 * Configuration of `cem analyze` (`npm run analyze`), which writes custom-elements.json: the
 * manifest Storybook's docs and controls, IDEs and the configurator read.
 *
 * - Tag names: the widgets register through `defineElement('fs-site-card', FsSiteCard)` in a
 *   sibling `site-card.ts`, which the analyzer does not recognise (it only knows
 *   `customElements.define`): the plugin below reads them from there.
 * - The base class `FsElement` is analysed too, so every widget lists the attributes it
 *   inherits (`api`, `theme`).
 */
import { readFileSync, existsSync } from 'node:fs';

/** `defineElement('fs-x', FsX)` in the `x.ts` next to each `x.component.ts` gives the tag name. */
function defineElementPlugin() {
  return {
    name: 'fs-widgets: defineElement tag names',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        if (!mod.path.endsWith('.component.ts')) continue;
        const definer = mod.path.replace(/\.component\.ts$/, '.ts');
        if (!existsSync(definer)) continue;
        const source = readFileSync(definer, 'utf8');
        for (const [, tag, className] of source.matchAll(/defineElement\(\s*['"]([a-z][\w-]*-[\w-]*)['"]\s*,\s*(\w+)\s*\)/g)) {
          const declaration = mod.declarations?.find((d) => d.kind === 'class' && d.name === className);
          if (!declaration) continue;
          declaration.tagName = tag;
          declaration.customElement = true;
          mod.exports = [
            ...(mod.exports ?? []),
            { kind: 'custom-element-definition', name: tag, declaration: { name: className, module: mod.path } },
          ];
        }
      }
    },
  };
}

/**
 * `size: BannerSize` with `type BannerSize = 'strip' | 'square' | 'vertical'` in the same module:
 * the manifest gets the union itself, so the docs and the configurator's form list the values
 * (the analyzer keeps the alias's name otherwise).
 */
function stringUnionAliasPlugin() {
  const aliases = new Map();
  return {
    name: 'fs-widgets: string-literal union aliases',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isTypeAliasDeclaration(node) || !ts.isUnionTypeNode(node.type)) return;
      const literals = node.type.types.map((t) => (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : null));
      if (literals.some((l) => l === null)) return;
      const own = aliases.get(moduleDoc.path) ?? new Map();
      own.set(node.name.text, literals.map((l) => `'${l}'`).join(' | '));
      aliases.set(moduleDoc.path, own);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        const own = aliases.get(mod.path);
        if (!own) continue;
        for (const declaration of mod.declarations ?? []) {
          for (const item of [...(declaration.attributes ?? []), ...(declaration.members ?? [])]) {
            if (item.type?.text && own.has(item.type.text)) item.type.text = own.get(item.type.text);
          }
        }
      }
    },
  };
}

export default {
  litelement: true,
  // The base classes, so that inheritance adds their attributes to every widget (the site editors' too).
  globs: ['packages/*/src/**/*.component.ts', 'packages/core/src/base/fs-element.ts', 'packages/demarches/src/shared/site-items-editor.ts'],
  outdir: '.',
  exclude: ['**/*.test.ts'],
  plugins: [defineElementPlugin(), stringUnionAliasPlugin()],
};
