import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './commune-search.js';
import type { FsCommuneSearch } from './commune-search.component.js';
import type { FsPlaceSelectDetail } from './place-select-event.js';
import { clearOfflineCache, realApi, setNetwork, shadowText, until } from '../../../../test-support/component-test-env.js';

const input = (el: FsCommuneSearch) => el.shadowRoot!.querySelector('input')!;
const options = (el: FsCommuneSearch) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
const status = (el: FsCommuneSearch) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();

/** Types `query` in the field from the keyboard and waits for the list of suggestions. */
async function typeAndWait(el: FsCommuneSearch, query: string): Promise<void> {
  input(el).focus();
  await sendKeys({ type: query });
  await until(() => input(el).getAttribute('aria-expanded') === 'true' && status(el) !== '', `the suggestions for "${query}"`);
}

describe('<fs-commune-search>', () => {
  beforeEach(async () => {
    await setNetwork('up');
    await clearOfflineCache();
  });

  describe('communes of the same name', () => {
    it('are told apart by their département or territory, in the list and in what is announced', async () => {
      const el = await fixture<FsCommuneSearch>(html`<fs-commune-search api=${realApi()}></fs-commune-search>`);
      await typeAndWait(el, 'Saint-Denis');
      const labels = options(el).map(text);
      expect(labels[0]).to.equal('Saint-Denis (La Réunion) 97400, 97417, 97490');
      expect(labels[1]).to.equal('Saint-Denis (Seine-Saint-Denis) 93200, 93210, 93380');
      expect(labels[2]).to.match(/^Saint-Denis \(Aude\) /);
      expect(labels[3]).to.match(/^Saint-Denis \(Gard\) /);
      // A name no other commune has stays as it is.
      expect(labels[4]).to.match(/^Saint-Denis-en-Val /);
      expect(status(el)).to.equal('8 suggestions. Flèches haut et bas pour choisir.');
      await expect(el).to.be.accessible();

      // The option made active (what a screen reader reads) names its département.
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      const active = el.shadowRoot!.getElementById(input(el).getAttribute('aria-activedescendant')!)!;
      expect(text(active)).to.contain('Saint-Denis (Seine-Saint-Denis)');
      expect(active.getAttribute('aria-selected')).to.equal('true');
    });

    it('chosen with the keyboard, the field shows the label and the event gives it, with the commune', async () => {
      const el = await fixture<FsCommuneSearch>(html`<fs-commune-search api=${realApi()}></fs-commune-search>`);
      await typeAndWait(el, 'Saint-Denis');
      const chosen = new Promise<FsPlaceSelectDetail>((resolve) =>
        el.addEventListener('fs-place-select', (e) => resolve(e.detail), { once: true }),
      );
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      const detail = await chosen;
      expect(detail.label).to.equal('Saint-Denis (La Réunion)');
      expect(detail.name).to.equal('Saint-Denis');
      expect(detail.commune!.insee).to.equal('97411');
      await el.updateComplete;
      expect(input(el).value).to.equal('Saint-Denis (La Réunion)');
      expect(el.commune).to.equal('97411');
      expect(input(el).getAttribute('aria-expanded')).to.equal('false');
      await expect(el).to.be.accessible();
    });

    it('"Saint Denis Réunion" has Saint-Denis of La Réunion first (in English too)', async () => {
      const el = await fixture<FsCommuneSearch>(html`<fs-commune-search api=${realApi()} lang="en"></fs-commune-search>`);
      await until(() => !el.hasAttribute('data-fs-locale-pending') && shadowText(el).includes('Town or postcode'), 'the English texts');
      await typeAndWait(el, 'Saint Denis Réunion');
      expect(text(options(el)[0]!)).to.match(/^Saint-Denis \(La Réunion\) /);
      expect(status(el)).to.match(/^\d+ suggestions?\./);
    });
  });

  describe('typos', () => {
    it('"Mnde" suggests Mende, "Nanteuil en valée" Nanteuil-en-Vallée', async () => {
      const el = await fixture<FsCommuneSearch>(html`<fs-commune-search api=${realApi()}></fs-commune-search>`);
      await typeAndWait(el, 'Mnde');
      expect(text(options(el)[0]!)).to.equal('Mende 48000');
      input(el).select();
      await sendKeys({ press: 'Backspace' });
      await typeAndWait(el, 'Nanteuil en valée');
      expect(text(options(el)[0]!)).to.equal('Nanteuil-en-Vallée 16700');
      expect(status(el)).to.equal('1 suggestion. Flèche bas pour la choisir.');
      await expect(el).to.be.accessible();
    });
  });

  describe('a commune given by its code', () => {
    it('shows its label in the field: commune="48095" is Mende', async () => {
      const el = await fixture<FsCommuneSearch>(html`<fs-commune-search api=${realApi()} commune="48095"></fs-commune-search>`);
      await until(() => input(el).value !== '', 'the commune’s label');
      expect(input(el).value).to.equal('Mende');
      expect(el.value).to.equal('Mende');
      expect(el.commune).to.equal('48095');
      await expect(el).to.be.accessible();
    });

    it('with its département where the name is shared, and changed by the property without an event', async () => {
      const el = await fixture<FsCommuneSearch>(html`<fs-commune-search api=${realApi()} commune="97411"></fs-commune-search>`);
      let events = 0;
      el.addEventListener('fs-place-select', () => events++);
      await until(() => input(el).value !== '', 'the commune’s label');
      expect(input(el).value).to.equal('Saint-Denis (La Réunion)');
      el.commune = '93066';
      await until(() => input(el).value === 'Saint-Denis (Seine-Saint-Denis)', 'the other Saint-Denis');
      // A change made by the page is not the person's choice: no fs-place-select.
      expect(events).to.equal(0);
    });

    it('typing in the field forgets it; an unknown code leaves the field as it is', async () => {
      const el = await fixture<FsCommuneSearch>(html`<fs-commune-search api=${realApi()} commune="48095"></fs-commune-search>`);
      await until(() => input(el).value === 'Mende', 'the commune’s label');
      input(el).focus();
      await sendKeys({ press: 'End' });
      await sendKeys({ press: 'Backspace' });
      expect(el.commune).to.equal('');
      expect(input(el).value).to.equal('Mend');

      // The server's answer to an unknown code (a 404) is awaited, then the field is still empty.
      const original = window.fetch;
      const answered = new Promise<number>((resolve) => {
        window.fetch = async (...args: Parameters<typeof fetch>) => {
          const response = await original(...args);
          if (String(args[0] instanceof Request ? args[0].url : args[0]).endsWith('/communes/00000')) resolve(response.status);
          return response;
        };
      });
      try {
        const unknown = await fixture<FsCommuneSearch>(html`<fs-commune-search api=${realApi()} commune="00000"></fs-commune-search>`);
        expect(await answered).to.equal(404);
        await unknown.updateComplete;
        expect(input(unknown).value).to.equal('');
        expect(unknown.commune).to.equal('00000');
        await expect(unknown).to.be.accessible();
      } finally {
        window.fetch = original;
      }
    });
  });
});
