import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { applicationDocuments, applications, auditEvents, documents } from '../../src/db/schema';
import { markComplete } from '../../src/modules/attestations/mark-complete';
import { assignFile } from '../../src/modules/backoffice/assign-file';
import { withdrawApplication } from '../../src/modules/applications/withdraw-application';
import { verifyAuditChain } from '../../src/platform/audit';
import { metaFor } from '../support/application-builders';
import { createTestContext, type TestContext } from '../support/harness';
import { samplePdf } from '../support/sample-files';
import { buildOfficeAgent, fileRenewal, morningOf } from '../attestations/support/attestation-builders';
import { signedInAgent, signedInApplicant, type SignedInAgent } from './support';

let ctx: TestContext;
let officer: SignedInAgent;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(morningOf('2026-04-01'));
  officer = await signedInAgent(ctx, 'case_officer');
});
afterAll(() => ctx.close());

const fileOn = (filedOn: string, permitExpiresOn = '2026-07-31') => fileRenewal(ctx.services, ctx.clock, { filedOn, permitExpiresOn });
/** Filing moves the clock (`fileRenewal`); the officer's session lives at the fixed instant of the suite. */
const backToToday = () => ctx.clock.set(morningOf('2026-04-01'));

describe('the queue', () => {
  it('orders by risk, marks the badges, filters by officer and status, and never shows another prefecture', async () => {
    const assured = await fileOn('2026-04-01');
    const late = await fileOn('2026-03-25', '2026-04-15'); // filed 21 days before expiry: late, rights end soon
    const elsewhere = await fileOn('2026-04-01');
    await ctx.services.db.update(applications).set({ prefectureCode: '13' }).where(eq(applications.id, elsewhere.applicationId));
    backToToday();
    const page = await officer.client.get('/bureau');
    expect(page.statusCode).toBe(200);
    const order = [...page.body.matchAll(/data-file="([0-9a-f-]+)"/g)].map((m) => m[1]);
    expect(order.indexOf(late.applicationId)).toBeLessThan(order.indexOf(assured.applicationId));
    expect(order).not.toContain(elsewhere.applicationId);
    const lateRow = page.body.slice(page.body.indexOf(`data-file="${late.applicationId}"`)).split('</tr>')[0]!;
    expect(lateRow).toContain('data-badge="rights_at_risk"');
    expect(lateRow).toContain('Droits menacés : 15 jours');

    await assignFile(ctx.services, assured.applicationId, officer.actor, officer.user.id);
    const mine = await officer.client.get('/bureau?officer=me');
    expect(mine.body).toContain(`data-file="${assured.applicationId}"`);
    expect(mine.body).not.toContain(`data-file="${late.applicationId}"`);
    const none = await officer.client.get('/bureau?officer=none&status=filed');
    expect(none.body).toContain(`data-file="${late.applicationId}"`);
    expect(none.body).not.toContain(`data-file="${assured.applicationId}"`);
    // The filter form shows the filters in force, and only those (an empty value is written `value`).
    const selected = (body: string, id: string) => [...body.slice(body.indexOf(`id="${id}"`)).split('</select>')[0]!.matchAll(/<option value(?:="([^"]*)")? selected/g)].map((m) => m[1] ?? '');
    expect([selected(none.body, 'filter-status'), selected(none.body, 'filter-procedure'), selected(none.body, 'filter-officer')]).toEqual([['filed'], [''], ['none']]);
    expect(selected(page.body, 'filter-status')).toEqual(['open']);
    // Junk in the query string falls back to the defaults rather than failing.
    expect((await officer.client.get('/bureau?status=%3Cscript%3E&page=-3&officer=x&procedure=nope')).statusCode).toBe(200);
  });

  it('pages through more than one page of files', async () => {
    const [template] = await ctx.services.db.select().from(applications).limit(1);
    const rows = Array.from({ length: 60 }, (_, i) => ({ ...template!, id: undefined, reference: `75-26-PAGE${String(i).padStart(4, '0')}`, priorityOn: '2030-01-01' }));
    await ctx.services.db.insert(applications).values(rows.map(({ id: _id, ...r }) => r));
    const first = await officer.client.get('/bureau');
    expect(first.body).toContain('href="/bureau?page=2"');
    const second = await officer.client.get('/bureau?page=2');
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('75-26-PAGE');
    expect(second.body).toContain('aria-current="page"');
  });
});

describe('the case view and its actions', () => {
  it('shows the file with its documents inline (safe headers), then marks it complete and requests a document', async () => {
    const filed = await fileOn('2026-04-01');
    backToToday();
    const [doc] = await ctx.services.db
      .select({ id: documents.id, key: documents.storageKey })
      .from(applicationDocuments)
      .innerJoin(documents, eq(documents.id, applicationDocuments.documentId))
      .where(eq(applicationDocuments.applicationId, filed.applicationId))
      .limit(1);
    await ctx.services.storage.put(doc!.key, samplePdf());
    const page = await officer.client.get(`/bureau/dossiers/${filed.applicationId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`src="/bureau/dossiers/${filed.applicationId}/pieces/${doc!.id}"`);
    expect(page.body).toContain('id="case-messages"');
    expect(page.body).toContain('Le 1er août 2026, faute de décision');
    const bytes = await officer.client.get(`/bureau/dossiers/${filed.applicationId}/pieces/${doc!.id}`);
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-type']).toBe('application/pdf');
    expect(String(bytes.headers['content-disposition'])).toMatch(/^inline; filename="/);
    expect(bytes.headers['x-content-type-options']).toBe('nosniff');
    expect(String(bytes.headers['content-security-policy'])).toContain('sandbox');
    expect(String(bytes.headers['content-security-policy'])).toContain("frame-ancestors 'self'");

    const done = await officer.client.post(`/bureau/dossiers/${filed.applicationId}/complet`);
    expect(done.statusCode).toBe(303);
    expect((await officer.client.follow(done)).body).toContain('Le dossier est déclaré complet');

    const form = `/bureau/dossiers/${filed.applicationId}/demande-pieces`;
    const bad = await officer.client.submit(form, { 'item-0-kind': 'passport', 'item-0-reason': 'corrected', 'item-0-explanation': 'court', 'dueOn-day': '2', 'dueOn-month': '4', 'dueOn-year': '2026' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Expliquez ce qui est attendu');
    expect(bad.body).toContain('La date limite doit être entre 7 jours et 3 mois');
    expect(bad.body).toContain('>court</textarea>');
    const sent = await officer.client.submit(form, { 'item-0-kind': 'passport', 'item-0-reason': 'corrected', 'item-0-explanation': 'La page 2 est illisible : envoyez une copie nette.', 'dueOn-day': '30', 'dueOn-month': '4', 'dueOn-year': '2026' });
    expect(sent.statusCode).toBe(303);

    // The person sees exactly what is asked, on their file and documents pages; the office is named, not the agent.
    const person = await signedInApplicant(ctx, filed.applicant);
    const own = await person.get(`/demarches/${filed.applicationId}`);
    expect(own.body).toContain('La préfecture vous demande des pièces, avant le 30 avril 2026');
    expect(own.body).toContain('La page 2 est illisible');
    expect(own.body).toContain('par Préfecture de police');
    expect(own.body).not.toContain(officer.user.email);
    expect((await person.get(`/demarches/${filed.applicationId}/pieces`)).body).toContain('id="document-request"');
    // The office's own history names the agent.
    expect((await officer.client.get(`/bureau/dossiers/${filed.applicationId}`)).body).toContain(officer.user.email);
  });

  it('refuses in words (409): completing a file twice over a request, deciding a withdrawn file', async () => {
    const filed = await fileOn('2026-04-01');
    backToToday();
    const agent = await buildOfficeAgent(ctx.services);
    await markComplete(ctx.services, filed.applicationId, agent);
    await withdrawApplication(ctx.services, filed.applicant.id, filed.applicationId, metaFor(filed.applicant));
    const decision = await officer.client.submit(`/bureau/dossiers/${filed.applicationId}/decision`, { outcome: 'favourable' });
    expect(decision.statusCode).toBe(409);
    expect(decision.body).toContain('La personne a retiré sa demande');
    const note = await officer.client.submit(`/bureau/dossiers/${filed.applicationId}`, { note: '' }, `/bureau/dossiers/${filed.applicationId}/notes`);
    expect(note.statusCode).toBe(400);
    expect(note.body).toContain('La note doit faire entre 1 et 4');
  });

  it('decides with reasons: the form keeps what was typed; the person downloads the letter', async () => {
    const filed = await fileOn('2026-04-01');
    backToToday();
    await markComplete(ctx.services, filed.applicationId, officer.actor);
    const form = `/bureau/dossiers/${filed.applicationId}/decision`;
    const missing = await officer.client.submit(form, { outcome: 'unfavourable', explanation: 'Trop court' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('choisissez au moins un motif');
    expect(missing.body).toContain('>Trop court</textarea>');
    const facts = "Le contrat de travail produit n'est couvert par aucune autorisation de travail en cours de validité.";
    await officer.client.get(form);
    const done = await officer.client.post(form, { outcome: 'unfavourable', grounds: 'no_work_authorisation', explanation: facts });
    expect(done.statusCode).toBe(303);
    const person = await signedInApplicant(ctx, filed.applicant);
    const own = await person.get(`/demarches/${filed.applicationId}`);
    expect(own.body).toContain('Votre demande est refusée');
    expect(own.body).toContain('dans un délai de 2 mois');
    const letter = await person.get(`/demarches/${filed.applicationId}/decision.pdf`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    const pdf = await PDFDocument.load(letter.rawPayload);
    expect(pdf.getTitle()).toContain(filed.reference);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    // Another person, or the office of another prefecture, gets nothing.
    const stranger = await signedInAgent(ctx, 'case_officer', '13');
    expect((await stranger.client.get(`/bureau/dossiers/${filed.applicationId}/decision.pdf`)).statusCode).toBe(404);
    expect((await officer.client.get(`/bureau/dossiers/${filed.applicationId}/decision.pdf`)).statusCode).toBe(200);
  });

  it('a tampered decision in the audit log is found by the chain check', async () => {
    const [event] = await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.action, 'application.decided')).orderBy(asc(auditEvents.seq)).limit(1);
    expect((await verifyAuditChain(ctx.services.db)).ok).toBe(true);
    const { raw } = ctx.services.database;
    await raw.query('alter table audit_events disable trigger audit_events_no_change');
    try {
      await ctx.services.db.update(auditEvents).set({ data: { ...event!.data, decision: 'favourable' } }).where(and(eq(auditEvents.seq, event!.seq)));
    } finally {
      await raw.query('alter table audit_events enable trigger audit_events_no_change');
    }
    expect(await verifyAuditChain(ctx.services.db)).toMatchObject({ ok: false, brokenAt: event!.seq });
  });
});
