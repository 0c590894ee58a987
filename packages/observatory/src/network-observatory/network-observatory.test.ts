import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ObservatorySites } from '@fs-widgets/contract';
import './network-observatory.js';
import type { FsNetworkObservatory } from './network-observatory.component.js';
import {
  pendingApi,
  proxiedApi,
  realApi,
  setNetwork,
  shadowText,
  unavailableApi,
  until,
} from '../../../../test-support/component-test-env.js';

/** Where the observatory's elements keep the observer's token (the agents' shared sign-in, one key for the observatory). */
const TOKEN_KEY = 'fs-widgets:demarches:token:observatory';

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

const tokens = new Map<string, string>();
/** An observer's token made by the real CLI: `departement=48` or `network=1`. */
async function observerToken(query: string): Promise<string> {
  if (!tokens.has(query)) tokens.set(query, ((await (await fetch(`/__test/agent-token?${query}`)).json()) as { token: string }).token);
  return tokens.get(query)!;
}

async function observatory(attrs: { api?: string; departement?: string; lang?: string } = {}) {
  return fixture<FsNetworkObservatory>(
    html`<fs-network-observatory api=${attrs.api ?? realApi()} departement=${attrs.departement ?? ''} lang=${attrs.lang ?? 'fr'}></fs-network-observatory>`,
  );
}

const state = (el: Element) => $(el, '[part="base"]')?.dataset.state;
const siteRows = (el: Element) => $$(el, 'table[data-table="sites"] tbody tr');

