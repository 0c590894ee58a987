import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ActivityStats } from '@fs-widgets/contract';
import { widgetDatabase } from '@fs-widgets/core';
import './demarche-log.js';
import '../demarche-tracker/demarche-tracker.js';
import type { FsDemarcheLog } from './demarche-log.component.js';
import type { FsDemarcheTracker } from '../demarche-tracker/demarche-tracker.component.js';
import { parseCaseCode } from '@fs-widgets/contract/case-code';
import { localToday } from '../shared/format.js';
import { proxiedApi, realApi, setNetwork, shadowText, until } from '../../../../test-support/component-test-env.js';

const SITE = '2983';
const TOKEN_KEY = `fs-widgets:demarches:token:${SITE}`;
const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

let token = '';
async function agentToken(): Promise<string> {
  if (!token) token = ((await (await fetch(`/__test/agent-token?site=${SITE}`)).json()) as { token: string }).token;
  return token;
}

/** Today's acts of the site, on its own day (Mende: Europe/Paris), as the server dates them. */
async function todayActs(): Promise<number> {
  const today = localToday(new Date(), 'Europe/Paris');
  const res = await fetch(`${realApi()}/stats/activity?site=${SITE}&from=${today}&to=${today}`, {
    headers: { authorization: `Bearer ${await agentToken()}` },
    cache: 'no-store',
  });
  expect(res.status).to.equal(200);
  return ((await res.json()) as ActivityStats).acts;
}

function pick(el: Element, name: string, value: string) {
  const input = $(el, `input[name="${name}"][value="${value}"]`) as HTMLInputElement;
  input.click();
}

function fill(el: Element, selector: string, value: string) {
  const field = $(el, selector) as HTMLInputElement;
  field.value = value;
  field.dispatchEvent(new InputEvent('input'));
}

/** Reads a QR code from an inline SVG: rasterised on a canvas, decoded with jsQR. */
async function decodeQr(svgEl: SVGSVGElement): Promise<string | undefined> {
  const w = window as unknown as { jsQR?: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null };
  if (!w.jsQR) {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/jsqr/dist/jsQR.js';
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }
  const markup = new XMLSerializer().serializeToString(svgEl);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  const img = new Image(400, 400);
  img.src = url;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = 400;
  canvas.height = 400;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(img, 0, 0, 400, 400);
  URL.revokeObjectURL(url);
  return w.jsQR!(ctx.getImageData(0, 0, 400, 400).data, 400, 400)?.data;
}

describe('today, as the server dates acts', () => {
  it('is the site’s day in its time zone, not the device’s: from 23:00 UTC it is tomorrow in Paris', () => {
    const lateEvening = new Date('2026-12-06T23:30:00Z');
    expect(localToday(lateEvening, 'Europe/Paris')).to.equal('2026-12-07');
    expect(localToday(lateEvening, 'America/Cayenne')).to.equal('2026-12-06');
    expect(localToday(new Date('2026-12-06T20:30:00Z'), 'Indian/Reunion')).to.equal('2026-12-07');
    // Without a time zone: this device's own date.
    const here = new Date();
    expect(localToday(here)).to.equal(
      `${here.getFullYear()}-${String(here.getMonth() + 1).padStart(2, '0')}-${String(here.getDate()).padStart(2, '0')}`,
    );
  });
});

