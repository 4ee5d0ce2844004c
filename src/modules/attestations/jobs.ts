import { z } from 'zod';
import type { Db } from '../../db/client';
import { enqueueAfterCommit, enqueueManyAfterCommit, type JobDefinition, type OutboxJob } from '../../platform/jobs';
import { parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import { findDueApplications } from './find-due-applications';
import { issueDueAttestations, issueDueAttestationsFor } from './issue-due-attestations';

export const ISSUE_DUE_JOB = 'attestations.issue_due';
export const SWEEP_JOB = 'attestations.sweep';

/**
 * The jobs are created with the services they run on; the services list the jobs. The getter
 * breaks the circle: it is called only when a job runs, long after wiring.
 */
type ServicesGetter = () => Services;

/** Queues the issuance check of one application, after the surrounding transaction commits. */
export function enqueueIssueDue(tx: Db, at: Date, applicationId: string): Promise<void> {
  const job = issueDueJob(applicationId);
  return enqueueAfterCommit(tx, at, job.name, job.payload);
}

/** The same job, for a caller that records it with others (`enqueueManyAfterCommit`, `notify`'s `alsoEnqueue`). */
export function issueDueJob(applicationId: string): OutboxJob {
  return { name: ISSUE_DUE_JOB, payload: { applicationId } };
}

/** Files the sweep hands to one issuance job: one transaction, a few statements for all of them. */
export const ISSUE_DUE_GROUP = 20;

type IssueDuePayload = { applicationId?: string | undefined; applicationIds?: string[] | undefined };

/**
 * Event-driven: after filing (receipt), completion (APRI may become owed), a decision (ADF), a
 * lifted block — one application. From the sweep: a group of them, issued in one transaction;
 * should the group fail (one file the rules or the data trip over), each file is tried alone,
 * so one bad file never holds back the others' proofs, and only its failure makes the job fail
 * and retry. Idempotent like `issueDueAttestations` itself.
 */
export function issueDueAttestationsJob(get: ServicesGetter): JobDefinition<IssueDuePayload> {
  return {
    name: ISSUE_DUE_JOB,
    payload: z.object({ applicationId: z.uuid().optional(), applicationIds: z.array(z.uuid()).max(100).optional() }),
    retryLimit: 10,
    async handle({ applicationId, applicationIds }) {
      const services = get();
      const ids = [...(applicationId ? [applicationId] : []), ...(applicationIds ?? [])];
      if (ids.length === 1) return void (await issueDueAttestations(services, ids[0]!));
      try {
        await issueDueAttestationsFor(services, ids);
      } catch (err) {
        services.logger.warn({ err, files: ids.length }, 'group issuance failed: issuing file by file');
        const outcomes = [];
        for (const id of ids) outcomes.push(await issueDueAttestations(services, id).then(() => null, (e: unknown) => e));
        const failed = outcomes.find((e) => e !== null);
        if (failed) throw failed;
      }
    },
  };
}

/**
 * The daily sweep, the safety net under the events and the clock that renews APRIs and ADFs:
 * one batch of open applications per run, checked in memory; the ones with something due go
 * to `attestations.issue_due` jobs by groups of `ISSUE_DUE_GROUP`, and the next batch a sweep job of its own — in one
 * transaction, so a crash anywhere re-runs only the batch that died. Scheduled in
 * `src/services.ts` (daily, and at worker start).
 */
export function attestationSweepJob(get: ServicesGetter, options: { batchSize?: number } = {}): JobDefinition<{ after?: string | undefined }> {
  return {
    name: SWEEP_JOB,
    payload: z.object({ after: z.uuid().optional() }),
    retryLimit: 10,
    async handle({ after }) {
      const services = get();
      const now = services.clock.now();
      const batch = await findDueApplications(services.db, parisDate(now), { after, limit: options.batchSize });
      if (batch.due.length === 0 && !batch.nextCursor) return;
      const jobs: OutboxJob[] = [];
      for (let i = 0; i < batch.due.length; i += ISSUE_DUE_GROUP) jobs.push({ name: ISSUE_DUE_JOB, payload: { applicationIds: batch.due.slice(i, i + ISSUE_DUE_GROUP) } });
      if (batch.nextCursor) jobs.push({ name: SWEEP_JOB, payload: { after: batch.nextCursor } });
      await services.transact((tx) => enqueueManyAfterCommit(tx, now, jobs));
    },
  };
}

/**
 * Starts a sweep from the first application, through the outbox. The workers run it on their
 * own — daily at 00:05 in Paris (so a proof that falls due on a day is there from its start)
 * and once when a worker starts, to catch up after downtime: see `schedules` in
 * `src/services.ts`. This is for tests and operators. Two sweeps at once are harmless, only
 * wasteful: every step is idempotent.
 */
export async function requestAttestationSweep(services: Services): Promise<void> {
  await services.transact((tx) => enqueueAfterCommit(tx, services.clock.now(), SWEEP_JOB, {}));
}
