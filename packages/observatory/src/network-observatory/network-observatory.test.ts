import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ObservatoryAppointments, ObservatorySites } from '@fs-widgets/contract';
import { zonedParts } from '@fs-widgets/opening-hours';
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
import { fourAppointmentsToday } from '../../../../test-support/appointments-today.js';

/** Where the observatory's elements keep the observer's token (the agents' shared sign-in, one key for the observatory). */
const TOKEN_KEY = 'fs-widgets:demarches:token:observatory';

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

const tokens = new Map<string, string>();
/** An observer's token made by the real CLI (`departement=48` or `network=1`), or an agent's (`site=905`). */
async function observerToken(query: string): Promise<string> {
  if (!tokens.has(query)) tokens.set(query, ((await (await fetch(`/__test/agent-token?${query}`)).json()) as { token: string }).token);
  return tokens.get(query)!;
}

async function observatory(attrs: { api?: string; departement?: string; lang?: string } = {}) {
  return fixture<FsNetworkObservatory>(
    html`<fs-network-observatory api=${attrs.api ?? realApi()} departement=${attrs.departement ?? ''} lang=${attrs.lang ?? 'fr'}></fs-network-observatory>`,
  );
}

/**
 * Meyrueis (48), in the Lozère's scope, where no other test file books: its agents publish
 * exceptional hours today from 00:00 to 23:59 (an exception opens a weekend day or a public holiday
 * too), so an agent books later today whatever the day the tests run, and marks it (the server
 * takes arrived, done and no-show from the appointment's day on); the observatory's default period
 * (1 January to today) counts it. Not between 23:50 and midnight.
 */
const APPOINTMENT_SITE = '905';
const TODAY = zonedParts(new Date(), 'Europe/Paris').date;
let keys = 0;
const key = () => `wtr-observatory-${Date.now().toString(36)}-${keys++}`;

/** Meyrueis' agent's request (its token made by the real CLI). */
async function asAgent<T>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${proxiedApi}/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await observerToken(`site=${APPOINTMENT_SITE}`)}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** What the downloads save (the blobs given to `URL.createObjectURL`) while `run` runs. */
async function savedBlobs(run: () => Promise<void>): Promise<Blob[]> {
  const blobs: Blob[] = [];
  const create = URL.createObjectURL;
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    blobs.push(blob as Blob);
    return create.call(URL, blob);
  };
  try {
    await run();
  } finally {
    URL.createObjectURL = create;
  }
  return blobs;
}

