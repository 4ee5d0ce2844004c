import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client';
import { createJobs } from '../../src/platform/jobs';
import { systemClock } from '../../src/platform/clock';
import { createLogger } from '../../src/platform/logger';

/**
 * Creating and migrating a database takes seconds; tests instead copy a migrated template:
 * a PGlite data-dir dump by default, or `CREATE DATABASE … TEMPLATE` on the PostgreSQL server
 * named by TEST_DATABASE_URL.
 */
export interface TemplateInfo {
  kind: 'pglite' | 'postgres';
  /** PGlite: path of the dump. PostgreSQL: name of the template database. */
  ref: string;
}

async function prepare(database: Database) {
  await database.migrate();
  // pg-boss creates its own schema on first start: do it once here, not in every test.
  const jobs = createJobs({ raw: database.raw, db: database.db, clock: systemClock, logger: createLogger('silent'), definitions: [] });
  await jobs.start({ work: false });
  await jobs.stop();
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

export async function createTemplate(testDatabaseUrl: string | undefined): Promise<TemplateInfo> {
  if (!testDatabaseUrl) {
    const database = await openDatabase('pglite://memory');
    await prepare(database);
    const dump = await dumpPglite(database);
    await database.close();
    const path = join(tmpdir(), `sesame-template-${process.pid}-${randomBytes(4).toString('hex')}.tar.gz`);
    await writeFile(path, Buffer.from(await dump.arrayBuffer()));
    return { kind: 'pglite', ref: path };
  }
  const name = `sesame_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const database = await openDatabase(withDatabase(testDatabaseUrl, name), { poolSize: 2 });
  await prepare(database);
  await database.close();
  return { kind: 'postgres', ref: name };
}

export async function dropTemplate(testDatabaseUrl: string | undefined, info: TemplateInfo): Promise<void> {
  if (info.kind === 'pglite' || !testDatabaseUrl) return;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${info.ref} with (force)`);
  await admin.end();
}

/** A fresh database for one test file, copied from the template. */
export async function openTestDatabase(testDatabaseUrl: string | undefined, info: TemplateInfo, poolSize = 5): Promise<Database> {
  if (info.kind === 'pglite') {
    const dump = new Blob([await readFile(info.ref)]);
    return openDatabase('pglite://memory', { loadDataDir: dump });
  }
  const name = `sesame_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${info.ref}`);
  await admin.end();
  const database = await openDatabase(withDatabase(testDatabaseUrl!, name), { poolSize });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

async function dumpPglite(database: Database): Promise<Blob> {
  const dump = (database as Database & { dumpDataDir?: () => Promise<Blob> }).dumpDataDir;
  if (!dump) throw new Error('PGlite database cannot be dumped');
  return dump();
}