/** Presses Tab until the focused element matches (keyboard only). */
async function tabTo(el: Element, matches: (a: HTMLElement) => boolean, what: string, max = 60) {
  for (let i = 0; i < max; i++) {
    const a = active(el);
    if (a && matches(a)) return a;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}`);
}

function expectVisibleFocus(node: HTMLElement) {
  const style = getComputedStyle(node);
  expect(style.outlineStyle).to.equal('solid');
  expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
}

describe('<fs-network-observatory>', () => {
  beforeEach(async () => {
    localStorage.removeItem(TOKEN_KEY);
    await setNetwork('up');
  });
  after(() => localStorage.removeItem(TOKEN_KEY));

  it('signed out: asks for the observer token (the shared sign-in), refuses a malformed one, then shows the département of a département token only; passes axe', async () => {
    const el = await observatory();
    expect(state(el)).to.equal('signed-out');
    expect(shadowText(el)).to.contain('Collez le jeton d’observation');
    await expect(el).to.be.accessible();
    // Keyboard only: into the field, a malformed token, Enter.
    $(el, '#token')!.focus();
    await sendKeys({ type: 'pas-un-jeton' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, '#token')!.getAttribute('aria-invalid')).to.equal('true');
    expect(active(el)?.id).to.equal('token');
    const input = $(el, '#token') as HTMLInputElement;
    input.value = '';
    await sendKeys({ type: await observerToken('departement=48') });
    await sendKeys({ press: 'Enter' });
    await until(() => state(el) === 'ready', 'the observatory of the Lozère');
    await until(() => siteRows(el).length > 0 && !!$(el, 'table[data-table="freshness"]'), 'the tables');
    expect(shadowText(el)).to.contain('Lozère (48)');
    // Every site shown is of the Lozère, as the API answers for this token.
    const res = await fetch(`${realApi()}/observatory/sites`, {
      headers: { authorization: `Bearer ${await observerToken('departement=48')}` },
    });
    const api = (await res.json()) as ObservatorySites;
    expect(api.items.every((s) => s.department === '48')).to.equal(true);
    expect(siteRows(el)).to.have.length(api.items.length);
    expect(siteRows(el).every((tr) => tr.children[2]!.textContent!.trim() === '48')).to.equal(true);
    // Period and source; a table with its caption and scope headers.
    expect($(el, '.period')!.textContent).to.contain('Source :');
    expect($(el, 'table[data-table="sites"] caption')!.textContent).to.contain(`${api.items.length} sur ${api.items.length}`);
    expect($$(el, 'table[data-table="sites"] thead th').every((th) => th.getAttribute('scope') === 'col')).to.equal(true);
    expect(siteRows(el)[0]!.querySelector('th')!.getAttribute('scope')).to.equal('row');
    await expect(el).to.be.accessible();
  });

  it('sorts a column with the keyboard (aria-sort, visible focus) and filters by compliance; shares below the minimum are never shown', async () => {
    localStorage.setItem(TOKEN_KEY, await observerToken('departement=48'));
    const el = await observatory();
    await until(() => siteRows(el).length > 0, 'the sites');
    (document.activeElement as HTMLElement | null)?.blur();
    $(el, '#filter-name')!.focus();
    const sortButton = await tabTo(el, (a) => a.dataset.sort === 'weekly_hours', 'the weekly hours’ header');
    expectVisibleFocus(sortButton);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const th = () => sortButton.closest('th')!;
    expect(th().getAttribute('aria-sort')).to.equal('descending');
    const hours = () => siteRows(el).map((tr) => Number(tr.children[4]!.textContent!.replace(',', '.').replace(/\s/g, '')));
    expect(hours()).to.deep.equal([...hours()].sort((a, b) => b - a));
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(th().getAttribute('aria-sort')).to.equal('ascending');
    expect(hours()).to.deep.equal([...hours()].sort((a, b) => a - b));
    expect(shadowText(el)).to.contain('Tableau trié par Heures par semaine, ordre croissant.');
    // Filter: the sites short of the charter only.
    const select = $(el, '#filter-compliance') as HTMLSelectElement;
    const total = siteRows(el).length;
    const short = [...select.options].find((o) => o.value === 'short');
    if (short) {
      select.value = 'short';
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(siteRows(el).length).to.be.below(total);
      expect(siteRows(el).every((tr) => tr.textContent!.includes('En dessous'))).to.equal(true);
    }
    // No share from fewer than the minimum: where the API has none (null), the cell says so, never a number.
    const res = await fetch(`${realApi()}/observatory/sites`, {
      headers: { authorization: `Bearer ${await observerToken('departement=48')}` },
    });
    const byId = new Map(((await res.json()) as ObservatorySites).items.map((s) => [s.id, s]));
    for (const tr of siteRows(el)) {
      const api = byId.get(tr.dataset.key!)!;
      const cell = tr.children[9]!.textContent!.trim();
      if (api.first_visit_share === null) expect(cell).to.equal('trop peu de réponses');
      else expect(cell).to.match(/^\d+ %$/);
    }
    // The activity, grouped by month instead of partner: its table or its empty message, with the period's figures.
    const group = $(el, '#activity-group') as HTMLSelectElement;
    group.value = 'month';
    group.dispatchEvent(new Event('change'));
    await until(() => !!$(el, 'table[data-table="activity"]') || !!$(el, '[data-section-state="empty"]'), 'the activity by month');
    expect(shadowText(el)).to.contain('Le réseau face aux chiffres publiés du programme');
    await expect(el).to.be.accessible();
  });

  it('downloads a table as CSV and XLSX with the token in the header (fetched, saved from a blob)', async () => {
    localStorage.setItem(TOKEN_KEY, await observerToken('departement=48'));
    const el = await observatory();
    await until(() => siteRows(el).length > 0, 'the sites');
    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      blobs.push(blob as Blob);
      return create.call(URL, blob);
    };
    try {
      $(el, '[data-downloads] button[data-format="csv"]')!.click();
      await until(() => shadowText(el).includes('.csv téléchargé'), 'the CSV');
      $(el, '[data-downloads] button[data-format="xlsx"]')!.click();
      await until(() => shadowText(el).includes('.xlsx téléchargé'), 'the XLSX');
    } finally {
      URL.createObjectURL = create;
    }
    const csv = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...csv.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const xlsx = new Uint8Array(await blobs[1]!.arrayBuffer());
    expect(String.fromCharCode(xlsx[0]!, xlsx[1]!)).to.equal('PK');
  });

  it('a département token asking for another département: refused, said plainly, with a way on; passes axe', async () => {
    localStorage.setItem(TOKEN_KEY, await observerToken('departement=48'));
    const el = await observatory({ departement: '30' });
    await until(() => state(el) === 'forbidden', 'the refusal');
    expect(shadowText(el)).to.contain('Ce jeton ne donne pas accès à ce périmètre');
    await expect(el).to.be.accessible();
    $(el, '[part="change-token"]')!.click();
    await until(() => state(el) === 'signed-out', 'the sign-in again');
    expect(localStorage.getItem(TOKEN_KEY)).to.equal(null);
  });

  it('a network token asking for a carrier that does not exist: said plainly, naming it; passes axe', async () => {
    localStorage.setItem(TOKEN_KEY, await observerToken('network=1'));
    const el = await fixture<FsNetworkObservatory>(
      html`<fs-network-observatory api=${realApi()} carrier="aucun-porteur"></fs-network-observatory>`,
    );
    await until(() => !!$(el, '[data-state="not-found"]'), 'the unknown scope');
    expect(shadowText(el)).to.contain('Aucun périmètre ne correspond à « aucun-porteur »');
    await expect(el).to.be.accessible();
  });

  it('loading, server down and offline: designed states; the retry is reached with Tab, with a visible focus; pass axe', async () => {
    localStorage.setItem(TOKEN_KEY, await observerToken('departement=48'));
    const loading = await observatory({ api: pendingApi });
    expect(state(loading)).to.equal('loading');
    expect(shadowText(loading)).to.contain('Chargement des chiffres du périmètre');
    await expect(loading).to.be.accessible();
    // Gone from the page, its seven requests that never answer are aborted: they would otherwise hold
    // the browser's six connections to this origin, and the next element's requests would time out.
    loading.remove();
    const down = await observatory({ api: unavailableApi });
    await until(() => state(down) === 'error', 'the error state');
    expect(shadowText(down)).to.contain('Le serveur ne répond pas');
    await expect(down).to.be.accessible();
    await setNetwork('down');
    const offline = await observatory({ api: proxiedApi });
    await until(() => !!$(offline, '[data-state="offline"]'), 'the offline state');
    expect(shadowText(offline)).to.contain('Vous êtes hors ligne');
    await expect(offline).to.be.accessible();
    const before = document.createElement('button');
    before.textContent = 'avant';
    offline.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(active(offline)?.getAttribute('part')).to.equal('retry');
    expectVisibleFocus(active(offline)!);
    before.remove();
    await setNetwork('up');
    active(offline)!.click();
    await until(() => state(offline) === 'ready', 'the figures once back online');
  });

  it('in English: the sign-in and the figures', async () => {
    const el = await observatory({ lang: 'en' });
    await until(() => shadowText(el).includes('Paste the observer token'), 'English');
    localStorage.setItem(TOKEN_KEY, await observerToken('departement=48'));
    const en = await observatory({ lang: 'en' });
    await until(() => state(en) === 'ready' && shadowText(en).includes('Key figures'), 'English figures');
    expect(shadowText(en)).to.contain('Scope: Lozère (48)');
    await expect(en).to.be.accessible();
  });
});
