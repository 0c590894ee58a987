import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LocalPartner, Permanence, SitePartners } from '@fs-widgets/contract';
import { formatDayAndDate } from '@fs-widgets/core';
import './partner-editor.js';
import type { FsPartnerEditor, FsPartnersChangeDetail } from './partner-editor.component.js';
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

/** Sites no other test file writes to: Monts-de-Randon (edited here) and Saint-Alban-sur-Limagnole (left empty). */
const SITE = '2988';
const EMPTY_SITE = '2211';
/** Where the agents' tools keep a site's token (the démarche log's key: one token per site and device). */
const tokenKey = (site: string) => `fs-widgets:demarches:token:${site}`;

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

const tokens = new Map<string, string>();
async function agentToken(site = SITE): Promise<string> {
  if (!tokens.has(site)) tokens.set(site, ((await (await fetch(`/__test/agent-token?site=${site}`)).json()) as { token: string }).token);
  return tokens.get(site)!;
}

/** The public list, straight from the server (no browser cache). */
async function publicPartners(site = SITE): Promise<SitePartners> {
  const res = await fetch(`${realApi()}/sites/${site}/partners`, { cache: 'no-store' });
  expect(res.status).to.equal(200);
  return (await res.json()) as SitePartners;
}

async function editor(attrs: { api?: string; site?: string; lang?: string } = {}): Promise<FsPartnerEditor> {
  const el = await fixture<FsPartnerEditor>(
    html`<fs-partner-editor api=${attrs.api ?? proxiedApi} site-id=${attrs.site ?? SITE} lang=${attrs.lang ?? 'fr'}></fs-partner-editor>`,
  );
  return el;
}

const ready = (el: FsPartnerEditor) => until(() => $(el, '[data-state="ready"]') !== null, 'the lists');
/** The forms are fetched after the lists are shown: waits for the open one. */
const formShown = (el: FsPartnerEditor) => until(() => $(el, 'form[part="form"]') !== null, 'the form');

