import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { applicationDocuments, documents } from '../../src/db/schema';
import type { Services } from '../../src/services';
import { createTestContext, type TestContext } from './harness';
import { buildApplicant, metaFor } from './application-builders';
import { logInAs, type BuiltUser } from './builders';
import type { TestClient } from './test-client';
import { startApplication } from '../../src/modules/applications/start-application';

/** A test context whose document files go to a fresh temporary folder, so tests can see them. */
export async function createDocumentsContext(env: Record<string, string> = {}): Promise<TestContext & { dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sesame-documents-'));
  const ctx = await createTestContext({ env: { DATA_DIR: dataDir, ...env } });
  return Object.assign(ctx, { dataDir });
}

/** Every file under `<DATA_DIR>/files`, as paths relative to it. */
export async function storedFiles(dataDir: string): Promise<string[]> {
  const root = join(dataDir, 'files');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
}

export const storedBytes = (dataDir: string, key: string) => readFile(join(dataDir, 'files', key));

export const documentsOf = (services: Services, ownerId: string) => services.db.select().from(documents).where(eq(documents.ownerId, ownerId));

export const linksOf = (services: Services, applicationId: string) =>
  services.db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, applicationId));

export const currentLinkFor = async (services: Services, applicationId: string, kind: string) =>
  (await services.db.select().from(applicationDocuments).where(and(eq(applicationDocuments.applicationId, applicationId), eq(applicationDocuments.kind, kind)))).filter(
    (l) => !l.replacedAt,
  );

/** An applicant signed in on a fresh client, with a draft renewal (salarié, same employer). */
export async function signedInApplicant(ctx: TestContext): Promise<{ user: BuiltUser; client: TestClient; applicationId: string }> {
  const user = await buildApplicant(ctx.services);
  const client = ctx.client();
  await logInAs(client, user);
  const applicationId = await startApplication(ctx.services, user.id, 'renewal_salarie', metaFor(user));
  return { user, client, applicationId };
}
