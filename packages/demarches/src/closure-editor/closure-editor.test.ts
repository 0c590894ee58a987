import { expect, fixture, html } from '@open-wc/testing';
import { widgetDatabase } from '@fs-widgets/core';
import { sendKeys } from '@web/test-runner-commands';
import type { ExceptionalHours, ExceptionalHoursList } from '@fs-widgets/contract';
import { addDays } from '@fs-widgets/opening-hours';
import './closure-editor.js';
import type { FsClosureEditor } from './closure-editor.component.js';
import type { SiteItemsChangeDetail } from '../shared/site-items-editor.js';
import { localToday } from '../shared/format.js';
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

/** Sites no other test file writes to: Montoire-sur-le-Loir (edited here) and Nyons (left empty). */
const SITE = '2986';
const EMPTY_SITE = '2992';
const tokenKey = (site: string) => `fs-widgets:demarches:token:${site}`;

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

const tokens = new Map<string, string>();
async function agentToken(site = SITE): Promise<string> {
  if (!tokens.has(site)) tokens.set(site, ((await (await fetch(`/__test/agent-token?site=${site}`)).json()) as { token: string }).token);
  return tokens.get(site)!;
}

/** The public list, straight from the server. */
async function publicExceptions(site = SITE): Promise<ExceptionalHours[]> {
  const res = await fetch(`${realApi()}/sites/${site}/exceptions`, { cache: 'no-store' });
  expect(res.status).to.equal(200);
  return ((await res.json()) as ExceptionalHoursList).items;
}

async function editor(attrs: { api?: string; site?: string; lang?: string } = {}): Promise<FsClosureEditor> {
  return fixture<FsClosureEditor>(
    html`<fs-closure-editor api=${attrs.api ?? proxiedApi} site-id=${attrs.site ?? SITE} lang=${attrs.lang ?? 'fr'}></fs-closure-editor>`,
  );
}

const listed = (el: FsClosureEditor) => until(() => $(el, '[data-state="ready"], [data-state="empty"]') !== null, 'the list');

async function tabTo(el: Element, matches: (a: HTMLElement) => boolean, what: string, max = 40) {
  for (let i = 0; i < max; i++) {
    const a = active(el);
    if (a && matches(a)) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what} (at ${active(el)?.outerHTML.slice(0, 120)})`);
}

/** Types a date in an `<input type="date">` with the keyboard, in the order the browser's locale shows its parts. */
async function typeDate(el: Element, iso: string) {
  const input = active(el) as HTMLInputElement;
  const [y, m, d] = iso.split('-') as [string, string, string];
  const parts: Record<string, string> = { year: y, month: m, day: d };
  const order = new Intl.DateTimeFormat(navigator.language).formatToParts(new Date()).filter((p) => p.type in parts);
  await sendKeys({ type: order.map((p) => parts[p.type]).join('') });
  expect(input.value).to.equal(iso);
}

async function typeTime(el: Element, hhmm: string) {
  const input = active(el) as HTMLInputElement;
  const [h, m] = hhmm.split(':');
  await sendKeys({ type: `${h}${m}` });
  if (input.value !== hhmm) await sendKeys({ type: Number(h) < 12 ? 'A' : 'P' });
  expect(input.value).to.equal(hhmm);
}

function fill(el: Element, id: string, value: string) {
  const input = $(el, `#${id}`) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new InputEvent('input'));
}

