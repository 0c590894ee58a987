import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { responseCache } from '@fs-widgets/core';
import './site-card.js';
import type { FsSiteCard } from './site-card.component.js';
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

const settled = (el: FsSiteCard) => () => !el.shadowRoot!.querySelector('[aria-busy="true"]');
const $ = (el: FsSiteCard, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: FsSiteCard, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

/** Monday 30 November 2026 at the given UTC time. */
const monday = (utc: string) => new Date(`2026-11-30T${utc}Z`);

async function card(template: ReturnType<typeof html>) {
  const el = await fixture<FsSiteCard>(template);
  await until(settled(el), 'the card to settle');
  // Another language's texts come on demand: the element stays hidden (pending) until they are here.
  await until(() => !el.hasAttribute('data-fs-locale-pending'), 'the texts of its language');
  await el.updateComplete;
  return el;
}

describe('<fs-site-card>', () => {
  beforeEach(async () => {
    await setNetwork('up');
    await clearOfflineCache();
  });

  describe('defaults and attributes', () => {
    it('is registered and reflects its attributes', async () => {
      const el = await card(html`<fs-site-card></fs-site-card>`);
      expect(el).to.be.instanceOf(customElements.get('fs-site-card')!);
      expect(el.siteId).to.equal('');
      expect(el.headingLevel).to.equal(2);
      el.siteId = '2983';
      el.api = realApi();
      await el.updateComplete;
      expect(el.getAttribute('site-id')).to.equal('2983');
      expect(el.getAttribute('api')).to.equal(realApi());
    });

    it('says what to do when no site is chosen (empty state), and passes axe', async () => {
      const el = await card(html`<fs-site-card></fs-site-card>`);
      expect(shadowText(el)).to.contain('Aucune France services choisie');
      expect(shadowText(el)).to.contain('site-id');
      await expect(el).to.be.accessible();
    });

    it('goes back to the empty state when site-id is removed, without an error', async () => {
      const el = await card(html`<fs-site-card api=${realApi()} site-id="2983"></fs-site-card>`);
      expect($(el, '[part="name"]')!.textContent).to.equal('France services de Mende');
      el.removeAttribute('site-id');
      el.removeAttribute('api');
      await el.updateComplete;
      expect(el.siteId).to.equal('');
      expect(el.api).to.equal('');
      expect(shadowText(el)).to.contain('Aucune France services choisie');
    });

    it('keeps the heading level within 2 to 6', async () => {
      const el = await card(html`<fs-site-card heading-level="9"></fs-site-card>`);
      expect(el.headingLevel).to.equal(6);
      expect($(el, '[role="heading"]')!.getAttribute('aria-level')).to.equal('6');
    });
  });

  describe('loaded from the real server', () => {
    it('shows Mende (2983): name, kind, address, contacts, hours, source; passes axe', async () => {
      const el = await card(html`<fs-site-card api=${realApi()} site-id="2983" .now=${monday('09:00:00')}></fs-site-card>`);
      expect($(el, '[part="name"]')!.textContent).to.equal('France services de Mende');
      expect($(el, '.kind')!.textContent).to.equal('France services');
      expect($(el, 'address')!.textContent!.replace(/\s+/g, ' ')).to.contain('Rue du Faubourg Montbel').and.contain('48000 Mende');
      expect($(el, 'a[href^="tel:"]')!.getAttribute('href')).to.equal('tel:0466496713');
      expect($(el, 'a[href^="mailto:"]')!.getAttribute('href')).to.equal('mailto:pref-france-services@lozere.gouv.fr');
      expect(shadowText(el)).to.contain('Accueil sans rendez-vous');
      expect(shadowText(el)).to.contain('ANCT — Liste des structures France services, 01/08/2024');
      const rows = $$(el, 'tbody tr');
      expect(rows).to.have.length(7);
      expect(rows[0]!.getAttribute('aria-current')).to.equal('date');
      expect(rows[0]!.textContent).to.contain('Lundi 30 novembre');
      expect(rows[0]!.textContent!.replace(/\s+/g, ' ')).to.contain('8 h 30 – 12 h et 13 h 30 – 17 h');
      expect(rows[5]!.textContent).to.contain('Fermé'); // Saturday
      await expect(el).to.be.accessible();
    });

    it('four cards of one site on a page make one request', async () => {
      performance.setResourceTimingBufferSize(2000);
      performance.clearResourceTimings();
      const url = `${realApi()}/sites/2983`;
      const parent = await fixture<HTMLElement>(html`<div>
        ${[1, 2, 3, 4].map(() => html`<fs-site-card api=${realApi()} site-id="2983"></fs-site-card>`)}
      </div>`);
      const cards = [...parent.querySelectorAll<FsSiteCard>('fs-site-card')];
      for (const el of cards) await until(settled(el), 'the card to settle');
      expect(cards.map((el) => $(el, '[part="name"]')?.textContent)).to.deep.equal(Array(4).fill('France services de Mende'));
      await until(() => performance.getEntriesByName(url).length > 0, 'the request in Resource Timing');
      expect(performance.getEntriesByName(url)).to.have.length(1);
    });

    it('says open now and when it closes, in the site’s time (10:00 in Paris)', async () => {
      const el = await card(html`<fs-site-card api=${realApi()} site-id="2983" .now=${monday('09:00:00')}></fs-site-card>`);
      expect($(el, '.badge')!.textContent).to.equal('Ouvert');
      expect($(el, '[part="status"]')!.textContent!.replace(/\s+/g, ' ')).to.contain('ferme à 12 h, rouvre à 13 h 30');
    });

    it('says closed and when it opens next, over a weekend', async () => {
      // Saturday 28 November 2026, 11:00 in Paris: next opening Monday 8:30.
      const el = await card(html`<fs-site-card api=${realApi()} site-id="2983" .now=${new Date('2026-11-28T10:00:00Z')}></fs-site-card>`);
      expect($(el, '.badge')!.textContent).to.equal('Fermé');
      expect(shadowText(el)).to.contain('ouvre lundi à 8 h 30');
    });

    it('marks a public holiday in the week and closes that day (Christmas)', async () => {
      const el = await card(html`<fs-site-card api=${realApi()} site-id="2983" .now=${new Date('2026-12-25T10:00:00Z')}></fs-site-card>`);
      expect($(el, '.badge')!.textContent).to.equal('Fermé');
      expect(shadowText(el)).to.contain('Noël');
      expect($$(el, 'tbody tr')[0]!.textContent).to.contain('jour férié');
    });

    it('uses the overseas site’s own time zone (Saint-Louis, La Réunion, 9:00 local)', async () => {
      // 05:00 UTC is 09:00 in La Réunion (UTC+4) and 06:00 in Paris: open there.
      const el = await card(html`<fs-site-card api=${realApi()} site-id="561" .now=${monday('05:00:00')}></fs-site-card>`);
      expect($(el, '.badge')!.textContent).to.equal('Ouvert');
      expect(shadowText(el)).to.contain('ferme à 16 h');
    });

    it('flags an itinerant site (a bus) and passes axe', async () => {
      const el = await card(html`<fs-site-card api=${realApi()} site-id="3" .now=${monday('09:00:00')}></fs-site-card>`);
      expect($(el, '.kind')!.textContent).to.equal('Bus France services');
      expect($(el, '.itinerant')!.textContent).to.contain('Itinérante');
      await expect(el).to.be.accessible();
    });

    it('shows no open/closed status for a bus without published stops (no place to go to), but does for one with stops', async () => {
      // Real data: the Thiérache bus (3) publishes no stops; the Ruffecois bus (2023) does.
      const site = (await (await fetch(`${realApi()}/sites/3`)).json()) as { itinerant: boolean; stops: unknown[] };
      expect(site.itinerant).to.equal(true);
      expect(site.stops).to.have.length(0);
      // 09:00 UTC is 10:00 in Paris on a Monday: within the bus's published hours.
      const el = await card(html`<fs-site-card api=${realApi()} site-id="3" .now=${monday('09:00:00')}></fs-site-card>`);
      expect($(el, '[part="status"]')?.textContent ?? null).to.equal(null);
      expect($(el, '.badge')?.textContent ?? null).to.equal(null);
      expect(shadowText(el)).not.to.match(/ferme à|ouvre (aujourd’hui|demain)/);
      expect($(el, '.itinerant')!.textContent).to.contain('Vérifiez le lieu et le jour');
      await expect(el).to.be.accessible();

      const withStops = await card(html`<fs-site-card api=${realApi()} site-id="2023" .now=${monday('09:00:00')}></fs-site-card>`);
      expect($(withStops, '[part="status"] .badge')).to.exist;
    });

    it('shows the site’s comment and appointment information (Le Moule, Guadeloupe)', async () => {
      const el = await card(html`<fs-site-card api=${realApi()} site-id="798" .now=${monday('14:00:00')}></fs-site-card>`);
      expect($(el, '.comment')!.textContent).to.contain('Possibilité de prendre rendez-vous');
      expect(shadowText(el)).to.contain('Sur place ou sur rendez-vous');
    });

    it('says how a site no road leads to is reached: Mafate on foot, Ouessant by boat; nothing for a site by road; passes axe', async () => {
      const mafate = await card(html`<fs-site-card api=${realApi()} site-id="2554" .now=${monday('09:00:00')}></fs-site-card>`);
      expect($(mafate, '.reach')!.textContent!.trim()).to.equal('À pied ou en hélicoptère : aucune route n’y mène.');
      expect($(mafate, '.reach')!.previousElementSibling!.textContent).to.equal('Accès');
      await expect(mafate).to.be.accessible();
      const ouessant = await card(html`<fs-site-card api=${realApi()} site-id="169" .now=${monday('09:00:00')}></fs-site-card>`);
      expect($(ouessant, '.reach')!.textContent!.trim()).to.equal('En bateau : aucune route ni aucun pont n’y mène.');
      const mende = await card(html`<fs-site-card api=${realApi()} site-id="2983" .now=${monday('09:00:00')}></fs-site-card>`);
      expect($(mende, '.reach')).to.equal(null);
      const english = await card(html`<fs-site-card lang="en" api=${realApi()} site-id="169"></fs-site-card>`);
      expect($(english, '.reach')!.textContent!.trim()).to.equal('By boat: no road or bridge leads there.');
    });

    it('speaks English with lang="en", and follows the page language when it changes', async () => {
      const el = await card(html`<fs-site-card lang="en" api=${realApi()} site-id="2983" .now=${monday('09:00:00')}></fs-site-card>`);
      expect(shadowText(el)).to.contain('Opening hours');
      expect($(el, '.badge')!.textContent).to.equal('Open');
      expect($$(el, 'tbody tr')[0]!.textContent).to.contain('Monday 30 November');
      await expect(el).to.be.accessible();

      const wrapper = await fixture<HTMLDivElement>(html`<div lang="fr">
        <fs-site-card api=${realApi()} site-id="2983" .now=${monday('09:00:00')}></fs-site-card>
      </div>`);
      const inner = wrapper.querySelector('fs-site-card')!;
      await until(settled(inner), 'the inner card');
      expect(shadowText(inner)).to.contain('Horaires');
      wrapper.lang = 'en';
      inner.requestUpdate();
      await inner.updateComplete;
      expect(shadowText(inner)).to.contain('Opening hours');
    });
  });

  describe('given a site object', () => {
    it('shows it without fetching, and ignores site-id', async () => {
      const res = await fetch(`${realApi()}/sites/3255`);
      const site = await res.json();
      const requests: string[] = [];
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => requests.push(e.name)));
      observer.observe({ type: 'resource' });
      // A site-id no other test asks for: a request for it could only come from this card.
      const el = await card(html`<fs-site-card site-id="1925" .site=${site} .now=${monday('09:00:00')}></fs-site-card>`);
      await new Promise((r) => setTimeout(r, 100));
      observer.disconnect();
      expect($(el, '[part="name"]')!.textContent).to.equal('France services MSA itinérante de Lozère');
      expect(requests.filter((u) => u.includes('/sites/1925'))).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });
  });

  describe('loading state', () => {
    it('shows a busy skeleton and announces the loading, and passes axe', async () => {
      const el = await fixture<FsSiteCard>(html`<fs-site-card api=${pendingApi} site-id="2983"></fs-site-card>`);
      await el.updateComplete;
      expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
      expect($(el, '[role="status"]')!.textContent).to.equal('Chargement…');
      await expect(el).to.be.accessible();
    });
  });

  describe('not found, error and offline states', () => {
    it('says the site does not exist and what to check (404), and passes axe', async () => {
      const el = await card(html`<fs-site-card api=${realApi()} site-id="99999999"></fs-site-card>`);
      expect(shadowText(el)).to.contain('France services introuvable');
      expect(shadowText(el)).to.contain('99999999');
      expect(shadowText(el)).to.contain('vérifiez le code d’intégration');
      expect($(el, 'button')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('treats a malformed id as not found, without crashing', async () => {
      // eslint-disable-next-line lit/attribute-value-entities -- a page's hostile value, on purpose
      const el = await card(html`<fs-site-card api=${realApi()} site-id="<script>"></fs-site-card>`);
      expect(shadowText(el)).to.contain('France services introuvable');
    });

    it('says the service does not answer and offers to retry (503), and passes axe', async () => {
      const el = await card(html`<fs-site-card api=${unavailableApi} site-id="2983"></fs-site-card>`);
      expect(shadowText(el)).to.contain('Affichage impossible pour le moment');
      expect($(el, 'button[part="retry"]')!.textContent).to.equal('Réessayer');
      await expect(el).to.be.accessible();
    });

    it('shows the saved copy with an offline notice after one online visit, and passes axe', async () => {
      const online = await card(html`<fs-site-card api=${proxiedApi} site-id="2983" .now=${monday('09:00:00')}></fs-site-card>`);
      expect($(online, '[part="name"]')!.textContent).to.equal('France services de Mende');
      // Wait for the response to reach IndexedDB.
      const url = new URL(`${proxiedApi}/sites/2983`, document.baseURI).href;
      let saved = false;
      await until(() => {
        void responseCache.get(url).then((hit) => (saved = !!hit));
        return saved;
      }, 'the offline copy to be saved');

      await setNetwork('down');
      const offline = await fixture<FsSiteCard>(
        html`<fs-site-card api=${proxiedApi} site-id="2983" .now=${monday('09:00:00')}></fs-site-card>`,
      );
      await until(() => !!$(offline, '[part="notice"]'), 'the offline notice');
      expect($(offline, '[part="name"]')!.textContent).to.equal('France services de Mende');
      expect($(offline, '[part="notice"]')!.textContent).to.contain('Vous êtes hors ligne');
      expect($$(offline, 'tbody tr')).to.have.length(7);
      await expect(offline).to.be.accessible();
    });

    it('offline with nothing saved: says so, and the retry button works from the keyboard once back online', async () => {
      await setNetwork('down');
      const el = await card(html`<fs-site-card api=${proxiedApi} site-id="271"></fs-site-card>`);
      await until(() => shadowText(el).includes('Vous êtes hors ligne'), 'the offline state');
      expect(shadowText(el)).to.contain('Vérifiez votre connexion');
      await expect(el).to.be.accessible();

      await setNetwork('up');
      $(el, 'button[part="retry"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => !!$(el, '[part="name"]'), 'the site after retry');
      expect($(el, '[part="name"]')!.textContent).to.equal('France services Marvejols');
    });
  });

  describe('keyboard', () => {
    it('reaches the phone and e-mail links with Tab, with a visible focus ring', async () => {
      const el = await card(html`<fs-site-card api=${realApi()} site-id="2983" .now=${monday('09:00:00')}></fs-site-card>`);
      const before = document.createElement('button');
      before.textContent = 'avant';
      el.before(before);
      before.focus();
      await sendKeys({ press: 'Tab' });
      const phone = el.shadowRoot!.activeElement as HTMLElement;
      expect(phone.getAttribute('href')).to.equal('tel:0466496713');
      const outline = getComputedStyle(phone);
      expect(outline.outlineStyle).to.equal('solid');
      expect(parseFloat(outline.outlineWidth)).to.be.at.least(2);
      await sendKeys({ press: 'Tab' });
      expect((el.shadowRoot!.activeElement as HTMLElement).getAttribute('href')).to.contain('mailto:');
      before.remove();
    });
  });
});
