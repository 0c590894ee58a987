import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AppointmentCreated, AppointmentPublic, SlotList } from '@fs-widgets/contract';
import { caseCodeFrom, parseCaseCode } from '@fs-widgets/contract/case-code';
import './booking.js';
import '@fs-widgets/demarches/demarche-tracker.js';
import '@fs-widgets/site-locator/site-card.js';
import '@fs-widgets/site-locator/site-locator.js';
import '@fs-widgets/kit/poster.js';
import type { FsBooking } from './booking.component.js';
import {
  pendingApi,
  proxiedApi,
  realApi,
  setNetwork,
  shadowText,
  unavailableApi,
  until,
} from '../../../../test-support/component-test-env.js';
import { tabThrough } from '../../../../test-support/keyboard-walk.js';

/** Molliens-Dreuil (80): no other test file books there. Its agents publish the hours below and switch booking on. */
const SITE = '2984';
/** Montfort-l’Amaury (78): takes no online bookings. */
const NO_BOOKING_SITE = '2985';
const range = (opens: string, closes: string) => ({ opens, closes });
const DAY = [range('09:00', '12:00'), range('14:00', '17:00')];
const WEEK = { mo: DAY, tu: DAY, we: DAY, th: DAY, fr: DAY, sa: [], su: [] };

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

const tokens = new Map<string, string>();
async function agent(method: 'PUT' | 'GET', path: string, body?: unknown, site = SITE): Promise<unknown> {
  if (!tokens.has(site)) {
    const answer = await fetch(`/__test/agent-token?site=${site}&label=${encodeURIComponent('Tests rendez-vous')}`);
    tokens.set(site, ((await answer.json()) as { token: string }).token);
  }
  const token = tokens.get(site)!;
  const res = await fetch(`${proxiedApi}/sites/${site}/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function publicApi<T>(path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${realApi()}/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function tabTo(el: Element, matches: (a: HTMLElement) => boolean, what: string, max = 30) {
  for (let i = 0; i < max; i++) {
    const a = active(el);
    if (a && matches(a)) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what} (at ${active(el)?.outerHTML.slice(0, 120)})`);
}

async function booking(attrs: { api?: string; site?: string; lang?: string; code?: string } = {}): Promise<FsBooking> {
  return fixture<FsBooking>(
    html`<fs-booking api=${attrs.api ?? realApi()} site-id=${attrs.site ?? SITE} lang=${attrs.lang ?? 'fr'} code=${attrs.code ?? ''}></fs-booking>`,
  );
}

const step = (el: FsBooking, name: string) => until(() => el.shadowRoot!.querySelector(`[data-step="${name}"]`) !== null, `step ${name}`);
const slotsShown = (el: FsBooking) => until(() => $$(el, 'button.slot').length > 0, 'the free slots');

/** Picks a reason and goes to the slots with the mouse (the keyboard path is tested on its own). */
async function toSlots(el: FsBooking, reason = 'demarche:carte-vitale') {
  await until(() => $(el, 'input[name="reason"]') !== null, 'the reasons');
  $$(el, 'input[name="reason"]')
    .find((i) => (i as HTMLInputElement).value === reason)!
    .click();
  await el.updateComplete;
  ($(el, 'form[part="reasons"] button[type="submit"]') as HTMLButtonElement).click();
  await slotsShown(el);
}

async function fill(el: FsBooking, id: string, value: string) {
  const input = $(el, `#${id}`) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
}

let keys = 0;
const key = () => `wtr-booking-${Date.now().toString(36)}-${keys++}`;

