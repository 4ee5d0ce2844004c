import { z } from 'zod';
import type { JobDefinition } from '../../platform/jobs';
import type { Services } from '../../services';
import { escalateIfOverdue, escalateOverdueReplies } from './escalate-overdue';

export const CHECK_REPLY_DEADLINE_JOB = 'messaging.check_reply_deadline';
export const ESCALATE_OVERDUE_JOB = 'messaging.escalate_overdue';

/** See `attestations/jobs.ts`: the getter breaks the services ↔ jobs circle. */
type ServicesGetter = () => Services;

/** Event-driven: queued with every message and by the office's list when it shows an overdue thread not yet escalated. */
export function checkReplyDeadlineJob(get: ServicesGetter): JobDefinition<{ threadId: string }> {
  return {
    name: CHECK_REPLY_DEADLINE_JOB,
    payload: z.object({ threadId: z.uuid() }),
    retryLimit: 10,
    async handle({ threadId }) {
      await escalateIfOverdue(get(), threadId);
    },
  };
}

const noPayload = z.object({});

/** The daily sweep (00:10 Paris, and at worker start): every missed deadline not escalated yet. */
export function escalateOverdueJob(get: ServicesGetter): JobDefinition<z.infer<typeof noPayload>> {
  return {
    name: ESCALATE_OVERDUE_JOB,
    payload: noPayload,
    retryLimit: 10,
    async handle() {
      await escalateOverdueReplies(get());
    },
  };
}
