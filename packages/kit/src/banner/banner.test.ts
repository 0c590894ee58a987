import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { responseCache } from '@fs-widgets/core';
import './banner.js';
import type { FsBanner } from './banner.component.js';
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

const $ = (el: FsBanner, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const settled = (el: FsBanner) => () => !$(el, '[aria-busy="true"]');
const link = (el: FsBanner) => $(el, 'a[part="link"]') as HTMLAnchorElement;
const apiOrigin = () => new URL(realApi()).origin;

/** Paris wall-clock times (UTC+1 in winter): Monday 30 November, Saturday 28 November, Christmas 2026. */
const at = (isoUtc: string) => new Date(isoUtc);
const MONDAY_MORNING = at('2026-11-30T09:00:00Z'); // 10:00, open until 12:00
const MONDAY_LUNCH = at('2026-11-30T11:30:00Z'); // 12:30, opens again at 13:30
const MONDAY_EVENING = at('2026-11-30T18:00:00Z'); // 19:00, closed until tomorrow 8:30
const SATURDAY = at('2026-11-28T10:00:00Z');
const CHRISTMAS = at('2026-12-25T10:00:00Z');

async function banner(template: ReturnType<typeof html>) {
  const el = await fixture<FsBanner>(template);
  await until(settled(el), 'the banner to settle');
  await el.updateComplete;
  return el;
}

describe('<fs-banner>', () => {
  beforeEach(async () => {
    await setNetwork('up');
    await clearOfflineCache();
  });

  it('is registered, defaults to the strip size and reflects its attributes', async () => {
    const el = await banner(html`<fs-banner></fs-banner>`);
    expect(el).to.be.instanceOf(customElements.get('fs-banner')!);
    expect([el.size, el.commune, el.siteId, el.href, el.headingLevel]).to.deep.equal(['strip', '', '', '', 2]);
    el.size = 'square';
    el.commune = '48095';
    el.headingLevel = 9;
    await el.updateComplete;
    expect(el.getAttribute('size')).to.equal('square');
    expect(el.getAttribute('commune')).to.equal('48095');
    expect(el.headingLevel).to.equal(6);
    el.setAttribute('size', 'giant');
    await el.updateComplete;
    expect(el.size).to.equal('strip');
  });

  it('without commune or site: the headline and a link to the locator; passes axe', async () => {
    const el = await banner(html`<fs-banner api=${realApi()}></fs-banner>`);
    expect($(el, '[part="title"]')!.textContent).to.equal('Besoin d’aide pour vos démarches\u00a0?');
    expect($(el, '[part="title"]')!.getAttribute('role')).to.equal('heading');
    expect(link(el).href).to.equal(`${apiOrigin()}/embed/fs-site-locator`);
    expect(link(el).textContent).to.equal('Trouver une France services');
    await expect(el).to.be.accessible();
  });

  it('from a commune: the nearest site, its distance, open now, and the locator preset on the commune; passes axe', async () => {
    const el = await banner(html`<fs-banner api=${realApi()} commune="48095" .now=${MONDAY_MORNING} heading-level="3"></fs-banner>`);
    const list = await (await fetch(`${realApi()}/sites?commune=48095&limit=1`)).json();
    expect($(el, '[part="name"]')!.textContent).to.equal(list.items[0].name);
    expect(shadowText(el)).to.contain('La plus proche');
    expect(shadowText(el)).to.match(/à [\d,]+ (km|m) de Mende/);
    expect($(el, '[part="status"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Ouvert maintenant jusqu’à 12 h');
    expect($(el, '[part="title"]')!.getAttribute('aria-level')).to.equal('3');
    expect(link(el).href).to.equal(`${apiOrigin()}/embed/fs-site-locator?commune=48095`);
    expect(link(el).textContent).to.equal('Voir les France services près de chez moi');
    await expect(el).to.be.accessible();
  });

  it('from a site: its name, no distance, and its card page; href wins over the default', async () => {
    const el = await banner(html`<fs-banner api=${realApi()} site-id="2983" .now=${MONDAY_MORNING}></fs-banner>`);
    expect($(el, '[part="name"]')!.textContent).to.equal('France services de Mende');
    expect(shadowText(el)).to.contain('Votre France services');
    expect($(el, '.distance')).to.equal(null);
    expect(link(el).href).to.equal(`${apiOrigin()}/s/2983`);
    expect(link(el).textContent).to.equal('Voir l’adresse et les horaires');
    el.href = 'https://www.mende.fr/france-services';
    await el.updateComplete;
    expect(link(el).href).to.equal('https://www.mende.fr/france-services');
    // A site and a commune: the site wins.
    el.commune = '75056';
    await el.updateComplete;
    expect($(el, '[part="name"]')!.textContent).to.equal('France services de Mende');
  });

  it('says whether the site is open today: later today, closed for today, closed all day, a public holiday', async () => {
    const el = await banner(html`<fs-banner api=${realApi()} site-id="2983" .now=${MONDAY_LUNCH}></fs-banner>`);
    const status = () => $(el, '[part="status"]')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(status()).to.equal('Ouvert aujourd’hui à partir de 13 h 30');
    el.now = MONDAY_EVENING;
    await el.updateComplete;
    expect(status()).to.equal('Fermé pour aujourd’hui ouvre demain à 8 h 30');
    el.now = SATURDAY;
    await el.updateComplete;
    expect(status()).to.equal('Fermé aujourd’hui ouvre lundi à 8 h 30');
    el.now = CHRISTMAS;
    await el.updateComplete;
    expect(status()).to.equal('Fermé aujourd’hui Noël, ouvre lundi à 8 h 30');
    await expect(el).to.be.accessible();
  });

  describe('the three sizes', () => {
    for (const size of ['strip', 'square', 'vertical'] as const) {
      for (const width of [320, 1280]) {
        it(`${size} at ${width} px: no horizontal overflow, within its standard proportions`, async () => {
          const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}px">
            <fs-banner api=${realApi()} commune="48095" size=${size} .now=${MONDAY_MORNING}></fs-banner>
          </div>`);
          const el = wrapper.querySelector('fs-banner')!;
          await until(settled(el), 'the banner to settle');
          await el.updateComplete;
          const host = el.getBoundingClientRect();
          expect(host.width).to.be.at.most(width);
          expect(host.width).to.be.greaterThan(100);
          const base = $(el, '[part="base"]')!;
          expect(base.scrollWidth).to.be.at.most(base.clientWidth);
          for (const node of el.shadowRoot!.querySelectorAll('*')) {
            const box = node.getBoundingClientRect();
            if (box.width === 0 || getComputedStyle(node).position === 'absolute') continue;
            expect(box.right, `${node.className} overflows`).to.be.at.most(host.right + 0.5);
          }
          if (size === 'square') expect(host.height).to.be.at.least(host.width * (5 / 6) - 1);
          if (size === 'vertical') expect(host.height).to.be.at.least(host.width * (15 / 4) - 1);
          if (size === 'strip' && width === 1280) {
            // One row: the headline, the site and the link side by side.
            const [intro, site, a] = ['.intro', '.site', 'a[part="link"]'].map((s) => $(el, s)!.getBoundingClientRect());
            expect(site!.left).to.be.greaterThan(intro!.right - 1);
            expect(a!.left).to.be.greaterThan(site!.right - 1);
          }
        });
      }
    }
  });

  it('keyboard: the link is reached with Tab and shows its focus', async () => {
    const el = await banner(html`<fs-banner api=${realApi()} commune="48095" .now=${MONDAY_MORNING}></fs-banner>`);
    const before = document.createElement('button');
    before.textContent = 'avant';
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    const focused = el.shadowRoot!.activeElement as HTMLElement;
    expect(focused).to.equal(link(el));
    const style = getComputedStyle(focused);
    expect(style.outlineStyle).to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    before.remove();
  });

  it('in English', async () => {
    const el = await fixture<FsBanner>(html`<fs-banner lang="en" api=${realApi()} commune="48095" .now=${SATURDAY}></fs-banner>`);
    await until(() => settled(el)() && !el.hasAttribute('data-fs-locale-pending') && !!$(el, '[part="name"]'), 'English');
    await el.updateComplete;
    expect($(el, '[part="title"]')!.textContent).to.equal('Need help with your paperwork?');
    expect(shadowText(el)).to.match(/[\d.]+ (km|m) from Mende/);
    expect($(el, '[part="status"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Closed today opens Monday at 8:30 am');
    expect(link(el).textContent).to.equal('See the France services near me');
    await expect(el).to.be.accessible();
  });

  describe('states', () => {
    it('loading: the headline stays, a spoken "Chargement…"; passes axe', async () => {
      const el = await fixture<FsBanner>(html`<fs-banner api=${pendingApi} commune="48095"></fs-banner>`);
      expect($(el, '[aria-busy="true"]')).to.not.equal(null);
      expect(shadowText(el)).to.contain('Chargement…');
      expect(shadowText(el)).to.contain('Besoin d’aide pour vos démarches ?'); // shadowText turns the no-break space into a space
      await expect(el).to.be.accessible();
    });

    it('an unknown commune or site: says which, links to the locator alone; passes axe', async () => {
      const el = await banner(html`<fs-banner api=${realApi()} commune="99999"></fs-banner>`);
      expect($(el, '[part="message"]')!.textContent).to.contain('Aucune commune ne porte le code INSEE « 99999 »');
      expect(link(el).href).to.equal(`${apiOrigin()}/embed/fs-site-locator`);
      await expect(el).to.be.accessible();
      const site = await banner(html`<fs-banner api=${realApi()} site-id="999999"></fs-banner>`);
      expect($(site, '[part="message"]')!.textContent).to.contain('Aucune France services ne porte l’identifiant « 999999 »');
    });

    it('the service does not answer: says so, offers to retry; passes axe', async () => {
      const el = await banner(html`<fs-banner api=${unavailableApi} commune="48095"></fs-banner>`);
      expect(shadowText(el)).to.contain('Le service ne répond pas');
      expect($(el, 'button[part="retry"]')!.textContent).to.equal('Réessayer');
      await expect(el).to.be.accessible();
    });

    it('offline with a saved copy: the site with a notice; passes axe', async () => {
      await banner(html`<fs-banner api=${proxiedApi} commune="48095" .now=${MONDAY_MORNING}></fs-banner>`);
      const url = new URL(`${proxiedApi}/sites?commune=48095&limit=1`, document.baseURI).href;
      let saved = false;
      await until(() => {
        void responseCache.get(url).then((hit) => (saved = !!hit));
        return saved;
      }, 'the offline copy to be saved');
      await setNetwork('down');
      const el = await fixture<FsBanner>(html`<fs-banner api=${proxiedApi} commune="48095" .now=${MONDAY_MORNING}></fs-banner>`);
      await until(() => !!$(el, '[part="notice"]'), 'the offline notice');
      expect($(el, '[part="name"]')!.textContent).to.equal('France services de Mende');
      expect($(el, '[part="notice"]')!.textContent).to.match(/^Hors ligne : informations du \d{2}\/\d{2}\/\d{4}\.$/);
      await expect(el).to.be.accessible();
    });

    it('offline with nothing saved: says so; the retry works from the keyboard once back online', async () => {
      await setNetwork('down');
      const el = await banner(html`<fs-banner api=${proxiedApi} site-id="271"></fs-banner>`);
      await until(() => shadowText(el).includes('pas encore enregistrées'), 'the offline state');
      await expect(el).to.be.accessible();
      await setNetwork('up');
      $(el, 'button[part="retry"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => !!$(el, '[part="name"]'), 'the site after retry');
      expect($(el, '[part="name"]')!.textContent).to.equal('France services Marvejols');
    });
  });
});
