import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { ManualClock } from '../../src/platform/clock';
import { createLogger } from '../../src/platform/logger';
import type { MailTransport } from '../../src/platform/mail/transport';
import { createServices, type Services } from '../../src/services';
import { allPrefectures } from '../../src/db/seed/prefectures';
import { prefectures } from '../../src/db/schema';
import { openTestDatabase } from './template-db';
import { registerSigningKey } from '../../src/boot';
import { TestClient } from './test-client';
import { recordStatements } from './statement-counter';

export interface TestContext {
  services: Services;
  app: FastifyInstance;
  clock: ManualClock;
  config: Config;
  /** A new browser-like client with its own cookie jar. */
  client(): TestClient;
  /**
   * The SQL statements `fn` sends, drizzle's and raw alike, BEGIN and COMMIT included (each one
   * round trip on PostgreSQL; see `statement-counter.ts`). What commits kick off in the
   * background (audit linking, outbox dispatch) is held back meanwhile and run afterwards, so the
   * figure is what `fn` itself costs and does not depend on timing.
   */
  statementsOf<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
  close(): Promise<void>;
}

/**
 * A whole Sésame on a fresh copy of the migrated template database (PGlite, or PostgreSQL when
 * TEST_DATABASE_URL is set), with a clock the test moves by hand.
 */
export async function createTestContext(options: { env?: Record<string, string>; mailTransport?: MailTransport; clock?: ManualClock } = {}): Promise<TestContext> {
  const database = await openTestDatabase(process.env.TEST_DATABASE_URL, inject('template'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', PUBLIC_URL: 'http://sesame.test', ...options.env });
  const clock = options.clock ?? new ManualClock();
  const services = createServices({ config, database, clock, logger: createLogger(config.LOG_LEVEL), mailTransport: options.mailTransport });
  await services.db.insert(prefectures).values(allPrefectures).onConflictDoNothing();
  await registerSigningKey(services);
  await services.jobs.start({ work: false });
  const app = await createApp(services);
  await app.ready();
  return {
    services,
    app,
    clock,
    config,
    client: () => new TestClient(app),
    async statementsOf(fn) {
      const { auditLinker, jobs } = services;
      // What earlier commits kicked off ends first: none of it is counted.
      await auditLinker.flush();
      await jobs.dispatchPending();
      const kicks = { linker: auditLinker.kick, jobs: jobs.kick };
      const kicked = { linker: false, jobs: false };
      auditLinker.kick = () => void (kicked.linker = true);
      jobs.kick = () => void (kicked.jobs = true);
      try {
        return await recordStatements(fn);
      } finally {
        auditLinker.kick = kicks.linker;
        jobs.kick = kicks.jobs;
        if (kicked.linker) await auditLinker.flush();
        if (kicked.jobs) await jobs.dispatchPending();
      }
    },
    async close() {
      await app.close();
      await services.close();
    },
  };
}
