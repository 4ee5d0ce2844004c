import { eq } from 'drizzle-orm';
import { createApp } from './app';
import type { Config } from './config';
import { openDatabase } from './db/client';
import { prefectures, signingKeys } from './db/schema';
import { allPrefectures } from './db/seed/prefectures';
import { systemClock, type Clock } from './platform/clock';
import { createLogger } from './platform/logger';
import type { MailTransport } from './platform/mail/transport';
import { createServices } from './services';

export type Role = 'web' | 'worker' | 'all';

/**
 * Opens the database, applies migrations and reference data, and wires the services.
 * Shared by `main.ts`, the benchmarks and the browser tests, so they all boot the same way.
 */
export async function boot(config: Config, options: { clock?: Clock; mailTransport?: MailTransport; poolSize?: number } = {}) {
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase(config.DATABASE_URL, { poolSize: options.poolSize });
  await database.migrate();
  const clock = options.clock ?? systemClock;
  const services = createServices({ config, database, clock, logger, mailTransport: options.mailTransport });
  await services.db.insert(prefectures).values(allPrefectures).onConflictDoNothing();
  await registerSigningKey(services);
  return services;
}

export async function startRole(services: Awaited<ReturnType<typeof boot>>, role: Role) {
  await services.jobs.start({ work: role !== 'web' });
  // Every role links audit events left unlinked (a process that died between commit and link).
  services.auditLinker.start();
  if (role === 'worker') return null;
  const app = await createApp(services);
  await app.listen({ port: services.config.PORT, host: services.config.HOST });
  return app;
}

/** Publishes the current certificate's public key, once; a different key under a used id is refused. */
export async function registerSigningKey(services: Awaited<ReturnType<typeof boot>> | ReturnType<typeof createServices>) {
  const { signer, db, clock } = services;
  await db.insert(signingKeys).values({ certId: signer.certId, publicKeyPem: signer.publicKeyPem, createdAt: clock.now() }).onConflictDoNothing();
  const [row] = await db.select().from(signingKeys).where(eq(signingKeys.certId, signer.certId));
  if (row?.publicKeyPem !== signer.publicKeyPem) {
    throw new Error(`certificate id ${signer.certId} is already published with another key: set SIGNING_CERT_ID to a new id when rotating keys`);
  }
}
