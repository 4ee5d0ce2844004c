import { asc, desc, eq, and, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';
import { insertRows } from '../db/table-write';
import { writeTogether } from '../db/write-together';
import { linkPendingAudit } from './audit-linker';
import { sha256 } from './tokens';

/** Who acts, for the audit log: a person, an agent, or the system itself (jobs). */
export interface Actor {
  id: string | null;
  role: string;
  requestId?: string | undefined;
}

export const systemActor: Actor = { id: null, role: 'system' };

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

export const GENESIS = '0'.repeat(64);

/** JSON with keys sorted at every level, so the hash survives a jsonb round trip. */
function canonical(value: unknown): string {
  // The data reaches jsonb through JSON.stringify, which calls toJSON: a Date is stored as its
  // ISO string and must be hashed as one, or the row would never verify.
  if (value && typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonical((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface HashedFields {
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
  requestId: string | null;
}

/** The hash of one event chained onto `prevHash` (exported for tests that play the forger). */
export function hashEvent(prevHash: string, e: HashedFields): string {
  return sha256(
    prevHash +
      canonical({
        at: e.at.toISOString(),
        actorId: e.actorId,
        actorRole: e.actorRole,
        action: e.action,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        data: e.data,
        requestId: e.requestId,
      }),
  );
}

/** Transactions that wrote an audit event: after their commit, the linker has work. */
const auditedTransactions = new WeakSet<object>();

/** True when `appendAudit` ran in this transaction (read by `transact` after commit). */
export function wroteAudit(tx: Db): boolean {
  return auditedTransactions.has(tx);
}

/**
 * Records an event. Must run inside the transaction of the change it records: the change and
 * its audit row commit together or not at all. The row is written unlinked; its place in the
 * hash chain is given right after commit (`audit-linker.ts`), so that concurrent writers no
 * longer wait for each other's commit on the chain's lock.
 */
export async function appendAudit(tx: Db, actor: Actor, at: Date, input: AuditInput): Promise<void> {
  await appendAudits(tx, actor, at, [input]);
}

/**
 * Records several events of one change by one actor, in one statement: what `appendAudit` does
 * for each, in the order given (their `seq` follows it). Same rule: inside the transaction of
 * the change they record.
 */
export async function appendAudits(tx: Db, actor: Actor, at: Date, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await writeTogether(tx, [auditInsert(tx, actor, at, inputs)]);
}

/**
 * The INSERT of `appendAudits`, built but not sent (`inputs` not empty): for a change that sends
 * it in one statement with its own writes (`db/write-together.ts`). Same rule: in that transaction.
 */
export function auditInsert(tx: Db, actor: Actor, at: Date, inputs: readonly AuditInput[]) {
  auditedTransactions.add(tx);
  return insertRows(
    tx,
    auditEvents,
    inputs.map((input) => ({
      at,
      actorId: actor.id,
      actorRole: actor.role,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      data: input.data ?? {},
      requestId: actor.requestId ?? null,
    })),
  );
}

export type AuditVerification = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: number; reason: string };

/**
 * Links what has committed unlinked (the chain must be complete to be checked), then walks the
 * whole chain in order and reports the first row whose link or content does not match.
 * `brokenAt` is the event's number (`seq`).
 */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<AuditVerification> {
  await linkPendingAudit(db);
  let prevHash = GENESIS;
  let lastChainSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.chainSeq, lastChainSeq)).orderBy(asc(auditEvents.chainSeq)).limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.chainSeq !== lastChainSeq + 1 || row.prevHash !== prevHash) return { ok: false, checked, brokenAt: row.seq, reason: 'previous hash does not match (a row was removed or reordered)' };
      if (hashEvent(prevHash, row) !== row.hash) return { ok: false, checked, brokenAt: row.seq, reason: 'content does not match its hash (the row was altered)' };
      prevHash = row.hash;
      lastChainSeq = row.chainSeq;
      checked++;
    }
  }
}

/** The latest events about one subject, newest first: the person's own history. */
export function auditTrail(db: Db, subjectType: string, subjectId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, subjectType), eq(auditEvents.subjectId, subjectId)))
    .orderBy(desc(auditEvents.seq))
    .limit(200);
}

