import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Site } from '@fs-widgets/contract';
import './site-card.js';
import type { FsSiteCard } from './site-card.component.js';
import { clearOfflineCache, realApi, setNetwork, until } from '../../../../test-support/component-test-env.js';
import {
  LOCAL_PARTNER_SITE,
  localDate,
  PUBLISHING_SITE,
  publishLocalPartner,
  publishSiteNews,
} from '../../../../test-support/site-publication.js';

/**
 * What a site publishes itself (issue 16) on its card, published for real by an agent's token
 * on the run's server: a closure today, exceptional hours and a closure to come, offers, the
 * verification; a bus's stops with their next sessions (the Ruffecois bus, 2023).
 */
const $ = (el: FsSiteCard, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: FsSiteCard, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function card(template: ReturnType<typeof html>) {
  const el = await fixture<FsSiteCard>(template);
  await until(() => !el.shadowRoot!.querySelector('[aria-busy="true"]') && !!$(el, '[part="name"]'), 'the card to load');
  await until(() => !el.hasAttribute('data-fs-locale-pending'), 'the texts of its language');
  await el.updateComplete;
  return el;
}

/** « 24 décembre », « 1er janvier »: how the card writes a date of the next weeks. */
const dayMonth = (date: string, locale = 'fr-FR') => {
  const t = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
  return locale === 'fr-FR' ? t.replace(/^1 /, '1er ') : t;
};

describe('<fs-site-card>: what the site publishes itself', () => {
  before(async () => {
    await publishSiteNews();
  });

  beforeEach(async () => {
    await setNetwork('up');
    await clearOfflineCache();
  });

  it('a closure today: « Fermé exceptionnellement aujourd’hui (congés) », when it reopens, the day’s cell, the closures to come; axe', async () => {
    const el = await card(html`<fs-site-card api=${realApi()} site-id=${PUBLISHING_SITE}></fs-site-card>`);
    const status = text($(el, '[part="status"]'));
    expect(status).to.match(
      /^Fermé exceptionnellement aujourd’hui \(congés\) — réouverture (demain|le \p{L}+ \d{1,2}(er)? \p{L}+) à 9 h$/u,
    );
    expect($(el, '.badge')!.textContent).to.equal('Fermé exceptionnellement');
    const todayRow = $$(el, 'tbody tr')[0]!;
    expect(todayRow.getAttribute('aria-current')).to.equal('date');
    expect(text(todayRow.querySelector('td'))).to.equal('Fermé exceptionnellement (congés)');

    const upcoming = $$(el, '[part="exceptions"] li').map(text);
    expect(upcoming).to.deep.equal([
      'Fermé exceptionnellement aujourd’hui (congés)',
      `Horaires exceptionnels le ${dayMonth(localDate('Europe/Paris', 10))} : 9 h – 12 h (veille de fête)`,
      `Fermé exceptionnellement du ${dayMonth(localDate('Europe/Paris', 20))} au ${dayMonth(localDate('Europe/Paris', 27))} (formation)`,
    ]);
    // The closures come before the details: a visitor planning a trip reads them first.
    expect(
      $(el, '[part="exceptions"]')!.compareDocumentPosition($(el, '[part="details"]')!) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).to.not.equal(0);
    await expect(el).to.be.accessible();
  });

  it('offers and « Informations vérifiées le … » (the day in the site’s time zone); no verified line for a site never checked', async () => {
    const el = await card(html`<fs-site-card api=${realApi()} site-id=${PUBLISHING_SITE}></fs-site-card>`);
    expect($$(el, '[part="offers"] li').map(text)).to.deep.equal(['Point justice', 'Accessible en fauteuil roulant', 'Wi-Fi gratuit']);
    const site = (await (await fetch(`${realApi()}/sites/${PUBLISHING_SITE}`)).json()) as Site;
    const checked = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: site.time_zone })
      .format(new Date(site.verified_at!))
      .replace(/^1 /, '1er ');
    expect(text($(el, '[part="verified"]'))).to.equal(`Informations vérifiées le ${checked}`);

    const mende = await card(html`<fs-site-card api=${realApi()} site-id="2983"></fs-site-card>`);
    expect($(mende, '[part="verified"]')).to.equal(null);
    // No typed offer (the poster's test file may have published a local partner of Mende's).
    expect($$(mende, '[part="offers"] li[data-offer]')).to.have.length(0);
    expect($(mende, '[part="exceptions"]')).to.equal(null);
  });

  it('a permanence held in another commune: where, the partner by name with the note, its next Tuesdays; axe', async () => {
    const site = (await (await fetch(`${realApi()}/sites/${PUBLISHING_SITE}`)).json()) as Site;
    const stop = site.stops.find((s) => s.address.commune === 'Gouesnou')!;
    const el = await card(html`<fs-site-card api=${realApi()} site-id=${PUBLISHING_SITE}></fs-site-card>`);
    expect(text($(el, '#stops-title'))).to.equal('Permanences dans d’autres communes');
    const li = $(el, `[part="stops"] li[data-stop="${stop.id}"]`)!;
    expect(text(li.querySelector('strong'))).to.equal('Gouesnou');
    await until(() => text(li.querySelector('.offer')).includes('CAF'), 'the partner’s name from the directory');
    expect(text(li.querySelector('.offer'))).to.equal('Permanence d’un partenaire : CAF — Sur rendez-vous');
    expect(li.querySelectorAll('ul.next li')).to.have.length(new Set(stop.next.map((s) => s.date)).size);
    expect(text(li.querySelector('ul.next li'))).to.match(/9 h – 12 h$/);
    await expect(el).to.be.accessible();
  });

  it('its local partners under « Sur place aussi »: the name linking to their website, what they help with; keyboard; axe', async () => {
    const partner = await publishLocalPartner();
    const el = await card(html`<fs-site-card api=${realApi()} site-id=${LOCAL_PARTNER_SITE}></fs-site-card>`);
    expect(text($(el, '#offers-title'))).to.equal('Sur place aussi');
    const li = $(el, `[part="offers"] li[data-local-partner="${partner.id}"]`)!;
    // The theme's label comes from the partner directory (`GET /directory`).
    await until(() => text(li).includes('pour'), 'the theme from the directory');
    expect(text(li)).to.equal('Mission locale du Cantal, partenaire local pour : Emploi et chômage');
    const link = li.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal(partner.website);
    expect(link.getAttribute('aria-label')).to.equal('Mission locale du Cantal, site internet du partenaire');
    // Reached with the keyboard alone, after the site's own phone and e-mail links.
    const focusable = el.shadowRoot!.querySelectorAll('a[href], button').length;
    for (let i = 0; i <= focusable && el.shadowRoot!.activeElement !== link; i++) await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(link);
    await expect(el).to.be.accessible();

    const english = await card(html`<fs-site-card lang="en" api=${realApi()} site-id=${LOCAL_PARTNER_SITE}></fs-site-card>`);
    const englishLi = $(english, `[part="offers"] li[data-local-partner="${partner.id}"]`)!;
    await until(() => text(englishLi).includes('for:'), 'the theme from the directory');
    expect(text($(english, '#offers-title'))).to.equal('Also on site');
    expect(text(englishLi)).to.equal('Mission locale du Cantal, local partner for: Work and unemployment');
    expect(englishLi.querySelector('a')!.getAttribute('aria-label')).to.equal('Mission locale du Cantal, the partner’s website');
    await expect(english).to.be.accessible();
  });

  it('in English', async () => {
    const el = await card(html`<fs-site-card lang="en" api=${realApi()} site-id=${PUBLISHING_SITE}></fs-site-card>`);
    expect(text($(el, '[part="status"]'))).to.match(
      /^Exceptionally closed today \(congés\) — reopens (tomorrow|on \p{L}+ \d{1,2} \p{L}+) at 9 am$/u,
    );
    expect($$(el, '[part="exceptions"] li').map(text)[1]).to.equal(
      `Exceptional hours on ${dayMonth(localDate('Europe/Paris', 10), 'en-GB')}: 9 am – 12 pm (veille de fête)`,
    );
    expect($$(el, '[part="offers"] li').map(text)).to.deep.equal([
      'Legal help point (point justice)',
      'Wheelchair accessible',
      'Free Wi-Fi',
    ]);
    expect(text($(el, '[part="verified"]'))).to.match(/^Information checked on \d{1,2} \p{L}+ \d{4}$/u);
    await expect(el).to.be.accessible();
  });

  it('a bus lists its stops, what is offered there and their next sessions as the server computed them; none planned said plainly; axe', async () => {
    const bus = (await (await fetch(`${realApi()}/sites/2023`)).json()) as Site;
    const el = await card(html`<fs-site-card api=${realApi()} site-id="2023"></fs-site-card>`);
    expect(text($(el, '#stops-title'))).to.equal('Lieux et jours de passage');
    const items = $$(el, '[part="stops"] > ul > li');
    expect(items.map((li) => li.dataset.stop)).to.deep.equal(bus.stops.map((stop) => stop.id));
    for (const [i, stop] of bus.stops.entries()) {
      const li = items[i]!;
      expect(text(li.querySelector('strong'))).to.equal(stop.address.commune);
      expect(text(li.querySelector('.offer'))).to.equal('Toute l’offre France services');
      // One line per day: the morning and the afternoon at one place together.
      const days = new Set(stop.next.map((s) => s.date));
      if (days.size === 0) expect(text(li.querySelector('.none'))).to.equal('Aucun passage prévu dans les 4 prochaines semaines');
      else expect(li.querySelectorAll('ul.next li')).to.have.length(days.size);
    }
    // Tusson's next day, with both its sessions.
    const tusson = bus.stops.find((stop) => stop.address.commune === 'Tusson')!;
    const first = tusson.next.filter((s) => s.date === tusson.next[0]!.date);
    const hours = first.map((s) => `${s.opens.replace(/^0/, '').replace(':00', ' h').replace(':', ' h ')}`);
    expect(text(items[bus.stops.indexOf(tusson)]!.querySelector('ul.next li'))).to.contain(hours[0]!);
    await expect(el).to.be.accessible();
  });

  it('is read with the keyboard alone: Tab reaches the phone link past the closures, focus visible', async () => {
    const el = await card(html`<fs-site-card api=${realApi()} site-id=${PUBLISHING_SITE}></fs-site-card>`);
    const before = document.createElement('button');
    before.textContent = 'avant';
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    const active = el.shadowRoot!.activeElement as HTMLElement;
    expect(active.tagName).to.equal('A');
    expect(active.getAttribute('href')).to.match(/^tel:/);
    expect(getComputedStyle(active).outlineStyle).to.not.equal('none');
    before.remove();
  });
});
