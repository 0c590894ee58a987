import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ActInput, FeedbackInput, KeyFigures, Rating } from '@fs-widgets/contract';
import { newIdempotencyKey, responseCache } from '@fs-widgets/core';
import './key-figures.js';
import type { FsKeyFigures } from './key-figures.component.js';
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

const $ = (el: FsKeyFigures, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const settled = (el: FsKeyFigures) => () => !$(el, '[aria-busy="true"]');
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const figure = (el: FsKeyFigures, name: string) => text($(el, `[part="figure"][data-figure="${name}"]`));
/** As shown, white space collapsed as `text` does (French puts a narrow no-break space before %). */
const percent = (share: number, locale = 'fr-FR') =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share).replace(/\s+/g, ' ');

/** Sites written to by this file only: above the minimum, below it, and without any activity. */
const BUSY = '1500';
const QUIET = '1501';
const EMPTY = '1502';

/** Today in Paris, as the server dates the period: "27 novembre 2026". */
const todayInParis = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
const longDate = (day: string, locale: string, withYear = true) =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );

async function agentToken(site: string): Promise<string> {
  const res = await fetch(`/__test/agent-token?site=${site}`);
  return ((await res.json()) as { token: string }).token;
}

async function postActs(site: string, outcomes: Array<ActInput['outcome']>) {
  const token = await agentToken(site);
  for (const outcome of outcomes) {
    const body: ActInput = {
      key: newIdempotencyKey(),
      site_id: site,
      partner: 'caf',
      theme: 'logement',
      outcome,
      ...(outcome === 'referred' ? { referred_to: 'msa' as const } : {}),
      channel: 'counter',
      acted_at: new Date().toISOString(),
    };
    const res = await fetch(`${realApi()}/acts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    expect(res.status).to.equal(201);
  }
}

async function postAnswers(site: string, ratings: Rating[]) {
  for (const rating of ratings) {
    const body: FeedbackInput = {
      key: newIdempotencyKey(),
      site_id: site,
      rating,
      channel: 'kiosk',
      answered_at: new Date().toISOString(),
    };
    const res = await fetch(`${realApi()}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).to.equal(201);
  }
}

async function keyFigures(template: ReturnType<typeof html>) {
  const el = await fixture<FsKeyFigures>(template);
  await until(settled(el), 'the figures');
  await el.updateComplete;
  return el;
}

/** Every loaded state: the period of the current year and the source. */
function expectPeriodAndSource(el: FsKeyFigures) {
  const period = text($(el, '[part="period"]'));
  expect(period).to.contain(
    `Du 1er janvier au ${longDate(todayInParis(), 'fr-FR')} — source : France services widgets, données des agents`,
  );
}

