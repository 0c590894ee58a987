import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type {
  ActivityStats,
  Agenda,
  AgendaChange,
  AppointmentCreated,
  AppointmentStats,
  BookingSettings,
  SlotList,
} from '@fs-widgets/contract';
import { parseCaseCode } from '@fs-widgets/contract/case-code';
import { addDays, zonedParts } from '@fs-widgets/opening-hours';
import './agenda.js';
import type { FsAgenda } from './agenda.component.js';
import {
  pendingApi,
  proxiedApi,
  realApi,
  setNetwork,
  shadowText,
  unavailableApi,
  until,
} from '../../../../test-support/component-test-env.js';
import { openForBookingsToday } from '../../../../test-support/appointments-today.js';
import { tabThrough } from '../../../../test-support/keyboard-walk.js';

/**
 * Nogent-le-Roi (28, Europe/Paris): no other test file uses it. Its agents publish weekday hours
 * and exceptional hours today from 00:00 to 23:59 (an exception also opens a weekend day or a
 * public holiday), so an agent can book a slot later today whatever the day the tests run, and
 * mark it done (the server takes « done » from the appointment's day on). Not between 23:50 and
 * midnight. Never open every weekend: the tests share one server, and the locator's test finds no
 * France services open on a Sunday morning of the past.
 */
const SITE = '2990';
const TOKEN_KEY = `fs-widgets:demarches:token:${SITE}`;
const DAY = [{ opens: '08:00', closes: '18:00' }];
const WEEK = { mo: DAY, tu: DAY, we: DAY, th: DAY, fr: DAY, sa: [], su: [] };
const TODAY = zonedParts(new Date(), 'Europe/Paris').date;

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const button = (el: Element, text: string, root: ParentNode = el.shadowRoot!) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.replace(/\s+/g, ' ').trim().startsWith(text));

let token = '';
async function agentToken(): Promise<string> {
  token ||= (
    (await (await fetch(`/__test/agent-token?site=${SITE}&label=${encodeURIComponent('Tests agenda')}`)).json()) as { token: string }
  ).token;
  return token;
}

