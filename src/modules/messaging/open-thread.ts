import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { messageAttachments, messages, messageThreads, prefectures, profiles, type MessageSide } from '../../db/schema';
import { AppError } from '../../platform/errors';
import { parisDate, type CalendarDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import type { Application } from '../applications/policy';
import { fileForParticipant, otherSide, type Participant } from './policy';
import { deadlineState, type DeadlineState } from './reply-deadline';

export interface ThreadAttachment {
  id: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: Date;
}

export interface ThreadMessage {
  id: string;
  side: MessageSide;
  authorRole: string;
  mine: boolean;
  body: string;
  createdAt: Date;
  /** When the other side read it; for the reader's own messages. */
  readAt: Date | null;
  /** Not read by the reader before this visit. */
  isNew: boolean;
  /** For a message that started the office's deadline. */
  replyDueOn: CalendarDate | null;
  attachments: ThreadAttachment[];
}

export interface ThreadView {
  side: MessageSide;
  application: Pick<Application, 'id' | 'reference' | 'procedureId' | 'status' | 'prefectureCode'>;
  prefectureName: string;
  /** The applicant's name as the office reads it (from the profile). */
  applicantName: string | null;
  messages: ThreadMessage[];
  deadline: DeadlineState;
  /** The prefecture's rule, to say it in words ("within 5 working days"). */
  replyWorkingDays: number;
  escalatedAt: Date | null;
  today: CalendarDate;
  /** A fresh once-only key for the reply form. */
  formKey: string;
}

/** A new once-only key for a message form. */
export const newFormKey = () => randomBytes(16).toString('base64url');

/**
 * A file's thread as one side reads it, oldest message first. Opening it marks the other side's
 * messages as read (by whom and when: the other side sees "read on …"). Reading is not audited:
 * it changes nothing of the file, and the mark on the message is its own record.
 */
export async function openThread(services: Services, who: Participant, applicationId: string): Promise<ThreadView> {
  const app = await fileForParticipant(services.db, who, applicationId);
  const now = services.clock.now();
  const today = parisDate(now);
  const [office] = await services.db
    .select({ name: prefectures.name, days: prefectures.replyDeadlineWorkingDays })
    .from(prefectures)
    .where(eq(prefectures.code, app.prefectureCode!));
  const [thread] = await services.db.select().from(messageThreads).where(eq(messageThreads.applicationId, app.id));
  const rows = thread ? await services.db.select().from(messages).where(eq(messages.threadId, thread.id)).orderBy(asc(messages.seq)) : [];
  const attachments = rows.length
    ? await services.db
        .select()
        .from(messageAttachments)
        .where(
          inArray(
            messageAttachments.messageId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const unread = rows.filter((r) => r.side !== who.side && !r.readAt).map((r) => r.id);
  if (thread && unread.length > 0) {
    await services.db
      .update(messages)
      .set({ readAt: now, readById: who.actor.id })
      .where(and(eq(messages.threadId, thread.id), eq(messages.side, otherSide(who.side)), isNull(messages.readAt)));
  }
  const applicantName = who.side === 'office' ? await nameOf(services.db, app.applicantId) : null;
  return {
    side: who.side,
    application: { id: app.id, reference: app.reference, procedureId: app.procedureId, status: app.status, prefectureCode: app.prefectureCode },
    prefectureName: office!.name,
    applicantName,
    messages: rows.map((r) => ({
      id: r.id,
      side: r.side,
      authorRole: r.authorRole,
      mine: r.side === who.side,
      body: r.body,
      createdAt: r.createdAt,
      readAt: r.readAt,
      isNew: unread.includes(r.id),
      replyDueOn: r.replyDueOn,
      attachments: attachments
        .filter((a) => a.messageId === r.id)
        .map((a) => ({ id: a.id, originalName: a.originalName, mimeType: a.mimeType, sizeBytes: a.sizeBytes, createdAt: a.createdAt })),
    })),
    deadline: deadlineState(thread?.replyDueOn ?? null, today, app.prefectureCode!),
    replyWorkingDays: office!.days,
    escalatedAt: thread?.escalatedAt ?? null,
    today,
    formKey: newFormKey(),
  };
}

async function nameOf(db: Db, userId: string): Promise<string | null> {
  const [p] = await db.select({ given: profiles.givenNames, surname: profiles.surname }).from(profiles).where(eq(profiles.userId, userId));
  const name = [p?.given, p?.surname].filter(Boolean).join(' ');
  return name || null;
}

/** One attachment of the file's thread, for a participant of it; anything else is "not found". */
export async function attachmentForParticipant(services: Services, who: Participant, applicationId: string, attachmentId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(attachmentId)) throw new AppError('not_found');
  const app = await fileForParticipant(services.db, who, applicationId);
  const [row] = await services.db
    .select({ attachment: messageAttachments })
    .from(messageAttachments)
    .innerJoin(messages, eq(messages.id, messageAttachments.messageId))
    .innerJoin(messageThreads, eq(messageThreads.id, messages.threadId))
    .where(and(eq(messageAttachments.id, attachmentId), eq(messageThreads.applicationId, app.id)));
  if (!row) throw new AppError('not_found');
  return row.attachment;
}

