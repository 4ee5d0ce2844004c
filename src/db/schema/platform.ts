import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Tamper-evident audit log: append-only, each row's hash covers its content and the previous
 * row's hash, so any edit or deletion breaks the chain (`npm run audit:verify`). A row is
 * inserted unlinked in the transaction of the change it records (`seq` says when, for
 * histories); right after commit the linker gives it its place in the chain (`chain_seq`,
 * `prev_hash`, `hash`), the only change the database lets anyone make to a row.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    requestId: text('request_id'),
    /** Position in the hash chain, from 1; null until linked (`platform/audit-linker.ts`). */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_events_subject_idx').on(t.subjectType, t.subjectId, t.seq),
    uniqueIndex('audit_events_chain_seq_idx').on(t.chainSeq),
    index('audit_events_unlinked_idx').on(t.seq).where(sql`${t.chainSeq} is null`),
  ],
);

/**
 * Transactional outbox: a use case records here, inside its transaction, the jobs to run after
 * commit. A dispatcher hands them to pg-boss; a sweep re-dispatches any left behind by a crash.
 */
export const outboxJobs = pgTable(
  'outbox_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [index('outbox_jobs_pending_idx').on(t.createdAt)],
);

export const deliveryStatuses = ['queued', 'sent', 'failed'] as const;

/** Every e-mail Sésame sends; with no SMTP server configured this table *is* the mailbox (`/dev/outbox`). */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Order of creation, even for messages created in the same millisecond. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    locale: text('locale').notNull(),
    template: text('template').notNull(),
    status: text('status', { enum: deliveryStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('mail_messages_to_idx').on(t.to, t.createdAt),
    // What could not be delivered after every retry: shown to the office and the support desk.
    index('mail_messages_failed_idx').on(t.createdAt).where(sql`status = 'failed'`),
  ],
);

/** Every SMS Sésame sends; the default provider only stores them here. */
export const smsMessages = pgTable('sms_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  to: text('to').notNull(),
  text: text('text').notNull(),
  status: text('status', { enum: deliveryStatuses }).notNull().default('queued'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
});

/** Fixed-window counters shared by every web process (login, sign-up, verification…). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
});
