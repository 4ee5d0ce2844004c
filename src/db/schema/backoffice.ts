import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { applications } from './applications';
import { prefectures } from './prefectures';

/** One document the office asks for: which one, why, and what exactly is wrong or missing. */
export interface RequestedDocument {
  kind: string;
  /** `missing`: not provided; `corrected`: provided but must be replaced (unreadable, expired…). */
  reason: 'missing' | 'corrected';
  /** What the person reads: exactly what is expected and why. */
  explanation: string;
}

/**
 * The office asks for missing or corrected documents, with a deadline (workflow event
 * `request_documents`: the file is incomplete until they come). At most one open request per
 * file (the unique partial index): further needs wait for the answer, or are a new request after.
 */
export const documentRequests = pgTable(
  'document_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    items: jsonb('items').$type<RequestedDocument[]>().notNull(),
    /** The reply deadline (Paris calendar day), told to the person. */
    dueOn: date('due_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Every requested document came (workflow event `documents_supplied`). */
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
    /** Ended without an answer: the file was decided or withdrawn meanwhile. */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    index('document_requests_app_idx').on(t.applicationId, t.createdAt),
    uniqueIndex('document_requests_one_open_key').on(t.applicationId).where(sql`fulfilled_at is null and cancelled_at is null`),
  ],
);

/** An internal note on a file, for the office only: never shown to the applicant nor exported to them. */
export const officeNotes = pgTable(
  'office_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('office_notes_app_idx').on(t.applicationId, t.createdAt)],
);

/** What the decision letter prints, fixed at decision time: a letter never changes afterwards. */
export interface DecisionLetterFacts {
  reference: string;
  procedureId: string;
  prefectureName: string;
  applicantName: string;
  filedAt: string;
}

/**
 * The prefecture's decision on a file, with its reasons (*motivation*, CRPA L.211-2 and
 * L.211-5) and the appeal routes given to the person. One per application (unique index): two
 * concurrent decisions give one. Its random id names the letter (`/…/decision.pdf`).
 */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    prefectureCode: text('prefecture_code')
      .notNull()
      .references(() => prefectures.code),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    outcome: text('outcome', { enum: ['favourable', 'unfavourable'] }).notNull(),
    /** Grounds from the fixed list (`modules/backoffice/refusal-grounds.ts`); empty when favourable. */
    grounds: jsonb('grounds').$type<string[]>().notNull(),
    /** The facts of the case in the officer's words (the *considérations de fait*). */
    explanation: text('explanation').notNull(),
    /** An obligation to leave (*OQTF*) is notified with the refusal, by a separate decision. */
    withOqtf: boolean('with_oqtf').notNull().default(false),
    letter: jsonb('letter').$type<DecisionLetterFacts>().notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('decisions_application_key').on(t.applicationId)],
);
