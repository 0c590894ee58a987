import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Site } from '@fs-widgets/contract';
import { newCaseCode, formatCaseCode } from '@fs-widgets/contract/case-code';
import { runAppointmentJobs, transportsOf, type AppointmentJobsConfig } from '../src/appointments/appointment-jobs.js';
import { internationalPhone, signBody, SMS_SIGNATURE_HEADER, type ReminderDeps } from '../src/appointments/reminders.js';
import { readConfig } from '../src/config.js';
import { loadDirectory } from '../src/directory/catalogue.js';
import { Sealer, parseDataKey } from '../src/privacy/sealed.js';
import { startServer, type RunningServer } from '../src/server.js';
import { startLocalSmtp, unquote, type LocalSmtp, type Mail } from './local-smtp.js';
import { json, startTestServer, TEST_ENGINE, type TestServer } from './test-server.js';

/*
 * Reminders the day before (issue 19) against a local SMTP server (smtp-server) and a local
 * HTTP server standing for the SMS gateway: two server instances on one database run their
 * reminder job at the same moment and exactly one e-mail and one signed SMS leave; a cancelled
 * appointment, one without a reminder and one not due yet get none; a failing gateway is retried,
 * then given up and counted; the timer of a running server sends on its own.
 */

const SITE = '2983';
const DATA_KEY = Buffer.alloc(32, 23).toString('base64');
const SECRET = 'sms-webhook-secret-for-tests';