async function agent<T>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${proxiedApi}/${path}`, {
    method,
    headers: { authorization: `Bearer ${await agentToken()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

let keys = 0;
const key = () => `wtr-agenda-${Date.now().toString(36)}-${keys++}`;

async function agenda(attrs: { api?: string; lang?: string; view?: string; date?: string } = {}): Promise<FsAgenda> {
  return fixture<FsAgenda>(
    html`<fs-agenda
      api=${attrs.api ?? realApi()}
      site-id=${SITE}
      lang=${attrs.lang ?? 'fr'}
      view=${attrs.view ?? 'day'}
      date=${attrs.date ?? ''}
    ></fs-agenda>`,
  );
}

const ready = (el: FsAgenda) => until(() => $(el, '[part="base"][data-state="ready"]') !== null, 'the agenda');

async function fill(el: FsAgenda, id: string, value: string) {
  const input = $(el, `#${id}`) as HTMLInputElement | HTMLSelectElement;
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
  await el.updateComplete;
}

/** Opens « Prendre un rendez-vous pour quelqu’un », fills it with the first free slot of the days shown, saves. */
async function bookForSomeone(el: FsAgenda, firstName: string, phone = '', reason = 'demarche:carte-vitale'): Promise<string> {
  button(el, 'Prendre un rendez-vous pour quelqu’un')!.click();
  await until(() => $(el, 'form[data-form="book"]') !== null, 'the booking form');
  await until(() => $(el, `#f-reason option[value="${reason}"]`) !== null, 'the reasons');
  await fill(el, 'f-reason', reason);
  const slot = $(el, 'input[name="book-slot"]') as HTMLInputElement;
  expect(slot, 'a free slot today').to.not.equal(null);
  slot.click();
  await fill(el, 'f-firstName', firstName);
  if (phone) await fill(el, 'f-phone', phone);
  ($(el, 'form[data-form="book"] button[type="submit"]') as HTMLButtonElement).click();
  return slot.value;
}

describe('<fs-agenda>', () => {
  before(async () => {
    await agent('PUT', `sites/${SITE}/hours`, { hours: WEEK });
    await openForBookingsToday(agent, SITE, TODAY, key, {
      enabled: true,
      duration_minutes: 10,
      capacity: 1,
      horizon_days: 28,
      min_notice_minutes: 1440,
      reasons: ['demarche:carte-vitale', 'other'],
    });
  });
  beforeEach(() => localStorage.removeItem(TOKEN_KEY));
  afterEach(() => setNetwork('up'));

  it('signed out: the shared sign-in; a pasted token opens today’s day view; loading and error; axe in each', async () => {
    const el = await agenda();
    expect($(el, '[data-state="signed-out"]')).to.not.equal(null);
    expect(shadowText(el)).to.contain('Agenda des rendez-vous').and.contain('Collez le jeton d’accès des agents de ce lieu');
    await expect(el).to.be.accessible();

    ($(el, '#token') as HTMLInputElement).focus();
    await sendKeys({ type: await agentToken() });
    await sendKeys({ press: 'Enter' });
    await ready(el);
    expect($(el, '#range-title')!.textContent).to.contain(new Date(`${TODAY}T12:00:00Z`).getUTCDate().toString());
    expect($(el, '#view-day')!.getAttribute('aria-pressed')).to.equal('true');
    expect(shadowText(el)).to.contain('Places libres');
    expect($(el, '[data-state="empty"]')!.textContent).to.contain('Aucun rendez-vous ce jour.');
    await expect(el).to.be.accessible();

    // Another site's token on this device for this site: the server's 403, said, with « Changer de jeton ».
    const other = ((await (await fetch(`/__test/agent-token?site=2989&label=wtr`)).json()) as { token: string }).token;
    localStorage.setItem(TOKEN_KEY, other);
    const refused = await agenda();
    await until(() => $(refused, '[data-state="refused-token"]') !== null, 'the refused token');
    expect(shadowText(refused)).to.contain('Ce jeton ne permet pas de tenir l’agenda de ce lieu');
    await expect(refused).to.be.accessible();
    button(refused, 'Changer de jeton')!.click();
    await until(() => $(refused, '#token') !== null, 'the sign-in again');
    expect(localStorage.getItem(TOKEN_KEY)).to.equal(null);

    localStorage.setItem(TOKEN_KEY, await agentToken());
    const loading = await agenda({ api: pendingApi });
    expect($(loading, '[data-state="loading"]')!.textContent).to.contain('Chargement de l’agenda');
    await expect(loading).to.be.accessible();
    const error = await agenda({ api: unavailableApi });
    await until(() => $(error, '[part="message"][data-state="error"]') !== null, 'the error state');
    expect(shadowText(error)).to.contain('L’agenda ne s’affiche pas pour le moment').and.contain('Réessayer');
    await expect(error).to.be.accessible();
  });

  it('books for someone on the phone, shows it with the phone, marks it arrived then done: « Acte enregistré », counted in /stats/activity', async () => {
    localStorage.setItem(TOKEN_KEY, await agentToken());
    const actsBefore = (await agent<ActivityStats>('GET', `stats/activity?site=${SITE}&from=${TODAY}&to=${TODAY}`)).acts;
    const el = await agenda();
    await ready(el);
    const start = await bookForSomeone(el, 'Yvette', '06 12 34 56 78');
    await until(() => $(el, '[part="message"][data-state="sent"]') !== null, 'the booking’s confirmation');
    const message = $(el, '[part="message"]')!.textContent!;
    expect(message).to.contain('Rendez-vous pris pour Yvette').and.contain('Code à donner à la personne : ');
    const code = /Code à donner à la personne : (\S+)\./.exec(message)![1]!;
    expect(parseCaseCode(code).ok, `${code} is a checked booking code`).to.equal(true);

    // The server has it, booked by an agent, with the phone for the reminder.
    const server = await agent<Agenda>('GET', `sites/${SITE}/agenda?from=${TODAY}&days=1`);
    const made = server.appointments.find((a) => a.first_name === 'Yvette')!;
    expect(made).to.include({
      start,
      booked_by: 'agent',
      status: 'booked',
      phone: '06 12 34 56 78',
      reminder: 'sms',
      reason: 'demarche:carte-vitale',
    });
    expect(code).to.equal(made.code);

    const row = () => $(el, `[part="appointment"][data-id="${made.id}"]`)!;
    await until(() => $(el, `[part="appointment"][data-id="${made.id}"]`) !== null, 'the appointment in the day view');
    expect(row().textContent).to.contain('Yvette').and.contain('Obtenir ou remplacer sa carte Vitale').and.contain('À venir');
    expect(row().querySelector('a[href="tel:0612345678"]')).to.not.equal(null);
    await expect(el).to.be.accessible();

    button(el, 'Arrivé·e', row())!.click();
    await until(() => row().dataset.status === 'arrived', 'arrived');
    button(el, 'Fait', row())!.click();
    await until(() => $(el, '[part="message"][data-state="act"]') !== null, '« Acte enregistré »');
    expect($(el, '[part="message"]')!.textContent)
      .to.contain('Yvette : Fait.')
      .and.contain('Acte enregistré dans le journal des démarches.');
    expect(row().dataset.status).to.equal('done');
    await expect(el).to.be.accessible();
    expect((await agent<ActivityStats>('GET', `stats/activity?site=${SITE}&from=${TODAY}&to=${TODAY}`)).acts).to.equal(actsBefore + 1);
  });

  it('an appointment the person booked, then moved with their code, shows in the agenda opened meanwhile once the window has the focus again', async () => {
    localStorage.setItem(TOKEN_KEY, await agentToken());
    const list = (await (await fetch(`${realApi()}/sites/${SITE}/slots?reason=other&days=7`, { cache: 'no-store' })).json()) as SlotList;
    const day = list.days[0]!;
    const [first, second] = [day.slots[0]!, day.slots.at(-1)!];
    const res = await fetch(`${realApi()}/sites/${SITE}/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        key: key(),
        reason: 'other',
        start: first.start,
        first_name: 'Gaston',
        email: 'gaston@example.fr',
        reminder: 'email',
      }),
    });
    const booked = (await res.json()) as AppointmentCreated;
    expect(res.status).to.equal(201);

    const el = await agenda({ api: proxiedApi, date: day.date });
    await ready(el);
    const row = () => $$(el, '[part="appointment"]').find((r) => r.textContent!.includes('Gaston'));
    await until(() => row() !== undefined, 'the public booking in the day view');
    expect(row()!.textContent).to.contain('pris en ligne').and.contain('gaston@example.fr').and.contain(booked.code);
    expect(row()!.querySelector('.when strong')!.textContent).to.equal(
      first.time.replace(/^0?(\d+):00$/, '$1 h').replace(/^0?(\d+):(\d\d)$/, '$1 h $2'),
    );

    const moved = await fetch(`${realApi()}/appointments/${booked.code}/move`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ start: second.start }),
    });
    expect(moved.status).to.equal(200);
    window.dispatchEvent(new Event('focus'));
    const secondTime = second.time.replace(/^0?(\d+):00$/, '$1 h').replace(/^0?(\d+):(\d\d)$/, '$1 h $2');
    await until(() => row()?.querySelector('.when strong')?.textContent === secondTime, 'the moved time');
    expect(shadowText(el)).to.contain('actualisé toutes les 30 secondes');

    // Moved offline by the agent while the person cancels it with the code: once back online, the
    // agent's move is refused (409 appointment-closed), listed with why, until dismissed.
    await setNetwork('down');
    button(el, 'Déplacer', row())!.click();
    await until(() => row()!.querySelector('input[type="radio"]') !== null, 'the move form');
    (row()!.querySelector('input[type="radio"]') as HTMLInputElement).click();
    await el.updateComplete;
    (row()!.querySelector('form button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '[part="pending"]') !== null, 'the move waiting');
    expect($(el, '[part="pending"]')!.textContent).to.contain('Déplacement d’un rendez-vous');
    const byCode = await fetch(`${realApi()}/appointments/${booked.code}/cancel`, { method: 'POST' });
    expect(byCode.status).to.equal(200);
    await setNetwork('up');
    window.dispatchEvent(new Event('online'));
    await until(() => $(el, '[part="refused"]') !== null, 'the refusal listed');
    expect($(el, '[part="pending"]')).to.equal(null);
    expect($(el, '[part="refused"]')!.textContent)
      .to.contain('Changements refusés par le serveur')
      .and.contain('Déplacement d’un rendez-vous : rendez-vous déjà annulé, passé ou marqué');
    await until(() => row()?.dataset.status === 'cancelled', 'cancelled by the person');
    await expect(el).to.be.accessible();
    button(el, 'Retirer', $(el, '[part="refused"]')!)!.click();
    await until(() => $(el, '[part="refused"]') === null, 'the refusal dismissed');
  });

  it('offline: a booking for someone waits on the device, is listed, and is sent once when the network is back; a block over it is refused at the form', async () => {
    localStorage.setItem(TOKEN_KEY, await agentToken());
    const el = await agenda({ api: proxiedApi });
    await ready(el);
    await setNetwork('down');
    const start = await bookForSomeone(el, 'Odile', '', 'other');
    await until(() => $(el, '[part="message"][data-state="queued"]') !== null, 'the queued message');
    expect($(el, '[part="message"]')!.textContent).to.contain('ce sera envoyé dès le retour de la connexion');
    await until(() => $(el, '[part="pending"]') !== null, 'the pending list');
    expect($(el, '[part="pending"]')!.textContent)
      .to.contain('En attente d’envoi depuis cet appareil')
      .and.contain('Rendez-vous pour Odile');
    el.refresh();
    await until(() => $(el, '[part="message"][data-state="offline"]') !== null, 'the offline notice');
    expect(shadowText(el)).to.contain('Pas de connexion : agenda affiché tel qu’il était à');
    await expect(el).to.be.accessible();

    await setNetwork('up');
    window.dispatchEvent(new Event('online'));
    await until(() => $(el, '[part="pending"]') === null, 'the booking sent');
    await until(
      () => $(el, '[part="message"]')?.textContent?.includes('Les changements en attente ont été envoyés.') === true,
      'said sent',
    );
    await until(() => $$(el, '[part="appointment"]').some((r) => r.textContent!.includes('Odile')), 'Odile in the day view');
    const server = await agent<Agenda>('GET', `sites/${SITE}/agenda?from=${TODAY}&days=1`);
    expect(server.appointments.filter((a) => a.first_name === 'Odile')).to.have.length(1);

    // A block over Odile's appointment: refused by the server (409 block-overlaps), said at the form, nothing blocked.
    const local = zonedParts(new Date(start), 'Europe/Paris');
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    button(el, 'Bloquer un créneau')!.click();
    await until(() => $(el, 'form[data-form="block"]') !== null, 'the block form');
    await fill(el, 'f-from', hhmm(local.minutes));
    await fill(el, 'f-to', hhmm(local.minutes + 10));
    await fill(el, 'f-label', 'Réunion d’équipe');
    await expect(el).to.be.accessible();
    ($(el, 'form[data-form="block"] button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '.form-message') !== null, 'the refusal');
    expect($(el, '.form-message')!.textContent).to.contain('Des rendez-vous sont pris sur ce créneau : rien n’a été bloqué');
    expect((await agent<Agenda>('GET', `sites/${SITE}/agenda?from=${TODAY}&days=1`)).blocks).to.have.length(0);

    // « Fait » on an « Autre demande »: which partner it was for is asked first, then the act is logged with it.
    const odile = () => $$(el, '[part="appointment"]').find((r) => r.textContent!.includes('Odile'))!;
    button(el, 'Fait', odile())!.click();
    await until(() => odile().querySelector('select') !== null, 'the partner asked');
    expect(odile().textContent).to.contain('Pour quel partenaire était cette demande ?');
    const select = odile().querySelector('select')!;
    select.value = 'caf';
    select.dispatchEvent(new Event('change'));
    button(el, 'Enregistrer comme fait', odile())!.click();
    await until(() => $(el, '[part="message"][data-state="act"]') !== null, '« Acte enregistré »');
    const done = (await agent<Agenda>('GET', `sites/${SITE}/agenda?from=${TODAY}&days=1`)).appointments.find(
      (a) => a.first_name === 'Odile',
    )!;
    expect(done.status).to.equal('done');
    expect(done.act_id).to.be.a('string');
  });

  it('follows a change of language after render: the day view, the open booking form and its errors, the message after a booking and a move’s error re-written, the name typed kept; axe', async () => {
    localStorage.setItem(TOKEN_KEY, await agentToken());
    const el = await fixture<FsAgenda>(html`<fs-agenda api=${realApi()} site-id=${SITE} view="day"></fs-agenda>`);
    const dayName = (locale: string) =>
      new Date(`${TODAY}T12:00:00Z`).toLocaleDateString(locale, { weekday: 'long', timeZone: 'UTC' }).toLowerCase();
    const text = (selector: string) => $(el, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    try {
      await ready(el);
      expect($(el, '#range-title')!.textContent!.toLowerCase()).to.contain(dayName('fr'));
      button(el, 'Prendre un rendez-vous pour quelqu’un')!.click();
      await until(() => $(el, '#f-firstName') !== null, 'the booking form');
      await fill(el, 'f-firstName', 'Hélène');
      // Sent without a reason: the field's error and the form's message, in French.
      ($(el, 'form[data-form="book"] button[type="submit"]') as HTMLButtonElement).click();
      await until(() => $(el, '#f-reason-error') !== null, 'the reason’s error');
      expect(text('#f-reason-error')).to.equal('Choisissez pour quoi.');
      expect(text('.form-message')).to.equal('Le formulaire contient des erreurs : corrigez les champs signalés.');

      document.documentElement.lang = 'en';
      await until(() => shadowText(el).includes('Appointments agenda'), 'the agenda in English');
      expect($(el, '#range-title')!.textContent!.toLowerCase()).to.contain(dayName('en'));
      expect(shadowText(el)).to.contain('Book for someone').and.contain('Previous day').and.not.contain('Agenda des rendez-vous');
      expect(($(el, '#f-firstName') as HTMLInputElement).value).to.equal('Hélène');
      expect(el.shadowRoot!.querySelector('label[for="f-firstName"]')!.textContent).to.contain('First name');
      expect(text('#f-reason-error')).to.equal('Choose what for.');
      expect(text('.form-message')).to.equal('The form has errors: correct the fields marked.');
      expect($(el, '#f-reason')!.getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();

      document.documentElement.lang = 'fr';
      await until(() => shadowText(el).includes('Agenda des rendez-vous'), 'the agenda in French again');
      expect($(el, '#range-title')!.textContent!.toLowerCase()).to.contain(dayName('fr'));
      expect(($(el, '#f-firstName') as HTMLInputElement).value).to.equal('Hélène');
      expect(text('#f-reason-error')).to.equal('Choisissez pour quoi.');
      expect(text('.form-message')).to.equal('Le formulaire contient des erreurs : corrigez les champs signalés.');
      await expect(el).to.be.accessible();

      // Booked: the message after it; then a move sent without a new time: its error. Both re-written.
      await fill(el, 'f-reason', 'other');
      ($(el, 'input[name="book-slot"]') as HTMLInputElement).click();
      ($(el, 'form[data-form="book"] button[type="submit"]') as HTMLButtonElement).click();
      await until(() => $(el, '[part="message"][data-state="sent"]') !== null, 'the booking’s confirmation');
      expect(text('[part="message"]')).to.contain('Rendez-vous pris pour Hélène, ');
      expect(text('[part="message"]').toLowerCase()).to.contain(dayName('fr'));
      const row = () => $$(el, '[part="appointment"]').find((r) => r.textContent!.includes('Hélène'))!;
      await until(() => row() !== undefined, 'Hélène in the day view');
      button(el, 'Déplacer', row())!.click();
      await until(() => row().querySelector('form button[type="submit"]') !== null, 'the move form');
      (row().querySelector('form button[type="submit"]') as HTMLButtonElement).click();
      await until(() => row().querySelector('[id^="move-error-"]') !== null, 'the move’s error');
      expect(row().querySelector('[id^="move-error-"]')!.textContent!.trim()).to.equal('Choisissez un créneau.');

      document.documentElement.lang = 'en';
      await until(() => text('[part="message"]').startsWith('Appointment booked for Hélène, '), 'the message in English');
      expect(text('[part="message"]')).to.contain('Code to give the person: ');
      expect(text('[part="message"]').toLowerCase()).to.contain(dayName('en')).and.not.contain(dayName('fr'));
      expect(row().querySelector('[id^="move-error-"]')!.textContent!.trim()).to.equal('Choose a time.');
      await expect(el).to.be.accessible();

      document.documentElement.lang = 'fr';
      await until(() => text('[part="message"]').startsWith('Rendez-vous pris pour Hélène, '), 'the message in French again');
      expect(row().querySelector('[id^="move-error-"]')!.textContent!.trim()).to.equal('Choisissez un créneau.');
    } finally {
      document.documentElement.lang = 'fr';
    }
  });

  it('online booking closed to the public: the note says where to open it, the agents still book for someone from the reasons of the agenda’s answer; axe', async () => {
    localStorage.setItem(TOKEN_KEY, await agentToken());
    const { site_id: _site, updated_at: _saved, ...settings } = await agent<BookingSettings>('GET', `sites/${SITE}/booking-settings`);
    await agent('PUT', `sites/${SITE}/booking-settings`, { ...settings, enabled: false });
    const asked: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      asked.push(input instanceof Request ? input.url : String(input));
      return realFetch(input, init);
    };
    try {
      // The public's side answers so: nothing to book online.
      const publicSide = (await (await realFetch(`${realApi()}/sites/${SITE}/booking`, { cache: 'no-store' })).json()) as {
        enabled: boolean;
        reasons: unknown[];
      };
      expect(publicSide).to.deep.include({ enabled: false, reasons: [] });

      const el = await agenda();
      await ready(el);
      await until(() => $(el, '[data-state="online-off"]') !== null, 'the note');
      expect($(el, '[data-state="online-off"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        'La prise de rendez-vous en ligne est fermée : le public ne peut pas réserver, vous pouvez toujours prendre des rendez-vous pour quelqu’un. Pour l’ouvrir : « Réglages », puis « Prendre des rendez-vous en ligne ».',
      );
      await expect(el).to.be.accessible();

      const start = await bookForSomeone(el, 'Rosine', '06 98 76 54 32');
      await until(() => $(el, '[part="message"][data-state="sent"]') !== null, 'the booking’s confirmation');
      expect($(el, '[part="message"]')!.textContent).to.contain('Rendez-vous pris pour Rosine');
      const server = await agent<Agenda>('GET', `sites/${SITE}/agenda?from=${TODAY}&days=1`);
      expect(server.online).to.equal(false);
      expect(server.appointments.find((a) => a.first_name === 'Rosine')).to.include({
        start,
        booked_by: 'agent',
        status: 'booked',
        reason: 'demarche:carte-vitale',
      });
      await until(() => $$(el, '[part="appointment"]').some((r) => r.textContent!.includes('Rosine')), 'Rosine in the day view');
      expect($(el, '[data-state="online-off"]')).to.not.equal(null);
      await expect(el).to.be.accessible();
      // The reasons came with the agenda: the public's booking answer was never asked for.
      expect(asked.filter((u) => /\/sites\/\d+\/booking(\?|$)/.test(new URL(u, location.href).pathname))).to.deep.equal([]);
      expect(asked.some((u) => u.includes(`/sites/${SITE}/agenda`))).to.equal(true);
    } finally {
      window.fetch = realFetch;
      await agent('PUT', `sites/${SITE}/booking-settings`, { ...settings, enabled: true });
    }
  });

  it('keyboard: every control of the sign-in, the day view with an appointment, its move form and cancel question, the three forms and the week view is reached with Tab and shows its focus ring', async () => {
    const signedOut = await agenda();
    const signIn = await tabThrough(signedOut, $(signedOut, '#title')!, 'the sign-in');
    expect(signIn.map((c) => c.id)).to.include('token');

    localStorage.setItem(TOKEN_KEY, await agentToken());
    const el = await agenda();
    await ready(el);
    const title = () => $(el, '#title')!;
    await bookForSomeone(el, 'Jacqueline', '06 11 22 33 44', 'other');
    await until(() => $(el, '[part="message"][data-state="sent"]') !== null, 'the booking’s confirmation');
    const row = () => $$(el, '[part="appointment"]').find((r) => r.textContent!.includes('Jacqueline'))!;
    await until(() => row() !== undefined, 'Jacqueline in the day view');
    const day = await tabThrough(el, title(), 'the day view');
    expect(day.map((c) => c.id)).to.include.members([
      'view-day',
      'view-week',
      'previous',
      'today',
      'next',
      'open-book',
      'open-block',
      'open-settings',
    ]);
    const inRow = day.filter((c) => row().contains(c));
    expect(inRow.map((c) => c.textContent!.trim())).to.include.members([
      'Téléphone : 06 11 22 33 44',
      'Arrivé·e',
      'Fait',
      'Absent·e',
      'Déplacer',
      'Annuler le rendez-vous',
    ]);

    button(el, 'Déplacer', row())!.click();
    await until(() => row().querySelector('form input[type="radio"]') !== null, 'the move form');
    const move = await tabThrough(el, title(), 'the move form');
    expect(move.some((c) => c instanceof HTMLInputElement && c.type === 'radio' && row().contains(c))).to.equal(true);
    button(el, 'Annuler le rendez-vous', row())!.click();
    await until(() => button(el, 'Non, garder', row()) !== undefined, 'the cancel question');
    const question = await tabThrough(el, title(), 'the cancel question');
    expect(question.map((c) => c.textContent!.trim())).to.include.members(['Oui, annuler', 'Non, garder']);
    button(el, 'Non, garder', row())!.click();

    button(el, 'Prendre un rendez-vous pour quelqu’un')!.click();
    await until(() => $(el, '#f-reason option[value="other"]') !== null, 'the booking form');
    await fill(el, 'f-reason', 'other');
    const book = await tabThrough(el, title(), 'the booking form');
    expect(book.map((c) => c.id)).to.include.members(['f-reason', 'f-firstName', 'f-phone', 'f-email']);
    expect(book.some((c) => c.getAttribute('name') === 'book-slot')).to.equal(true);

    button(el, 'Bloquer un créneau')!.click();
    await until(() => $(el, 'form[data-form="block"]') !== null, 'the block form');
    const block = await tabThrough(el, title(), 'the block form');
    expect(block.map((c) => c.id)).to.include.members(['f-resource', 'f-date', 'f-from', 'f-to', 'f-label']);

    button(el, 'Réglages')!.click();
    await until(() => $(el, 'form[data-form="settings"]') !== null, 'the settings');
    const settings = await tabThrough(el, title(), 'the settings', 800);
    expect(settings.filter((c) => c instanceof HTMLInputElement && c.type === 'checkbox').length).to.equal(
      $$(el, 'form[data-form="settings"] input[type="checkbox"]').length,
    );
    button(el, 'Annuler', $(el, 'form[data-form="settings"]')!)!.click();

    ($(el, '#view-week') as HTMLButtonElement).click();
    await until(() => $$(el, '[part="day"]').length === 7, 'the week view');
    await ready(el);
    const week = await tabThrough(el, title(), 'the week view');
    expect(week.filter((c) => c.classList.contains('day-link'))).to.have.length(7);
  });

  it('settings: what can be booked and how, saved to the server; the week view in English; axe', async () => {
    localStorage.setItem(TOKEN_KEY, await agentToken());
    const el = await agenda();
    await ready(el);
    button(el, 'Réglages')!.click();
    await until(() => $(el, 'form[data-form="settings"]') !== null, 'the settings');
    expect(($(el, '#f-capacity') as HTMLInputElement).value).to.equal('1');
    expect(($(el, '#f-notice') as HTMLInputElement).value).to.equal('24');
    expect(shadowText(el)).to.contain('Démarches du catalogue').and.contain('Autre demande');
    await expect(el).to.be.accessible();
    await fill(el, 'f-capacity', '0');
    ($(el, 'form[data-form="settings"] button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '#f-capacity-error') !== null, 'the capacity’s error');
    expect($(el, '#f-capacity-error')!.textContent).to.contain('de 1 à 20');
    expect(el.shadowRoot!.activeElement!.id).to.equal('f-capacity');
    await fill(el, 'f-capacity', '2');
    ($(el, 'form[data-form="settings"] button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, '[part="message"][data-state="sent"]') !== null, 'saved');
    await until(() => el.shadowRoot!.activeElement?.getAttribute('part') === 'message', 'the focus on the confirmation');
    expect($(el, '[part="message"]')!.textContent).to.contain('Réglages enregistrés.');
    const saved = await agent<BookingSettings>('GET', `sites/${SITE}/booking-settings`);
    expect(saved).to.include({ capacity: 2, enabled: true, duration_minutes: 10, min_notice_minutes: 1440 });

    const week = await agenda({ lang: 'en', view: 'week', date: addDays(TODAY, 1) });
    await ready(week);
    await until(() => shadowText(week).includes('Appointments agenda'), 'the English texts');
    expect($$(week, '[part="day"]')).to.have.length(7);
    expect(shadowText(week)).to.contain('Appointments agenda').and.contain('Week of').and.contain('free seats');
    ($(week, '#next') as HTMLButtonElement).focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => week.date === addDays(TODAY, 8), 'the next week by the arrow key');
    await sendKeys({ press: 'Home' });
    await until(() => week.date === TODAY, 'today by Home');
    expect(week.shadowRoot!.activeElement?.id, 'the focus stays on the navigation').to.equal('next');
    await ready(week);
    await expect(week).to.be.accessible();
  });
  it('Bilan: not asked before it opens; opened with the keyboard, this month’s figures of appointments booked and marked done / no-show / cancelled through the real routes, the totals, the tables by reason and by partner, « — » below 30, the CSV fetched with the token in its header; other periods; axe', async () => {
    localStorage.setItem(TOKEN_KEY, await agentToken());
    const [year, month] = TODAY.split('-').map(Number) as [number, number];
    const thisMonth = { from: `${TODAY.slice(0, 8)}01`, to: `${TODAY.slice(0, 8)}${new Date(Date.UTC(year, month, 0)).getUTCDate()}` };
    const stats = (period: { from: string; to: string }) =>
      agent<AppointmentStats>('GET', `stats/appointments?site=${SITE}&from=${period.from}&to=${period.to}`);
    const before = await stats(thisMonth);

    // Three bookings by an agent later today, then done, no-show and cancelled through the agenda's routes.
    const today = await agent<Agenda>('GET', `sites/${SITE}/agenda?from=${TODAY}&days=1`);
    const reason = today.reasons.find((r) => r.key === 'demarche:carte-vitale')!;
    const free = today.days[0]!.slots.filter(
      (x) => x.resource === reason.resource && x.seats_left > 0 && !x.blocked && Date.parse(x.start) > Date.now(),
    );
    expect(free.length, 'three free slots later today').to.be.at.least(3);
    const made: string[] = [];
    for (const [i, slot] of free.slice(-3).entries()) {
      const booked = await agent<AgendaChange>('POST', `sites/${SITE}/agenda/appointments`, {
        key: key(),
        reason: reason.key,
        start: slot.start,
        first_name: ['Armelle', 'Basile', 'Capucine'][i],
        reminder: 'none',
        language: 'fr',
      });
      made.push(booked.appointment.id);
    }
    const path = (id: string, what: string) => `sites/${SITE}/agenda/appointments/${id}/${what}`;
    await agent('POST', path(made[0]!, 'status'), { key: key(), status: 'done' });
    await agent('POST', path(made[1]!, 'status'), { key: key(), status: 'no-show' });
    await agent('POST', path(made[2]!, 'cancel'), { key: key() });
    const after = await stats(thisMonth);
    expect(after.totals).to.include({
      bookings: before.totals.bookings + 3,
      honoured: before.totals.honoured + 1,
      no_shows: before.totals.no_shows + 1,
      cancelled: before.totals.cancelled + 1,
      pending: before.totals.pending,
      booked_by_agents: before.totals.booked_by_agents + 3,
    });
    expect(after.totals.bookings, 'this test file books fewer than 30 appointments this month').to.be.below(after.min_count);

    const asked: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      asked.push(input instanceof Request ? input.url : String(input));
      return realFetch(input, init);
    };
    const downloads: HTMLAnchorElement[] = [];
    const keepLink = (e: Event) => {
      const link = e.target instanceof HTMLAnchorElement && e.target.hasAttribute('download') ? e.target : null;
      if (!link) return;
      e.preventDefault();
      downloads.push(link);
    };
    document.addEventListener('click', keepLink, true);
    const statsAsked = () => asked.filter((u) => u.includes('/stats/appointments'));
    try {
      const el = await agenda();
      await ready(el);
      expect(statsAsked(), 'no figures asked before the Bilan is opened').to.deep.equal([]);
      ($(el, '#view-report') as HTMLButtonElement).focus();
      await sendKeys({ press: 'Enter' });
      await until(() => $(el, 'section.report[data-state="ready"]') !== null, 'the Bilan');
      expect(el.view).to.equal('report');
      expect($(el, '#view-report')!.getAttribute('aria-pressed')).to.equal('true');
      expect($(el, '#report-this')!.getAttribute('aria-pressed')).to.equal('true');
      expect($(el, '#previous'), 'no day steps in the Bilan').to.equal(null);
      const [y, m] = [thisMonth.from.slice(0, 4), thisMonth.from.slice(5, 7)];
      expect($(el, '#report-title')!.textContent!.trim()).to.equal(`Bilan du 01/${m}/${y} au ${thisMonth.to.slice(8)}/${m}/${y}`);
      expect(statsAsked()).to.have.length(1);
      expect(new URL(statsAsked()[0]!, location.href).search).to.equal(
        `?format=json&from=${thisMonth.from}&site=${SITE}&to=${thisMonth.to}`,
      );

      const figure = (name: string) => $(el, `[data-figure="${name}"] dd`)!.textContent!.replace(/\s+/g, ' ').trim();
      expect(figure('bookings')).to.equal(String(before.totals.bookings + 3));
      expect(figure('honoured')).to.equal(String(before.totals.honoured + 1));
      expect(figure('no_shows')).to.equal(String(before.totals.no_shows + 1));
      expect(figure('cancelled')).to.equal(String(before.totals.cancelled + 1));
      expect(figure('pending')).to.equal(String(after.totals.pending));
      expect(figure('booked_by_agents')).to.equal(String(before.totals.booked_by_agents + 3));
      for (const share of ['honoured_share', 'no_show_share', 'cancelled_share']) {
        expect(figure(share)).to.equal('— moins de 30 rendez-vous : part non calculée');
      }
      expect(figure('median_lead_days')).to.equal('— moins de 30 rendez-vous : délai non calculé');
      expect($(el, '[data-figure="bookings"] dt')!.textContent).to.equal('Rendez-vous');

      const table = $(el, 'table[data-table="reason"]')!;
      expect(table.querySelector('caption')!.textContent!.trim()).to.equal('Par motif');
      const heads = [...table.querySelectorAll('thead th')];
      expect(heads.every((th) => th.getAttribute('scope') === 'col')).to.equal(true);
      expect(heads.map((th) => th.textContent!.trim())).to.deep.equal([
        'Motif',
        'Rendez-vous',
        'Honorés (venus ou faits)',
        'Absences',
        'Annulés',
        'À venir ou non pointés',
        'Pris par un agent',
        'Part honorée',
        'Part d’absences',
        'Part annulée',
        'Délai médian entre la prise et le rendez-vous',
      ]);
      const row = table.querySelector(`tr[data-key="${reason.key}"]`)!;
      const serverRow = after.by_reason.find((r) => r.key === reason.key)!;
      expect(row.querySelector('th[scope="row"]')!.textContent!.trim()).to.equal('Obtenir ou remplacer sa carte Vitale');
      const cells = [...row.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim());
      expect(cells.slice(0, 6)).to.deep.equal(
        [
          serverRow.bookings,
          serverRow.honoured,
          serverRow.no_shows,
          serverRow.cancelled,
          serverRow.pending,
          serverRow.booked_by_agents,
        ].map(String),
      );
      // « — » shown, its reason read out (the cell's hidden words).
      expect(cells.slice(6, 9)).to.deep.equal(Array(3).fill('—moins de 30 rendez-vous : part non calculée'));
      expect([...row.querySelectorAll('td:nth-of-type(n+7) .visually-hidden')].map((x) => x.textContent)).to.deep.equal([
        ...Array(3).fill('moins de 30 rendez-vous : part non calculée'),
        'moins de 30 rendez-vous : délai non calculé',
      ]);
      expect(row.querySelector('td:nth-of-type(7) [aria-hidden="true"]')!.textContent).to.equal('—');
      const partners = $(el, 'table[data-table="partner"]')!;
      expect(partners.querySelector('caption')!.textContent!.trim()).to.equal('Par partenaire');
      expect(partners.querySelectorAll('tbody th[scope="row"]')).to.have.length(after.by_partner.length);
      const partnerTotal = [...partners.querySelectorAll('tbody tr td:first-of-type')].reduce((n, td) => n + Number(td.textContent), 0);
      expect(partnerTotal, 'the partners’ rows add up to the total').to.equal(after.totals.bookings);
      await expect(el).to.be.accessible();

      // « Télécharger (CSV) »: fetched with the token in the Authorization header, saved from a blob URL.
      const download = $(el, '#download-reason') as HTMLButtonElement;
      expect(download.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Télécharger (CSV) : par motif');
      download.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => $(el, '#download-reason-message')!.textContent!.includes('téléchargé'), 'the download said');
      expect(downloads).to.have.length(1);
      const saved = downloads[0]!;
      expect(saved.href).to.match(/^blob:/);
      expect(saved.download).to.equal(`rendez-vous-motifs-${SITE}-${thisMonth.from}-${thisMonth.to}.csv`);
      expect($(el, '#download-reason-message')!.textContent!.trim()).to.equal(`Fichier ${saved.download} téléchargé.`);
      const blob = await (await realFetch(saved.href)).blob();
      expect(blob.type).to.equal('text/csv; charset=utf-8');
      const csv = (await blob.text()).replace(/^\uFEFF/, '').split('\r\n');
      expect(csv[0]).to.equal(
        'Clé,Motif,Rendez-vous,Honorés,Absences,Annulés,À venir ou non pointés,Pris par un agent,Part honorée,Part d’absences,Part annulée,Délai médian (jours)',
      );
      expect(csv).to.include(
        `${reason.key},Obtenir ou remplacer sa carte Vitale,${serverRow.bookings},${serverRow.honoured},${serverRow.no_shows},${serverRow.cancelled},${serverRow.pending},${serverRow.booked_by_agents},,,,`,
      );
      const csvAsked = statsAsked().filter((u) => u.includes('format=csv'));
      expect(csvAsked).to.have.length(1);
      expect(csvAsked[0]).to.not.contain(await agentToken());
      // The same request as the component's: the token in its header only.
      const direct = await realFetch(csvAsked[0]!, { headers: { authorization: `Bearer ${await agentToken()}` }, cache: 'no-store' });
      expect(direct.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
      expect(await direct.text()).to.contain('Obtenir ou remplacer sa carte Vitale');
      expect((await realFetch(csvAsked[0]!, { cache: 'no-store' })).status, 'not without the token').to.equal(401);

      // The previous month: its own figures (none here: the empty state says what to do).
      ($(el, '#report-previous') as HTMLButtonElement).click();
      await until(
        () => $(el, 'section.report[data-state="ready"]') !== null && $(el, '#report-previous')!.getAttribute('aria-pressed') === 'true',
        'the previous month',
      );
      const previousFrom = `${addDays(thisMonth.from, -1).slice(0, 8)}01`;
      const previous = await stats({ from: previousFrom, to: addDays(thisMonth.from, -1) });
      if (previous.totals.bookings === 0) {
        expect([...$(el, '[data-state="report-empty"]')!.querySelectorAll('p')].map((p) => p.textContent)).to.deep.equal([
          'Aucun rendez-vous sur cette période.',
          'Choisissez une autre période, ou prenez des rendez-vous depuis la vue « Jour ».',
        ]);
      } else {
        expect(figure('bookings')).to.equal(String(previous.totals.bookings));
      }
      await expect(el).to.be.accessible();

      // From one date to another: two dates in the wrong order are said, then today alone.
      ($(el, '#report-custom') as HTMLButtonElement).click();
      await until(() => $(el, '#report-from') !== null, 'the dates');
      await fill(el, 'report-from', addDays(TODAY, 1));
      await fill(el, 'report-to', TODAY);
      ($(el, 'form.dates button[type="submit"]') as HTMLButtonElement).click();
      await until(() => $(el, '#report-dates-error') !== null, 'the dates’ error');
      expect($(el, '#report-dates-error')!.textContent).to.equal('Indiquez deux dates, la première au plus tard le jour de la seconde.');
      expect($(el, '#report-from')!.getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();
      await fill(el, 'report-from', TODAY);
      ($(el, 'form.dates button[type="submit"]') as HTMLButtonElement).click();
      const day = `${TODAY.slice(8)}/${m}/${y}`;
      await until(
        () =>
          $(el, '#report-title')!.textContent!.trim() === `Bilan du ${day} au ${day}` &&
          $(el, 'section.report[data-state="ready"]') !== null,
        'today’s figures',
      );
      expect(figure('bookings')).to.equal(String((await stats({ from: TODAY, to: TODAY })).totals.bookings));

      // Back to the day view, then the Bilan again: the figures kept, not asked again.
      const count = statsAsked().length;
      ($(el, '#view-day') as HTMLButtonElement).click();
      await el.updateComplete;
      await ready(el);
      expect($(el, 'section.report')).to.equal(null);
      ($(el, '#view-report') as HTMLButtonElement).click();
      await until(() => $(el, 'section.report[data-state="ready"]') !== null, 'the Bilan again');
      expect(statsAsked()).to.have.length(count);

      // In English.
      const en = await agenda({ lang: 'en', view: 'report' });
      await until(
        () => $(en, 'section.report[data-state="ready"]') !== null && shadowText(en).includes('Report from'),
        'the Bilan in English',
      );
      expect($(en, '#view-report')!.textContent!.trim()).to.equal('Report');
      expect($(en, 'table[data-table="reason"] caption')!.textContent!.trim()).to.equal('By reason');
      expect($(en, '[data-figure="honoured_share"] dd')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        '— fewer than 30 appointments: share not computed',
      );
      await until(
        () => $(en, `table[data-table="reason"] tr[data-key="${reason.key}"] th`)!.textContent!.trim() === reason.label_en,
        'the reason in English (from the agenda’s reasons)',
      );
      expect(($(en, '#download-partner') as HTMLElement).textContent!.replace(/\s+/g, ' ').trim()).to.equal('Download (CSV): by partner');
      await expect(en).to.be.accessible();
    } finally {
      window.fetch = realFetch;
      document.removeEventListener('click', keepLink, true);
    }
  });

  it('Bilan: loading, error and offline say what to do; axe in each', async () => {
    localStorage.setItem(TOKEN_KEY, await agentToken());
    const loading = await agenda({ api: pendingApi, view: 'report' });
    await until(() => $(loading, '[data-state="report-loading"]')?.textContent?.includes('Calcul du bilan') === true, 'the loading state');
    await expect(loading).to.be.accessible();

    const error = await agenda({ api: unavailableApi, view: 'report' });
    await until(() => $(error, '[data-state="report-error"]') !== null, 'the error state');
    expect($(error, '[data-state="report-error"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Le bilan ne s’affiche pas pour le moment Le service ne répond pas. Réessayez dans quelques minutes. Réessayer',
    );
    await expect(error).to.be.accessible();

    const offline = await agenda({ api: proxiedApi, view: 'report' });
    await until(() => $(offline, 'section.report[data-state="ready"]') !== null, 'the Bilan');
    await setNetwork('down');
    ($(offline, '#report-previous') as HTMLButtonElement).click();
    await until(() => $(offline, '[data-state="report-offline"]') !== null, 'the offline state');
    expect($(offline, '[data-state="report-offline"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Hors ligne Pas de connexion : le bilan est calculé par le serveur. Réessayez quand la connexion sera revenue. Réessayer',
    );
    await expect(offline).to.be.accessible();
    await setNetwork('up');
    button(offline, 'Réessayer', $(offline, '[data-state="report-offline"]')!)!.click();
    await until(() => $(offline, 'section.report[data-state="ready"]') !== null, 'the Bilan after the retry');
  });
});
