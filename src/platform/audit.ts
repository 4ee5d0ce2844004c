import { asc, desc, eq, and, gt } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';
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

const GENESIS = '0'.repeat(64);
// Any constant works; it only has to be the same for every writer of the chain.
const AUDIT_CHAIN_LOCK = 4_242_001;

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

/**
 * Appends an event to the hash chain. Must run inside the transaction of the change it
 * records: the change and its audit row commit together or not at all.
 */
export async function appendAudit(tx: Db, actor: Actor, at: Date, input: AuditInput): Promise<void> {
  // Serialise writers so that two transactions never chain onto the same previous row.
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  const prevHash = last?.hash ?? GENESIS;
  const fields: HashedFields = {
    at,
    actorId: actor.id,
    actorRole: actor.role,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    data: input.data ?? {},
    requestId: actor.requestId ?? null,
  };
  await tx.insert(auditEvents).values({ ...fields, prevHash, hash: hashEvent(prevHash, fields) });
}

export type AuditVerification = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: number; reason: string };

/** Walks the whole chain in order and reports the first row whose link or content does not match. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<AuditVerification> {
  let prevHash = GENESIS;
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.seq, lastSeq)).orderBy(asc(auditEvents.seq)).limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prevHash !== prevHash) return { ok: false, checked, brokenAt: row.seq, reason: 'previous hash does not match (a row was removed or reordered)' };
      if (hashEvent(prevHash, row) !== row.hash) return { ok: false, checked, brokenAt: row.seq, reason: 'content does not match its hash (the row was altered)' };
      prevHash = row.hash;
      lastSeq = row.seq;
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

