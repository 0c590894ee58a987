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

export default {
  litelement: true,
  // The base class, so that inheritance adds its attributes to every widget.
  globs: ['packages/*/src/**/*.component.ts', 'packages/core/src/base/fs-element.ts'],
  outdir: '.',
  exclude: ['**/*.test.ts'],
  plugins: [defineElementPlugin()],
};
