import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { applications } from '../../src/db/schema';
import { applicationFromJson } from '../../src/modules/applications/application-from-json';
import { ownApplicationWithDocuments } from '../../src/modules/applications/own-application-with-documents';
import { fileApplication } from '../../src/modules/applications/file-application';
import { createTestContext, type TestContext } from '../support/harness';
import { buildApplicant, buildReadyRenewal, metaFor } from '../support/application-builders';
import { validFee } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(new Date('2026-03-02T09:00:00.123Z'));
});
afterAll(() => ctx.close());

const drizzleRow = async (id: string) => (await ctx.services.db.select().from(applications).where(eq(applications.id, id)))[0]!;
const jsonRow = async (id: string) =>
  applicationFromJson((await ctx.services.database.raw.query<{ app: Record<string, unknown> }>('select to_jsonb(a) as app from applications a where a.id = $1', [id])).rows[0]!.app);

describe('an application read as jsonb by a raw statement', () => {
  it('is the row drizzle reads: instants as dates, calendar days as strings, answers as an object, nulls kept', async () => {
    const user = await buildApplicant(ctx.services);
    const id = await buildReadyRenewal(ctx.services, user);
    await ctx.services.db.update(applications).set({ timbreReference: validFee.timbre, ephotoCode: validFee.ephoto }).where(eq(applications.id, id));
    // A draft (mostly nulls), then the same file filed (instants, calendar days, booleans set).
    expect(await jsonRow(id)).toEqual(await drizzleRow(id));
    await fileApplication(ctx.services, user.id, id, metaFor(user));
    const filed = await drizzleRow(id);
    expect(filed.filedAt).toBeInstanceOf(Date);
    expect(filed.currentPermitExpiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await jsonRow(id)).toEqual(filed);
  });

  it('comes with its current documents before filing, and only for its owner', async () => {
    const user = await buildApplicant(ctx.services);
    const other = await buildApplicant(ctx.services);
    const id = await buildReadyRenewal(ctx.services, user);
    const { app, presentKinds } = await ownApplicationWithDocuments(ctx.services, user.id, id);
    expect(app).toEqual(await drizzleRow(id));
    expect(presentKinds.length).toBeGreaterThan(0);
    await expect(ownApplicationWithDocuments(ctx.services, other.id, id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(ownApplicationWithDocuments(ctx.services, user.id, 'not-an-id')).rejects.toMatchObject({ code: 'not_found' });
  });
});
