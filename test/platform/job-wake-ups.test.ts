import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Database } from '../../src/db/client';
import { systemClock } from '../../src/platform/clock';
import { createJobs, enqueueAfterCommit, WAKE_CHANNEL } from '../../src/platform/jobs';
import { createLogger } from '../../src/platform/logger';
import { openTestDatabase } from '../support/template-db';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase(process.env.TEST_DATABASE_URL, inject('template'));
});
afterAll(() => database.close());

/**
 * A web process (dispatches, works nothing) and a worker that would poll only every 30 s: jobs
 * done within seconds can only have been started by the wake-ups.
 */
function processes(options: { queue: string; listen: boolean; ran: string[] }) {
  const definitions = [{ name: options.queue, payload: z.object({ n: z.number() }), handle: async ({ n }: { n: number }) => void options.ran.push(String(n)) }];
  const common = { raw: database.raw, db: database.db, clock: systemClock, logger: createLogger('silent'), definitions };
  return {
    web: createJobs(common),
    worker: createJobs({ ...common, pollingIntervalSeconds: 30, ...(options.listen ? { listen: database.listen } : {}) }),
  };
}

async function waitFor(condition: () => boolean, ms: number) {
  for (const end = Date.now() + ms; Date.now() < end && !condition(); ) await new Promise((r) => setTimeout(r, 50));
}

async function enqueue(web: ReturnType<typeof createJobs>, queue: string, count: number, from = 0) {
  for (let n = from; n < from + count; n++) await enqueueAfterCommit(database.db, systemClock.now(), queue, { n });
  await web.dispatchPending();
}

describe('job wake-ups', () => {
  it('tell the workers on a NOTIFY channel which queues were just fed', async () => {
    const payloads: string[] = [];
    const unlisten = await database.listen(WAKE_CHANNEL, (p) => payloads.push(p));
    const { web } = processes({ queue: 'test.told', listen: false, ran: [] });
    await web.start({ work: false });
    await enqueue(web, 'test.told', 2);
    await waitFor(() => payloads.length > 0, 5000);
    await web.stop();
    await unlisten();
    expect(payloads).toEqual(['test.told']);
  });

  it('start a dispatched job at once, and a worker with a full batch fetches the next at once', async () => {
    const ran: string[] = [];
    const { web, worker } = processes({ queue: 'test.woken', listen: true, ran });
    await web.start({ work: false });
    await worker.start({ work: true });
    await enqueue(web, 'test.woken', 12);
    // Twelve jobs are three batches of five: each full batch asks for the next.
    await waitFor(() => ran.length === 12, 10_000);
    await worker.stop();
    await web.stop();
    expect(ran.sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
  });

  it('also start a job inserted straight into pg-boss, as its cron does (the daily sweep), at once', async () => {
    const ran: string[] = [];
    const { worker } = processes({ queue: 'test.sent', listen: true, ran });
    await worker.start({ work: true });
    // Another pg-boss, as a cron tick or an operator would send it: no outbox, no dispatcher.
    const other = new PgBoss({ db: { executeSql: (text: string, values?: unknown[]) => database.raw.query(text, values) }, supervise: false, schedule: false, migrate: false } as unknown as PgBoss.ConstructorOptions);
    other.on('error', () => undefined);
    await other.start();
    await other.send('test.sent', { n: 7 });
    await waitFor(() => ran.length > 0, 5000);
    await other.stop({ graceful: false });
    await worker.stop();
    expect(ran).toEqual(['7']);
  });

  it('without them, the same worker would still be waiting for its next poll (the test above can fail)', async () => {
    const ran: string[] = [];
    const { web, worker } = processes({ queue: 'test.polled', listen: false, ran });
    await web.start({ work: false });
    await worker.start({ work: true });
    // Its first look, at start, finds nothing.
    await new Promise((r) => setTimeout(r, 500));
    await enqueue(web, 'test.polled', 1);
    await waitFor(() => ran.length > 0, 2000);
    expect(ran).toEqual([]);
    await worker.stop();
    await web.stop();
  });
});
