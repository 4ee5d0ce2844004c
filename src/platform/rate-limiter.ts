import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Clock } from './clock';
import { AppError } from './errors';

export interface RateRule {
  /** e.g. `login:ip`; the counter key is `<name>:<subject>`. */
  name: string;
  limit: number;
  windowMs: number;
}

/** Login, sign-up, code checks… shared by every web process, so the counters live in the database. */
export const rateRules = {
  loginPerIp: { name: 'login:ip', limit: 30, windowMs: 15 * 60_000 },
  signUpPerIp: { name: 'signup:ip', limit: 10, windowMs: 60 * 60_000 },
  codeChecksPerUser: { name: 'code:user', limit: 10, windowMs: 15 * 60_000 },
  mailSendsPerAccount: { name: 'mail:account', limit: 5, windowMs: 60 * 60_000 },
  resetPerIp: { name: 'reset:ip', limit: 10, windowMs: 60 * 60_000 },
} satisfies Record<string, RateRule>;

export interface RateLimiter {
  /** Counts one hit; throws `rate_limited` (with the time to retry) once the limit is passed. */
  consume(rule: RateRule, subject: string): Promise<void>;
  reset(rule: RateRule, subject: string): Promise<void>;
}

/**
 * The counting statement, for a caller that folds it into a statement of its own (a CTE), so
 * that counting costs no round trip of its own. Parameters: `$1` the key, `$2` the end of a new
 * window, `$3` now (see `rateLimitParameters`); returns `hits` and `reset_at`. It starts a new
 * window when the old one is over, else counts in it — the same as `consume`.
 */
export const RATE_LIMIT_UPSERT = `insert into rate_limits (key, hits, reset_at) values ($1, 1, $2::timestamptz)
  on conflict (key) do update set
    hits = case when rate_limits.reset_at <= $3::timestamptz then 1 else rate_limits.hits + 1 end,
    reset_at = case when rate_limits.reset_at <= $3::timestamptz then excluded.reset_at else rate_limits.reset_at end
  returning hits, reset_at`;

export function rateLimitParameters(rule: RateRule, subject: string, now: Date): [key: string, resetAt: string, now: string] {
  return [`${rule.name}:${subject}`, new Date(now.getTime() + rule.windowMs).toISOString(), now.toISOString()];
}

/** Throws `rate_limited` (with the time to retry) once the count is past the rule's limit. */
export function enforceRateLimit(rule: RateRule, key: string, row: { hits: number; reset_at: string | Date }): void {
  if (row.hits > rule.limit) throw new AppError('rate_limited', { retryAt: new Date(row.reset_at), logMessage: `rate limit ${key}` });
}

export function createRateLimiter(db: Db, clock: Clock): RateLimiter {
  return {
    async consume(rule, subject) {
      const now = clock.now();
      const resetAt = new Date(now.getTime() + rule.windowMs);
      const key = `${rule.name}:${subject}`;
      // One statement: start a new window when the old one is over, else count in it.
      const result = await db.execute<{ hits: number; reset_at: string | Date }>(sql`
        insert into rate_limits (key, hits, reset_at) values (${key}, 1, ${resetAt.toISOString()})
        on conflict (key) do update set
          hits = case when rate_limits.reset_at <= ${now.toISOString()} then 1 else rate_limits.hits + 1 end,
          reset_at = case when rate_limits.reset_at <= ${now.toISOString()} then excluded.reset_at else rate_limits.reset_at end
        returning hits, reset_at`);
      enforceRateLimit(rule, key, (result as unknown as { rows: { hits: number; reset_at: string | Date }[] }).rows[0]!);
    },
    async reset(rule, subject) {
      await db.execute(sql`delete from rate_limits where key = ${`${rule.name}:${subject}`}`);
    },
  };
}