describe('<fs-booking>', () => {
  before(async () => {
    await agent('PUT', 'hours', { hours: WEEK });
    await agent('PUT', 'booking-settings', {
      enabled: true,
      duration_minutes: 30,
      capacity: 1,
      horizon_days: 28,
      min_notice_minutes: 1440,
      reasons: ['demarche:carte-vitale', 'other'],
    });
  });
  afterEach(() => setNetwork('up'));

  it('loading, error and « ne prend pas de rendez-vous en ligne » (with the phone to call); axe in each', async () => {
    const loading = await booking({ api: pendingApi });
    expect($(loading, '[data-state="loading"]')!.textContent).to.contain('Chargement');
    await expect(loading).to.be.accessible();

    const error = await booking({ api: unavailableApi });
    await until(() => $(error, '[data-state="error"]') !== null, 'the error state');
    expect(shadowText(error)).to.contain('Le service ne répond pas');
    await expect(error).to.be.accessible();

    const disabled = await booking({ site: NO_BOOKING_SITE });
    await until(() => $(disabled, '[data-state="disabled"]') !== null, 'the disabled state');
    await until(() => shadowText(disabled).includes('Appelez le 01 34 86 23 46'), 'the phone');
    expect(shadowText(disabled)).to.contain('Ce lieu ne prend pas de rendez-vous en ligne');
    expect($(disabled, 'a[href="tel:0134862346"]')).to.not.equal(null);
    await expect(disabled).to.be.accessible();
  });

  it('no free slot within the horizon: says so, with the number to call and the other sites around; axe', async () => {
    // Nogent-le-Roi (28): bookings on, but only one day ahead with two days' notice.
    const NOGENT = '2990';
    const settings = { enabled: true, duration_minutes: 30, capacity: 1, horizon_days: 1, min_notice_minutes: 2880, reasons: ['other'] };
    await agent('PUT', 'booking-settings', settings, NOGENT);
    const el = await booking({ site: NOGENT });
    await until(() => $(el, 'input[name="reason"]') !== null, 'the reasons');
    ($(el, 'input[name="reason"]') as HTMLInputElement).click();
    await el.updateComplete;
    ($(el, 'form[part="reasons"] button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '[data-state="no-slots"]') !== null, 'the no-slot state');
    expect(shadowText(el)).to.contain('Aucun horaire libre pour le moment').and.contain('Appelez le 02 37 43 56 41');
    expect(($(el, '[data-state="no-slots"] a[href$="/s/2990"]') as HTMLAnchorElement).textContent).to.equal(
      'Voir les autres France services autour',
    );
    await expect(el).to.be.accessible();
  });

  it('books with the keyboard alone: reason, slot, first name and e-mail, confirm; the code and the receipt; axe at each step', async () => {
    const el = await booking();
    await until(() => $(el, 'input[name="reason"]') !== null, 'the reasons');
    expect(shadowText(el)).to.contain('Étape 1 sur 3').and.contain('carte Vitale').and.contain('Autre demande');
    await expect(el).to.be.accessible();

    ($(el, '#title') as HTMLElement).focus();
    await tabTo(el, (a) => a.getAttribute('name') === 'reason', 'the first reason');
    await sendKeys({ press: 'Space' });
    await tabTo(el, (a) => a.textContent?.trim() === 'Continuer', 'Continuer');
    await sendKeys({ press: 'Enter' });
    await slotsShown(el);
    expect(active(el)?.id).to.equal('step-heading');
    expect(active(el)?.textContent).to.contain('Étape 2 sur 3 : le jour et l’heure');
    // Days are headings, their slots buttons in lists.
    const dayHeading = $(el, '.day-heading')!;
    expect(dayHeading.getAttribute('role')).to.equal('heading');
    expect($(el, '.day ul.slots li button.slot')).to.not.equal(null);
    await expect(el).to.be.accessible();

    await tabTo(el, (a) => a.classList.contains('slot'), 'the first slot');
    const start = active(el)!.dataset.start!;
    const slotText = active(el)!.textContent!.replace(/\s+/g, ' ').trim();
    await sendKeys({ press: 'Enter' });
    await step(el, 'person');
    expect(active(el)?.textContent).to.contain('Étape 3 sur 3 : vos coordonnées');
    expect(shadowText(el)).to.contain('chiffrés').and.contain('effacés 30 jours après le rendez-vous');
    await expect(el).to.be.accessible();

    await tabTo(el, (a) => a.id === 'first_name', 'the first name');
    await sendKeys({ type: 'Anaïs' });
    await tabTo(el, (a) => a.id === 'email', 'the e-mail');
    await sendKeys({ type: 'anais.wtr@exemple.fr' });
    await tabTo(el, (a) => a.textContent?.trim() === 'Confirmer le rendez-vous', 'Confirmer');
    const confirmed = oneEvent(el, 'fs-booking-confirm');
    await sendKeys({ press: 'Enter' });
    const { detail } = await confirmed;
    await step(el, 'done');
    expect(active(el)?.id).to.equal('done-heading');
    const code = $(el, '.code-value')!.textContent!.trim();
    expect(code).to.equal(detail.code);
    expect(parseCaseCode(code).ok).to.equal(true);
    expect(detail.start).to.equal(start);
    const text = shadowText(el);
    expect(text)
      .to.contain('Votre rendez-vous est réservé')
      .and.contain('France services de Molliens-Dreuil')
      .and.contain('Rappel par e-mail');
    expect(text).to.contain(slotText.split(',')[0]!.trim());
    // A check symbol may be one of * ~ $ = U: the links carry the code percent-encoded.
    expect($(el, `a[href$="/appointments/${encodeURIComponent(code)}/event.ics"]`)).to.not.equal(null);
    expect(($(el, 'a.manage-link') as HTMLAnchorElement).href).to.equal(`${new URL(realApi()).origin}/rdv/${encodeURIComponent(code)}`);
    await expect(el).to.be.accessible();

    // The server has it, at that time, with nothing personal in its public answer.
    const stored = await publicApi<AppointmentPublic>(`appointments/${code}`);
    expect(stored.body.status).to.equal('booked');
    expect(stored.body.start).to.equal(start);
    expect(JSON.stringify(stored.body)).to.not.contain('Anaïs').and.not.contain('anais.wtr');
    // The .ics file is there.
    const ics = await fetch(`${realApi()}/appointments/${code}/event.ics`);
    expect(await ics.text()).to.contain('BEGIN:VEVENT');
  });

  it('every control of every step is reached with Tab and shows its focus ring: the reasons, the slots, the form, the receipt, the appointment by its code and its cancel question, a site without online booking', async () => {
    const el = await booking();
    await until(() => $(el, 'input[name="reason"]') !== null, 'the reasons');
    const title = () => $(el, '#title')!;
    const reasons = await tabThrough(el, title(), 'the reasons');
    expect(reasons.map((c) => c.textContent?.trim() || c.getAttribute('name'))).to.include.members([
      'reason',
      'Continuer',
      'J’ai déjà un rendez-vous',
    ]);

    ($(el, 'input[name="reason"][value="other"]') as HTMLInputElement).click();
    await el.updateComplete;
    ($(el, 'form[part="reasons"] button[type="submit"]') as HTMLButtonElement).click();
    await slotsShown(el);
    const slots = await tabThrough(el, title(), 'the slots');
    expect(slots.filter((c) => c.classList.contains('slot')).length).to.equal($$(el, 'button.slot').length);

    $$(el, 'button.slot').at(-1)!.click();
    await step(el, 'person');
    const form = await tabThrough(el, title(), 'the form');
    expect(form.map((c) => c.id)).to.include.members(['first_name', 'email']);

    await fill(el, 'first_name', 'Irène');
    ($(el, 'input[name="reminder"][value="none"]') ?? $$(el, 'input[name="reminder"]').at(-1))!.click();
    await el.updateComplete;
    ($(el, 'form[part="form"] button[type="submit"]') as HTMLButtonElement).click();
    await step(el, 'done');
    const receipt = await tabThrough(el, title(), 'the receipt');
    expect(receipt.some((c) => c.classList.contains('manage-link'))).to.equal(true);
    const code = $(el, '.code-value')!.textContent!.trim();

    const byCode = await booking({ code });
    await until(() => $(byCode, '#cancel-button') !== null, 'the appointment by its code');
    await tabThrough(byCode, $(byCode, '#title')!, 'the appointment');
    ($(byCode, '#cancel-button') as HTMLButtonElement).click();
    await until(() => shadowText(byCode).includes('Voulez-vous vraiment annuler'), 'the cancel question');
    const question = await tabThrough(byCode, $(byCode, '#title')!, 'the cancel question');
    expect(question.map((c) => c.textContent?.trim())).to.include('Oui, annuler');

    const disabled = await booking({ site: NO_BOOKING_SITE });
    await until(() => $(disabled, '[data-state="disabled"] a[href^="tel:"]') !== null, 'the phone to call');
    const call = await tabThrough(disabled, $(disabled, '#title')!, 'a site without online booking');
    expect(call.some((c) => c.getAttribute('href') === 'tel:0134862346')).to.equal(true);
  });

  it('slot taken meanwhile (409): « Ce créneau vient d’être pris », the list refreshed without it, the form kept; then booked', async () => {
    const el = await booking();
    await toSlots(el);
    const first = $$(el, 'button.slot')[0]!;
    const taken = first.dataset.start!;
    // Someone else books that slot (capacity 1) while the page shows it.
    const other = await publicApi<AppointmentCreated>(`sites/${SITE}/appointments`, {
      key: key(),
      reason: 'demarche:carte-vitale',
      start: taken,
      first_name: 'Bertrand',
      reminder: 'none',
    });
    expect(other.status).to.equal(201);
    first.click();
    await step(el, 'person');
    await fill(el, 'first_name', 'Chloé');
    ($(el, 'input[name="reminder"][value="none"]') ?? $$(el, 'input[name="reminder"]')[2])!.click();
    await el.updateComplete;
    ($(el, 'form[part="form"] button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '[data-state="slot-taken"]') !== null, 'the slot-taken message');
    expect(shadowText(el)).to.contain('Ce créneau vient d’être pris');
    await step(el, 'slot');
    await until(() => $$(el, 'button.slot').length > 0 && $(el, '[data-state="loading"]') === null, 'the refreshed list');
    expect($$(el, 'button.slot').map((b) => b.dataset.start)).to.not.include(taken);
    await expect(el).to.be.accessible();

    $$(el, 'button.slot')[0]!.click();
    await step(el, 'person');
    expect(($(el, '#first_name') as HTMLInputElement).value).to.equal('Chloé');
    ($(el, 'form[part="form"] button[type="submit"]') as HTMLButtonElement).click();
    await step(el, 'done');
    expect(shadowText(el)).to.contain('Pas de rappel');
  });

  it('offline at the confirmation: says booking needs the connection, keeps the form; back online, the same request books once', async () => {
    const el = await booking({ api: proxiedApi });
    await toSlots(el, 'other');
    $$(el, 'button.slot')[1]!.click();
    await step(el, 'person');
    await fill(el, 'first_name', 'Dominique');
    await fill(el, 'email', 'dominique.wtr@exemple.fr');
    await setNetwork('down');
    ($(el, 'form[part="form"] button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '[data-state="offline"]') !== null, 'the offline message');
    expect(shadowText(el)).to.contain('la réservation a besoin d’Internet');
    expect(($(el, '#email') as HTMLInputElement).value).to.equal('dominique.wtr@exemple.fr');
    await expect(el).to.be.accessible();
    await setNetwork('up');
    ($(el, 'form[part="form"] button[type="submit"]') as HTMLButtonElement).click();
    await step(el, 'done');
  });

  it('with a code: a mistyped one caught before any request; then the appointment, moved and cancelled; axe', async () => {
    const list = (await (await fetch(`${realApi()}/sites/${SITE}/slots?reason=other&days=7`)).json()) as SlotList;
    const [a, b] = list.days.flatMap((d) => d.slots).slice(-2);
    const made = await publicApi<AppointmentCreated>(`sites/${SITE}/appointments`, {
      key: key(),
      reason: 'other',
      start: a!.start,
      first_name: 'Eugène',
      reminder: 'none',
    });
    expect(made.status).to.equal(201);
    const code = made.body.code;

    const calls: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    };
    let el: FsBooking;
    try {
      el = await booking();
      await until(() => $(el, 'input[name="reason"]') !== null, 'the reasons');
      ($$(el, 'button.link').find((x) => x.textContent?.includes('J’ai déjà un rendez-vous')) as HTMLButtonElement).click();
      await el.updateComplete;
      expect(active(el)?.id).to.equal('code');
      const typo = `${code.slice(0, 2)}${code[2] === 'A' ? 'B' : 'A'}${code.slice(3)}`;
      await fill(el, 'code', typo.toLowerCase());
      ($(el, '.code-form button[type="submit"]') as HTMLButtonElement).click();
      await el.updateComplete;
      expect($(el, '#code-error')!.textContent).to.contain('erreur de saisie');
      await new Promise((r) => setTimeout(r, 100));
      expect(calls.filter((u) => u.includes('/appointments/'))).to.deep.equal([]);
      await expect(el).to.be.accessible();
    } finally {
      window.fetch = realFetch;
    }

    await fill(el, 'code', code.replaceAll('-', ' ').toLowerCase());
    ($(el, '.code-form button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '#appointment-heading') !== null, 'the appointment');
    expect(shadowText(el)).to.contain('Réservé').and.contain(code);
    await expect(el).to.be.accessible();

    // Move, to the other slot.
    ($$(el, 'button').find((x) => x.textContent?.trim() === 'Déplacer le rendez-vous') as HTMLButtonElement).click();
    await slotsShown(el);
    $$(el, 'button.slot')
      .find((s) => s.dataset.start === b!.start)!
      .click();
    await el.updateComplete;
    await until(() => $(el, '#move-confirm') !== null, 'the move confirmation');
    await expect(el).to.be.accessible();
    const moved = oneEvent(el, 'fs-booking-move');
    ($(el, '#move-confirm') as HTMLButtonElement).click();
    expect((await moved).detail.start).to.equal(b!.start);
    await until(() => $(el, '#notice') !== null, 'the moved notice');
    expect($(el, '#notice')!.textContent).to.contain('Votre rendez-vous est déplacé au');
    expect((await publicApi<AppointmentPublic>(`appointments/${code}`)).body.start).to.equal(b!.start);

    // Cancel, after confirming.
    ($(el, '#cancel-button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(active(el)?.id).to.equal('cancel-no');
    expect(shadowText(el)).to.contain('Voulez-vous vraiment annuler');
    await expect(el).to.be.accessible();
    ($$(el, 'button').find((x) => x.textContent?.trim() === 'Oui, annuler') as HTMLButtonElement).click();
    await until(() => $(el, '.status-badge[data-status="cancelled"]') !== null, 'cancelled');
    expect($(el, '#notice')!.textContent).to.contain('Votre rendez-vous est annulé');
    expect((await publicApi<AppointmentPublic>(`appointments/${code}`)).body.status).to.equal('cancelled');
    await expect(el).to.be.accessible();
  });

  it('the démarche tracker takes a booking code too: the appointment, and the link to cancel or move it', async () => {
    const list = (await (await fetch(`${realApi()}/sites/${SITE}/slots?reason=demarche:carte-vitale&days=14`)).json()) as SlotList;
    const slot = list.days.at(-1)!.slots.at(-1)!;
    const made = await publicApi<AppointmentCreated>(`sites/${SITE}/appointments`, {
      key: key(),
      reason: 'demarche:carte-vitale',
      start: slot.start,
      first_name: 'Fanny',
      reminder: 'none',
    });
    expect(made.status).to.equal(201);
    const tracker = await fixture(html`<fs-demarche-tracker api=${realApi()} code=${made.body.code}></fs-demarche-tracker>`);
    await until(() => $(tracker, '[data-kind="booking"]') !== null, 'the appointment in the tracker');
    const text = shadowText(tracker);
    expect(text).to.contain('Votre rendez-vous').and.contain('Rendez-vous réservé').and.contain('Obtenir ou remplacer sa carte Vitale');
    expect(text).to.contain('France services de Molliens-Dreuil').and.contain(made.body.code);
    expect(($(tracker, 'a[href*="/rdv/"]') as HTMLAnchorElement).href).to.equal(
      `${new URL(realApi()).origin}/rdv/${encodeURIComponent(made.body.code)}`,
    );
    await expect(tracker).to.be.accessible();
  });

  it('« Prendre rendez-vous » where the site takes bookings: the card, the locator’s result, the poster, to /s/<id>/rdv or the page’s own', async () => {
    const origin = new URL(realApi()).origin;
    const card = await fixture(html`<fs-site-card api=${realApi()} site-id=${SITE}></fs-site-card>`);
    await until(() => $(card, 'a.booking-link') !== null, 'the card’s booking link');
    expect($(card, 'a.booking-link')!.textContent!.trim()).to.equal('Prendre rendez-vous en ligne');
    expect(($(card, 'a.booking-link') as HTMLAnchorElement).href).to.equal(`${origin}/s/${SITE}/rdv`);
    await expect(card).to.be.accessible();
    const own = await fixture(
      html`<fs-site-card api=${realApi()} site-id=${SITE} booking-url="https://mairie.example/rdv?site={id}"></fs-site-card>`,
    );
    await until(() => $(own, 'a.booking-link') !== null, 'the page’s own booking link');
    expect(($(own, 'a.booking-link') as HTMLAnchorElement).href).to.equal(`https://mairie.example/rdv?site=${SITE}`);
    // A site that takes no online bookings has no link.
    const none = await fixture(html`<fs-site-card api=${realApi()} site-id=${NO_BOOKING_SITE}></fs-site-card>`);
    await until(() => shadowText(none).includes('Montfort'), 'the other card');
    expect($(none, 'a.booking-link')).to.equal(null);

    const locator = await fixture(html`<fs-site-locator api=${realApi()} commune="80554" no-url-state></fs-site-locator>`);
    await until(() => $(locator, `[part="result"][data-site="${SITE}"]`) !== null, 'the locator’s results');
    const link = $(locator, `[part="result"][data-site="${SITE}"] a.booking-link`) as HTMLAnchorElement;
    expect(link.href).to.equal(`${origin}/s/${SITE}/rdv`);
    expect(link.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Prendre rendez-vous — France services de Molliens-Dreuil');
    expect($$(locator, 'a.booking-link').length).to.equal(1);
    await expect(locator).to.be.accessible();

    const poster = await fixture(html`<fs-poster api=${realApi()} site-id=${SITE}></fs-poster>`);
    await until(() => $(poster, '[part="booking"] a') !== null, 'the poster’s booking address');
    expect($(poster, '[part="booking"]')!.textContent).to.contain('Prendre rendez-vous en ligne');
    expect(($(poster, '[part="booking"] a') as HTMLAnchorElement).href).to.equal(`${origin}/s/${SITE}/rdv`);
  });

  it('follows a change of language after render (the page’s, then its own lang): the slots, the form and its errors re-written, what was typed kept; axe', async () => {
    /** Names a weekday (Monday to Friday: the slots' days) in that language. */
    const weekday = (text: string, locale: string) =>
      [1, 2, 3, 4, 5].some((d) =>
        text
          .toLowerCase()
          .includes(new Date(Date.UTC(2026, 0, 4 + d)).toLocaleDateString(locale, { weekday: 'long', timeZone: 'UTC' }).toLowerCase()),
      );
    const el = await fixture<FsBooking>(html`<fs-booking api=${realApi()} site-id=${SITE}></fs-booking>`);
    try {
      await toSlots(el);
      expect($(el, '#step-heading')!.textContent).to.contain('Étape 2 sur 3');
      expect(weekday($(el, '.day-heading')!.textContent!, 'fr')).to.equal(true);
      const starts = $$(el, 'button.slot').map((b) => b.dataset.start);

      document.documentElement.lang = 'en';
      await until(() => $(el, '#step-heading')!.textContent!.includes('Step 2 of 3'), 'the slots in English');
      expect(weekday($(el, '.day-heading')!.textContent!, 'en')).to.equal(true);
      expect(weekday($(el, '.day-heading')!.textContent!, 'fr')).to.equal(false);
      expect($$(el, 'button.slot').map((b) => b.dataset.start)).to.deep.equal(starts);
      await expect(el).to.be.accessible();

      // The form, half filled and refused: its errors in English, then in French with the page's language.
      $$(el, 'button.slot')[0]!.click();
      await step(el, 'person');
      await fill(el, 'first_name', 'Gaëlle');
      await fill(el, 'email', 'gaelle.wtr@');
      ($(el, 'form[part="form"] button[type="submit"]') as HTMLButtonElement).click();
      await until(() => $(el, '#email-error') !== null, 'the e-mail error');
      expect($(el, '#email-error')!.textContent).to.contain('Enter a valid e-mail address');
      expect(shadowText(el)).to.contain('Step 3 of 3');

      document.documentElement.lang = 'fr';
      await until(() => $(el, '#email-error')!.textContent!.includes('Indiquez une adresse e-mail valide'), 'the error in French');
      expect(shadowText(el)).to.contain('Étape 3 sur 3 : vos coordonnées').and.not.contain('Step 3 of 3');
      expect(($(el, '#first_name') as HTMLInputElement).value).to.equal('Gaëlle');
      expect(($(el, '#email') as HTMLInputElement).value).to.equal('gaelle.wtr@');
      expect($(el, '#email')!.getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();

      // Its own lang attribute, set by the page after render, wins over the page's.
      el.setAttribute('lang', 'en');
      await until(() => $(el, '#email-error')!.textContent!.includes('Enter a valid e-mail address'), 'its own lang');
      expect(shadowText(el)).to.contain('Step 3 of 3').and.contain('Change the time');
      expect(weekday(shadowText(el), 'en')).to.equal(true);
      expect(($(el, '#first_name') as HTMLInputElement).value).to.equal('Gaëlle');
      await expect(el).to.be.accessible();
    } finally {
      document.documentElement.lang = 'fr';
    }
  });

  it('in English, with an unknown code from the page attribute', async () => {
    const el = await booking({ lang: 'en' });
    await until(
      () => $(el, 'input[name="reason"]') !== null && shadowText(el).includes('Book an appointment at'),
      'the reasons in English',
    );
    expect(shadowText(el)).and.contain('Step 1 of 3: what for').and.contain('Other request');
    await expect(el).to.be.accessible();
    const unknown = caseCodeFrom('0000000000');
    const byCode = await booking({ lang: 'en', code: unknown });
    await until(() => $(byCode, '[data-state="unknown"]') !== null, 'unknown');
    expect(shadowText(byCode)).to.contain('No appointment has this code');
    await expect(byCode).to.be.accessible();
  });
});
