/**
 * The demo page the quick start serves (`packages/server/public/index.html`) shows every widget
 * the registry lists for the public and for agents (the building blocks appear inside them, the
 * configurator has its own page, linked from it): a widget added to the registry and forgotten
 * here fails this test.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { WIDGETS } from '@fs-widgets/contract/widgets';

const page = readFileSync(new URL('../public/index.html', import.meta.url), 'utf8');

test('the demo page shows every public and agents’ widget of the registry, and links to the configurator', () => {
  const shown = new Set([...page.matchAll(/<(fs-[a-z-]+)[\s>]/g)].map((m) => m[1]));
  const expected = WIDGETS.filter((w) => w.audience === 'public' || w.audience === 'agents').map((w) => w.tag);
  assert.ok(expected.length >= 18, `${expected.length} widgets in the registry`);
  assert.deepEqual(
    expected.filter((tag) => !shown.has(tag)),
    [],
    'widgets of the registry missing from the demo page',
  );
  assert.deepEqual(
    [...shown].filter((tag) => !WIDGETS.some((w) => w.tag === tag)),
    [],
    'tags on the demo page that the registry does not know',
  );
  assert.match(page, /href="\/configurateur"/);
});
