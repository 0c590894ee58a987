import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@fs-widgets/site-locator/site-card.js';
import '@fs-widgets/site-locator/site-locator.js';
import './configurator.js';
import type { FsConfigurator } from './configurator.component.js';
import type { FsSnippetCopyDetail } from './configurator.js';
import { clearOfflineCache, realApi, shadowText, until } from '../../../../test-support/component-test-env.js';

/** The real server (it serves the manifest, the integrity and the API), as a base URL. */
const server = () => realApi().replace(/api\/v1$/, '');
/** A server that answers 503 to everything (the test proxy), for the error state. */
const UNAVAILABLE = '/__test/status/503/';
/** Nothing listens there: the browser cannot reach it, as when offline. */
const UNREACHABLE = 'http://127.0.0.1:9/';

const $ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const ready = (el: FsConfigurator) => () => $$(el, 'input[name="widget"]').length > 0 && !el.hasAttribute('data-fs-locale-pending');
const preview = (el: FsConfigurator) => el.querySelector(':scope > [slot="preview"]')?.firstElementChild ?? null;
const code = (el: FsConfigurator, variant: string) => $<HTMLTextAreaElement>(el, `#${variant}-code`)?.value ?? '';
const deepActive = (): Element | null => {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};

async function configurator(attrs: { server?: string; lang?: string } = {}): Promise<FsConfigurator> {
  const el = await fixture<FsConfigurator>(
    html`<fs-configurator server=${attrs.server ?? server()} lang=${attrs.lang ?? 'fr'} no-url-state></fs-configurator>`,
  );
  return el;
}

async function chooseWidget(el: FsConfigurator, tag: string): Promise<void> {
  const radio = $<HTMLInputElement>(el, `input[name="widget"][value="${tag}"]`)!;
  radio.click();
  await el.updateComplete;
}

const searchInput = (el: FsConfigurator) => $(el, 'fs-commune-search')!.shadowRoot!.querySelector<HTMLInputElement>('input')!;
const problem = (el: FsConfigurator) => $(el, '#place-problem')?.textContent ?? '';
const choices = (el: FsConfigurator) => $$(el, '.place-choices button').map((b) => b.textContent!.trim());

/** Types over what the commune field holds (as a person selecting it all and typing), without choosing. */
async function typeCommune(el: FsConfigurator, text: string): Promise<void> {
  const input = searchInput(el);
  input.focus();
  input.select();
  await sendKeys({ type: text });
  await el.updateComplete;
}

/** Types in the commune search and chooses the first suggestion, with the keyboard. */
async function chooseCommune(el: FsConfigurator, text: string): Promise<void> {
  const search = $(el, 'fs-commune-search')!;
  const input = search.shadowRoot!.querySelector<HTMLInputElement>('input')!;
  input.focus();
  await sendKeys({ type: text });
  await until(() => input.getAttribute('aria-expanded') === 'true', 'the commune suggestions');
  await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Enter' });
  await until(() => shadowText(el).includes('Commune choisie'), 'the commune chosen');
}

