import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { SiteList, SiteResult } from '@fs-widgets/contract';
import { formatClockTime } from '@fs-widgets/core';
import { openingStatus, type NextOpening } from '@fs-widgets/opening-hours';
import './site-locator.js';
import type { FsSiteLocator } from './site-locator.component.js';
import { siteLocatorFr } from './site-locator.strings.fr.js';
import type { FsCommuneSearch } from '../commune-search/commune-search.component.js';
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

/** Monday 30 November 2026, 10:00 in Paris. */
const MONDAY_10H = new Date('2026-11-30T09:00:00Z');
/** Sunday 29 November 2026, 11:00 in Paris: every France services near Mende is closed. */
const SUNDAY_11H = new Date('2026-11-29T10:00:00Z');

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const results = (el: FsSiteLocator) => $$(el, 'li.result');
const search = (el: FsSiteLocator) => $(el, 'fs-commune-search') as FsCommuneSearch;
const settled = (el: FsSiteLocator) => () => !$(el, '[aria-busy="true"]');
const withResults = (el: FsSiteLocator) => () => results(el).length > 0;
const sites = async (query: string): Promise<SiteList> => (await fetch(`${realApi()}/sites?${query}`)).json();
const isShown = (node: Element) => node.getClientRects().length > 0;
/**
 * An element in words, to compare focus: a failed assertion on elements themselves would print
 * them whole (and the runner can hang serialising a shadow tree).
 */
const described = (node: Element | null | undefined) => {
  if (!node) return 'nothing';
  const site = node.closest<HTMLElement>('li.result')?.dataset.site;
  const text = (node.closest('label') ?? node).textContent!.replace(/\s+/g, ' ').trim();
  return `${node.tagName.toLowerCase()}${site ? ` in result ${site}` : ''}: ${text}`;
};
const focused = (el: FsSiteLocator) => described(el.shadowRoot!.activeElement);

async function locator(template: ReturnType<typeof html>, ready: (el: FsSiteLocator) => () => boolean = settled) {
  const el = await fixture<FsSiteLocator>(template);
  await until(ready(el), 'the locator to settle');
  // Another language's texts come on demand: the element stays hidden (pending) until they are here.
  await until(() => !el.hasAttribute('data-fs-locale-pending'), 'the texts of its language');
  await el.updateComplete;
  return el;
}

