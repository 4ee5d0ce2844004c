import { createServer } from 'node:net';
import { boot, startRole } from '../../src/boot';
import { loadConfig } from '../../src/config';
import { seedDemoData } from '../../src/db/seed/demo';
import { createTemporaryDatabase } from './temporary-database';

export interface RunningSesame {
  /** `http://127.0.0.1:<port>`: also the PUBLIC_URL, so links in e-mails point here. */
  baseUrl: string;
  databaseKind: 'pglite' | 'postgres';
  /** The running instance's services, for a journey that prepares a state no page makes yet. */
  services: Awaited<ReturnType<typeof boot>>;
  stop(): Promise<void>;
}

/**
 * Boots a whole Sésame (web and worker, as `npm start` does) the way `main.ts` does, on a free
 * port, with its own database, the demo data of a first start (the journeys of agents log in as
 * the demo agents with the printed TOTP key, see `src/db/seed/demo.ts`; those of applicants use
 * fresh accounts) and a clock journeys can move forward (`/dev/horloge`).
 */
export async function startSesame(): Promise<RunningSesame> {
  const database = await createTemporaryDatabase();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATABASE_URL: database.url,
    DATA_DIR: database.dataDir,
    DEMO_DATA: 'true',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    // Each browser visit says where it comes from (X-Forwarded-For), as behind a real proxy.
    TRUST_PROXY: 'true',
    // Journeys that live through months move it at /dev/horloge, and put it back.
    ADJUSTABLE_CLOCK: 'true',
  });
  const services = await boot(config);
  await seedDemoData(services);
  const app = await startRole(services, 'all');
  return {
    baseUrl,
    databaseKind: services.database.kind,
    services,
    async stop() {
      await app?.close();
      await services.close();
      await database.drop();
    },
  };
}

/**
 * Asks the system for a free port. The port must be known before boot because it is part of
 * PUBLIC_URL; another process could take it in between, which is unlikely enough here.
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
