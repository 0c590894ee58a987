import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { Directory, LocalPartner, Permanence, Site, SitePartners } from '@fs-widgets/contract';
import { formatClockTime, formatDayAndDate, newIdempotencyKey } from '@fs-widgets/core';
import './poster.js';
import type { FsPoster } from './poster.component.js';
import {
  clearOfflineCache,
  decodeQr,
  pendingApi,
  proxiedApi,
  realApi,
  setNetwork,
  shadowText,
  unavailableApi,
  until,
} from '../../../../test-support/component-test-env.js';

const SITE = '2983'; // France services de Mende
const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
/** Loaded: the sheet and its QR code are drawn (the generator is fetched on demand). */
const loaded = (el: FsPoster) => () => $(el, 'svg.qr') !== null;
const settled = (el: FsPoster) => () => !$(el, '[aria-busy="true"]') && !el.hasAttribute('data-fs-locale-pending');

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  expect(res.status).to.equal(200);
  return (await res.json()) as T;
}

/** The widgets' server, as the poster derives it from its API base. */
const apiOrigin = () => new URL(realApi()).origin;

let token = '';
async function agentPost<T>(path: string, body: unknown): Promise<T> {
  if (!token) token = ((await (await fetch(`/__test/agent-token?site=${SITE}`)).json()) as { token: string }).token;
  const res = await fetch(`${realApi()}/sites/${SITE}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).to.equal(201);
  return (await res.json()) as T;
}

/** A local partner with a monthly permanence at Mende, written by its agents through the real routes. */
let localPartner: Promise<{ partner: LocalPartner; permanence: Permanence }> | undefined;
function mendeLocalPartner() {
  localPartner ??= (async () => {
    const partner = await agentPost<LocalPartner>('local-partners', { key: newIdempotencyKey(), name: 'Point conseil budget (affiche)' });
    const permanence = await agentPost<Permanence>('permanences', {
      key: newIdempotencyKey(),
      local_partner_id: partner.id,
      recurrence: { freq: 'monthly', day: 'mo', nth: [1] },
      opens: '09:30',
      closes: '11:30',
      by_appointment: false,
    });
    return { partner, permanence };
  })();
  return localPartner;
}

describe('<fs-poster>', () => {
  beforeEach(async () => {
    await setNetwork('up');
  });
  afterEach(async () => {
    await setNetwork('up');
  });

  it('without site-id says how to configure it; passes axe', async () => {
    const el = await fixture<FsPoster>(html`<fs-poster api=${realApi()}></fs-poster>`);
    expect(el.qrTarget).to.equal('site');
    expect(el.headingLevel).to.equal(2);
    expect($(el, '[data-state="no-site"]')).to.not.equal(null);
    expect(shadowText(el)).to.contain('Affiche non configurée').and.contain('attribut site-id');
    expect($(el, '[part="print"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows a busy placeholder while loading; passes axe', async () => {
    const el = await fixture<FsPoster>(html`<fs-poster api=${pendingApi} site-id=${SITE}></fs-poster>`);
    expect($(el, '[aria-busy="true"]')).to.not.equal(null);
    expect(shadowText(el)).to.contain('Chargement…');
    await expect(el).to.be.accessible();
  });

  it('shows the site’s name, address, phone, week, national and local partners with their next dates, and a QR code to its page; passes axe', async () => {
    const { partner, permanence } = await mendeLocalPartner();
    const [site, partners, directory] = await Promise.all([
      json<Site>(`${realApi()}/sites/${SITE}`),
      json<SitePartners>(`${realApi()}/sites/${SITE}/partners`),
      json<Directory>(`${realApi()}/directory`),
    ]);
    const el = await fixture<FsPoster>(html`<fs-poster api=${realApi()} site-id=${SITE}></fs-poster>`);
    await until(loaded(el), 'the poster');
    const text = shadowText(el);
    expect(text).to.contain('Besoin d’aide pour vos démarches ?').and.contain('France services vous accompagne');
    expect($(el, '[part="name"]')!.textContent).to.equal(site.name);
    expect($(el, '[part="contact"]')!.textContent)
      .to.contain(site.address.street)
      .and.contain(`${site.address.postcode}`)
      .and.contain(site.phone!);
    // The week, Monday first, days with the same hours on one row, times formatted as the site card formats them.
    const ranges = (day: 'mo' | 'fr') =>
      site.hours[day].map((r) => `${formatClockTime(r.opens, 'fr')} – ${formatClockTime(r.closes, 'fr')}`);
    const rows = $$(el, 'table[part="hours"] tbody tr').map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows).to.deep.equal([
      `Du lundi au jeudi ${ranges('mo').join(' et ')}`,
      `Vendredi ${ranges('fr').join(' et ')}`,
      'Samedi et dimanche Fermé',
    ]);
    expect($$(el, 'table[part="hours"] tbody tr').map((tr) => tr.dataset.days)).to.deep.equal(['mo tu we th', 'fr', 'sa su']);
    expect(text).to.contain('Fermé les jours fériés.');
    // The nine national partners in the words people use, not the agents' short names (« Intérieur »).
    const national = $$(el, '.national-list li').map((li) => li.textContent!.trim());
    expect(national).to.have.length(9);
    expect(national).to.include.members([
      'Impôts',
      'Caisse d’allocations familiales (CAF)',
      'Assurance maladie',
      'Carte d’identité, passeport, permis de conduire, carte grise',
      'France Travail (ex-Pôle emploi)',
    ]);
    expect($$(el, '.national-list li').map((li) => li.dataset.partner)).to.deep.equal(partners.national);
    expect(text).to.not.contain('Intérieur');
    expect(directory.partners.find((p) => p.id === 'interieur')!.short_name).to.equal('Intérieur'); // what it replaces
    // Local partners and their next dates, from the API's answer.
    const shown = partners.permanences.slice(0, 3);
    for (const p of shown) expect($(el, `[data-permanence="${p.id}"]`), `permanence ${p.id}`).to.not.equal(null);
    if (shown.some((p) => p.id === permanence.id)) {
      // The rule in the words every widget uses, then its next two dates.
      const item = $(el, `[data-permanence="${permanence.id}"]`)!.textContent!.replace(/\s+/g, ' ');
      const dates = permanence.next.slice(0, 2).map((d) => formatDayAndDate(d.date, 'fr', { inSentence: true }));
      expect(item).to.contain(partner.name).and.contain('Le 1er lundi du mois, 9 h 30 – 11 h 30.');
      expect(item).to.contain(`Prochaines dates : ${dates.join(' et ')}.`);
    } else {
      expect(text).to.contain(partner.name); // listed among the other local partners
    }
    // The QR code leads to the site's short public page on the widgets' server, its address printed under it, with what scanning does.
    const expected = `${apiOrigin()}/s/${SITE}`;
    const qr = $(el, 'svg.qr') as unknown as SVGSVGElement;
    expect(qr.getAttribute('role')).to.equal('img');
    expect(qr.getAttribute('aria-label')).to.equal(`QR code vers ${expected}`);
    expect(await decodeQr(qr)).to.equal(expected);
    expect($(el, '[part="url"]')!.textContent!.trim()).to.equal(expected); // http://: typed as it is (https:// would be left out)
    expect($(el, '[part="url"] a')!.getAttribute('href')).to.equal(expected);
    expect($(el, '[part="qr-text"]')!.textContent).to.equal(
      'Scannez ce code avec l’appareil photo de votre téléphone pour voir les horaires à jour et l’itinéraire.',
    );
    expect(text).to.contain('Ou tapez cette adresse :').and.not.contain('Scannez-le');
    expect(text).to.contain('ce n’est pas un document officiel de l’État');
    await expect(el).to.be.accessible();
  });

  it('qr-target="locator" leads to the locator on the commune, the site’s own when none is given; href overrides both', async () => {
    const onCommune = await fixture<FsPoster>(
      html`<fs-poster api=${realApi()} site-id=${SITE} qr-target="locator" commune="48095"></fs-poster>`,
    );
    await until(loaded(onCommune), 'the poster');
    expect(await decodeQr($(onCommune, 'svg.qr') as unknown as SVGSVGElement)).to.equal(
      `${apiOrigin()}/embed/fs-site-locator?commune=48095`,
    );
    expect($(onCommune, '[part="qr-text"]')!.textContent).to.equal(
      'Scannez ce code avec l’appareil photo de votre téléphone pour trouver une France services près de chez vous.',
    );

    const site = await json<Site>(`${realApi()}/sites/1`);
    const own = await fixture<FsPoster>(html`<fs-poster api=${realApi()} site-id="1" qr-target="locator"></fs-poster>`);
    await until(loaded(own), 'the poster');
    expect(await decodeQr($(own, 'svg.qr') as unknown as SVGSVGElement)).to.equal(
      `${apiOrigin()}/embed/fs-site-locator?commune=${site.address.insee_commune}`,
    );

    const href = 'https://www.mairie-exemple.fr/vie-pratique/france-services?origine=affiche';
    const custom = await fixture<FsPoster>(html`<fs-poster api=${realApi()} site-id=${SITE} qr-target="locator" href=${href}></fs-poster>`);
    await until(loaded(custom), 'the poster');
    expect(await decodeQr($(custom, 'svg.qr') as unknown as SVGSVGElement)).to.equal(href);
    // Printed as typed: browsers add https:// themselves.
    expect($(custom, '[part="url"]')!.textContent!.trim()).to.equal(href.replace('https://', ''));
    expect($(custom, '[part="url"] a')!.getAttribute('href')).to.equal(href);
    expect($(custom, '[part="qr-text"]')!.textContent).to.equal(
      'Scannez ce code avec l’appareil photo de votre téléphone pour en savoir plus.',
    );
    await expect(custom).to.be.accessible();

    // Not an http(s) address: ignored, the site's page is used.
    custom.href = 'javascript:alert(1)';
    custom.qrTarget = 'site';
    await custom.updateComplete;
    expect(await decodeQr($(custom, 'svg.qr') as unknown as SVGSVGElement)).to.equal(`${apiOrigin()}/s/${SITE}`);
  });

  it('says when no site has the identifier; passes axe', async () => {
    const el = await fixture<FsPoster>(html`<fs-poster api=${realApi()} site-id="999999"></fs-poster>`);
    await until(settled(el), 'the answer');
    expect($(el, '[data-state="not-found"]')).to.not.equal(null);
    expect(shadowText(el)).to.contain('France services introuvable').and.contain('999999');
    expect($(el, '[part="retry"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the error with a retry button when the server fails; passes axe', async () => {
    const el = await fixture<FsPoster>(html`<fs-poster api=${unavailableApi} site-id=${SITE}></fs-poster>`);
    await until(settled(el), 'the error');
    expect($(el, '[data-state="error"]')).to.not.equal(null);
    expect(shadowText(el)).to.contain('Affichage impossible pour le moment').and.contain('Réessayer');
    expect($(el, '[part="retry"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('offline without a saved copy: says so, and loads when retried online; passes axe', async () => {
    await clearOfflineCache();
    await setNetwork('down');
    const el = await fixture<FsPoster>(html`<fs-poster api=${proxiedApi} site-id=${SITE}></fs-poster>`);
    await until(settled(el), 'the offline state');
    expect($(el, '[data-state="offline"]')).to.not.equal(null);
    expect(shadowText(el)).to.contain('Vous êtes hors ligne').and.contain('pas encore enregistrées');
    await expect(el).to.be.accessible();
    await setNetwork('up');
    $(el, '[part="retry"]')!.click();
    await until(loaded(el), 'the poster after the retry');
    expect($(el, '[part="name"]')!.textContent).to.contain('Mende');
  });

  it('offline with a saved copy: shows the poster with a notice (not printed); passes axe', async () => {
    const first = await fixture<FsPoster>(html`<fs-poster api=${proxiedApi} site-id=${SITE}></fs-poster>`);
    await until(loaded(first), 'the poster online');
    first.remove();
    await setNetwork('down');
    const el = await fixture<FsPoster>(html`<fs-poster api=${proxiedApi} site-id=${SITE}></fs-poster>`);
    await until(() => loaded(el)() && $(el, '[part="notice"]') !== null, 'the saved copy with its notice');
    expect($(el, '[data-state="offline"]')).to.not.equal(null);
    expect($(el, '[part="notice"]')!.textContent).to.match(/Vous êtes hors ligne : informations enregistrées le \d{2}\/\d{2}\/\d{4}/);
    expect($(el, '[part="notice"]')!.closest('[part="toolbar"]')).to.not.equal(null);
    expect($(el, '[part="name"]')!.textContent).to.contain('Mende');
    await expect(el).to.be.accessible();
  });

  it('in English: every text, days and hours; passes axe', async () => {
    const el = await fixture<FsPoster>(html`<fs-poster lang="en" api=${realApi()} site-id=${SITE}></fs-poster>`);
    await until(() => loaded(el)() && settled(el)(), 'the English poster');
    await el.updateComplete;
    const text = shadowText(el);
    expect(text).to.contain('Need help with your paperwork?').and.contain('France services is here to help');
    expect(text).to.contain('Opening hours').and.contain('Monday to Thursday').and.contain('Saturday and Sunday');
    expect(text).to.contain('8:30 am – 12 pm').and.contain('Closed on public holidays.');
    expect(text).to.contain('Help with').and.contain('Family allowances (CAF)').and.contain('ID card, passport, driving licence');
    expect(text).to.contain('Print the poster').and.contain('this is not an official State document');
    expect(text).to.contain('Scan this code with your phone’s camera to see the latest opening hours and directions.');
    expect(text).to.not.contain('Horaires');
    expect($(el, 'svg.qr')!.getAttribute('aria-label')).to.match(/^QR code to http/);
    await expect(el).to.be.accessible();
  });

  it('theme="auto" in dark mode: the toolbar turns dark, the sheet stays paper with its light accent; passes axe', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const el = await fixture<FsPoster>(html`<fs-poster theme="auto" api=${realApi()} site-id=${SITE}></fs-poster>`);
      await until(loaded(el), 'the poster');
      expect(getComputedStyle($(el, '[part="sheet"]')!).backgroundColor).to.equal('rgb(255, 255, 255)');
      expect(getComputedStyle($(el, '[part="name"]')!).color).to.equal('rgb(28, 93, 110)'); // #1c5d6e
      expect(getComputedStyle($(el, '[part="print"]')!).backgroundColor).to.equal('rgb(124, 196, 214)'); // the dark theme's #7cc4d6
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('the print button is reached with the keyboard, shows its focus and prints with the A4 page rule, taken away after printing', async () => {
    const el = await fixture<FsPoster>(html`<fs-poster api=${realApi()} site-id=${SITE} heading-level="3"></fs-poster>`);
    await until(loaded(el), 'the poster');
    expect($(el, '#poster-title')!.getAttribute('aria-level')).to.equal('3');
    expect($(el, '#hours-title')!.getAttribute('aria-level')).to.equal('4');
    const print = window.print;
    let printed = 0;
    let rules: string[] = [];
    window.print = () => {
      printed++;
      rules = document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText));
    };
    try {
      await sendKeys({ press: 'Tab' });
      const button = $(el, '[part="print"]')!;
      expect(el.shadowRoot!.activeElement).to.equal(button);
      expect(button.textContent).to.equal('Imprimer l’affiche');
      expect(button.matches(':focus-visible')).to.equal(true);
      expect(getComputedStyle(button).outlineStyle).to.equal('solid');
      expect(getComputedStyle(button).outlineWidth).to.equal('3px');
      await sendKeys({ press: 'Enter' });
      expect(printed).to.equal(1);
      expect(rules.join(' ')).to.match(/@page \{ size: a4( portrait)?; margin: 12mm; \}/i);
      window.dispatchEvent(new Event('afterprint'));
      expect(document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join(' ')).to.not.contain('@page');
    } finally {
      window.print = print;
    }
  });

  it('prints what is read from afar large: name, phone, address and hours, at least 5.5 mm on an A4 with 12 mm margins', async () => {
    // Valserhône: no test writes partners there, so its sheet is the same in every run.
    const el = await fixture<FsPoster>(html`<fs-poster api=${realApi()} site-id="1"></fs-poster>`);
    await until(loaded(el), 'the poster');
    const sheetWidth = $(el, '[part="sheet"]')!.getBoundingClientRect().width;
    /** A text's printed size: the sheet is drawn in units of its width, 186 mm between 12 mm margins. */
    const printedMm = (selector: string) => (parseFloat(getComputedStyle($(el, selector)!).fontSize) / sheetWidth) * 186;
    // Before: hours 4.1 mm, address 4.7 mm, phone 6.7 mm, name 7.8 mm (body text: unreadable at 2 m).
    expect(printedMm('table[part="hours"]'), 'hours').to.be.at.least(5.5);
    expect(printedMm('.address'), 'address').to.be.at.least(5.5);
    expect(printedMm('.phone'), 'phone').to.be.at.least(9);
    expect(printedMm('[part="name"]'), 'name').to.be.at.least(9);
    expect(printedMm('.national-list'), 'partners').to.be.at.least(4);
    await expect(el).to.be.accessible();
  });

  for (const [site, what] of [
    [SITE, 'Mende'],
    ['1892', 'the longest week of the list (a bus, four stops a day)'],
    ['2136', 'the longest name of the list (97 characters)'],
  ] as const) {
    it(`fills its sheet with the largest type that fits, nothing past its edge: ${what}`, async () => {
      const el = await fixture<FsPoster>(html`<fs-poster api=${realApi()} site-id=${site}></fs-poster>`);
      await until(loaded(el), 'the poster');
      const page = $(el, '.page')!;
      const sheet = $(el, '[part="sheet"]')!.getBoundingClientRect();
      const partners = $(el, '.partners-column')!;
      const fits = () => page.scrollHeight <= page.clientHeight + 1 && partners.scrollHeight <= partners.clientHeight + 1;
      expect(fits(), 'the content fits the sheet').to.equal(true);
      for (const part of ['qr-block', 'footer', 'hours']) {
        expect($(el, `.${part}`)!.getBoundingClientRect().bottom, part).to.be.at.most(sheet.bottom);
      }
      // The largest scale that fits: one step larger would not.
      const step = Number(page.dataset.fit);
      const scale = parseFloat(page.style.getPropertyValue('--_k'));
      if (step > 0) {
        page.style.setProperty('--_k', String(scale + 0.03));
        expect(fits(), `the scale above ${scale} does not fit`).to.equal(false);
        page.style.setProperty('--_k', String(scale));
      } else {
        expect(scale).to.equal(1);
      }
      // The blank bottom third is gone: the partners and the QR block reach the lower third of the sheet.
      expect($(el, '.qr-block')!.getBoundingClientRect().bottom).to.be.above(sheet.top + sheet.height * 0.8);
      await expect(el).to.be.accessible();
    });
  }

  it('without a logo: no logo box, the address takes the width', async () => {
    const el = await fixture<FsPoster>(html`<fs-poster api=${realApi()} site-id=${SITE}></fs-poster>`);
    await until(loaded(el), 'the poster');
    expect(el.logo).to.equal('');
    const logo = $(el, '[part="logo"]')!;
    expect(logo.hidden).to.equal(true);
    expect(logo.getBoundingClientRect().height).to.equal(0);
    expect($(el, '.contact-row')!.classList.contains('with-logo')).to.equal(false);
    expect($(el, '[part="logo"] img')).to.equal(null);
  });

  it('logo="…" prints the town hall’s logo beside the address, with its alt text; gone if the image fails; passes axe', async () => {
    const src = '/docs/guide/img/10-affiche.png';
    const el = await fixture<FsPoster>(
      html`<fs-poster api=${realApi()} site-id=${SITE} logo=${src} logo-alt="Mairie de Mende"></fs-poster>`,
    );
    await until(loaded(el), 'the poster');
    const img = $(el, '[part="logo"] img') as HTMLImageElement;
    await until(() => img.complete && img.naturalWidth > 0, 'the logo');
    expect(img.getAttribute('src')).to.equal(new URL(src, document.baseURI).href);
    expect(img.alt).to.equal('Mairie de Mende');
    const logo = $(el, '[part="logo"]')!;
    expect(logo.hidden).to.equal(false);
    const box = logo.getBoundingClientRect();
    const sheetWidth = $(el, '[part="sheet"]')!.getBoundingClientRect().width;
    expect(box.height).to.be.above(0);
    expect(box.width).to.be.at.most(sheetWidth * 0.33);
    // Beside the address and phone, inside the sheet.
    const contact = $(el, '[part="contact"]')!.getBoundingClientRect();
    expect(box.left).to.be.at.least(contact.right);
    await expect(el).to.be.accessible();

    // An address that is no image (or a javascript: one): no box, no broken image.
    el.logo = '/no-such-logo.png';
    await until(() => $(el, '[part="logo"]')!.hidden, 'the logo box hidden after the error');
    el.logo = 'javascript:alert(1)';
    await el.updateComplete;
    expect($(el, '[part="logo"] img')).to.equal(null);
    expect($(el, '[part="logo"]')!.hidden).to.equal(true);
  });

  it('the logo slot takes an image of the page’s own', async () => {
    const el = await fixture<FsPoster>(
      html`<fs-poster api=${realApi()} site-id=${SITE}><img slot="logo" src="/docs/guide/img/10-affiche.png" alt="Ville de Mende" /></fs-poster>`,
    );
    await until(loaded(el), 'the poster');
    const slot = $(el, 'slot[name="logo"]') as HTMLSlotElement;
    expect(slot.assignedElements()).to.have.length(1);
    expect($(el, '[part="logo"]')!.hidden).to.equal(false);
    expect($(el, '.contact-row')!.classList.contains('with-logo')).to.equal(true);
    // Taken away: the box goes too.
    el.querySelector('img')!.remove();
    await until(() => $(el, '[part="logo"]')!.hidden, 'the logo box hidden');
    await expect(el).to.be.accessible();
  });

  it('hides the toolbar in print and fills the page box (the Node print test prints it)', async () => {
    const el = await fixture<FsPoster>(html`<fs-poster api=${realApi()} site-id=${SITE}></fs-poster>`);
    await until(loaded(el), 'the poster');
    const sheet = $(el, '[part="sheet"]')!;
    // On screen: a preview with the proportions of the squattest printed sheet, as wide as it is given.
    const { width, height } = sheet.getBoundingClientRect();
    expect(height / width).to.be.closeTo(292 / 210, 0.01);
    // The print rules themselves (emulating print media is the Node print test's job).
    const print = [...el.shadowRoot!.adoptedStyleSheets.flatMap((s) => [...s.cssRules])].filter(
      (r) => r instanceof CSSMediaRule && r.conditionText === 'print',
    );
    const text = print.map((r) => r.cssText).join(' ');
    expect(text).to.contain('.toolbar').and.contain('display: none');
    // Chromium writes the millimetres in CSS pixels (210 mm = 793.701 px, 297 mm = 1122.52 px, 5 mm = 18.8976 px).
    expect(text).to.match(/\.sheet \{ width: min\(100vw, 793\.70\d*px\); height: calc\(-18\.89\d*px \+ min\(100vh, 1122\.5\d*px\)\)/);
  });
});
