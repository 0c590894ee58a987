import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CoverageCommunes } from '@fs-widgets/contract';
import './coverage-map.js';
import type { FsCoverageMap } from './coverage-map.component.js';
import { pendingApi, realApi, setNetwork, shadowText, until } from '../../../../test-support/component-test-env.js';

const TOKEN_KEY = 'fs-widgets:demarches:token:observatory';

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const state = (el: Element) => $(el, '[part="base"]')?.dataset.state;

let lozere = '';
async function token(): Promise<string> {
  lozere ||= ((await (await fetch('/__test/agent-token?departement=48')).json()) as { token: string }).token;
  return lozere;
}

async function coverageMap(attrs: { api?: string; departement?: string; view?: 'map' | 'table'; lang?: string } = {}) {
  return fixture<FsCoverageMap>(
    html`<fs-coverage-map
      api=${attrs.api ?? realApi()}
      departement=${attrs.departement ?? ''}
      view=${attrs.view ?? 'table'}
      lang=${attrs.lang ?? 'fr'}
    ></fs-coverage-map>`,
  );
}

const communeRows = (el: Element) => $$(el, 'table[data-table="communes"] tbody tr');

describe('<fs-coverage-map>', () => {
  beforeEach(async () => {
    localStorage.removeItem(TOKEN_KEY);
    await setNetwork('up');
  });
  after(() => localStorage.removeItem(TOKEN_KEY));

  it('signed out and loading: designed states; pass axe', async () => {
    const out = await coverageMap();
    expect(state(out)).to.equal('signed-out');
    expect(shadowText(out)).to.contain('Collez le jeton d’observation');
    await expect(out).to.be.accessible();
    localStorage.setItem(TOKEN_KEY, await token());
    const loading = await coverageMap({ api: pendingApi });
    expect(state(loading)).to.equal('loading');
    await expect(loading).to.be.accessible();
  });

  it('the table view: the département’s communes only, by travel time, without any map code; passes axe', async () => {
    localStorage.setItem(TOKEN_KEY, await token());
    const el = await coverageMap();
    await until(() => state(el) === 'ready', 'the communes');
    const res = await fetch(`${realApi()}/observatory/coverage/communes`, { headers: { authorization: `Bearer ${await token()}` } });
    const api = (await res.json()) as CoverageCommunes;
    expect(api.items.length).to.be.above(100);
    expect(api.items.every((c) => c.department === '48')).to.equal(true);
    expect(communeRows(el).length).to.equal(Math.min(200, api.items.length));
    expect(communeRows(el).every((tr) => tr.children[1]!.textContent!.trim() === '48')).to.equal(true);
    expect(shadowText(el)).to.contain('Lozère (48)');
    expect(el.leafletMap).to.equal(undefined);
    expect($(el, '.map')).to.equal(null);
    // White zones only: every row beyond 30 minutes.
    const white = $(el, '.table-view input[type="checkbox"]') as HTMLInputElement;
    white.click();
    await el.updateComplete;
    expect(communeRows(el).every((tr) => tr.querySelector('.badge.short'))).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('what if, by keyboard only: a France services placed at a commune’s centre, the population gaining access within 20/30 min, commune by commune; passes axe', async () => {
    localStorage.setItem(TOKEN_KEY, await token());
    const el = await coverageMap();
    await until(() => state(el) === 'ready', 'the communes');
    // The most remote commune of the Lozère: where a new site gains the most.
    const res = await fetch(`${realApi()}/observatory/coverage/communes`, { headers: { authorization: `Bearer ${await token()}` } });
    const far = ((await res.json()) as CoverageCommunes).items
      .filter((c) => c.location && c.minutes !== null)
      .sort((a, b) => b.minutes! - a.minutes!)[0]!;
    const radio = $(el, 'input[name="action"][value="site"]') as HTMLInputElement;
    radio.focus();
    expect(radio.checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('what-if-commune');
    const focusStyle = getComputedStyle(active(el)!);
    expect(focusStyle.outlineStyle).to.equal('solid');
    await sendKeys({ type: `${far.name} (${far.insee})` });
    await sendKeys({ press: 'Enter' });
    await until(() => !!$(el, '[data-result]'), 'the what-if’s result');
    expect($(el, '[data-change="site"]')!.textContent).to.contain(far.name);
    const deltas = $(el, '.deltas')!.textContent!.replace(/\s+/g, ' ');
    expect(deltas).to.match(/\+ [\d  ]+ habitants à moins de (20|30) min/);
    const changed = $$(el, 'table[data-table="what-if"] tbody tr');
    expect(changed.length).to.be.above(0);
    expect(changed.map((tr) => tr.querySelector('th')!.textContent)).to.satisfy((names: string[]) =>
      names.some((n) => n.includes(far.name)),
    );
    await expect(el).to.be.accessible();
    // A wrong coordinate is pointed at, in words, and focused.
    (active(el) as HTMLElement | null)?.blur();
    const lat = $(el, '#what-if-lat') as HTMLInputElement;
    lat.focus();
    await sendKeys({ type: '444' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '3.5' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)?.id).to.equal('what-if-lat');
    expect(shadowText(el)).to.contain('Latitude entre −90 et 90');
  });

  it('the map view: Leaflet and the départements’ outlines on demand, the département drawn; a click places a site', async () => {
    localStorage.setItem(TOKEN_KEY, await token());
    const outlines = (await (await fetch(`${realApi()}/departements/outlines`)).json()) as { features: unknown[]; attribution: string };
    expect(outlines.features).to.have.length(101);
    expect(outlines.attribution).to.equal('ANCT — contours des départements, carte France services');
    const el = await coverageMap({ view: 'map' });
    await until(() => !!el.leafletMap, 'the map');
    const map = el.leafletMap!;
    // Fitted to the Lozère (44.1–44.97 N, 2.98–4.0 E).
    const center = map.getCenter();
    expect(center.lat).to.be.within(44.2, 44.9);
    expect(center.lng).to.be.within(3.0, 4.0);
    expect(shadowText(el)).to.contain('ANCT — contours des départements');
    map.fire('click', { latlng: { lat: 44.6, lng: 3.3 } });
    await until(() => !!$(el, '[data-result]'), 'the what-if of the click');
    expect($(el, '[data-change="site"]')!.textContent).to.contain('44.6000, 3.3000');
    await expect(el).to.be.accessible();
    // The keyboard on the map: focused (a cross at its centre), Enter places a point there.
    $(el, '.map')!.focus();
    expect(getComputedStyle($(el, '.map')!, '::after').content).to.not.equal('none');
    await sendKeys({ press: 'Enter' });
    await until(() => $$(el, '[data-change="site"]').length === 2, 'the point placed with Enter');
    const centre = map.getCenter();
    expect($$(el, '[data-change="site"]')[1]!.textContent).to.contain(`${centre.lat.toFixed(4)}, ${centre.lng.toFixed(4)}`);
    // To the table and back: a new map in the new frame, the two points still drawn.
    $(el, 'button[data-view="table"]')!.click();
    await until(() => !!$(el, 'table[data-table="communes"]'), 'the table view');
    $(el, 'button[data-view="map"]')!.click();
    await until(() => !!el.leafletMap && el.leafletMap.getContainer() === $(el, '.map'), 'the map again');
    expect($$(el, '[data-change="site"]')).to.have.length(2);
  });

  it('a département token asking for another département is refused; passes axe', async () => {
    localStorage.setItem(TOKEN_KEY, await token());
    const el = await coverageMap({ departement: '30' });
    await until(() => state(el) === 'forbidden', 'the refusal');
    await expect(el).to.be.accessible();
  });
});
