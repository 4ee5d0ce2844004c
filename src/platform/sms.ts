import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { smsMessages } from '../db/schema';
import type { Clock } from './clock';
import { enqueueAfterCommit, type JobDefinition } from './jobs';

/**
 * SMS provider. The only one today is the stored outbox (`SMS_URL=outbox`): messages are kept in
 * `sms_messages` and shown at `/dev/outbox`; an operator's adapter plugs in at `deliver`.
 */
export interface Sms {
  queue(tx: Db, to: string, text: string): Promise<string>;
  deliveryJob: JobDefinition<{ smsId: string }>;
}

export function createSms(deps: { db: Db; clock: Clock }): Sms {
  const { db, clock } = deps;
  return {
    async queue(tx, to, text) {
      const now = clock.now();
      const [row] = await tx.insert(smsMessages).values({ to, text, createdAt: now }).returning({ id: smsMessages.id });
      await enqueueAfterCommit(tx, now, 'sms.deliver', { smsId: row!.id });
      return row!.id;
    },
    deliveryJob: {
      name: 'sms.deliver',
      payload: z.object({ smsId: z.uuid() }),
      async handle({ smsId }) {
        // The outbox provider delivers by recording the message as sent.
        await db.update(smsMessages).set({ status: 'sent', sentAt: clock.now(), attempts: 1 }).where(eq(smsMessages.id, smsId));
      },
    },
  };
}
