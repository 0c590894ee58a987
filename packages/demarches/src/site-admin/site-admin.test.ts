import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Site, SiteAccessList, SiteHistory } from '@fs-widgets/contract';
import './site-admin.js';
import type { FsSiteAdmin, FsSiteChangeDetail } from './site-admin.component.js';
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

/** Sites no other test file writes to: Villejuif-Dumas (administered here) and Argenteuil - Val Notre Dame (another site's manager). */
const SITE = '2853';
const OTHER_SITE = '2854';
/** Where the agents' tools keep a site's token (one token per site and device). */
const tokenKey = (site: string) => `fs-widgets:demarches:token:${site}`;

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const text = (el: Element) => shadowText(el).replace(/\s+/g, ' ');

const tokens = new Map<string, string>();
async function token(
  site: string,
  role: 'agent' | 'manager',
  label = role === 'manager' ? 'Responsable test' : 'Agent test',
): Promise<string> {
  const key = `${site}/${role}/${label}`;
  if (!tokens.has(key)) {
    const url = `/__test/agent-token?site=${site}&label=${encodeURIComponent(label)}${role === 'manager' ? '&role=manager' : ''}`;
    tokens.set(key, ((await (await fetch(url)).json()) as { token: string }).token);
  }
  return tokens.get(key)!;
}

/** The site as the public reads it, straight from the server. */
async function publicSite(): Promise<Site> {
  const res = await fetch(`${realApi()}/sites/${SITE}`, { cache: 'no-store' });
  expect(res.status).to.equal(200);
  return (await res.json()) as Site;
}

async function admin(attrs: { api?: string; site?: string; lang?: string } = {}): Promise<FsSiteAdmin> {
  return fixture<FsSiteAdmin>(
    html`<fs-site-admin
      api=${attrs.api ?? proxiedApi}
      site-id=${attrs.site ?? SITE}
      lang=${attrs.lang ?? 'fr'}
      tile-url="/__test/tiles/{z}/{x}/{y}.png"
    ></fs-site-admin>`,
  );
}

const ready = (el: FsSiteAdmin) => until(() => $(el, '[data-state="ready"]') !== null, 'the administration');
const navButtons = (el: FsSiteAdmin) => $$(el, 'nav button').map((b) => b.textContent!.trim());

