import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { SiteResult } from '@fs-widgets/contract';
import './site-map.js';
import type { FsSiteMap } from './site-map.component.js';
import type { FsMapPickDetail } from './map-pick-event.js';
import { realApi, shadowText, until } from '../../../../test-support/component-test-env.js';

// Before anything else: what the page has fetched so far (the element's module is imported above).
const resourcesAtStart = performance.getEntriesByType('resource').map((e) => e.name);
performance.setResourceTimingBufferSize(10_000);

/** The base map of the tests: one grey pixel per tile, served by the test server. */
const TEST_TILES = '/__test/tiles/{z}/{x}/{y}.png';

const $ = (el: FsSiteMap, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: FsSiteMap, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const siteMarkers = (el: FsSiteMap) => $$(el, '.leaflet-marker-pane .fs-marker');
const clusterMarkers = (el: FsSiteMap) => $$(el, '.leaflet-marker-pane .fs-cluster');
const focused = (el: FsSiteMap) => el.shadowRoot!.activeElement as HTMLElement | null;
const shownSites = (el: FsSiteMap) =>
  siteMarkers(el).length + clusterMarkers(el).reduce((n, c) => n + Number(c.querySelector('.count')!.textContent), 0);

let sites: SiteResult[] = [];

async function map(template: ReturnType<typeof html>, expectMarkers = true) {
  const el = await fixture<FsSiteMap>(template);
  await until(() => !!el.leafletMap && (!expectMarkers || shownSites(el) > 0), 'the map and its markers');
  await el.updateComplete;
  return el;
}

/** Presses Enter on the focused group until a site's own marker has the focus. */
async function expandToSite(el: FsSiteMap) {
  for (let i = 0; i < 20 && focused(el)?.classList.contains('fs-cluster'); i++) {
    const zoom = el.leafletMap!.getZoom();
    const group = focused(el);
    await sendKeys({ press: 'Enter' });
    await until(
      () => el.leafletMap!.getZoom() > zoom && focused(el) !== group && !!focused(el)?.matches('.fs-marker, .fs-cluster'),
      'the group to open, the focus on what it held',
    );
  }
  expect(focused(el)!.classList.contains('fs-marker')).to.equal(true);
}

describe('<fs-site-map>', () => {
  before(async () => {
    const res = await fetch(`${realApi()}/sites?near=44.518,3.5&limit=30`);
    expect(res.ok).to.equal(true);
    sites = ((await res.json()) as { items: SiteResult[] }).items;
    expect(sites).to.have.length(30);
  });

  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('loads Leaflet only when a map is shown (lazy chunk)', async () => {
    const isLeaflet = (name: string) => /\/leaflet\/dist\/leaflet-src\.esm\.js/.test(name);
    // The buffer did hold the element's own module, and no Leaflet came with it.
    expect(resourcesAtStart.some((n) => n.includes('/site-map/site-map.component'))).to.equal(true);
    expect(resourcesAtStart.length).to.be.below(250); // the default buffer size: nothing was dropped
    expect(resourcesAtStart.some(isLeaflet)).to.equal(false);
    expect(performance.getEntriesByType('resource').some((e) => isLeaflet(e.name))).to.equal(false);

    const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites}></fs-site-map>`);
    expect(performance.getEntriesByType('resource').filter((e) => isLeaflet(e.name))).to.have.length(1);
    expect((window as unknown as { L?: unknown }).L).to.equal(undefined);
    expect(el.leafletMap).to.exist;
  });

  describe('markers', () => {
    it('shows every site, grouped when close; the counts add up to the sites', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites}></fs-site-map>`);
      expect(shownSites(el)).to.equal(30);

      // Zoomed out over France: groups, each named with its count.
      el.leafletMap!.setZoom(6, { animate: false });
      await until(() => clusterMarkers(el).length > 0, 'groups at zoom 6');
      expect(shownSites(el)).to.equal(30);
      for (const c of clusterMarkers(el)) {
        const n = c.querySelector('.count')!.textContent;
        expect(c.getAttribute('aria-label')).to.equal(`${n} France services — zoomer`);
        expect(c.getAttribute('role')).to.equal('button');
        expect(c.tabIndex).to.equal(0);
      }

      // Zoomed in far enough: one marker per site, none grouped.
      el.leafletMap!.setView([sites[0]!.location.lat, sites[0]!.location.lon], 17, { animate: false });
      await until(() => clusterMarkers(el).length === 0, 'no groups at zoom 17');
      expect(siteMarkers(el)).to.have.length(30);
    });

    it('names each site marker (name and kind) as a focusable button', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites}></fs-site-map>`);
      el.leafletMap!.setZoom(17, { animate: false });
      await until(() => siteMarkers(el).length === 30, 'one marker per site');
      const antenna = sites.find((s) => s.kind === 'antenna');
      for (const site of [sites[0]!, ...(antenna ? [antenna] : [])]) {
        const marker = $(el, `.fs-marker[data-site-id="${site.id}"]`)!;
        const kind = site.kind === 'antenna' ? 'Antenne France services' : site.kind === 'fixed' ? 'France services' : '';
        expect(marker.getAttribute('aria-label')).to.contain(site.name).and.contain(kind);
        expect(marker.getAttribute('role')).to.equal('button');
        expect(marker.tabIndex).to.equal(0);
        expect(marker.querySelector('.pin')!.getAttribute('aria-hidden')).to.equal('true');
      }
    });

    it('keeps the tab order of the list (nearest site first)', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites}></fs-site-map>`);
      el.leafletMap!.setZoom(17, { animate: false });
      await until(() => siteMarkers(el).length === 30, 'one marker per site');
      expect(siteMarkers(el).map((m) => m.dataset['siteId'])).to.deep.equal(sites.map((s) => s.id));
    });

    it('never reads a site name as HTML', async () => {
      const hostile = { ...sites[0]!, id: '999999', name: '<img src=x id=injected>France services' };
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${[hostile]}></fs-site-map>`);
      const marker = siteMarkers(el)[0]!;
      expect(marker.getAttribute('aria-label')).to.contain('<img src=x id=injected>France services');
      expect(el.shadowRoot!.querySelector('#injected')).to.equal(null);
      expect(marker.querySelectorAll('*')).to.have.length(1); // the pin shape only
    });

    it('shows the search origin with its own, non-interactive marker', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites} .origin=${{ lat: 44.518, lon: 3.5 }}></fs-site-map>`);
      const origin = $(el, '.leaflet-marker-pane .fs-origin')!;
      expect(origin).to.exist;
      expect(origin.getAttribute('role')).to.equal('img');
      expect(origin.getAttribute('aria-label')).to.equal('Point de départ de la recherche');
      expect(origin.tabIndex).to.equal(-1);
      expect(origin.classList.contains('leaflet-interactive')).to.equal(false);
      expect(el.leafletMap!.getBounds().contains([44.518, 3.5])).to.equal(true);

      // A new search from elsewhere (Florac): the marker moves, still named.
      el.origin = { lat: 44.324, lon: 3.593 };
      await el.updateComplete;
      const moved = $$(el, '.leaflet-marker-pane .fs-origin');
      expect(moved).to.have.length(1);
      expect(moved[0]!.getAttribute('aria-label')).to.equal('Point de départ de la recherche');
      expect(el.leafletMap!.getBounds().contains([44.324, 3.593])).to.equal(true);
    });

    it('fits new results, and shows France when there is nothing', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites.slice(0, 5)}></fs-site-map>`);
      expect(shownSites(el)).to.equal(5);
      el.sites = sites.slice(10, 30);
      await el.updateComplete;
      expect(shownSites(el)).to.equal(20);
      for (const s of sites.slice(10, 30)) expect(el.leafletMap!.getBounds().contains([s.location.lat, s.location.lon])).to.equal(true);
      el.sites = [];
      await el.updateComplete;
      expect(shownSites(el)).to.equal(0);
      expect(el.leafletMap!.getZoom()).to.equal(5);
    });
  });

  describe('keyboard and selection', () => {
    it('Tab reaches the first site; Enter selects it and fires fs-site-select', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites}></fs-site-map>`);
      $(el, '.map')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(el)!.matches('.fs-marker, .fs-cluster')).to.equal(true);
      await expandToSite(el); // a group first, when the nearest sites are close together
      expect(focused(el)!.dataset['siteId']).to.equal(sites[0]!.id);

      const event = oneEvent(el, 'fs-site-select');
      await sendKeys({ press: 'Enter' });
      const { detail, bubbles, composed } = await event;
      expect(detail).to.deep.equal({ siteId: sites[0]!.id });
      expect(bubbles && composed).to.equal(true);
      expect(el.selectedId).to.equal(sites[0]!.id);
      expect(el.getAttribute('selected-id')).to.equal(sites[0]!.id);
      const marker = focused(el)!;
      expect(marker.classList.contains('is-selected')).to.equal(true);
      expect(marker.getAttribute('aria-current')).to.equal('true');
    });

    it('Space selects too, and a group opens on Enter with the focus on what it held', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites}></fs-site-map>`);
      el.leafletMap!.setZoom(7, { animate: false });
      await until(() => clusterMarkers(el).length > 0, 'groups at zoom 7');
      $(el, '.map')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(el)!.classList.contains('fs-cluster')).to.equal(true);
      await expandToSite(el);
      expect(el.leafletMap!.getZoom()).to.be.above(7);

      const id = focused(el)!.dataset['siteId']!;
      const event = oneEvent(el, 'fs-site-select');
      await sendKeys({ press: 'Space' });
      expect((await event).detail.siteId).to.equal(id);
      expect(el.selectedId).to.equal(id);
    });

    it('a click on a site selects it; a click on a group zooms in', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites}></fs-site-map>`);
      el.leafletMap!.setZoom(7, { animate: false });
      await until(() => clusterMarkers(el).length > 0, 'groups at zoom 7');
      const moved = new Promise((resolve) => el.leafletMap!.once('moveend', resolve));
      clusterMarkers(el)[0]!.click();
      await moved;
      expect(el.leafletMap!.getZoom()).to.be.above(7);

      el.leafletMap!.setZoom(17, { animate: false });
      await until(() => siteMarkers(el).length === 30, 'one marker per site');
      const event = oneEvent(el, 'fs-site-select');
      $(el, `.fs-marker[data-site-id="${sites[3]!.id}"]`)!.click();
      expect((await event).detail.siteId).to.equal(sites[3]!.id);
    });

    it('a selection from the page shows the site (out of its group) and fires nothing', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites}></fs-site-map>`);
      el.leafletMap!.setZoom(6, { animate: false });
      await until(() => clusterMarkers(el).length > 0, 'groups at zoom 6');
      let fired = 0;
      el.addEventListener('fs-site-select', () => fired++);
      const target = sites[12]!;
      el.selectedId = target.id;
      await el.updateComplete;
      const marker = $(el, `.fs-marker[data-site-id="${target.id}"]`);
      expect(marker, 'the chosen site has its own marker').to.exist;
      expect(marker!.classList.contains('is-selected')).to.equal(true);
      expect(marker!.getAttribute('aria-current')).to.equal('true');
      expect(el.leafletMap!.getBounds().contains([target.location.lat, target.location.lon])).to.equal(true);
      expect($$(el, '.fs-marker.is-selected')).to.have.length(1);

      el.selectedId = sites[1]!.id;
      await el.updateComplete;
      expect($$(el, '.fs-marker.is-selected').map((m) => m.dataset['siteId'])).to.deep.equal([sites[1]!.id]);
      await new Promise((r) => setTimeout(r, 100));
      expect(fired).to.equal(0);
    });

    it('a site chosen before the sites arrive is shown (out of its group) once they do', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} selected-id=${sites[12]!.id}></fs-site-map>`, false);
      el.sites = sites;
      await el.updateComplete;
      const marker = $(el, `.fs-marker[data-site-id="${sites[12]!.id}"]`);
      expect(marker, 'the chosen site has its own marker').to.exist;
      expect(marker!.classList.contains('is-selected')).to.equal(true);
      expect(el.leafletMap!.getBounds().contains([sites[12]!.location.lat, sites[12]!.location.lon])).to.equal(true);
    });

    it('shows a focus ring on the map itself, drawn over its tiles and markers', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites}></fs-site-map>`);
      const container = $(el, '.map')!;
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(container);
      expect(container.matches(':focus-visible')).to.equal(true);
      const ring = getComputedStyle(container, '::after');
      expect(ring.borderTopWidth).to.equal('3px');
      expect(Number(ring.zIndex)).to.be.at.least(1000); // above Leaflet's panes (at most 1000)
    });

    it('draws the selected marker larger than the others (not by colour alone)', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites} selected-id=${sites[0]!.id}></fs-site-map>`);
      el.leafletMap!.setZoom(17, { animate: false });
      await until(() => siteMarkers(el).length === 30, 'one marker per site');
      const selected = $(el, '.fs-marker.is-selected')!.getBoundingClientRect();
      const other = $(el, '.fs-marker:not(.is-selected)')!.getBoundingClientRect();
      expect(selected.width).to.be.above(other.width);
      expect(selected.height).to.be.above(other.height);
      const pin = getComputedStyle($(el, '.fs-marker.is-selected .pin')!);
      expect(parseFloat(pin.borderTopWidth)).to.be.at.least(3);
    });

    it('shows a focus ring on a focused marker', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites}></fs-site-map>`);
      $(el, '.map')!.focus();
      await sendKeys({ press: 'Tab' });
      const style = getComputedStyle(focused(el)!);
      expect(style.outlineStyle).to.equal('solid');
      expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    });

    it('does not animate with prefers-reduced-motion', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites}></fs-site-map>`);
      expect(el.leafletMap!.options.zoomAnimation).to.equal(false);
      expect(el.leafletMap!.options.fadeAnimation).to.equal(false);
      // A selection from the page moves at once: the view is final right after the update.
      el.leafletMap!.setZoom(6, { animate: false });
      await el.updateComplete;
      el.selectedId = sites[20]!.id;
      await el.updateComplete;
      expect($(el, `.fs-marker[data-site-id="${sites[20]!.id}"]`)).to.exist;
    });
  });

  describe('base map', () => {
    it('says so when the tiles cannot be reached (no Internet here); markers stay usable; passes axe', async () => {
      const el = await map(html`<fs-site-map .sites=${sites} tile-timeout="4000"></fs-site-map>`);
      expect($(el, '.leaflet-tile-pane img')!.getAttribute('src')).to.match(/^https:\/\/tile\.openstreetmap\.org\/\d+\/\d+\/\d+\.png$/);
      await until(() => el.tileState === 'unavailable', 'the base map to be declared unreachable');
      await el.updateComplete;
      expect(el.getAttribute('tile-state')).to.equal('unavailable');
      const status = $(el, '[part="status"]')!;
      expect(status.getAttribute('role')).to.equal('status');
      expect(status.textContent!.trim()).to.equal(
        'La carte ne peut pas s’afficher (fond de carte inaccessible). La liste des résultats reste disponible.',
      );
      expect(shownSites(el)).to.equal(30);
      $(el, '.map')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(el)!.matches('.fs-marker, .fs-cluster')).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('gives up after tile-timeout when tiles never answer', async () => {
      // Another host name for the same test server: the hanging requests do not hold the page's connections.
      const other = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
      const hanging = `http://${other}:${location.port}/__test/pending/tiles/{z}/{x}/{y}.png`;
      const el = await map(html`<fs-site-map .sites=${sites} tile-url=${hanging} tile-timeout="500"></fs-site-map>`);
      expect(el.tileState).to.equal('loading');
      expect(el.getAttribute('tile-state')).to.equal('loading');
      await until(() => el.tileState === 'unavailable', 'the timeout');
      await el.updateComplete;
      expect(shadowText(el)).to.contain('fond de carte inaccessible');
      // Another base map starts again (and cancels the hanging requests).
      el.tileUrl = TEST_TILES;
      await el.updateComplete;
      await until(() => el.tileState === 'ok', 'the test tiles');
      await el.updateComplete;
      expect($(el, '[part="status"]')!.textContent!.trim()).to.equal('');
    });

    it('shows the tiles when they load: no message, OpenStreetMap credited with a link', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites}></fs-site-map>`);
      await until(() => el.tileState === 'ok', 'a tile to load');
      await el.updateComplete;
      expect(el.getAttribute('tile-state')).to.equal('ok');
      expect($(el, '[part="status"]')!.textContent!.trim()).to.equal('');
      expect($$(el, '.leaflet-tile-loaded').length).to.be.above(0);
      const link = $(el, '[part="attribution"] a')!;
      // In the page's language (French here), so no lang of its own.
      expect(link.textContent).to.equal('© les contributeurs d’OpenStreetMap');
      expect(link.getAttribute('href')).to.equal('https://www.openstreetmap.org/copyright');
      expect(link.hasAttribute('lang')).to.equal(false);
    });

    it('uses Plan IGN v2 with tiles="ign-plan", and custom credits as plain text', async () => {
      const el = await map(html`<fs-site-map tiles="ign-plan" .sites=${sites} tile-timeout="60000"></fs-site-map>`);
      const src = $(el, '.leaflet-tile-pane img')!.getAttribute('src')!;
      expect(src).to.match(
        /^https:\/\/data\.geopf\.fr\/wmts\?SERVICE=WMTS&REQUEST=GetTile&VERSION=1\.0\.0&LAYER=GEOGRAPHICALGRIDSYSTEMS\.PLANIGNV2/,
      );
      expect(src).to.match(/&TILEMATRIXSET=PM&TILEMATRIX=\d+&TILEROW=\d+&TILECOL=\d+$/);
      expect($(el, '[part="attribution"]')!.textContent).to.contain('© IGN – Plan IGN v2');

      el.tileUrl = TEST_TILES;
      el.tileAttribution = '<b>Tuiles</b> de test';
      await el.updateComplete;
      await until(() => el.tileState === 'ok', 'the test tiles');
      expect($(el, '[part="attribution"]')!.textContent).to.contain('<b>Tuiles</b> de test');
      expect($(el, '[part="attribution"] b')).to.equal(null);
    });

    it('never points a tile at a data: URL (a strict CSP would block and report it)', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites}></fs-site-map>`);
      await until(() => el.tileState === 'ok', 'a tile to load');
      const sources: string[] = [];
      const observer = new MutationObserver((records) =>
        records.forEach((r) => sources.push((r.target as HTMLImageElement).getAttribute('src') ?? '(none)')),
      );
      observer.observe($(el, '.leaflet-tile-pane')!, { subtree: true, attributes: true, attributeFilter: ['src'] });
      for (const zoom of [6, 12, 9, 15]) {
        el.leafletMap!.setZoom(zoom, { animate: false });
        await new Promise((r) => setTimeout(r, 50));
      }
      observer.disconnect();
      expect(sources.length, 'tiles were replaced').to.be.above(0);
      expect(sources.filter((s) => s.startsWith('data:'))).to.deep.equal([]);
    });

    it('passes axe with markers, groups, a selected site and the origin', async () => {
      const el = await map(
        html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites} .origin=${{ lat: 44.518, lon: 3.5 }} selected-id=${sites[0]!.id}></fs-site-map>`,
      );
      await until(() => el.tileState === 'ok', 'a tile to load');
      el.leafletMap!.setZoom(8, { animate: false });
      await until(() => clusterMarkers(el).length > 0, 'groups');
      const region = $(el, '[part="map"]')!;
      expect(region.getAttribute('role')).to.equal('region');
      expect(region.getAttribute('aria-label')).to.equal('Carte des France services');
      expect(el.shadowRoot!.getElementById(region.getAttribute('aria-describedby')!)!.textContent).to.contain('Entrée ou Espace');
      expect($(el, '.leaflet-control-zoom-in')!.getAttribute('aria-label')).to.equal('Zoom avant');
      expect($(el, '.leaflet-control-zoom-out')!.getAttribute('aria-label')).to.equal('Zoom arrière');
      await expect(el).to.be.accessible();
    });
  });

  describe('picking (pick)', () => {
    const MENDE = { lat: 44.518, lon: 3.5 };
    const picks = (el: FsSiteMap) => {
      const list: FsMapPickDetail[] = [];
      el.addEventListener('fs-map-pick', (e) => list.push(e.detail));
      return list;
    };
    /** Clicks the map at (x, y) CSS px from its top left corner, with the real mouse; returns the point there. */
    async function clickMap(el: FsSiteMap, x: number, y: number) {
      const box = $(el, '.map')!.getBoundingClientRect();
      const there = el.leafletMap!.containerPointToLatLng([x, y]);
      await sendMouse({ type: 'click', position: [Math.round(box.left + x), Math.round(box.top + y)] });
      return there;
    }

    it('without pick, a click places nothing and there is no button (the public map is unchanged)', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .origin=${MENDE}></fs-site-map>`, false);
      const events = picks(el);
      await clickMap(el, 60, 200);
      expect(events).to.have.length(0);
      expect($(el, '[part="pick"]')).to.equal(null);
      expect($(el, '.crosshair')).to.equal(null);
      expect($(el, '.fs-picked')).to.equal(null);
    });

    it('a click places the point: fs-map-pick with its lat and lon, its marker, said in a live region; axe', async () => {
      const el = await map(
        html`<fs-site-map pick tile-url=${TEST_TILES} .origin=${MENDE} origin-label="Centre de la commune"></fs-site-map>`,
        false,
      );
      await until(() => el.tileState === 'ok' && !!$(el, '.pick-center'), 'the base map and the button');
      expect($(el, '[part="map"]')!.getAttribute('aria-label')).to.equal('Carte pour placer le point');
      expect($(el, '.fs-origin')!.getAttribute('aria-label')).to.equal('Centre de la commune');
      const events = picks(el);
      const there = await clickMap(el, 80, 120);
      await el.updateComplete;
      expect(events).to.have.length(1);
      expect(events[0]!.lat).to.be.closeTo(there.lat, 1e-4);
      expect(events[0]!.lon).to.be.closeTo(there.lng, 1e-4);
      expect(el.picked).to.deep.equal(events[0]);
      const marker = $(el, '.leaflet-marker-pane .fs-picked')!;
      expect(marker.getAttribute('aria-label')).to.equal('Point placé');
      const status = $(el, '.pick-status')!;
      expect(status.getAttribute('role')).to.equal('status');
      const fr = (v: number) => v.toFixed(5).replace('.', ',');
      expect(status.textContent).to.equal(`Point placé : latitude ${fr(events[0]!.lat)}, longitude ${fr(events[0]!.lon)}.`);
      await expect(el).to.be.accessible();

      // Set by the page (typed coordinates): the marker moves, nothing is fired nor said.
      el.picked = { lat: 44.52, lon: 3.49 };
      await el.updateComplete;
      expect(events).to.have.length(1);
      expect(status.textContent).to.equal('');
      const at = el.leafletMap!.latLngToContainerPoint([44.52, 3.49]);
      const box = $(el, '.map')!.getBoundingClientRect();
      const drawn = $(el, '.fs-picked')!.getBoundingClientRect();
      expect(drawn.left + drawn.width / 2 - box.left).to.be.closeTo(at.x, 2);
    });

    it('by keyboard: arrow keys move the map under the crosshair, the button places the point at the centre', async () => {
      const el = await map(html`<fs-site-map pick tile-url=${TEST_TILES} .origin=${MENDE}></fs-site-map>`, false);
      await until(() => !!$(el, '.pick-center'), 'the button');
      const events = picks(el);
      const lm = el.leafletMap!;
      const start = lm.getCenter();
      $(el, '.map')!.focus();
      const moved = new Promise((resolve) => lm.once('moveend', resolve));
      await sendKeys({ press: 'ArrowRight' });
      await moved;
      const center = lm.getCenter();
      expect(center.lng).to.be.above(start.lng);
      // The crosshair sits at the map's centre.
      const frame = $(el, '.map')!.getBoundingClientRect();
      const cross = $(el, '.crosshair')!.getBoundingClientRect();
      expect(cross.left + cross.width / 2).to.be.closeTo(frame.left + frame.width / 2, 1);
      expect(cross.top + cross.height / 2).to.be.closeTo(frame.top + frame.height / 2, 1);
      for (let i = 0; i < 6 && focused(el) !== $(el, '.pick-center'); i++) await sendKeys({ press: 'Tab' });
      const button = $(el, '.pick-center')!;
      expect(focused(el)).to.equal(button);
      expect(button.textContent).to.equal('Placer le point au centre de la carte');
      expect(button.matches(':focus-visible')).to.equal(true);
      expect(getComputedStyle(button).outlineStyle).to.equal('solid');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(events).to.have.length(1);
      expect(events[0]!.lat).to.be.closeTo(center.lat, 1e-9);
      expect(events[0]!.lon).to.be.closeTo(center.lng, 1e-9);
      expect($(el, '.pick-status')!.textContent).to.contain('Point placé : latitude 44,');
      expect(focused(el)).to.equal(button);
    });

    it('with the base map unreachable: says to type the coordinates, offers no picking', async () => {
      const el = await map(html`<fs-site-map pick tile-timeout="2000" .origin=${MENDE}></fs-site-map>`, false);
      await until(() => el.tileState === 'unavailable', 'the base map to be declared unreachable');
      await el.updateComplete;
      expect($(el, '[part="status"]')!.textContent!.trim()).to.equal(
        'Le fond de carte ne peut pas s’afficher : impossible d’y choisir le point. Tapez la latitude et la longitude à la place.',
      );
      expect($(el, '.pick-center')).to.equal(null);
      expect($(el, '.crosshair')).to.equal(null);
      const events = picks(el);
      await clickMap(el, 60, 200);
      expect(events).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  });

  describe('English', () => {
    it('speaks English under lang="en", and follows a change of language', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="en"><fs-site-map tile-url=${TEST_TILES} .sites=${sites} .origin=${{ lat: 44.518, lon: 3.5 }}></fs-site-map></div>`,
      );
      const el = wrapper.querySelector('fs-site-map')!;
      // The English strings are fetched on demand; until then the element stays invisible.
      await until(() => !!el.leafletMap && shownSites(el) > 0 && !el.hasAttribute('data-fs-locale-pending'), 'the map in English');
      await el.updateComplete;
      el.leafletMap!.setZoom(6, { animate: false });
      await until(() => clusterMarkers(el).length > 0, 'groups');
      expect($(el, '[part="map"]')!.getAttribute('aria-label')).to.equal('Map of France services sites');
      expect($(el, '.leaflet-control-zoom-in')!.getAttribute('aria-label')).to.equal('Zoom in');
      expect($(el, '.fs-origin')!.getAttribute('aria-label')).to.equal('Search starting point');
      const c = clusterMarkers(el)[0]!;
      expect(c.getAttribute('aria-label')).to.equal(`${c.querySelector('.count')!.textContent} sites — zoom in`);
      expect($(el, '[part="attribution"] a')!.hasAttribute('lang')).to.equal(false);
      expect($(el, '[part="attribution"] a')!.textContent).to.equal('© OpenStreetMap contributors');
      await expect(el).to.be.accessible();

      el.leafletMap!.setZoom(17, { animate: false });
      await until(() => siteMarkers(el).length === 30, 'one marker per site');
      const antenna = sites.find((s) => s.kind === 'antenna');
      if (antenna) expect($(el, `[data-site-id="${antenna.id}"]`)!.getAttribute('aria-label')).to.contain('France services branch');
    });

    it('follows a change of the page’s language', async () => {
      const el = await map(html`<fs-site-map tile-url=${TEST_TILES} .sites=${sites}></fs-site-map>`);
      expect($(el, '.leaflet-control-zoom-in')!.getAttribute('aria-label')).to.equal('Zoom avant');
      try {
        document.documentElement.lang = 'en';
        await until(() => $(el, '.leaflet-control-zoom-in')!.getAttribute('aria-label') === 'Zoom in', 'English');
        expect($(el, '[part="map"]')!.getAttribute('aria-label')).to.equal('Map of France services sites');
      } finally {
        document.documentElement.lang = 'fr';
      }
      await until(() => $(el, '.leaflet-control-zoom-in')!.getAttribute('aria-label') === 'Zoom avant', 'French again');
    });

    it('says the base map is unreachable in English', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="en"><fs-site-map .sites=${sites} tile-timeout="4000"></fs-site-map></div>`,
      );
      const el = wrapper.querySelector('fs-site-map')!;
      await until(() => el.tileState === 'unavailable', 'the base map to be declared unreachable');
      await el.updateComplete;
      expect($(el, '[part="status"]')!.textContent!.trim()).to.equal(
        'The map cannot be shown (the base map is unreachable). The list of results is still available.',
      );
    });
  });
});
