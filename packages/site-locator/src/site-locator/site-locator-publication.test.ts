import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SiteList } from '@fs-widgets/contract';
import './site-locator.js';
import type { FsSiteLocator } from './site-locator.component.js';
import { clearOfflineCache, realApi, setNetwork, until } from '../../../../test-support/component-test-env.js';
import {
  LOCAL_PARTNER_COMMUNE,
  LOCAL_PARTNER_SITE,
  localDate,
  PERMANENCE_COMMUNE,
  PUBLISHING_SITE,
  publishLocalPartner,
  publishSiteNews,
} from '../../../../test-support/site-publication.js';

/**
 * What sites publish themselves (issue 16) in the locator's results: a bus found at its stop
 * (« Prochain passage à Tusson : … », the Ruffecois bus's real stops), a closure today, the
 * « Service proposé » filter; published for real with an agent's token on the run's server.
 */
const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const results = (el: FsSiteLocator) => $$(el, 'li.result');
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const sites = async (query: string): Promise<SiteList> => (await fetch(`${realApi()}/sites?${query}`)).json();

async function locator(template: ReturnType<typeof html>) {
  const el = await fixture<FsSiteLocator>(template);
  await until(() => !$(el, '[aria-busy="true"]') && results(el).length > 0, 'the results');
  await until(() => !el.hasAttribute('data-fs-locale-pending'), 'the texts of its language');
  await el.updateComplete;
  return el;
}

/** « mardi 9 h – 12 h 30 et 13 h 30 – 15 h 30 » within the week, « mardi 15 décembre, 9 h – 12 h 30 » beyond. */
function sessionDay(next: SiteList['items'][number]['stops'][number]['next'], locale: 'fr' | 'en'): string {
  const day = next.filter((s) => s.date === next[0]!.date);
  const time = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    if (locale === 'fr') return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
    const h12 = h % 12 || 12;
    return `${m ? `${h12}:${String(m).padStart(2, '0')}` : h12} ${h < 12 ? 'am' : 'pm'}`;
  };
  const hours = day.map((s) => `${time(s.opens)} – ${time(s.closes)}`).join(locale === 'fr' ? ' et ' : ' and ');
  const date = next[0]!.date;
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const fmt = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' })
      .format(new Date(`${date}T12:00:00Z`))
      .replace(/ 1 /, locale === 'fr' ? ' 1er ' : ' 1 ');
  const today = localDate();
  if (date === today) return `${locale === 'fr' ? 'aujourd’hui' : 'today'} ${hours}`;
  if (date === localDate('Europe/Paris', 1)) return `${locale === 'fr' ? 'demain' : 'tomorrow'} ${hours}`;
  if (date < localDate('Europe/Paris', 7)) return `${fmt({ weekday: 'long' })} ${hours}`;
  return `${fmt({ weekday: 'long', day: 'numeric', month: 'long' })}, ${hours}`;
}

