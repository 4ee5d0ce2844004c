import { sql } from 'drizzle-orm';
import { bigserial, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { applications } from './applications';

/**
 * The message thread of one filed application, between the applicant's side (the applicant;
 * later a helper under mandate) and the office (the prefecture competent for the file). It holds
 * the reply deadline that binds the office: when the applicant's side writes and nothing is
 * pending, the office must answer by `reply_due_on` (working days, see `platform/working-days.ts`).
 */
export const messageThreads = pgTable(
  'message_threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    /** When the oldest message the office has not answered yet was sent; null when nothing is pending. */
    awaitingReplySince: timestamp('awaiting_reply_since', { withTimezone: true }),
    /** Last day (Europe/Paris) for the office to answer; overdue from the next day. */
    replyDueOn: date('reply_due_on'),
    /** When the missed deadline was escalated to the head of office; reset by the office's answer. */
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('message_threads_application_key').on(t.applicationId),
    // The daily escalation's range: deadlines running or missed and not yet escalated.
    index('message_threads_due_idx').on(t.replyDueOn).where(sql`reply_due_on is not null and escalated_at is null`),
  ],
);

export const messageSides = ['applicant', 'office'] as const;
export type MessageSide = (typeof messageSides)[number];

/** One message; never edited nor deleted. */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Order within a thread, even for messages written in the same millisecond. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => messageThreads.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    side: text('side', { enum: messageSides }).notNull(),
    /** The author's role when writing (`applicant`, `case_officer`, `head_of_office`; later `helper`). */
    authorRole: text('author_role').notNull(),
    body: text('body').notNull(),
    /** Drawn by the form when it is shown: the same form sent twice gives one message. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** For a message that started the office's deadline: the day it had to answer by. */
    replyDueOn: date('reply_due_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** When the other side first opened the thread after this message, and who did. */
    readAt: timestamp('read_at', { withTimezone: true }),
    readById: uuid('read_by_id').references(() => users.id),
  },
  (t) => [index('messages_thread_idx').on(t.threadId, t.seq), uniqueIndex('messages_author_key').on(t.authorId, t.idempotencyKey)],
);

/** A file sent with a message, checked like supporting documents (`documents/inspect-upload.ts`). */
export const messageAttachments = pgTable(
  'message_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    originalName: text('original_name').notNull(),
    /** Detected from the content, never from the name. */
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('message_attachments_message_idx').on(t.messageId)],
);
