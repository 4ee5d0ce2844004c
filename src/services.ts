import type { Config } from './config';
import type { Database, Db } from './db/client';
import type { Clock } from './platform/clock';
import { createI18n } from './platform/i18n/catalogue';
import { createJobs } from './platform/jobs';
import type { Logger } from './platform/logger';
import { createMailer } from './platform/mail/mailer';
import { outboxTransport, smtpTransport, type MailTransport } from './platform/mail/transport';
import { createRateLimiter } from './platform/rate-limiter';
import { resolveAppSecret } from './platform/secret-box';
import { loadSigner } from './platform/signing';
import { createSessionStore } from './platform/sessions';
import { createSms } from './platform/sms';
import { createStorage } from './platform/storage/create-storage';
import { attestationSweepJob, issueDueAttestationsJob } from './modules/attestations/jobs';

/**
 * Explicit wiring of everything the routes and use cases need; no container, no globals.
 * `Services` is whatever this returns.
 */
export function createServices(deps: { config: Config; database: Database; clock: Clock; logger: Logger; mailTransport?: MailTransport }) {
  const { config, database, clock, logger } = deps;
  const { db } = database;
  const i18n = createI18n();
  const mailTransport = deps.mailTransport ?? (config.SMTP_URL ? smtpTransport(config.SMTP_URL) : outboxTransport);
  const mailer = createMailer({ db, i18n, clock, transport: mailTransport, from: config.MAIL_FROM, logger });
  const sms = createSms({ db, clock });
  const jobs = createJobs({
    raw: database.raw,
    db,
    clock,
    logger,
    definitions: [
      mailer.deliveryJob,
      sms.deliveryJob,
      // Attestations (receipt, APRI, ADF): issue what one application is owed; the daily sweep over open files.
      issueDueAttestationsJob(() => services),
      attestationSweepJob(() => services),
    ],
  });

  /**
   * Runs one state change in one transaction; jobs recorded in it are dispatched after commit.
   */
  async function transact<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const result = await db.transaction(fn);
    jobs.kick();
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
    transact,
    /** Master secret; derive a key per purpose from it (`platform/secret-box.ts`), never use it raw. */
    appSecret: resolveAppSecret(config),
    signer: loadSigner(config),
    rateLimiter: createRateLimiter(db, clock),
    /** Bytes of uploaded documents: `<DATA_DIR>/files`, or an S3-compatible store (`STORAGE_URL`). */
    storage: createStorage(config),
    sessions: createSessionStore(db, clock, { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS }),
    async close() {
      await jobs.stop();
      mailTransport.close();
      await database.close();
    },
  };
  return services;
}

export type Services = ReturnType<typeof createServices>;
