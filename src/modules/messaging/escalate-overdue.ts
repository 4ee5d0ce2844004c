import { and, asc, eq, gt, isNull, lt } from 'drizzle-orm';
import { applications, messageThreads, users } from '../../db/schema';
import { appendAudit, systemActor } from '../../platform/audit';
import { isLocale } from '../../platform/i18n/catalogue';
import { parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import { longDate } from '../attestations/date-text';
import { notify } from '../notifications/notify';
import { isOverdue } from './reply-deadline';

/**
 * Escalates one thread whose reply deadline has passed: marked escalated (once per deadline),
 * audited, and every head of office of the file's prefecture notified (in the app and by
 * e-mail). Safe to run any number of times, from the event-driven check and the daily sweep at
 * once: the thread row is locked, a thread already escalated or answered is left alone, and the
 * notifications carry a key per deadline. Returns true when it escalated now.
 */
export async function escalateIfOverdue(services: Services, threadId: string): Promise<boolean> {
  return services.transact(async (tx) => {
    const [row] = await tx
      .select({ thread: messageThreads, app: { id: applications.id, reference: applications.reference, prefectureCode: applications.prefectureCode } })
      .from(messageThreads)
      .innerJoin(applications, eq(applications.id, messageThreads.applicationId))
      .where(eq(messageThreads.id, threadId))
      .for('update', { of: messageThreads });
    const now = services.clock.now();
    if (!row || row.thread.escalatedAt || !isOverdue(row.thread.replyDueOn, parisDate(now))) return false;
    const { thread, app } = row;
    await tx.update(messageThreads).set({ escalatedAt: now }).where(eq(messageThreads.id, thread.id));
    await appendAudit(tx, systemActor, now, {
      action: 'message.reply_overdue',
      subjectType: 'application',
      subjectId: app.id,
      data: { threadId: thread.id, replyDueOn: thread.replyDueOn, awaitingReplySince: thread.awaitingReplySince },
    });
    const heads = await tx
      .select({ id: users.id, locale: users.locale })
      .from(users)
      .where(and(eq(users.role, 'head_of_office'), eq(users.prefectureCode, app.prefectureCode!)));
    for (const head of heads) {
      await notify(tx, services, {
        userId: head.id,
        event: 'reply_overdue',
        params: { reference: app.reference ?? '', dueOn: longDate(thread.replyDueOn!, isLocale(head.locale) ? head.locale : 'fr') },
        link: `/bureau/dossiers/${app.id}/messages`,
        applicationId: app.id,
        dedupeKey: `reply_overdue:${thread.id}:${thread.replyDueOn}:${head.id}`,
      });
    }
    return true;
  });
}

const SWEEP_BATCH = 500;

/**
 * The daily sweep: every thread whose deadline passed and was not escalated yet, in batches over
 * the partial index `message_threads_due_idx`. Catches what the event-driven check could not
 * see (a deadline passes with nobody writing) and anything missed while workers were down.
 */
export async function escalateOverdueReplies(services: Services): Promise<number> {
  const today = parisDate(services.clock.now());
  let escalated = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const due = await services.db
      .select({ id: messageThreads.id })
      .from(messageThreads)
      .where(and(lt(messageThreads.replyDueOn, today), isNull(messageThreads.escalatedAt), gt(messageThreads.id, after)))
      .orderBy(asc(messageThreads.id))
      .limit(SWEEP_BATCH);
    for (const { id } of due) if (await escalateIfOverdue(services, id)) escalated++;
    if (due.length < SWEEP_BATCH) return escalated;
    after = due.at(-1)!.id;
  }
}