describe('<fs-configurator>', () => {
  before(() => clearOfflineCache());

  it('lists the public widgets of the manifest, and not the agents’ tools (axe: initial state)', async () => {
    const el = await configurator();
    await until(ready(el), 'the list of widgets');
    const tags = $$(el, 'input[name="widget"]').map((i) => (i as HTMLInputElement).value);
    expect(tags).to.include.members(['fs-site-locator', 'fs-site-card', 'fs-satisfaction', 'fs-partner-directory', 'fs-demarche-tracker']);
    expect(tags).not.to.include('fs-demarche-log');
    expect(tags).not.to.include('fs-partner-editor');
    expect(tags).not.to.include('fs-closure-editor');
    expect(tags).not.to.include('fs-outreach-editor');
    expect(tags).not.to.include('fs-commune-search');
    expect(tags).not.to.include('fs-configurator');
    expect(shadowText(el)).to.include('1. Choisissez le widget');
    expect(shadowText(el)).to.include('Les outils des agents');
    expect($(el, '#script-code')).to.equal(null);
    expect($(el, '[role="heading"]')!.getAttribute('aria-level')).to.equal('2');
    await expect(el).to.be.accessible();
  });

  it('generates the form from the manifest: checkbox, list, number, text, with French labels (axe: widget chosen)', async () => {
    const el = await configurator();
    await until(ready(el), 'the list of widgets');
    await chooseWidget(el, 'fs-site-locator');
    expect(shadowText(el)).to.include('2. Indiquez votre commune');
    expect($<HTMLInputElement>(el, '[data-attribute="no-url-state"] input')!.type).to.equal('checkbox');
    const view = $<HTMLSelectElement>(el, '[data-attribute="view"] select')!;
    expect([...view.options].map((o) => o.value)).to.deep.equal(['list', 'map', 'split']);
    expect(view.value).to.equal('list');
    expect($<HTMLInputElement>(el, '[data-attribute="limit"] input')!.type).to.equal('number');
    expect($<HTMLInputElement>(el, '[data-attribute="url-prefix"] input')!.type).to.equal('text');
    expect($(el, '[data-attribute="commune"]'), 'the INSEE code is not asked').to.equal(null);
    expect($(el, '[data-attribute="api"]'), 'the API base is not offered').to.equal(null);
    expect(shadowText(el)).to.include('Réglages avancés');
    // The preview is the real widget, in the light DOM, where the page's loader sees it.
    expect(preview(el)?.localName).to.equal('fs-site-locator');
    expect(preview(el)?.hasAttribute('no-url-state')).to.equal(true);
    expect(code(el, 'script')).to.match(/<fs-site-locator><\/fs-site-locator>$/);
    await expect(el).to.be.accessible();
  });

  it('chooses the commune with the locator’s search, then the nearest site; the snippets follow (axe: commune chosen)', async () => {
    const el = await configurator();
    await until(ready(el), 'the list of widgets');
    await chooseWidget(el, 'fs-site-card');
    await chooseCommune(el, 'Mende');
    await until(() => $$(el, 'input[name="site"]').length > 1, 'the nearest sites');
    await until(() => ($<HTMLInputElement>(el, '[data-attribute="site-id"] input')?.value ?? '') === '2983', 'the nearest site chosen');
    expect(shadowText(el)).to.include('La plus proche est choisie : France services de Mende');
    // The preview is rebuilt once the changes pause.
    await until(() => preview(el)?.getAttribute('site-id') === '2983', 'the preview of the site');
    expect(code(el, 'script')).to.match(/<fs-site-card site-id="2983"><\/fs-site-card>$/);
    expect(code(el, 'script')).to.match(new RegExp(`^<script type="module" src="${server()}widgets/(v[^/]+/)?fs-widgets\\.js"`));
    expect(code(el, 'iframe')).to.include(
      `<iframe src="${server()}embed/fs-site-card?site-id=2983" title="Votre France services — France services de Mende"`,
    );
    expect(code(el, 'note')).to.include(`script-src ${new URL(server()).origin}`);
    expect(code(el, 'note')).to.include(`frame-src ${new URL(server()).origin}`);
    // Another site of the list.
    const second = $$(el, 'input[name="site"]')[1] as HTMLInputElement;
    second.click();
    await el.updateComplete;
    expect(code(el, 'script')).not.to.include('site-id="2983"');
    await expect(el).to.be.accessible();
  });

  it('leaves a banner on “the nearest of the commune” unless the person picks a site; a card gets the nearest again', async () => {
    const el = await configurator();
    await until(ready(el), 'the list of widgets');
    await chooseWidget(el, 'fs-site-card');
    await chooseCommune(el, 'Mende');
    await until(() => ($<HTMLInputElement>(el, '[data-attribute="site-id"] input')?.value ?? '') === '2983', 'the nearest site chosen');
    await chooseWidget(el, 'fs-banner');
    await until(() => $$(el, 'input[name="site"]').length > 1, 'the nearest sites');
    expect(code(el, 'script')).to.match(/<fs-banner commune="48095"><\/fs-banner>$/);
    expect(shadowText(el)).to.include('La plus proche de la commune, choisie automatiquement');
    await chooseWidget(el, 'fs-site-card');
    await until(() => code(el, 'script').endsWith('<fs-site-card site-id="2983"></fs-site-card>'), 'the nearest site chosen again');
    // A site the person picks stays, even on the banner.
    ($$(el, 'input[name="site"]')[1] as HTMLInputElement).click();
    await el.updateComplete;
    const picked = $<HTMLInputElement>(el, '[data-attribute="site-id"] input')!.value;
    expect(picked).not.to.equal('2983');
    await chooseWidget(el, 'fs-banner');
    expect(code(el, 'script')).to.include(`site-id="${picked}"`);
  });

  it('fills the locator’s commune with the INSEE code, and escapes what is typed (axe)', async () => {
    const el = await configurator();
    await until(ready(el), 'the list of widgets');
    await chooseWidget(el, 'fs-site-locator');
    await chooseCommune(el, '48000');
    expect(code(el, 'script')).to.match(/<fs-site-locator commune="48095"><\/fs-site-locator>$/);
    expect(code(el, 'iframe')).to.include('allow="geolocation"');
    expect(code(el, 'note')).to.include('img-src https://tile.openstreetmap.org');
    const url = $<HTMLInputElement>(el, '[data-attribute="url-prefix"] input')!;
    url.value = '"><script>alert(1)</script>';
    url.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(code(el, 'script')).to.include('url-prefix="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(code(el, 'script').match(/<script/g)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('copies a snippet and says so in a live region (axe: copied)', async () => {
    const el = await configurator();
    await until(ready(el), 'the list of widgets');
    await chooseWidget(el, 'fs-site-card');
    const event = oneEvent(el, 'fs-snippet-copy');
    $<HTMLButtonElement>(el, '#script-copy')!.click();
    const { detail } = (await event) as CustomEvent<FsSnippetCopyDetail>;
    expect(detail.variant).to.equal('script');
    expect(detail.tag).to.equal('fs-site-card');
    const status = $(el, '[data-variant="script"] [role="status"]')!;
    await until(() => (status.textContent ?? '').length > 0, 'the copy status');
    expect(status.textContent).to.equal(
      detail.copied
        ? 'Copié. Collez-le dans votre site (Ctrl+V, ou Cmd+V sur Mac).'
        : 'Le code est sélectionné : appuyez sur Ctrl+C (ou Cmd+C sur Mac) pour le copier.',
    );
    await expect(el).to.be.accessible();
  });

  it('keyboard only: choose a widget, fill the commune in the combobox, skip the preview, copy the snippet', async () => {
    const el = await configurator();
    await until(ready(el), 'the list of widgets');
    $<HTMLInputElement>(el, 'input[name="widget"]')!.focus();
    // Arrows move between the radio buttons of a group, and choose.
    for (let i = 0; i < 8 && $<HTMLInputElement>(el, 'input[name="widget"]:checked')?.value !== 'fs-site-card'; i++)
      await sendKeys({ press: 'ArrowRight' });
    expect($<HTMLInputElement>(el, 'input[name="widget"]:checked')!.value).to.equal('fs-site-card');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('role')).to.equal('combobox');
    await sendKeys({ type: 'mende' });
    const search = $(el, 'fs-commune-search')!.shadowRoot!;
    await until(() => search.querySelector('input')!.getAttribute('aria-expanded') === 'true', 'the suggestions');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => ($<HTMLInputElement>(el, '[data-attribute="site-id"] input')?.value ?? '') === '2983', 'the nearest site chosen');
    // Tab on to the link that skips the preview, then to the code.
    for (let i = 0; i < 20 && !deepActive()?.classList.contains('skip'); i++) await sendKeys({ press: 'Tab' });
    expect(deepActive()?.textContent).to.equal('Passer l’aperçu et aller au code');
    await sendKeys({ press: 'Enter' });
    expect(deepActive()?.id).to.equal('code-title');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.id).to.equal('script-code');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.id).to.equal('script-copy');
    const event = oneEvent(el, 'fs-snippet-copy');
    await sendKeys({ press: 'Enter' });
    const { detail } = (await event) as CustomEvent<FsSnippetCopyDetail>;
    await until(() => ($(el, '[data-variant="script"] [role="status"]')?.textContent ?? '') !== '', 'the copy status');
    if (detail.copied) {
      expect(await navigator.clipboard.readText().catch(() => code(el, 'script'))).to.equal(code(el, 'script'));
    } else {
      // The fallback: the whole snippet selected, ready for Ctrl+C.
      const area = $<HTMLTextAreaElement>(el, '#script-code')!;
      expect(deepActive()).to.equal(area);
      expect([area.selectionStart, area.selectionEnd]).to.deep.equal([0, area.value.length]);
    }
    expect(code(el, 'script')).to.include('<fs-site-card site-id="2983"></fs-site-card>');
  });

  it('says when the list of widgets cannot be loaded, and loads it again (axe: error)', async () => {
    const el = await configurator({ server: UNAVAILABLE });
    await until(() => $(el, '.problem') !== null, 'the error state', 19_000);
    expect(el.shadowRoot!.querySelector('[data-state]')!.getAttribute('data-state')).to.equal('error');
    expect(shadowText(el)).to.include('La liste des widgets n’a pas pu être chargée');
    expect($(el, '[part="retry"]')!.textContent).to.equal('Réessayer');
    await expect(el).to.be.accessible();
  });

  it('says when the browser is offline (axe: offline)', async () => {
    const el = await configurator({ server: UNREACHABLE });
    await until(() => $(el, '.problem') !== null, 'the offline state', 19_000);
    expect(el.shadowRoot!.querySelector('[data-state]')!.getAttribute('data-state')).to.equal('offline');
    expect(shadowText(el)).to.include('Vous êtes hors ligne');
    await expect(el).to.be.accessible();
  });

  it('keeps the configuration in the page’s address and reads it back', async () => {
    const before = location.href;
    try {
      const el = await fixture<FsConfigurator>(html`<fs-configurator server=${server()}></fs-configurator>`);
      await until(ready(el), 'the list of widgets');
      await chooseWidget(el, 'fs-satisfaction');
      const ask = $<HTMLInputElement>(el, '[data-attribute="ask-comment"] input')!;
      ask.click();
      await el.updateComplete;
      const query = new URLSearchParams(location.search);
      expect(query.get('widget')).to.equal('fs-satisfaction');
      expect(query.get('ask-comment')).to.equal('');
      el.remove();
      history.replaceState(null, '', `${location.pathname}?widget=fs-site-card&site-id=2983&insee=48095&lieu=Mende+%2848000%29&colour=red`);
      const again = await fixture<FsConfigurator>(html`<fs-configurator server=${server()}></fs-configurator>`);
      await until(
        () => $<HTMLInputElement>(again, 'input[name="widget"]:checked')?.value === 'fs-site-card',
        'the configuration read back',
      );
      await again.updateComplete;
      expect($<HTMLInputElement>(again, '[data-attribute="site-id"] input')!.value).to.equal('2983');
      expect(shadowText(again)).to.include('Commune choisie : Mende (48000).');
      expect(searchInput(again).value, 'the field shows the commune').to.equal('Mende (48000)');
      expect(code(again, 'script')).to.match(/<fs-site-card site-id="2983"><\/fs-site-card>$/);
    } finally {
      history.replaceState(null, '', before);
    }
  });

  describe('the commune of the code', () => {
    it('takes the commune a text left in the field names exactly, and never keeps the previous one in the code (axe)', async () => {
      const el = await configurator();
      await until(ready(el), 'the list of widgets');
      await chooseWidget(el, 'fs-site-locator');
      // Starting fresh: typed, not chosen in the list, and the field left with Tab.
      await typeCommune(el, 'nanteuil en vallee');
      await sendKeys({ press: 'Tab' });
      await until(() => code(el, 'script').endsWith('<fs-site-locator commune="16242"></fs-site-locator>'), 'Nanteuil-en-Vallée chosen');
      expect(shadowText(el)).to.include('Commune choisie : Nanteuil-en-Vallée (16700).');
      expect(searchInput(el).value).to.equal('Nanteuil-en-Vallée (16700)');
      // Another commune typed over it: the previous one leaves the code at once.
      await typeCommune(el, 'mende');
      expect(code(el, 'script')).to.match(/<fs-site-locator><\/fs-site-locator>$/);
      expect(shadowText(el)).not.to.include('Commune choisie');
      expect(shadowText(el)).not.to.include('Nanteuil');
      await sendKeys({ press: 'Tab' });
      await until(() => code(el, 'script').endsWith('<fs-site-locator commune="48095"></fs-site-locator>'), 'Mende chosen');
      expect(searchInput(el).value).to.equal('Mende (48000)');
      expect(problem(el)).to.equal('');
      await expect(el).to.be.accessible();
      // Copying straight from the field (without leaving it) copies the commune it names.
      await typeCommune(el, 'Nanteuil-en-Vallée');
      const copy = oneEvent(el, 'fs-snippet-copy');
      $<HTMLButtonElement>(el, '#script-copy')!.click();
      await copy;
      expect(code(el, 'script')).to.match(/<fs-site-locator commune="16242"><\/fs-site-locator>$/);
    });

    it('refuses to copy while the field names several communes or none, and lists the namesakes (axe)', async () => {
      const el = await configurator();
      await until(ready(el), 'the list of widgets');
      await chooseWidget(el, 'fs-site-locator');
      await chooseCommune(el, 'Mende');
      await typeCommune(el, 'saint denis');
      await sendKeys({ press: 'Tab' });
      await until(() => problem(el) !== '', 'the namesakes');
      expect(problem(el)).to.equal('Choisissez votre commune dans la liste : 4 communes s’appellent Saint-Denis.');
      expect($(el, '.place-problem')!.getAttribute('role'), 'announced').to.equal('alert');
      // Each told apart: by its département where the server names it, else by its postcodes.
      expect(choices(el)).to.have.length(4);
      expect(new Set(choices(el)).size).to.equal(4);
      for (const choice of choices(el)) expect(choice).to.match(/^Saint-Denis \(.+\)$/);
      expect(code(el, 'script'), 'neither Mende nor a Saint-Denis').to.match(/<fs-site-locator><\/fs-site-locator>$/);
      // Copying is refused, and says why at the button.
      let copies = 0;
      el.addEventListener('fs-snippet-copy', () => copies++);
      $<HTMLButtonElement>(el, '#script-copy')!.click();
      await until(() => $(el, '[data-variant="script"]')!.getAttribute('data-status') === 'refused', 'the copy refused');
      expect($(el, '[data-variant="script"] [role="status"]')!.textContent).to.equal(
        'Choisissez votre commune dans la liste, plus haut : le code n’a pas été copié.',
      );
      expect(copies).to.equal(0);
      await expect(el).to.be.accessible();
      // The button beside the message leads back to the choices.
      (
        $$(el, '[data-variant="script"] .copy-row button').find(
          (b) => b.textContent === 'Aller au choix de la commune',
        ) as HTMLButtonElement
      ).click();
      expect(deepActive()?.closest('.place-choices')).not.to.equal(null);
      // A namesake chosen: in the field and in the code; copying works.
      const seineSaintDenis = $$(el, '.place-choices button').find((b) => /93200|Seine-Saint-Denis/.test(b.textContent!))!;
      const label = seineSaintDenis.textContent!.trim();
      seineSaintDenis.click();
      await until(() => code(el, 'script').endsWith('<fs-site-locator commune="93066"></fs-site-locator>'), 'Saint-Denis (93) chosen');
      expect(searchInput(el).value).to.equal(label);
      expect($(el, '.place-choices')).to.equal(null);
      expect(problem(el)).to.equal('');
      const copy = oneEvent(el, 'fs-snippet-copy');
      $<HTMLButtonElement>(el, '#script-copy')!.click();
      await copy;
      expect(copies).to.equal(1);
      // No commune of that name.
      await typeCommune(el, 'Zzyzx');
      await sendKeys({ press: 'Tab' });
      await until(() => problem(el) !== '', 'no commune of that name');
      expect(problem(el)).to.equal('Choisissez votre commune dans la liste : aucune commune ne s’appelle «\u00a0Zzyzx\u00a0».');
      expect(code(el, 'script')).to.match(/<fs-site-locator><\/fs-site-locator>$/);
      $<HTMLButtonElement>(el, '#iframe-copy')!.click();
      await until(() => $(el, '[data-variant="iframe"]')!.getAttribute('data-status') === 'refused', 'the copy refused');
      expect(copies).to.equal(1);
      await expect(el).to.be.accessible();
    });

    it('asks which commune of a shared postcode is meant: Enter does not take the first (axe)', async () => {
      const el = await configurator();
      await until(ready(el), 'the list of widgets');
      await chooseWidget(el, 'fs-site-locator');
      const input = searchInput(el);
      input.focus();
      await sendKeys({ type: '16700' });
      await until(() => input.getAttribute('aria-expanded') === 'true', 'the suggestions of 16700');
      await sendKeys({ press: 'Enter' });
      await until(() => choices(el).length > 0, 'the communes of 16700');
      expect(problem(el)).to.equal('Choisissez votre commune dans la liste : 16 communes ont le code postal 16700.');
      expect(choices(el)).to.have.length(16);
      expect(choices(el).slice(0, 5), 'by name').to.deep.equal(['Barro', 'Bernac', 'Bioussac', 'Condac', 'Courcôme']);
      expect(choices(el)).to.include.members(['Ruffec', 'Nanteuil-en-Vallée']);
      expect(shadowText(el)).not.to.include('Commune choisie');
      expect(code(el, 'script'), 'not Ruffec').to.match(/<fs-site-locator><\/fs-site-locator>$/);
      await until(() => deepActive() === $$(el, '.place-choices button')[0], 'the focus on the first choice');
      expect(deepActive()!.textContent!.trim()).to.equal('Barro');
      await expect(el).to.be.accessible();
      // With the keyboard: Tab to Nanteuil-en-Vallée, Enter.
      for (let i = 0; i < 16 && deepActive()?.textContent?.trim() !== 'Nanteuil-en-Vallée'; i++) await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await until(() => code(el, 'script').endsWith('<fs-site-locator commune="16242"></fs-site-locator>'), 'Nanteuil-en-Vallée chosen');
      expect(deepActive(), 'back in the field').to.equal(searchInput(el));
      expect(searchInput(el).value).to.equal('Nanteuil-en-Vallée (16700)');
      // A postcode of one commune, or an exact name, is taken with Enter.
      await typeCommune(el, '29200');
      await sendKeys({ press: 'Enter' });
      await until(() => code(el, 'script').endsWith('<fs-site-locator commune="29019"></fs-site-locator>'), 'Brest chosen');
      await typeCommune(el, 'mende');
      await sendKeys({ press: 'Enter' });
      await until(() => code(el, 'script').endsWith('<fs-site-locator commune="48095"></fs-site-locator>'), 'Mende chosen');
      expect(searchInput(el).getAttribute('aria-expanded')).to.equal('false');
    });
  });

  it('never asks the INSEE code, folds the advanced settings, offers the filters as boxes to tick (axe: folded, open)', async () => {
    const el = await configurator();
    await until(ready(el), 'the list of widgets');
    await chooseWidget(el, 'fs-site-locator');
    await chooseCommune(el, 'Mende');
    expect($(el, '[data-attribute="commune"]')).to.equal(null);
    const details = $<HTMLDetailsElement>(el, 'details.advanced')!;
    expect(details.open, 'folded by default').to.equal(false);
    const step = $(el, '[data-attribute="view"]')!.closest('fieldset.step')!;
    const main = [...step.querySelectorAll<HTMLElement>(':scope > .fields > [data-attribute]')].map((f) => f.dataset.attribute);
    expect(main).to.deep.equal(['radius', 'view', 'theme', 'lang']);
    for (const name of ['postcode', 'limit', 'filters', 'tiles', 'lat', 'geocoder', 'no-url-state', 'heading-level'])
      expect(details.querySelector(`[data-attribute="${name}"]`), name).not.to.equal(null);
    // Plain French: no INSEE code, no tags, no attribute values.
    const text = shadowText(el);
    for (const jargon of ['INSEE', '<script>', 'balises', 'open-now', '« none »', 'Ouvrir «', 'nouvel onglet (pour'])
      expect(text, jargon).not.to.include(jargon);
    expect($(el, '.alone a')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Voir la page seule (pour l’imprimer ou la montrer) (nouvel onglet)',
    );
    await expect(el).to.be.accessible();

    details.querySelector('summary')!.click();
    await el.updateComplete;
    const filters = $(el, '[data-attribute="filters"]')!;
    expect(filters.localName).to.equal('fieldset');
    expect(filters.querySelector('legend')!.textContent).to.equal('Filtres proposés');
    const boxes = () => [...filters.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    const labels = boxes().map((b) => filters.querySelector(`label[for="${b.id}"]`)!.textContent);
    expect(labels).to.deep.equal([
      'Ouvert maintenant',
      'Ouvert le samedi',
      'Type d’accueil',
      'Service proposé (point justice, Wi-Fi, partenaire local…)',
      'Distance maximale',
      'Aucun filtre',
    ]);
    expect(boxes().map((b) => b.checked)).to.deep.equal([true, true, true, true, true, false]);
    const tick = async (label: string) => {
      boxes()[labels.indexOf(label)]!.click();
      await el.updateComplete;
    };
    await tick('Aucun filtre');
    expect(code(el, 'script')).to.include('filters="none"');
    expect(boxes().map((b) => b.checked)).to.deep.equal([false, false, false, false, false, true]);
    await tick('Ouvert maintenant');
    expect(code(el, 'script')).to.include('filters="open-now"');
    expect(boxes().map((b) => b.checked)).to.deep.equal([true, false, false, false, false, false]);
    await tick('Distance maximale');
    expect(code(el, 'script')).to.include('filters="open-now,radius"');
    await tick('Ouvert le samedi');
    await tick('Type d’accueil');
    expect(code(el, 'script')).to.include('filters="open-now,saturday,kind,radius"');
    await tick('Service proposé (point justice, Wi-Fi, partenaire local…)');
    expect(code(el, 'script'), 'all of them: the default').not.to.include('filters=');
    await expect(el).to.be.accessible();

    // A text attribute whose values the strings name is a list to pick from.
    await chooseWidget(el, 'fs-satisfaction');
    const channel = $<HTMLSelectElement>(el, '[data-attribute="channel"] select')!;
    expect([...channel.options].map((o) => o.value)).to.deep.equal(['', 'web', 'kiosk', 'phone']);
    expect([...channel.options].map((o) => o.textContent)).to.deep.equal([
      '(par défaut)',
      'Sur une page web',
      'Sur une borne à l’accueil',
      'Au téléphone',
    ]);
  });

  it('speaks English on an English page', async () => {
    const el = await configurator({ lang: 'en' });
    await until(ready(el), 'the list of widgets');
    await chooseWidget(el, 'fs-site-card');
    expect(shadowText(el)).to.include('1. Choose the widget');
    expect(shadowText(el)).to.include('Your France services');
    expect($(el, '[data-attribute="site-id"] label')!.textContent).to.equal('France services identifier');
    expect(shadowText(el)).not.to.include('Choisissez le widget');
    await expect(el).to.be.accessible();
    await typeCommune(el, 'Zzyzx');
    await sendKeys({ press: 'Tab' });
    await until(() => problem(el) !== '', 'no town of that name');
    expect(problem(el)).to.equal('Choose your town in the list: no town is called “Zzyzx”.');
  });
});
