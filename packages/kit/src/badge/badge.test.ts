import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { responseCache } from '@fs-widgets/core';
import './badge.js';
import type { FsBadge } from './badge.component.js';
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

const $ = (el: FsBadge, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const settled = (el: FsBadge) => () => !$(el, '[aria-busy="true"]');
const link = (el: FsBadge) => $(el, 'a[part="link"]') as HTMLAnchorElement;
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const apiOrigin = () => new URL(realApi()).origin;

/** Paris wall-clock: Monday 30 November 2026 10:00 (open) and 12:30 (opens again at 13:30). */
const MONDAY_MORNING = new Date('2026-11-30T09:00:00Z');
const MONDAY_LUNCH = new Date('2026-11-30T11:30:00Z');
const SATURDAY = new Date('2026-11-28T10:00:00Z');

async function badge(template: ReturnType<typeof html>) {
  const el = await fixture<FsBadge>(template);
  await until(settled(el), 'the badge to settle');
  await el.updateComplete;
  return el;
}

describe('<fs-badge>', () => {
  beforeEach(async () => {
    await setNetwork('up');
    await clearOfflineCache();
  });

  it('is registered and reflects its attributes', async () => {
    const el = await badge(html`<fs-badge></fs-badge>`);
    expect(el).to.be.instanceOf(customElements.get('fs-badge')!);
    expect([el.commune, el.siteId, el.href]).to.deep.equal(['', '', '']);
    el.siteId = '2983';
    el.href = 'https://example.org/';
    await el.updateComplete;
    expect(el.getAttribute('site-id')).to.equal('2983');
    expect(el.getAttribute('href')).to.equal('https://example.org/');
  });

  it('without commune or site: a link to the locator; passes axe', async () => {
    const el = await badge(html`<fs-badge api=${realApi()}></fs-badge>`);
    expect(text(link(el))).to.equal('Trouver une France services');
    expect(link(el).href).to.equal(`${apiOrigin()}/embed/fs-site-locator`);
    await expect(el).to.be.accessible();
  });

  it('from a commune: « France services à 1,2 km — ouvert maintenant », the site’s name, the locator preset; passes axe', async () => {
    const el = await badge(html`<fs-badge api=${realApi()} commune="48095" .now=${MONDAY_MORNING}></fs-badge>`);
    const list = await (await fetch(`${realApi()}/sites?commune=48095&limit=1`)).json();
    expect(text($(el, '[part="label"]'))).to.match(/^France services à [\d,]+ (km|m)$/);
    expect(text($(el, '[part="status"]'))).to.equal('ouvert maintenant');
    expect(text(link(el))).to.match(/^France services à [\d,]+ (km|m) — ouvert maintenant/);
    expect(text($(el, '[part="name"]'))).to.equal(list.items[0].name);
    expect(link(el).href).to.equal(`${apiOrigin()}/embed/fs-site-locator?commune=48095`);
    await expect(el).to.be.accessible();
    el.now = MONDAY_LUNCH;
    await el.updateComplete;
    expect(text($(el, '[part="status"]'))).to.equal('ouvert aujourd’hui');
    el.now = SATURDAY;
    await el.updateComplete;
    expect(text($(el, '[part="status"]'))).to.equal('fermé aujourd’hui');
  });

  it('from a site: its name, its card page; href wins', async () => {
    const el = await badge(html`<fs-badge api=${realApi()} site-id="2983" .now=${MONDAY_MORNING}></fs-badge>`);
    expect(text(link(el))).to.equal('France services de Mende — ouvert maintenant');
    expect($(el, '[part="name"]')).to.equal(null);
    expect(link(el).href).to.equal(`${apiOrigin()}/s/2983`);
    el.href = 'https://www.mende.fr/france-services';
    await el.updateComplete;
    expect(link(el).href).to.equal('https://www.mende.fr/france-services');
  });

  it('keyboard: the link is reached with Tab and shows its focus', async () => {
    const el = await badge(html`<fs-badge api=${realApi()} commune="48095" .now=${MONDAY_MORNING}></fs-badge>`);
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

  it('fits a narrow (200 px) column without overflowing', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 200px">
      <fs-badge api=${realApi()} commune="48095" .now=${MONDAY_MORNING}></fs-badge>
    </div>`);
    const el = wrapper.querySelector('fs-badge')!;
    await until(settled(el), 'the badge');
    await el.updateComplete;
    expect(el.getBoundingClientRect().right).to.be.at.most(wrapper.getBoundingClientRect().right + 0.5);
    expect(link(el).getBoundingClientRect().right).to.be.at.most(wrapper.getBoundingClientRect().right + 0.5);
  });

  it('in English', async () => {
    const el = await fixture<FsBadge>(html`<fs-badge lang="en" api=${realApi()} commune="48095" .now=${MONDAY_MORNING}></fs-badge>`);
    await until(() => settled(el)() && !el.hasAttribute('data-fs-locale-pending') && !!$(el, '[part="status"]'), 'English');
    await el.updateComplete;
    expect(text(link(el))).to.match(/^France services [\d.]+ (km|m) away — open now/);
    await expect(el).to.be.accessible();
  });

  describe('states', () => {
    it('loading: "France services…", busy; passes axe', async () => {
      const el = await fixture<FsBadge>(html`<fs-badge api=${pendingApi} commune="48095"></fs-badge>`);
      expect($(el, '[aria-busy="true"]')).to.not.equal(null);
      expect(text($(el, '[part="label"]'))).to.equal('France services…');
      expect(shadowText(el)).to.contain('Chargement…');
      await expect(el).to.be.accessible();
    });

    it('an unknown commune: the locator link and a line saying why; passes axe', async () => {
      const el = await badge(html`<fs-badge api=${realApi()} commune="99999"></fs-badge>`);
      expect(text(link(el))).to.equal('Trouver une France services');
      expect(link(el).href).to.equal(`${apiOrigin()}/embed/fs-site-locator`);
      expect(text($(el, '[part="message"]'))).to.contain('« 99999 »');
      await expect(el).to.be.accessible();
    });

    it('the service does not answer: the link stays, with a retry; passes axe', async () => {
      const el = await badge(html`<fs-badge api=${unavailableApi} site-id="2983"></fs-badge>`);
      expect(text($(el, '[part="message"]'))).to.contain('informations indisponibles');
      expect(text($(el, 'button[part="retry"]'))).to.equal('Réessayer');
      expect(text(link(el))).to.equal('Voir l’adresse et les horaires');
      await expect(el).to.be.accessible();
    });

    it('offline with a saved copy: the badge with a notice; passes axe', async () => {
      await badge(html`<fs-badge api=${proxiedApi} site-id="2983" .now=${MONDAY_MORNING}></fs-badge>`);
      const url = new URL(`${proxiedApi}/sites/2983`, document.baseURI).href;
      let saved = false;
      await until(() => {
        void responseCache.get(url).then((hit) => (saved = !!hit));
        return saved;
      }, 'the offline copy to be saved');
      await setNetwork('down');
      const el = await fixture<FsBadge>(html`<fs-badge api=${proxiedApi} site-id="2983" .now=${MONDAY_MORNING}></fs-badge>`);
      await until(() => !!$(el, '[part="notice"]'), 'the offline notice');
      expect(text(link(el))).to.equal('France services de Mende — ouvert maintenant');
      expect(text($(el, '[part="notice"]'))).to.contain('Hors ligne : informations du');
      await expect(el).to.be.accessible();
    });

    it('offline with nothing saved: says so; retry works once back online', async () => {
      await setNetwork('down');
      const el = await badge(html`<fs-badge api=${proxiedApi} site-id="271"></fs-badge>`);
      await until(() => text($(el, '[part="message"]')).includes('hors ligne'), 'the offline state');
      await expect(el).to.be.accessible();
      await setNetwork('up');
      $(el, 'button[part="retry"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => !!$(el, '[part="status"]'), 'the site after retry');
      expect(text($(el, '[part="label"]'))).to.equal('France services Marvejols');
    });
  });
});
