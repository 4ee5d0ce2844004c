import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { applications } from './applications';
import { prefectures } from './prefectures';

/** Identity documents a desk agent may check (*pièce d'identité vue au guichet*). */
export const identityDocumentKinds = ['passport', 'residence_permit', 'identity_card', 'travel_document', 'receipt'] as const;
export type IdentityDocumentKind = (typeof identityDocumentKinds)[number];

/**
 * A filing at a prefecture's counter, for a person who cannot do it online. The person is an
 * applicant account of their own (`applicantId`) — with no e-mail and no usable password — so
 * that the application, its documents, receipt and APRIs are exactly those of an online filing.
 * The identity document seen at the desk, and by whom and when, are recorded here.
 *
 * After filing, a claim code (printed on the receipt) lets the person take the file into an
 * online account: stored as a keyed hash for lookup, and sealed (AES-GCM) so the desk can print
 * the receipt again until the code is used or expires.
 */
export const counterFilings = pgTable(
  'counter_filings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    prefectureCode: text('prefecture_code')
      .notNull()
      .references(() => prefectures.code),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => users.id),
    applicationId: uuid('application_id').references(() => applications.id),
    idDocumentKind: text('id_document_kind', { enum: identityDocumentKinds }).notNull(),
    idDocumentNumber: text('id_document_number').notNull(),
    identityCheckedBy: uuid('identity_checked_by')
      .notNull()
      .references(() => users.id),
    identityCheckedAt: timestamp('identity_checked_at', { withTimezone: true }).notNull(),
    claimCodeHash: text('claim_code_hash'),
    claimCodeSealed: text('claim_code_sealed'),
    claimExpiresAt: timestamp('claim_expires_at', { withTimezone: true }),
    /** Wrong dates of birth given with this code; it dies after a few. */
    claimAttempts: integer('claim_attempts').notNull().default(0),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    claimedBy: uuid('claimed_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('counter_filings_claim_code_key').on(t.claimCodeHash),
    uniqueIndex('counter_filings_application_key').on(t.applicationId),
    index('counter_filings_prefecture_idx').on(t.prefectureCode, t.createdAt),
  ],
);