/** Presses Tab until the focused element matches (keyboard only), at most `max` times. */
async function tabTo(el: Element, matches: (a: HTMLElement) => boolean, what: string, max = 60) {
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

describe('<fs-partner-editor>', () => {
  beforeEach(async () => {
    await setNetwork('up');
    for (const site of [SITE, EMPTY_SITE]) localStorage.removeItem(tokenKey(site));
  });
  afterEach(async () => {
    await setNetwork('up');
    for (const site of [SITE, EMPTY_SITE]) localStorage.removeItem(tokenKey(site));
  });

  it('says clearly it is not configured without a site; axe', async () => {
    const el = await fixture<FsPartnerEditor>(html`<fs-partner-editor api=${proxiedApi}></fs-partner-editor>`);
    expect(shadowText(el)).to.contain('Éditeur non configuré').and.contain('site-id');
    expect($(el, '[role="heading"]')!.getAttribute('aria-level')).to.equal('2');
    await expect(el).to.be.accessible();
  });

  it('asks for the token as the démarche log does, checks its form, keeps it for the site; axe', async () => {
    const el = await editor();
    expect($(el, '[data-state="no-token"]')).to.not.equal(null);
    expect(shadowText(el)).to.contain('Jeton d’accès de l’agent').and.contain('Il commence par fsw_.');
    await expect(el).to.be.accessible();
    ($(el, '#token') as HTMLInputElement).focus();
    await sendKeys({ type: 'pas un jeton' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, '#token-error')!.textContent).to.contain('commence par fsw_');
    expect($(el, '#token')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    const input = $(el, '#token') as HTMLInputElement;
    input.value = '';
    input.dispatchEvent(new InputEvent('input'));
    input.focus();
    await sendKeys({ type: await agentToken() });
    await sendKeys({ press: 'Enter' });
    await ready(el);
    // The same place as the démarche log's: one token per site on the device.
    expect(localStorage.getItem(tokenKey(SITE))).to.equal(await agentToken());
    expect(shadowText(el)).to.contain('Partenaires locaux et permanences');
  });

  it('says the token is refused (401) before anything is typed, and lets the agent change it; axe', async () => {
    localStorage.setItem(tokenKey(SITE), `fsw_000000000000.${'A'.repeat(43)}`);
    const el = await editor();
    await until(() => $(el, '[data-state="unauthorized"]') !== null, 'the refused-token screen');
    expect(shadowText(el)).to.contain('Jeton refusé').and.contain('il est invalide, a expiré ou a été révoqué');
    await expect(el).to.be.accessible();
    ($$(el, 'button').find((b) => b.textContent!.includes('Changer de jeton')) as HTMLButtonElement).click();
    await el.updateComplete;
    expect(localStorage.getItem(tokenKey(SITE))).to.equal(null);
    expect($(el, '#token')).to.not.equal(null);
  });

  it('says the token is another site’s (403); axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken(EMPTY_SITE));
    const el = await editor();
    await until(() => $(el, '[data-state="forbidden"]') !== null, 'the other-site screen');
    expect(shadowText(el)).to.contain('Jeton d’une autre France services').and.contain(`la France services n° ${SITE}`);
    await expect(el).to.be.accessible();
  });

  it('shows loading, then the error state with a retry; axe in both', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const loading = await editor({ api: pendingApi });
    expect($(loading, '[aria-busy="true"]')!.textContent).to.contain('Chargement des partenaires et des permanences');
    expect($(loading, '[data-state="loading"]')).to.not.equal(null);
    await expect(loading).to.be.accessible();

    const failing = await editor({ api: unavailableApi });
    await until(() => $(failing, '[data-state="error"]') !== null, 'the error state');
    expect(shadowText(failing)).to.contain('Liste indisponible pour le moment').and.contain('Réessayer');
    await expect(failing).to.be.accessible();
  });

  it('shows the empty state of a site without local partners; axe', async () => {
    localStorage.setItem(tokenKey(EMPTY_SITE), await agentToken(EMPTY_SITE));
    const el = await editor({ site: EMPTY_SITE });
    await ready(el);
    expect(shadowText(el))
      .to.contain('Aucun partenaire local pour l’instant : ajoutez le premier.')
      .and.contain('Aucune permanence pour l’instant')
      .and.contain('Ajouter un partenaire local');
    await expect(el).to.be.accessible();
  });

  it('offline: without a saved copy says what to do; with one shows it and says it is not up to date; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    await clearOfflineCache();
    await setNetwork('down');
    const offline = await editor();
    await until(() => $(offline, '[data-state="offline"]') !== null, 'the offline state');
    expect(shadowText(offline)).to.contain('Vous êtes hors ligne').and.contain('Réessayer');
    await expect(offline).to.be.accessible();

    await setNetwork('up');
    const online = await editor();
    await ready(online);
    await setNetwork('down');
    const stale = await editor();
    await until(() => $(stale, '[data-state="stale"]') !== null, 'the saved copy');
    expect(shadowText(stale)).to.contain('Vous êtes hors ligne : voici la liste enregistrée le');
    await expect(stale).to.be.accessible();
  });

  it('keyboard only: adds a local partner, a "2e mardi" permanence for it with its next dates from the server, edits it, removes it; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const name = `Mission locale ${Date.now()}`;
    const el = await editor();
    const changes: FsPartnersChangeDetail[] = [];
    el.addEventListener('fs-partners-change', (e) => changes.push(e.detail));
    await ready(el);
    await expect(el).to.be.accessible();

    // Add the local partner.
    ($(el, '#add-local') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await formShown(el);
    expect(active(el)?.textContent).to.contain('Nouveau partenaire local');
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('pf-name');
    await sendKeys({ type: name });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Emploi, formation et logement des 16-25 ans.' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '04 66 00 00 00' });
    await sendKeys({ press: 'Tab' }); // website, left empty
    await until(() => $(el, 'input[name="themes"]') !== null, 'the themes from the catalogue');
    await tabTo(el, (a) => (a as HTMLInputElement).value === 'emploi', 'the "Emploi" theme');
    await sendKeys({ press: 'Space' });
    await expect(el).to.be.accessible();
    await tabTo(el, (a) => a.getAttribute('type') === 'submit', 'Enregistrer');
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.confirmation') !== null, 'the saved message');
    expect(active(el)).to.equal($(el, '.confirmation'));
    expect(shadowText(el)).to.contain(`« ${name} » est enregistré.`);
    expect($(el, '[aria-live="polite"]')!.textContent).to.contain(`« ${name} » est enregistré.`);
    let server = await publicPartners();
    const partner = server.local.find((p) => p.name === name) as LocalPartner;
    expect(partner.phone).to.equal('04 66 00 00 00');
    expect(partner.thematiques).to.include('trouver-un-emploi--repondre-a-des-offres-demploi');
    await until(() => shadowText(el).includes('Emploi, formation et logement des 16-25 ans.'), 'the partner in the list');

    // Its first permanence, from the offer in the message: "2e mardi du mois, 9 h – 12 h".
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.textContent).to.contain(`Ajouter une permanence de « ${name} »`);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)?.textContent).to.contain('Nouvelle permanence');
    expect(($(el, '#pm-partner') as HTMLSelectElement).value).to.equal(`local:${partner.id}`);
    await tabTo(el, (a) => a.getAttribute('name') === 'freq', 'the frequency');
    expect((active(el) as HTMLInputElement).value).to.equal('weekly');
    await sendKeys({ press: 'ArrowDown' }); // Toutes les 2 semaines ou plus
    await sendKeys({ press: 'ArrowDown' }); // Chaque mois
    await el.updateComplete;
    expect(($(el, 'input[name="freq"][value="monthly"]') as HTMLInputElement).checked).to.equal(true);
    await tabTo(el, (a) => (a as HTMLInputElement).name === 'nth' && (a as HTMLInputElement).value === '2', 'the 2nd week');
    await sendKeys({ press: 'Space' });
    await tabTo(el, (a) => a.id === 'pm-day', 'the weekday');
    await sendKeys({ type: 'mar' }); // Mardi
    await el.updateComplete;
    expect(($(el, '#pm-day') as HTMLSelectElement).value).to.equal('tu');
    await tabTo(el, (a) => a.id === 'pm-opens', 'the opening time');
    await typeTime(el, '09:00');
    await tabTo(el, (a) => a.id === 'pm-closes', 'the closing time');
    await typeTime(el, '12:00');
    await tabTo(el, (a) => a.id === 'pm-note', 'the note');
    await sendKeys({ type: 'Salle du conseil' });
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.confirmation') !== null, 'the saved permanence');
    expect(active(el)).to.equal($(el, '.confirmation'));
    server = await publicPartners();
    let permanence = server.permanences.find((p) => p.local_partner_id === partner.id) as Permanence;
    expect(permanence.recurrence).to.deep.equal({ freq: 'monthly', day: 'tu', nth: [2] });
    expect(permanence.next.length).to.be.greaterThan(0);
    const dates = permanence.next.map((d) => formatDayAndDate(d.date, 'fr', { inSentence: true }));
    const message = $(el, '.confirmation')!.textContent!.replace(/\s+/g, ' ');
    expect(message).to.contain(`Permanence enregistrée : ${name} — Le 2e mardi du mois, 9 h – 12 h.`);
    expect(message).to.contain(`Prochaines dates : ${new Intl.ListFormat('fr-FR').format(dates)}.`);
    expect(dates[0]).to.match(/^mardi \d+ /);
    await until(() => shadowText(el).includes('Salle du conseil'), 'the permanence in the list');
    expect(shadowText(el)).to.contain('1 permanence');
    await expect(el).to.be.accessible();

    // Edit it: the 4th Tuesday too.
    await tabTo(el, (a) => a.id === `edit-permanence-${permanence.id}`, 'Modifier (the permanence)');
    expect(active(el)!.textContent).to.contain(`Modifier : ${name} — Le 2e mardi du mois`);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)?.textContent).to.contain('Modifier la permanence');
    expect(($(el, 'input[name="nth"][value="2"]') as HTMLInputElement).checked).to.equal(true);
    expect(($(el, '#pm-opens') as HTMLInputElement).value).to.equal('09:00');
    await tabTo(el, (a) => (a as HTMLInputElement).name === 'nth' && (a as HTMLInputElement).value === '4', 'the 4th week');
    await sendKeys({ press: 'Space' });
    await tabTo(el, (a) => a.getAttribute('type') === 'submit', 'Enregistrer');
    await sendKeys({ press: 'Enter' });
    await until(
      () => ($(el, '.confirmation')?.textContent ?? '').includes('Les 2e et 4e mardis du mois, 9 h – 12 h'),
      'the edited permanence',
    );
    server = await publicPartners();
    permanence = server.permanences.find((p) => p.id === permanence.id) as Permanence;
    expect(permanence.recurrence).to.deep.equal({ freq: 'monthly', day: 'tu', nth: [2, 4] });

    // Remove it, after confirming.
    await until(() => $(el, `#remove-permanence-${permanence.id}`) !== null, 'the list again');
    await tabTo(el, (a) => a.id === `remove-permanence-${permanence.id}`, 'Supprimer (the permanence)');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)?.textContent).to.contain('Supprimer la permanence « ');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.textContent?.trim()).to.equal('Oui, supprimer');
    await sendKeys({ press: 'Enter' });
    await until(() => ($(el, '.confirmation')?.textContent ?? '').includes('a été supprimée'), 'the removal message');
    expect(active(el)).to.equal($(el, '.confirmation'));
    expect((await publicPartners()).permanences.some((p) => p.id === permanence.id)).to.equal(false);

    // And the partner (cancelling once: nothing goes, focus returns to its button).
    await until(() => $(el, `#remove-local-${partner.id}`) !== null, 'the partner’s button');
    await tabTo(el, (a) => a.id === `remove-local-${partner.id}`, 'Supprimer (the partner)');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)?.textContent).to.contain(`Supprimer « ${name} » ?`);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.textContent?.trim()).to.equal('Annuler');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)?.id).to.equal(`remove-local-${partner.id}`);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => ($(el, '.confirmation')?.textContent ?? '').includes(`« ${name} » a été supprimé.`), 'the partner removed');
    expect((await publicPartners()).local.some((p) => p.id === partner.id)).to.equal(false);
    await expect(el).to.be.accessible();
    expect(changes.map((c) => `${c.kind} ${c.action}`)).to.deep.equal([
      'local-partner create',
      'permanence create',
      'permanence update',
      'permanence delete',
      'local-partner delete',
    ]);
    expect(changes[0]!.id).to.equal(partner.id);
  });

  it('a 400 keeps the form filled and focuses the field in error, with a plain reason; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const el = await editor();
    await ready(el);
    ($(el, '#add-local') as HTMLButtonElement).click();
    await formShown(el);
    ($(el, '#pf-name') as HTMLInputElement).focus();
    await sendKeys({ type: 'Conciliateur de justice' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'appeler la mairie' }); // the phone: refused by the server, not by the browser
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '#pf-phone-error') !== null, 'the phone’s error');
    expect(active(el)?.id).to.equal('pf-phone');
    expect($(el, '#pf-phone')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#pf-phone')!.getAttribute('aria-describedby')).to.contain('pf-phone-error');
    expect($(el, '#pf-phone-error')!.textContent).to.contain('Ce numéro n’est pas valide');
    expect($(el, '.form-message')!.textContent).to.contain('Le formulaire contient une erreur');
    expect(($(el, '#pf-name') as HTMLInputElement).value).to.equal('Conciliateur de justice');
    expect(($(el, '#pf-phone') as HTMLInputElement).value).to.equal('appeler la mairie');
    await expect(el).to.be.accessible();

    // A permanence whose end is before its start: the server names "closes".
    ($$(el, 'button').find((b) => b.textContent!.trim() === 'Annuler') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(active(el)?.id).to.equal('add-local');
    ($(el, '#add-permanence') as HTMLButtonElement).click();
    await formShown(el);
    const select = $(el, '#pm-partner') as HTMLSelectElement;
    select.value = 'national:caf';
    select.dispatchEvent(new Event('change'));
    ($(el, 'input[name="days"][value="th"]') as HTMLInputElement).click();
    for (const [id, value] of [
      ['#pm-opens', '14:00'],
      ['#pm-closes', '11:00'],
    ]) {
      const input = $(el, id!) as HTMLInputElement;
      input.value = value!;
      input.dispatchEvent(new InputEvent('input'));
    }
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '#pm-closes-error') !== null, 'the closing time’s error');
    expect(active(el)?.id).to.equal('pm-closes');
    expect($(el, '#pm-closes-error')!.textContent).to.contain('L’heure de fin doit être après l’heure de début.');
    expect(select.value).to.equal('national:caf');
    expect(($(el, 'input[name="days"][value="th"]') as HTMLInputElement).checked).to.equal(true);
    await expect(el).to.be.accessible();

    // Missing choices are said before sending: "Toutes les 2 semaines" needs a start date and a day.
    ($(el, 'input[name="freq"][value="every-n-weeks"]') as HTMLInputElement).click();
    ($(el, 'input[name="days"][value="th"]') as HTMLInputElement).click();
    await el.updateComplete;
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    await el.updateComplete;
    expect($(el, '#pm-days-error')!.textContent).to.contain('Cochez au moins un jour.');
    expect($(el, '#pm-starts-on-error')!.textContent).to.contain(
      'le rythme toutes les 2 semaines ou plus est compté à partir de cette semaine',
    );
    expect($(el, '.form-message')!.textContent).to.contain('2 erreurs');
    expect(active(el)?.getAttribute('name')).to.equal('days');
    await expect(el).to.be.accessible();
  });

  it('one-off dates: added with the keyboard, refused when past or twice, removed, saved as { freq: dates }; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const el = await editor();
    await ready(el);
    ($(el, '#add-permanence') as HTMLButtonElement).click();
    await formShown(el);
    const select = $(el, '#pm-partner') as HTMLSelectElement;
    select.value = 'national:msa';
    select.dispatchEvent(new Event('change'));
    ($(el, 'input[name="freq"][value="dates"]') as HTMLInputElement).click();
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Quelles dates ?').and.contain('Aucune date pour l’instant.');
    const day = (n: number) => {
      const d = new Date();
      d.setDate(d.getDate() + n);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const add = async (date: string) => {
      const input = $(el, '#pm-date-new') as HTMLInputElement;
      input.value = date;
      input.dispatchEvent(new InputEvent('input'));
      input.focus();
      await sendKeys({ press: 'Enter' }); // adds the date, does not send the form
      await el.updateComplete;
    };
    await add(day(-3));
    expect($(el, '#pm-date-new-error')!.textContent).to.contain('Cette date est passée');
    expect($(el, '#pm-date-new')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    await add(day(20));
    await add(day(6));
    await add(day(20));
    expect($(el, '#pm-date-new-error')!.textContent).to.contain('Cette date est déjà dans la liste.');
    expect($$(el, '.date-list li').length).to.equal(2);
    expect($$(el, '.date-list li')[0]!.textContent).to.contain(formatDayAndDate(day(6), 'fr', { inSentence: false }));
    // « Retirer » the first, with the keyboard: focus goes to the next one's button.
    ($(el, `#pm-dates-remove-${day(6)}`) as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await el.updateComplete;
    expect($$(el, '.date-list li').length).to.equal(1);
    expect(active(el)?.id).to.equal(`pm-dates-remove-${day(20)}`);
    expect($(el, '[aria-live="polite"]')!.textContent).to.contain('Date retirée');
    await expect(el).to.be.accessible();
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '.confirmation') !== null, 'the saved permanence');
    const saved = (await publicPartners()).permanences.find((p) => p.partner === 'msa' && p.recurrence.freq === 'dates') as Permanence;
    expect(saved.recurrence).to.deep.equal({ freq: 'dates', dates: [day(20)] });
    await fetch(`${proxiedApi}/sites/${SITE}/permanences/${saved.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await agentToken()}` },
    });
  });

  it('offline keeps the form filled and says what to do; the retry reuses the idempotency key and stores one row', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const name = `CCAS hors ligne ${Date.now()}`;
    const keys: string[] = [];
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      // The widgets' client calls fetch(url, init), the body in `init.body`.
      const url = input instanceof Request ? input.url : String(input);
      if (init?.method === 'POST' && url.includes('/local-partners')) keys.push((JSON.parse(String(init.body)) as { key: string }).key);
      return realFetch(input, init);
    };
    try {
      const el = await editor();
      await ready(el);
      ($(el, '#add-local') as HTMLButtonElement).click();
      await formShown(el);
      ($(el, '#pf-name') as HTMLInputElement).focus();
      await sendKeys({ type: name });
      await setNetwork('down');
      await sendKeys({ press: 'Enter' });
      await until(() => $(el, '.form-message[data-state="offline"]') !== null, 'the offline message');
      expect($(el, '.form-message')!.textContent).to.contain(
        'Vous êtes hors ligne : vos saisies sont conservées, réessayez une fois reconnecté.',
      );
      expect(active(el)).to.equal($(el, '.form-message'));
      expect(($(el, '#pf-name') as HTMLInputElement).value).to.equal(name);
      await expect(el).to.be.accessible();

      await setNetwork('up');
      ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
      await until(() => $(el, '.confirmation') !== null, 'the saved message');
      expect(keys.length).to.equal(2);
      expect(keys[1]).to.equal(keys[0]);
      const saved = (await publicPartners()).local.filter((p) => p.name === name);
      expect(saved.length).to.equal(1);

      // Removing offline: nothing goes, and it says so where the agent is.
      await until(() => $(el, `#remove-local-${saved[0]!.id}`) !== null, 'the new partner in the list');
      ($(el, `#remove-local-${saved[0]!.id}`) as HTMLButtonElement).click();
      await el.updateComplete;
      await setNetwork('down');
      ($$(el, '.confirm button').find((b) => b.textContent!.includes('Oui, supprimer')) as HTMLButtonElement).click();
      await until(() => $(el, '.remove-error') !== null, 'the removal’s offline message');
      expect(active(el)).to.equal($(el, '.remove-error'));
      expect($(el, '.remove-error')!.textContent).to.contain('Vous êtes hors ligne : rien n’a été supprimé.');
      await expect(el).to.be.accessible();
      await setNetwork('up');
      expect((await publicPartners()).local.some((p) => p.id === saved[0]!.id)).to.equal(true);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('a token refused when saving (403) keeps the form: after the right token, it comes back as typed and saves', async () => {
    // The stored token is another site's, and the check at load is made to pass (as if the token
    // had been replaced on the server since): the refusal comes from the save itself.
    localStorage.setItem(tokenKey(SITE), await agentToken(EMPTY_SITE));
    const name = `Relais petite enfance ${Date.now()}`;
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/stats/activity'))
        return Promise.resolve(new Response('{"acts":0}', { headers: { 'content-type': 'application/json' } }));
      return realFetch(input, init);
    };
    try {
      const el = await editor();
      await ready(el);
      ($(el, '#add-local') as HTMLButtonElement).click();
      await formShown(el);
      ($(el, '#pf-name') as HTMLInputElement).focus();
      await sendKeys({ type: name });
      await sendKeys({ press: 'Enter' });
      await until(() => $(el, '[data-state="forbidden"]') !== null, 'the other-site screen');
      expect(shadowText(el)).to.contain('Votre saisie en cours est conservée');
      expect(active(el)?.textContent).to.contain('Jeton d’une autre France services');
      await expect(el).to.be.accessible();
      ($$(el, 'button').find((b) => b.textContent!.includes('Changer de jeton')) as HTMLButtonElement).click();
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Votre saisie en cours est conservée');
      ($(el, '#token') as HTMLInputElement).focus();
      await sendKeys({ type: await agentToken() });
      await sendKeys({ press: 'Enter' });
      await formShown(el);
      expect(active(el)?.textContent).to.contain('Nouveau partenaire local');
      expect(($(el, '#pf-name') as HTMLInputElement).value).to.equal(name);
      ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
      await until(() => $(el, '.confirmation') !== null, 'the saved message');
      expect((await publicPartners()).local.filter((p) => p.name === name).length).to.equal(1);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('a double submit stores one row (checked through the public list)', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const name = `Point justice ${Date.now()}`;
    const el = await editor();
    await ready(el);
    ($(el, '#add-local') as HTMLButtonElement).click();
    await formShown(el);
    ($(el, '#pf-name') as HTMLInputElement).focus();
    await sendKeys({ type: name });
    const submit = $(el, 'button[type="submit"]') as HTMLButtonElement;
    submit.click();
    submit.click();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.confirmation') !== null, 'the saved message');
    await new Promise((r) => setTimeout(r, 300));
    expect((await publicPartners()).local.filter((p) => p.name === name).length).to.equal(1);
  });

  it('asks for the token in English: its own sentence, the words all agents’ tools share (core strings); axe', async () => {
    const el = await editor({ lang: 'en' });
    await until(() => shadowText(el).includes('To edit the partners'), 'the English sign-in');
    expect(shadowText(el))
      .to.contain('Agent access token')
      .and.contain('To edit the partners and permanences of your France services, paste the token')
      .and.contain('Access token')
      .and.contain('It starts with fsw_.');
    ($(el, '#token') as HTMLInputElement).focus();
    await sendKeys({ type: 'not a token' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, '#token-error')!.textContent).to.contain('it starts with fsw_, followed by digits and letters');
    await expect(el).to.be.accessible();
  });

  it('speaks English with lang="en", permanences in plain words; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const token = await agentToken();
    const res = await fetch(`${realApi()}/sites/${SITE}/permanences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        key: `wtr-en-${Date.now()}-xxxxxxxx`,
        partner: 'caf',
        recurrence: { freq: 'monthly', day: 'th', nth: [1, -1] },
        opens: '13:30',
        closes: '16:30',
        by_appointment: true,
      }),
    });
    expect(res.status).to.equal(201);
    const created = (await res.json()) as Permanence;
    try {
      const el = await editor({ lang: 'en' });
      await ready(el);
      await until(() => shadowText(el).includes('The 1st and last Thursdays'), 'the English texts and the new permanence');
      expect(shadowText(el))
        .to.contain('Local partners and permanences')
        .and.contain('Add a local partner')
        .and.contain('The 1st and last Thursdays of the month, 1:30 pm – 4:30 pm, by appointment')
        .and.contain('Next dates:');
      await expect(el).to.be.accessible();
      ($(el, '#add-permanence') as HTMLButtonElement).click();
      await formShown(el);
      expect(shadowText(el))
        .to.contain('When does it take place?')
        .and.contain('Every 2 weeks or more')
        .and.contain('By appointment, no fixed date');
      ($(el, 'input[name="freq"][value="monthly"]') as HTMLInputElement).click();
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Which week of the month?').and.contain('last');
      await expect(el).to.be.accessible();
    } finally {
      await fetch(`${realApi()}/sites/${SITE}/permanences/${created.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
    }
  });
});
