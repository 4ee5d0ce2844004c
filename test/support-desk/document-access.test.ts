import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { applicationDocuments, auditEvents, documents, profiles } from '../../src/db/schema';
import { fileApplication } from '../../src/modules/applications/file-application';
import { openTicket } from '../../src/modules/support/open-ticket';
import { createTestContext, type TestContext } from '../support/harness';
import { buildApplicant, buildReadyRenewal, metaFor } from '../support/application-builders';
import { samplePdf } from '../support/sample-files';
import { signedInAgent } from './helpers';
import type { TestClient } from '../support/test-client';

let ctx: TestContext;
let support: TestClient;
let agentId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  const signed = await signedInAgent(ctx, 'support_agent');
  support = signed.c;
  agentId = signed.agent.id;
});
afterAll(() => ctx.close());

const anonymous = { actor: { id: null, role: 'anonymous', requestId: 'test' }, ip: '192.0.2.40', userAgent: 'vitest', locale: 'fr' as const };

/** A filed renewal whose passport is a real stored PDF. */
async function fileWithPassport() {
  const applicant = await buildApplicant(ctx.services);
  await ctx.services.db.update(profiles).set({ foreignerNumber: '9912345678' }).where(eq(profiles.userId, applicant.id));
  const applicationId = await buildReadyRenewal(ctx.services, applicant);
  const { reference } = await fileApplication(ctx.services, applicant.id, applicationId, metaFor(applicant));
  const [link] = await ctx.services.db
    .select({ documentId: applicationDocuments.documentId })
    .from(applicationDocuments)
    .where(and(eq(applicationDocuments.applicationId, applicationId), eq(applicationDocuments.kind, 'passport')));
  const key = `test/passport-${applicationId.slice(0, 8)}`;
  const pdf = samplePdf({ text: 'passeport' });
  await ctx.services.storage.put(key, pdf);
  await ctx.services.db.update(documents).set({ storageKey: key, sizeBytes: pdf.length }).where(eq(documents.id, link!.documentId));
  return { applicant, applicationId, fileReference: reference, passportId: link!.documentId, pdf };
}

const viewsBy = async (id: string) =>
  (await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.actorId, id)).orderBy(asc(auditEvents.seq))).filter((e) => e.action === 'support.file_documents_listed' || e.action === 'support.file_document_viewed');

describe('support agents and the documents of a file', () => {
  it('may see them for an open request that needs them, opened by the file’s applicant; every view is audited', async () => {
    const { applicant, applicationId, passportId, pdf } = await fileWithPassport();
    const opened = await openTicket(ctx.services, applicant.id, { category: 'cannot_upload', subject: 'Passeport refusé', description: 'x', applicationId }, metaFor(applicant));
    const base = `/support/demandes/${opened.reference}`;
    expect((await support.get(base)).body).toContain('Voir les pièces du dossier');
    const before = (await viewsBy(agentId)).length;
    const list = await support.get(`${base}/pieces`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`${base}/pieces/${passportId}`);
    const file = await support.get(`${base}/pieces/${passportId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    const views = (await viewsBy(agentId)).slice(before);
    expect(views.map((v) => [v.action, v.subjectId])).toEqual([
      ['support.file_documents_listed', applicationId],
      ['support.file_document_viewed', passportId],
    ]);
    expect(views[1]!.data).toMatchObject({ ticket: opened.reference, applicationId, kind: 'passport' });
  });

  it('may not without such a request: wrong category, resolved, or a file number typed by someone else — "not found", nothing sent, nothing logged', async () => {
    const { applicant, applicationId, fileReference, passportId } = await fileWithPassport();
    const question = await openTicket(ctx.services, applicant.id, { category: 'file_question', subject: 'Question', description: 'x', applicationId }, metaFor(applicant));
    const resolved = await openTicket(ctx.services, applicant.id, { category: 'cannot_upload', subject: 'Réglé', description: 'x', applicationId }, metaFor(applicant));
    await support.submit(`/support/demandes/${resolved.reference}`, { status: 'resolved' }, `/support/demandes/${resolved.reference}/statut`);
    const stranger = await openTicket(ctx.services, null, { category: 'cannot_upload', subject: 'Pas moi', description: 'x', contactEmail: 'stranger@example.org', fileReference }, anonymous);
    const before = (await viewsBy(agentId)).length;
    for (const r of [question, resolved, stranger]) {
      const base = `/support/demandes/${r.reference}`;
      expect((await support.get(`${base}/pieces`)).statusCode, r.reference).toBe(404);
      expect((await support.get(`${base}/pieces/${passportId}`)).statusCode).toBe(404);
      expect((await support.get(base)).body).toContain('Pièces du dossier non consultables');
    }
    expect((await viewsBy(agentId)).length).toBe(before);

    // Another request's allowed access does not open another file's documents.
    const other = await fileWithPassport();
    const allowed = await openTicket(ctx.services, other.applicant.id, { category: 'cannot_upload', subject: 'x', description: 'x', applicationId: other.applicationId }, metaFor(other.applicant));
    expect((await support.get(`/support/demandes/${allowed.reference}/pieces/${passportId}`)).statusCode).toBe(404);
    expect((await support.get(`/support/demandes/${allowed.reference}/pieces/not-a-uuid`)).statusCode).toBe(404);

    // Prefecture agents do not go through the support desk at all.
    const { c: officer } = await signedInAgent(ctx, 'case_officer', '75');
    expect((await officer.get(`/support/demandes/${allowed.reference}/pieces`)).statusCode).toBe(404);
  });

  it('a request made without an account opens them once the file holder’s identity is checked on it', async () => {
    const { fileReference, passportId } = await fileWithPassport();
    const opened = await openTicket(ctx.services, null, { category: 'attestation_wrong', subject: 'APRI erronée', description: 'x', contactEmail: 'holder-now@example.org', fileReference }, { ...anonymous, ip: '192.0.2.41' });
    const base = `/support/demandes/${opened.reference}`;
    expect((await support.get(`${base}/pieces`)).statusCode).toBe(404);
    const check = await support.submit(base, { birth_date: '12/04/1990', foreigner_number: '9912345678', documentKind: 'residence_permit', identityReason: 'Appel du titulaire' }, `${base}/identite`);
    expect(check.statusCode).toBe(303);
    expect((await support.get(`${base}/pieces`)).statusCode).toBe(200);
    expect((await support.get(`${base}/pieces/${passportId}`)).statusCode).toBe(200);
    // Resolving the request ends the access.
    await support.submit(base, { status: 'resolved' }, `${base}/statut`);
    expect((await support.get(`${base}/pieces`)).statusCode).toBe(404);
  });
});