describe('<fs-site-locator>: what sites publish themselves', () => {
  const originalUrl = window.location.href;

  before(async () => {
    await publishSiteNews();
  });

  beforeEach(async () => {
    await setNetwork('up');
    await clearOfflineCache();
    window.history.replaceState(null, '', originalUrl);
  });

  afterEach(() => window.history.replaceState(null, '', originalUrl));

  it('finds the Ruffecois bus at its stop in Tusson: the stop’s commune and distance, « Prochain passage à Tusson : … »; axe', async () => {
    const answer = await sites('commune=16390&limit=10');
    const bus = answer.items.find((s) => s.id === '2023')!;
    expect(bus.at_stop?.commune).to.equal('Tusson');
    expect(bus.at_stop!.next.length).to.be.greaterThan(0);
    const el = await locator(html`<fs-site-locator no-url-state api=${realApi()} commune="16390"></fs-site-locator>`);
    const result = $(el, 'li.result[data-site="2023"]')!;
    expect(text(result.querySelector('.facts li'))).to.match(/^Tusson — à \d+ m$/);
    expect(text(result.querySelector('.passage'))).to.equal(`Prochain passage à Tusson : ${sessionDay(bus.at_stop!.next, 'fr')}`);
    // Its home base's hours in Condac say nothing of Tusson: not shown, nor the list of its other stops.
    expect(text(result)).to.not.match(/Fermé ·|Ouvert ·|Prochains passages/);
    await expect(el).to.be.accessible();

    // Its details lead to the stop, where the distance was measured, not to Condac.
    result.querySelector<HTMLButtonElement>('.name button')!.click();
    await until(() => !!$(el, '#details a[href*="openstreetmap"]'), 'the details');
    const { lat, lon } = bus.at_stop!.location;
    expect($(el, '#details a[href*="openstreetmap"]')!.getAttribute('href')).to.contain(`%3B${lat}%2C${lon}`);

    const english = await locator(html`<fs-site-locator lang="en" no-url-state api=${realApi()} commune="16390"></fs-site-locator>`);
    expect(text($(english, 'li.result[data-site="2023"] .passage'))).to.equal(
      `Next visit to Tusson: ${sessionDay(bus.at_stop!.next, 'en')}`,
    );
  });

  it('finds a fixed site at the permanence it holds in Gouesnou: « Prochaine permanence à Gouesnou : … »', async () => {
    const answer = await sites(`commune=${PERMANENCE_COMMUNE}&limit=3`);
    const found = answer.items.find((s) => s.id === PUBLISHING_SITE)!;
    expect(found.at_stop?.commune).to.equal('Gouesnou');
    const el = await locator(
      html`<fs-site-locator no-url-state api=${realApi()} commune=${PERMANENCE_COMMUNE} limit="3"></fs-site-locator>`,
    );
    const result = $(el, `li.result[data-site="${PUBLISHING_SITE}"]`)!;
    expect(text(result.querySelector('.facts li'))).to.match(/^Gouesnou — à /);
    expect(text(result.querySelector('.passage'))).to.equal(`Prochaine permanence à Gouesnou : ${sessionDay(found.at_stop!.next, 'fr')}`);
    await expect(el).to.be.accessible();
  });

  it('says a closure today in the result and the exceptional hours to come; axe', async () => {
    const el = await locator(html`<fs-site-locator no-url-state api=${realApi()} commune="29019" limit="3"></fs-site-locator>`);
    const result = $(el, `li.result[data-site="${PUBLISHING_SITE}"]`)!;
    expect(text(result)).to.match(
      /Fermé exceptionnellement aujourd’hui \(congés\) — réouverture (demain|le \p{L}+ \d{1,2}(er)? \p{L}+) à 9 h/u,
    );
    expect(text(result.querySelector('.exception'))).to.match(
      /^Horaires exceptionnels le \d{1,2}(er)? \p{L}+ : 9 h – 12 h \(veille de fête\)$/u,
    );
    await expect(el).to.be.accessible();
    // Not among the sites open now: the server applies the closure too (A's open_now); the widget then says where to go next.
    const open = await sites(`commune=29019&open_now=true&limit=20&at=${encodeURIComponent(new Date().toISOString())}`);
    expect(open.items.map((s) => s.id)).to.not.include(PUBLISHING_SITE);
  });

  it('filters on an offer with the keyboard: « Service proposé » → Point justice, kept in the URL, one event; axe', async () => {
    const el = await locator(html`<fs-site-locator api=${realApi()} commune="29019" limit="5"></fs-site-locator>`);
    const select = $$(el, 'fieldset select').find((s) => s.closest('label')!.textContent!.includes('Service proposé')) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal([
      'Tous',
      'Point justice',
      'Cabine de téléconsultation',
      'Information jeunesse',
      'Conseiller numérique',
      'Accessible en fauteuil roulant',
      'Ordinateur et imprimante en libre-service',
      'Wi-Fi gratuit',
      'Partenaire local sur place',
    ]);
    select.focus();
    const searched = oneEvent(el, 'fs-site-search');
    await sendKeys({ press: 'ArrowDown' });
    expect(select.value).to.equal('point-justice');
    expect((await searched).detail.offer).to.equal('point-justice');
    // Other test files may publish point justice elsewhere (the search has no radius): the list is
    // the API's answer to the same search, the publishing site of Brest first.
    const expected = await sites('commune=29019&limit=5&offer=point-justice');
    const expectedIds = expected.items.map((s) => s.id);
    expect(expectedIds[0]).to.equal(PUBLISHING_SITE);
    expect(expected.items.every((s) => s.offers.includes('point-justice'))).to.equal(true);
    await until(
      () => !$(el, '[aria-busy="true"]') && JSON.stringify(results(el).map((r) => r.dataset.site)) === JSON.stringify(expectedIds),
      'the filtered results',
    );
    expect(new URL(window.location.href).searchParams.get('fsl-offer')).to.equal('point-justice');
    expect(text($(el, '.filters-toggle'))).to.equal('Affiner (1 filtre actif)');
    await expect(el).to.be.accessible();

    // A shared link opens with the filter chosen.
    const shared = await locator(html`<fs-site-locator api=${realApi()} commune="29019" limit="5"></fs-site-locator>`);
    const sharedSelect = $$(shared, 'fieldset select').find((s) =>
      s.closest('label')!.textContent!.includes('Service proposé'),
    ) as HTMLSelectElement;
    expect(sharedSelect.value).to.equal('point-justice');
  });

  it('keeps the sites where a local partner is known with the keyboard: « Partenaire local sur place », who in each result, kept in the URL; axe', async () => {
    await publishLocalPartner();
    const el = await locator(html`<fs-site-locator api=${realApi()} commune=${LOCAL_PARTNER_COMMUNE} limit="5"></fs-site-locator>`);
    const select = $$(el, 'fieldset select').find((s) => s.closest('label')!.textContent!.includes('Service proposé')) as HTMLSelectElement;
    select.focus();
    const searched = oneEvent(el, 'fs-site-search');
    // End: the last option (each arrow press would search again).
    await sendKeys({ press: 'End' });
    expect(select.value).to.equal('local-partner');
    expect(text(select.selectedOptions[0]!)).to.equal('Partenaire local sur place');
    expect((await searched).detail.offer).to.equal('local-partner');
    // The API's answer to the same search (other test files publish local partners elsewhere): Murat's site first.
    const expected = await sites(`commune=${LOCAL_PARTNER_COMMUNE}&limit=5&offer=local-partner`);
    const expectedIds = expected.items.map((s) => s.id);
    expect(expectedIds[0]).to.equal(LOCAL_PARTNER_SITE);
    expect(expected.items.every((s) => s.local_partners.length > 0)).to.equal(true);
    await until(
      () => !$(el, '[aria-busy="true"]') && JSON.stringify(results(el).map((r) => r.dataset.site)) === JSON.stringify(expectedIds),
      'the sites with a local partner',
    );
    expect(text($(el, `li.result[data-site="${LOCAL_PARTNER_SITE}"] .local-partners`))).to.equal(
      'Partenaire local : Mission locale du Cantal',
    );
    expect(new URL(window.location.href).searchParams.get('fsl-offer')).to.equal('local-partner');
    expect(text($(el, '.filters-toggle'))).to.equal('Affiner (1 filtre actif)');
    await expect(el).to.be.accessible();

    // A shared link opens with the filter chosen; a derived offer the filter does not offer is ignored.
    const shared = await locator(html`<fs-site-locator api=${realApi()} commune=${LOCAL_PARTNER_COMMUNE} limit="5"></fs-site-locator>`);
    expect(
      ($$(shared, 'fieldset select').find((s) => s.closest('label')!.textContent!.includes('Service proposé')) as HTMLSelectElement).value,
    ).to.equal('local-partner');
    const url = new URL(window.location.href);
    url.searchParams.set('fsl-offer', 'local-partner:emploi');
    window.history.replaceState(null, '', url);
    const themed = await locator(html`<fs-site-locator api=${realApi()} commune=${LOCAL_PARTNER_COMMUNE} limit="5"></fs-site-locator>`);
    expect(
      ($$(themed, 'fieldset select').find((s) => s.closest('label')!.textContent!.includes('Service proposé')) as HTMLSelectElement).value,
    ).to.equal('');
  });

  it('offers the filter only where filters= names it, and in English', async () => {
    const without = await locator(
      html`<fs-site-locator no-url-state api=${realApi()} commune="29019" limit="2" filters="open-now,kind"></fs-site-locator>`,
    );
    expect($$(without, 'fieldset select').some((s) => s.closest('label')!.textContent!.includes('Service proposé'))).to.equal(false);
    const english = await locator(
      html`<fs-site-locator lang="en" no-url-state api=${realApi()} commune="29019" limit="2" filters="offer"></fs-site-locator>`,
    );
    const label = $(english, 'fieldset label')!;
    expect(text(label)).to.match(/^Service offered All Legal help point \(point justice\)/);
    expect(text(label)).to.match(/Free Wi-Fi Local partner on site$/);
    await expect(english).to.be.accessible();
  });
});
