import type { RawSql } from '../../db/client';
import type { Logger } from '../../platform/logger';

/** One line of the holder's log of checks (`verification_checks`), from an attestation check. */
export interface CheckLine {
  holderId: string | null;
  attestationId: string | null;
  channel: 'page' | 'api';
  outcome: string;
  at: Date;
}

export interface CheckLog {
  /** Queues the line; it is in the database within `delayMs` (or at once when the batch is full). */
  record(line: CheckLine): void;
  /** Writes every line queued so far; resolves once they are committed. */
  flush(): Promise<void>;
  /** For a normal shutdown: writes what is queued; a line recorded afterwards is written at once. */
  close(): Promise<void>;
}

/**
 * The lines of public checks are written in groups: one multi-row INSERT (one prepared
 * statement, whatever the number of lines) for every line queued within `delayMs`. At thousands
 * of checks a second, a transaction per line was a third of a check's round trips and of
 * PostgreSQL's work on it.
 *
 * The trade-off, accepted because a line records a read and changes no right: the answer goes
 * out before its line is committed. A normal shutdown loses nothing (`close`, called by
 * `Services.close`, writes what is queued), and the holder's own page flushes this process's
 * queue before reading (`holderSharing`), so in one process they always see their checks; with
 * several web processes a check made through another one shows up `delayMs` later at most. A
 * crash (or the database refusing the write until the process stops) loses at most the lines of
 * the last `delayMs`; a failed write is retried with the next group, and logged. The groups are
 * written through `rawAsyncCommit` (services.ts): a crash of the database server itself may also
 * lose the lines of its last fraction of a second (three WAL-writer rounds, 600 ms by default).
 */
export function createCheckLog(raw: RawSql, logger: Logger, options: { delayMs?: number; maxBatch?: number } = {}): CheckLog {
  const delayMs = options.delayMs ?? 10;
  const maxBatch = options.maxBatch ?? 500;
  let queued: CheckLine[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;

  const write = (lines: CheckLine[]): Promise<void> =>
    raw
      .query(
        `insert into verification_checks (holder_id, attestation_id, channel, outcome, at)
         select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[])`,
        [lines.map((l) => l.holderId), lines.map((l) => l.attestationId), lines.map((l) => l.channel), lines.map((l) => l.outcome), lines.map((l) => l.at.toISOString())],
        { name: 'verification_check_log_batch' },
      )
      .then(
        () => undefined,
        (err: unknown) => {
          // Kept for the next group rather than lost; the error is for the operators.
          logger.error({ err, lines: lines.length }, 'writing verification check lines failed; kept for the next write');
          queued = lines.concat(queued);
          throw err;
        },
      );

  const flush = (): Promise<void> => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    // One write at a time, in order: a line never overtakes an earlier one.
    const run = writing.then(
      () => drain(),
      () => drain(),
    );
    writing = run.catch(() => {});
    return run;
  };

  const drain = async () => {
    while (queued.length > 0) {
      const lines = queued.slice(0, maxBatch);
      queued = queued.slice(lines.length);
      await write(lines);
    }
  };

  return {
    record(line) {
      queued.push(line);
      if (closed || queued.length >= maxBatch) void flush().catch(() => {});
      else if (!timer) timer = setTimeout(() => void flush().catch(() => {}), delayMs);
    },
    flush,
    async close() {
      closed = true;
      await flush();
    },
  };
}