describe('<fs-site-locator>', () => {
  const originalUrl = window.location.href;

  beforeEach(async () => {
    await setNetwork('up');
    await clearOfflineCache();
    window.history.replaceState(null, '', originalUrl);
  });

  afterEach(() => window.history.replaceState(null, '', originalUrl));

  describe('start', () => {
    it('asks where to look, with the search box and "Autour de moi", and passes axe', async () => {
      const el = await locator(html`<fs-site-locator api=${realApi()}></fs-site-locator>`);
      expect(shadowText(el)).to.contain('Où cherchez-vous ?');
      expect(search(el)).to.exist;
      expect($(el, 'button.around')!.textContent!.trim()).to.equal('Autour de moi');
      expect($$(el, 'fieldset input[type="checkbox"]')).to.have.length(2);
      await expect(el).to.be.accessible();
    });

    it('reflects its attributes and clamps limit and heading level', async () => {
      const el = await locator(html`<fs-site-locator api=${realApi()} limit="500" heading-level="9" view="list"></fs-site-locator>`);
      expect(el.limit).to.equal(100);
      expect(el.headingLevel).to.equal(5);
      expect(el.getAttribute('view')).to.equal('list');
      expect(el.urlPrefix).to.equal('fsl');
    });

    it('shows only the filters asked for', async () => {
      const el = await locator(html`<fs-site-locator api=${realApi()} filters="open-now"></fs-site-locator>`);
      expect($$(el, 'fieldset input[type="checkbox"]')).to.have.length(1);
      expect($$(el, 'fieldset select')).to.have.length(0);
      const none = await locator(html`<fs-site-locator api=${realApi()} filters="none"></fs-site-locator>`);
      expect($(none, 'fieldset')).to.equal(null);
    });
  });

  describe('preset on a commune (a town hall’s page)', () => {
    it('lists the nearest sites to Mende by distance, with travel time and the 30-minute marker; passes axe', async () => {
      const el = await locator(html`<fs-site-locator api=${realApi()} commune="48095" .now=${MONDAY_10H}></fs-site-locator>`, withResults);
      const items = results(el);
      expect(items).to.have.length(10);
      expect(items.map((i) => i.dataset.site).slice(0, 2)).to.have.members(['2983', '3255']);
      expect(shadowText(el)).to.contain('10 France services trouvées autour de Mende');
      const first = items[0]!.textContent!.replace(/\s+/g, ' ');
      // France services de Mende is a short walk from the town's centre: on foot, not « 6 min en voiture ».
      expect(first).to.match(/à \d+ min à pied/);
      expect(first).to.contain('À moins de 30 min');
      expect(first).to.contain('Ouvert');
      // « Estimation » is said once, above the list, not on each card.
      expect($$(el, '.travel-note')).to.have.length(1);
      expect($(el, '.travel-note')!.textContent).to.contain('Temps de trajet estimés');
      expect(items.some((i) => /estimation/.test(i.textContent!))).to.equal(false);
      expect(items.some((i) => /environ \d+ min en voiture par des routes de montagne/.test(i.textContent!.replace(/\s+/g, ' ')))).to.equal(
        true,
      );
      // Distances never decrease down the list.
      const res = await (await fetch(`${realApi()}/sites?commune=48095&limit=10`)).json();
      expect(items.map((i) => i.dataset.site)).to.deep.equal(res.items.map((s: { id: string }) => s.id));
      await expect(el).to.be.accessible();
    });

    it('from Saint-Denis (La Réunion): Mafate without minutes nor badge, Salazie by the cirque road without badge; passes axe', async () => {
      const el = await locator(
        html`<fs-site-locator api=${realApi()} commune="97411" limit="20" .now=${MONDAY_10H}></fs-site-locator>`,
        withResults,
      );
      const text = (id: string) => $(el, `li.result[data-site="${id}"] .travel`)!.textContent!.replace(/\s+/g, ' ').trim();
      expect(text('2554')).to.equal('Pas de route : on y va à pied ou en hélicoptère');
      expect($(el, 'li.result[data-site="2554"] .tag.ok')).to.equal(null);
      expect(text('3016')).to.match(/^environ \d+ min en voiture par la route du cirque$/);
      expect($(el, 'li.result[data-site="3016"] .tag.ok')).to.equal(null);
      // The badges left are the ones the server can promise: what it says, nothing more.
      const res = await (await fetch(`${realApi()}/sites?commune=97411&limit=20`)).json();
      // (A bus without published stops shows no trip at all: a trip to its home base says nothing.)
      for (const s of res.items as SiteResult[]) {
        const placeKnown = !s.itinerant || s.stops.length > 0;
        expect($(el, `li.result[data-site="${s.id}"] .tag.ok`) !== null, s.id).to.equal(placeKnown && s.travel.within_30_min === true);
      }
      await expect(el).to.be.accessible();
    });

    it('an hour or more is written in hours: « 1 h 05 »', () => {
      const { duration } = siteLocatorFr.locator;
      expect([duration(5), duration(59), duration(60), duration(65), duration(130)]).to.deep.equal([
        '5 min',
        '59 min',
        '1 h',
        '1 h 05',
        '2 h 10',
      ]);
    });

    it('shows the preset commune in the search box, told apart from its namesakes: « Saint-Denis (La Réunion) »', async () => {
      const el = await locator(html`<fs-site-locator api=${realApi()} commune="97411" limit="3"></fs-site-locator>`, withResults);
      const field = search(el).shadowRoot!.querySelector('input')!;
      await until(() => field.value === 'Saint-Denis (La Réunion)', 'the preset commune in the field');
      expect(shadowText(el)).to.contain('autour de Saint-Denis');
      await expect(el).to.be.accessible();
    });

    it('starts from a postcode (48000 → Mende)', async () => {
      const el = await locator(html`<fs-site-locator api=${realApi()} postcode="48000" limit="3"></fs-site-locator>`, withResults);
      expect(shadowText(el)).to.contain('autour de Mende');
      expect(results(el)).to.have.length(3);
    });

    it('starts from lat/lon', async () => {
      const el = await locator(
        html`<fs-site-locator api=${realApi()} lat="41.9192" lon="8.7386" limit="3"></fs-site-locator>`,
        withResults,
      );
      expect(results(el)[0]!.textContent).to.contain('Ajaccio');
    });

    it('says so kindly when the preset commune does not exist, and passes axe', async () => {
      const el = await locator(
        html`<fs-site-locator api=${realApi()} commune="99999"></fs-site-locator>`,
        (e) => () => shadowText(e).includes('introuvable'),
      );
      expect(shadowText(el)).to.contain('Cette commune est introuvable');
      await expect(el).to.be.accessible();
    });

    it('shows the next stops of the Ruffecois bus (alternating weeks, real Charente data)', async () => {
      const el = await locator(
        html`<fs-site-locator api=${realApi()} commune="16104" limit="1" .now=${MONDAY_10H}></fs-site-locator>`,
        withResults,
      );
      const bus = results(el)[0]!;
      expect(bus.dataset.site).to.equal('2023');
      const stops = bus.querySelector('.stops')!;
      expect(stops.textContent).to.contain('Prochains passages');
      const sessions = [...stops.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
      expect(sessions).to.have.length(3);
      // Monday 30 November 2026 is in ISO week 49 (odd): Saint-Fraigne every Monday 9:30–12:30
      // is under way at 10:00, and it comes first.
      expect(sessions[0]).to.contain('Lundi 30 novembre').and.contain('Saint-Fraigne');
    });
  });

  describe('keyboard-only search to details', () => {
    it('types a commune, picks it with the arrows, opens a result and comes back', async () => {
      const el = await locator(html`<fs-site-locator api=${realApi()} limit="5" .now=${MONDAY_10H}></fs-site-locator>`);
      const input = search(el).shadowRoot!.querySelector('input')!;
      input.focus();
      await sendKeys({ type: 'mend' });
      await until(() => input.getAttribute('aria-expanded') === 'true', 'the suggestions');
      expect(shadowText(search(el))).to.match(/\d+ suggestions?/);
      await sendKeys({ press: 'ArrowDown' });
      await search(el).updateComplete;
      const active = input.getAttribute('aria-activedescendant')!;
      expect(search(el).shadowRoot!.getElementById(active)!.textContent).to.contain('Mende');
      const searchEvent = oneEvent(el, 'fs-site-search');
      // The name it had before the naming rule is fired too, with the same detail, for one release.
      const formerEvent = oneEvent(el, 'fs-search');
      await sendKeys({ press: 'Enter' });
      expect((await searchEvent).detail.origin).to.include({ type: 'commune', insee: '48095' });
      expect((await formerEvent).detail).to.equal((await searchEvent).detail);
      await until(withResults(el), 'the results');
      expect(window.location.search).to.contain('fsl-commune=48095');

      // Tab out of the search, past "Autour de moi" and the filters, to the first result.
      const firstButton = results(el)[0]!.querySelector('button')!;
      for (let i = 0; i < 12 && el.shadowRoot!.activeElement !== firstButton; i++) await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(firstButton);
      const selectEvent = oneEvent(el, 'fs-site-select');
      await sendKeys({ press: 'Enter' });
      const siteId = (await selectEvent).detail.siteId;
      await el.updateComplete;
      const details = $(el, '#details')!;
      expect(el.shadowRoot!.activeElement).to.equal(details);
      await until(() => !!customElements.get('fs-site-card'), 'the card module');
      const card = details.querySelector('fs-site-card')!;
      await card.updateComplete;
      expect(card.site!.id).to.equal(siteId);
      expect(window.location.search).to.contain(`fsl-site=${siteId}`);
      expect($(el, '.details-actions a[href^="https://www.openstreetmap.org/directions"]')).to.exist;
      await expect(el).to.be.accessible();

      const back = $(el, '.details-actions button')!;
      back.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await until(() => el.shadowRoot!.activeElement?.closest('li')?.getAttribute('data-site') === siteId, 'focus back on the result');
    });

    it('Escape closes the suggestions, then clears the field', async () => {
      const el = await locator(html`<fs-site-locator api=${realApi()}></fs-site-locator>`);
      const input = search(el).shadowRoot!.querySelector('input')!;
      input.focus();
      await sendKeys({ type: 'st flour' });
      await until(() => input.getAttribute('aria-expanded') === 'true', 'the suggestions');
      expect(shadowText(search(el))).to.contain('Saint-Flour');
      await sendKeys({ press: 'Escape' });
      await search(el).updateComplete;
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      await sendKeys({ press: 'Escape' });
      await search(el).updateComplete;
      expect(input.value).to.equal('');
    });
  });

  describe('around me', () => {
    const geolocation = navigator.geolocation;
    const original = geolocation.getCurrentPosition;
    afterEach(() => {
      geolocation.getCurrentPosition = original;
    });

    const failWith = (code: number) => {
      geolocation.getCurrentPosition = (_ok, fail) =>
        fail?.({ code, message: 'test', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError);
    };

    it('refused: says what to do instead, the search box stays usable, and passes axe', async () => {
      failWith(1);
      const el = await locator(html`<fs-site-locator api=${realApi()}></fs-site-locator>`);
      $(el, 'button.around')!.click();
      await el.updateComplete;
      expect($(el, '.geo-message')!.textContent).to.contain('Vous n’avez pas autorisé la localisation');
      expect(search(el).shadowRoot!.querySelector('input')!.disabled).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('timeout and unavailable each get their own message', async () => {
      failWith(3);
      const el = await locator(html`<fs-site-locator api=${realApi()}></fs-site-locator>`);
      $(el, 'button.around')!.click();
      await el.updateComplete;
      expect($(el, '.geo-message')!.textContent).to.contain('trop de temps');
      failWith(2);
      $(el, 'button.around')!.click();
      await el.updateComplete;
      expect($(el, '.geo-message')!.textContent).to.contain('n’est pas disponible');
    });

    it('granted: searches around the position, and the field no longer names the commune of before', async () => {
      geolocation.getCurrentPosition = (ok) =>
        ok({ coords: { latitude: -20.8823, longitude: 55.4504, accuracy: 20 }, timestamp: Date.now() } as GeolocationPosition);
      const el = await locator(html`<fs-site-locator api=${realApi()} commune="48095" limit="3"></fs-site-locator>`, withResults);
      const field = search(el).shadowRoot!.querySelector('input')!;
      await until(() => field.value === 'Mende', 'the preset commune in the field');
      $(el, 'button.around')!.click();
      await until(() => shadowText(el).includes('autour de votre position'), 'the results around the position');
      expect(window.location.search).to.contain('fsl-near=-20.88230%2C55.45040');
      expect(field.value).to.equal('');
    });
  });

  describe('filters, empty results and URL state', () => {
    it('finds nothing open on Saturdays within 5 km: offers to remove the filters and to widen; passes axe', async () => {
      const el = await locator(
        html`<fs-site-locator api=${realApi()} commune="48095" radius="5" .now=${MONDAY_10H}></fs-site-locator>`,
        withResults,
      );
      const saturday = $$(el, 'fieldset input[type="checkbox"]')[1] as HTMLInputElement;
      saturday.click();
      await until(() => shadowText(el).includes('Aucune France services à moins de 5 km'), 'the empty state');
      expect(window.location.search).to.contain('fsl-sat=1');
      expect(shadowText(el)).to.match(/Élargir à \d+ km/);
      await expect(el).to.be.accessible();
      const remove = $$(el, '.message button').find((b) => b.textContent!.includes('Retirer les filtres'))!;
      remove.click();
      await until(withResults(el), 'the results again');
    });

    /** The site of `list` that opens first after `now` (nearest first on a tie), as the locator should name it. */
    const firstToOpen = (list: SiteList, now: Date) => {
      let first: { site: SiteResult; next: NextOpening } | undefined;
      for (const site of list.items) {
        if (site.itinerant && site.stops.length === 0) continue;
        const status = openingStatus(site.hours, { now, department: site.address.department, timeZone: site.time_zone });
        const next = status.state === 'closed' ? status.next : null;
        if (next && (!first || `${next.date} ${next.time}` < `${first.next.date} ${first.next.time}`)) first = { site, next };
      }
      return first!;
    };

    it('none open now (a Sunday): says they are all closed, when and where the next one opens, and shows them all; passes axe', async () => {
      // The server finds none open around Mende at that instant, and ten closed ones.
      expect((await sites(`commune=48095&limit=10&open_now=true&at=${SUNDAY_11H.toISOString()}`)).count).to.equal(0);
      const all = await sites(`commune=48095&limit=10&at=${SUNDAY_11H.toISOString()}`);
      const first = firstToOpen(all, SUNDAY_11H);
      expect(first.next.inDays, 'Sunday → Monday').to.equal(1);

      const el = await locator(html`<fs-site-locator api=${realApi()} commune="48095" .now=${SUNDAY_11H}></fs-site-locator>`, withResults);
      ($$(el, 'fieldset input[type="checkbox"]')[0] as HTMLInputElement).click();
      await until(() => !!$(el, '.message') && settled(el)(), 'the all-closed message');
      const message = $(el, '.message')!;
      expect(message.querySelector('[role="heading"]')!.textContent).to.equal(
        'Toutes les France services proches sont fermées en ce moment',
      );
      expect(message.querySelector('p')!.textContent).to.equal(
        `La prochaine ouvre demain lundi à ${formatClockTime(first.next.time, 'fr')} : ${first.site.name}.`,
      );
      expect(shadowText(el)).not.to.contain('Aucune France services trouvée');
      expect(shadowText(el)).not.to.contain('Essayez sans filtre');
      await expect(el).to.be.accessible();

      const showAll = message.querySelector<HTMLButtonElement>('button')!;
      expect(showAll.textContent!.trim()).to.equal('Voir toutes les France services proches');
      showAll.click();
      await until(withResults(el), 'all the results');
      expect(results(el).map((r) => r.dataset.site)).to.deep.equal(all.items.map((i) => i.id));
      expect(window.location.search).not.to.contain('fsl-open');
      expect(($$(el, 'fieldset input[type="checkbox"]')[0] as HTMLInputElement).checked).to.equal(false);
    });

    it('none open now within 5 km: says so for that distance, and in English too', async () => {
      const all = await sites(`commune=48095&limit=10&radius=5&at=${SUNDAY_11H.toISOString()}`);
      const first = firstToOpen(all, SUNDAY_11H);
      const fr = await locator(
        html`<fs-site-locator api=${realApi()} commune="48095" radius="5" .now=${SUNDAY_11H} no-url-state></fs-site-locator>`,
        withResults,
      );
      ($$(fr, 'fieldset input[type="checkbox"]')[0] as HTMLInputElement).click();
      await until(() => shadowText(fr).includes('sont fermées en ce moment') && settled(fr)(), 'the all-closed message');
      expect(shadowText(fr)).to.contain('Toutes les France services à moins de 5 km sont fermées en ce moment');
      expect(shadowText(fr)).to.contain(`: ${first.site.name}.`);

      const en = await locator(
        html`<fs-site-locator lang="en" api=${realApi()} commune="48095" radius="5" .now=${SUNDAY_11H} no-url-state></fs-site-locator>`,
        withResults,
      );
      ($$(en, 'fieldset input[type="checkbox"]')[0] as HTMLInputElement).click();
      await until(() => shadowText(en).includes('are closed right now') && settled(en)(), 'the all-closed message');
      expect(shadowText(en)).to.contain('All France services within 5 km are closed right now');
      expect(shadowText(en)).to.contain(
        `The next one opens tomorrow (Monday) at ${formatClockTime(first.next.time, 'en')}: ${first.site.name}.`,
      );
      expect(shadowText(en)).to.contain('Show all nearby France services');
      await expect(en).to.be.accessible();
    });

    it('offers the next radius that finds sites, from the server’s suggestion', async () => {
      const el = await locator(
        html`<fs-site-locator api=${realApi()} lat="46.5" lon="-1.2" radius="5"></fs-site-locator>`,
        (e) => () => shadowText(e).includes('Aucune France services à moins de 5 km'),
      );
      const widen = $(el, '.message button.primary')!;
      expect(widen.textContent).to.match(/Élargir à \d+ km/);
      widen.click();
      await until(withResults(el), 'the widened results');
      expect(window.location.search).to.match(/fsl-radius=\d+/);
    });

    it('restores the whole state from a shared link, and the back button returns to the previous search', async () => {
      const shared = new URL(window.location.href);
      shared.searchParams.set('other', 'host-page-param');
      shared.searchParams.set('fsl-commune', '2A004');
      shared.searchParams.set('fsl-label', 'Ajaccio');
      shared.searchParams.set('fsl-kind', 'fixed');
      shared.searchParams.set('fsl-radius', '50');
      window.history.replaceState(null, '', shared);
      const el = await locator(html`<fs-site-locator api=${realApi()} commune="48095" limit="3"></fs-site-locator>`, withResults);
      expect(shadowText(el)).to.contain('autour de Ajaccio');
      expect(($$(el, 'fieldset select')[0] as HTMLSelectElement).value).to.equal('fixed');
      // The offer filter (issue 16) sits between the kind and the radius.
      expect(($$(el, 'fieldset select').at(-1) as HTMLSelectElement).value).to.equal('50');

      // A new search pushes a history entry; going back restores Ajaccio.
      results(el)[0]!.querySelector('button')!.click();
      await el.updateComplete;
      expect(window.location.search).to.contain('fsl-site=');
      expect(new URL(window.location.href).searchParams.get('other')).to.equal('host-page-param');
      const popped = oneEvent(window, 'popstate');
      window.history.back();
      await popped;
      await el.updateComplete;
      expect($(el, '#details')).to.equal(null);
      expect(results(el)).to.have.length(3);
    });
  });

  describe('each result', () => {
    it('is one tab stop: Tab goes from one result’s name to the next, then out of the list', async () => {
      const el = await locator(
        html`<fs-site-locator api=${realApi()} commune="48095" limit="10" .now=${MONDAY_10H} no-url-state></fs-site-locator>`,
        withResults,
      );
      const items = results(el);
      expect(items).to.have.length(10);
      // Phone numbers are shown (and dialled from the details, where the card links them).
      const phones = items.filter((i) => /\d{2} \d{2} \d{2} \d{2} \d{2}/.test(i.textContent!));
      expect(phones.length).to.be.greaterThan(0);
      const names = items.map((i) => i.querySelector<HTMLButtonElement>('.name button')!);
      names[0]!.focus();
      for (let i = 1; i < names.length; i++) {
        await sendKeys({ press: 'Tab' });
        expect(focused(el), `Tab ${i}`).to.equal(described(names[i]));
      }
      await sendKeys({ press: 'Tab' });
      expect(focused(el), 'the Tab after the last result').not.to.contain(' in result ');

      // Once a result is chosen, its phone is a link.
      names[0]!.click();
      await until(() => !!customElements.get('fs-site-card'), 'the card module');
      const card = $(el, '#details fs-site-card')!;
      await (card as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      expect(card.shadowRoot!.querySelector('a[href^="tel:"]')).to.exist;
    });

    it('a bus without published stops shows no opening time nor travel time, only to contact it (real data: Vouziers bus); passes axe', async () => {
      const bus = (await sites('commune=08490&limit=2')).items.find((i) => i.id === '47')!;
      expect(bus.itinerant).to.equal(true);
      expect(bus.stops).to.have.length(0);
      // 10:00 on a Monday is within the bus's published hours: the status would say "Ouvert".
      expect(openingStatus(bus.hours, { now: MONDAY_10H, department: bus.address.department }).state).to.equal('open');
      const el = await locator(
        html`<fs-site-locator api=${realApi()} commune="08490" limit="2" .now=${MONDAY_10H} no-url-state></fs-site-locator>`,
        withResults,
      );
      const [busResult] = results(el).filter((r) => r.dataset.site === '47');
      const text = busResult!.textContent!.replace(/\s+/g, ' ');
      expect(text).to.contain('Lieux et jours de passage : contactez la France services.');
      expect(text).not.to.match(/Ouvert ·|Fermé ·|ferme à|ouvre /);
      expect(busResult!.querySelector('.open, .closed')?.textContent ?? null).to.equal(null);
      // Nor a trip to its home base: « à moins de 30 min » of where?
      expect(busResult!.querySelector('.travel')).to.equal(null);
      expect(text).not.to.match(/en voiture|à pied|À moins de 30 min/);
      // The fixed counter beside it keeps its status and its trip.
      expect(
        results(el)
          .find((r) => r.dataset.site === '1995')!
          .querySelector('.travel'),
      ).to.not.equal(null);
      const counter = results(el).find((r) => r.dataset.site === '1995')!;
      expect(counter.querySelector('.open')!.textContent).to.equal('Ouvert');
      await expect(el).to.be.accessible();
    });
  });

  describe('directions', () => {
    const openDetails = async (mapsApp?: 'geo' | 'apple' | 'none') => {
      const el = await locator(
        html`<fs-site-locator api=${realApi()} commune="48095" limit="2" no-url-state .mapsApp=${mapsApp}></fs-site-locator>`,
        withResults,
      );
      results(el)[0]!.querySelector<HTMLButtonElement>('.name button')!.click();
      await el.updateComplete;
      return $$(el, '.details-actions a');
    };

    it('on a desktop: one directions link (OpenStreetMap), no geo: link that would do nothing', async () => {
      // This test browser is headless Chromium on Linux: no maps application.
      const links = await openDetails();
      expect(links.map((a) => a.getAttribute('href')!.split(':')[0])).to.deep.equal(['https']);
      expect(links[0]!.getAttribute('href')).to.match(/^https:\/\/www\.openstreetmap\.org\/directions\?/);
      expect(links[0]!.textContent!.trim()).to.equal('Itinéraire');
    });

    it('on Android: a geo: link opens the maps application, with the site’s name on the pin', async () => {
      const links = await openDetails('geo');
      expect(links).to.have.length(2);
      expect(links[1]!.textContent!.trim()).to.equal('Ouvrir dans mon application de cartes');
      expect(links[1]!.getAttribute('href')).to.match(/^geo:44\.\d+,3\.\d+\?q=44\.\d+,3\.\d+\(France%20services%20de%20Mende\)$/);
    });

    it('on an iPhone or iPad: the link is Apple Plans’, not geo: (which iOS does not open)', async () => {
      const links = await openDetails('apple');
      expect(links).to.have.length(2);
      expect(links[1]!.getAttribute('href')).to.match(/^https:\/\/maps\.apple\.com\/\?ll=44\.\d+,3\.\d+&q=France%20services%20de%20Mende$/);
    });
  });

  describe('address search (optional BAN-compatible geocoder)', () => {
    it('suggests addresses after communes and searches around the chosen one', async () => {
      const el = await locator(html`<fs-site-locator api=${realApi()} geocoder="/__test/ban" limit="3" no-url-state></fs-site-locator>`);
      expect(shadowText(search(el))).to.contain('Adresse, commune ou code postal');
      const input = search(el).shadowRoot!.querySelector('input')!;
      input.focus();
      await sendKeys({ type: 'faubourg montbel' });
      await until(() => search(el).shadowRoot!.querySelectorAll('[role="option"]').length === 2, 'the address suggestions');
      const options = [...search(el).shadowRoot!.querySelectorAll('[role="option"]')];
      expect(options[0]!.textContent).to.contain('2 Rue du Faubourg Montbel 48000 Mende');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await until(withResults(el), 'the results');
      expect(results(el)[0]!.dataset.site).to.be.oneOf(['2983', '3255']);
      expect(shadowText(el)).to.contain('autour de 2 Rue du Faubourg Montbel');
    });

    it('is off by default: no geocoder request without the attribute', async () => {
      const el = await locator(html`<fs-site-locator api=${realApi()} no-url-state></fs-site-locator>`);
      expect(shadowText(search(el))).to.contain('Commune ou code postal');
      expect(el.geocoder).to.equal('');
    });
  });

  describe('loading', () => {
    it('shows a busy skeleton while searching, and passes axe', async () => {
      const el = await fixture<FsSiteLocator>(html`<fs-site-locator api=${pendingApi} commune="48095" no-url-state></fs-site-locator>`);
      await el.updateComplete;
      expect($(el, '[aria-busy="true"]')).to.exist;
      expect(shadowText(el)).to.contain('Chargement…');
      await expect(el).to.be.accessible();
    });
  });

  describe('errors and offline', () => {
    it('service unavailable: says so and offers to retry; passes axe', async () => {
      const el = await locator(
        html`<fs-site-locator api=${unavailableApi} commune="48095"></fs-site-locator>`,
        (e) => () => shadowText(e).includes('Affichage impossible'),
      );
      expect($(el, '.message button')!.textContent).to.contain('Réessayer');
      await expect(el).to.be.accessible();
    });

    it('works offline from the copy of a search made once online; passes axe', async () => {
      await locator(html`<fs-site-locator api=${proxiedApi} commune="48095" limit="4" no-url-state></fs-site-locator>`, withResults);
      await new Promise((r) => setTimeout(r, 200));
      await setNetwork('down');
      const offline = await locator(
        html`<fs-site-locator api=${proxiedApi} commune="48095" limit="4" no-url-state></fs-site-locator>`,
        (e) => () => !!$(e, '.notice'),
      );
      expect($(offline, '.notice')!.textContent).to.contain('Vous êtes hors ligne');
      expect(results(offline)).to.have.length(4);
      await expect(offline).to.be.accessible();
    });

    it('offline with nothing saved: says so and offers to retry', async () => {
      await setNetwork('down');
      const el = await locator(
        html`<fs-site-locator api=${proxiedApi} commune="15187" no-url-state></fs-site-locator>`,
        (e) => () => shadowText(e).includes('hors ligne'),
      );
      expect(shadowText(el)).to.contain('Vérifiez votre connexion');
    });
  });

  describe('events and language', () => {
    it('fires nothing for a preset, and lets the page take over a site selection', async () => {
      let searches = 0;
      const el = await fixture<FsSiteLocator>(html`<fs-site-locator
        api=${realApi()}
        commune="48095"
        limit="2"
        no-url-state
        @fs-site-search=${() => searches++}
        @fs-search=${() => searches++}
        @fs-site-select=${(e: Event) => e.preventDefault()}
      ></fs-site-locator>`);
      await until(withResults(el), 'the results');
      expect(searches).to.equal(0);
      results(el)[0]!.querySelector('button')!.click();
      await el.updateComplete;
      expect($(el, '#details')).to.equal(null);
    });

    it('speaks English with lang="en"; passes axe', async () => {
      const el = await locator(
        html`<fs-site-locator lang="en" api=${realApi()} commune="48095" limit="3" .now=${MONDAY_10H} no-url-state></fs-site-locator>`,
        withResults,
      );
      expect(shadowText(el)).to.contain('3 France services found near Mende');
      expect(shadowText(el)).to.contain('by car');
      expect(shadowText(search(el))).to.contain('Town or postcode');
      await expect(el).to.be.accessible();
    });
  });

  describe('layout', () => {
    afterEach(async () => setViewport({ width: 800, height: 600 }));

    for (const width of [320, 1280]) {
      it(`fits a ${width} px wide screen without horizontal scrolling`, async () => {
        await setViewport({ width, height: 900 });
        const el = await locator(
          html`<fs-site-locator api=${realApi()} commune="16242" limit="5" .now=${MONDAY_10H} no-url-state></fs-site-locator>`,
          withResults,
        );
        expect(el.getBoundingClientRect().width).to.be.at.most(width);
        expect(document.documentElement.scrollWidth).to.be.at.most(width);
        for (const part of $$(el, 'fieldset, li.result, fs-commune-search, .toolbar')) {
          expect(part.getBoundingClientRect().right, part.tagName).to.be.at.most(width + 0.5);
        }
      });
    }
  });

  describe('filters on a narrow widget', () => {
    afterEach(async () => setViewport({ width: 800, height: 600 }));

    const toggle = (el: FsSiteLocator) => $(el, 'button.filters-toggle')!;
    const fieldset = (el: FsSiteLocator) => $(el, 'fieldset')!;

    it('on a 390 × 844 phone: folded, and the first result shows without scrolling; passes axe', async () => {
      await setViewport({ width: 390, height: 844 });
      const el = await locator(
        html`<fs-site-locator api=${realApi()} commune="48095" .now=${MONDAY_10H} no-url-state></fs-site-locator>`,
        withResults,
      );
      expect(isShown(toggle(el))).to.equal(true);
      expect(toggle(el).getAttribute('aria-expanded')).to.equal('false');
      expect(toggle(el).getAttribute('aria-controls')).to.equal(fieldset(el).id);
      expect(toggle(el).textContent!.trim()).to.equal('Affiner');
      expect(isShown(fieldset(el))).to.equal(false);
      const firstName = results(el)[0]!.querySelector('.name')!.getBoundingClientRect();
      expect(firstName.top).to.be.at.least(0);
      expect(firstName.bottom, 'the first result’s name, in px from the top').to.be.at.most(window.innerHeight);
      await expect(el).to.be.accessible();
    });

    it('unfolds and folds with the keyboard, with a visible focus, and says how many filters are on', async () => {
      await setViewport({ width: 390, height: 844 });
      const el = await locator(
        html`<fs-site-locator api=${realApi()} commune="48095" radius="50" .now=${MONDAY_10H} no-url-state></fs-site-locator>`,
        withResults,
      );
      expect(toggle(el).textContent!.trim()).to.equal('Affiner (1 filtre actif)');
      $(el, 'button.around')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(described(toggle(el)));
      const focusStyle = getComputedStyle(toggle(el));
      expect(focusStyle.outlineStyle).to.equal('solid');
      expect(parseFloat(focusStyle.outlineWidth)).to.be.at.least(2);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(toggle(el).getAttribute('aria-expanded')).to.equal('true');
      expect(isShown(fieldset(el))).to.equal(true);
      // The next Tab goes into the filters.
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(described($$(el, 'fieldset input')[0]));
      await sendKeys({ press: 'Space' });
      await until(() => toggle(el).textContent!.includes('2 filtres actifs'), 'the count of filters on');
      await until(settled(el), 'the results');
      await expect(el).to.be.accessible();
      toggle(el).focus();
      await sendKeys({ press: ' ' });
      await el.updateComplete;
      expect(toggle(el).getAttribute('aria-expanded')).to.equal('false');
      expect(isShown(fieldset(el))).to.equal(false);
      expect(toggle(el).textContent!.trim()).to.equal('Affiner (2 filtres actifs)');
    });

    it('at 1280 px: the filters are open, with no toggle', async () => {
      await setViewport({ width: 1280, height: 900 });
      const el = await locator(html`<fs-site-locator api=${realApi()} commune="48095" no-url-state></fs-site-locator>`, withResults);
      expect(isShown(toggle(el))).to.equal(false);
      expect(isShown(fieldset(el))).to.equal(true);
      expect($$(el, 'fieldset input').every(isShown)).to.equal(true);
    });

    it('follows the widget’s own width, not the window’s: folded in a 390 px column of a 1280 px page', async () => {
      await setViewport({ width: 1280, height: 900 });
      const host = await fixture<HTMLDivElement>(
        html`<div style="width: 390px"><fs-site-locator api=${realApi()} commune="48095" no-url-state></fs-site-locator></div>`,
      );
      const el = host.querySelector('fs-site-locator')!;
      await until(withResults(el), 'the results');
      expect(isShown(toggle(el))).to.equal(true);
      expect(isShown(fieldset(el))).to.equal(false);
    });
  });

  describe('map on demand', () => {
    it('loads the map only when asked, and the list stays; passes axe with the map shown', async () => {
      const el = await locator(
        html`<fs-site-locator api=${realApi()} commune="48095" limit="5" no-url-state></fs-site-locator>`,
        withResults,
      );
      expect($(el, 'fs-site-map')).to.equal(null);
      const toggle = [...$$(el, '.toolbar button')].find((b) => b.textContent!.includes('Afficher la carte'))!;
      toggle.click();
      await until(() => !!$(el, 'fs-site-map'), 'the map');
      const map = $(el, 'fs-site-map')!;
      expect(results(el)).to.have.length(5);
      expect((map as unknown as { sites: unknown[] }).sites).to.have.length(5);
      expect(toggle.getAttribute('aria-pressed')).to.equal('true');
      await expect(el).to.be.accessible();
    });

    it('keeps list and map in step: a focused result is highlighted on the map, a marker opens its site', async () => {
      const el = await locator(
        html`<fs-site-locator api=${realApi()} commune="48095" limit="5" view="split" no-url-state tiles="ign-plan"></fs-site-locator>`,
        withResults,
      );
      await until(() => !!$(el, 'fs-site-map'), 'the map');
      const map = $(el, 'fs-site-map') as HTMLElement & { selectedId: string; tiles: string };
      expect(map.tiles).to.equal('ign-plan');
      const second = results(el)[1]!;
      second.querySelector('button')!.focus();
      await el.updateComplete;
      expect(map.selectedId).to.equal(second.dataset.site);
      expect(second.classList.contains('selected')).to.equal(true);
      // A marker activated on the map opens that site's details, through the locator's own event.
      const firstId = results(el)[0]!.dataset.site!;
      const opened = oneEvent(el, 'fs-site-select');
      map.dispatchEvent(new CustomEvent('fs-site-select', { detail: { siteId: firstId }, bubbles: true, composed: true }));
      expect((await opened).detail.siteId).to.equal(firstId);
      await el.updateComplete;
      expect($(el, '#details')).to.exist;
    });
  });
});
