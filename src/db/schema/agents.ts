import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { roles, users } from './accounts';
import { prefectures } from './prefectures';

/**
 * An invitation to create an agent account: sent to one address, for one role (and, for a
 * prefecture role, one prefecture). The link in the mail carries a random token of which only
 * the SHA-256 is stored; it works once, until `expiresAt`, unless revoked. Re-sending draws a
 * new token, so only the latest mail works.
 */
export const agentInvitations = pgTable(
  'agent_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Lower-cased, as accounts store it. */
    email: text('email').notNull(),
    role: text('role', { enum: roles }).notNull(),
    prefectureCode: text('prefecture_code').references(() => prefectures.code),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    /** The account the invitation created. */
    userId: uuid('user_id').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [uniqueIndex('agent_invitations_token_key').on(t.tokenHash), index('agent_invitations_email_idx').on(t.email), index('agent_invitations_prefecture_idx').on(t.prefectureCode, t.createdAt)],
);
