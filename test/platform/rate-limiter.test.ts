import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client';
import { MINUTE } from '../../src/platform/clock';
import { AppError } from '../../src/platform/errors';
import { createRateLimiter, rateRules, type RateLimiter, type RateRule } from '../../src/platform/rate-limiter';
import { createTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
/** A second pool on the same PostgreSQL database: another web process. On PGlite, the same handle. */
let otherProcess: Database | null = null;
beforeAll(async () => {
  ctx = await createTestContext();
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const { rows } = await ctx.services.database.raw.query<{ name: string }>('select current_database() as name');
    const url = new URL(serverUrl);
    url.pathname = `/${rows[0]!.name}`;
    otherProcess = await openDatabase(url.toString(), { poolSize: 5 });
  }
});
afterAll(async () => {
  await otherProcess?.close();
  await ctx.close();
});

let ruleCount = 0;
const freshRule = (limit: number, windowMs = 10 * MINUTE): RateRule => ({ name: `test:rule${++ruleCount}`, limit, windowMs });

/** The error of a refused hit, or null when the hit was counted. */
async function attempt(limiter: RateLimiter, rule: RateRule, subject: string): Promise<AppError | null> {
  try {
    await limiter.consume(rule, subject);
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

describe('rate limiter', () => {
  it('lets `limit` hits through in a window, then refuses with rate_limited and the end of the window', async () => {
    const rule = freshRule(3);
    const start = ctx.clock.now();
    for (let i = 0; i < 3; i++) {
      expect(await attempt(ctx.services.rateLimiter, rule, '203.0.113.1')).toBeNull();
      ctx.clock.advance(MINUTE);
    }
    const refused = await attempt(ctx.services.rateLimiter, rule, '203.0.113.1');
    expect(refused?.code).toBe('rate_limited');
    expect(refused?.status).toBe(429);
    expect(refused?.options.retryAt?.toISOString()).toBe(new Date(start.getTime() + rule.windowMs).toISOString());
    // Still refused later in the same window; refused hits do not move the window.
    ctx.clock.advance(5 * MINUTE);
    expect((await attempt(ctx.services.rateLimiter, rule, '203.0.113.1'))?.options.retryAt?.getTime()).toBe(start.getTime() + rule.windowMs);
  });

  it('opens a new window once the old one is over, exactly at its end', async () => {
    const rule = freshRule(2);
    const start = ctx.clock.now();
    await attempt(ctx.services.rateLimiter, rule, 's');
    await attempt(ctx.services.rateLimiter, rule, 's');
    ctx.clock.set(new Date(start.getTime() + rule.windowMs - 1));
    expect(await attempt(ctx.services.rateLimiter, rule, 's')).not.toBeNull();
    ctx.clock.set(new Date(start.getTime() + rule.windowMs));
    expect(await attempt(ctx.services.rateLimiter, rule, 's')).toBeNull();
    expect(await attempt(ctx.services.rateLimiter, rule, 's')).toBeNull();
    const refused = await attempt(ctx.services.rateLimiter, rule, 's');
    expect(refused?.options.retryAt?.getTime()).toBe(start.getTime() + 2 * rule.windowMs);
  });

  it('counts each subject and each rule apart, and forgets a subject on reset', async () => {
    const rule = freshRule(1);
    const other = freshRule(1);
    expect(await attempt(ctx.services.rateLimiter, rule, 'a')).toBeNull();
    expect(await attempt(ctx.services.rateLimiter, rule, 'b')).toBeNull();
    expect(await attempt(ctx.services.rateLimiter, other, 'a')).toBeNull();
    expect(await attempt(ctx.services.rateLimiter, rule, 'a')).not.toBeNull();
    await ctx.services.rateLimiter.reset(rule, 'a');
    expect(await attempt(ctx.services.rateLimiter, rule, 'a')).toBeNull();
    expect(await attempt(ctx.services.rateLimiter, rule, 'b')).not.toBeNull();
  });

  it('shares its counters between two processes on the same database', async () => {
    const rule = freshRule(4);
    const second = createRateLimiter((otherProcess ?? ctx.services.database).db, ctx.clock);
    const results = [
      await attempt(ctx.services.rateLimiter, rule, 'shared'),
      await attempt(second, rule, 'shared'),
      await attempt(ctx.services.rateLimiter, rule, 'shared'),
      await attempt(second, rule, 'shared'),
      await attempt(ctx.services.rateLimiter, rule, 'shared'),
      await attempt(second, rule, 'shared'),
    ];
    expect(results.map((r) => r?.code ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok', 'rate_limited', 'rate_limited']);
  });

  it('lets exactly `limit` hits through when they arrive all at once from two processes', async () => {
    const rule = freshRule(10);
    const second = createRateLimiter((otherProcess ?? ctx.services.database).db, ctx.clock);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(i % 2 ? second : ctx.services.rateLimiter, rule, 'burst')));
    expect(results.filter((r) => r === null)).toHaveLength(10);
    expect(results.filter((r) => r?.code === 'rate_limited')).toHaveLength(30);
  });
});

describe('rate limit at the HTTP edge', () => {
  it('shows the sign-up form again with 429, the time to come back, and Retry-After', async () => {
    const c = ctx.client();
    c.ip = '192.0.2.77';
    const started = ctx.clock.now();
    for (let i = 0; i < rateRules.signUpPerIp.limit; i++) {
      expect((await c.submit('/inscription', { email: `burst${i}@example.org`, password: 'une phrase assez longue' })).statusCode).toBe(303);
    }
    ctx.clock.advance(10 * MINUTE);
    const res = await c.submit('/inscription', { email: 'one-too-many@example.org', password: 'une phrase assez longue' });
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('id="resume-erreurs"');
    expect(res.body).toContain('value="one-too-many@example.org"');
    // The window opened at the first sign-up; Paris is UTC+1 in March.
    const end = new Date(started.getTime() + rateRules.signUpPerIp.windowMs);
    const parisTime = new Intl.DateTimeFormat('fr', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(end);
    expect(res.body).toContain(`Trop de tentatives. Par sécurité, réessayez à partir de ${parisTime}.`);
    expect(res.headers['retry-after']).toBe(String(rateRules.signUpPerIp.windowMs / 1000 - 10 * 60));
  });
});
