import { createServer } from 'node:net';
import { boot, startRole } from '../../src/boot';
import { loadConfig } from '../../src/config';
import { seedDemoData } from '../../src/db/seed/demo';
import { createTemporaryDatabase } from './temporary-database';

export interface RunningSesame {
  /** `http://127.0.0.1:<port>`: also the PUBLIC_URL, so links in e-mails point here. */
  baseUrl: string;
  databaseKind: 'pglite' | 'postgres';
  stop(): Promise<void>;
}

/**
 * Boots a whole Sésame (web and worker, as `npm start` does) the way `main.ts` does, on a free
 * port, with its own database and the demo accounts a newcomer gets (the agents' journeys log in
 * as them, with the demo TOTP key); applicants' journeys make their own accounts.
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
    DEMO_DATA: 'false',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
  });
  const services = await boot(config);
  await seedDemoData(services);
  const app = await startRole(services, 'all');
  return {
    baseUrl,
    databaseKind: services.database.kind,
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