describe(`appointments: reminders by e-mail and SMS, once across nodes (${TEST_ENGINE})`, () => {
  let server: TestServer;
  let second: RunningServer;
  let smtp: LocalSmtp;
  let gateway: Server;
  let smtpPort: number;
  let gatewayUrl: string;
  let mails: Mail[] = [];
  const texts: Array<{ body: string; signature: string | undefined }> = [];
  /** Phone numbers the fake gateway refuses (500). */
  const refused = new Set<string>();
  const sealer = new Sealer(() => parseDataKey(DATA_KEY));
  let site: Site;
  let config: AppointmentJobsConfig;

  async function insert(fields: {
    startInHours: number;
    reminder: string;
    status?: string;
    email?: string;
    phone?: string;
    language?: string;
  }) {
    const id = randomBytes(12).toString('base64url');
    const start = new Date(Math.floor((Date.now() + fields.startInHours * 3_600_000) / 60_000) * 60_000);
    const code = newCaseCode();
    await server.db
      .insertInto('appointments')
      .values({
        id,
        site_id: SITE,
        code,
        resource: 'site',
        reason: 'demarche:carte-vitale',
        partner: 'assurance-maladie',
        theme: 'carte-vitale',
        starts_at: start.toISOString(),
        ends_at: new Date(start.getTime() + 30 * 60_000).toISOString(),
        status: fields.status ?? 'booked',
        booked_by: 'public',
        idempotency_key: `reminder-${id}`,
        first_name: sealer.seal('Philomène'),
        phone: sealer.seal(fields.phone ?? null),
        email: sealer.seal(fields.email ?? null),
        reminder: fields.reminder,
        reminder_claimed_at: null,
        reminder_claimed_by: null,
        reminder_sent_at: null,
        cancelled_at: null,
        erased_at: null,
        act_id: null,
        created_at: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        updated_at: new Date().toISOString(),
        language: fields.language ?? 'fr',
        reminder_attempts: 0,
        reminder_failed_at: null,
      })
      .execute();
    return { id, code: formatCaseCode(code) };
  }
  const deps = (node: RunningServer): ReminderDeps => ({
    db: node.db,
    sealer,
    directory: loadDirectory(),
    catalogue: () => new Map([[SITE, site]]),
  });
  const rowOf = (id: string) => server.db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  before(async () => {
    smtp = await startLocalSmtp();
    smtpPort = smtp.port;
    mails = smtp.mails;
    gateway = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const to = (JSON.parse(body) as { to: string }).to;
        if (refused.has(to)) {
          response.writeHead(500).end();
          return;
        }
        texts.push({ body, signature: request.headers[SMS_SIGNATURE_HEADER] as string | undefined });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
    const env = {
      FS_DATA_KEY: DATA_KEY,
      FS_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      FS_SMTP_FROM: 'France services de Mende <rdv@mende.example.fr>',
      FS_SMS_WEBHOOK_URL: gatewayUrl,
      FS_SMS_WEBHOOK_SECRET: SECRET,
      FS_BOOKING_MANAGE_URL: 'https://mairie.example.fr/rendez-vous?code={code}',
    };
    server = await startTestServer(env);
    // A second node on the same database (the same SQLite file, or the same PostgreSQL), its timer off too.
    second = await startServer(
      readConfig({ PORT: '0', LOG_LEVEL: 'silent', FS_APPOINTMENT_JOBS_SECONDS: '0', ...server.databaseEnv, ...env }),
      {
        serveStatic: false,
        logger: false,
      },
    );
    site = await json<Site>(await server.get(`/api/v1/sites/${SITE}`));
    config = readConfig({ ...server.databaseEnv, ...env }).appointmentJobs;
  });

  after(async () => {
    await second?.close();
    await server?.close();
    await smtp?.close();
    await new Promise((resolve) => gateway?.close(resolve));
  });

  test('two nodes at the same moment: one e-mail, one signed SMS; none when cancelled, unasked or not due; never twice', async () => {
    const email = await insert({ startInHours: 20, reminder: 'email', email: 'philomene.h5test@exemple.fr', phone: '06 10 20 30 40' });
    const sms = await insert({ startInHours: 22, reminder: 'sms', phone: '0692 12 34 56' });
    const cancelled = await insert({ startInHours: 21, reminder: 'email', status: 'cancelled', email: 'annule.h5test@exemple.fr' });
    const none = await insert({ startInHours: 19, reminder: 'none', email: 'aucun.h5test@exemple.fr' });
    const later = await insert({ startInHours: 30, reminder: 'email', email: 'plustard.h5test@exemple.fr' });
    const tooLate = await insert({ startInHours: 1, reminder: 'email', email: 'troptard.h5test@exemple.fr' });

    const transports = transportsOf(config);
    const reports = await Promise.all([
      runAppointmentJobs(deps(server), config, transports, 'node-a'),
      runAppointmentJobs(deps(second), config, transports, 'node-b'),
      runAppointmentJobs(deps(second), config, transports, 'node-c'),
    ]);
    assert.equal(
      reports.reduce((n, r) => n + r.sent, 0),
      2,
      JSON.stringify(reports),
    );
    assert.equal(mails.length, 1);
    assert.deepEqual(mails[0]!.to, ['philomene.h5test@exemple.fr']);
    const text = unquote(mails[0]!.raw);
    assert.match(text, /Bonjour Philomène,/);
    assert.match(text, /Obtenir ou remplacer sa carte Vitale/);
    assert.match(text, new RegExp(`Votre code de rendez-vous : ${email.code.replace(/\$/g, '\\$')}`));
    assert.ok(text.includes(`https://mairie.example.fr/rendez-vous?code=${encodeURIComponent(email.code)}`), text);
    assert.match(text, new RegExp(site.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    // Nothing personal but the first name: not the phone number given.
    assert.ok(!text.includes('06 10 20 30 40') && !text.includes('0610203040'));
    assert.match(mails[0]!.raw, /^From: .*rdv@mende\.example\.fr/m);

    assert.equal(texts.length, 1);
    const message = JSON.parse(texts[0]!.body) as { to: string; text: string; id: string };
    assert.equal(message.to, '+262692123456');
    assert.equal(message.id, sms.id);
    assert.match(message.text, /^Rappel : rendez-vous le /);
    assert.ok(message.text.includes(sms.code));
    assert.ok(!message.text.includes('Philomène'));
    assert.equal(texts[0]!.signature, signBody(texts[0]!.body, SECRET));

    for (const { id } of [email, sms]) assert.ok((await rowOf(id)).reminder_sent_at);
    for (const { id } of [cancelled, none, later, tooLate]) assert.equal((await rowOf(id)).reminder_sent_at, null);

    // Again, on both nodes: nothing more leaves.
    await Promise.all([
      runAppointmentJobs(deps(server), config, transports, 'node-a'),
      runAppointmentJobs(deps(second), config, transports, 'node-b'),
    ]);
    assert.equal(mails.length, 1);
    assert.equal(texts.length, 1);
  });

  test('booked in English: French, then English; a failing gateway is retried, then given up and counted; a claim left by a dead node is taken again', async () => {
    const english = await insert({ startInHours: 23, reminder: 'email', email: 'english.h5test@exemple.fr', language: 'en' });
    const failing = await insert({ startInHours: 23, reminder: 'sms', phone: '06 99 99 99 99' });
    refused.add('+33699999999');
    const transports = transportsOf(config);
    const first = await runAppointmentJobs(deps(server), config, transports, 'node-a');
    assert.equal(first.sent, 1);
    assert.equal(first.failed, 1);
    const mail = mails.find((m) => m.to.includes('english.h5test@exemple.fr'));
    assert.ok(mail);
    const text = unquote(mail.raw);
    assert.ok(text.indexOf('Bonjour Philomène') < text.indexOf('Hello Philomène'), text);
    assert.match(text, /Reason: Get or replace a carte Vitale/);
    assert.ok(text.includes(english.code));

    assert.equal((await rowOf(failing.id)).reminder_attempts, 1);
    assert.equal((await rowOf(failing.id)).reminder_claimed_at, null);
    const again = await runAppointmentJobs(deps(server), config, transports, 'node-a');
    const third = await runAppointmentJobs(deps(server), config, transports, 'node-b');
    assert.deepEqual([again.failed, third.gaveUp], [1, 1]);
    const given = await rowOf(failing.id);
    assert.equal(given.reminder_attempts, 3);
    assert.ok(given.reminder_failed_at);
    assert.equal(given.reminder_sent_at, null);
    assert.equal((await runAppointmentJobs(deps(server), config, transports, 'node-a')).gaveUp, 0);

    // A node claimed this one and died: within the claim's 10 minutes nobody sends it, after them another node does.
    const orphan = await insert({ startInHours: 21, reminder: 'email', email: 'orphan.h5test@exemple.fr' });
    await server.db
      .updateTable('appointments')
      .set({ reminder_claimed_at: new Date(Date.now() - 5 * 60_000).toISOString(), reminder_claimed_by: 'dead-node' })
      .where('id', '=', orphan.id)
      .execute();
    assert.equal((await runAppointmentJobs(deps(second), config, transports, 'node-b')).sent, 0);
    await server.db
      .updateTable('appointments')
      .set({ reminder_claimed_at: new Date(Date.now() - 11 * 60_000).toISOString() })
      .where('id', '=', orphan.id)
      .execute();
    assert.equal((await runAppointmentJobs(deps(second), config, transports, 'node-b')).sent, 1);
    assert.equal(mails.filter((m) => m.to.includes('orphan.h5test@exemple.fr')).length, 1);
  });

  test('configuration: bounds and required pairs are checked, secrets never quoted', () => {
    const base = { ...server.databaseEnv };
    assert.throws(
      () => readConfig({ ...base, FS_APPOINTMENT_RETENTION_DAYS: '0' }),
      /FS_APPOINTMENT_RETENTION_DAYS must be a whole number from 1 to 365/,
    );
    assert.throws(() => readConfig({ ...base, FS_APPOINTMENT_JOBS_SECONDS: 'often' }), /FS_APPOINTMENT_JOBS_SECONDS/);
    assert.throws(() => readConfig({ ...base, FS_SMS_WEBHOOK_URL: gatewayUrl }), /FS_SMS_WEBHOOK_SECRET must be set/);
    assert.throws(() => readConfig({ ...base, FS_BOOKING_MANAGE_URL: 'https://mairie.example.fr/rdv' }), /must hold \{code\}/);
    assert.throws(
      () => readConfig({ ...base, FS_SMTP_URL: 'http://user:hunter2-secret@mail.example.fr' }),
      (error: Error) => /FS_SMTP_URL must be a URL such as smtp:/.test(error.message) && !error.message.includes('hunter2'),
    );
    // The numbers the booking accepts, as the SMS gateway gets them (E.164).
    assert.deepEqual(
      [
        '06 12 34 56 78',
        '+33 (0)6 12 34 56 78',
        '0033 6 12 34 56 78',
        '0692 12 34 56',
        '06.90.12.34.56',
        '05 56 12 34 56',
        '+687 75 12 34',
      ].map(internationalPhone),
      ['+33612345678', '+33612345678', '+33612345678', '+262692123456', '+590690123456', '+33556123456', '+687751234'],
    );
    const jobs = readConfig(base).appointmentJobs;
    assert.deepEqual([jobs.intervalSeconds, jobs.retentionDays, jobs.smtpUrl, jobs.smsWebhookUrl], [300, 30, null, null]);
  });

  test('the timer of a running server sends a reminder due on its own', async () => {
    const due = await insert({ startInHours: 20, reminder: 'email', email: 'timer.h5test@exemple.fr' });
    const node = await startServer(
      readConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        ...server.databaseEnv,
        FS_DATA_KEY: DATA_KEY,
        FS_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        FS_APPOINTMENT_JOBS_SECONDS: '3600',
      }),
      { serveStatic: false, logger: false },
    );
    try {
      // The first run starts with the server; waited for by polling the row, at most 10 s.
      for (let i = 0; i < 100 && (await rowOf(due.id)).reminder_sent_at === null; i++) await new Promise((r) => setTimeout(r, 100));
      assert.ok((await rowOf(due.id)).reminder_sent_at);
      assert.equal(mails.filter((m) => m.to.includes('timer.h5test@exemple.fr')).length, 1);
    } finally {
      await node.close();
    }
  });
});
