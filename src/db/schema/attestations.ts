import { boolean, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { applications } from './applications';
import { prefectures } from './prefectures';

export const attestationKinds = ['receipt', 'apri', 'adf'] as const;

/**
 * A proof issued to a person: the filing receipt (*attestation de dépôt*), the *APRI*
 * (*attestation de prolongation d'instruction*) or the *ADF* (*attestation de décision
 * favorable*). Issued by rules (`modules/attestations/issuance-rules.ts`), signed (2D-Doc), and
 * never deleted: a later one supersedes it.
 */
export const attestations = pgTable(
  'attestations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Random code printed on the document and in its QR code, for verification. */
    publicId: text('public_id').notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    holderId: uuid('holder_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: attestationKinds }).notNull(),
    prefectureCode: text('prefecture_code')
      .notNull()
      .references(() => prefectures.code),
    /** Whole calendar days, Europe/Paris. `validTo` is null for the receipt (it proves a fact). */
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    allowsWork: boolean('allows_work').notNull(),
    /** The signed 2D-Doc text (header, message, signature) and the certificate that signed it. */
    twoDDoc: text('two_d_doc').notNull(),
    certId: text('cert_id').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    /**
     * When it stopped counting, though its signed dates run on: an APRI when the ADF came
     * (`supersededBy` names the ADF), an ADF when the card was handed over (`supersededBy` is
     * null: the card replaced it). Covers up to the day before.
     */
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    supersededBy: uuid('superseded_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    uniqueIndex('attestations_public_id_key').on(t.publicId),
    // The idempotency guarantee: one attestation of a kind starting on a day, per application,
    // whatever retries, restarts or concurrent workers do.
    uniqueIndex('attestations_once_key').on(t.applicationId, t.kind, t.validFrom),
    index('attestations_holder_idx').on(t.holderId, t.issuedAt),
    // What a prefecture issued lately (the head of office's dashboard: APRIs of the last 30 days).
    index('attestations_prefecture_issued_idx').on(t.prefectureCode, t.kind, t.issuedAt),
    // A verifier may send the 2D-Doc text itself (`POST /api/v1/verifications`): found by equality.
    index('attestations_two_d_doc_idx').using('hash', t.twoDDoc),
  ],
);

/** An agent's recorded legal reason to withhold the APRI; shown to the person; audited. */
export const apriBlocks = pgTable(
  'apri_blocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    /** A ground from a fixed list (e.g. `public_order_threat`) and the agent's explanation. */
    ground: text('ground').notNull(),
    explanation: text('explanation').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
  },
  (t) => [index('apri_blocks_app_idx').on(t.applicationId)],
);

/**
 * Public keys of Sésame's 2D-Doc certificates, kept after rotation so old attestations stay
 * verifiable. The private key of the current certificate lives outside the database.
 */
export const signingKeys = pgTable('signing_keys', {
  /** The 4-character certificate id in the 2D-Doc header. */
  certId: text('cert_id').primaryKey(),
  publicKeyPem: text('public_key_pem').notNull(),
  certificatePem: text('certificate_pem'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

export const sharePurposes = ['work', 'housing', 'benefits'] as const;

/** A code the holder gives a verifier for one purpose, valid 90 days (the UK right-to-work model). */
export const shareCodes = pgTable(
  'share_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    holderId: uuid('holder_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose', { enum: sharePurposes }).notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('share_codes_hash_key').on(t.codeHash), index('share_codes_holder_idx').on(t.holderId)],
);

/** Every check of a proof (by share code or attestation code): who checked, when; the holder sees it. */
export const verificationChecks = pgTable(
  'verification_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    holderId: uuid('holder_id').references(() => users.id),
    shareCodeId: uuid('share_code_id').references(() => shareCodes.id),
    attestationId: uuid('attestation_id').references(() => attestations.id),
    /** What the verifier said they are (organisation name), as typed. */
    verifierName: text('verifier_name'),
    channel: text('channel', { enum: ['page', 'api'] }).notNull(),
    outcome: text('outcome').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('verification_checks_holder_idx').on(t.holderId, t.at)],
);
