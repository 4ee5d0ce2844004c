import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { applications, auditEvents } from '../../src/db/schema';
import { fileApplication } from '../../src/modules/applications/file-application';
import { saveDraft } from '../../src/modules/applications/save-draft';
import { startApplication } from '../../src/modules/applications/start-application';
import { withdrawApplication } from '../../src/modules/applications/withdraw-application';
import { type AppError } from '../../src/platform/errors';
import { createTestContext, type TestContext } from '../support/harness';
import { lastMailTo } from '../support/builders';
import { buildApplicant, buildReadyRenewal, metaFor } from '../support/application-builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(new Date('2026-03-02T09:00:00Z'));
});
afterAll(() => ctx.close());

const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
};

describe('filing an application', () => {
  it('starts a draft prefilled from the profile, with the prefecture of the address', async () => {
    const a = await buildApplicant(ctx.services, { postcode: '69003' });
    const id = await startApplication(ctx.services, a.id, 'renewal_salarie', metaFor(a));
    const [app] = await ctx.services.db.select().from(applications).where(eq(applications.id, id));
    expect(app?.status).toBe('draft');
    expect(app?.prefectureCode).toBe('69');
    expect(app?.answers).toMatchObject({ surname: 'Diallo', postcode: '69003', permit_expires_on: '2026-06-30' });
  });

  it('keeps one draft per procedure, even for two starts at once (a double click)', async () => {
    const a = await buildApplicant(ctx.services);
    const ids = await Promise.all([1, 2, 3].map(() => startApplication(ctx.services, a.id, 'duplicate', metaFor(a), { duplicate_reason: 'lost' })));
    expect(new Set(ids).size).toBe(1);
    const rows = await ctx.services.db.select().from(applications).where(eq(applications.applicantId, a.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.answers.duplicate_reason).toBe('lost');
    // A situation answer that is not one of the question's options is not kept.
    const other = await startApplication(ctx.services, a.id, 'change_of_situation', metaFor(a), { change_kind: 'moon', admin: 'yes' });
    const [row] = await ctx.services.db.select().from(applications).where(eq(applications.id, other));
    expect(row?.answers).not.toHaveProperty('change_kind');
    expect(row?.answers).not.toHaveProperty('admin');
  });

  it('keeps what was typed in a draft even when it is invalid, and drops unknown fields', async () => {
    const a = await buildApplicant(ctx.services);
    const id = await startApplication(ctx.services, a.id, 'renewal_salarie', metaFor(a));
    await saveDraft(ctx.services, a.id, id, { birth_date: '31/02/1990', same_employer: 'peut-être', admin: 'yes', postcode: ['13001'] }, metaFor(a));
    const [app] = await ctx.services.db.select().from(applications).where(eq(applications.id, id));
    expect(app?.answers.birth_date).toBe('31/02/1990');
    expect(app?.answers.same_employer).toBe('peut-être');
    expect(app?.answers).not.toHaveProperty('admin');
    expect(app?.prefectureCode).toBe('13');
    const refused = await rejection(fileApplication(ctx.services, a.id, id, metaFor(a)));
    expect(refused.code).toBe('validation_failed');
    expect(refused.options.fields).toMatchObject({ birth_date: 'applications.errors.date_invalid', same_employer: 'validation.format' });
    const [still] = await ctx.services.db.select().from(applications).where(eq(applications.id, id));
    expect(still?.status).toBe('draft');
    expect(still?.answers.birth_date).toBe('31/02/1990');
  });

  it('files once: a reference, the filing time, on time for a renewal in its window, a receipt mail', async () => {
    const a = await buildApplicant(ctx.services, { permitExpiresOn: '2026-06-30' });
    const id = await buildReadyRenewal(ctx.services, a);
    const result = await fileApplication(ctx.services, a.id, id, metaFor(a));
    expect(result.firstFiling).toBe(true);
    expect(result.reference).toMatch(/^75-26-[2-9A-HJKMNP-Z]{8}$/);
    const [app] = await ctx.services.db.select().from(applications).where(eq(applications.id, id));
    expect(app).toMatchObject({ status: 'filed', reference: result.reference, filedOnTime: true, currentPermitExpiresOn: '2026-06-30' });
    const mail = await lastMailTo(ctx.services, a.email);
    expect(mail?.subject).toContain(result.reference);
    const again = await fileApplication(ctx.services, a.id, id, metaFor(a));
    expect(again).toMatchObject({ reference: result.reference, firstFiling: false });
  });

  it('gives one filing for two requests at the same time', async () => {
    const a = await buildApplicant(ctx.services);
    const id = await buildReadyRenewal(ctx.services, a);
    const results = await Promise.all(Array.from({ length: 5 }, () => fileApplication(ctx.services, a.id, id, metaFor(a))));
    expect(new Set(results.map((r) => r.reference)).size).toBe(1);
    expect(results.filter((r) => r.firstFiling)).toHaveLength(1);
    const filed = await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, id)).orderBy(asc(auditEvents.seq));
    expect(filed.filter((e) => e.action === 'application.filed')).toHaveLength(1);
  });

  it('marks a renewal filed after day −60 as late', async () => {
    const a = await buildApplicant(ctx.services, { permitExpiresOn: '2026-04-15' });
    const id = await buildReadyRenewal(ctx.services, a);
    await fileApplication(ctx.services, a.id, id, metaFor(a));
    const [app] = await ctx.services.db.select().from(applications).where(eq(applications.id, id));
    expect(app?.filedOnTime).toBe(false);
  });

  it('refuses filing with a missing document, and someone else’s application as not found', async () => {
    const a = await buildApplicant(ctx.services);
    const id = await startApplication(ctx.services, a.id, 'renewal_salarie', metaFor(a));
    await saveDraft(ctx.services, a.id, id, { same_employer: 'yes' }, metaFor(a));
    await ctx.services.db.update(applications).set({ timbreReference: '1234567890123456', ephotoCode: 'ABCDEFGHJK23456789MNPQ' }).where(eq(applications.id, id));
    const missing = await rejection(fileApplication(ctx.services, a.id, id, metaFor(a)));
    expect(missing.options.fields).toEqual({ documents: 'applications.missing_documents' });
    const other = await buildApplicant(ctx.services);
    expect((await rejection(fileApplication(ctx.services, other.id, id, metaFor(other)))).code).toBe('not_found');
    expect((await rejection(fileApplication(ctx.services, a.id, 'not-a-uuid', metaFor(a)))).code).toBe('not_found');
  });

  it('runs several procedures at once and withdraws one of them, idempotently', async () => {
    const a = await buildApplicant(ctx.services);
    const renewal = await buildReadyRenewal(ctx.services, a);
    // One draft per procedure: a second procedure runs beside the first.
    const change = await buildReadyRenewal(ctx.services, a, 'renewal_travailleur_temporaire');
    await fileApplication(ctx.services, a.id, renewal, metaFor(a));
    await fileApplication(ctx.services, a.id, change, metaFor(a));
    await withdrawApplication(ctx.services, a.id, change, metaFor(a));
    await withdrawApplication(ctx.services, a.id, change, metaFor(a));
    const rows = await ctx.services.db.select().from(applications).where(eq(applications.applicantId, a.id));
    expect(rows.map((r) => r.status).sort()).toEqual(['filed', 'withdrawn']);
    const draft = await startApplication(ctx.services, a.id, 'duplicate', metaFor(a));
    expect((await rejection(withdrawApplication(ctx.services, a.id, draft, metaFor(a)))).code).toBe('conflict');
  });
});
