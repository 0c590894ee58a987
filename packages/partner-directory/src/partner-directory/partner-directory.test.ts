import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Directory, LocalPartner, Permanence, PermanenceCreate, SitePartners } from '@fs-widgets/contract';
import { formatDayAndDate, newIdempotencyKey } from '@fs-widgets/core';
import './partner-directory.js';
import type { FsPartnerDirectory } from './partner-directory.component.js';
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

/**
 * Millau: its agents add a local partner and a monthly permanence through the real API. No other
 * test file reads or writes this site: its partners' answer is cacheable (60 s), and a copy read
 * by another file before the write would hide the new permanence.
 */
const SITE = '3144';
const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const ready = (el: FsPartnerDirectory) => () => $(el, '[data-state="ready"]') !== null && !el.hasAttribute('data-fs-locale-pending');
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const firstTitle = (el: Element) => $(el, '.results .result .toggle')?.textContent?.trim() ?? '';

/** Types a need as a person does (the widget reads the input's `input` events). */
async function typeNeed(el: FsPartnerDirectory, text: string): Promise<void> {
  const input = $(el, '#need') as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

let token = '';
async function agentToken(): Promise<string> {
  if (!token) token = ((await (await fetch(`/__test/agent-token?site=${SITE}`)).json()) as { token: string }).token;
  return token;
}

async function agentPost<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${realApi()}/sites/${SITE}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await agentToken()}` },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).to.equal(201);
  return (await res.json()) as T;
}

/** A local partner with a permanence on the 2nd Tuesday of the month, made once per run. */
let created: { partner: LocalPartner; permanence: Permanence } | undefined;
async function localPartnerWithPermanence() {
  if (created) return created;
  const partner = await agentPost<LocalPartner>('local-partners', {
    key: newIdempotencyKey(),
    name: 'Mission locale du Sud Aveyron',
    description: 'Emploi, formation et logement des 16-25 ans.',
    thematiques: [],
    phone: '05 65 60 00 00',
    website: 'https://www.mission-locale-sud-aveyron.fr',
  });
  const body: PermanenceCreate = {
    key: newIdempotencyKey(),
    local_partner_id: partner.id,
    recurrence: { freq: 'monthly', day: 'tu', nth: [2] },
    opens: '09:00',
    closes: '12:00',
    by_appointment: true,
    note: 'Salle du conseil, 1er étage',
  };
  const permanence = await agentPost<Permanence>('permanences', body);
  created = { partner, permanence };
  return created;
}

describe('<fs-partner-directory>', () => {
  beforeEach(async () => {
    await setNetwork('up');
  });
  afterEach(async () => {
    await setNetwork('up');
  });

  it('has documented defaults and reflects its attributes', async () => {
    const el = await fixture<FsPartnerDirectory>(html`<fs-partner-directory api=${pendingApi}></fs-partner-directory>`);
    expect(el.siteId).to.equal('');
    expect(el.locatorUrl).to.equal('');
    expect(el.query).to.equal('');
    expect(el.headingLevel).to.equal(2);
    el.siteId = SITE;
    el.headingLevel = 9;
    el.locatorUrl = 'https://example.fr/trouver';
    await el.updateComplete;
    expect(el.getAttribute('site-id')).to.equal(SITE);
    expect(el.headingLevel).to.equal(6);
    expect(el.getAttribute('locator-url')).to.equal('https://example.fr/trouver');
  });

  it('loads the catalogue: 14 themes, 9 partners, the search box and a link to the nearest site; axe', async () => {
    const el = await fixture<FsPartnerDirectory>(html`<fs-partner-directory api=${realApi()}></fs-partner-directory>`);
    await until(ready(el), 'the catalogue');
    expect($(el, '.title')!.getAttribute('aria-level')).to.equal('2');
    expect($(el, 'label[for="need"]')!.textContent).to.equal('Que voulez-vous faire ?');
    expect($$(el, '[part="themes"] button')).to.have.length(14);
    expect($$(el, '[part="partners"] button')).to.have.length(9);
    expect(shadowText(el)).to.contain('Papiers et citoyenneté').and.contain('France Travail').and.contain('Catalogue mis à jour le');
    // Without site-id nor locator-url: the widgets' server's page with the locator.
    expect(($(el, '[part="locator-link"]') as HTMLAnchorElement).href).to.equal(new URL('/', realApi()).href);
    await expect(el).to.be.accessible();
  });

  it('finds a need whatever the accents, case, typos, spaces and synonyms', async () => {
    const el = await fixture<FsPartnerDirectory>(html`<fs-partner-directory api=${realApi()}></fs-partner-directory>`);
    await until(ready(el), 'the catalogue');
    const cases: Array<[string, RegExp]> = [
      ['impot', /impôt|revenus|impôts/i],
      ['cartegrise', /carte grise/i],
      ['chomage', /France Travail|chômage/i],
      ['APL', /aide au logement/i],
      ['pasport', /passeport/i],
      ['passeprt', /passeport/i],
      ['retraitte', /retraite|réversion|carrière/i],
      ['Renouveler ma carte d’identité', /Renouveler sa carte d'identité/],
    ];
    for (const [query, expected] of cases) {
      await typeNeed(el, query);
      expect(firstTitle(el), query).to.match(expected);
      expect($(el, '.count')!.textContent, query).to.match(/démarches? trouvées? pour/);
    }
    // "chomage" names France Travail, whose page is one button away.
    await typeNeed(el, 'chomage');
    expect($(el, '.partner-hits button')!.getAttribute('aria-label')).to.equal('Voir la fiche France Travail');
    expect($$(el, '.results .result')[0]!.querySelector('[lang="fr"]')!.textContent).to.contain('France Travail');
    await expect(el).to.be.accessible();
  });

  it('shows what to bring, where it is done and the official links in a result’s details; fires its events', async () => {
    const el = await fixture<FsPartnerDirectory>(html`<fs-partner-directory api=${realApi()}></fs-partner-directory>`);
    await until(ready(el), 'the catalogue');
    const directory = (await (await fetch(`${realApi()}/directory`)).json()) as Directory;
    await typeNeed(el, 'passeport');
    const searched = oneEvent(el, 'fs-need-search');
    ($(el, 'form button[type="submit"]') as HTMLButtonElement).click();
    expect((await searched).detail).to.deep.equal({ query: 'passeport', results: $$(el, '.results .result').length });
    const result = $$(el, '.results .result')[0]!;
    const demarche = directory.demarches.find((d) => d.id === result.dataset.demarche)!;
    expect(result.querySelector('[part="badge"]')!.textContent).to.equal('Préparé avec l’agent, terminé chez le partenaire');
    expect(result.querySelector('.details')!.hasAttribute('hidden')).to.equal(true);
    const toggle = result.querySelector('.toggle') as HTMLButtonElement;
    const opened = oneEvent(el, 'fs-demarche-open');
    toggle.click();
    expect((await opened).detail).to.deep.equal({ id: demarche.id });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const details = result.querySelector('.details')!;
    expect(details.hasAttribute('hidden')).to.equal(false);
    expect(details.textContent).to.contain('Ce qu’il faut apporter').and.contain(demarche.documents[0]!).and.contain(demarche.help_note);
    const online = details.querySelector<HTMLAnchorElement>('.online a')!;
    expect(online.href).to.equal(new URL(demarche.online!.url).href);
    expect(online.target).to.equal('_blank');
    expect(online.rel).to.contain('noopener');
    expect(online.getAttribute('aria-label')).to.equal(`${demarche.online!.label} (site officiel, nouvel onglet)`);
    expect(details.querySelector<HTMLAnchorElement>('.source a')!.href).to.equal(demarche.source);
    await expect(el).to.be.accessible();
  });

  it('is usable with the keyboard only: type a need, Tab to a result, open it, browse a theme and come back', async () => {
    const el = await fixture<FsPartnerDirectory>(html`<fs-partner-directory api=${realApi()}></fs-partner-directory>`);
    await until(ready(el), 'the catalogue');
    ($(el, '#need') as HTMLInputElement).focus();
    await sendKeys({ type: 'cartegrise' });
    await el.updateComplete;
    expect(el.query).to.equal('cartegrise');
    // Tab: the search button, then the partner named (Intérieur), then the first result.
    for (let i = 0; i < 5 && !active(el)?.classList.contains('toggle'); i++) await sendKeys({ press: 'Tab' });
    expect(active(el)!.textContent).to.match(/carte grise/i);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)!.getAttribute('aria-expanded')).to.equal('true');
    expect(shadowText(el)).to.contain('Ce qu’il faut apporter');
    // Back to the box, empty it: the themes are shown again.
    ($(el, '#need') as HTMLInputElement).focus();
    for (let i = 0; i < 'cartegrise'.length; i++) await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(el.query).to.equal('');
    await sendKeys({ press: 'Tab' }); // Rechercher
    await sendKeys({ press: 'Tab' }); // the first theme
    expect(active(el)!.dataset.opener).to.equal('theme:papiers-citoyennete');
    await sendKeys({ press: 'Tab' });
    expect(active(el)!.dataset.opener).to.equal('theme:vehicule-permis');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    // The theme's page, its heading focused.
    expect(active(el)!.id).to.equal('view-title');
    expect(active(el)!.textContent!.trim()).to.equal('Véhicule et permis de conduire');
    expect($$(el, '.results .result').length).to.be.greaterThan(3);
    await expect(el).to.be.accessible();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(active(el)!.getAttribute('part')).to.equal('back');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)!.dataset.opener).to.equal('theme:vehicule-permis');
    expect($$(el, '[part="themes"] button')).to.have.length(14);
  });

  it('shows a partner’s page: description, what they handle, official links, their démarches; axe', async () => {
    const el = await fixture<FsPartnerDirectory>(html`<fs-partner-directory api=${realApi()}></fs-partner-directory>`);
    await until(ready(el), 'the catalogue');
    ($(el, '[data-opener="partner:caf"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(active(el)!.textContent).to.contain('Caisse d');
    expect(shadowText(el)).to.contain('Ce dont il s’occupe').and.contain('Services en ligne').and.contain('Démarches courantes');
    expect($$(el, '.results .result').map((r) => r.dataset.demarche)).to.include('aides-logement-apl');
    const website = $$(el, 'a').find((a) => a.textContent === 'Site officiel') as HTMLAnchorElement;
    expect(website.target).to.equal('_blank');
    await expect(el).to.be.accessible();
  });

  it('with site-id: the site’s local partner and its monthly permanence’s next dates, made through the real API, and its phone; axe', async () => {
    const { partner, permanence } = await localPartnerWithPermanence();
    const site = (await (await fetch(`${realApi()}/sites/${SITE}`)).json()) as { name: string; phone: string };
    const el = await fixture<FsPartnerDirectory>(
      html`<fs-partner-directory api=${realApi()} site-id=${SITE} heading-level="3"></fs-partner-directory>`,
    );
    await until(() => ready(el)() && $(el, `[data-permanence="${permanence.id}"]`) !== null, 'the site’s permanences');
    const section = $(el, '[part="site"]')!;
    expect(section.textContent)
      .to.contain(site.name)
      .and.contain('Les agents vous aident pour les démarches des neuf partenaires nationaux');
    expect($(el, '#site-title')!.getAttribute('aria-level')).to.equal('4');
    const local = $(el, `[data-local-partner="${partner.id}"]`)!;
    expect(local.textContent).to.contain('Mission locale du Sud Aveyron').and.contain('16-25 ans');
    expect(local.querySelector<HTMLAnchorElement>('a[href^="tel:"]')!.getAttribute('aria-label')).to.equal(
      'Appeler Mission locale du Sud Aveyron au 05 65 60 00 00',
    );
    const item = $(el, `[data-permanence="${permanence.id}"]`)!;
    expect(item.textContent)
      .to.contain('Mission locale du Sud Aveyron')
      .and.contain('Le 2e mardi du mois')
      .and.contain('Sur rendez-vous')
      .and.contain('Salle du conseil');
    // The next dates the server computed (public holidays skipped), in French.
    const fresh = (await (await fetch(`${realApi()}/sites/${SITE}/partners`, { cache: 'no-store' })).json()) as SitePartners;
    const next = fresh.permanences.find((p) => p.id === permanence.id)!.next;
    expect(next.length).to.be.greaterThan(0);
    const dates = [...item.querySelectorAll('.dates time')].map((t) => t.textContent!.trim());
    expect(dates).to.deep.equal(next.map((n) => `${formatDayAndDate(n.date, 'fr')}, 9 h – 12 h`));
    expect(dates[0]).to.match(/^Mardi \d{1,2} \S+, 9 h – 12 h$/);
    expect(item.querySelector('time')!.getAttribute('datetime')).to.equal(next[0]!.date);
    const call = section.querySelector<HTMLAnchorElement>('.call a')!;
    expect(call.textContent).to.equal(site.phone);
    expect(call.getAttribute('href')).to.match(/^tel:\d+$/);
    expect($(el, '[part="locator-link"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a search that finds nothing: says so, suggests words and themes, and to call the site; axe', async () => {
    const el = await fixture<FsPartnerDirectory>(html`<fs-partner-directory api=${realApi()} site-id=${SITE}></fs-partner-directory>`);
    await until(() => ready(el)() && $(el, '.site[data-state="ready"]') !== null, 'the catalogue and the site');
    await typeNeed(el, 'xqzwvk');
    const empty = $(el, '[part="empty"]')!;
    expect(empty.textContent).to.contain('Aucune démarche ne correspond à « xqzwvk »').and.contain('Vérifiez l’orthographe');
    expect(empty.querySelectorAll('[part="themes"] button')).to.have.length(14);
    expect(empty.querySelector<HTMLAnchorElement>('.contact a[href^="tel:"]')).to.not.equal(null);
    expect(empty.textContent).to.contain('un agent vous orientera');
    await expect(el).to.be.accessible();
    // An example runs its search; a theme opens its page.
    ([...empty.querySelectorAll('.examples button')].find((b) => b.textContent === 'carte grise') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(($(el, '#need') as HTMLInputElement).value).to.equal('carte grise');
    expect(firstTitle(el)).to.match(/carte grise/i);
  });

  it('a search that finds nothing, without site-id: the link to the nearest site', async () => {
    const el = await fixture<FsPartnerDirectory>(
      html`<fs-partner-directory api=${realApi()} locator-url="https://example.fr/trouver-france-services"></fs-partner-directory>`,
    );
    await until(ready(el), 'the catalogue');
    await typeNeed(el, 'zzzz qqqq');
    const link = $(el, '[part="empty"] [part="locator-link"]') as HTMLAnchorElement;
    expect(link.href).to.equal('https://example.fr/trouver-france-services');
    expect(link.textContent).to.equal('Trouver la France services la plus proche');
    await expect(el).to.be.accessible();
  });

  it('loading, server error (retry) and an unknown site; axe in each', async () => {
    const loading = await fixture<FsPartnerDirectory>(html`<fs-partner-directory api=${pendingApi}></fs-partner-directory>`);
    expect($(loading, '[aria-busy="true"]')).to.not.equal(null);
    expect(shadowText(loading)).to.contain('Chargement…');
    await expect(loading).to.be.accessible();

    const error = await fixture<FsPartnerDirectory>(html`<fs-partner-directory api=${unavailableApi}></fs-partner-directory>`);
    await until(() => $(error, '[data-state="error"]') !== null, 'the error');
    expect(shadowText(error)).to.contain('Affichage impossible pour le moment').and.contain('Réessayer');
    expect($(error, '[part="retry"]')).to.not.equal(null);
    await expect(error).to.be.accessible();

    const unknown = await fixture<FsPartnerDirectory>(
      html`<fs-partner-directory api=${realApi()} site-id="999999"></fs-partner-directory>`,
    );
    await until(() => ready(unknown)() && $(unknown, '.site[data-state="error"]') !== null, 'the unknown site');
    expect(shadowText(unknown)).to.contain('Aucune France services ne porte l’identifiant « 999999 »');
    await expect(unknown).to.be.accessible();

    // A site-id that no site can have (a typo in the snippet) is said too, not silently dropped.
    const typo = await fixture<FsPartnerDirectory>(html`<fs-partner-directory api=${realApi()} site-id="29 83"></fs-partner-directory>`);
    await until(() => ready(typo)() && $(typo, '.site[data-state="error"]') !== null, 'the refused site-id');
    expect(shadowText(typo)).to.contain('Aucune France services ne porte l’identifiant « 29 83 »');
  });

  it('offline without a saved copy: says so, with a retry that works when the network is back; axe', async () => {
    await clearOfflineCache();
    await setNetwork('down');
    const el = await fixture<FsPartnerDirectory>(html`<fs-partner-directory api=${proxiedApi}></fs-partner-directory>`);
    await until(() => $(el, '[data-state="offline"]') !== null, 'the offline state');
    expect(shadowText(el)).to.contain('Vous êtes hors ligne').and.contain('pas encore enregistrées');
    await expect(el).to.be.accessible();
    await setNetwork('up');
    ($(el, '[part="retry"]') as HTMLButtonElement).click();
    await until(ready(el), 'the catalogue after the retry');
  });

  it('offline with a saved copy: the copy, with a notice, and the search still works; axe', async () => {
    await clearOfflineCache();
    const online = await fixture<FsPartnerDirectory>(html`<fs-partner-directory api=${proxiedApi}></fs-partner-directory>`);
    await until(() => ready(online)() && !online.shadowRoot!.querySelector('[part="notice"]'), 'the catalogue');
    await new Promise((r) => setTimeout(r, 200)); // the copy is written after the answer is shown
    await setNetwork('down');
    const el = await fixture<FsPartnerDirectory>(html`<fs-partner-directory api=${proxiedApi}></fs-partner-directory>`);
    await until(() => $(el, '[part="notice"]') !== null, 'the offline notice');
    expect($(el, '[part="notice"]')!.textContent).to.contain('Vous êtes hors ligne : informations enregistrées le');
    await typeNeed(el, 'retraitte');
    expect(firstTitle(el)).to.match(/retraite|réversion|carrière/i);
    await expect(el).to.be.accessible();
  });

  it('speaks English with lang="en": texts, titles, dates of permanences; axe', async () => {
    const { permanence } = await localPartnerWithPermanence();
    const el = await fixture<FsPartnerDirectory>(
      html`<fs-partner-directory lang="en" api=${realApi()} site-id=${SITE}></fs-partner-directory>`,
    );
    await until(() => ready(el)() && $(el, `[data-permanence="${permanence.id}"]`) !== null, 'English');
    await el.updateComplete;
    expect($(el, 'label[for="need"]')!.textContent).to.equal('What do you need to do?');
    expect(shadowText(el)).to.contain('Browse by topic').and.contain('ID papers and citizenship').and.contain('Next sessions');
    const item = $(el, `[data-permanence="${permanence.id}"]`)!;
    expect(item.textContent).to.contain('The 2nd Tuesday of the month').and.contain('By appointment');
    expect(item.querySelector('.dates time')!.textContent).to.match(/^Tuesday \d{1,2} \S+, 9 am – 12 pm$/);
    await typeNeed(el, 'passport');
    expect(firstTitle(el)).to.match(/passport/i);
    expect($(el, '.count')!.textContent).to.match(/formalit(y|ies) found for “passport”/);
    ($(el, '.results .toggle') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(shadowText(el)).to.contain('What to bring').and.contain('(in French)');
    expect($(el, '.documents')!.getAttribute('lang')).to.equal('fr');
    await expect(el).to.be.accessible();
  });
});
