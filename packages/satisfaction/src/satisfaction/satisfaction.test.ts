import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SatisfactionStats } from '@fs-widgets/contract';
import './satisfaction.js';
import type { FsSatisfaction } from './satisfaction.component.js';
import { proxiedApi, realApi, setNetwork, shadowText, until } from '../../../../test-support/component-test-env.js';

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

/** The public statistics of a site, from the real server (what the answers added up to). */
async function stats(site: string): Promise<SatisfactionStats> {
  const res = await fetch(`${realApi()}/stats/satisfaction?site=${site}&_=${Math.random()}`, { cache: 'no-store' });
  return res.json();
}

/** A different real site per test, so counts start from a known value. */
let nextSite = 0;
const SITES = ['271', '272', '273', '274', '899', '900', '901', '902', '903', '904', '905', '1925', '2004', '2005', '2006'];
const freshSite = () => SITES[nextSite++ % SITES.length]!;

describe('<fs-satisfaction>', () => {
  beforeEach(() => setNetwork('up'));

  it('says it is not configured without a site, and passes axe', async () => {
    const el = await fixture<FsSatisfaction>(html`<fs-satisfaction api=${realApi()}></fs-satisfaction>`);
    expect(shadowText(el)).to.contain('Avis non configuré');
    await expect(el).to.be.accessible();
  });

  describe('inline (a web page)', () => {
    it('asks with four levels in words, sends with the keyboard only, thanks, and counts the answer once; axe in each state', async () => {
      const site = freshSite();
      const before = (await stats(site)).count;
      const el = await fixture<FsSatisfaction>(html`<fs-satisfaction api=${realApi()} site-id=${site}></fs-satisfaction>`);
      expect(el.mode).to.equal('inline');
      expect($$(el, 'input[name="rating"]').map((i) => (i.closest('label') as HTMLElement).textContent!.trim())).to.deep.equal([
        'Très satisfait',
        'Satisfait',
        'Peu satisfait',
        'Pas satisfait',
      ]);
      await expect(el).to.be.accessible();

      // Sending without an answer says what to do, and puts the focus on the scale.
      ($(el, 'button[type="submit"]') as HTMLButtonElement).focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect($(el, '.error')!.textContent).to.contain('Choisissez d’abord une réponse');
      expect(el.shadowRoot!.activeElement).to.equal($$(el, 'input[name="rating"]')[0]);
      await expect(el).to.be.accessible();

      // Arrow keys move in the radio group: Très satisfait → Satisfait.
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(($$(el, 'input[name="rating"]')[1] as HTMLInputElement).checked).to.equal(true);
      await sendKeys({ press: 'Tab' });
      const submitted = oneEvent(el, 'fs-feedback-submit');
      await sendKeys({ press: 'Enter' });
      const detail = (await submitted).detail;
      expect(detail).to.include({ rating: 'satisfied', channel: 'web' });
      expect(detail.key).to.match(/^[A-Za-z0-9_-]{16,64}$/);
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Merci pour votre avis');
      await expect(el).to.be.accessible();
      let after = before;
      await until(() => {
        void stats(site).then((s) => (after = s.count));
        return after === before + 1;
      }, 'the answer on the server');
      expect((await stats(site)).distribution.satisfied).to.be.at.least(1);
    });

    it('asks the follow-ups when told to, and the comment is limited and warns about personal data', async () => {
      const site = freshSite();
      const el = await fixture<FsSatisfaction>(
        html`<fs-satisfaction api=${realApi()} site-id=${site} ask-resolved ask-comment></fs-satisfaction>`,
      );
      expect(shadowText(el)).to.contain('Votre demande a-t-elle été résolue ?');
      expect(shadowText(el)).to.contain('N’écrivez ni votre nom');
      expect($(el, 'textarea')!.getAttribute('maxlength')).to.equal('500');
      await expect(el).to.be.accessible();
      ($$(el, 'input[name="rating"]')[0] as HTMLInputElement).click();
      ($$(el, 'input[name="resolved"]')[1] as HTMLInputElement).click();
      const area = $(el, 'textarea') as HTMLTextAreaElement;
      area.focus();
      await sendKeys({ type: 'Très bon accueil' });
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Il reste 484 caractères');
      $(el, 'button[type="submit"]')!.click();
      await until(() => shadowText(el).includes('Merci'), 'the thanks');
      let resolved = 0;
      await until(() => {
        void stats(site).then((s) => (resolved = s.resolved.partly));
        return resolved >= 1;
      }, 'the resolution counted');
    });

    it('speaks English with lang="en"', async () => {
      const el = await fixture<FsSatisfaction>(html`<fs-satisfaction lang="en" api=${realApi()} site-id="2983"></fs-satisfaction>`);
      await until(() => !el.hasAttribute('data-fs-locale-pending'), 'English');
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Are you satisfied');
      expect(shadowText(el)).to.contain('Not very satisfied');
      await expect(el).to.be.accessible();
    });
  });

  describe('kiosk (a counter tablet)', () => {
    it('one large press per answer, thanks, then back to the question showing nothing of it; axe', async () => {
      const site = freshSite();
      const before = (await stats(site)).count;
      const el = await fixture<FsSatisfaction>(
        html`<fs-satisfaction mode="kiosk" api=${realApi()} site-id=${site} thanks-duration="1"></fs-satisfaction>`,
      );
      const buttons = $$(el, '.scale button');
      expect(buttons).to.have.length(4);
      expect(buttons[0]!.getBoundingClientRect().height).to.be.at.least(100);
      await expect(el).to.be.accessible();
      buttons[3]!.click();
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Merci');
      expect(shadowText(el)).not.to.contain('Pas satisfait');
      await expect(el).to.be.accessible();
      await until(() => !!$(el, '.scale'), 'back to the question', 4000);
      expect($$(el, '[aria-pressed="true"], input:checked')).to.have.length(0);
      let after = before;
      await until(() => {
        void stats(site).then((s) => (after = s.count));
        return after === before + 1;
      }, 'the answer on the server');
    });

    it('ignores a second press within the guard interval (a double tap counts once)', async () => {
      const site = freshSite();
      const before = (await stats(site)).count;
      const el = await fixture<FsSatisfaction>(
        html`<fs-satisfaction mode="kiosk" api=${realApi()} site-id=${site} press-guard="2000" thanks-duration="0.2"></fs-satisfaction>`,
      );
      $$(el, '.scale button')[0]!.click();
      await new Promise((r) => setTimeout(r, 250)); // back to the question, within the guard
      await until(() => !!$(el, '.scale'), 'the question again');
      $$(el, '.scale button')[0]!.click();
      await el.updateComplete;
      expect($(el, '.scale')).to.exist; // the second press did nothing
      await new Promise((r) => setTimeout(r, 500));
      expect((await stats(site)).count).to.equal(before + 1);
    });

    it('after a rating, a person who walks away still counts, and the screen resets after the idle time', async () => {
      const site = freshSite();
      const before = (await stats(site)).count;
      const el = await fixture<FsSatisfaction>(
        html`<fs-satisfaction mode="kiosk" api=${realApi()} site-id=${site} ask-resolved idle-timeout="1" thanks-duration="1"></fs-satisfaction>`,
      );
      $$(el, '.scale button')[1]!.click();
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Votre demande a-t-elle été résolue ?');
      await expect(el).to.be.accessible();
      await until(() => shadowText(el).includes('Merci'), 'the idle submit', 3000);
      await until(() => !!$(el, '.scale'), 'back to the question', 3000);
      let after = before;
      await until(() => {
        void stats(site).then((s) => (after = s.count));
        return after === before + 1;
      }, 'the answer on the server');
    });

    it('keeps answers given while the server is unreachable, across a page reload, and sends each once when it is back', async () => {
      const site = freshSite();
      const before = (await stats(site)).count;
      await setNetwork('down');
      const frame = document.createElement('iframe');
      frame.src = `/test-support/pages/satisfaction.html?site=${site}&api=${encodeURIComponent(proxiedApi)}`;
      frame.style.width = '900px';
      frame.style.height = '700px';
      document.body.append(frame);
      const kiosk = () => frame.contentDocument?.querySelector('fs-satisfaction') as FsSatisfaction | null;
      await until(() => !!kiosk()?.shadowRoot?.querySelector('.scale button'), 'the kiosk page');
      for (const i of [0, 1, 2]) {
        await until(() => !!kiosk()!.shadowRoot!.querySelector('.scale button'), 'the question');
        (kiosk()!.shadowRoot!.querySelectorAll('.scale button')[i] as HTMLElement).click();
        await kiosk()!.updateComplete;
        kiosk()!.reset();
        await kiosk()!.updateComplete;
      }
      await until(() => shadowText(kiosk()!).includes('3 avis en attente d’envoi'), 'the pending count');

      // Reload the page while still offline: the answers are in IndexedDB, not in memory.
      const reloaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
      frame.contentWindow!.location.reload();
      await reloaded;
      await until(
        () => !!kiosk()?.shadowRoot && shadowText(kiosk()!).includes('3 avis en attente d’envoi'),
        'the pending count after reload',
      );

      await setNetwork('up');
      frame.contentWindow!.dispatchEvent(new Event('online'));
      let after = before;
      await until(
        () => {
          void stats(site).then((s) => (after = s.count));
          return after === before + 3;
        },
        'the three answers on the server',
        30_000,
      );
      await until(() => !shadowText(kiosk()!).includes('en attente'), 'no more pending answers');
      expect((await stats(site)).count).to.equal(before + 3);
      frame.remove();
    });
  });
});
