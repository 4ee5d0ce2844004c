import { asc, desc, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';
import { GENESIS, hashEvent } from './audit';
import type { Logger } from './logger';

// Any constant works; it only has to be the same for every linker of the chain.
const AUDIT_CHAIN_LOCK = 4_242_001;
/** How often a process links what nobody linked (a process that died between commit and link). */
const SWEEP_INTERVAL_MS = 10_000;

/**
 * Gives every committed, unlinked audit event its place in the hash chain, in the order of
 * their `seq`, in batches: the next `chain_seq`, the previous row's hash, its own hash. One
 * linker at a time across every process (advisory lock, held only for this short transaction,
 * never by the use cases). Returns how many events were linked.
 *
 * Rows of a transaction still open are not visible: a later run links them, after rows that
 * committed earlier even if their `seq` is higher. The chain orders by `chain_seq`; `seq` stays
 * the order in which events were written, for histories.
 */
export async function linkPendingAudit(db: Db, batchSize = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const linked = await db.transaction(async (tx) => {
      // Its own statement, before any read: a statement's snapshot is taken when it starts, so
      // reading the chain's end in the statement that waits for the lock could miss the rows the
      // previous holder linked, and fork the chain.
      await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
      const pending = await tx.select().from(auditEvents).where(isNull(auditEvents.chainSeq)).orderBy(asc(auditEvents.seq)).limit(batchSize);
      if (pending.length === 0) return 0;
      const [last] = await tx
        .select({ chainSeq: auditEvents.chainSeq, hash: auditEvents.hash })
        .from(auditEvents)
        .where(isNotNull(auditEvents.chainSeq))
        .orderBy(desc(auditEvents.chainSeq))
        .limit(1);
      let chainSeq = last?.chainSeq ?? 0;
      let prevHash = last?.hash ?? GENESIS;
      const links = pending.map((row) => {
        const hash = hashEvent(prevHash, row);
        const link = { seq: row.seq, chain_seq: ++chainSeq, prev_hash: prevHash, hash };
        prevHash = hash;
        return link;
      });
      // One statement for the batch; the append-only trigger lets exactly this change through.
      await tx.execute(sql`
        update audit_events a set chain_seq = v.chain_seq, prev_hash = v.prev_hash, hash = v.hash
        from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as v(seq bigint, chain_seq bigint, prev_hash text, hash text)
        where a.seq = v.seq and a.chain_seq is null`);
      return links.length;
    });
    total += linked;
    if (linked < batchSize) return total;
  }
}

export interface AuditLinker {
  /** Links in the background, shortly, what has committed (after a transaction that wrote events). */
  kick(): void;
  /** Links everything committed before the call; concurrent callers share one run. */
  flush(): Promise<void>;
  /** Sweeps every few seconds, for events left unlinked by a process that died. */
  start(): void;
  /** Stops sweeping and waits for the runs asked for. */
  stop(): Promise<void>;
}

/**
 * How long a kick waits before linking, so that one run links the events of every transaction
 * that committed meanwhile: a run costs about six round trips whatever it links, and a filing
 * commits three audited transactions. Events stay unlinked that long (plus the run itself);
 * at most twenty runs a second per process, whatever the load.
 */
const KICK_DELAY_MS = 50;

/**
 * One process's linker: at most one run in flight and one waiting to start. Whoever asks while
 * a run is waiting joins it (it has not read yet, so it will see their commit); whoever asks
 * while one runs gets the next, since the running one may have read before they committed.
 */
export function createAuditLinker(deps: { db: Db; logger: Logger }): AuditLinker {
  let current: Promise<void> | undefined;
  let waiting: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function runAfter(delayMs: number): Promise<void> {
    // Always yields first, so that `waiting` holds this run before it may clear it.
    await (delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, delayMs)) : Promise.resolve());
    while (current) await current.catch(() => undefined);
    // From here on this run may already have read: later callers need the next one.
    waiting = undefined;
    const run = linkPendingAudit(deps.db).then(() => undefined);
    current = run;
    try {
      await run;
    } finally {
      if (current === run) current = undefined;
    }
  }
  const request = (delayMs: number) => (waiting ??= runAfter(delayMs));

  const linker: AuditLinker = {
    flush: () => request(0),
    kick() {
      request(KICK_DELAY_MS).catch((err: unknown) => deps.logger.error({ err }, 'audit events not linked yet: the sweep retries'));
    },
    start() {
      linker.kick();
      timer ??= setInterval(() => linker.kick(), SWEEP_INTERVAL_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await waiting?.catch(() => undefined);
      await current?.catch(() => undefined);
    },
  };
  return linker;
}
