import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { OutreachStop, OutreachStopList, SiteList } from '@fs-widgets/contract';
import { addDays } from '@fs-widgets/opening-hours';
import './outreach-editor.js';
import { upcomingVisits, type FsOutreachEditor } from './outreach-editor.component.js';
import type { SiteItemsChangeDetail } from '../shared/site-items-editor.js';
import type { FsSiteMap } from '@fs-widgets/site-locator/site-map.js';
import {
  clearOfflineCache,
  pendingApi,
  proxiedApi,
  realApi,
  setNetwork,
  shadowText,
  unavailableApi,
  until,
} from '../../../../test-support/component-test-env.js';

/** Sites no other test file writes to: Nouzonville (edited here) and Nyons (left empty). */
const SITE = '2991';
const EMPTY_SITE = '2992';
const tokenKey = (site: string) => `fs-widgets:demarches:token:${site}`;

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const active = (el: Element) => {
  let a = el.shadowRoot!.activeElement as HTMLElement | null;
  // Inside the commune search: its own field.
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement as HTMLElement;
  return a;
};

const tokens = new Map<string, string>();
async function agentToken(site = SITE): Promise<string> {
  if (!tokens.has(site)) tokens.set(site, ((await (await fetch(`/__test/agent-token?site=${site}`)).json()) as { token: string }).token);
  return tokens.get(site)!;
}

async function publicStops(site = SITE): Promise<OutreachStop[]> {
  const res = await fetch(`${realApi()}/sites/${site}/stops`, { cache: 'no-store' });
  expect(res.status).to.equal(200);
  return ((await res.json()) as OutreachStopList).items;
}

async function removeAll(site = SITE) {
  const token = await agentToken(site);
  for (const s of await publicStops(site)) {
    const res = await fetch(`${proxiedApi}/sites/${site}/stops/${s.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).to.equal(204);
  }
}

async function editor(attrs: { api?: string; site?: string; lang?: string; tiles?: string } = {}): Promise<FsOutreachEditor> {
  return fixture<FsOutreachEditor>(
    html`<fs-outreach-editor
      api=${attrs.api ?? proxiedApi}
      site-id=${attrs.site ?? SITE}
      lang=${attrs.lang ?? 'fr'}
      tile-url=${attrs.tiles ?? ''}
    ></fs-outreach-editor>`,
  );
}

/** The base map of the tests: one grey pixel per tile, served by the test server. */
const TEST_TILES = '/__test/tiles/{z}/{x}/{y}.png';

const listed = (el: FsOutreachEditor) => until(() => $(el, '[data-state="ready"], [data-state="empty"]') !== null, 'the list');

async function tabTo(el: Element, matches: (a: HTMLElement) => boolean, what: string, max = 80) {
  for (let i = 0; i < max; i++) {
    const a = active(el);
    if (a && matches(a)) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what} (at ${active(el)?.outerHTML.slice(0, 120)})`);
}

async function typeTime(el: Element, hhmm: string) {
  const input = active(el) as HTMLInputElement;
  const [h, m] = hhmm.split(':');
  await sendKeys({ type: `${h}${m}` });
  if (input.value !== hhmm) await sendKeys({ type: Number(h) < 12 ? 'A' : 'P' });
  expect(input.value).to.equal(hhmm);
}

async function typeDate(el: Element, iso: string) {
  const input = active(el) as HTMLInputElement;
  const [y, m, d] = iso.split('-') as [string, string, string];
  const parts: Record<string, string> = { year: y, month: m, day: d };
  const order = new Intl.DateTimeFormat(navigator.language).formatToParts(new Date()).filter((p) => p.type in parts);
  await sendKeys({ type: order.map((p) => parts[p.type]).join('') });
  expect(input.value).to.equal(iso);
}

function fill(el: Element, id: string, value: string) {
  const input = $(el, `#${id}`) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new InputEvent('input'));
}

/** Chooses a commune in the form's commune search, with the keyboard. */
async function chooseCommune(el: FsOutreachEditor, name: string) {
  await until(() => !!$(el, 'fs-commune-search')?.shadowRoot?.querySelector('input'), 'the commune search');
  const search = $(el, 'fs-commune-search')!;
  search.focus();
  await sendKeys({ type: name });
  await until(() => (search.shadowRoot!.querySelectorAll('[role="option"]').length ?? 0) > 0, 'the communes suggested');
  await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Enter' });
  await until(() => ($(el, '.chosen')?.textContent ?? '').includes(name), 'the commune chosen');
}

