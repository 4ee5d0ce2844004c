import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { notifications, outboxJobs, users } from '../../src/db/schema';
import { insertRows, updateWhere } from '../../src/db/table-write';
import { writeTogether } from '../../src/db/write-together';
import { buildApplicant } from '../support/application-builders';
import { createTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const jobsById = (ids: string[]) => ctx.services.db.select().from(outboxJobs).where(inArray(outboxJobs.id, ids));

describe('writes described by table and values (TableWrite), sent by writeTogether', () => {
  it('write what drizzle writes: instants, jsonb, null, and a column not given left to its default', async () => {
    const at = new Date('2026-03-10T09:00:00.123Z');
    const [a, b] = [randomUUID(), randomUUID()];
    await ctx.services.db.transaction((tx) =>
      writeTogether(tx, [
        insertRows(tx, outboxJobs, [{ id: a, name: 'test.one', payload: { n: 1, nested: { list: ['x'] } }, createdAt: at, dispatchedAt: null }]),
        // `dispatchedAt` given in one row only: `default` (null) in the other.
        insertRows(tx, outboxJobs, [
          { id: b, name: 'test.two', payload: {}, createdAt: at, dispatchedAt: at },
          { name: 'test.three', payload: { three: true }, createdAt: at },
        ]),
      ]),
    );
    const rows = await ctx.services.db.select().from(outboxJobs).where(inArray(outboxJobs.name, ['test.one', 'test.two', 'test.three']));
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('test.one')).toEqual({ id: a, name: 'test.one', payload: { n: 1, nested: { list: ['x'] } }, createdAt: at, dispatchedAt: null });
    expect(byName.get('test.two')).toEqual({ id: b, name: 'test.two', payload: {}, createdAt: at, dispatchedAt: at });
    // The id the column's database default drew.
    expect(byName.get('test.three')).toMatchObject({ payload: { three: true }, createdAt: at, dispatchedAt: null });
    expect(byName.get('test.three')!.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('update only the columns given, where the column equals the value; the same shape again reuses its statement', async () => {
    const at = new Date('2026-03-10T09:00:00Z');
    const ids = [randomUUID(), randomUUID()];
    await writeTogether(ctx.services.db, [insertRows(ctx.services.db, outboxJobs, ids.map((id) => ({ id, name: 'test.update', payload: { keep: id }, createdAt: at })))]);
    const later = new Date('2026-03-11T10:00:00Z');
    // Twice, in two transactions: on PostgreSQL the second may run on a connection that prepared it.
    for (const id of ids) {
      await ctx.services.db.transaction((tx) => writeTogether(tx, [updateWhere(tx, outboxJobs, { dispatchedAt: later }, outboxJobs.id, id)]));
    }
    const rows = await jobsById(ids);
    expect(rows.map((r) => [r.payload, r.createdAt, r.dispatchedAt])).toEqual(ids.map((id) => [{ keep: id }, at, later]));
  });

  it('on conflict, do nothing (on the target given), in one statement with other writes', async () => {
    const user = await buildApplicant(ctx.services);
    const key = `dedupe:${randomUUID()}`;
    const row = (id: string) => ({ id, userId: user.id, event: 'test', template: 'test', params: { id }, dedupeKey: key, createdAt: new Date() });
    const [first, second] = [randomUUID(), randomUUID()];
    const jobId = randomUUID();
    for (const id of [first, second]) {
      await ctx.services.db.transaction((tx) =>
        writeTogether(tx, [
          insertRows(tx, notifications, [row(id)], { onConflictDoNothing: { target: notifications.dedupeKey } }),
          // Also written the second time: only the notification's insert did nothing.
          ...(id === second ? [insertRows(tx, outboxJobs, [{ id: jobId, name: 'test.conflict', payload: {}, createdAt: new Date() }])] : []),
        ]),
      );
    }
    const kept = await ctx.services.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.dedupeKey, key));
    expect(kept).toEqual([{ id: first }]);
    expect(await jobsById([jobId])).toHaveLength(1);
  });

  it('in a group with a drizzle write, everything goes through drizzle (getSQL) and still lands', async () => {
    const user = await buildApplicant(ctx.services);
    const id = randomUUID();
    await ctx.services.db.transaction((tx) =>
      writeTogether(tx, [
        insertRows(tx, outboxJobs, [{ id, name: 'test.mixed', payload: { mixed: true }, createdAt: new Date('2026-03-10T09:00:00Z') }]),
        tx.update(users).set({ locale: 'en' }).where(eq(users.id, user.id)),
      ]),
    );
    expect((await jobsById([id]))[0]).toMatchObject({ payload: { mixed: true }, createdAt: new Date('2026-03-10T09:00:00Z') });
    const [u] = await ctx.services.db.select({ locale: users.locale }).from(users).where(eq(users.id, user.id));
    expect(u!.locale).toBe('en');
  });
});
