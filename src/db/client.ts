import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';
import { pgNamedQuery } from './pg-named-query';

export type Schema = typeof schema;
/**
 * A database handle or a transaction: use cases accept either. Without drizzle's relational
 * queries (`db.query.<table>`, unused): given the schema, drizzle builds a query builder for each
 * of its tables for every transaction it opens.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

/** The small raw-SQL surface pg-boss and a few maintenance commands need. */
export interface RawSql {
  /**
   * Parameterised query; with no values, multi-statement SQL is allowed. `name` makes it a
   * prepared statement on PostgreSQL (parsed and planned once per connection; the same name
   * must always carry the same text); PGlite, in process, ignores it.
   */
  query<T = Record<string, unknown>>(text: string, values?: unknown[], options?: { name?: string }): Promise<{ rows: T[] }>;
}

/** Stops listening. */
export type Unlisten = () => Promise<void>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  raw: RawSql;
  /**
   * The same surface for counters whose last moments a crash may lose without harm (today the
   * public verification's rate-limit count and the verifiers' check lines, the busiest writes;
   * the other rate limits could go the same way): on PostgreSQL its connections commit without waiting for
   * the write-ahead log to reach the disk (`synchronous_commit = off`; what is read is the same,
   * only durability differs). Each commit flushing the log itself was about half the backend CPU
   * of the public verification's count (its upsert alone, 10 connections: ≈ 206 → 114 µs per
   * statement, 1,570 → 2,800 statements/s). Never for a state change a person relies on. On PGlite, `raw`.
   */
  rawAsyncCommit: RawSql;
  /**
   * Calls `onMessage` with the payload of each `NOTIFY` on `channel` (a plain lower-case name).
   * On PostgreSQL it holds one connection of its own, outside the pool; if that connection is
   * lost, notifications stop (`onLost` is told) and whoever relied on them falls back on polling.
   */
  listen(channel: string, onMessage: (payload: string) => void, onLost?: (err: unknown) => void): Promise<Unlisten>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (tests copy a migrated template). */
  dumpDataDir?(): Promise<Blob>;
}

const migrationsFolder = new URL('./migrations', import.meta.url).pathname;

/**
 * Opens the database named by DATABASE_URL: `pglite://<dir>` (or `pglite://memory`) for the
 * embedded default, `postgres://…` for a server.
 */
export async function openDatabase(url: string, options: { loadDataDir?: Blob; poolSize?: number } = {}): Promise<Database> {
  if (url.startsWith('pglite://')) return openPglite(url.slice('pglite://'.length), options.loadDataDir);
  return openPostgres(url, options.poolSize ?? 10);
}

async function openPglite(path: string, loadDataDir?: Blob): Promise<Database> {
  const inMemory = path === 'memory' || path === '';
  if (!inMemory) mkdirSync(path, { recursive: true });
  const client = new PGlite({ ...(inMemory ? {} : { dataDir: path }), ...(loadDataDir ? { loadDataDir } : {}) });
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  const raw: RawSql = {
    async query<T>(text: string, values?: unknown[]) {
      // PGlite's `query` refuses several statements at once; `exec` takes them but no parameters.
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as T[] };
      }
      const r = await client.query<T>(text, values as unknown[]);
      return { rows: r.rows };
    },
  };
  return {
    kind: 'pglite',
    db,
    raw,
    rawAsyncCommit: raw,
    async listen(channel, onMessage) {
      return client.listen(checkedChannel(channel), onMessage);
    },
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    close: () => client.close(),
    dumpDataDir: async () => (await client.dumpDataDir('gzip')) as Blob,
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // Idle connections are kept five minutes, not pg's default ten seconds: a burst after a quiet
  // spell (the 00:05 sweep, the morning's first visitors) should not first pay a PostgreSQL
  // backend start for every connection it needs.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 300_000 });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  // Its own, smaller pool: a setting per connection, so that no other statement shares it.
  const asyncCommitPool = new pg.Pool({ connectionString: url, max: Math.max(2, Math.ceil(poolSize / 2)), idleTimeoutMillis: 300_000, options: '-c synchronous_commit=off' });
  asyncCommitPool.on('error', () => {});
  const db = drizzlePg(pool) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    raw: rawSqlOn(pool),
    rawAsyncCommit: rawSqlOn(asyncCommitPool),
    async listen(channel, onMessage, onLost) {
      const client = new pg.Client({ connectionString: url });
      let closing = false;
      const lost = (err: unknown) => {
        if (!closing) onLost?.(err);
      };
      client.on('error', lost);
      client.on('end', () => lost(new Error('listening connection ended')));
      client.on('notification', (n) => onMessage(n.payload ?? ''));
      await client.connect();
      await client.query(`listen ${checkedChannel(channel)}`);
      return async () => {
        closing = true;
        await client.end().catch(() => {});
      };
    },
    async migrate() {
      // Several processes may boot at once: one migrates, the others wait on the lock.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(7265736)');
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock(7265736)').catch(() => {});
        client.release();
      }
    },
    close: async () => {
      await Promise.all([pool.end(), asyncCommitPool.end()]);
    },
  };
}

function rawSqlOn(pool: pg.Pool): RawSql {
  return {
    async query<T>(text: string, values?: unknown[], options?: { name?: string }) {
      const r = options?.name ? await pgNamedQuery(pool, options.name, text, values) : await pool.query(text, values as unknown[] | undefined);
      return { rows: r.rows as T[] };
    },
  };
}

/** `LISTEN` takes an identifier, not a parameter: only plain names are accepted. */
function checkedChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  return channel;
}

