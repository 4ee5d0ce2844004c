import type { Db } from './client';

/** The driver's client under a drizzle handle: a `pg` pool or pooled client, or PGlite (or its transaction). */
interface DriverClient {
  query(textOrConfig: string | { name: string; text: string; values: unknown[] }, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** PGlite's: how it is told from `pg`. */
  exec?: unknown;
}

/**
 * Runs one constant statement, named, on the connection `db` stands for — the pool, or the
 * connection of the transaction `db` is — so that PostgreSQL parses and plans it once per
 * connection and drizzle builds nothing. For the hot statements run inside transactions, where
 * a drizzle prepared query cannot go: it stays bound to the handle it was prepared on, and each
 * transaction is a new one. `text` must be the same for every call with that `name`. Rows come as
 * the driver parses them (`pg`'s own parsers, not drizzle's): select `to_jsonb(row)` and map it
 * (`rowFromJson`) rather than columns of dates.
 *
 * It reads the driver's client of drizzle's session (`session.client`, internal to drizzle 0.45:
 * checked by `test/platform/database-handles.test.ts` on both databases).
 */
export async function namedStatement<T>(db: Db, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = (db as unknown as { session?: { client?: DriverClient } }).session?.client;
  if (!client) throw new Error('namedStatement: no driver client under this drizzle handle');
  const result = client.exec !== undefined ? await client.query(text, values) : await client.query({ name, text, values });
  return result.rows as T[];
}
