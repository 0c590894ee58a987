import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../banner/banner.js';
import '../badge/badge.js';
import '../poster/poster.js';
import type { FsBanner } from '../banner/banner.component.js';
import type { FsBadge } from '../badge/badge.component.js';
import type { FsPoster } from '../poster/poster.component.js';
import type { SiteList } from '@fs-widgets/contract';
import { clearOfflineCache, realApi, setNetwork, until } from '../../../../test-support/component-test-env.js';
import { localDate, PERMANENCE_COMMUNE, PUBLISHING_SITE, publishSiteNews } from '../../../../test-support/site-publication.js';

/**
 * A closure the site's agents published for today (issue 16), for real on the run's server, on
 * the banner, the badge and the poster: it overrides the weekly hours (Brest Kérédern opens on
 * weekdays), says why and when the site reopens; the poster prints the closures to come, dated.
 */
const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const settled = (el: Element) => () => !$(el, '[aria-busy="true"]') && !!$(el, '[part="status"], [part="sheet"]');

async function mount<T extends HTMLElement>(template: ReturnType<typeof html>): Promise<T> {
  const el = await fixture<T>(template);
  await until(settled(el), 'the widget to load');
  await until(() => !el.hasAttribute('data-fs-locale-pending'), 'the texts of its language');
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return el;
}

/** « 17 décembre », « 1er janvier ». */
const dayMonth = (date: string) =>
  new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', timeZone: 'UTC' })
    .format(new Date(`${date}T12:00:00Z`))
    .replace(/^1 /, '1er ');

describe('a closure published today, on the kit', () => {
  before(async () => {
    await publishSiteNews();
  });

  beforeEach(async () => {
    await setNetwork('up');
    await clearOfflineCache();
  });

  it('<fs-banner>: « Fermé exceptionnellement aujourd’hui (congés) — réouverture … »; English; axe', async () => {
    const el = await mount<FsBanner>(html`<fs-banner api=${realApi()} site-id=${PUBLISHING_SITE}></fs-banner>`);
    const status = $(el, '[part="status"]')!;
    expect(status.dataset.day).to.equal('closed-today');
    expect(text(status)).to.match(
      /^Fermé exceptionnellement aujourd’hui \(congés\) — réouverture (demain|le \p{L}+ \d{1,2}(er)? \p{L}+) à 9 h$/u,
    );
    await expect(el).to.be.accessible();

    const english = await mount<FsBanner>(html`<fs-banner lang="en" api=${realApi()} site-id=${PUBLISHING_SITE}></fs-banner>`);
    expect(text($(english, '[part="status"]'))).to.match(/^Exceptionally closed today \(congés\) — reopens (tomorrow|on .+) at 9 am$/);
    await expect(english).to.be.accessible();
  });

  it('<fs-badge>: « fermé exceptionnellement aujourd’hui », the link reached with the keyboard; English; axe', async () => {
    const el = await mount<FsBadge>(html`<fs-badge api=${realApi()} site-id=${PUBLISHING_SITE}></fs-badge>`);
    expect(text($(el, '[part="status"]'))).to.equal('fermé exceptionnellement aujourd’hui');
    expect($(el, 'a[part="link"]')!.dataset.day).to.equal('closed-today');
    const before = document.createElement('button');
    before.textContent = 'avant';
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'a[part="link"]'));
    before.remove();
    await expect(el).to.be.accessible();

    const english = await mount<FsBadge>(html`<fs-badge lang="en" api=${realApi()} site-id=${PUBLISHING_SITE}></fs-badge>`);
    expect(text($(english, '[part="status"]'))).to.equal('exceptionally closed today');
  });

  it('from a commune where a bus stops (Tusson): the banner and the badge say its next visit there, not its home base’s day; axe', async () => {
    const list = (await (await fetch(`${realApi()}/sites?commune=16390&limit=1`)).json()) as SiteList;
    const stop = list.items[0]!.at_stop!;
    expect(stop.commune).to.equal('Tusson');
    const banner = await mount<FsBanner>(html`<fs-banner api=${realApi()} commune="16390"></fs-banner>`);
    const status = $(banner, '[part="status"]')!;
    expect(status.dataset.day).to.equal('next-visit');
    expect(text(status)).to.match(/^Prochain passage à Tusson : \p{L}+/u);
    expect(text(status)).to.not.match(/Ouvert|Fermé/);
    await expect(banner).to.be.accessible();
    const badge = await mount<FsBadge>(html`<fs-badge api=${realApi()} commune="16390"></fs-badge>`);
    expect(text($(badge, '[part="status"]'))).to.match(/^passage à Tusson \p{L}+/u);
    await expect(badge).to.be.accessible();

    // A fixed site found at the permanence it holds in Gouesnou: a permanence, not a bus.
    const gouesnou = await mount<FsBanner>(html`<fs-banner api=${realApi()} commune=${PERMANENCE_COMMUNE}></fs-banner>`);
    expect(text($(gouesnou, '[part="status"]'))).to.match(/^Prochaine permanence à Gouesnou : /);
    const gouesnouBadge = await mount<FsBadge>(html`<fs-badge api=${realApi()} commune=${PERMANENCE_COMMUNE}></fs-badge>`);
    expect(text($(gouesnouBadge, '[part="status"]'))).to.match(/^permanence à Gouesnou /);
  });

  it('<fs-poster>: the closures and exceptional hours of the next two months under the week, dated (a sheet stays up); axe', async () => {
    const el = await mount<FsPoster>(html`<fs-poster api=${realApi()} site-id=${PUBLISHING_SITE}></fs-poster>`);
    await until(() => !!$(el, 'svg.qr'), 'the QR code');
    expect($$(el, '[part="exceptions"] li').map(text)).to.deep.equal([
      `Fermé exceptionnellement le ${dayMonth(localDate())} (congés)`,
      `Horaires exceptionnels le ${dayMonth(localDate('Europe/Paris', 10))} : 9 h – 12 h (veille de fête)`,
    ]);
    // The week is still the regular week: the closures are said beside it, not in it.
    expect(text($(el, 'table[part="hours"]'))).to.contain('9 h – 12 h');
    const page = $(el, '.page')!;
    expect(page.scrollHeight, 'the content fits the sheet').to.be.at.most(page.clientHeight + 1);
    await expect(el).to.be.accessible();

    const english = await mount<FsPoster>(html`<fs-poster lang="en" api=${realApi()} site-id=${PUBLISHING_SITE}></fs-poster>`);
    await until(() => !!$(english, '[part="exceptions"] li'), 'the closures in English');
    const inEnglish = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      new Date(`${localDate()}T12:00:00Z`),
    );
    expect(text($(english, '[part="exceptions"] li'))).to.equal(`Exceptionally closed on ${inEnglish} (congés)`);
  });
});