async function removeAll(site = SITE) {
  const token = await agentToken(site);
  for (const e of await publicExceptions(site)) {
    const res = await fetch(`${proxiedApi}/sites/${site}/exceptions/${e.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).to.equal(204);
  }
}

describe('<fs-closure-editor>', () => {
  const today = localToday();
  const inDays = (n: number) => addDays(today, n);

  before(async () => {
    // Writes another test file left queued (to a server that never answers) are not this file's.
    await (await widgetDatabase())?.clear('outbox');
    await removeAll();
  });
  beforeEach(async () => {
    await setNetwork('up');
    for (const site of [SITE, EMPTY_SITE]) localStorage.removeItem(tokenKey(site));
  });
  afterEach(async () => {
    await setNetwork('up');
    for (const site of [SITE, EMPTY_SITE]) localStorage.removeItem(tokenKey(site));
  });

  it('says clearly it is not configured without a site; axe', async () => {
    const el = await fixture<FsClosureEditor>(html`<fs-closure-editor api=${proxiedApi}></fs-closure-editor>`);
    expect(shadowText(el)).to.contain('Éditeur non configuré').and.contain('site-id');
    await expect(el).to.be.accessible();
  });

  it('asks for the shared agent token, then shows the empty list; axe in both', async () => {
    const el = await editor({ site: EMPTY_SITE });
    expect($(el, '[data-state="no-token"]')).to.not.equal(null);
    expect(shadowText(el)).to.contain('Jeton d’accès de l’agent');
    await expect(el).to.be.accessible();
    ($(el, '#token') as HTMLInputElement).focus();
    await sendKeys({ type: await agentToken(EMPTY_SITE) });
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[data-state="empty"]') !== null, 'the empty list');
    expect(localStorage.getItem(tokenKey(EMPTY_SITE))).to.equal(await agentToken(EMPTY_SITE));
    expect(shadowText(el)).to.contain('Aucune fermeture ni horaire exceptionnel à venir.');
    await expect(el).to.be.accessible();
  });

  it('shows loading, the error state and offline without a copy; axe in each', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const loading = await editor({ api: pendingApi });
    expect($(loading, '[data-state="loading"]')).to.not.equal(null);
    expect(shadowText(loading)).to.contain('Chargement des fermetures');
    await expect(loading).to.be.accessible();

    const failing = await editor({ api: unavailableApi });
    await until(() => $(failing, '[data-state="error"]') !== null, 'the error state');
    expect(shadowText(failing)).to.contain('Liste indisponible pour le moment').and.contain('Réessayer');
    await expect(failing).to.be.accessible();

    await clearOfflineCache();
    await setNetwork('down');
    const offline = await editor();
    await until(() => $(offline, '[data-state="offline"]') !== null, 'the offline state');
    expect(shadowText(offline)).to.contain('Vous êtes hors ligne');
    await expect(offline).to.be.accessible();
  });

  it('keyboard only: publishes a closure over a range, edits it into exceptional hours, removes it after confirming; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const el = await editor();
    const changes: SiteItemsChangeDetail[] = [];
    el.addEventListener('fs-closures-change', (e) => changes.push(e.detail));
    await listed(el);
    await expect(el).to.be.accessible();

    ($(el, '#add') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)?.textContent).to.contain('Nouvelle fermeture ou nouveaux horaires');
    await tabTo(el, (a) => a.getAttribute('name') === 'range', 'the number of days');
    await sendKeys({ press: 'ArrowDown' }); // Plusieurs jours de suite
    await el.updateComplete;
    await tabTo(el, (a) => a.id === 'ce-starts-on', 'the first day');
    await typeDate(el, inDays(10));
    await tabTo(el, (a) => a.id === 'ce-ends-on', 'the last day');
    await typeDate(el, inDays(12));
    await tabTo(el, (a) => a.id === 'ce-reason', 'the reason');
    await sendKeys({ type: 'Congés' });
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.confirmation') !== null, 'the saved message');
    expect(active(el)).to.equal($(el, '.confirmation'));
    expect($(el, '.confirmation')!.textContent).to.contain('Publié : Fermé exceptionnellement du');
    let server = await publicExceptions();
    expect(server.length).to.equal(1);
    const created = server[0]!;
    expect(created).to.deep.include({ starts_on: inDays(10), ends_on: inDays(12), closed: true, reason: 'Congés' });
    await until(() => $(el, `#edit-${created.id}`) !== null, 'the closure in the list');
    expect(shadowText(el)).to.contain('(Congés)');
    await expect(el).to.be.accessible();

    // Edit it: open 9 h – 12 h instead, for training.
    await tabTo(el, (a) => a.id === `edit-${created.id}`, 'Modifier');
    expect(active(el)!.textContent).to.contain('Modifier : Fermé exceptionnellement');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(($(el, '#ce-starts-on') as HTMLInputElement).value).to.equal(inDays(10));
    await tabTo(el, (a) => a.getAttribute('name') === 'closed', 'closed or open');
    await sendKeys({ press: 'ArrowDown' }); // Ouverte avec d'autres horaires
    await el.updateComplete;
    await tabTo(el, (a) => a.id === 'ce-opens', 'the opening time');
    await typeTime(el, '09:00');
    await tabTo(el, (a) => a.id === 'ce-closes', 'the closing time');
    await typeTime(el, '12:00');
    await tabTo(el, (a) => a.id === 'ce-reason', 'the reason');
    (active(el) as HTMLInputElement).select();
    await sendKeys({ type: 'Formation' });
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await until(() => ($(el, '.confirmation')?.textContent ?? '').includes('Horaires exceptionnels'), 'the edited message');
    server = await publicExceptions();
    expect(server[0]).to.deep.include({ id: created.id, closed: false, reason: 'Formation' });
    expect(server[0]!.hours).to.deep.equal([{ opens: '09:00', closes: '12:00' }]);

    // Remove it, after confirming.
    await until(() => $(el, `#remove-${created.id}`) !== null, 'the list again');
    await tabTo(el, (a) => a.id === `remove-${created.id}`, 'Supprimer');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)?.textContent).to.contain('Supprimer « Horaires exceptionnels');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.textContent).to.contain('Oui, supprimer');
    await sendKeys({ press: 'Enter' });
    await until(() => ($(el, '.confirmation')?.textContent ?? '').includes('Supprimé'), 'the removal');
    expect(await publicExceptions()).to.deep.equal([]);
    expect(changes.map((c) => c.action)).to.deep.equal(['create', 'update', 'delete']);
    expect(changes.every((c) => !c.queued)).to.equal(true);
  });

  it('says at the field a range ending before it starts, hours the wrong way round, and the server’s refusal (a range over a year); axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const el = await editor();
    await listed(el);
    ($(el, '#add') as HTMLButtonElement).click();
    await el.updateComplete;
    ($(el, 'input[name="range"][value="range"]') as HTMLInputElement).click();
    ($(el, 'input[name="closed"][value="open"]') as HTMLInputElement).click();
    await el.updateComplete;
    fill(el, 'ce-starts-on', inDays(5));
    fill(el, 'ce-ends-on', inDays(3));
    fill(el, 'ce-opens', '14:00');
    fill(el, 'ce-closes', '11:00');
    fill(el, 'ce-reason', 'Formation');
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    await el.updateComplete;
    expect($(el, '#ce-ends-on-error')!.textContent).to.contain('Le dernier jour doit être le même jour que le premier ou après.');
    expect($(el, '#ce-ends-on')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#ce-ends-on')!.getAttribute('aria-describedby')).to.contain('ce-ends-on-error');
    expect($(el, '#ce-closes-error')!.textContent).to.contain('L’heure de fin doit être après l’heure de début.');
    expect($(el, '.form-message')!.textContent).to.contain('2 erreurs');
    expect(active(el)?.id).to.equal('ce-ends-on');
    await expect(el).to.be.accessible();

    // A range over a year is the server's to refuse (one rule, there): its 422 lands at the field, in plain words.
    fill(el, 'ce-ends-on', inDays(400));
    fill(el, 'ce-closes', '17:00');
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await until(() => ($(el, '#ce-ends-on-error')?.textContent ?? '').includes('un an au plus'), 'the server’s error at the last day');
    expect($(el, '#ce-ends-on-error')!.textContent).to.contain('Une même fermeture dure un an au plus : publiez-en deux.');
    expect(active(el)?.id).to.equal('ce-ends-on');
    expect(($(el, '#ce-starts-on') as HTMLInputElement).value).to.equal(inDays(5));
    expect(($(el, '#ce-reason') as HTMLInputElement).value).to.equal('Formation');
    await expect(el).to.be.accessible();
    expect(await publicExceptions()).to.deep.equal([]);
  });

  it('offline: the closure waits on the device, is listed as waiting, and is sent once when the connection is back; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const el = await editor();
    await listed(el);
    ($(el, '#add') as HTMLButtonElement).click();
    await el.updateComplete;
    fill(el, 'ce-starts-on', inDays(20));
    fill(el, 'ce-reason', 'Fermeture exceptionnelle');
    await setNetwork('down');
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '.confirmation') !== null, 'the queued message');
    expect($(el, '.confirmation')!.textContent).to.contain('Vous êtes hors ligne : votre modification est gardée sur cet appareil');
    await until(() => $(el, '[part="pending"]') !== null, 'the writes waiting');
    expect($(el, '[part="pending"]')!.textContent)
      .to.contain('Ajout : Fermé exceptionnellement le')
      .and.contain('(Fermeture exceptionnelle)');
    await expect(el).to.be.accessible();

    await setNetwork('up');
    window.dispatchEvent(new Event('online'));
    await until(() => $(el, '[part="pending"]') === null, 'the waiting write sent');
    await until(() => $$(el, '.item').length === 1, 'the closure listed from the server');
    const server = await publicExceptions();
    expect(server.length).to.equal(1);
    expect(server[0]).to.deep.include({ starts_on: inDays(20), ends_on: inDays(20), closed: true, reason: 'Fermeture exceptionnelle' });
    // A second wake-up sends nothing more.
    window.dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 200));
    expect((await publicExceptions()).length).to.equal(1);

    // A removal offline waits too (a DELETE in the outbox), named in plain words, then goes once.
    const id = server[0]!.id;
    await until(() => $(el, `#remove-${id}`) !== null, 'the closure’s buttons');
    ($(el, `#remove-${id}`) as HTMLButtonElement).click();
    await el.updateComplete;
    await setNetwork('down');
    ($$(el, '.confirm button').find((b) => b.textContent!.includes('Oui, supprimer')) as HTMLButtonElement).click();
    await until(
      () => ($(el, '[part="pending"]')?.textContent ?? '').includes('Suppression : Fermé exceptionnellement le'),
      'the removal waiting',
    );
    expect((await publicExceptions()).length).to.equal(1);
    await setNetwork('up');
    window.dispatchEvent(new Event('online'));
    await until(() => $(el, '[part="pending"]') === null, 'the removal sent');
    expect(await publicExceptions()).to.deep.equal([]);
    await until(() => $(el, '[data-state="empty"]') !== null, 'the empty list');
  });

  it('a write refused by the server once back online is listed as refused, never lost silently, until dismissed; axe', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const el = await editor();
    await listed(el);
    ($(el, '#add') as HTMLButtonElement).click();
    await el.updateComplete;
    ($(el, 'input[name="range"][value="range"]') as HTMLInputElement).click();
    await el.updateComplete;
    fill(el, 'ce-starts-on', inDays(3));
    fill(el, 'ce-ends-on', inDays(450)); // over a year: the server's to refuse
    fill(el, 'ce-reason', 'Travaux');
    await setNetwork('down');
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '[part="pending"]') !== null, 'the write waiting');
    await setNetwork('up');
    window.dispatchEvent(new Event('online'));
    await until(() => $(el, '[part="refused"]') !== null, 'the refused write');
    expect($(el, '[part="pending"]')).to.equal(null);
    expect($(el, '[part="refused"]')!.textContent).to.contain('Refusé par le serveur').and.contain('Ajout : Fermé exceptionnellement du');
    expect(await publicExceptions()).to.deep.equal([]);
    await expect(el).to.be.accessible();
    const dismiss = $(el, '[part="refused"] button') as HTMLButtonElement;
    dismiss.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[part="refused"]') === null, 'the refused write dismissed');
  });

  it('speaks English with lang="en"; axe on the list and the form', async () => {
    localStorage.setItem(tokenKey(SITE), await agentToken());
    const token = await agentToken();
    const res = await fetch(`${proxiedApi}/sites/${SITE}/exceptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        key: `wtr-closure-en-${Date.now()}`,
        starts_on: inDays(2),
        ends_on: inDays(2),
        closed: true,
        hours: [],
        reason: 'staff training',
      }),
    });
    expect(res.status).to.equal(201);
    try {
      const el = await editor({ lang: 'en' });
      await until(() => shadowText(el).includes('Exceptional closures and hours') && $$(el, '.item').length === 1, 'the English list');
      expect(shadowText(el)).to.contain('Current and upcoming').and.contain('(staff training)');
      await expect(el).to.be.accessible();
      ($(el, '#add') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Closed all day').and.contain('Reason, in a few words');
      await expect(el).to.be.accessible();
    } finally {
      await removeAll();
    }
  });
});
