import { fillPlaceholders, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { Db } from './client';
import { pgNamedQuery } from './pg-named-query';

/** The driver's client under a drizzle handle: a `pg` pool or pooled client, or PGlite (or its transaction). */
interface DriverClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
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
  const result = client.exec !== undefined ? await client.query(text, values) : await pgNamedQuery(client as unknown as pg.Pool | pg.PoolClient, name, text, values);
  return result.rows as T[];
}

/**
 * A constant statement written with drizzle's `sql` (with pieces shared by other statements),
 * its values as `sql.placeholder(<name>)`: drizzle renders it once, at its first run, and every
 * run is `namedStatement` with the values put in their places. Same rules as `namedStatement`.
 */
export function builtOnce<T>(name: string, build: () => SQL): (db: Db, values: Record<string, unknown>) => Promise<T[]> {
  let query: { sql: string; params: unknown[] } | undefined;
  return (db, values) => {
    query ??= new PgDialect().sqlToQuery(build());
    return namedStatement<T>(db, name, query.sql, fillPlaceholders(query.params, values));
  };
}
