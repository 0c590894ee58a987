/**
 * Issue 19, « Done when », first point, end to end: a person books through the real
 * `<fs-booking>` on a town hall's page (another origin), receives the reminder e-mail on a local
 * SMTP server, moves the appointment with the booking code; the agent, in another browser with
 * `<fs-agenda>` open on the town hall's intranet, sees it, then sees it move at the agenda's next
 * refresh, marks it done, and the act shows in the site's statistics.
 *
 * The real widgets' build, the real server on the real data (its own SQLite file), its real
 * appointments' timer sending through SMTP, Debian's Chromium; each party in a browser context
 * of its own (no cache or storage shared).
 *
 * Whatever the hour and the weekday: the site's agents open it today from 00:00 to 23:59 (an
 * exceptional opening, which also opens a weekend day or a public holiday) and switch booking on
 * with one hour's notice. The appointment is today, more than 2 hours ahead, so its reminder is
 * due at once (reminders.ts: up to 24 hours before, not later than 2 hours before), and the
 * agent may mark it done (from its day on). So that today has more than 2 hours left, the site
 * is Mende, or Basse-Terre (Guadeloupe, 5 or 6 hours behind Paris) when it is 20:00 or later in Mende.
 *
 * FS_E2E_ARTIFACTS=<dir> keeps full-page screenshots of each step at 390 and 1280 px wide.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, ElementHandle } from 'puppeteer-core';
import type { RollupOptions } from 'rollup';
import type { ActivityStats, Agenda, AppointmentPublic, AppointmentStats, Site, SiteBooking, SlotList } from '@fs-widgets/contract';
import { parseCaseCode } from '@fs-widgets/contract/case-code';
import { zonedParts } from '@fs-widgets/opening-hours';
import { embedBundle, frameScripts } from '../../../rollup.config.mjs';
import {
  ARTIFACTS,
  buildWidgets,
  deep,
  launchBrowser,
  openTab,
  startHost,
  startWidgetServer,
  type HostServer,
  type Tab,
} from '../../configurator/test/town-hall-host.js';
import { createToken } from '../../server/src/auth/tokens.js';
import type { RunningServer } from '../../server/src/server.js';
import { startLocalSmtp, unquote, type LocalSmtp } from '../../server/test/local-smtp.js';

/** Mende; Basse-Terre when Mende's day has less than 4 hours left (see above). */
const SITES = ['2983', '2680'];
const LATEST_START_MINUTES = 20 * 60;
const REASON = 'demarche:carte-vitale';
const REASON_LABEL = 'Obtenir ou remplacer sa carte Vitale';
const FIRST_NAME = 'Philomène';
const EMAIL = 'philomene.rdv19@exemple.fr';
/** The reminder is due from 24 hours before the start to 2 hours before (REMINDER_CUTOFF_MS), with a margin for the run. */
const REMINDER_CUTOFF_MS = 2 * 3_600_000 + 10 * 60_000;
/** How often the agent's agenda reads the day again (its least: 10 s). */
const REFRESH_SECONDS = 10;

