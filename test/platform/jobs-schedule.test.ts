import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../src/db/client';
import { systemClock } from '../../src/platform/clock';
import { createJobs } from '../../src/platform/jobs';
import { createLogger } from '../../src/platform/logger';
import { openTestDatabase } from '../support/template-db';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase(process.env.TEST_DATABASE_URL, inject('template'));
});
afterAll(() => database.close());

describe('scheduled jobs', () => {
  it('registers the cron and runs a catch-up at worker start, once even with two workers', async () => {
    const runs: string[] = [];
    const make = (worker: string) =>
      createJobs({
        raw: database.raw,
        db: database.db,
        clock: systemClock,
        logger: createLogger('silent'),
        definitions: [{ name: 'test.daily', payload: z.object({}), handle: async () => void runs.push(worker) }],
        schedules: [{ name: 'test.daily', cron: '5 0 * * *', runAtStart: true }],
      });
    const a = make('a');
    const b = make('b');
    await a.start({ work: true });
    await b.start({ work: true });
    for (let i = 0; i < 40 && runs.length === 0; i++) await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 1500));
    await a.stop();
    await b.stop();
    expect(runs).toHaveLength(1);
    const { rows } = await database.raw.query<{ name: string; cron: string; timezone: string }>('select name, cron, timezone from pgboss.schedule');
    expect(rows).toEqual([{ name: 'test.daily', cron: '5 0 * * *', timezone: 'Europe/Paris' }]);
  });
});
