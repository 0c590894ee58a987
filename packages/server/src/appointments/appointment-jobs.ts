import type { FastifyBaseLogger } from 'fastify';
import { eraseExpired } from './erasure.js';
import { nodeName, sendDueReminders, smsWebhook, smtpTransport, type ReminderDeps, type ReminderTransports } from './reminders.js';

/**
 * The appointments' timer (issue 19): every `intervalSeconds` (`FS_APPOINTMENT_JOBS_SECONDS`,
 * 300 by default; 0 turns it off, as in the tests unless they start it), each node sends the
 * reminders due (once across nodes: `reminders.ts`) and erases the personal data past their
 * retention (`erasure.ts`). The log says how many, never to whom.
 */

export interface AppointmentJobsConfig {
  intervalSeconds: number;
  retentionDays: number;
  smtpUrl: string | null;
  smtpFrom: string;
  smsWebhookUrl: string | null;
  smsWebhookSecret: string | null;
  manageUrl: string | null;
}

export function transportsOf(config: AppointmentJobsConfig): ReminderTransports {
  return {
    ...(config.smtpUrl ? { email: smtpTransport(config.smtpUrl, config.smtpFrom) } : {}),
    ...(config.smsWebhookUrl && config.smsWebhookSecret ? { sms: smsWebhook(config.smsWebhookUrl, config.smsWebhookSecret) } : {}),
  };
}

/** One run: reminders, then erasure. */
export async function runAppointmentJobs(
  deps: ReminderDeps,
  config: AppointmentJobsConfig,
  transports: ReminderTransports,
  node: string,
  now = new Date(),
) {
  const reminders = await sendDueReminders(deps, transports, { node, now, manageUrl: config.manageUrl });
  const erased = await eraseExpired(deps.db, config.retentionDays, now);
  return { ...reminders, erased };
}

/** Starts the timer (nothing when the interval is 0); the function returned stops it and waits for a run under way. */
export function startAppointmentJobs(deps: ReminderDeps, config: AppointmentJobsConfig, log: FastifyBaseLogger): () => Promise<void> {
  if (config.intervalSeconds <= 0) return async () => undefined;
  const transports = transportsOf(config);
  const node = nodeName();
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runAppointmentJobs(deps, config, transports, node)
      .then((report) => {
        if (report.sent || report.failed || report.gaveUp || report.erased)
          log.info({ appointmentJobs: report }, 'appointment reminders and erasure');
      })
      .catch((error: unknown) => log.error({ err: error }, 'appointment jobs failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, config.intervalSeconds * 1000);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
