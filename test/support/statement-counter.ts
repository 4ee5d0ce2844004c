import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * Test-only: the SQL statements sent to the database while a function runs, whoever sends them
 * (drizzle, raw SQL, pg-boss, BEGIN/COMMIT of transactions). It listens below every client:
 * - PostgreSQL: `pg.Client#query`, which the pool, drizzle and pg-boss all go through;
 * - PGlite: the protocol messages it hands to its engine, one `Query` (simple: `exec`, BEGIN,
 *   COMMIT) or `Parse` (extended: every parameterised query) message per statement.
 * One statement is one round trip on PostgreSQL.
 */
let recording: string[] | null = null;
let installed = false;

function install() {
  if (installed) return;
  installed = true;
  // pg's `query` has many overloads: the wrapper passes whatever it gets through.
  const pgQuery = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (recording) {
      const first = args[0] as string | { text?: string };
      recording.push(typeof first === 'string' ? first : (first.text ?? String(first)));
    }
    return pgQuery.apply(this, args);
  } as typeof pg.Client.prototype.query;

  const execProtocolStream = PGlite.prototype.execProtocolStream;
  PGlite.prototype.execProtocolStream = function (this: PGlite, message: Uint8Array, options?: Parameters<typeof execProtocolStream>[1]) {
    if (recording) {
      const text = pgliteStatement(message);
      if (text !== null) recording.push(text);
    }
    return execProtocolStream.call(this, message, options);
  };
}

/** The SQL text of a `Query` ('Q': text) or `Parse` ('P': name, text, …) message; null for any other message. */
function pgliteStatement(message: Uint8Array): string | null {
  const type = message[0];
  if (type !== 0x51 && type !== 0x50) return null;
  const body = Buffer.from(message.buffer, message.byteOffset + 5, message.byteLength - 5);
  const parts = body.toString('utf8').split('\0');
  return (type === 0x51 ? parts[0] : parts[1]) ?? '';
}

/** Runs `fn` and returns what it returned with the statements sent meanwhile. One recording at a time. */
export async function recordStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  install();
  if (recording) throw new Error('recordStatements: already recording');
  const statements: string[] = [];
  recording = statements;
  try {
    const result = await fn();
    return { result, statements };
  } finally {
    recording = null;
  }
}
