import type { Config } from './config';
import type { Database, Db } from './db/client';
import { OffsetClock, type Clock } from './platform/clock';
import { createI18n } from './platform/i18n/catalogue';
import { createPdfRenderer } from './modules/attestations/document/pdf-renderer';
import { createJobs, wroteJobs } from './platform/jobs';
import { wroteAudit } from './platform/audit';
import { createAuditLinker } from './platform/audit-linker';
import type { Logger } from './platform/logger';
import { createMailer } from './platform/mail/mailer';
import { outboxTransport, smtpTransport, type MailTransport } from './platform/mail/transport';
import { createRateLimiter } from './platform/rate-limiter';
import { resolveAppSecret } from './platform/secret-box';
import { loadSigner } from './platform/signing';
import { createSessionStore } from './platform/sessions';
import { createSms } from './platform/sms';
import { createStorage } from './platform/storage/create-storage';
import { renewalRemindersJob } from './modules/applications/jobs/renewal-reminders';
import { attestationSweepJob, issueDueAttestationsJob } from './modules/attestations/jobs';
import { checkReplyDeadlineJob, escalateOverdueJob } from './modules/messaging/jobs';
import { fillQueueDatesJob } from './modules/backoffice/jobs';
import { createVerifiedSignatures } from './modules/verification/verified-signatures';
import { createCheckLog } from './modules/verification/check-log';

/**
 * Explicit wiring of everything the routes and use cases need; no container, no globals.
 * `Services` is whatever this returns.
 */
export function createServices(deps: { config: Config; database: Database; clock: Clock; logger: Logger; mailTransport?: MailTransport }) {
  const { config, database, logger } = deps;
  // Every part reads this one clock: moving it (`/dev/horloge`) moves the pages and the jobs alike.
  const clock: Clock = config.ADJUSTABLE_CLOCK ? new OffsetClock(deps.clock) : deps.clock;
  const { db } = database;
  const i18n = createI18n();
  const mailTransport = deps.mailTransport ?? (config.SMTP_URL ? smtpTransport(config.SMTP_URL) : outboxTransport);
  const mailer = createMailer({ db, i18n, clock, transport: mailTransport, from: config.MAIL_FROM, logger });
  const sms = createSms({ db, clock });
  // Jobs this process can run. `applications.renewal_reminders` ({ day? }, default today in Paris) e-mails the renewal reminders of one day (R.431-5); to run daily.
  const jobs = createJobs({
    raw: database.raw,
    listen: database.listen,
    db,
    clock,
    logger,
    definitions: [
      mailer.deliveryJob,
      sms.deliveryJob,
      renewalRemindersJob({ db, clock, mailer, publicUrl: config.publicUrl, transact }),
      // Attestations (receipt, APRI, ADF): `attestations.issue_due` ({ applicationId }) issues what one file is owed; `attestations.sweep` ({ after? }) walks the open files daily.
      issueDueAttestationsJob(() => services),
      attestationSweepJob(() => services),
      // Reply deadlines of message threads: `messaging.check_reply_deadline` ({ threadId }) escalates one missed deadline; `messaging.escalate_overdue` ({}) sweeps them daily.
      checkReplyDeadlineJob(() => services),
      escalateOverdueJob(() => services),
      // The office queue's dates for open files filed before they existed (`backoffice.fill_queue_dates`).
      fillQueueDatesJob(() => services),
    ],
    // Daily, in Paris; a worker that starts catches up at once (after downtime, the sweep issues what fell due meanwhile).
    schedules: [
      { name: 'applications.renewal_reminders', cron: '0 7 * * *', runAtStart: true },
      { name: 'attestations.sweep', cron: '5 0 * * *', runAtStart: true },
      { name: 'messaging.escalate_overdue', cron: '10 0 * * *', runAtStart: true },
      { name: 'backoffice.fill_queue_dates', cron: '30 0 * * *', runAtStart: true },
    ],
  });

  const auditLinker = createAuditLinker({ db, logger });

  /**
   * Runs one state change in one transaction; jobs recorded in it are dispatched after commit,
   * and its audit events linked into the hash chain.
   */
  async function transact<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    let audited = false;
    let queued = false;
    const result = await db.transaction(async (tx) => {
      const value = await fn(tx);
      audited = wroteAudit(tx);
      queued = wroteJobs(tx);
      return value;
    });
    if (audited) auditLinker.kick();
    if (queued) jobs.kick();
    return result;
  }

  const services = {
    config,
    database,
    db,
    clock,
    logger,
    i18n,
    mailer,
    mailTransport,
    sms,
    jobs,
    auditLinker,
    transact,
    /** Master secret; derive a key per purpose from it (`platform/secret-box.ts`), never use it raw. */
    appSecret: resolveAppSecret(config),
    signer: loadSigner(config),
    rateLimiter: createRateLimiter(db, clock),
    /** The holders' logs of public checks, written in groups (`modules/verification/check-log.ts`). */
    verificationLog: createCheckLog(database.rawAsyncCommit, logger),
    /** 2D-Doc texts whose signature checked, not checked again while their key is the same (`VERIFIED_SIGNATURES_REMEMBERED`). */
    verifiedSignatures: createVerifiedSignatures(config.VERIFIED_SIGNATURES_REMEMBERED),
    /** Bytes of uploaded documents: `<DATA_DIR>/files`, or an S3-compatible store (`STORAGE_URL`). */
    storage: createStorage(config),
    sessions: createSessionStore(db, database.raw, clock, { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS }),
    /** Attestation PDFs, rendered on worker threads (`PDF_RENDER_THREADS`). */
    pdfRenderer: createPdfRenderer({ threads: config.PDF_RENDER_THREADS, i18n, logger }),
    async close() {
      await jobs.stop();
      await services.pdfRenderer.close();
      await services.verificationLog.close();
      await auditLinker.stop();
      mailTransport.close();
      await database.close();
    },
  };
  return services;
}

export type Services = ReturnType<typeof createServices>;
