import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { applications } from './applications';
import { prefectures } from './prefectures';

/** What a request to the national contact centre is about; each has its deadline and rules in `modules/support/categories.ts`. */
export const ticketCategories = ['lost_email', 'cannot_upload', 'attestation_wrong', 'file_question', 'bug_report', 'other'] as const;
export type TicketCategory = (typeof ticketCategories)[number];

/** The transitions between them are in `modules/support/ticket-workflow.ts`. */
export const ticketStatuses = ['open', 'in_progress', 'waiting_for_person', 'resolved'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/**
 * A request for help (*demande d'assistance*), opened by anyone, signed in or not. The person
 * follows it in their account or through a secret link (only its hash is kept); support agents
 * work it from `/support`; a request about a file is routed to the competent prefecture.
 */
export const supportTickets = pgTable(
  'support_tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Random, read aloud on the phone: `AIDE-K7Q2M4XP`. Knowing it alone opens nothing. */
    reference: text('reference').notNull(),
    /** SHA-256 of the secret in the follow link given to a person who was not signed in. */
    followTokenHash: text('follow_token_hash'),
    /** The same secret, encrypted (bound to the ticket's id), so that every reply e-mail can carry the link. */
    followTokenSealed: text('follow_token_sealed'),
    category: text('category', { enum: ticketCategories }).notNull(),
    status: text('status', { enum: ticketStatuses }).notNull().default('open'),
    /** The signed-in person who opened it, if any. */
    requesterId: uuid('requester_id').references(() => users.id),
    /** Where answers go: the account's address when signed in, else the address given (lower-cased); a problem report may leave none. */
    contactEmail: text('contact_email'),
    contactName: text('contact_name'),
    /** The account the request is about: the requester, or found from the address typed by a person who lost access. */
    subjectUserId: uuid('subject_user_id').references(() => users.id),
    /** The account address as typed by a person who was not signed in (they may have lost that mailbox). */
    accountEmail: text('account_email'),
    applicationId: uuid('application_id').references(() => applications.id),
    /** The file number as typed; `applicationId` is set only when it names the requester's own file. */
    fileReference: text('file_reference'),
    postcode: text('postcode'),
    /** The competent prefecture when the request is about a file, and how it was found. */
    prefectureCode: text('prefecture_code').references(() => prefectures.code),
    routedAt: timestamp('routed_at', { withTimezone: true }),
    routedBy: text('routed_by', { enum: ['file', 'postcode', 'agent'] }),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    /** "Report a problem": the page the person was on and the request id of that page. */
    reportedPage: text('reported_page'),
    reportedRequestId: text('reported_request_id'),
    reportedUserAgent: text('reported_user_agent'),
    /** The language the person wrote in: replies are e-mailed in it. */
    locale: text('locale').notNull(),
    assignedAgentId: uuid('assigned_agent_id').references(() => users.id),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('support_tickets_reference_key').on(t.reference),
    uniqueIndex('support_tickets_follow_key').on(t.followTokenHash),
    index('support_tickets_queue_idx').on(t.status, t.dueAt),
    index('support_tickets_requester_idx').on(t.requesterId, t.createdAt),
    index('support_tickets_prefecture_idx').on(t.prefectureCode, t.createdAt),
    index('support_tickets_application_idx').on(t.applicationId),
  ],
);

/** What a person or an agent wrote on a request, oldest first; the opening text is the ticket's own description. */
export const supportMessages = pgTable(
  'support_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Order of writing, even for messages written in the same millisecond. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => supportTickets.id),
    authorKind: text('author_kind', { enum: ['person', 'support', 'office'] }).notNull(),
    authorId: uuid('author_id').references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('support_messages_ticket_idx').on(t.ticketId, t.createdAt)],
);

/**
 * A file sent with a request (a screenshot, an identity document). Checked exactly as the
 * documents of a file are (`documents/inspect-upload.ts`); kept apart from the document vault
 * because a person who is not signed in has no vault.
 */
export const supportAttachments = pgTable(
  'support_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => supportTickets.id),
    messageId: uuid('message_id').references(() => supportMessages.id),
    originalName: text('original_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('support_attachments_ticket_idx').on(t.ticketId)],
);

/** One question of an identity check, and only whether the answer matched: the answers themselves are not kept. */
export interface IdentityAnswer {
  question: string;
  result: 'match' | 'mismatch' | 'no_record';
}

/**
 * An identity check done by a support agent for one request: which questions were asked, whether
 * each answer matched the account, which document was seen. An account action on the request
 * needs a passed check made shortly before (`modules/support/identity-check-rules.ts`).
 */
export const supportIdentityChecks = pgTable(
  'support_identity_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => supportTickets.id),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    subjectUserId: uuid('subject_user_id')
      .notNull()
      .references(() => users.id),
    answers: jsonb('answers').$type<IdentityAnswer[]>().notNull(),
    documentKind: text('document_kind'),
    documentAttachmentId: uuid('document_attachment_id').references(() => supportAttachments.id),
    outcome: text('outcome', { enum: ['passed', 'failed'] }).notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('support_identity_checks_ticket_idx').on(t.ticketId, t.createdAt)],
);

export const incidentStatuses = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/** A service incident shown on the public status page (`/statut`), declared and updated by support agents or administrators. */
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** Which part of the service is affected (`modules/support/status/components.ts`). */
    component: text('component').notNull(),
    impact: text('impact', { enum: ['minor', 'major'] }).notNull(),
    status: text('status', { enum: incidentStatuses }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [index('incidents_started_idx').on(t.startedAt)],
);

/** Each public update of an incident, newest last. */
export const incidentUpdates = pgTable(
  'incident_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    status: text('status', { enum: incidentStatuses }).notNull(),
    message: text('message').notNull(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('incident_updates_incident_idx').on(t.incidentId, t.at)],
);