/** A weekly stop made through the API (proxied, as an agent): the starting point of the visit tests. */
async function createStop(name: string, days: string[] = ['tu']): Promise<OutreachStop> {
  const res = await fetch(`${proxiedApi}/sites/${SITE}/stops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await agentToken()}` },
    body: JSON.stringify({
      key: `wtr-stop-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`,
      kind: 'permanence',
      name,
      address: { street: '1 place de la Mairie', postcode: '08700', insee_commune: '08328' },
      rules: [{ recurrence: { freq: 'weekly', days, interval: 1 }, opens: '09:00', closes: '12:00' }],
      offer: 'conseiller-numerique',
    }),
  });
  expect(res.status).to.equal(201);
  return (await res.json()) as OutreachStop;
}

describe('<fs-outreach-editor>', () => {
  before(async () => removeAll());
  after(async () => removeAll());
  beforeEach(async () => {
    await setNetwork('up');
    for (const site of [SITE, EMPTY_SITE]) localStorage.removeItem(tokenKey(site));
  });
  afterEach(async () => {
    await setNetwork('up');
    for (const site of [SITE, EMPTY_SITE]) localStorage.removeItem(tokenKey(site));
  });

  it('asks for the shared agent token, then shows the empty list; loading, error and offline; axe in each', async () => {
    const el = await editor({ site: EMPTY_SITE });
    expect($(el, '[data-state="no-token"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
    ($(el, '#token') as HTMLInputElement).focus();
    await sendKeys({ type: await agentToken(EMPTY_SITE) });
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[data-state="empty"]') !== null, 'the empty list');
    expect(shadowText(el)).to.contain('Aucun arrêt ni permanence pour l’instant');
    await expect(el).to.be.accessible();

    localStorage.setItem(tokenKey(SITE), await agentToken());
    const loading = await editor({ api: pendingApi });
    expect(shadowText(loading)).to.contain('Chargement des arrêts et des permanences');
    await expect(loading).to.be.accessible();
    const failing = await editor({ api: unavailableApi });
    await until(() => $(failing, '[data-state="error"]') !== null, 'the error state');
    await expect(failing).to.be.accessible();
    await clearOfflineCache();
    await setNetwork('down');
    const offline = await editor();
    await until(() => $(offline, '[data-state="offline"]') !== null, 'the offline state');
    expect(shadowText(offline)).to.contain('Vous êtes hors ligne');
    await expect(offline).to.be.accessible();
  });

  it('keyboard only: adds a bus stop (commune search, a weekly rule, a partner’s permanence), edits it, removes it; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const name = `Place de la mairie ${Date.now()}`;
    const el = await editor();
    const changes: SiteItemsChangeDetail[] = [];
    el.addEventListener('fs-stops-change', (e) => changes.push(e.detail));
    await listed(el);

    ($(el, '#add') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)?.textContent).to.contain('Nouveau lieu de passage');
    await tabTo(el, (a) => a.id === 'oe-name', 'the name');
    await sendKeys({ type: name });
    await sendKeys({ press: 'Tab' });
    await chooseCommune(el, 'Nouzonville');
    expect(($(el, '#oe-postcode') as HTMLInputElement).value).to.equal('08700');
    await tabTo(el, (a) => a.id === 'oe-street', 'the street');
    await sendKeys({ type: '19 place Gambetta' });
    await tabTo(el, (a) => a.getAttribute('name') === 'days-r0' && (a as HTMLInputElement).value === 'tu', 'Tuesday');
    await sendKeys({ press: 'Space' });
    await tabTo(el, (a) => a.id === 'r0-opens', 'the start time');
    await typeTime(el, '09:00');
    await tabTo(el, (a) => a.id === 'r0-closes', 'the end time');
    await typeTime(el, '12:00');
    await tabTo(el, (a) => a.getAttribute('name') === 'offer', 'the offer');
    await sendKeys({ press: 'ArrowDown' }); // Permanence d'un partenaire
    await el.updateComplete;
    await until(() => $$(el, '#oe-partner option').length > 5, 'the partners');
    await tabTo(el, (a) => a.id === 'oe-partner', 'the partner');
    await sendKeys({ type: 'CAF' });
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await tabTo(el, (a) => a.getAttribute('type') === 'submit', 'Enregistrer');
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.confirmation') !== null, 'the saved message');
    expect(active(el)).to.equal($(el, '.confirmation'));
    expect($(el, '.confirmation')!.textContent).to.contain(`Enregistré : ${name} (08700).`);
    const stop = (await publicStops()).find((s) => s.name === name)!;
    expect(stop).to.deep.include({ kind: 'bus-stop', offer: 'partner', partner: 'caf', location_from: 'commune' });
    expect(stop.address).to.deep.include({ insee_commune: '08328', postcode: '08700', street: '19 place Gambetta' });
    expect(stop.rules).to.deep.equal([
      { recurrence: { freq: 'weekly', days: ['tu'], interval: 1 }, opens: '09:00', closes: '12:00', starts_on: null, ends_on: null },
    ]);
    // The public search from the stop's commune finds the site at that stop, with its next Tuesdays.
    const found = (await (await fetch(`${realApi()}/sites?commune=08328&limit=5`, { cache: 'no-store' })).json()) as SiteList;
    const atStop = found.items.find((item) => item.id === SITE)?.at_stop;
    expect(atStop?.stop_id).to.equal(stop.id);
    expect(atStop?.next.length).to.be.greaterThan(0);
    for (const session of atStop!.next) {
      expect(new Date(`${session.date}T12:00:00Z`).getUTCDay()).to.equal(2);
      expect([session.opens, session.closes]).to.deep.equal(['09:00', '12:00']);
    }
    await until(() => $(el, `#edit-${stop.id}`) !== null, 'the stop in the list');
    expect(shadowText(el)).to.contain('Chaque mardi, 9 h – 12 h').and.contain('Prochains passages');
    await expect(el).to.be.accessible();

    // Edit: one-off dates instead, added with the keyboard.
    ($(el, `#edit-${stop.id}`) as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await tabTo(el, (a) => a.getAttribute('name') === 'freq-r0', 'the rhythm');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' }); // À des dates précises
    await el.updateComplete;
    expect(($(el, 'input[name="freq-r0"][value="dates"]') as HTMLInputElement).checked).to.equal(true);
    const date = upcomingVisits(stop)[1]!.date;
    await tabTo(el, (a) => a.id === 'r0-date-new', 'the date to add');
    await typeDate(el, date);
    await sendKeys({ press: 'Enter' }); // adds it, does not send the form
    await el.updateComplete;
    expect($$(el, '.date-list li').length).to.equal(1);
    expect($(el, '[aria-live="polite"]')!.textContent).to.contain('Date ajoutée');
    await sendKeys({ press: 'Enter' }); // the field is empty now: says so at the field
    await el.updateComplete;
    expect($(el, '#r0-date-new-error')!.textContent).to.contain('Choisissez d’abord une date');
    await expect(el).to.be.accessible();
    await tabTo(el, (a) => a.getAttribute('type') === 'submit', 'Enregistrer');
    await sendKeys({ press: 'Enter' });
    await until(() => ($(el, '.confirmation')?.textContent ?? '').includes('Enregistré'), 'the edited stop');
    const edited = (await publicStops()).find((s) => s.id === stop.id)!;
    expect(edited.rules[0]!.recurrence).to.deep.equal({ freq: 'dates', dates: [date] });

    // Remove it, after confirming.
    await until(() => $(el, `#remove-${stop.id}`) !== null, 'the list again');
    ($(el, `#remove-${stop.id}`) as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)?.textContent).to.contain(`Supprimer « ${name}, Nouzonville » et tous ses passages ?`);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => ($(el, '.confirmation')?.textContent ?? '').includes('Supprimé'), 'the removal');
    expect((await publicStops()).some((s) => s.id === stop.id)).to.equal(false);
    expect(changes.map((c) => c.action)).to.deep.equal(['create', 'update', 'delete']);
  });

  it('cancels a visit, restores it, moves another (new date and hours), by keyboard; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const stop = await createStop(`Salle des fêtes ${Date.now()}`);
    const [first, second] = upcomingVisits(stop);
    const el = await editor();
    await until(() => $(el, `#cancel-${stop.id}-${first!.date}`) !== null, 'the visits');
    await expect(el).to.be.accessible();

    ($(el, `#cancel-${stop.id}-${first!.date}`) as HTMLButtonElement).focus();
    expect(active(el)!.textContent).to.contain('Annuler cette date');
    await sendKeys({ press: 'Enter' });
    await until(() => ($(el, '.confirmation')?.textContent ?? '').includes('annulé'), 'the cancelled visit');
    expect((await publicStops()).find((s) => s.id === stop.id)!.changes).to.deep.equal([{ date: first!.date, status: 'cancelled' }]);
    await until(() => $(el, `#restore-${stop.id}-${first!.date}`) !== null, 'the cancelled visit in the list');
    expect($(el, `[data-date="${first!.date}"]`)!.textContent).to.contain('Annulé');
    await expect(el).to.be.accessible();

    ($(el, `#restore-${stop.id}-${first!.date}`) as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => ($(el, '.confirmation')?.textContent ?? '').includes('rétabli'), 'the restored visit');
    expect((await publicStops()).find((s) => s.id === stop.id)!.changes).to.deep.equal([]);

    // Move the second: a session ending before it starts is said at the field, then the move is saved.
    await until(() => $(el, `#move-${stop.id}-${second!.date}`) !== null, 'the list again');
    ($(el, `#move-${stop.id}-${second!.date}`) as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await until(() => active(el)?.id === 'mv-date', 'the new date’s field');
    const target = addDays(second!.date, 1);
    await typeDate(el, target);
    await tabTo(el, (a) => a.id === 'mv-opens', 'the new start time');
    expect((active(el) as HTMLInputElement).value).to.equal('09:00'); // the regular hours, to change
    fill(el, 'mv-opens', '14:00');
    await tabTo(el, (a) => a.id === 'mv-closes', 'the new end time');
    fill(el, 'mv-closes', '13:00');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, '#mv-closes-error')!.textContent).to.contain('L’heure de fin doit être après l’heure de début.');
    expect(active(el)?.id).to.equal('mv-closes');
    await expect(el).to.be.accessible();
    fill(el, 'mv-closes', '17:00');
    await sendKeys({ press: 'Enter' });
    await until(() => ($(el, '.confirmation')?.textContent ?? '').includes('déplacé'), 'the moved visit');
    expect((await publicStops()).find((s) => s.id === stop.id)!.changes).to.deep.equal([
      { date: second!.date, status: 'moved', to: { date: target, opens: '14:00', closes: '17:00' } },
    ]);
    await until(() => ($(el, `[data-date="${second!.date}"]`)?.textContent ?? '').includes('Déplacé'), 'the moved visit in the list');
    await expect(el).to.be.accessible();
    await removeAll();
  });

  it('says at the field a weekly rule with no day, a session ending before it starts, and a point far from the commune (the server’s); axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const el = await editor();
    await listed(el);
    ($(el, '#add') as HTMLButtonElement).click();
    await until(() => $(el, '#oe-name') !== null, 'the new place’s form');
    fill(el, 'oe-name', 'Mairie');
    await chooseCommune(el, 'Nouzonville');
    fill(el, 'r0-opens', '14:00');
    fill(el, 'r0-closes', '11:00');
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    await el.updateComplete;
    expect($(el, '#r0-days-error')!.textContent).to.contain('Cochez au moins un jour.');
    expect($(el, '#r0-closes-error')!.textContent).to.contain('L’heure de fin doit être après l’heure de début.');
    expect($(el, '#r0-closes')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '.form-message')!.textContent).to.contain('2 erreurs');
    expect(active(el)?.getAttribute('name')).to.equal('days-r0');
    await expect(el).to.be.accessible();

    ($(el, 'input[name="days-r0"][value="we"]') as HTMLInputElement).click();
    fill(el, 'r0-closes', '16:00');
    fill(el, 'oe-lat', '43.45');
    fill(el, 'oe-lon', '5,41');
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '#oe-lat-error') !== null, 'the far point’s error');
    expect($(el, '#oe-lat-error')!.textContent).to.contain('loin de la commune choisie');
    expect(active(el)?.id).to.equal('oe-lat');
    expect(($(el, '#oe-name') as HTMLInputElement).value).to.equal('Mairie');
    await expect(el).to.be.accessible();
    expect((await publicStops()).some((s) => s.name === 'Mairie')).to.equal(false);
  });

  it('offline: the stop waits on the device, is listed as waiting, and is sent once when the connection is back; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const name = `Arrêt hors ligne ${Date.now()}`;
    const el = await editor();
    await listed(el);
    ($(el, '#add') as HTMLButtonElement).click();
    await until(() => $(el, '#oe-name') !== null, 'the new place’s form');
    fill(el, 'oe-name', name);
    await chooseCommune(el, 'Nouzonville');
    ($(el, 'input[name="days-r0"][value="th"]') as HTMLInputElement).click();
    fill(el, 'r0-opens', '09:30');
    fill(el, 'r0-closes', '11:30');
    await setNetwork('down');
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '[part="pending"]') !== null, 'the writes waiting');
    expect($(el, '.confirmation')!.textContent).to.contain('Vous êtes hors ligne');
    expect($(el, '[part="pending"]')!.textContent).to.contain(`Ajout : ${name} (08700)`);
    await expect(el).to.be.accessible();

    await setNetwork('up');
    window.dispatchEvent(new Event('online'));
    await until(() => $(el, '[part="pending"]') === null, 'the waiting write sent');
    await until(() => shadowText(el).includes(name), 'the stop listed from the server');
    window.dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 200));
    expect((await publicStops()).filter((s) => s.name === name).length).to.equal(1);
    await removeAll();
  });

  it('« Choisir sur la carte »: a click, then the arrow keys and the button, fill the fields; the stop is saved at that point; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const name = `Arrêt placé sur la carte ${Date.now()}`;
    const el = await editor({ tiles: TEST_TILES });
    await listed(el);
    ($(el, '#add') as HTMLButtonElement).click();
    await until(() => $(el, '#oe-name') !== null, 'the new place’s form');
    fill(el, 'oe-name', name);
    await chooseCommune(el, 'Nouzonville');
    ($(el, 'input[name="days-r0"][value="tu"]') as HTMLInputElement).click();
    fill(el, 'r0-opens', '09:00');
    fill(el, 'r0-closes', '12:00');

    const toggle = $(el, '#oe-map-toggle')!;
    expect(toggle.textContent!.trim()).to.equal('Choisir sur la carte');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle.matches(':focus-visible')).to.equal(true);
    expect(getComputedStyle(toggle).outlineStyle).to.equal('solid');
    await until(() => !!($(el, 'fs-site-map') as FsSiteMap | null)?.leafletMap, 'the map');
    const map = $(el, 'fs-site-map') as FsSiteMap;
    const lm = map.leafletMap!;
    const inMap = (selector: string) => map.shadowRoot!.querySelector<HTMLElement>(selector);
    await until(() => map.tileState === 'ok' && !!inMap('.pick-center'), 'the base map and the button');
    // Opened on the commune's centre, named so.
    const centre = inMap('.fs-origin')!;
    expect(centre.getAttribute('aria-label')).to.equal('Centre de la commune');
    const commune = (await (await fetch(`${realApi()}/communes/08328`)).json()) as { location: { lat: number; lon: number } };
    expect(lm.getCenter().lat).to.be.closeTo(commune.location.lat, 1e-3);
    expect(lm.getCenter().lng).to.be.closeTo(commune.location.lon, 1e-3);
    const fr = (v: number) => String(Number(v.toFixed(5))).replace('.', ',');

    // A click on the map.
    const box = inMap('.map')!.getBoundingClientRect();
    const there = lm.containerPointToLatLng([box.width / 2 + 60, box.height / 2 - 40]);
    await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2 + 60), Math.round(box.top + box.height / 2 - 40)] });
    await until(() => ($(el, '#oe-lat') as HTMLInputElement).value !== '', 'the fields filled');
    expect(Number(($(el, '#oe-lat') as HTMLInputElement).value.replace(',', '.'))).to.be.closeTo(there.lat, 1e-4);
    expect(Number(($(el, '#oe-lon') as HTMLInputElement).value.replace(',', '.'))).to.be.closeTo(there.lng, 1e-4);
    expect(inMap('.fs-picked')).to.not.equal(null);

    // The keyboard: the arrow keys move the map under the crosshair, the button places the point there.
    inMap('.map')!.focus();
    const moved = new Promise((resolve) => lm.once('moveend', resolve));
    await sendKeys({ press: 'ArrowDown' });
    await moved;
    const c = lm.getCenter();
    const button = inMap('.pick-center')!;
    for (let i = 0; i < 6 && map.shadowRoot!.activeElement !== button; i++) await sendKeys({ press: 'Tab' });
    expect(map.shadowRoot!.activeElement).to.equal(button);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(($(el, '#oe-lat') as HTMLInputElement).value).to.equal(fr(c.lat));
    expect(($(el, '#oe-lon') as HTMLInputElement).value).to.equal(fr(c.lng));
    expect(inMap('.pick-status')!.textContent).to.contain('Point placé : latitude 49,');
    await expect(el).to.be.accessible();

    // Saved: the server has the stop at that point, from the agent.
    const picked = { lat: Number(fr(c.lat).replace(',', '.')), lon: Number(fr(c.lng).replace(',', '.')) };
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await until(() => ($(el, '.confirmation')?.textContent ?? '').includes('Enregistré'), 'the saved stop');
    const stop = (await publicStops()).find((s) => s.name === name)!;
    expect(stop.location_from).to.equal('agent');
    expect(stop.location).to.deep.equal(picked);
    await removeAll();
  });

  it('with the base map unreachable, the map says so and the coordinates stay usable; English; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const el = await editor({ lang: 'en' });
    await listed(el);
    ($(el, '#add') as HTMLButtonElement).click();
    await until(() => $(el, '#oe-name') !== null, 'the new place’s form');
    await until(() => $(el, '#oe-map-toggle')?.textContent!.trim() === 'Choose on the map', 'the English form');
    fill(el, 'oe-lat', '49.8');
    fill(el, 'oe-lon', '4.75');
    ($(el, '#oe-map-toggle') as HTMLButtonElement).click();
    await until(() => !!($(el, 'fs-site-map') as FsSiteMap | null)?.leafletMap, 'the map');
    const map = $(el, 'fs-site-map') as FsSiteMap;
    // tile.openstreetmap.org cannot be reached from the test machine.
    await until(() => map.tileState === 'unavailable', 'the base map declared unreachable', 20_000);
    await map.updateComplete;
    expect(map.shadowRoot!.querySelector('[part="status"]')!.textContent!.trim()).to.equal(
      'The base map cannot be shown, so the point cannot be chosen on it. Type the latitude and longitude instead.',
    );
    expect(map.shadowRoot!.querySelector('.pick-center')).to.equal(null);
    // The typed point is on the map all the same, and the fields still take what is typed.
    expect(map.picked).to.deep.equal({ lat: 49.8, lon: 4.75 });
    fill(el, 'oe-lat', '49.81');
    await el.updateComplete;
    expect(map.picked).to.deep.equal({ lat: 49.81, lon: 4.75 });
    expect(map.shadowRoot!.querySelector('.fs-picked')).to.not.equal(null);
    await expect(el).to.be.accessible();
    // Hidden again: aria-expanded follows.
    ($(el, '#oe-map-toggle') as HTMLButtonElement).click();
    await el.updateComplete;
    expect($(el, '#oe-map-toggle')!.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, 'fs-site-map')).to.equal(null);
  });

  it('speaks English with lang="en"; axe on the list and the form', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    await createStop('Town hall', ['th']);
    try {
      const el = await editor({ lang: 'en' });
      // The widget's own English strings and the core's (« Every Thursday ») arrive apart: wait for both.
      await until(
        () => shadowText(el).includes('Every Thursday') && shadowText(el).includes('Bus stops and permanences in other communes'),
        'the English list',
      );
      expect(shadowText(el))
        .to.contain('Bus stops and permanences in other communes')
        .and.contain('Next visits')
        .and.contain('Cancel this date');
      await expect(el).to.be.accessible();
      ($(el, '#add') as HTMLButtonElement).click();
      // The form's code comes on demand (« Opening the form… » meanwhile).
      await until(() => $(el, '#oe-name') !== null, 'the new place’s form');
      expect(shadowText(el)).to.contain('Name of the place').and.contain('On given dates').and.contain('What is offered there?');
      await expect(el).to.be.accessible();
    } finally {
      await removeAll();
    }
  });
});
