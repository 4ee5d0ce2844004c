import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const defaultAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: string;
  url: string;
  /** Runs one statement in the benchmark's database. */
  query<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** Transactions committed in this database so far, as the statistics system reports them. */
  committedTransactions(): Promise<number>;
  /** Process ids of the server backends connected to this database, but ours; [] when the server is not on this machine. */
  backendPids(): Promise<number[]>;
  drop(): Promise<void>;
}

/** The server's version, e.g. "15.20". */
export async function serverVersion(adminUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return rows[0]!.server_version;
  } finally {
    await client.end();
  }
}

/** Creates `sesame_bench_<random>[_<suffix>]` on the server of `adminUrl`; `drop()` removes it. */
export async function createBenchDatabase(adminUrl: string, suffix = ''): Promise<BenchDatabase> {
  const name = `sesame_bench_${randomBytes(6).toString('hex')}${suffix ? `_${suffix}` : ''}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();

  return {
    name,
    url: url.toString(),
    async query<T extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      return (await client.query<T>(text, values)).rows;
    },
    async committedTransactions() {
      // Counters of other backends are flushed at most once a second and when they disconnect:
      // read this after the server under test has closed its pool.
      const { rows } = await admin.query<{ n: string }>('select xact_commit::text as n from pg_stat_database where datname = $1', [name]);
      return Number(rows[0]?.n ?? 0);
    },
    async backendPids() {
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return [];
      const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      return rows.map((r) => r.pid);
    },
    async drop() {
      await client.end();
      // `with (force)` ends any connection a crashed server left behind (PostgreSQL ≥ 13).
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