describe('<fs-demarche-log>', () => {
  beforeEach(async () => {
    await setNetwork('up');
    localStorage.removeItem(TOKEN_KEY);
    await (await widgetDatabase())?.clear('outbox');
  });
  afterEach(async () => {
    await setNetwork('up');
    localStorage.removeItem(TOKEN_KEY);
  });

  it('says it is not configured without a site; axe', async () => {
    const el = await fixture<FsDemarcheLog>(html`<fs-demarche-log api=${proxiedApi}></fs-demarche-log>`);
    expect(shadowText(el)).to.contain('Journal non configuré');
    await expect(el).to.be.accessible();
  });

  it('asks for the token, checks its form, stores it per site, and can change it; axe', async () => {
    const el = await fixture<FsDemarcheLog>(html`<fs-demarche-log api=${proxiedApi} site-id=${SITE}></fs-demarche-log>`);
    expect(shadowText(el)).to.contain('Jeton d’accès de l’agent');
    await expect(el).to.be.accessible();
    fill(el, '#token', 'not a token');
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect($(el, '#token-error')!.textContent).to.contain('commence par fsw_');
    await expect(el).to.be.accessible();
    fill(el, '#token', await agentToken());
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(localStorage.getItem(TOKEN_KEY)).to.equal(await agentToken());
    await until(() => $(el, '.stats[data-state="ready"]') !== null, 'today’s figures');
    expect(shadowText(el)).to.contain('Aujourd’hui');
    const change = $$(el, 'button').find((b) => b.textContent!.includes('Changer de jeton'))!;
    change.click();
    await el.updateComplete;
    expect(localStorage.getItem(TOKEN_KEY)).to.equal(null);
    expect(shadowText(el)).to.contain('Jeton d’accès de l’agent');
  });

  it('shows a clear screen when the server refuses the token (401); axe', async () => {
    localStorage.setItem(TOKEN_KEY, `fsw_000000000000.${'A'.repeat(43)}`);
    const el = await fixture<FsDemarcheLog>(html`<fs-demarche-log api=${proxiedApi} site-id=${SITE}></fs-demarche-log>`);
    await until(() => $(el, '[data-state="auth"]') !== null, 'the refused-token screen');
    expect(shadowText(el)).to.contain('Jeton manquant, invalide ou révoqué : demandez-en un nouveau à votre référent');
    await expect(el).to.be.accessible();
    ($$(el, 'button').find((b) => b.textContent!.includes('Changer de jeton')) as HTMLButtonElement).click();
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Jeton d’accès');
  });

  it('logs with the keyboard only (Tab, arrows, Space, Enter), and today’s count grows; axe', async () => {
    localStorage.setItem(TOKEN_KEY, await agentToken());
    const before = await todayActs();
    const el = await fixture<FsDemarcheLog>(html`<fs-demarche-log api=${proxiedApi} site-id=${SITE}></fs-demarche-log>`);
    await until(() => $(el, '.stats[data-state="ready"]') !== null, 'today’s figures');
    expect($$(el, 'input[name="partner"]').map((i) => i.closest('label')!.textContent!.trim())).to.deep.equal([
      'France Travail',
      'CAF',
      'Assurance maladie',
      'Assurance retraite',
      'La Poste',
      'MSA',
      'Intérieur (titres)',
      'Justice',
      'Finances publiques',
      'Partenaire local',
    ]);
    await expect(el).to.be.accessible();
    ($(el, 'input[name="partner"]') as HTMLInputElement).focus();
    await sendKeys({ press: 'Space' }); // France Travail
    await sendKeys({ press: 'ArrowRight' }); // CAF
    await el.updateComplete;
    expect(($(el, 'input[name="partner"][value="caf"]') as HTMLInputElement).checked).to.equal(true);
    expect($$(el, 'input[name="theme"]').map((i) => i.closest('label')!.textContent!.trim())).to.include('Prime d’activité');
    await sendKeys({ press: 'Tab' }); // the subjects
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' }); // the outcomes
    await sendKeys({ press: 'Space' }); // Résolu dès la première visite
    await sendKeys({ press: 'Tab' }); // the channel (Accueil, checked by default)
    await sendKeys({ press: 'Tab' }); // Enregistrer
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Enregistrer');
    const logged = oneEvent(el, 'fs-act-log');
    const loggedFormerName = oneEvent(el, 'fs-act-logged'); // fired too for one release
    await sendKeys({ press: 'Enter' });
    expect((await logged).detail).to.include({ partner: 'caf', outcome: 'solved' });
    expect((await loggedFormerName).detail).to.equal((await logged).detail);
    await until(() => shadowText(el).includes('Demande enregistrée.'), 'the confirmation');
    await until(
      () => (el.shadowRoot!.querySelector('.today-count')?.textContent ?? '').startsWith(`${before + 1} `),
      'the count grown by one',
    );
    expect(await todayActs()).to.equal(before + 1);
    // The form is ready again.
    expect($$(el, 'input[name="partner"]').some((i) => (i as HTMLInputElement).checked)).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('keeps an entry logged offline in the outbox, says it waits, and sends it when the network returns', async () => {
    localStorage.setItem(TOKEN_KEY, await agentToken());
    const before = await todayActs();
    const el = await fixture<FsDemarcheLog>(html`<fs-demarche-log api=${proxiedApi} site-id=${SITE}></fs-demarche-log>`);
    await until(() => $(el, '.stats[data-state="ready"]') !== null, 'today’s figures');
    await setNetwork('down');
    pick(el, 'partner', 'interieur');
    await el.updateComplete;
    pick(el, 'theme', 'carte-grise');
    pick(el, 'outcome', 'referred');
    await el.updateComplete;
    const select = $(el, '#referred-to') as HTMLSelectElement;
    select.value = 'local';
    select.dispatchEvent(new Event('change'));
    pick(el, 'channel', 'phone');
    ($(el, 'button[part="save"]') as HTMLButtonElement).click();
    await until(() => shadowText(el).includes('elle sera envoyée dès le retour de la connexion'), 'the queued confirmation');
    await until(() => shadowText(el).includes('1 enregistrement en attente d’envoi'), 'the pending count');
    void el.refreshStats();
    await until(() => $(el, '.stats[data-state="offline"]') !== null, 'the offline figures');
    expect(shadowText(el)).to.contain('Hors ligne');
    await expect(el).to.be.accessible();
    expect(await todayActs()).to.equal(before);

    await setNetwork('up');
    window.dispatchEvent(new Event('online'));
    await until(() => !shadowText(el).includes('en attente d’envoi'), 'the entry sent');
    await until(
      () => (el.shadowRoot!.querySelector('.today-count')?.textContent ?? '').startsWith(`${before + 1} `),
      'the count grown by one',
    );
    expect(await todayActs()).to.equal(before + 1);
  });

  it('opens a follow-up case (not offline), shows its code and a QR code to the tracker; the tracker follows the agent’s update; axe', async () => {
    localStorage.setItem(TOKEN_KEY, await agentToken());
    const el = await fixture<FsDemarcheLog>(
      html`<fs-demarche-log api=${proxiedApi} site-id=${SITE} tracker-url="https://example.fr/suivi?lang=fr#top"></fs-demarche-log>`,
    );
    await until(() => $(el, '.stats[data-state="ready"]') !== null, 'today’s figures');
    pick(el, 'partner', 'interieur');
    await el.updateComplete;
    pick(el, 'theme', 'carte-grise');
    pick(el, 'outcome', 'follow-up');
    ($(el, 'button[part="save"]') as HTMLButtonElement).click();
    await until(() => shadowText(el).includes('Ouvrir un dossier de suivi'), 'the follow-up offer');
    ($$(el, 'button').find((b) => b.textContent!.includes('Ouvrir un dossier de suivi')) as HTMLButtonElement).click();
    await el.updateComplete;
    fill(el, '#demarche', 'Demande de carte grise');
    fill(el, '#step', 'Dossier envoyé à l’ANTS');
    fill(el, '#documents', 'Justificatif de domicile\n\nAncienne carte grise');
    fill(el, '#appointment', '2030-03-12T14:30');
    await el.updateComplete;
    await expect(el).to.be.accessible();

    // Offline: said clearly, the form is kept.
    await setNetwork('down');
    ($(el, '.case-form button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '.case-error[data-state="offline"]') !== null, 'the offline message');
    expect(shadowText(el)).to.contain('le dossier n’a pas été créé');
    expect(($(el, '#demarche') as HTMLInputElement).value).to.equal('Demande de carte grise');
    await expect(el).to.be.accessible();

    await setNetwork('up');
    ($(el, '.case-form button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '.receipt') !== null, 'the receipt');
    const code = $(el, '[part="code"]')!.textContent!.trim();
    expect(parseCaseCode(code)).to.deep.equal({ ok: true, code, canonical: code.replaceAll('-', '') });
    expect(shadowText(el)).to.contain('Justificatif de domicile').and.contain('Ancienne carte grise').and.contain('Imprimer le reçu');
    // The QR code maker is fetched with the first receipt.
    await until(() => el.shadowRoot!.querySelector('svg.qr') !== null, 'the QR code');
    const qr = el.shadowRoot!.querySelector('svg.qr') as SVGSVGElement;
    expect(qr.getAttribute('role')).to.equal('img');
    expect(qr.getAttribute('aria-label')).to.contain(code);
    expect(await decodeQr(qr)).to.equal(`https://example.fr/suivi?lang=fr&${new URLSearchParams({ 'fs-code': code })}`);
    await until(() => $(el, '.site') !== null, 'the site on the receipt');
    await until(() => shadowText(el.shadowRoot!.querySelector('fs-site-card') ?? el).includes('Horaires'), 'the hours on the receipt');
    await expect(el).to.be.accessible();

    // The public tracker, with that code.
    const tracker = await fixture<FsDemarcheTracker>(html`<fs-demarche-tracker api=${realApi()} code=${code}></fs-demarche-tracker>`);
    await until(() => tracker.shadowRoot!.querySelector('.timeline') !== null, 'the case in the tracker');
    expect(shadowText(tracker)).to.contain('Reçue').and.contain('Dossier envoyé à l’ANTS').and.contain('Ancienne carte grise');
    await until(
      () => shadowText(tracker).includes('Votre France services') && tracker.shadowRoot!.querySelector('.site-name') !== null,
      'the site',
    );
    // Where and when: the site's card, with the week's hours.
    await until(() => {
      const card = tracker.shadowRoot!.querySelector('fs-site-card');
      return !!card?.shadowRoot && shadowText(card).includes('Horaires') && card.shadowRoot.querySelectorAll('tbody tr').length === 7;
    }, 'the site card with its hours');
    await expect(tracker).to.be.accessible();

    // The agent updates it from the panel.
    ($$(el, 'button').find((b) => b.textContent!.includes('Nouvel enregistrement')) as HTMLButtonElement).click();
    await el.updateComplete;
    const toggle = $$(el, 'button').find((b) => b.textContent!.includes('Mettre à jour un dossier')) as HTMLButtonElement;
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect($$(el, '#update-status option').map((o) => o.textContent!.trim())).to.deep.equal([
      'Ne pas changer',
      'Reçue',
      'En cours',
      'En attente de pièces',
      'Transmise au partenaire',
      'Terminée',
    ]);
    fill(el, '#update-code', code.toLowerCase());
    const status = $(el, '#update-status') as HTMLSelectElement;
    status.value = 'awaiting-documents';
    status.dispatchEvent(new Event('change'));
    fill(el, '#update-step', 'Il manque le justificatif de domicile');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    ($(el, '.update-form button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '.update-message') !== null, 'the update message');
    expect($(el, '.update-message')!.textContent).to.contain(`Dossier ${code} mis à jour : En attente de pièces`);
    await expect(el).to.be.accessible();

    const after = await fixture<FsDemarcheTracker>(html`<fs-demarche-tracker api=${realApi()} code=${code}></fs-demarche-tracker>`);
    await until(() => after.shadowRoot!.querySelectorAll('.timeline li').length === 2, 'the update in the timeline');
    const current = after.shadowRoot!.querySelector('.timeline li[aria-current="step"]')!;
    expect(current.textContent).to.contain('En attente de pièces').and.contain('Il manque le justificatif de domicile');
    expect(after.shadowRoot!.querySelectorAll('[aria-current]').length).to.equal(1);
    await expect(after).to.be.accessible();
  });
});
