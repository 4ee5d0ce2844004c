import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase } from '../../src/db/client';
import { asc, eq, sql } from 'drizzle-orm';
import { auditEvents } from '../../src/db/schema';
import { appendAudit, appendAudits, hashEvent, systemActor, verifyAuditChain } from '../../src/platform/audit';
import { createTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const GENESIS = '0'.repeat(64);
const actor = { id: '8d1f5a52-64a4-4c69-9a53-0c4f1d3f0b11', role: 'applicant', requestId: 'req-1' };

async function append(action: string, data?: Record<string, unknown>) {
  await ctx.services.transact((tx) => appendAudit(tx, actor, ctx.clock.now(), { action, subjectType: 'user', subjectId: actor.id, data }));
  ctx.clock.advance(1000);
}

// Events are linked into the chain right after their commit; wait for that before reading them.
const allEvents = async () => {
  await ctx.services.auditLinker.flush();
  return ctx.services.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
};

/** Runs `fn` as someone able to switch the append-only trigger off: a DBA, or an intruder. */
async function withTriggerDisabled(fn: () => Promise<unknown>) {
  const { raw } = ctx.services.database;
  await raw.query('alter table audit_events disable trigger audit_events_no_change');
  try {
    await fn();
  } finally {
    await raw.query('alter table audit_events enable trigger audit_events_no_change');
  }
}

describe('audit chain', () => {
  it('links each event to the previous one, from the genesis hash', async () => {
    await append('test.first', { step: 1 });
    await append('test.second', { step: 2 });
    await append('test.third');
    const events = await allEvents();
    expect(events).toHaveLength(3);
    expect(events[0]!.prevHash).toBe(GENESIS);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.prevHash).toBe(events[1]!.hash);
    expect(new Set(events.map((e) => e.hash)).size).toBe(3);
    for (const e of events) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(events[2]).toMatchObject({ actorId: actor.id, actorRole: 'applicant', requestId: 'req-1', data: {} });
    expect(await verifyAuditChain(ctx.services.db)).toEqual({ ok: true, checked: 3 });
  });

  it('verifies data that went through jsonb: key order, nesting, accents, numbers, dates', async () => {
    await append('test.data', {
      zeta: 'dernière',
      alpha: { b: [1, 2.5, null, true], a: '🙂 Ünïcödé', c: { y: 0, x: -1e-7 } },
      big: 2 ** 60,
      dropped: undefined,
      until: new Date('2026-06-30T22:00:00.000Z'),
      list: [{ b: 1, a: 2 }],
    });
    expect(await verifyAuditChain(ctx.services.db)).toMatchObject({ ok: true });
  });

  it('verifies in batches as well as in one pass', async () => {
    const total = (await allEvents()).length;
    expect(await verifyAuditChain(ctx.services.db, 2)).toEqual({ ok: true, checked: total });
  });

  it('writes several events of one transaction in one statement, in the order given, chained like the others', async () => {
    const before = (await allEvents()).length;
    const { statements } = await ctx.statementsOf(() =>
      ctx.services.transact((tx) =>
        appendAudits(tx, actor, ctx.clock.now(), [
          { action: 'test.many_first', subjectType: 'user', subjectId: actor.id, data: { n: 1 } },
          { action: 'test.many_second', subjectType: 'document', subjectId: actor.id },
        ]),
      ),
    );
    expect(statements.filter((s) => /insert into "audit_events"/i.test(s))).toHaveLength(1);
    const events = (await allEvents()).slice(before);
    expect(events.map((e) => [e.action, e.subjectType, e.data])).toEqual([
      ['test.many_first', 'user', { n: 1 }],
      ['test.many_second', 'document', {}],
    ]);
    expect(events[1]).toMatchObject({ actorId: actor.id, actorRole: 'applicant', requestId: 'req-1', prevHash: events[0]!.hash });
    expect(await verifyAuditChain(ctx.services.db)).toEqual({ ok: true, checked: before + 2 });
    // Nothing to write is no statement at all.
    const none = await ctx.statementsOf(() => ctx.services.transact((tx) => appendAudits(tx, actor, ctx.clock.now(), [])));
    expect(none.statements.filter((s) => /audit_events/i.test(s))).toEqual([]);
  });

  it('refuses UPDATE and DELETE on audit_events at the database', async () => {
    const [first] = await allEvents();
    await expect(ctx.services.db.update(auditEvents).set({ action: 'test.forged' }).where(eq(auditEvents.seq, first!.seq))).rejects.toThrow();
    await expect(ctx.services.db.delete(auditEvents).where(eq(auditEvents.seq, first!.seq))).rejects.toThrow();
    await expect(ctx.services.database.raw.query('delete from audit_events')).rejects.toThrow(/append-only/);
    await expect(ctx.services.database.raw.query("update audit_events set data = '{}'")).rejects.toThrow(/append-only/);
    expect((await allEvents())[0]).toEqual(first);
  });

  describe('with the trigger switched off', () => {
    it('detects an altered row at that row', async () => {
      const events = await allEvents();
      const target = events[1]!;
      await withTriggerDisabled(() => ctx.services.db.update(auditEvents).set({ data: { step: 200 } }).where(eq(auditEvents.seq, target.seq)));
      expect(await verifyAuditChain(ctx.services.db)).toEqual({
        ok: false,
        checked: 1,
        brokenAt: target.seq,
        reason: expect.stringContaining('altered') as string,
      });
      await withTriggerDisabled(() => ctx.services.db.update(auditEvents).set({ data: target.data }).where(eq(auditEvents.seq, target.seq)));
      expect(await verifyAuditChain(ctx.services.db)).toMatchObject({ ok: true });
    });

    it('detects an altered row even when its hash was recomputed, at the next row', async () => {
      const events = await allEvents();
      const [target, next] = [events[0]!, events[1]!];
      // A careful forger rehashes the row they changed; the next row still points at the old hash.
      const forgedHash = hashEvent(target.prevHash!, { ...target, actorRole: 'admin' });
      await withTriggerDisabled(() =>
        ctx.services.db.update(auditEvents).set({ actorRole: 'admin', hash: forgedHash }).where(eq(auditEvents.seq, target.seq)),
      );
      expect(await verifyAuditChain(ctx.services.db)).toMatchObject({ ok: false, checked: 1, brokenAt: next.seq });
      await withTriggerDisabled(() =>
        ctx.services.db.update(auditEvents).set({ actorRole: target.actorRole, hash: target.hash }).where(eq(auditEvents.seq, target.seq)),
      );
      expect(await verifyAuditChain(ctx.services.db)).toMatchObject({ ok: true });
    });

    it('detects a deleted row at the row after it', async () => {
      const events = await allEvents();
      const [removed, after] = [events[1]!, events[2]!];
      await withTriggerDisabled(() => ctx.services.db.delete(auditEvents).where(eq(auditEvents.seq, removed.seq)));
      expect(await verifyAuditChain(ctx.services.db)).toEqual({
        ok: false,
        checked: 1,
        brokenAt: after.seq,
        reason: expect.stringContaining('removed') as string,
      });
      await withTriggerDisabled(() => ctx.services.db.insert(auditEvents).values(removed));
      expect(await verifyAuditChain(ctx.services.db)).toMatchObject({ ok: true });
    });

    it('detects two events swapped in the order, at the first of them', async () => {
      const events = await allEvents();
      const [a, b] = [events[1]!, events[2]!];
      // Everything but the row's number and its place in the chain.
      const contentOf = ({ seq: _seq, chainSeq: _chainSeq, ...rest }: typeof a) => rest;
      await withTriggerDisabled(async () => {
        await ctx.services.db.update(auditEvents).set(contentOf(b)).where(eq(auditEvents.seq, a.seq));
        await ctx.services.db.update(auditEvents).set(contentOf(a)).where(eq(auditEvents.seq, b.seq));
      });
      expect(await verifyAuditChain(ctx.services.db)).toMatchObject({ ok: false, checked: 1, brokenAt: a.seq });
      await withTriggerDisabled(async () => {
        await ctx.services.db.update(auditEvents).set(contentOf(a)).where(eq(auditEvents.seq, a.seq));
        await ctx.services.db.update(auditEvents).set(contentOf(b)).where(eq(auditEvents.seq, b.seq));
      });
      expect(await verifyAuditChain(ctx.services.db)).toMatchObject({ ok: true });
    });

    it('detects two hashes swapped between rows, at the first of them', async () => {
      const events = await allEvents();
      const [a, b] = [events[2]!, events[3]!];
      await withTriggerDisabled(async () => {
        await ctx.services.db.update(auditEvents).set({ hash: b.hash }).where(eq(auditEvents.seq, a.seq));
        await ctx.services.db.update(auditEvents).set({ hash: a.hash }).where(eq(auditEvents.seq, b.seq));
      });
      expect(await verifyAuditChain(ctx.services.db)).toMatchObject({ ok: false, checked: 2, brokenAt: a.seq });
      await withTriggerDisabled(async () => {
        await ctx.services.db.update(auditEvents).set({ hash: a.hash }).where(eq(auditEvents.seq, a.seq));
        await ctx.services.db.update(auditEvents).set({ hash: b.hash }).where(eq(auditEvents.seq, b.seq));
      });
      expect(await verifyAuditChain(ctx.services.db)).toMatchObject({ ok: true });
    });
  });

  it('keeps one valid chain under 20 concurrent transactions', async () => {
    const before = (await allEvents()).length;
    const now = ctx.clock.now();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.services.transact(async (tx) => {
          // Some work in the transaction before and after the append, as a real use case does.
          await tx.execute(sql`select pg_sleep(${(i % 4) * 0.005})`);
          await appendAudit(tx, systemActor, now, { action: 'test.concurrent', subjectType: 'test', subjectId: String(i), data: { i } });
          await tx.execute(sql`select 1`);
        }),
      ),
    );
    const events = await allEvents();
    expect(events).toHaveLength(before + 20);
    expect(new Set(events.map((e) => e.prevHash)).size).toBe(events.length); // no fork
    expect(await verifyAuditChain(ctx.services.db)).toEqual({ ok: true, checked: before + 20 });
  });

  it('lets an unlinked event be linked once, its content untouched, and refuses every other change', async () => {
    const { raw } = ctx.services.database;
    // Written without `transact`: nothing links it until the linker runs.
    await ctx.services.db.transaction((tx) => appendAudit(tx, actor, ctx.clock.now(), { action: 'test.unlinked', subjectType: 'test', subjectId: 'u' }));
    const [row] = await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.action, 'test.unlinked')).orderBy(asc(auditEvents.seq));
    expect(row).toMatchObject({ chainSeq: null, prevHash: null, hash: null });
    await expect(raw.query(`update audit_events set data = '{"x":1}' where seq = ${row!.seq}`)).rejects.toThrow(/append-only/);
    await expect(raw.query(`update audit_events set chain_seq = 999999, prev_hash = 'a', hash = 'b', action = 'test.forged' where seq = ${row!.seq}`)).rejects.toThrow(/append-only/);
    await expect(raw.query(`delete from audit_events where seq = ${row!.seq}`)).rejects.toThrow(/append-only/);
    const [linked] = (await allEvents()).filter((e) => e.seq === row!.seq);
    expect(linked).toMatchObject({ action: 'test.unlinked', chainSeq: expect.any(Number) as number, hash: expect.stringMatching(/^[0-9a-f]{64}$/) as string });
    await expect(raw.query(`update audit_events set chain_seq = 999999 where seq = ${row!.seq}`)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(ctx.services.db)).toMatchObject({ ok: true });
  });

  it('chains an event written first but committed last after the others', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const slow = ctx.services.transact(async (tx) => {
      await appendAudit(tx, systemActor, ctx.clock.now(), { action: 'test.slow', subjectType: 'test', subjectId: 's' });
      wrote();
      await held;
    });
    await written;
    if (ctx.services.database.kind === 'postgres') {
      // PGlite runs one transaction at a time; PostgreSQL lets the second commit first.
      await ctx.services.transact((tx) => appendAudit(tx, systemActor, ctx.clock.now(), { action: 'test.fast', subjectType: 'test', subjectId: 'f' }));
      await ctx.services.auditLinker.flush();
      const [fast] = await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.action, 'test.fast')).orderBy(asc(auditEvents.seq));
      expect(fast!.chainSeq).not.toBeNull();
    }
    release();
    await slow;
    const events = await allEvents();
    const slowRow = events.find((e) => e.action === 'test.slow')!;
    expect(slowRow.chainSeq).not.toBeNull();
    if (ctx.services.database.kind === 'postgres') {
      const fastRow = events.find((e) => e.action === 'test.fast')!;
      expect(slowRow.seq).toBeLessThan(fastRow.seq);
      expect(slowRow.chainSeq!).toBeGreaterThan(fastRow.chainSeq!);
    }
    expect(await verifyAuditChain(ctx.services.db)).toMatchObject({ ok: true, checked: events.length });
  });

  it('keeps nothing of an event whose transaction rolled back, and the chain stays valid', async () => {
    const before = (await allEvents()).length;
    await expect(
      ctx.services.transact(async (tx) => {
        await appendAudit(tx, systemActor, ctx.clock.now(), { action: 'test.rolled_back', subjectType: 'test', subjectId: 'x' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await append('test.after_rollback');
    const events = await allEvents();
    expect(events).toHaveLength(before + 1);
    expect(events.map((e) => e.action)).not.toContain('test.rolled_back');
    expect(await verifyAuditChain(ctx.services.db)).toEqual({ ok: true, checked: before + 1 });
  });
});

/** `npx tsx src/main.ts <args>` as an operator runs it, with only the environment given. */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'src/main.ts', ...args],
      { cwd: process.cwd(), env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A database of its own for the CLI: a PGlite directory, or a new database on TEST_DATABASE_URL's server. */
async function cliDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'sesame-audit-cli-'));
    return { url: `pglite://${dir}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `sesame_audit_cli_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

describe('npm run audit:verify', () => {
  it('exits 0 on an intact chain, and 2 naming the first broken event once a row is altered', { timeout: 240_000 }, async () => {
    const target = await cliDatabase();
    try {
      const database = await openDatabase(target.url);
      await database.migrate();
      for (let i = 1; i <= 3; i++) {
        await database.db.transaction((tx) =>
          appendAudit(tx, systemActor, new Date(`2026-03-0${i}T10:00:00Z`), { action: 'test.cli', subjectType: 'test', subjectId: String(i), data: { i } }),
        );
      }
      const [, second] = await database.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
      await database.close();

      const intact = await runCli(['audit:verify'], { DATABASE_URL: target.url });
      expect(intact.stderr).toBe('');
      expect(intact.code).toBe(0);
      expect(intact.stdout).toContain('Audit chain intact: 3 events checked.');

      const tampering = await openDatabase(target.url);
      await tampering.raw.query('alter table audit_events disable trigger audit_events_no_change');
      await tampering.db.update(auditEvents).set({ data: { i: 20 } }).where(eq(auditEvents.seq, second!.seq));
      await tampering.raw.query('alter table audit_events enable trigger audit_events_no_change');
      await tampering.close();

      const broken = await runCli(['audit:verify'], { DATABASE_URL: target.url });
      expect(broken.code).toBe(2);
      expect(broken.stderr).toContain(`Audit chain BROKEN at event #${second!.seq}`);
      expect(broken.stderr).toContain('(1 events before it are intact)');
    } finally {
      await target.drop();
    }
  });
});