describe('<fs-key-figures>', () => {
  before(async () => {
    // BUSY: 30 acts, 21 solved at the first visit; 30 answers, 24 satisfied. QUIET: 5 acts, 4 answers.
    await postActs(BUSY, [...Array(21).fill('solved'), ...Array(6).fill('referred'), ...Array(3).fill('follow-up')]);
    await postAnswers(BUSY, [...Array(14).fill('very-satisfied'), ...Array(10).fill('satisfied'), ...Array(6).fill('dissatisfied')]);
    await postActs(QUIET, ['solved', 'solved', 'referred', 'solved', 'follow-up']);
    await postAnswers(QUIET, ['satisfied', 'very-satisfied', 'dissatisfied', 'satisfied']);
  });

  beforeEach(async () => {
    await setNetwork('up');
    await clearOfflineCache();
  });

  it('is registered and reflects its attributes', async () => {
    const el = await keyFigures(html`<fs-key-figures api=${pendingApi}></fs-key-figures>`);
    expect(el).to.be.instanceOf(customElements.get('fs-key-figures')!);
    expect([el.siteId, el.year, el.headingLevel]).to.deep.equal(['', '', 2]);
    el.siteId = BUSY;
    el.year = '2025';
    el.headingLevel = 1;
    await el.updateComplete;
    expect(el.getAttribute('site-id')).to.equal(BUSY);
    expect(el.getAttribute('year')).to.equal('2025');
    expect(el.headingLevel).to.equal(2);
  });

  it('the network: its France services and, apart, their antennas, requests handled, both rates, the period and the sources; passes axe', async () => {
    const el = await keyFigures(html`<fs-key-figures api=${realApi()} heading-level="3"></fs-key-figures>`);
    const res = (await (await fetch(`${realApi()}/stats/key-figures`)).json()) as KeyFigures;
    expect(text($(el, '[part="title"]'))).to.equal('France services en chiffres');
    expect($(el, '[part="title"]')!.getAttribute('aria-level')).to.equal('3');
    // 2,845 rows in the list: 2,721 France services and 124 antennas (extra sites of one France services).
    expect([res.sites, res.main_sites, res.antennas]).to.deep.equal([2845, 2721, 124]);
    expect(figure(el, 'sites')).to.equal('2 721 France services et 124 antennes');
    expect(figure(el, 'acts')).to.equal(
      `${new Intl.NumberFormat('fr-FR').format(res.acts).replace(/\s+/g, ' ')} demande${res.acts === 1 ? '' : 's'} traitée${res.acts === 1 ? '' : 's'}`,
    );
    expect(figure(el, 'first-visit')).to.equal(`${percent(res.first_visit_share!)} des demandes résolues dès la première visite`);
    expect(figure(el, 'satisfaction')).to.contain(`${percent(res.satisfaction.satisfied_share!)} des usagers satisfaits`);
    expectPeriodAndSource(el);
    expect(text($(el, '[part="period"]'))).to.contain(
      'Nombre de France services : ANCT — Liste des structures France services, 01/08/2024.',
    );
    await expect(el).to.be.accessible();
  });

  it('a site above the minimum: its name, its rates, the number of answers, the period and the source; passes axe', async () => {
    const el = await keyFigures(html`<fs-key-figures api=${realApi()} site-id=${BUSY}></fs-key-figures>`);
    await until(() => text($(el, '[part="title"]')).includes('Tardets'), 'the site’s name');
    expect(text($(el, '[part="title"]'))).to.equal('France services Tardets-Sorholus en chiffres');
    expect($(el, '[data-figure="sites"]')).to.equal(null);
    expect(figure(el, 'acts')).to.equal('30 demandes traitées');
    expect(figure(el, 'first-visit')).to.equal(`${percent(0.7)} des demandes résolues dès la première visite`);
    expect(figure(el, 'satisfaction')).to.equal(`${percent(0.8)} des usagers satisfaits sur 30 avis`);
    expect(shadowText(el)).to.not.contain('pas encore assez');
    expectPeriodAndSource(el);
    expect(text($(el, '[part="period"]'))).to.not.contain('ANCT');
    await expect(el).to.be.accessible();
  });

  it('a site below the minimum: the count, and "pas encore assez de réponses" for each rate; passes axe', async () => {
    const el = await keyFigures(html`<fs-key-figures api=${realApi()} site-id=${QUIET}></fs-key-figures>`);
    expect(figure(el, 'acts')).to.equal('5 demandes traitées');
    expect(figure(el, 'first-visit')).to.equal('Résolution dès la première visite pas encore assez de réponses');
    expect(figure(el, 'satisfaction')).to.equal('Satisfaction des usagers pas encore assez de réponses');
    expect($(el, '[data-figure="first-visit"] [part="value"]')).to.equal(null);
    expect(shadowText(el)).to.contain('Un taux n’est publié qu’à partir de 30 réponses.');
    expectPeriodAndSource(el);
    await expect(el).to.be.accessible();
  });

  it('a site without activity (empty): says so, with the period and the source; passes axe', async () => {
    const el = await keyFigures(html`<fs-key-figures api=${realApi()} site-id=${EMPTY}></fs-key-figures>`);
    expect(text($(el, '[part="message"]'))).to.equal('Pas encore de demande ni d’avis enregistré sur cette période.');
    expect($(el, '[part="figures"]')).to.equal(null);
    expectPeriodAndSource(el);
    await expect(el).to.be.accessible();
  });

  it('a past year: the whole year', async () => {
    const year = Number(todayInParis().slice(0, 4)) - 1;
    const el = await keyFigures(html`<fs-key-figures api=${realApi()} site-id=${BUSY} year=${String(year)}></fs-key-figures>`);
    expect(text($(el, '[part="period"]'))).to.contain(`Du 1er janvier au 31 décembre ${year} — source :`);
    expect(text($(el, '[part="message"]'))).to.contain('Pas encore de demande');
  });

  it('in English: the figures, "not enough answers yet", the period and the source', async () => {
    const el = await fixture<FsKeyFigures>(html`<fs-key-figures lang="en" api=${realApi()} site-id=${QUIET}></fs-key-figures>`);
    await until(
      () => settled(el)() && !el.hasAttribute('data-fs-locale-pending') && text($(el, '[part="title"]')).includes('Nay'),
      'English',
    );
    await el.updateComplete;
    expect(text($(el, '[part="title"]'))).to.equal('France services de Nay in figures');
    expect(figure(el, 'acts')).to.equal('5 requests handled');
    expect(figure(el, 'satisfaction')).to.equal('User satisfaction not enough answers yet');
    expect(text($(el, '[part="period"]'))).to.contain(
      `From 1 January to ${longDate(todayInParis(), 'en-GB')} — source: France services widgets`,
    );
    await expect(el).to.be.accessible();
  });

  it('in English, the network: the France services and, apart, their satellite sites', async () => {
    const el = await fixture<FsKeyFigures>(html`<fs-key-figures lang="en" api=${realApi()}></fs-key-figures>`);
    await until(
      () => settled(el)() && !el.hasAttribute('data-fs-locale-pending') && text($(el, '[part="title"]')) === 'France services in figures',
      'English',
    );
    await el.updateComplete;
    expect(figure(el, 'sites')).to.equal('2,721 France services and 124 satellite sites (antennes)');
  });

  describe('states', () => {
    it('loading: the title and a spoken "Chargement…"; passes axe', async () => {
      const el = await fixture<FsKeyFigures>(html`<fs-key-figures api=${pendingApi}></fs-key-figures>`);
      expect($(el, '[aria-busy="true"]')).to.not.equal(null);
      expect(shadowText(el)).to.contain('France services en chiffres');
      expect(shadowText(el)).to.contain('Chargement…');
      await expect(el).to.be.accessible();
    });

    it('an unknown site (404) and a year not available (400 naming year) say so; pass axe', async () => {
      const unknown = await keyFigures(html`<fs-key-figures api=${realApi()} site-id="999999"></fs-key-figures>`);
      expect(text($(unknown, '[part="message"]'))).to.contain('Aucune France services ne porte l’identifiant « 999999 »');
      await expect(unknown).to.be.accessible();
      const future = await keyFigures(html`<fs-key-figures api=${realApi()} year="2999"></fs-key-figures>`);
      expect(text($(future, '[part="message"]'))).to.contain('L’année « 2999 » n’est pas disponible');
      await expect(future).to.be.accessible();
    });

    it('the service does not answer: says so; the retry is reached with Tab, with a visible focus; passes axe', async () => {
      const el = await keyFigures(html`<fs-key-figures api=${unavailableApi}></fs-key-figures>`);
      expect(shadowText(el)).to.contain('Le service ne répond pas');
      await expect(el).to.be.accessible();
      const before = document.createElement('button');
      before.textContent = 'avant';
      el.before(before);
      before.focus();
      await sendKeys({ press: 'Tab' });
      const focused = el.shadowRoot!.activeElement as HTMLElement;
      expect(focused.getAttribute('part')).to.equal('retry');
      expect(getComputedStyle(focused).outlineStyle).to.equal('solid');
      expect(parseFloat(getComputedStyle(focused).outlineWidth)).to.be.at.least(2);
      before.remove();
    });

    it('offline with a saved copy: the figures with a notice, the period and the source; passes axe', async () => {
      await keyFigures(html`<fs-key-figures api=${proxiedApi} site-id=${BUSY}></fs-key-figures>`);
      const url = new URL(`${proxiedApi}/stats/key-figures?site=${BUSY}`, document.baseURI).href;
      let saved = false;
      await until(() => {
        void responseCache.get(url).then((hit) => (saved = !!hit));
        return saved;
      }, 'the offline copy to be saved');
      await setNetwork('down');
      const el = await fixture<FsKeyFigures>(html`<fs-key-figures api=${proxiedApi} site-id=${BUSY}></fs-key-figures>`);
      await until(() => !!$(el, '[part="notice"]'), 'the offline notice');
      expect(text($(el, '[part="notice"]'))).to.contain('Vous êtes hors ligne');
      expect(figure(el, 'acts')).to.equal('30 demandes traitées');
      expectPeriodAndSource(el);
      await expect(el).to.be.accessible();
    });

    it('offline with nothing saved: says so, and loads once back online', async () => {
      await setNetwork('down');
      const el = await keyFigures(html`<fs-key-figures api=${proxiedApi} site-id=${QUIET}></fs-key-figures>`);
      await until(() => shadowText(el).includes('pas encore enregistrées'), 'the offline state');
      await expect(el).to.be.accessible();
      await setNetwork('up');
      $(el, 'button[part="retry"]')!.click();
      await until(() => !!$(el, '[part="figures"]'), 'the figures after retry');
      expect(figure(el, 'acts')).to.equal('5 demandes traitées');
    });
  });
});
