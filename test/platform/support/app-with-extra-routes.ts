import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { ManualClock } from '../../../src/platform/clock';
import { createLogger } from '../../../src/platform/logger';
import { createServices, type Services } from '../../../src/services';
import { openTestDatabase } from '../../support/template-db';
import { TestClient } from '../../support/test-client';

/**
 * The real application, as `createTestContext` builds it, with extra routes registered before
 * it is ready: a way to make a handler fail on purpose and watch the edge deal with it.
 */
export async function createAppWithExtraRoutes(register: (app: FastifyInstance) => void) {
  const database = await openTestDatabase(process.env.TEST_DATABASE_URL, inject('template'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://sesame.test' });
  const services: Services = createServices({ config, database, clock: new ManualClock(), logger: createLogger('silent') });
  const app = await createApp(services);
  register(app);
  await app.ready();
  return {
    app,
    services,
    client: () => new TestClient(app),
    async close() {
      await app.close();
      await services.close();
    },
  };
}
