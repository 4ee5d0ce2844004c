import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { rateLimits } from '../../src/db/schema';
import { namedStatement } from '../../src/db/named-statement';
import { createTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const read = (db: TestContext['services']['db'], key: string) =>
  namedStatement<{ hits: number }>(db, 'test_named_statement_read', 'select hits from rate_limits where key = $1', [key]);

describe('a named statement run through a drizzle handle', () => {
  it('runs on the pool, and inside a transaction on that transaction’s connection (it sees what the transaction wrote)', async () => {
    const key = `named:${Math.random()}`;
    await ctx.services.db.insert(rateLimits).values({ key, hits: 1, resetAt: new Date() });
    expect(await read(ctx.services.db, key)).toEqual([{ hits: 1 }]);
    const rollback = new Error('roll back');
    await expect(
      ctx.services.db.transaction(async (tx) => {
        await tx.update(rateLimits).set({ hits: 7 }).where(eq(rateLimits.key, key));
        // Twice: the second run reuses the statement prepared on that connection.
        expect(await read(tx, key)).toEqual([{ hits: 7 }]);
        expect(await read(tx, key)).toEqual([{ hits: 7 }]);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await read(ctx.services.db, key)).toEqual([{ hits: 1 }]);
  });
});
