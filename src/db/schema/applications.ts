import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { prefectures } from './prefectures';

/** Every status an application can be in; the transitions are in `modules/applications/workflow.ts`. */
export const applicationStatuses = ['draft', 'filed', 'incomplete', 'under_review', 'decided', 'closed', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** Undecided, or granted and not yet handed over: the files the attestation sweep visits. */
export const OPEN_FOR_ATTESTATIONS = "(status in ('filed', 'incomplete', 'under_review') or (status = 'decided' and decision = 'favourable'))";

/** Filed and not yet decided: the office's work in progress, its queue by default. */
export const officeOpenStatuses = ['filed', 'incomplete', 'under_review'] as const;
export const OPEN_IN_OFFICE = "status in ('filed', 'incomplete', 'under_review')";

/**
 * An application (*dossier*): one procedure filed by one applicant, examined by the prefecture
 * competent for their address. Its status only changes through the workflow table.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The file number people quote, random, given at filing (e.g. `75-26-K7Q2M4XP`). */
    reference: text('reference'),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => users.id),
    procedureId: text('procedure_id').notNull(),
    status: text('status', { enum: applicationStatuses }).notNull().default('draft'),
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    prefectureCode: text('prefecture_code').references(() => prefectures.code),
    /** Electronic *timbre fiscal* reference (16 digits) and *e-photo* code (22 characters). */
    timbreReference: text('timbre_reference'),
    ephotoCode: text('ephoto_code'),
    /** For a renewal: the expiry date of the title being renewed, as at filing. */
    currentPermitExpiresOn: date('current_permit_expires_on'),
    /** Set at filing: filed on time for the continuity promise (CESEDA R.431-5). */
    filedOnTime: boolean('filed_on_time'),
    filedAt: timestamp('filed_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decision: text('decision', { enum: ['favourable', 'unfavourable'] }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** The case officer working the file (*agent instructeur*), of the same prefecture; null: nobody yet. */
    assignedOfficerId: uuid('assigned_officer_id').references(() => users.id),
    /**
     * The office queue's order: the earliest day something irreversible happens to the person
     * if nobody acts (rights lost, implicit rejection, reply deadline passed, or the age
     * fallback). Derived — `modules/backoffice/queue-priority.ts` is the one rule, written by
     * `refreshQueuePriority` in every transaction that changes what it reads. Null once decided,
     * closed or withdrawn (and for drafts): nothing left to prioritise.
     */
    priorityOn: date('priority_on'),
    /**
     * The last day the person is covered by their title and the APRIs issued, when nothing
     * assures what follows (late filing, incomplete, APRI blocked); null when continuity is
     * assured or does not apply. Derived with `priorityOn`, for the "rights at risk" badge.
     */
    rightsEndOn: date('rights_end_on'),
    /** Bumped by every change: concurrent edits are detected, not lost. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('applications_reference_key').on(t.reference),
    index('applications_applicant_idx').on(t.applicantId, t.createdAt),
    // The office queue (`modules/backoffice/queue.ts`), ordered by risk date: the open files of
    // a prefecture (the default view), a status chosen in the filter, one officer's files.
    // The procedure and the officer close the open files' index (after the unique id, so the
    // order is the same): the filters by procedure and "unassigned" are checked on the index,
    // and their capped count reads it alone instead of the table.
    index('applications_queue_open_idx').on(t.prefectureCode, t.priorityOn, t.id, t.procedureId, t.assignedOfficerId).where(sql.raw(OPEN_IN_OFFICE)),
    index('applications_queue_status_idx').on(t.prefectureCode, t.status, t.priorityOn, t.id),
    // Prefecture first: the page and its capped count read the officer's files of this
    // prefecture on the index alone (the count without a visit to the table).
    index('applications_queue_officer_idx').on(t.prefectureCode, t.assignedOfficerId, t.priorityOn, t.id).where(sql.raw(`assigned_officer_id is not null and ${OPEN_IN_OFFICE}`)),
    // The head of office's counts (`modules/backoffice/dashboard/`): a prefecture's open files by
    // status, age and officer, read from the index alone (no visit of the table's rows).
    index('applications_backlog_idx').on(t.prefectureCode, t.status, t.filedAt, t.assignedOfficerId).where(sql.raw(OPEN_IN_OFFICE)),
    // The attestation sweep's range: files that may still owe a receipt, APRI or ADF (same
    // predicate as `openForAttestations` in modules/attestations/find-due-applications.ts).
    index('applications_attestations_open_idx').on(t.id).where(sql.raw(OPEN_FOR_ATTESTATIONS)),
  ],
);

/** The document vault: a file uploaded once by its owner and reused across applications. */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    originalName: text('original_name').notNull(),
    /** Detected from the content, never from the name. */
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('documents_owner_idx').on(t.ownerId, t.kind)],
);

/** Which vault document answers which requirement of an application; replaced ones are kept. */
export const applicationDocuments = pgTable(
  'application_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    kind: text('kind').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
    replacedAt: timestamp('replaced_at', { withTimezone: true }),
  },
  (t) => [index('application_documents_app_idx').on(t.applicationId, t.kind)],
);

/** A change made after filing (answer corrected, document added or replaced): dated, shown to the office. */
export const amendments = pgTable(
  'amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind', { enum: ['answers_corrected', 'document_added', 'document_replaced'] }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    seenByOfficeAt: timestamp('seen_by_office_at', { withTimezone: true }),
  },
  (t) => [index('amendments_app_idx').on(t.applicationId, t.at)],
);
