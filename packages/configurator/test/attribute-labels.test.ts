/**
 * Every public attribute of every public widget has a French label and help in the
 * configurator's strings: a new public widget or attribute cannot ship unlabelled. (Which
 * elements are public is the widget registry's: packages/contract/test/widget-registry.test.ts.)
 *
 * Reads the real manifest, `custom-elements.json`, written by `npm run analyze` (`npm test` and
 * `npm run typecheck` run it first).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { embeddableWidgets } from '@fs-widgets/contract/embed';
import { configuratorFr } from '../src/strings/configurator.strings.fr.js';
import { configuratorEn } from '../src/strings/configurator.strings.en.js';

const MANIFEST = new URL('../../../custom-elements.json', import.meta.url);

function manifest(): unknown {
  assert.ok(existsSync(MANIFEST), 'custom-elements.json is missing: run `npm run analyze` first');
  return JSON.parse(readFileSync(MANIFEST, 'utf8'));
}

const label = (table: typeof configuratorFr.attributes, tag: string, name: string) => table[`${tag}/${name}`] ?? table[`*/${name}`];

test('every public attribute of every public widget has a French label and help', () => {
  const missing: string[] = [];
  const unnamedOptions: string[] = [];
  for (const widget of embeddableWidgets(manifest())) {
    const text = configuratorFr.widgets[widget.tag];
    if (!text?.name || !text.description) missing.push(`widgets['${widget.tag}']`);
    for (const attribute of widget.attributes) {
      const fr = label(configuratorFr.attributes, widget.tag, attribute.name);
      if (!fr?.label || !fr.help) {
        missing.push(`attributes['${widget.tag}/${attribute.name}']`);
        continue;
      }
      for (const option of attribute.options) if (!fr.options?.[option]) unnamedOptions.push(`${widget.tag}/${attribute.name} = ${option}`);
    }
  }
  assert.deepEqual(missing, [], 'label these in packages/configurator/src/strings/configurator.strings.fr.ts (and .en.ts)');
  assert.deepEqual(unnamedOptions, [], 'name these values in the labels’ `options`');
});

test('the English strings label the same widgets, attributes and values as the French ones', () => {
  assert.deepEqual(Object.keys(configuratorEn.widgets).sort(), Object.keys(configuratorFr.widgets).sort());
  assert.deepEqual(Object.keys(configuratorEn.attributes).sort(), Object.keys(configuratorFr.attributes).sort());
  for (const [key, fr] of Object.entries(configuratorFr.attributes)) {
    assert.deepEqual(Object.keys(configuratorEn.attributes[key]?.options ?? {}), Object.keys(fr.options ?? {}), key);
    assert.equal(Boolean(configuratorEn.attributes[key]?.advanced), Boolean(fr.advanced), key);
  }
});

test('no label is left for an attribute or widget the manifest no longer has', () => {
  const widgets = embeddableWidgets(manifest());
  const known = new Set(widgets.flatMap((w) => w.attributes.map((a) => `${w.tag}/${a.name}`)));
  const shared = new Set(widgets.flatMap((w) => w.attributes.map((a) => `*/${a.name}`)));
  const stale = Object.keys(configuratorFr.attributes).filter((key) => !known.has(key) && !shared.has(key) && key !== '*/api');
  assert.deepEqual(stale, []);
});
