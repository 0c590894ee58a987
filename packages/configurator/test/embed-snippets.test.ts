/** The snippets the configurator writes, and the configuration kept in its page's address (pure functions, no browser). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { embeddableWidgets } from '@fs-widgets/contract/embed';
import { attributesOf, fromQuery, toQuery } from '../src/configurator/configuration.js';
import { hostPolicies, iframeSnippet, scriptSnippet, type SnippetInput } from '../src/configurator/embed-snippets.js';

const manifest = {
  modules: [
    {
      declarations: [
        {
          customElement: true,
          tagName: 'fs-site-locator',
          attributes: [
            { name: 'commune', type: { text: 'string' }, default: "''" },
            { name: 'limit', type: { text: 'number' }, default: '10' },
            { name: 'view', type: { text: "'list' | 'map' | 'split'" }, default: "'list'" },
            { name: 'no-url-state', type: { text: 'boolean' }, default: 'false' },
            { name: 'tiles', type: { text: "'osm' | 'ign-plan'" }, default: "'osm'" },
            { name: 'geocoder', type: { text: 'string' }, default: "''" },
            { name: 'api', type: { text: 'string' }, default: "''" },
          ],
        },
        { customElement: true, tagName: 'fs-site-card', attributes: [{ name: 'site-id', type: { text: 'string' }, default: "''" }] },
      ],
    },
  ],
};
const [locator, card] = embeddableWidgets(manifest);
const release = {
  version: '0.1.0',
  files: {
    'fs-widgets.js': { url: '/widgets/v0.1.0/fs-widgets.js', integrity: 'sha384-AAA' },
    'fs-iframe-resize.js': { url: '/widgets/v0.1.0/fs-iframe-resize.js', integrity: 'sha384-BBB' },
  },
};

const input = (over: Partial<SnippetInput> = {}): SnippetInput => ({
  server: 'https://widgets.example.fr/',
  widget: locator!,
  attributes: attributesOf(locator!, { commune: '48095', limit: '10', view: 'map', 'no-url-state': 'true', lang: 'en' }),
  release,
  frameTitle: 'Trouver une France services — Mende (48000)',
  ...over,
});

test('only attributes that differ from their default are written, in the manifest’s order, lang last', () => {
  assert.deepEqual(input().attributes, [
    ['commune', '48095'],
    ['view', 'map'],
    ['no-url-state', ''],
    ['lang', 'en'],
  ]);
  // A value of the wrong type never reaches a snippet.
  assert.deepEqual(attributesOf(locator!, { limit: 'ten', view: 'globe' }), []);
});

test('the script snippet pins the release with its integrity, and escapes every value', () => {
  assert.equal(
    scriptSnippet(input()),
    '<script type="module" src="https://widgets.example.fr/widgets/v0.1.0/fs-widgets.js" integrity="sha384-AAA" crossorigin="anonymous"></script>\n' +
      '<fs-site-locator commune="48095" view="map" no-url-state lang="en"></fs-site-locator>',
  );
  const evil = scriptSnippet(input({ widget: card!, attributes: attributesOf(card!, { 'site-id': '"><script>alert(1)</script>' }) }));
  assert.match(evil, /<fs-site-card site-id="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"><\/fs-site-card>$/);
  assert.equal(evil.match(/<script/g)?.length, 1);
  // Without a release (widgets not built on that server): the latest, without integrity.
  assert.match(
    scriptSnippet(input({ release: null })),
    /^<script type="module" src="https:\/\/widgets\.example\.fr\/widgets\/fs-widgets\.js"><\/script>/,
  );
});

test('the iframe snippet: the embed page with the attributes, a title, sizes as attributes (no inline style), the resize script', () => {
  const snippet = iframeSnippet(input());
  const [frame, script] = snippet.split('\n');
  assert.equal(
    frame,
    '<iframe src="https://widgets.example.fr/embed/fs-site-locator?commune=48095&amp;view=map&amp;no-url-state=&amp;lang=en" title="Trouver une France services — Mende (48000)" width="100%" height="960" loading="lazy" allow="geolocation" frameborder="0"></iframe>',
  );
  assert.equal(
    script,
    '<script src="https://widgets.example.fr/widgets/v0.1.0/fs-iframe-resize.js" integrity="sha384-BBB" crossorigin="anonymous"></script>',
  );
  assert.ok(!snippet.includes('style='));
  const card2 = iframeSnippet(
    input({ widget: card!, attributes: [['site-id', '2983']], frameTitle: 'Votre France services — France services de Mende' }),
  );
  assert.match(
    card2,
    /^<iframe src="https:\/\/widgets\.example\.fr\/embed\/fs-site-card\?site-id=2983" title="Votre France services — France services de Mende" width="100%" height="720" loading="lazy" frameborder="0"><\/iframe>/,
  );
});

test('the host page’s policy: the server for scripts and requests, the tiles for a map, the frame source for an iframe', () => {
  assert.deepEqual(hostPolicies(input()), {
    script: 'script-src https://widgets.example.fr; connect-src https://widgets.example.fr; img-src https://tile.openstreetmap.org',
    frame: 'frame-src https://widgets.example.fr; script-src https://widgets.example.fr',
    map: true,
  });
  const ign = hostPolicies(
    input({
      attributes: [
        ['tiles', 'ign-plan'],
        ['geocoder', 'https://api-adresse.data.gouv.fr'],
      ],
    }),
  );
  assert.equal(
    ign.script,
    'script-src https://widgets.example.fr; connect-src https://widgets.example.fr https://api-adresse.data.gouv.fr; img-src https://data.geopf.fr',
  );
  assert.deepEqual(
    hostPolicies(input({ widget: card!, attributes: [['site-id', '2983']] })).script,
    'script-src https://widgets.example.fr; connect-src https://widgets.example.fr',
  );
});

test('a configuration survives the page’s address; unknown or bad parts of an edited link are dropped', () => {
  const config = {
    tag: 'fs-site-locator',
    values: { commune: '48095', view: 'split', 'no-url-state': 'true' },
    place: { insee: '48095', label: 'Mende (48000)' },
  };
  const query = toQuery(config, locator);
  assert.equal(query.toString(), 'widget=fs-site-locator&insee=48095&lieu=Mende+%2848000%29&commune=48095&view=split&no-url-state=');
  assert.deepEqual(fromQuery(query, [locator!, card!]), config);
  assert.deepEqual(fromQuery(new URLSearchParams('widget=fs-site-locator&view=globe&colour=red&insee=xx'), [locator!]), {
    tag: 'fs-site-locator',
    values: {},
    place: null,
  });
  assert.equal(fromQuery(new URLSearchParams('widget=fs-demarche-log'), [locator!]), null);
});
