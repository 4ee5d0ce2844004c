import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { messageAttachments, messages, messageThreads, prefectures } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError, isAppError } from '../../platform/errors';
import type { RateRule } from '../../platform/rate-limiter';
import { enqueueAfterCommit } from '../../platform/jobs';
import { parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import { storeUpload, type CheckedFile } from '../documents/stored-upload';
import { notify } from '../notifications/notify';
import { cleanMessageText, isIdempotencyKey, MAX_MESSAGE_LENGTH } from './message-text';
import { fileForParticipant, type Participant } from './policy';
import { replyDueOn } from './reply-deadline';

/** Far more than a conversation needs; a bound on a thread filled by a script or a stuck key. */
export const messagesPerAccount: RateRule = { name: 'message:account', limit: 40, windowMs: 60 * 60_000 };

export interface PostMessageInput {
  body: string;
  /** From the form (`isIdempotencyKey`): the same form sent twice is one message. */
  idempotencyKey: string;
  file: { fileName: string; bytes: Buffer } | null;
}

export interface PostedMessage {
  messageId: string;
  /** True when this was the same form sent again: the first message stands, nothing else happened. */
  duplicate: boolean;
}

/** Checked before anything is read, stored or locked. */
function validate(input: PostMessageInput): string {
  if (!isIdempotencyKey(input.idempotencyKey)) throw new AppError('validation_failed', { fields: { body: 'messaging.errors.stale_form' } });
  const body = cleanMessageText(input.body);
  if (body.length > MAX_MESSAGE_LENGTH) throw new AppError('validation_failed', { fields: { body: 'messaging.errors.too_long' } });
  if (body.length === 0 && !input.file) throw new AppError('validation_failed', { fields: { body: 'messaging.errors.empty' } });
  return body;
}

async function earlierMessage(db: Db, authorId: string, key: string): Promise<string | null> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.authorId, authorId), eq(messages.idempotencyKey, key)));
  return row?.id ?? null;
}

/**
 * Writes a message in a file's thread, from either side, with at most one attachment checked
 * like any supporting document. In one transaction with the file locked: the message, its
 * attachment, the reply deadline, the audit event and the notification of the other side.
 *
 * The deadline binds the office: a message from the applicant's side when nothing is pending
 * starts it (the prefecture's number of working days); more messages before the answer keep
 * the first deadline; the office's answer ends it. The deadline check job is queued for the
 * thread at each message (`escalate-overdue.ts`), besides the daily sweep.
 *
 * Idempotent: the form's key is unique per author; a second submission returns the first
 * message (and its attachment's bytes, stored again, are removed).
 */
export async function postMessage(services: Services, who: Participant, applicationId: string, input: PostMessageInput): Promise<PostedMessage> {
  const body = validate(input);
  const authorId = who.actor.id;
  if (!authorId) throw new AppError('not_found');
  // The cheap answer to a double click: nothing stored, nothing locked.
  const earlier = await earlierMessage(services.db, authorId, input.idempotencyKey);
  if (earlier) {
    await fileForParticipant(services.db, who, applicationId);
    return { messageId: earlier, duplicate: true };
  }

  try {
    await services.rateLimiter.consume(messagesPerAccount, authorId);
  } catch (err) {
    if (isAppError(err) && err.code === 'rate_limited') throw new AppError('rate_limited', { fields: { body: 'messaging.errors.too_many' }, retryAt: err.options.retryAt, logMessage: err.message });
    throw err;
  }

  const persist = async (tx: Db, file: CheckedFile | null): Promise<{ value: PostedMessage; keepBytes: boolean }> => {
    const app = await fileForParticipant(tx, who, applicationId, { lock: true });
    const now = services.clock.now();
    await tx.insert(messageThreads).values({ applicationId: app.id, lastMessageAt: now, createdAt: now }).onConflictDoNothing({ target: messageThreads.applicationId });
    const [thread] = await tx.select().from(messageThreads).where(eq(messageThreads.applicationId, app.id)).for('update');

    let startsDeadline: string | null = null;
    if (who.side === 'applicant' && !thread!.replyDueOn) {
      const [office] = await tx.select({ days: prefectures.replyDeadlineWorkingDays }).from(prefectures).where(eq(prefectures.code, app.prefectureCode!));
      startsDeadline = replyDueOn(now, office!.days, app.prefectureCode!);
    }
    const [message] = await tx
      .insert(messages)
      .values({ threadId: thread!.id, authorId, side: who.side, authorRole: who.actor.role, body, idempotencyKey: input.idempotencyKey, replyDueOn: startsDeadline, createdAt: now })
      .onConflictDoNothing({ target: [messages.authorId, messages.idempotencyKey] })
      .returning({ id: messages.id });
    if (!message) {
      // The same form, sent at the same moment by another request that got the lock first.
      return { value: { messageId: (await earlierMessage(tx, authorId, input.idempotencyKey))!, duplicate: true }, keepBytes: false };
    }
    if (file) await tx.insert(messageAttachments).values({ messageId: message.id, ...file, createdAt: now });

    const answered = who.side === 'office' && thread!.replyDueOn ? { dueOn: thread!.replyDueOn, late: parisDate(now) > thread!.replyDueOn } : null;
    await tx
      .update(messageThreads)
      .set(
        who.side === 'office'
          ? { awaitingReplySince: null, replyDueOn: null, escalatedAt: null, lastMessageAt: now }
          : startsDeadline
            ? { awaitingReplySince: now, replyDueOn: startsDeadline, escalatedAt: null, lastMessageAt: now }
            : { lastMessageAt: now },
      )
      .where(eq(messageThreads.id, thread!.id));
    await appendAudit(tx, who.actor, now, {
      action: 'message.sent',
      subjectType: 'application',
      subjectId: app.id,
      data: { messageId: message.id, side: who.side, attachment: file ? { sha256: file.sha256, sizeBytes: file.sizeBytes } : null, replyDueOn: startsDeadline, answered },
    });
    if (who.side === 'office') {
      await notify(tx, services, { userId: app.applicantId, event: 'message_received', params: { reference: app.reference ?? '' }, link: `/demarches/${app.id}/messages`, applicationId: app.id });
    }
    await enqueueAfterCommit(tx, now, 'messaging.check_reply_deadline', { threadId: thread!.id });
    return { value: { messageId: message.id, duplicate: false }, keepBytes: true };
  };

  if (!input.file) return services.transact(async (tx) => (await persist(tx, null)).value);
  // The file is refused (or the person out of allowance) before any lock is taken; its access is
  // checked first too, so a stranger's upload is never stored.
  await fileForParticipant(services.db, who, applicationId);
  return storeUpload(services, authorId, input.file, (tx, file) => persist(tx, file));
}
