import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { prefectures } from './prefectures';

export const roles = ['applicant', 'case_officer', 'head_of_office', 'desk_agent', 'support_agent', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Anyone who logs in: applicants and agents alike; `role` decides what they may do. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * Lower-cased; unique among accounts. Null for a person filed for at a prefecture's counter
     * who gave no e-mail address (`counter_filings`): such an account has no usable login and
     * receives no mail; the person takes their file online later with a claim code.
     */
    email: text('email'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: roles }).notNull().default('applicant'),
    /** Agents belong to one prefecture; support agents and administrators are national (null). */
    prefectureCode: text('prefecture_code').references(() => prefectures.code),
    locale: text('locale').notNull().default('fr'),
    phone: text('phone'),
    phoneVerifiedAt: timestamp('phone_verified_at', { withTimezone: true }),
    /** The person asked for a text message with each notification (to the verified phone only). */
    smsNotifications: boolean('sms_notifications').notNull().default(false),
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The last TOTP time step accepted: a code is refused unless its step is later (RFC 6238 §5.2, no replay). */
    totpLastStep: integer('totp_last_step'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** An agent account switched off by an administrator: it can no longer log in (its sessions ended then). */
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    // Only agents belong to a prefecture: a small index, and a prefecture's officers (the
    // queue's officer filter, assignment, the dashboard's workloads) are found without reading every applicant's row.
    index('users_prefecture_role_idx').on(t.prefectureCode, t.role).where(sql`prefecture_code is not null`),
  ],
);

/** Identity as written in the passport; every change is dated in the audit log the person can read. */
export const profiles = pgTable('profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Names in the passport's own script, and their Latin form (the machine-readable zone). */
  surname: text('surname'),
  givenNames: text('given_names'),
  surnameLatin: text('surname_latin'),
  givenNamesLatin: text('given_names_latin'),
  sex: text('sex', { enum: ['F', 'M', 'X'] }),
  birthDate: date('birth_date'),
  birthPlace: text('birth_place'),
  birthCountry: text('birth_country'),
  nationality: text('nationality'),
  /** *Numéro étranger* (AGDREF number): 10 digits. */
  foreignerNumber: text('foreigner_number'),
  permitCategory: text('permit_category'),
  permitNumber: text('permit_number'),
  permitExpiresOn: date('permit_expires_on'),
  addressLine: text('address_line'),
  postcode: text('postcode'),
  town: text('town'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Server-side sessions: the cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    /** Random public handle, used to name a session in "log out this device" without exposing the token hash. */
    handle: uuid('handle').notNull().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** True until the second factor has been given. */
    mfaPending: boolean('mfa_pending').notNull().default(false),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), uniqueIndex('sessions_handle_key').on(t.handle)],
);

export const codePurposes = ['confirm_email', 'reset_password', 'change_email', 'change_phone', 'revert_email', 'assisted_email_change'] as const;
export type CodePurpose = (typeof codePurposes)[number];

/**
 * One-time codes sent by e-mail or SMS. The 6-digit code and the link token are both stored
 * hashed; a code is spent once, expires, and dies after a few wrong guesses.
 */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: codePurposes }).notNull(),
    codeHash: text('code_hash').notNull(),
    linkTokenHash: text('link_token_hash').notNull(),
    /** What the code confirms: the new e-mail or phone, or the old e-mail for a revert. */
    target: text('target'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('one_time_codes_user_idx').on(t.userId, t.purpose), uniqueIndex('one_time_codes_link_key').on(t.linkTokenHash)],
);

/** Single-use recovery codes for the second factor, stored hashed. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

