import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { applicationDocuments, applications, attestations, auditEvents, counterFilings, documents, mailMessages, profiles, users } from '../../src/db/schema';
import { createDocumentsContext, storedFiles } from '../support/document-helpers';
import type { TestContext } from '../support/harness';
import { buildUser, logInAs } from '../support/builders';
import { signedInAgent } from '../support/agents';
import { fileAtTheDesk, identityFields } from '../support/counter-builders';
import { postMultipart } from '../support/multipart';
import { samplePdf } from '../support/sample-files';
import { pageContent, shownText } from '../verification/support/pdf-reading';

let ctx: TestContext & { dataDir: string };
beforeAll(async () => {
  ctx = await createDocumentsContext({ APP_SECRET: 'counter-tests-secret-0123456789abcdefghij' });
});
afterAll(() => ctx.close());

describe('filing at the counter', () => {
  it('files for a person without e-mail through the same use cases as online, with a printed receipt and the signed attestation', async () => {
    const { agent, client: desk } = await signedInAgent(ctx, 'desk_agent', '75');
    expect((await desk.get('/bureau/guichet')).statusCode).toBe(200);
    const mailsBefore = (await ctx.services.db.select().from(mailMessages)).length;
    const filed = await fileAtTheDesk(ctx, desk, { locale: 'en' });

    // The person: an applicant account of their own, with no address and no usable login.
    const [person] = await ctx.services.db.select().from(users).where(eq(users.id, filed.applicantId));
    expect(person).toMatchObject({ email: null, role: 'applicant', locale: 'en', emailVerifiedAt: null });
    expect(person!.passwordHash).toMatch(/^\$argon2id\$/);
    const [profile] = await ctx.services.db.select().from(profiles).where(eq(profiles.userId, filed.applicantId));
    expect(profile).toMatchObject({ surname: 'Traoré', givenNames: 'Mariam', birthDate: '1990-04-12', postcode: '75019' });
    // Identity checked: which document, by whom, when.
    const [filing] = await ctx.services.db.select().from(counterFilings).where(eq(counterFilings.id, filed.filingId));
    expect(filing).toMatchObject({ idDocumentKind: 'passport', idDocumentNumber: '12AB34567', identityCheckedBy: agent.id, prefectureCode: '75', applicationId: filed.applicationId });
    expect(filing!.identityCheckedAt).toEqual(expect.any(Date));
    // Only the keyed hash of the code is there to look it up; the printable copy is sealed.
    expect(filing!.claimCodeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(filing!.claimCodeSealed).not.toContain(filed.claimCode.replace(/-/g, ''));
    expect(filed.claimCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);

    // Filed like online: a reference, the documents in the person's vault, audited with the agent as actor.
    const [app] = await ctx.services.db.select().from(applications).where(eq(applications.id, filed.applicationId));
    expect(app).toMatchObject({ status: 'filed', applicantId: filed.applicantId, prefectureCode: '75', procedureId: 'renewal_salarie', filedOnTime: true });
    const docs = await ctx.services.db.select().from(documents).where(eq(documents.ownerId, filed.applicantId));
    expect(docs.map((d) => d.kind).sort()).toEqual(['current_permit', 'employment_contract', 'passport', 'payslips', 'proof_of_address']);
    expect(await ctx.services.db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, app!.id))).toHaveLength(5);
    expect(await storedFiles(ctx.dataDir)).toHaveLength(5);
    const events = await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, app!.id)).orderBy(asc(auditEvents.seq));
    const filedEvent = events.find((e) => e.action === 'application.filed')!;
    expect(filedEvent).toMatchObject({ actorId: agent.id, actorRole: 'desk_agent' });
    expect(events.map((e) => e.action)).toContain('application.claim_code_issued');

    // No mail goes anywhere for them; the receipt (attestation de dépôt) is issued as for anyone.
    await ctx.services.jobs.runPending();
    expect(await ctx.services.db.select().from(mailMessages).where(eq(mailMessages.template, 'applications.mail_filed'))).toHaveLength(0);
    const proofs = await ctx.services.db.select().from(attestations).where(eq(attestations.applicationId, app!.id));
    expect(proofs.map((p) => p.kind)).toEqual(['receipt']);
    expect(proofs[0]!.holderId).toBe(filed.applicantId);

    const receipt = await desk.get(`/bureau/guichet/${filed.filingId}/recu`);
    expect(receipt.body).toContain(filed.reference);
    expect(receipt.body).toContain(filed.claimCode);
    const link = `/bureau/guichet/${filed.filingId}/attestations/${proofs[0]!.publicId}.pdf`;
    expect(receipt.body).toContain(link);
    const signed = await desk.get(link);
    expect(signed.statusCode).toBe(200);
    expect(signed.headers['content-type']).toBe('application/pdf');

    // The paper receipt: French first, then the person's language; number, time, documents, code, how to follow.
    const pdf = await desk.get(`/bureau/guichet/${filed.filingId}/recu.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = new Uint8Array(pdf.rawPayload);
    const french = shownText((await pageContent(bytes, 0)).content);
    expect(french).toContain('Reçu de dépôt au guichet');
    expect(french).toContain(filed.reference);
    expect(french).toContain('2 mars 2026');
    expect(french).toContain('Passeport');
    expect(french).toContain(filed.claimCode);
    expect(french).toContain('http://sesame.test/demarches/rattacher');
    expect(french).toContain('Mariam TRAORÉ');
    const english = shownText((await pageContent(bytes, 1)).content);
    expect(english).toContain('Counter filing receipt');
    expect(english).toContain(filed.claimCode);
    expect((await ctx.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, app!.id), eq(auditEvents.action, 'application.counter_receipt_printed'))).orderBy(asc(auditEvents.seq))).length).toBe(1);
    // Nothing was mailed for this person at all: they have no address to send to.
    expect(await ctx.services.db.select().from(mailMessages)).toHaveLength(mailsBefore);
  });

  it('checks the identity form: required details, the document, an address of the agent’s own prefecture', async () => {
    const { client: desk } = await signedInAgent(ctx, 'desk_agent', '75');
    await desk.get('/bureau/guichet/nouveau');
    const missing = await desk.post('/bureau/guichet/nouveau', identityFields({ idDocumentKind: '', idDocumentNumber: '?', surname: '', 'birthDate-day': '', 'birthDate-month': '', 'birthDate-year': '' }));
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Choisissez le type de pièce présentée.');
    expect(missing.body).toContain('Saisissez le numéro de la pièce');
    expect(missing.body).toContain('href="#surname"');
    expect(missing.body).toContain('href="#birthDate"');
    expect(missing.body).toContain('value="Mariam"');
    const elsewhere = await desk.post('/bureau/guichet/nouveau', identityFields({ postcode: '13001', town: 'Marseille' }));
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.body).toContain("Cette adresse relève d'une autre préfecture");
    expect(elsewhere.body).toContain('value="13001"');
    expect(await ctx.services.db.select().from(counterFilings).where(eq(counterFilings.idDocumentNumber, 'NOPE'))).toHaveLength(0);
  });

  it('refuses bad scans with the documents module’s messages and stores nothing; answers are kept as typed', async () => {
    const { client: desk } = await signedInAgent(ctx, 'desk_agent', '75');
    await desk.get('/bureau/guichet/nouveau');
    const opened = await desk.post('/bureau/guichet/nouveau', identityFields({ idDocumentNumber: 'BADSCAN1' }));
    const filingId = /guichet\/([0-9a-f-]{36})\//.exec(String(opened.headers.location))![1]!;
    await desk.get(`/bureau/guichet/${filingId}/demarche`);
    await desk.post(`/bureau/guichet/${filingId}/demarche`, { procedureId: 'renewal_salarie' });
    await desk.get(`/bureau/guichet/${filingId}/reponses`);
    const wrong = await desk.post(`/bureau/guichet/${filingId}/reponses`, { timbre: '12', ephoto: 'x', action: 'continue' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('value="12"');
    const [filing] = await ctx.services.db.select().from(counterFilings).where(eq(counterFilings.id, filingId));
    const [draft] = await ctx.services.db.select().from(applications).where(eq(applications.id, filing!.applicationId!));
    expect(draft!.timbreReference).toBe('12');

    const before = (await storedFiles(ctx.dataDir)).length;
    await desk.get(`/bureau/guichet/${filingId}/pieces`);
    const html = await postMultipart(ctx.app, desk, `/bureau/guichet/${filingId}/pieces/passport`, { mode: 'add' }, { fileName: 'scan.pdf', contentType: 'application/pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>') });
    expect(html.statusCode).toBe(400);
    expect(html.body).toContain('fr-upload-group--error');
    const empty = await postMultipart(ctx.app, desk, `/bureau/guichet/${filingId}/pieces/passport`, { mode: 'add' }, { fileName: '', bytes: new Uint8Array() });
    expect(empty.statusCode).toBe(400);
    const encrypted = await postMultipart(ctx.app, desk, `/bureau/guichet/${filingId}/pieces/passport`, { mode: 'add' }, { fileName: 'locked.pdf', bytes: samplePdf({ encrypted: true }) });
    expect(encrypted.statusCode).toBe(400);
    const unknownKind = await postMultipart(ctx.app, desk, `/bureau/guichet/${filingId}/pieces/not_a_kind`, { mode: 'add' }, { fileName: 'a.pdf', bytes: samplePdf() });
    expect(unknownKind.statusCode).toBe(404);
    const noToken = await postMultipart(ctx.app, desk, `/bureau/guichet/${filingId}/pieces/passport`, { mode: 'add' }, { fileName: 'a.pdf', bytes: samplePdf() }, { csrf: null });
    expect(noToken.statusCode).toBe(403);
    expect((await storedFiles(ctx.dataDir)).length).toBe(before);

    // Filing before everything is there is refused with the list of what is missing.
    await desk.get(`/bureau/guichet/${filingId}/verification`);
    const early = await desk.post(`/bureau/guichet/${filingId}/deposer`);
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('id="review-problems"');
    const [still] = await ctx.services.db.select().from(applications).where(eq(applications.id, draft!.id));
    expect(still!.status).toBe('draft');
  });

  it('files once on a double submit, and a new code replaces the old one', async () => {
    const { client: desk } = await signedInAgent(ctx, 'desk_agent', '75');
    const filed = await fileAtTheDesk(ctx, desk, { idDocumentNumber: 'TWICE001' });
    const again = await desk.post(`/bureau/guichet/${filed.filingId}/deposer`);
    expect(again.headers.location).toBe(`/bureau/guichet/${filed.filingId}/recu`);
    expect((await desk.follow(again)).body).toContain(filed.claimCode);
    const filedEvents = await ctx.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, filed.applicationId), eq(auditEvents.action, 'application.filed'))).orderBy(asc(auditEvents.seq));
    expect(filedEvents).toHaveLength(1);
    const renewed = await desk.post(`/bureau/guichet/${filed.filingId}/nouveau-code`);
    const page = await desk.follow(renewed);
    const fresh = /id="claim-code">([A-Z0-9-]+)</.exec(page.body)![1]!;
    expect(fresh).not.toBe(filed.claimCode);
  });
});

describe('who reaches a counter filing', () => {
  it('answers "not found" to another prefecture’s desk, to case officers and applicants; a visitor logs in first', async () => {
    const { client: desk } = await signedInAgent(ctx, 'desk_agent', '75');
    const filed = await fileAtTheDesk(ctx, desk, { idDocumentNumber: 'REACH001' });
    const paths = ['recu', 'recu.pdf', 'reponses', 'pieces', 'verification', 'demarche'].map((p) => `/bureau/guichet/${filed.filingId}/${p}`);
    const { client: lyon } = await signedInAgent(ctx, 'desk_agent', '69');
    const lyonList = await lyon.get('/bureau/guichet');
    expect(lyonList.body).not.toContain(filed.filingId);
    for (const path of paths) expect((await lyon.get(path)).statusCode, path).toBe(404);
    expect((await lyon.post(`/bureau/guichet/${filed.filingId}/nouveau-code`)).statusCode).toBe(404);
    const { client: officer } = await signedInAgent(ctx, 'case_officer', '75');
    expect((await officer.get('/bureau/guichet')).statusCode).toBe(404);
    for (const path of paths) expect((await officer.get(path)).statusCode, path).toBe(404);
    const { client: head } = await signedInAgent(ctx, 'head_of_office', '75');
    expect((await head.get(`/bureau/guichet/${filed.filingId}/recu`)).statusCode).toBe(200);
    const applicant = await buildUser(ctx.services);
    const c = ctx.client();
    await logInAs(c, applicant);
    expect((await c.get('/bureau/guichet')).statusCode).toBe(404);
    expect((await c.get(paths[0]!)).statusCode).toBe(404);
    expect((await ctx.client().get('/bureau/guichet')).headers.location).toBe('/connexion?retour=%2Fbureau%2Fguichet');
    expect((await desk.get('/bureau/guichet/not-a-uuid/recu')).statusCode).toBe(404);
  });
});