let dir: string;
let widgets: RunningServer;
let host: HostServer;
let browser: Browser;
let smtp: LocalSmtp | undefined;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-appointment-browsers-'));
  const dist = join(dir, 'dist');
  smtp = await startLocalSmtp();
  host = await startHost();
  await buildWidgets(dist, [embedBundle, ...frameScripts] as RollupOptions[]);
  widgets = await startWidgetServer(dir, dist, {
    FS_SMTP_URL: smtp.url,
    FS_SMTP_FROM: 'France services <rdv@france-services.example.fr>',
    // The server's own timer sends the reminders: every second here (300 s by default).
    FS_APPOINTMENT_JOBS_SECONDS: '1',
    FS_BOOKING_MANAGE_URL: `${host.origin}/rendez-vous.html?fs-rdv={code}`,
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await widgets?.close();
  await host?.close();
  await smtp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function api<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const { token, ...rest } = init;
  const res = await fetch(`${widgets.url}/api/v1/${path}`, {
    ...rest,
    headers: {
      ...(rest.body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  assert.ok(res.ok, `${rest.method ?? 'GET'} ${path}: ${res.status} ${await res.clone().text()}`);
  return (await res.json()) as T;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`${what}: not within ${timeout / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An element's text, spaces folded. */
const textOf = async (handle: ElementHandle<Element>) => (await handle.evaluate((el) => el.textContent ?? '')).replace(/\s+/g, ' ').trim();

/** Clicks the visible element found by `selector` (shadow roots pierced with `>>>`). */
async function click(tab: Tab, selector: string) {
  await (await deep(tab.page, selector)).click();
}

/**
 * Full-page screenshots at 390 and 1280 px wide, kept in FS_E2E_ARTIFACTS; with `pdf`, the page
 * printed on A4 too (what « Imprimer » gives).
 */
async function capture(tab: Tab, name: string, pdf = false) {
  if (!ARTIFACTS) return;
  for (const width of [390, 1280]) {
    await tab.page.setViewport({ width, height: 900 });
    await new Promise((r) => setTimeout(r, 200));
    await tab.page.screenshot({ path: join(ARTIFACTS, `19-${name}-${width}.png`) as `${string}.png`, fullPage: true });
  }
  await tab.page.setViewport({ width: 1280, height: 900 });
  if (pdf) await tab.page.pdf({ path: join(ARTIFACTS, `19-${name}.pdf`), format: 'A4', printBackground: true });
}

/** The reminder's words for a time: « lundi 7 décembre » and « 9 h 00 » (reminders.ts). */
function reminderWhen(start: string, time: string, timeZone: string) {
  const day = new Intl.DateTimeFormat('fr-FR', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(start));
  return `le ${day} à ${Number(time.slice(0, 2))} h ${time.slice(3, 5)}`;
}

/** The agenda's words for a time: « 9 h », « 9 h 30 ». */
const agendaTime = (time: string) => `${Number(time.slice(0, 2))} h${time.endsWith(':00') ? '' : ` ${time.slice(3, 5)}`}`;

/** The reminders sent to EMAIL so far, as read. */
const remindersTo = () => (smtp?.mails ?? []).filter((m) => m.to.includes(EMAIL)).map((m) => unquote(m.raw));

test('booked in one browser, reminded by e-mail, moved with the code; seen moving in the agenda of another browser, marked done, counted', async (t) => {
  const tabs: Tab[] = [];
  try {
    // The site: the first whose local day has enough left (see the file's header).
    let site: Site | undefined;
    for (const id of SITES) {
      const candidate = await api<Site>(`sites/${id}`);
      if (zonedParts(new Date(), candidate.time_zone).minutes < LATEST_START_MINUTES) {
        site = candidate;
        break;
      }
    }
    assert.ok(site, 'one of the sites has more than 4 hours left in its day');
    const SITE = site.id;
    const zone = site.time_zone;
    const today = zonedParts(new Date(), zone).date;
    const token = (await createToken(widgets.db, { role: 'agent', siteId: SITE, label: 'Accueil' })).token;

    // 1. The site's agents open it all day today and switch online booking on, through the real API.
    await api(`sites/${SITE}/exceptions`, {
      method: 'POST',
      token,
      body: JSON.stringify({
        key: randomUUID(),
        starts_on: today,
        ends_on: today,
        closed: false,
        hours: [{ opens: '00:00', closes: '23:59' }],
        reason: 'Journée des rendez-vous',
      }),
    });
    await api(`sites/${SITE}/booking-settings`, {
      method: 'PUT',
      token,
      body: JSON.stringify({
        enabled: true,
        duration_minutes: 30,
        capacity: 1,
        horizon_days: 28,
        min_notice_minutes: 60,
        reasons: [REASON, 'other'],
      }),
    });
    const booking = await api<SiteBooking>(`sites/${SITE}/booking`);
    assert.equal(booking.enabled, true, 'booking is on');
    assert.ok(
      booking.reasons.some((r) => r.key === REASON && r.label === REASON_LABEL),
      `« ${REASON_LABEL} » can be booked`,
    );
    // The times the person will pick: the first one more than 2 hours away (its reminder due at
    // once), and, to move it to, today's last one.
    const slots = await api<SlotList>(`sites/${SITE}/slots?reason=${REASON}&from=${today}&days=1`);
    const todays = slots.days.find((d) => d.date === today)?.slots ?? [];
    const first = todays.find((s) => Date.parse(s.start) > Date.now() + REMINDER_CUTOFF_MS);
    const later = todays.at(-1);
    assert.ok(first && later && later.start > first.start, `two free slots later today: ${todays.map((s) => s.time).join(' ')}`);
    t.diagnostic(`${site.name} (${zone}), ${today}: booked at ${first.time}, moved to ${later.time}`);

    // 2. The person, on the town hall's page (another origin), books with <fs-booking>.
    host.page(
      '/rendez-vous.html',
      `<!doctype html><html lang="fr"><head><meta charset="utf-8" /><title>Prendre rendez-vous — Mairie</title>
      <script type="module" src="${widgets.url}/widgets/fs-widgets.js"></script></head>
      <body><main><h1>Prendre rendez-vous à la France services</h1><fs-booking site-id="${SITE}"></fs-booking></main></body></html>`,
      null,
    );
    const person = await openTab(browser, { isolated: true, timezone: zone });
    tabs.push(person);
    await person.page.goto(`${host.origin}/rendez-vous.html`, { waitUntil: 'load' });
    const reasons = await until('the reasons of step 1', async () => {
      const inputs = await person.page.$$('fs-booking >>> input[name="reason"]');
      return inputs.length > 0 && inputs;
    });
    let chosen: ElementHandle<HTMLInputElement> | undefined;
    for (const input of reasons) if ((await input.evaluate((el) => el.value)) === REASON) chosen = input;
    assert.ok(chosen, `the reason ${REASON} is offered`);
    await capture(person, '1-reason');
    await chosen.click();
    await click(person, 'fs-booking >>> form[part="reasons"] button[type="submit"]');
    await click(person, `fs-booking >>> button[part="slot"][data-start="${first.start}"]`);
    await (await deep(person.page, 'fs-booking >>> #first_name')).type(FIRST_NAME);
    const email = await deep(person.page, 'fs-booking >>> #email');
    await email.type(EMAIL);
    await capture(person, '2-person');
    await click(person, 'fs-booking >>> form[part="form"] button[type="submit"]');
    const code = await textOf(await deep(person.page, 'fs-booking >>> #booking-code'));
    assert.ok(parseCaseCode(code).ok, `« ${code} » is a checked booking code`);
    const confirmation = await textOf(await deep(person.page, 'fs-booking >>> [part="confirmation"]'));
    assert.match(confirmation, /Votre rendez-vous est réservé/);
    assert.ok(confirmation.includes(REASON_LABEL), 'the confirmation says what it is for');
    assert.ok(confirmation.includes(` à ${agendaTime(first.time)}`), `the confirmation says when (${agendaTime(first.time)})`);
    await capture(person, '3-booked', true);
    const booked = await api<AppointmentPublic>(`appointments/${encodeURIComponent(code)}`);
    assert.deepEqual([booked.status, booked.start, booked.reminder], ['booked', first.start, 'email'], 'the server has it as chosen');

    // 3. The reminder e-mail, sent by the server's timer to the local SMTP server.
    const [reminder] = await until('the reminder e-mail', () => remindersTo().length > 0 && remindersTo());
    assert.ok(reminder);
    assert.match(reminder, new RegExp(`^Subject: .*Rappel`, 'm'));
    assert.ok(reminder.includes(`Bonjour ${FIRST_NAME},`), 'the reminder greets the person');
    assert.ok(
      reminder.includes(`votre rendez-vous ${reminderWhen(first.start, first.time, zone)}, à ${site.name}`),
      `the reminder says when (${reminderWhen(first.start, first.time, zone)}) and where:\n${reminder}`,
    );
    assert.ok(reminder.includes(`Votre code de rendez-vous : ${code}`), 'the reminder gives the code');
    assert.ok(
      reminder.includes(`${host.origin}/rendez-vous.html?fs-rdv=${encodeURIComponent(code)}`),
      'the reminder links to the page to cancel or move it',
    );

    // 4. The agent, on the intranet in another browser, opens the agenda on the appointment's day.
    host.page(
      '/intranet.html',
      `<!doctype html><html lang="fr"><head><meta charset="utf-8" /><title>Intranet — ${site.name}</title>
      <script type="module" src="${widgets.url}/widgets/fs-widgets.js"></script></head>
      <body><main><h1>Intranet</h1><fs-agenda site-id="${SITE}" date="${today}" refresh-seconds="${REFRESH_SECONDS}"></fs-agenda></main></body></html>`,
      null,
    );
    const agent = await openTab(browser, {
      isolated: true,
      timezone: zone,
      init: [`localStorage.setItem(${JSON.stringify(`fs-widgets:demarches:token:${SITE}`)}, ${JSON.stringify(token)});`],
    });
    tabs.push(agent);
    await agent.page.goto(`${host.origin}/intranet.html`, { waitUntil: 'load' });
    const agenda = await api<Agenda>(`sites/${SITE}/agenda?from=${today}&days=1`, { token });
    const id = agenda.appointments.find((a) => a.code === code)?.id;
    assert.ok(id, 'the agenda’s API lists the appointment');
    const row = `fs-agenda >>> [part="appointment"][data-id="${id}"]`;
    const when = async () => textOf(await deep(agent.page, `${row} .when strong`));
    assert.equal(await when(), agendaTime(first.time), 'the agent sees it at the time booked');
    const seen = await textOf(await deep(agent.page, row));
    for (const part of [FIRST_NAME, EMAIL, code, REASON_LABEL, 'pris en ligne', 'À venir']) {
      assert.ok(seen.includes(part), `the agent’s row shows « ${part} »: ${seen}`);
    }
    assert.ok(
      (await textOf(await deep(agent.page, 'fs-agenda >>> [part="base"]'))).includes(`actualisé toutes les ${REFRESH_SECONDS} secondes`),
      'the agenda says how often it reads again',
    );
    await capture(agent, '4-agenda');

    // 5. The person comes back to the town hall's page and moves it with the code.
    await person.page.bringToFront();
    await person.page.reload({ waitUntil: 'load' });
    await click(person, 'fs-booking >>> ::-p-text(J’ai déjà un rendez-vous)');
    await (await deep(person.page, 'fs-booking >>> #code')).type(code);
    await click(person, 'fs-booking >>> form.code-form button[type="submit"]');
    await deep(person.page, 'fs-booking >>> #appointment-heading');
    await click(person, 'fs-booking >>> ::-p-text(Déplacer le rendez-vous)');
    await click(person, `fs-booking >>> button[part="slot"][data-start="${later.start}"]`);
    await capture(person, '5-move');
    await click(person, 'fs-booking >>> #move-confirm');
    const notice = await textOf(await deep(person.page, 'fs-booking >>> #notice'));
    assert.ok(notice.startsWith('Votre rendez-vous est déplacé au ') && notice.endsWith(` à ${agendaTime(later.time)}.`), notice);
    await capture(person, '6-moved');
    const moved = await api<AppointmentPublic>(`appointments/${encodeURIComponent(code)}`);
    assert.deepEqual([moved.status, moved.start], ['booked', later.start], 'the server has it at the new time');
    // The reminder sent was for the old time: one for the new time follows.
    const again = await until('the reminder for the new time', () => remindersTo().length > 1 && remindersTo()[1]);
    assert.ok(again.includes(reminderWhen(later.start, later.time, zone)), `the second reminder says the new time:\n${again}`);
    assert.equal(remindersTo().length, 2, 'one reminder per time, never twice');

    // 6. The agent's agenda, left open, reads the day again on its own and shows the move. (It
    // also reads again when its window regains the focus or becomes visible, but headless
    // Chromium keeps every page focused and visible: bringToFront fires neither event.)
    const movedAt = Date.now();
    await until(
      `the moved time (${agendaTime(later.time)}) in the agent’s agenda`,
      async () => (await when()) === agendaTime(later.time),
      (REFRESH_SECONDS + 5) * 1000,
    );
    t.diagnostic(
      `the move showed in the agent’s agenda after ${((Date.now() - movedAt) / 1000).toFixed(1)} s (refreshed every ${REFRESH_SECONDS} s)`,
    );
    assert.equal((await agent.page.$$('fs-agenda >>> [part="appointment"]')).length, 1, 'one appointment, moved, not two');
    await capture(agent, '7-agenda-moved');

    // 7. The agent marks it done: the act is logged, and counted in the site's statistics.
    await click(agent, `fs-agenda >>> #done-${id}`);
    const message = await textOf(await deep(agent.page, 'fs-agenda >>> [part="message"][data-state="act"]'));
    assert.ok(message.includes(`${FIRST_NAME} : Fait.`) && message.includes('Acte enregistré dans le journal des démarches.'), message);
    await until(
      'the row marked done',
      async () => (await (await deep(agent.page, row)).evaluate((el) => el.getAttribute('data-status'))) === 'done',
    );
    await capture(agent, '8-done');
    const activity = await api<ActivityStats>(`stats/activity?site=${SITE}&from=${today}&to=${today}&group_by=theme`, { token });
    assert.equal(activity.acts, 1, 'one act in the site’s activity today');
    assert.equal(activity.groups.find((g) => g.key === 'assurance-maladie/carte-vitale')?.acts, 1, 'the act of the carte Vitale');
    const stats = await api<AppointmentStats>(`stats/appointments?site=${SITE}&from=${today}&to=${today}`, { token });
    assert.deepEqual(
      [stats.totals.bookings, stats.totals.honoured, stats.totals.no_shows, stats.totals.cancelled],
      [1, 1, 0, 0],
      'one booking, honoured',
    );

    for (const tab of tabs) {
      assert.deepEqual(tab.violations, [], 'no CSP violation');
      assert.deepEqual(tab.errors, [], 'no error in the console');
    }
  } finally {
    for (const tab of tabs) await tab.close();
  }
});
