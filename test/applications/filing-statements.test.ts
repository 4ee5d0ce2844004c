import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { applicationDocuments, applications, outboxJobs } from '../../src/db/schema';
import { buildApplicant, buildReadyRenewal } from '../support/application-builders';
import { logInAs } from '../support/builders';
import { createDocumentsContext } from '../support/document-helpers';
import type { TestContext } from '../support/harness';
import { postMultipart } from '../support/multipart';
import { samplePdf } from '../support/sample-files';
import { applicationRow, redirectOf, validFee } from './helpers';

/**
 * What the last clicks of a filing cost the database, in SQL statements (one round trip each on
 * PostgreSQL, BEGIN and COMMIT included; what commits start in the background, audit linking
 * and the outbox's dispatch, is not counted): the figures of the filing benchmark's path
 * (bench/filing.ts), pinned so that a statement added there is a decision, not an accident.
 * Lower them when you remove one; raising them needs a reason.
 */
// One upload for a requirement of a draft (session, the upload counted and the application
// checked before the file is read, in one statement, then one transaction: lock, current link,
// then the vault row, the link, the version and the audit events in one statement).
// Before the cuts of issue 3: 12. Then 11 (its two audit events in one INSERT). Then 8 (its four
// writes in one statement, `db/write-together.ts`). Now 7 (the count with the application's read,
// `count-upload-and-read-application.ts`).
const UPLOAD_STATEMENTS = 7;
// Filing the draft through `/deposer` (session, the check before the transaction, then one
// transaction: lock, what the filing reads, then the writes).
// Before the cuts of issue 3: 19. Then 15 (`notify` reuses the prefecture the filing holds; the
// queue dates' three reads in one statement; the e-mail's job and the receipt's in one INSERT).
// Then 10: the update, its audit event, the notification, its e-mail, the jobs and the delivery
// in one statement (`db/write-together.ts`). Now 7: the check before the transaction reads the
// application with its documents (`own-application-with-documents.ts`), and after the lock one statement reads
// the documents, the queue's facts and the applicant `notify` needs.
const FILING_STATEMENTS = 7;

let ctx: TestContext & { dataDir: string };
beforeAll(async () => {
  ctx = await createDocumentsContext();
  ctx.clock.set(new Date('2026-03-10T09:00:00Z'));
});
afterAll(async () => {
  await ctx.close();
  await rm(ctx.dataDir, { recursive: true, force: true });
});

const show = (label: string, statements: string[]) => {
  if (process.env.SHOW_STATEMENTS) console.log(`${label}: ${statements.length}\n${statements.map((s) => `  ${s.replace(/\s+/g, ' ').slice(0, 160)}`).join('\n')}`);
};

describe('statements per filing', () => {
  it('an upload for a requirement and the filing stay within their counts of SQL statements', async () => {
    const user = await buildApplicant(ctx.services);
    const id = await buildReadyRenewal(ctx.services, user);
    await ctx.services.db.update(applications).set({ timbreReference: validFee.timbre, ephotoCode: validFee.ephoto }).where(eq(applications.id, id));
    // One document left to give, as in the benchmark.
    const [link] = await ctx.services.db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, id)).limit(1);
    await ctx.services.db.delete(applicationDocuments).where(and(eq(applicationDocuments.applicationId, id), eq(applicationDocuments.kind, link!.kind)));
    const client = ctx.client();
    await logInAs(client, user);
    await client.get(`/demarches/${id}/pieces`);

    const upload = await ctx.statementsOf(() => postMultipart(ctx.app, client, `/demarches/${id}/pieces/${link!.kind}`, { mode: 'add' }, { fileName: 'piece.pdf', bytes: samplePdf() }));
    show('upload', upload.statements);
    expect(redirectOf(upload.result)).toBe(`/demarches/${id}/pieces#piece-${link!.kind}`);
    expect(upload.statements.length).toBeLessThanOrEqual(UPLOAD_STATEMENTS);

    await client.get(`/demarches/${id}/verification`);
    const filing = await ctx.statementsOf(() => client.post(`/demarches/${id}/deposer`));
    show('filing', filing.statements);
    expect(redirectOf(filing.result)).toBe(`/demarches/${id}`);
    expect((await applicationRow(ctx.services, id)).status).toBe('filed');
    expect(filing.statements.length).toBeLessThanOrEqual(FILING_STATEMENTS);
    // What the filing queued is all there: the confirmation's e-mail and the receipt.
    const jobs = (await ctx.services.db.select().from(outboxJobs)).map((j) => [j.name, j.payload.applicationId ?? null]);
    expect(jobs).toEqual(expect.arrayContaining([['mail.deliver', null], ['attestations.issue_due', id]]));
  });
});