async function observedAppointments(query: string, groupBy: string): Promise<ObservatoryAppointments> {
  const res = await fetch(`${realApi()}/observatory/appointments?group_by=${groupBy}`, {
    headers: { authorization: `Bearer ${await observerToken(query)}` },
    cache: 'no-store',
  });
  expect(res.status).to.equal(200);
  return (await res.json()) as ObservatoryAppointments;
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
    await until(
      () => !!$(el, 'table[data-table="activity"]') || !!$(el, '[data-section-state="empty"][data-table-state="activity"]'),
      'the activity by month',
    );
    expect(shadowText(el)).to.contain('Le réseau face aux chiffres publiés du programme');
    await expect(el).to.be.accessible();
  });

  it('appointments: booked, marked and cancelled by a site’s agent show by site, then by reason with the keyboard; shares below 30 bookings are « — » with the reason; sorted, downloaded; axe', async () => {
    await fourAppointmentsToday(asAgent, APPOINTMENT_SITE, TODAY, key, 'done');
    const api = await observedAppointments('departement=48', 'site');
    const meyrueis = api.items.find((r) => r.key === APPOINTMENT_SITE)!;
    expect(meyrueis).to.include({ bookings: 4, honoured: 1, no_shows: 1, cancelled: 1, pending: 1, booked_by_agents: 4 });
    expect(meyrueis.honoured_share).to.equal(null);

    localStorage.setItem(TOKEN_KEY, await observerToken('departement=48'));
    const el = await observatory();
    const rows = () => $$(el, 'table[data-table="appointments"] tbody tr');
    await until(() => rows().length > 0, 'the appointments by site');
    const table = $(el, 'table[data-table="appointments"]')!;
    expect(table.querySelector('caption')!.textContent!.trim()).to.equal('Rendez-vous par site');
    expect([...table.querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).to.deep.equal(Array(9).fill('col'));
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent!.replace(/[↕▲▼]/g, '').trim())).to.deep.equal([
      'France services',
      'Rendez-vous',
      'Honorés',
      'Absences',
      'Annulés',
      'Part honorée',
      'Part d’absences',
      'Part annulée',
      'Délai médian (jours)',
    ]);
    expect(rows().map((tr) => tr.dataset.key)).to.deep.equal(api.items.map((r) => r.key));
    const row = rows().find((tr) => tr.dataset.key === APPOINTMENT_SITE)!;
    expect(row.querySelector('th')!.getAttribute('scope')).to.equal('row');
    const cells = [...row.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim());
    expect(cells.slice(0, 5)).to.deep.equal(['France services Meyrueis', '4', '1', '1', '1']);
    // Fewer than 30 bookings: no share, no median; « — » and, for screen readers, why.
    for (const cell of cells.slice(5)) expect(cell).to.equal('— non publié : trop peu de rendez-vous');
    expect(row.children[5]!.querySelector('.visually-hidden')!.textContent!.trim()).to.equal('non publié : trop peu de rendez-vous');
    expect($(el, '[data-note="minimum"]')!.textContent).to.contain('qu’à partir de 30 rendez-vous');
    await expect(el).to.be.accessible();

    // Keyboard only: from the activity's choice to the appointments', then another group with the arrows.
    (document.activeElement as HTMLElement | null)?.blur();
    $(el, '#activity-group')!.focus();
    const select = (await tabTo(el, (a) => a.id === 'appointments-group', 'the appointments’ group')) as HTMLSelectElement;
    expectVisibleFocus(select);
    expect($(el, 'label[for="appointments-group"]')!.textContent).to.equal('Regrouper par');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => select.value === 'reason' && rows().some((tr) => tr.dataset.key === 'demarche:carte-vitale'), 'by reason');
    const byReason = await observedAppointments('departement=48', 'reason');
    expect(rows().map((tr) => tr.dataset.key)).to.deep.equal(byReason.items.map((r) => r.key));
    expect($(el, 'table[data-table="appointments"] caption')!.textContent!.trim()).to.equal('Rendez-vous par motif');
    const carteVitale = byReason.items.find((r) => r.key === 'demarche:carte-vitale')!;
    const reasonRow = rows().find((tr) => tr.dataset.key === 'demarche:carte-vitale')!;
    expect(reasonRow.querySelector('th')!.textContent!.trim()).to.equal(carteVitale.label);
    expect(reasonRow.children[1]!.textContent!.trim()).to.equal(String(carteVitale.bookings));
    // Sorted by bookings with the keyboard: aria-sort, announced.
    const sort = await tabTo(
      el,
      (a) => a.dataset.sort === 'bookings' && !!a.closest('table[data-table="appointments"]'),
      'the bookings’ header',
    );
    expectVisibleFocus(sort);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(sort.closest('th')!.getAttribute('aria-sort')).to.equal('descending');
    const counts = rows().map((tr) => Number(tr.children[1]!.textContent!.replace(/\s/g, '')));
    expect(counts).to.deep.equal([...counts].sort((a, b) => b - a));
    expect(shadowText(el)).to.contain('Tableau trié par Rendez-vous, ordre décroissant.');
    await expect(el).to.be.accessible();

    // The table as CSV, by reason as shown, with the token in the header.
    const blobs = await savedBlobs(async () => {
      $(el, '[data-downloads="Rendez-vous par motif"] button[data-format="csv"]')!.click();
      await until(() => shadowText(el).includes('.csv téléchargé'), 'the CSV');
    });
    const csv = await blobs[0]!.text();
    expect(csv).to.contain('Motif').and.contain('Délai médian (jours)').and.contain('demarche:carte-vitale').and.contain(carteVitale.label);
  });

  it('appointments: none in the scope says so and what to do; its own loading and error states leave the rest shown; in English; axe in each', async () => {
    // The Creuse: no test books there.
    expect((await observedAppointments('departement=23', 'site')).items).to.deep.equal([]);
    localStorage.setItem(TOKEN_KEY, await observerToken('departement=23'));
    const empty = await observatory();
    await until(() => !!$(empty, '[data-section-state="empty"][data-table-state="appointments"]'), 'the empty appointments');
    expect($(empty, '[data-table-state="appointments"]')!.textContent).to.contain(
      'Aucun rendez-vous pris dans ce périmètre sur la période, ni en ligne ni par les agents. Pour en recevoir, un site ouvre la prise de rendez-vous dans son agenda',
    );
    expect($(empty, '[data-downloads="Rendez-vous par site"]')).to.not.equal(null);
    await expect(empty).to.be.accessible();

    // Only the appointments' route held, then failing: the rest of the observatory is shown meanwhile.
    const realFetch = window.fetch;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!url.includes('/observatory/appointments')) return realFetch(input, init);
      await held;
      return new Response(JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503 }), {
        status: 503,
        headers: { 'content-type': 'application/problem+json' },
      });
    };
    try {
      const el = await observatory();
      const section = () => {
        const heading = $(el, '#appointments-title');
        const next = heading?.nextElementSibling?.nextElementSibling?.nextElementSibling;
        return next?.textContent?.trim() ?? '';
      };
      await until(() => state(el) === 'empty' || state(el) === 'ready', 'the figures');
      await until(() => !!$(el, 'table[data-table="freshness"]'), 'the other tables');
      expect(section()).to.equal('Chargement des chiffres du périmètre…');
      await expect(el).to.be.accessible();
      release();
      await until(() => !!$(el, '[data-section-state="error"][data-table-state="appointments"]'), 'the appointments’ error');
      expect(section()).to.equal('Cette partie n’a pas pu être chargée. Réessayez dans quelques minutes.');
      expect($(el, '#appointments-group')).to.not.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      window.fetch = realFetch;
    }

    const en = await observatory({ lang: 'en' });
    await until(
      () => !!$(en, '[data-section-state="empty"][data-table-state="appointments"]') && shadowText(en).includes('Key figures'),
      'English',
    );
    expect(shadowText(en)).to.contain('Appointments').and.contain('No appointment was booked in this scope over the period');
    expect([...($(en, '#appointments-group') as HTMLSelectElement).options].map((o) => o.textContent!.trim())).to.deep.equal([
      'site',
      'reason',
      'partner',
    ]);
    await expect(en).to.be.accessible();
  });

  it('downloads a table as CSV and XLSX with the token in the header (fetched, saved from a blob)', async () => {
    localStorage.setItem(TOKEN_KEY, await observerToken('departement=48'));
    const el = await observatory();
    await until(() => siteRows(el).length > 0, 'the sites');
    const blobs = await savedBlobs(async () => {
      $(el, '[data-downloads] button[data-format="csv"]')!.click();
      await until(() => shadowText(el).includes('.csv téléchargé'), 'the CSV');
      $(el, '[data-downloads] button[data-format="xlsx"]')!.click();
      await until(() => shadowText(el).includes('.xlsx téléchargé'), 'the XLSX');
    });
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
