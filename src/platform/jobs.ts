import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Database, Db, RawSql, Unlisten } from '../db/client';
import { outboxJobs } from '../db/schema';
import { insertRows } from '../db/table-write';
import { writeTogether } from '../db/write-together';
import type { Clock } from './clock';
import type { Logger } from './logger';

/** A job: its name, the shape of its payload, and an idempotent handler. */
export interface JobDefinition<P extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  payload: z.ZodType<P>;
  /** How many times pg-boss retries a failing run before giving up. */
  retryLimit?: number;
  /** Jobs a worker takes at once from this queue and runs together (default `BATCH_SIZE`). */
  batchSize?: number;
  /** Must be safe to run twice with the same payload: delivery is at-least-once. */
  handle(payload: P): Promise<void>;
}

/**
 * Records a job to run once the surrounding transaction commits (transactional outbox): if the
 * transaction rolls back, the job never existed; if the process dies after commit, the sweep
 * picks it up.
 */
export async function enqueueAfterCommit(tx: Db, at: Date, name: string, payload: Record<string, unknown>): Promise<void> {
  await tx.insert(outboxJobs).values({ name, payload, createdAt: at });
  transactionsWithJobs.add(tx);
}

/** A job to record in the outbox: its name and payload. */
export interface OutboxJob {
  name: string;
  payload: Record<string, unknown>;
}

/** Several jobs recorded by one transaction, in one statement: `enqueueAfterCommit` for each. */
export async function enqueueManyAfterCommit(tx: Db, at: Date, jobs: readonly OutboxJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await writeTogether(tx, [outboxInsert(tx, at, jobs)]);
}

/**
 * The INSERT of `enqueueManyAfterCommit` (`jobs` not empty), built but not sent: for a change
 * that sends it in one statement with its own writes (`db/write-together.ts`), in that transaction.
 */
export function outboxInsert(tx: Db, at: Date, jobs: readonly OutboxJob[]) {
  transactionsWithJobs.add(tx);
  return insertRows(
    tx,
    outboxJobs,
    jobs.map(({ name, payload }) => ({ name, payload, createdAt: at })),
  );
}

