import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TemporaryDatabase {
  /** A DATABASE_URL Sésame accepts. */
  url: string;
  /** A scratch directory for DATA_DIR. */
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A database nobody else uses, for one journey file: an embedded PGlite in a temporary
 * directory, or, when E2E_DATABASE_URL names a PostgreSQL server, a new database created on
 * it for this run and dropped afterwards.
 */
export async function createTemporaryDatabase(serverUrl = process.env.E2E_DATABASE_URL): Promise<TemporaryDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sesame-e2e-'));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });
  if (!serverUrl) {
    return { url: `pglite://${join(dataDir, 'db')}`, dataDir, drop: removeDir };
  }
  // The name is built from digits and hex only: safe to put in SQL as an identifier.
  const name = `sesame_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    async drop() {
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
      await removeDir();
    },
  };
}

async function adminQuery(serverUrl: string, sql: string) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
