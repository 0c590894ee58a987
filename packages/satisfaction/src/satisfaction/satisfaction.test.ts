import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import type { SatisfactionStats, Site } from '@fs-widgets/contract';
import './satisfaction.js';
import type { FsSatisfaction } from './satisfaction.component.js';
import {
  clearOfflineCache,
  pendingApi,
  proxiedApi,
  realApi,
  setNetwork,
  shadowText,
  until,
} from '../../../../test-support/component-test-env.js';

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

/** A site's name, as the API gives it. */
async function siteName(site: string): Promise<string> {
  const res = await fetch(`${realApi()}/sites/${site}`);
  return ((await res.json()) as Site).name;
}

/** The contrast ratio of two computed `rgb(…)` colours (WCAG relative luminance). */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = rgb
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map((v) => {
        const c = Number(v) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The four answers as drawn: each face's drawing (its SVG), its path data, its colour, the
 * background it is drawn on, and its word with where it sits.
 */
function faces(el: FsSatisfaction) {
  return $$(el, '[part="choice"]').map((choice) => {
    const face = choice.querySelector<SVGSVGElement>('svg.face')!;
    const word = choice.querySelector<HTMLElement>('span')!;
    const faceBox = face.getBoundingClientRect();
    const wordBox = word.getBoundingClientRect();
    return {
      drawing: face.innerHTML.replace(/<!--[^]*?-->/g, '').replace(/\s+/g, ' '),
      paths: [...face.querySelectorAll('path')].map((path) => path.getAttribute('d')).join(' '),
      colour: getComputedStyle(face).color,
      background: getComputedStyle(choice).backgroundColor,
      word: word.textContent!.trim(),
      wordVisible: wordBox.width > 20 && wordBox.height > 10 && getComputedStyle(word).visibility === 'visible',
      wordUnderFace: wordBox.top >= faceBox.bottom - 1,
    };
  });
}

function expectFacesApart(el: FsSatisfaction, words: string[]) {
  const drawn = faces(el);
  expect(drawn.map((f) => f.word)).to.deep.equal(words);
  const distinct = (values: unknown[]) => new Set(values).size;
  expect(distinct(drawn.map((f) => f.drawing)), 'four different drawings').to.equal(4);
  expect(distinct(drawn.map((f) => f.paths)), 'four different path data').to.equal(4);
  expect(distinct(drawn.map((f) => f.colour)), 'four different colours').to.equal(4);
  for (const f of drawn) {
    expect(f.wordVisible, `« ${f.word} » is written`).to.equal(true);
    expect(f.wordUnderFace, `« ${f.word} » is under its face`).to.equal(true);
    expect(contrast(f.colour, f.background), `the « ${f.word} » face against its background`).to.be.at.least(3);
  }
}

describe('<fs-satisfaction>', () => {
  beforeEach(() => setNetwork('up'));

  it('says it is not configured without a site, and passes axe', async () => {
    const el = await fixture<FsSatisfaction>(html`<fs-satisfaction api=${realApi()}></fs-satisfaction>`);
    expect(shadowText(el)).to.contain('Avis non configuré');
    await expect(el).to.be.accessible();
  });

  describe('the four faces', () => {
    const words = ['Très satisfait', 'Satisfait', 'Peu satisfait', 'Pas satisfait'];

    it('are told apart without colour (four drawings, four path data) and by colour (four, each 3:1 against its background), each with its word under it; axe', async () => {
      for (const mode of ['kiosk', 'inline'] as const) {
        const el = await fixture<FsSatisfaction>(html`<fs-satisfaction mode=${mode} api=${pendingApi} site-id="2983"></fs-satisfaction>`);
        expectFacesApart(el, words);
        await expect(el).to.be.accessible();
      }
    });

    it('keep 3:1 on a chosen answer (inline) and in dark mode (theme="auto")', async () => {
      const el = await fixture<FsSatisfaction>(html`<fs-satisfaction api=${pendingApi} site-id="2983"></fs-satisfaction>`);
      for (const [i, input] of $$(el, 'input[name="rating"]').entries()) {
        (input as HTMLInputElement).click();
        await el.updateComplete;
        const f = faces(el)[i]!;
        expect(contrast(f.colour, f.background), `« ${f.word} » chosen`).to.be.at.least(3);
      }
      await emulateMedia({ colorScheme: 'dark' });
      try {
        const dark = await fixture<FsSatisfaction>(
          html`<fs-satisfaction mode="kiosk" theme="auto" api=${pendingApi} site-id="2983"></fs-satisfaction>`,
        );
        expect(getComputedStyle($(dark, '[part="choice"]')!).backgroundColor).to.equal('rgb(22, 27, 29)');
        expectFacesApart(dark, words);
        await expect(dark).to.be.accessible();
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
    });
  });

  describe('the site’s name', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('heads the kiosk, above the question, readable from a metre away on a tablet lying or standing (32 px at least), and stays on the thanks; axe', async () => {
      const site = freshSite();
      const name = await siteName(site);
      const el = await fixture<FsSatisfaction>(
        html`<fs-satisfaction mode="kiosk" api=${realApi()} site-id=${site} thanks-duration="30"></fs-satisfaction>`,
      );
      await until(() => $(el, '[part="site-name"]')?.dataset.state === 'ready', 'the name');
      const shown = $(el, '[part="site-name"]')!;
      expect(shown.textContent!.trim()).to.equal(name);
      expect(shown.getBoundingClientRect().bottom).to.be.at.most($(el, '.title')!.getBoundingClientRect().top);
      await expect(el).to.be.accessible();
      for (const [width, height] of [
        [1280, 800],
        [800, 1280],
        [1080, 1920],
      ] as const) {
        await setViewport({ width, height });
        expect(parseFloat(getComputedStyle(shown).fontSize), `${width} × ${height}`).to.be.at.least(32);
      }
      $$(el, '.scale button')[0]!.click();
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Merci');
      expect($(el, '[part="site-name"]')!.textContent!.trim()).to.equal(name);
      await expect(el).to.be.accessible();
    });

    it('keeps its place while it loads: the question does not move when the name comes', async () => {
      const site = '2983'; // « France services de Mende »: one line
      const [loading, loaded] = await Promise.all([
        fixture<FsSatisfaction>(html`<fs-satisfaction mode="kiosk" api=${pendingApi} site-id=${site}></fs-satisfaction>`),
        fixture<FsSatisfaction>(html`<fs-satisfaction mode="kiosk" api=${realApi()} site-id=${site}></fs-satisfaction>`),
      ]);
      await until(() => $(loaded, '[part="site-name"]')?.dataset.state === 'ready', 'the name');
      expect($(loading, '[part="site-name"]')!.dataset.state).to.equal('loading');
      const titleTop = (el: FsSatisfaction) => $(el, '.title')!.getBoundingClientRect().top - el.getBoundingClientRect().top;
      expect(titleTop(loaded)).to.be.greaterThan(0);
      expect(Math.abs(titleTop(loading) - titleTop(loaded))).to.be.below(1);
      await expect(loading).to.be.accessible();
    });

    it('is shown on a web page only with show-site-name', async () => {
      const without = await fixture<FsSatisfaction>(html`<fs-satisfaction api=${realApi()} site-id="2983"></fs-satisfaction>`);
      expect($(without, '[part="site-name"]')).to.equal(null);
      const withName = await fixture<FsSatisfaction>(
        html`<fs-satisfaction api=${realApi()} site-id="2983" show-site-name></fs-satisfaction>`,
      );
      expect(withName.showSiteName).to.equal(true);
      await until(() => $(withName, '[part="site-name"]')?.dataset.state === 'ready', 'the name');
      expect($(withName, '[part="site-name"]')!.textContent!.trim()).to.equal('France services de Mende');
      await expect(withName).to.be.accessible();
    });

    it('unreachable with no saved copy: « France services » in its place, and the question still answers; axe', async () => {
      await clearOfflineCache();
      await setNetwork('down');
      const el = await fixture<FsSatisfaction>(html`<fs-satisfaction mode="kiosk" api=${proxiedApi} site-id="2983"></fs-satisfaction>`);
      await until(() => $(el, '[part="site-name"]')?.dataset.state === 'offline', 'the offline state');
      expect($(el, '[part="site-name"]')!.textContent!.trim()).to.equal('France services');
      expect($$(el, '.scale button')).to.have.length(4);
      await expect(el).to.be.accessible();
    });

    it('unknown to the server: says so for the agents, and the question still answers; axe', async () => {
      const el = await fixture<FsSatisfaction>(html`<fs-satisfaction mode="kiosk" api=${realApi()} site-id="999999"></fs-satisfaction>`);
      await until(() => $(el, '[part="site-name"]')?.dataset.state === 'not-found', 'the unknown site');
      expect(shadowText(el)).to.contain('Aucune France services ne porte l’identifiant « 999999 »');
      expect($$(el, '.scale button')).to.have.length(4);
      await expect(el).to.be.accessible();
    });
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

    it('centres « Retour au début » under the centred thanks, and the follow-up’s buttons under their question', async () => {
      const el = await fixture<FsSatisfaction>(
        html`<fs-satisfaction mode="kiosk" api=${realApi()} site-id=${freshSite()} ask-resolved ask-comment idle-timeout="60" thanks-duration="60" press-guard="0"></fs-satisfaction>`,
      );
      const middle = (box: DOMRect) => box.left + box.width / 2;
      const centredUnderTitle = (selector: string) => {
        const title = $(el, '.title')!.getBoundingClientRect();
        const actions = $(el, selector)!.getBoundingClientRect();
        expect(actions.width).to.be.below(title.width);
        expect(Math.abs(middle(actions) - middle(title)), selector).to.be.below(1);
      };
      $$(el, '.scale button')[0]!.click();
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Votre demande a-t-elle été résolue ?');
      // The two buttons together (« Envoyer mon avis », « Passer »), centred as a group.
      const buttons = $$(el, '.actions button').map((b) => b.getBoundingClientRect());
      const group = new DOMRect(buttons[0]!.left, buttons[0]!.top, buttons.at(-1)!.right - buttons[0]!.left, buttons[0]!.height);
      const title = $(el, '.title')!.getBoundingClientRect();
      expect(Math.abs(middle(group) - middle(title))).to.be.below(1);
      $(el, '.actions button.secondary')!.click();
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Merci');
      centredUnderTitle('.actions button');
      expect($(el, '.actions button')!.textContent!.trim()).to.equal('Retour au début');
      await expect(el).to.be.accessible();
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

    it('keeps answers given while the server is unreachable, across a page reload, and sends each once when it is back; the name meanwhile', async () => {
      const site = freshSite();
      const before = (await stats(site)).count;
      const name = await siteName(site);
      await clearOfflineCache();
      await setNetwork('down');
      const frame = document.createElement('iframe');
      frame.src = `/test-support/pages/satisfaction.html?site=${site}&api=${encodeURIComponent(proxiedApi)}`;
      frame.style.width = '900px';
      frame.style.height = '700px';
      document.body.append(frame);
      const kiosk = () => frame.contentDocument?.querySelector('fs-satisfaction') as FsSatisfaction | null;
      await until(() => !!kiosk()?.shadowRoot?.querySelector('.scale button'), 'the kiosk page');
      // No network and no saved copy of the site: « France services » in the name's place, and the question answers.
      const nameShown = () => kiosk()!.shadowRoot!.querySelector<HTMLElement>('[part="site-name"]');
      await until(() => nameShown()?.dataset.state === 'offline', 'the name’s offline state');
      expect(nameShown()!.textContent!.trim()).to.equal('France services');
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
      // Back online, the name comes; it is kept on the device, for the next time the network is down.
      await until(() => nameShown()?.dataset.state === 'ready', 'the name once online');
      expect(nameShown()!.textContent!.trim()).to.equal(name);
      await setNetwork('down');
      const again = new Promise((r) => frame.addEventListener('load', r, { once: true }));
      frame.contentWindow!.location.reload();
      await again;
      await until(() => !!kiosk()?.shadowRoot && nameShown()?.dataset.state === 'ready', 'the saved name, offline');
      expect(nameShown()!.textContent!.trim()).to.equal(name);
      await setNetwork('up');
      frame.remove();
    });
  });
});