/** Presses Tab until the focused element matches (keyboard only), at most `max` times. */
async function tabTo(el: Element, matches: (a: HTMLElement) => boolean, what: string, max = 80) {
  for (let i = 0; i < max; i++) {
    const a = active(el);
    if (a && matches(a)) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what} (at ${active(el)?.outerHTML.slice(0, 120)})`);
}

/** Types a time in an `<input type="time">` with the keyboard, whatever its 12/24-hour display. */
async function typeTime(el: Element, hhmm: string) {
  const input = active(el) as HTMLInputElement;
  const [h, m] = hhmm.split(':');
  await sendKeys({ type: `${h}${m}` });
  if (input.value !== hhmm) await sendKeys({ type: Number(h) < 12 ? 'A' : 'P' });
  expect(input.value).to.equal(hhmm);
}

/** Opens a section with the keyboard: Tab to its button in the list of sections, Enter; the focus goes to its heading. */
async function openSection(el: FsSiteAdmin, name: string) {
  $(el, 'nav button')!.focus();
  await tabTo(el, (a) => a.closest('nav') !== null && a.textContent!.trim() === name, `the section « ${name} »`);
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
  expect(active(el)?.id).to.equal('section-title');
  expect(active(el)!.textContent!.trim()).to.equal(name);
}

/** A write the server answers with the token's status: 200 while it works, 401 once revoked. */
async function verifyWith(t: string): Promise<number> {
  const res = await fetch(`${realApi()}/sites/${SITE}/verify`, { method: 'POST', headers: { authorization: `Bearer ${t}` } });
  return res.status;
}

describe('<fs-site-admin>', () => {
  beforeEach(async () => {
    await setNetwork('up');
    for (const site of [SITE, OTHER_SITE]) localStorage.removeItem(tokenKey(site));
  });
  afterEach(async () => {
    await setNetwork('up');
    for (const site of [SITE, OTHER_SITE]) localStorage.removeItem(tokenKey(site));
  });

  it('says clearly it is not configured without a site; axe', async () => {
    const el = await fixture<FsSiteAdmin>(html`<fs-site-admin api=${proxiedApi}></fs-site-admin>`);
    expect(text(el)).to.contain('Administration non configurée').and.contain('site-id');
    await expect(el).to.be.accessible();
  });

  it('signed out: the agents’ shared sign-in; a manager’s token pasted with the keyboard opens every section; axe', async () => {
    const el = await admin();
    expect($(el, '[data-state="no-token"]')).to.not.equal(null);
    expect(text(el)).to.contain('Jeton d’accès').and.contain('Il commence par fsw_.');
    await expect(el).to.be.accessible();
    $(el, '#token')!.focus();
    await sendKeys({ type: await token(SITE, 'manager') });
    await sendKeys({ press: 'Enter' });
    await ready(el);
    // The one stored access of the site on this device, the other agents' tools use it too.
    expect(localStorage.getItem(tokenKey(SITE))).to.equal(await token(SITE, 'manager'));
    expect($(el, '[data-role="manager"]')).to.not.equal(null);
    expect(text(el))
      .to.contain('Administration : France services Villejuif-Dumas')
      .and.contain('Connecté : Responsable test (responsable)');
    expect(navButtons(el)).to.deep.equal([
      'Informations vérifiées',
      'Horaires de la semaine',
      'Fermetures et horaires exceptionnels',
      'Tournées et permanences',
      'Services proposés',
      'Accès des agents',
      'Historique',
    ]);
    await expect(el).to.be.accessible();
  });

  it('an agent sees no access and no history, and is told so if asked; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await token(SITE, 'agent'));
    const el = await admin();
    await ready(el);
    expect($(el, '[data-role="agent"]')).to.not.equal(null);
    expect(navButtons(el)).to.not.include('Accès des agents').and.to.not.include('Historique');
    el.show('access');
    el.show('history');
    await el.updateComplete;
    expect($(el, '[data-section="verify"]')).to.not.equal(null);
    expect(text(el)).to.not.contain('Accès des agents').and.not.contain('Historique');
    await expect(el).to.be.accessible();
  });

  it('a refused token (401) and another site’s manager (403) get the refused-token screen; axe', async () => {
    localStorage.setItem(tokenKey(SITE), `fsw_000000000000.${'A'.repeat(43)}`);
    const refused = await admin();
    await until(() => $(refused, '[data-state="unauthorized"]') !== null, 'the refused-token screen');
    expect(text(refused)).to.contain('Jeton refusé').and.contain('il est invalide, a expiré ou a été révoqué');
    await expect(refused).to.be.accessible();

    localStorage.setItem(tokenKey(SITE), await token(OTHER_SITE, 'manager'));
    const other = await admin();
    await until(() => $(other, '[data-state="forbidden"]') !== null, 'the other-site screen');
    expect(text(other)).to.contain('Jeton d’une autre France services').and.contain(`la France services n° ${SITE}`);
    await expect(other).to.be.accessible();
    ($$(other, 'button').find((b) => b.textContent!.includes('Changer de jeton')) as HTMLButtonElement).click();
    await other.updateComplete;
    expect(localStorage.getItem(tokenKey(SITE))).to.equal(null);
    expect($(other, '#token')).to.not.equal(null);
  });

  it('loading, error and offline states; axe in each', async () => {
    localStorage.setItem(tokenKey(SITE), await token(SITE, 'manager'));
    const loading = await admin({ api: pendingApi });
    expect($(loading, '[data-state="loading"] [aria-busy="true"]')!.textContent).to.contain('Chargement des informations');
    await expect(loading).to.be.accessible();

    const failing = await admin({ api: unavailableApi });
    await until(() => $(failing, '[data-state="error"]') !== null, 'the error state');
    expect(text(failing)).to.contain('Informations indisponibles pour le moment').and.contain('Réessayer');
    await expect(failing).to.be.accessible();

    await clearOfflineCache();
    await setNetwork('down');
    const offline = await admin();
    await until(() => $(offline, '[data-state="offline"]') !== null, 'the offline state');
    expect(text(offline)).to.contain('Vous êtes hors ligne').and.contain('Vérifiez votre connexion');
    await expect(offline).to.be.accessible();
    await setNetwork('up');
    ($$(offline, 'button').find((b) => b.textContent!.includes('Réessayer')) as HTMLButtonElement).click();
    await ready(offline);
  });

  it('verify: « Jamais vérifiées », then the date of today once confirmed, as the public sees it; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await token(SITE, 'agent'));
    const before = await publicSite();
    const el = await admin();
    await ready(el);
    expect($(el, '.verified')!.textContent).to.equal(
      before.verified_at ? `Informations vérifiées le ${longFr(before.verified_at)}` : 'Jamais vérifiées',
    );
    await expect(el).to.be.accessible();
    const changes: FsSiteChangeDetail[] = [];
    el.addEventListener('fs-site-change', (e) => changes.push(e.detail));
    $(el, '#verify')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.verify-message') !== null, 'the confirmation');
    const after = await publicSite();
    expect(after.verified_at).to.be.a('string');
    expect(Date.now() - Date.parse(after.verified_at!)).to.be.lessThan(60_000);
    expect($(el, '.verified')!.textContent).to.equal(`Informations vérifiées le ${longFr(after.verified_at!)}`);
    expect(changes).to.deep.equal([{ what: 'verification' }]);
    await expect(el).to.be.accessible();
  });

  it('keyboard only: edits Tuesday’s hours and adds a Saturday range, a wrong range is told at its field, the week is shown back; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await token(SITE, 'agent'));
    const before = await publicSite();
    expect(before.hours.tu[0]).to.deep.equal({ opens: '08:30', closes: '12:00' });
    const el = await admin();
    await ready(el);
    await openSection(el, 'Horaires de la semaine');
    expect($(el, '.hours-source')!.dataset.source).to.equal(before.hours_source);
    expect(text(el)).to.contain(
      before.hours_source === 'anct' ? 'Ces horaires viennent de la liste de l’ANCT' : 'Une nouvelle importation',
    );
    await expect(el).to.be.accessible();

    // Tuesday morning closes at 12:30.
    await tabTo(el, (a) => a.id === 'tu-0-closes', 'Tuesday’s first closing time');
    await typeTime(el, '12:30');
    // Saturday: closed in the list; unticking « Fermé ce jour-là » gives an empty range, filled wrong first.
    await tabTo(el, (a) => a.id === 'sa-closed', 'Saturday’s « Fermé ce jour-là »');
    expect((active(el) as HTMLInputElement).checked).to.equal(before.hours.sa.length === 0);
    if (before.hours.sa.length === 0) await sendKeys({ press: 'Space' });
    await el.updateComplete;
    const sat = before.hours.sa.length;
    await tabTo(el, (a) => a.id === `sa-${sat}-opens` || a.id === 'sa-add', 'Saturday’s new range');
    if (active(el)!.id === 'sa-add') {
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
    }
    expect(active(el)!.id).to.equal(`sa-${sat}-opens`);
    await typeTime(el, '09:00');
    await tabTo(el, (a) => a.id === `sa-${sat}-closes`, 'Saturday’s new closing time');
    await typeTime(el, '08:00');
    await tabTo(el, (a) => a.getAttribute('type') === 'submit', 'Enregistrer les horaires');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)!.id).to.equal(`sa-${sat}-closes`);
    expect($(el, `#sa-${sat}-error`)!.textContent).to.contain('L’heure de fermeture doit être après l’heure d’ouverture.');
    expect(active(el)!.getAttribute('aria-invalid')).to.equal('true');
    expect(active(el)!.getAttribute('aria-describedby')).to.equal(`sa-${sat}-error`);
    await expect(el).to.be.accessible();
    // Corrected where the focus is: 9 h – 12 h.
    await typeTime(el, '12:00');
    await tabTo(el, (a) => a.getAttribute('type') === 'submit', 'Enregistrer les horaires');
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.hours-message.success') !== null, 'the saved message');
    expect(active(el) === $(el, '.hours-message'), 'the focus on the message').to.equal(true);
    expect(text(el)).to.contain('Horaires enregistrés.');
    const after = await publicSite();
    expect(after.hours_source).to.equal('site');
    expect(after.hours.tu[0]).to.deep.equal({ opens: '08:30', closes: '12:30' });
    expect(after.hours.sa.at(-1)).to.deep.equal({ opens: '09:00', closes: '12:00' });
    expect(after.hours.mo).to.deep.equal(before.hours.mo);

    // Shown back in a new element, from the server, with the site as their source.
    const again = await admin();
    await ready(again);
    again.show('hours');
    await again.updateComplete;
    expect(($(again, '#tu-0-closes') as HTMLInputElement).value).to.equal('12:30');
    expect(($(again, `#sa-${sat}-opens`) as HTMLInputElement).value).to.equal('09:00');
    expect(text(again)).to.contain(
      'Ces horaires ont été publiés par votre France services. Une nouvelle importation de la liste de l’ANCT ne les remplacera pas.',
    );
    await expect(again).to.be.accessible();
  });

  it('hosts the closure and the outreach editors of the site, signed in with the same stored token; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await token(SITE, 'agent'));
    const el = await admin();
    await ready(el);
    await openSection(el, 'Fermetures et horaires exceptionnels');
    await until(() => $(el, 'fs-closure-editor') !== null, 'the closure editor');
    const closures = $(el, 'fs-closure-editor')!;
    expect(closures.getAttribute('site-id')).to.equal(SITE);
    expect(closures.getAttribute('heading-level')).to.equal('4');
    await until(() => closures.shadowRoot?.querySelector('[data-state="ready"], [data-state="empty"]') != null, 'the closures, signed in');
    await expect(el).to.be.accessible();
    await openSection(el, 'Tournées et permanences');
    await until(() => $(el, 'fs-outreach-editor') !== null, 'the outreach editor');
    const outreach = $(el, 'fs-outreach-editor')!;
    await until(() => outreach.shadowRoot?.querySelector('[data-state="ready"], [data-state="empty"]') != null, 'the stops, signed in');
    await expect(el).to.be.accessible();
    // Its place form picks the point on the map here too (the page's base map given through).
    outreach.shadowRoot!.querySelector<HTMLButtonElement>('#add')!.click();
    await until(() => outreach.shadowRoot!.querySelector('#oe-map-toggle') !== null, 'the place’s form');
    outreach.shadowRoot!.querySelector<HTMLButtonElement>('#oe-map-toggle')!.click();
    const pickButton = () =>
      outreach.shadowRoot!.querySelector('fs-site-map')?.shadowRoot?.querySelector<HTMLButtonElement>('.pick-center');
    await until(() => !!pickButton(), 'the map, its base map loaded');
    pickButton()!.click();
    await until(() => outreach.shadowRoot!.querySelector<HTMLInputElement>('#oe-lat')!.value !== '', 'the point placed');
    expect(outreach.shadowRoot!.querySelector<HTMLInputElement>('#oe-lon')!.value).to.match(/^-?\d+(,\d{1,5})?$/);
    await expect(el).to.be.accessible();
    // « Changer de jeton » in the hosted editor forgets the site's one stored access: the administration asks for it too.
    [...outreach.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent!.includes('Changer de jeton'))!
      .click();
    await until(() => $(el, '[data-state="no-token"]') !== null, 'the sign-in');
    expect(localStorage.getItem(tokenKey(SITE))).to.equal(null);
    $(el, '#token')!.focus();
    await sendKeys({ type: await token(SITE, 'manager') });
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[data-role="manager"]') !== null, 'the manager’s sections');
  });

  it('offers: ticked boxes are saved and published', async () => {
    localStorage.setItem(tokenKey(SITE), await token(SITE, 'agent'));
    const el = await admin();
    await ready(el);
    await openSection(el, 'Services proposés');
    const boxes = $$(el, 'input[name="offer"]') as HTMLInputElement[];
    expect(boxes.map((b) => b.parentElement!.textContent!.trim())).to.deep.equal([
      'Point justice',
      'Cabine de téléconsultation',
      'Information jeunesse',
      'Conseiller numérique',
      'Accessible en fauteuil roulant',
      'Ordinateur et imprimante en libre-service',
      'Wi-Fi gratuit',
    ]);
    for (const box of boxes) if (box.checked) box.click();
    await tabTo(el, (a) => (a as HTMLInputElement).value === 'point-justice', 'Point justice');
    await sendKeys({ press: 'Space' });
    await tabTo(el, (a) => (a as HTMLInputElement).value === 'free-wifi', 'Wi-Fi gratuit');
    await sendKeys({ press: 'Space' });
    await expect(el).to.be.accessible();
    await tabTo(el, (a) => a.getAttribute('type') === 'submit', 'Enregistrer les services proposés');
    // Offline: kept on the device (the outbox), said so, and sent once the connection is back; axe.
    await setNetwork('down');
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.offers-message') !== null, 'the offline message');
    expect(text(el)).to.contain('c’est enregistré sur cet appareil et sera envoyé dès le retour de la connexion');
    expect(active(el) === $(el, '.offers-message'), 'the focus on the message').to.equal(true);
    expect($(el, '[part="pending"]')!.textContent).to.contain('En attente d’envoi depuis cet appareil : Services proposés.');
    expect(boxes.filter((b) => b.checked).map((b) => b.value)).to.deep.equal(['point-justice', 'free-wifi']);
    await expect(el).to.be.accessible();
    await setNetwork('up');
    window.dispatchEvent(new Event('online'));
    await until(() => $(el, '[part="pending"]') === null, 'the waiting write sent');
    expect($(el, '[aria-live="polite"]')!.textContent).to.contain('Les modifications en attente ont été envoyées.');
    expect((await publicSite()).offers).to.deep.equal(['point-justice', 'free-wifi']);
    const filtered = (await (
      await fetch(`${realApi()}/sites?commune=94076&offer=point-justice,free-wifi`, { cache: 'no-store' })
    ).json()) as {
      items?: { id: string }[];
    };
    expect((filtered.items ?? []).map((r) => r.id)).to.include(SITE);
    await expect(el).to.be.accessible();
  });

  it('a manager creates an agent’s access (token shown once, and it works), relabels it, revokes it (then refused); axe', async () => {
    localStorage.setItem(tokenKey(SITE), await token(SITE, 'manager'));
    const el = await admin();
    await ready(el);
    await openSection(el, 'Accès des agents');
    await until(() => $(el, '.access-list') !== null, 'the access list');
    await expect(el).to.be.accessible();
    const label = `Accueil ${Date.now()}`;

    await tabTo(el, (a) => a.id === 'access-label', 'the label');
    await sendKeys({ type: label });
    await sendKeys({ press: 'Tab' });
    expect(active(el)!.id).to.equal('access-expires');
    await tabTo(el, (a) => a.id === 'create-access', 'Créer l’accès');
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.token-created') !== null, 'the new token');
    expect(active(el) === $(el, '.token-created'), 'the focus on the new token').to.equal(true);
    const created = $(el, '#new-token')!.textContent!.trim();
    expect(created).to.match(/^fsw_[0-9a-f]{12}\.[A-Za-z0-9_-]{43}$/);
    expect(text(el)).to.contain(`Accès « ${label} » créé.`).and.contain('il ne pourra plus être affiché');
    await expect(el).to.be.accessible();
    expect(await verifyWith(created)).to.equal(200);

    let list = await accessList();
    const access = list.items.find((a) => a.label === label)!;
    expect(access).to.include({ role: 'agent', state: 'active', created_by: 'Responsable test' });
    await until(() => $(el, `[data-id="${access.id}"]`) !== null, 'the new access in the list');

    // Once done, the token is gone from the screen.
    await tabTo(el, (a) => a.id === 'token-done', 'J’ai copié le jeton');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(shadowText(el)).to.not.contain(created);

    // Relabel.
    await tabTo(el, (a) => a.id === `rename-${access.id}`, 'Renommer');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)!.id).to.equal(`edit-${access.id}`);
    (active(el) as HTMLInputElement).select();
    await sendKeys({ type: `${label} — bus` });
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.access-confirmation') !== null, 'the renamed message');
    expect(text(el)).to.contain(`Accès renommé « ${label} — bus ».`);
    list = await accessList();
    expect(list.items.find((a) => a.id === access.id)!.label).to.equal(`${label} — bus`);

    // A last day: a month from now (typed in the date field, saved with the keyboard).
    const lastDay = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await tabTo(el, (a) => a.id === `expiry-${access.id}`, 'Changer le dernier jour');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)!.id).to.equal(`edit-${access.id}`);
    const date = active(el) as HTMLInputElement;
    date.value = lastDay;
    date.dispatchEvent(new InputEvent('input'));
    await sendKeys({ press: 'Enter' });
    await until(() => text(el).includes('Dernier jour de l’accès'), 'the saved last day');
    list = await accessList();
    const expiresAt = list.items.find((a) => a.id === access.id)!.expires_at!;
    // The midnight that ends that day in Paris.
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.parse(expiresAt) - 1000))).to.equal(lastDay);
    expect($(el, `[data-id="${access.id}"]`)!.textContent).to.contain(`Dernier jour : ${dayFr(lastDay)}`);

    // Revoke, after a confirmation.
    await tabTo(el, (a) => a.id === `revoke-${access.id}`, 'Révoquer');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)!.textContent).to.contain(`Révoquer l’accès « ${label} — bus » ?`);
    await expect(el).to.be.accessible();
    await tabTo(el, (a) => a.id === 'confirm-revoke', 'Oui, révoquer');
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.access-confirmation') !== null && text(el).includes('est révoqué'), 'the revoked message');
    list = await accessList();
    expect(list.items.find((a) => a.id === access.id)!.state).to.equal('revoked');
    expect(await verifyWith(created)).to.equal(401);
    await until(() => $(el, `[data-id="${access.id}"][data-state="revoked"]`) !== null, 'the revoked access in the list');
    expect($(el, `#revoke-${access.id}`)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('the history tells each change in plain French, newest first; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await token(SITE, 'manager'));
    // A permanence added from the partner editor's route is told with its rule in words.
    const permanence = await fetch(`${realApi()}/sites/${SITE}/permanences`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(SITE, 'agent')}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        key: `site-admin-permanence-${Date.now()}`,
        partner: 'caf',
        recurrence: { freq: 'monthly', day: 'tu', nth: [2] },
        opens: '09:00',
        closes: '12:00',
        by_appointment: false,
      }),
    });
    expect(permanence.status).to.equal(201);
    // More than a page (5 here): the oldest changes come with « Charger plus ».
    const el = await admin();
    el.historyPageSize = 5;
    await ready(el);
    await openSection(el, 'Historique');
    await until(() => $(el, '.history') !== null, 'the history');
    expect($$(el, '.history li').length).to.equal(5);
    await tabTo(el, (a) => a.id === 'history-more', 'Charger plus');
    await sendKeys({ press: 'Enter' });
    await until(() => $$(el, '.history li').length > 5, 'the next page');
    expect(active(el) === $$(el, '.history li')[5], 'the focus on the first change of the next page').to.equal(true);
    for (let page = 0; page < 10 && $(el, '#history-more'); page++) {
      const shown = $$(el, '.history li').length;
      $(el, '#history-more')!.click();
      await until(() => $$(el, '.history li').length > shown, 'the next page');
    }
    expect(text(el)).to.contain('C’est le début de l’historique.');
    const lines = $$(el, '.history li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    const all = lines.join('\n');
    expect(all).to.contain(
      'Agent test a modifié les horaires du mardi : 8 h 30 – 12 h et 13 h 30 – 17 h → 8 h 30 – 12 h 30 et 13 h 30 – 17 h ; du samedi : fermé → 9 h – 12 h',
    );
    expect(all).to.contain('a ajouté aux services proposés : Point justice et Wi-Fi gratuit');
    expect(all).to.contain('a confirmé que les informations sont à jour');
    expect(all).to.contain('Agent test a ajouté une permanence : Le 2e mardi du mois, 9 h – 12 h');
    expect(all).to.match(/Responsable test a créé l’accès agent « Accueil \d+ »/);
    expect(all).to.match(/Responsable test a renommé l’accès « Accueil \d+ » en « Accueil \d+ — bus »/);
    expect(all).to.match(/Responsable test a révoqué l’accès « Accueil \d+ — bus »/);
    expect(all).to.not.contain('{').and.not.contain('undefined');
    // Newest first: the revocation before the creation.
    expect(lines.findIndex((l) => l.includes('a révoqué'))).to.be.lessThan(lines.findIndex((l) => l.includes('a créé l’accès')));
    const server = (await (
      await fetch(`${realApi()}/sites/${SITE}/history?limit=200`, { headers: { authorization: `Bearer ${await token(SITE, 'manager')}` } })
    ).json()) as SiteHistory;
    expect(lines.length).to.equal(server.items.length);
    await expect(el).to.be.accessible();
  });

  it('signed out in English: its own title and sentence, the words all agents’ tools share (core strings); axe', async () => {
    const el = await admin({ lang: 'en' });
    await until(() => text(el).includes('To keep your France services’ information up to date'), 'the English sign-in');
    expect($(el, '[role="heading"]')!.textContent!.trim()).to.equal('Access token');
    expect(text(el)).to.contain('It starts with fsw_.').and.not.contain('Agent access token');
    expect($(el, 'button[type="submit"]')!.textContent!.trim()).to.equal('Save');
    await expect(el).to.be.accessible();
  });

  it('in English with lang="en"; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await token(SITE, 'manager'));
    const el = await admin({ lang: 'en' });
    await ready(el);
    // The widget's texts and the core's (days, offers, « Information checked on ») arrive apart.
    await until(() => navButtons(el)[0] === 'Verified information' && text(el).includes('Information checked on'), 'the English texts');
    expect(navButtons(el)).to.deep.equal([
      'Verified information',
      'Weekly hours',
      'Closures and exceptional hours',
      'Tours and outreach permanences',
      'Services offered',
      'Agents’ access',
      'History',
    ]);
    expect(text(el)).to.contain('Information checked on').and.contain('I confirm the information is up to date');
    el.show('offers');
    await el.updateComplete;
    expect(text(el)).to.contain('Free Wi-Fi').and.contain('Save the services offered');
    el.show('history');
    await until(() => $(el, '.history') !== null, 'the history');
    expect(text(el)).to.contain(
      'changed the hours of Tuesday: 8:30 am – 12 pm and 1:30 pm – 5 pm → 8:30 am – 12:30 pm and 1:30 pm – 5 pm; of Saturday: closed → 9 am – 12 pm',
    );
    await expect(el).to.be.accessible();
  });
});

async function accessList(): Promise<SiteAccessList> {
  const res = await fetch(`${realApi()}/sites/${SITE}/access`, { headers: { authorization: `Bearer ${await token(SITE, 'manager')}` } });
  expect(res.status).to.equal(200);
  return (await res.json()) as SiteAccessList;
}

/** "6 janvier 2027" for 2027-01-06. */
function dayFr(date: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' })
    .format(new Date(`${date}T12:00:00Z`))
    .replace(/^1 /, '1er ');
}

/** "7 décembre 2026", in Paris (the site's time zone). */
function longFr(iso: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(iso)).replace(/^1 /, '1er ');
}