/** Transactions that recorded a job: only after their commit is there something to dispatch. */
const transactionsWithJobs = new WeakSet<object>();
export function wroteJobs(tx: Db): boolean {
  return transactionsWithJobs.has(tx);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers are checked one by one where they are defined
export type AnyJobDefinition = JobDefinition<any>;

/** A job run on a calendar by the workers (pg-boss cron, one run per tick across all workers). */
export interface ScheduledJob {
  name: string;
  /** Cron expression, in Europe/Paris time. */
  cron: string;
  /** Also run once when a worker starts: catches up after downtime. */
  runAtStart: boolean;
}

export interface Jobs {
  start(options: { work: boolean }): Promise<void>;
  stop(): Promise<void>;
  /** Hands committed outbox rows to pg-boss. Safe to call from many processes at once. */
  dispatchPending(): Promise<number>;
  /** Dispatch in the background (after a commit); errors are logged, the sweep retries. */
  kick(): void;
  /** Test and CLI helper: dispatches, then runs every queued job in this process until none is left. */
  runPending(): Promise<number>;
  /** Queues one run of every scheduled job now (after the non-production clock moved: what fell due runs). */
  runSchedulesNow(): Promise<void>;
}

/** The `NOTIFY` channel on which a dispatcher wakes the workers of the queues it just fed. */
export const WAKE_CHANNEL = 'sesame_jobs';
/**
 * Every job pg-boss inserts — from our outbox dispatch, from its cron, from a retry sent by
 * anyone — notifies the workers of its queue as it commits, so they start it at once instead of
 * at their next poll (up to a second later: on the due day that second was most of the APRIs'
 * wait). A row trigger on pg-boss's job table, cloned by PostgreSQL onto every queue's
 * partition; PostgreSQL folds identical notifications of one transaction into one, so a batch of
 * a hundred jobs of one queue wakes its workers once. Jobs that start later (retry delays) notify
 * nobody: polling finds them. Installed at start by every process, idempotently, under a lock so
 * that processes starting together do not race.
 */
export async function installWakeTrigger(raw: RawSql): Promise<void> {
  await raw.query(`
    do $install$
    begin
      perform pg_advisory_xact_lock(hashtext('sesame_jobs_wake_trigger'));
      create or replace function sesame_wake_workers() returns trigger language plpgsql as $fn$
      begin
        perform pg_notify('${WAKE_CHANNEL}', new.name);
        return null;
      end $fn$;
      if not exists (select 1 from pg_trigger where tgname = 'sesame_wake_workers' and tgrelid = 'pgboss.job'::regclass) then
        create trigger sesame_wake_workers after insert on pgboss.job
          for each row when (new.start_after <= now()) execute function sesame_wake_workers();
      end if;
    end $install$`);
}

/** The outbox's committed rows not yet handed to pg-boss, oldest first (`outbox_jobs_pending_idx`), by batches of 100. */
const OUTBOX_PENDING = `select id, name, payload from outbox_jobs where dispatched_at is null and created_at < $1::timestamptz order by created_at limit 100`;
const OUTBOX_MARK_DISPATCHED = `update outbox_jobs set dispatched_at = $1::timestamptz where id = any($2::uuid[])`;

/** Jobs a worker takes at once from a queue (and runs together). */
const BATCH_SIZE = 5;

export function createJobs(deps: {
  raw: RawSql;
  db: Db;
  clock: Clock;
  logger: Logger;
  definitions: AnyJobDefinition[];
  schedules?: ScheduledJob[];
  /** Without it, workers only poll: tests and one-off commands. */
  listen?: Database['listen'];
  /** How often an idle worker looks for jobs nobody woke it for (cron runs, lost wake-ups). */
  pollingIntervalSeconds?: number;
}): Jobs {
  const { raw, clock, logger } = deps;
  const definitions = new Map(deps.definitions.map((d) => [d.name, d]));
  const schedules = deps.schedules ?? [];
  // Workers run pg-boss maintenance and cron; web processes and tests only send and fetch.
  const newBoss = (work: boolean) => {
    const b = new PgBoss({
      db: { executeSql: (text: string, values?: unknown[]) => raw.query(text, values) },
      supervise: work,
      schedule: work && schedules.length > 0,
    } as unknown as PgBoss.ConstructorOptions);
    b.on('error', (err) => logger.error({ err }, 'job queue error'));
    return b;
  };
  let boss = newBoss(false);
  let started = false;
  let sweepTimer: NodeJS.Timeout | undefined;
  let dispatching: Promise<number> | undefined;
  let dispatchingNext: Promise<number> | undefined;
  let unlisten: Unlisten | undefined;
  /** This process's pg-boss worker for each queue it works. */
  const workerIds = new Map<string, string>();
  const wake = (name: string) => {
    const id = workerIds.get(name);
    if (id) boss.notifyWorker(id);
  };

  async function runOne(name: string, data: unknown): Promise<void> {
    const def = definitions.get(name);
    if (!def) throw new Error(`no handler for job ${name}`);
    await def.handle(def.payload.parse(data));
  }

  async function dispatchOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      // Named statements (planned once per connection, built once): one dispatch follows every
      // transaction that queued a job, the filing's among them.
      const { rows: pending } = await raw.query<{ id: string; name: string; payload: Record<string, unknown> }>(
        OUTBOX_PENDING,
        [new Date(clock.now().getTime() + 1000).toISOString()],
        { name: 'outbox_pending' },
      );
      if (pending.length === 0) return total;
      // pg-boss's batch insert skips a job whose queue does not exist: refuse rather than lose it.
      const unknown = pending.find((job) => !definitions.has(job.name));
      if (unknown) throw new Error(`no handler for job ${unknown.name}`);
      // One statement for the batch. The outbox id is the pg-boss job id: a second dispatch of
      // the same row is ignored (pg-boss inserts with ON CONFLICT DO NOTHING).
      await boss.insert(
        pending.map((job) => ({ id: job.id, name: job.name, data: job.payload, retryLimit: definitions.get(job.name)?.retryLimit ?? 5, retryDelay: 5, retryBackoff: true })),
      );
      await raw.query(OUTBOX_MARK_DISPATCHED, [clock.now().toISOString(), pending.map((j) => j.id)], { name: 'outbox_mark_dispatched' });
      total += pending.length;
      // No wake-up to send: the insert itself notifies the workers (`installWakeTrigger`).
      if (pending.length < 100) return total;
    }
  }

  const jobs: Jobs = {
    async start({ work }) {
      boss = newBoss(work);
      await boss.start();
      await installWakeTrigger(raw).catch((err: unknown) => logger.warn({ err }, 'job wake-ups not installed: the workers poll every second'));
      for (const name of definitions.keys()) await boss.createQueue(name);
      started = true;
      if (work) {
        for (const [name, definition] of definitions) {
          const batchSize = definition.batchSize ?? BATCH_SIZE;
          const id = await boss.work(name, { pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 1, batchSize }, async (batch) => {
            // The jobs of a batch are independent (each its own transaction): run together, they
            // overlap their database round trips. Once all have ended, one failure fails the
            // batch, which is retried: every handler is idempotent.
            const outcomes = await Promise.allSettled(batch.map((job) => runOne(name, job.data)));
            const failed = outcomes.find((o) => o.status === 'rejected');
            if (failed) throw failed.reason;
            // A full batch means more may be waiting (a sweep fans out hundreds): fetch again at
            // once rather than after the polling interval.
            if (batch.length === batchSize) wake(name);
          });
          workerIds.set(name, id);
        }
        if (deps.listen) {
          unlisten = await deps.listen(
            WAKE_CHANNEL,
            (payload) => payload.split(',').forEach(wake),
            (err) => logger.warn({ err }, 'job wake-ups lost: the workers poll every second'),
          );
        }
        // The sweep: anything committed but not dispatched (a crash right after commit) goes out here.
        sweepTimer = setInterval(() => jobs.kick(), 15_000);
        sweepTimer.unref();
        for (const s of schedules) {
          await boss.schedule(s.name, s.cron, {}, { tz: 'Europe/Paris' });
          // Several workers starting together queue one catch-up run (singleton for 10 minutes).
          if (s.runAtStart) await boss.send(s.name, {}, { singletonKey: `${s.name}:start`, singletonSeconds: 600 });
        }
      }
    },
    async stop() {
      if (sweepTimer) clearInterval(sweepTimer);
      await unlisten?.();
      unlisten = undefined;
      workerIds.clear();
      await dispatching?.catch(() => 0);
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 5000 });
      started = false;
    },
    dispatchPending() {
      // One dispatch at a time per process. The one in flight may have read the outbox before
      // the caller's commit: callers meanwhile share one more dispatch after it.
      if (!dispatching) {
        dispatching = dispatchOnce().finally(() => {
          dispatching = undefined;
        });
        return dispatching;
      }
      dispatchingNext ??= dispatching
        .catch(() => 0)
        .then(() => {
          dispatchingNext = undefined;
          return jobs.dispatchPending();
        });
      return dispatchingNext;
    },
    kick() {
      if (!started) return;
      jobs.dispatchPending().catch((err) => logger.error({ err }, 'outbox dispatch failed'));
    },
    async runSchedulesNow() {
      // Through the outbox like any job: recorded first, dispatched after commit, run once.
      const at = deps.clock.now();
      await deps.db.transaction(async (tx) => {
        for (const s of schedules) await enqueueAfterCommit(tx, at, s.name, {});
      });
      jobs.kick();
    },
    async runPending() {
      let ran = 0;
      for (;;) {
        await jobs.dispatchPending();
        let found = 0;
        for (const name of definitions.keys()) {
          const batch = await boss.fetch(name, { batchSize: 50 });
          for (const job of batch ?? []) {
            found++;
            try {
              await runOne(name, job.data);
              await boss.complete(name, job.id);
            } catch (err) {
              await boss.fail(name, job.id, { message: err instanceof Error ? err.message : String(err) });
            }
          }
        }
        if (found === 0) return ran;
        ran += found;
      }
    },
  };
  return jobs;
}
