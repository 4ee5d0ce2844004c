import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rateLimits } from '../../src/db/schema';
import { builtOnce, namedStatement } from '../../src/db/named-statement';
import { createTestContext, type TestContext } from '../support/harness';
import { openTestDatabase } from '../support/template-db';

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

  it('rejects a failing statement, on the pool and inside a transaction, and the pool still answers after', async () => {
    const fails = (db: TestContext['services']['db']) => namedStatement(db, 'test_named_statement_fails', 'select 1 / $1::int as n', [0]);
    for (let i = 0; i < 10; i++) await expect(fails(ctx.services.db)).rejects.toThrow(/division by zero/);
    await expect(ctx.services.db.transaction((tx) => fails(tx))).rejects.toThrow(/division by zero/);
    // Far more at once than the pool has connections: one not given back would hang them.
    const keys = await Promise.all(Array.from({ length: 30 }, () => read(ctx.services.db, 'no such key')));
    expect(keys).toEqual(Array.from({ length: 30 }, () => []));
  });
});

describe('a named query run through the raw handle', () => {
  it('answers its rows, again and again on the same connections, and gives every connection back, also after an error', async () => {
    const database = await openTestDatabase(process.env.TEST_DATABASE_URL, inject('template'), 3);
    try {
      const sum = (a: number) => database.raw.query<{ n: number }>('select $1::int + 1 as n', [a], { name: 'test_raw_named_sum' });
      const fails = () => database.raw.query('select 1 / $1::int as n', [0], { name: 'test_raw_named_fails' });
      // Far more runs than the pool's three connections, at once: a connection not given back would hang them.
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => sum(i)));
      expect(answers.map((a) => a.rows[0]!.n)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      for (let i = 0; i < 10; i++) await expect(fails()).rejects.toThrow(/division by zero/);
      expect((await sum(41)).rows).toEqual([{ n: 42 }]);
    } finally {
      await database.close();
    }
  });
});

describe('the raw handle for counters (rawAsyncCommit)', () => {
  it('commits without waiting for the disk on PostgreSQL, and writes what the other handle reads at once', async () => {
    const database = await openTestDatabase(process.env.TEST_DATABASE_URL, inject('template'), 3);
    try {
      const setting = async (raw: typeof database.raw) => (await raw.query<{ s: string }>('select current_setting($1) as s', ['synchronous_commit'])).rows[0]!.s;
      if (database.kind === 'postgres') {
        expect(await setting(database.rawAsyncCommit)).toBe('off');
        // Every other statement keeps waiting for the disk.
        expect(await setting(database.raw)).toBe('on');
      }
      const key = `async-commit:${Math.random()}`;
      await database.rawAsyncCommit.query('insert into rate_limits (key, hits, reset_at) values ($1, 1, now())', [key]);
      expect((await database.raw.query<{ hits: number }>('select hits from rate_limits where key = $1', [key])).rows).toEqual([{ hits: 1 }]);
    } finally {
      await database.close();
    }
  });
});

describe('a statement drizzle builds once (builtOnce)', () => {
  it('puts each run’s values where its placeholders are, a placeholder used twice included', async () => {
    const keys = [`built:${Math.random()}`, `built:${Math.random()}`];
    await ctx.services.db.insert(rateLimits).values(keys.map((key, i) => ({ key, hits: i + 1, resetAt: new Date() })));
    const key = sql.placeholder('key');
    const hitsOf = builtOnce<{ hits: number; again: number }>(
      'test_built_once_read',
      () => sql`select hits, (select hits from rate_limits r where r.key = ${key}) + ${sql.placeholder('plus')}::int as again from rate_limits where key = ${key}`,
    );
    expect(await hitsOf(ctx.services.db, { key: keys[0], plus: 10 })).toEqual([{ hits: 1, again: 11 }]);
    await ctx.services.db.transaction(async (tx) => {
      expect(await hitsOf(tx, { key: keys[1], plus: 100 })).toEqual([{ hits: 2, again: 102 }]);
    });
  });
});
