import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { applicationDocuments, applications, auditEvents, decisions, documentRequests, documents } from '../../src/db/schema';
import { withdrawApplication } from '../../src/modules/applications/withdraw-application';
import { applicationHistory } from '../../src/modules/applications/application-history';
import { markComplete } from '../../src/modules/attestations/mark-complete';
import { blockApri } from '../../src/modules/attestations/block-apri';
import { addOfficeNote } from '../../src/modules/backoffice/add-office-note';
import { assignFile } from '../../src/modules/backoffice/assign-file';
import { decideApplication } from '../../src/modules/backoffice/decide-application';
import { markAmendmentsSeen } from '../../src/modules/backoffice/mark-amendments-seen';
import { computeQueueDates } from '../../src/modules/backoffice/refresh-queue-priority';
import { requestDocuments } from '../../src/modules/backoffice/request-documents';
import { fillQueueDatesJob } from '../../src/modules/backoffice/jobs';
import { attachDocument } from '../../src/modules/documents/attach-document';
import { replaceDocument } from '../../src/modules/documents/replace-document';
import { verifyAuditChain } from '../../src/platform/audit';
import { lastMailTo } from '../support/builders';
import { metaFor } from '../support/application-builders';
import { createTestContext, type TestContext } from '../support/harness';
import { buildOfficeAgent, fileRenewal, morningOf } from '../attestations/support/attestation-builders';
import { fileRow, rejection } from './support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const REFUSAL = { outcome: 'unfavourable' as const, grounds: ['no_work_authorisation'], explanation: "Le contrat produit n'est couvert par aucune autorisation de travail en cours de validité.", withOqtf: false };

/** The stored queue dates equal what the rules compute from scratch: one source of truth. */
async function expectQueueDatesFresh(id: string) {
  const row = await fileRow(ctx, id);
  expect({ priorityOn: row.priorityOn, rightsEndOn: row.rightsEndOn }).toEqual(await computeQueueDates(ctx.services.db, row));
}

async function newDocument(ownerId: string, kind: string) {
  const [doc] = await ctx.services.db
    .insert(documents)
    .values({ ownerId, kind, originalName: `${kind}-2.pdf`, mimeType: 'application/pdf', sizeBytes: 1200, sha256: 'y'.repeat(64), storageKey: `test/${kind}-2`, createdAt: ctx.clock.now() })
    .returning({ id: documents.id });
  return doc!.id;
}

describe('assigning a file', () => {
  it('to oneself or a colleague of the prefecture; never to someone elsewhere; internal to the office', async () => {
    const { applicationId, applicant } = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-07-31' });
    const officer = await buildOfficeAgent(ctx.services);
    const colleague = await buildOfficeAgent(ctx.services);
    const elsewhere = await buildOfficeAgent(ctx.services, { prefectureCode: '13' });
    const desk = await buildOfficeAgent(ctx.services, { role: 'desk_agent' });
    await assignFile(ctx.services, applicationId, officer, officer.id!);
    expect((await fileRow(ctx, applicationId)).assignedOfficerId).toBe(officer.id);
    await assignFile(ctx.services, applicationId, officer, colleague.id!);
    expect((await fileRow(ctx, applicationId)).assignedOfficerId).toBe(colleague.id);
    expect((await rejection(assignFile(ctx.services, applicationId, officer, elsewhere.id!))).options.fields).toEqual({ officer: 'backoffice.errors.officer_unknown' });
    expect((await rejection(assignFile(ctx.services, applicationId, elsewhere, elsewhere.id!))).code).toBe('not_found');
    expect((await rejection(assignFile(ctx.services, applicationId, desk, desk.id!))).code).toBe('not_found');
    await assignFile(ctx.services, applicationId, officer, null);
    expect((await fileRow(ctx, applicationId)).assignedOfficerId).toBeNull();
    const history = await applicationHistory(ctx.services.db, ctx.services.i18n, applicant.id, applicationId);
    expect(history.map((h) => h.action)).not.toContain('application.assigned');
  });
});

describe('completeness, document requests and their answer', () => {
  it('marks complete (clock kept from filing), requests documents with reasons and a deadline, and the answer brings the file back', async () => {
    const { applicationId, applicant, reference } = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-07-31' });
    const officer = await buildOfficeAgent(ctx.services);
    const filed = await fileRow(ctx, applicationId);
    expect(filed.priorityOn).toBe('2026-08-01');
    ctx.clock.set(morningOf('2026-04-10'));
    await markComplete(ctx.services, applicationId, officer);
    const complete = await fileRow(ctx, applicationId);
    expect(complete).toMatchObject({ status: 'under_review', completedAt: filed.completedAt });

    // A bad request: every problem at once, nothing written.
    const bad = await rejection(
      requestDocuments(ctx.services, applicationId, officer, {
        items: [
          { kind: 'passport', reason: 'corrected', explanation: 'court' },
          { kind: 'passport', reason: 'nope', explanation: 'La page deux est illisible.' },
        ],
        dueOn: '2026-04-12',
      }),
    );
    expect(bad.options.fields).toEqual({ 'item-0-explanation': 'backoffice.errors.request_explanation', 'item-1-kind': 'backoffice.errors.document_twice', 'item-1-reason': 'backoffice.errors.request_reason', dueOn: 'backoffice.errors.due_date_range' });
    expect(await ctx.services.db.select().from(documentRequests).where(eq(documentRequests.applicationId, applicationId))).toEqual([]);

    await requestDocuments(ctx.services, applicationId, officer, {
      items: [
        { kind: 'passport', reason: 'corrected', explanation: 'La page 2 du passeport est illisible : envoyez une copie nette.' },
        { kind: 'health_insurance', reason: 'missing', explanation: "Une attestation de droits à l'assurance maladie de moins de trois mois." },
      ],
      dueOn: '2026-05-10',
    });
    const incomplete = await fileRow(ctx, applicationId);
    expect(incomplete.status).toBe('incomplete');
    expect(incomplete.priorityOn).toBe('2026-05-10');
    await expectQueueDatesFresh(applicationId);
    const mail = await lastMailTo(ctx.services, applicant.email);
    expect(mail!.template).toBe('backoffice.mail_documents_requested');
    expect(mail!.subject).toContain(reference);
    expect(mail!.text).toContain('Passeport');
    expect(mail!.text).toContain('La page 2 du passeport est illisible');
    expect(mail!.text).toContain('10 mai 2026');
    // A second request while one waits is refused in words.
    expect((await rejection(requestDocuments(ctx.services, applicationId, officer, { items: [{ kind: 'payslips', reason: 'missing', explanation: 'Les trois derniers bulletins.' }], dueOn: '2026-05-10' }))).options.fields).toEqual({ _form: 'backoffice.refusals.request_pending' });
    expect((await rejection(markComplete(ctx.services, applicationId, officer))).options.fields).toEqual({ _form: 'backoffice.refusals.awaiting_documents' });

    // The person answers: a replacement, then a document the procedure did not list.
    const meta = metaFor(applicant);
    await replaceDocument(ctx.services, applicant.id, applicationId, 'passport', await newDocument(applicant.id, 'passport'), meta);
    expect((await fileRow(ctx, applicationId)).status).toBe('incomplete');
    await attachDocument(ctx.services, applicant.id, applicationId, 'health_insurance', await newDocument(applicant.id, 'health_insurance'), meta);
    const back = await fileRow(ctx, applicationId);
    expect(back.status).toBe('filed');
    expect(back.priorityOn).toBe('2026-08-01');
    await expectQueueDatesFresh(applicationId);
    const [request] = await ctx.services.db.select().from(documentRequests).where(eq(documentRequests.applicationId, applicationId));
    expect(request!.fulfilledAt).not.toBeNull();
    const history = await applicationHistory(ctx.services.db, ctx.services.i18n, applicant.id, applicationId);
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['application.documents_requested', 'application.documents_supplied']));
    const requested = history.find((h) => h.action === 'application.documents_requested')!;
    expect(requested.actor).toBe('agent');

    // The changes are new to the office until marked seen.
    expect(await markAmendmentsSeen(ctx.services, applicationId, officer, ctx.clock.now())).toBe(2);
    expect(await markAmendmentsSeen(ctx.services, applicationId, officer, ctx.clock.now())).toBe(0);
  });

  it('shows rights at risk for a late renewal, and a block moves them to the end of the last APRI', async () => {
    const late = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-07-10', permitExpiresOn: '2026-07-31' });
    expect(await fileRow(ctx, late.applicationId)).toMatchObject({ rightsEndOn: '2026-07-31', priorityOn: '2026-07-31' });
    const onTime = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-07-31' });
    expect((await fileRow(ctx, onTime.applicationId)).rightsEndOn).toBeNull();
    ctx.clock.set(morningOf('2026-07-20'));
    await ctx.services.jobs.runPending();
    const officer = await buildOfficeAgent(ctx.services);
    await blockApri(ctx.services, onTime.applicationId, officer, 'fraud_suspected', 'Le passeport présente des signes de falsification, vérification en cours.');
    const blocked = await fileRow(ctx, onTime.applicationId);
    expect(blocked.rightsEndOn).not.toBeNull();
    await expectQueueDatesFresh(onTime.applicationId);
  });
});

describe('internal notes', () => {
  it('are kept for the office and never reach the person’s history', async () => {
    const { applicationId, applicant } = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-07-31' });
    const desk = await buildOfficeAgent(ctx.services, { role: 'desk_agent' });
    expect((await rejection(addOfficeNote(ctx.services, applicationId, desk, '   '))).options.fields).toEqual({ note: 'backoffice.errors.note_length' });
    await addOfficeNote(ctx.services, applicationId, desk, 'Vu au guichet : la personne apportera le bail original.');
    const elsewhere = await buildOfficeAgent(ctx.services, { prefectureCode: '13' });
    expect((await rejection(addOfficeNote(ctx.services, applicationId, elsewhere, 'note'))).code).toBe('not_found');
    const history = await applicationHistory(ctx.services.db, ctx.services.i18n, applicant.id, applicationId);
    expect(history.map((h) => h.action)).not.toContain('application.note_added');
    const events = await ctx.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, applicationId), eq(auditEvents.action, 'application.note_added'))).orderBy(asc(auditEvents.seq));
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.data)).not.toContain('bail');
  });
});

describe('decisions', () => {
  async function underReview() {
    const filed = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-07-31' });
    const officer = await buildOfficeAgent(ctx.services);
    await markComplete(ctx.services, filed.applicationId, officer);
    return { ...filed, officer };
  }

  it('favourable: the ADF follows; the letter facts are fixed; a double submit gives the same decision; another outcome is refused', async () => {
    const { applicationId, officer, applicant, reference } = await underReview();
    const first = await decideApplication(ctx.services, applicationId, officer, { outcome: 'favourable', grounds: [], explanation: '', withOqtf: false });
    const again = await decideApplication(ctx.services, applicationId, officer, { outcome: 'favourable', grounds: [], explanation: '', withOqtf: false });
    expect(again).toEqual({ decisionId: first.decisionId, created: false });
    expect((await rejection(decideApplication(ctx.services, applicationId, officer, REFUSAL))).options.fields).toEqual({ _form: 'backoffice.refusals.already_decided_otherwise' });
    await ctx.services.jobs.runPending();
    const row = await fileRow(ctx, applicationId);
    expect(row).toMatchObject({ status: 'decided', decision: 'favourable', priorityOn: null, rightsEndOn: null });
    const [decision] = await ctx.services.db.select().from(decisions).where(eq(decisions.applicationId, applicationId));
    expect(decision!.letter).toMatchObject({ reference, prefectureName: expect.stringContaining('police'), applicantName: 'DIALLO Awa' });
    const mails = await lastMailTo(ctx.services, applicant.email);
    expect(['notifications.events.decision', 'attestations.mail_issued']).toContain(mails!.template);
  });

  it('unfavourable needs grounds from the list and the facts; records them with the audit event', async () => {
    const { applicationId, officer } = await underReview();
    const bad = await rejection(decideApplication(ctx.services, applicationId, officer, { outcome: 'unfavourable', grounds: ['made_up'], explanation: 'court', withOqtf: false }));
    expect(bad.options.fields).toEqual({ grounds: 'backoffice.errors.grounds_required', explanation: 'backoffice.errors.decision_explanation' });
    const { decisionId } = await decideApplication(ctx.services, applicationId, officer, { ...REFUSAL, withOqtf: true });
    const [event] = await ctx.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, applicationId), eq(auditEvents.action, 'application.decided'))).orderBy(asc(auditEvents.seq));
    expect(event!.data).toMatchObject({ decision: 'unfavourable', decisionId, grounds: ['no_work_authorisation'], withOqtf: true });
  });

  it('refuses a decision on a withdrawn file, and one before completeness', async () => {
    const { applicationId, officer, applicant } = await underReview();
    await withdrawApplication(ctx.services, applicant.id, applicationId, metaFor(applicant));
    expect((await rejection(decideApplication(ctx.services, applicationId, officer, REFUSAL))).options.fields).toEqual({ _form: 'backoffice.refusals.withdrawn' });
    expect(await ctx.services.db.select().from(decisions).where(eq(decisions.applicationId, applicationId))).toEqual([]);
    expect(await fileRow(ctx, applicationId)).toMatchObject({ status: 'withdrawn', priorityOn: null });
    const fresh = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-07-31' });
    expect((await rejection(decideApplication(ctx.services, fresh.applicationId, officer, REFUSAL))).options.fields).toEqual({ _form: 'backoffice.refusals.not_complete' });
  });

  it('under concurrency gives one decision: parallel calls, mixed outcomes', async () => {
    const { applicationId, officer } = await underReview();
    const colleague = await buildOfficeAgent(ctx.services);
    const calls = Array.from({ length: 6 }, (_, i) =>
      decideApplication(ctx.services, applicationId, i % 2 === 0 ? officer : colleague, i % 3 === 0 ? REFUSAL : { outcome: 'favourable', grounds: [], explanation: '', withOqtf: false }),
    );
    const results = await Promise.allSettled(calls);
    const rows = await ctx.services.db.select().from(decisions).where(eq(decisions.applicationId, applicationId));
    expect(rows).toHaveLength(1);
    const decided = await ctx.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, applicationId), eq(auditEvents.action, 'application.decided'))).orderBy(asc(auditEvents.seq));
    expect(decided).toHaveLength(1);
    const created = results.filter((r) => r.status === 'fulfilled' && r.value.created);
    expect(created).toHaveLength(1);
    // The others: the same outcome answers with that decision; the other outcome is refused.
    for (const r of results) {
      if (r.status === 'fulfilled') expect(r.value.decisionId).toBe(rows[0]!.id);
      else expect((r.reason as { options: { fields: unknown } }).options.fields).toEqual({ _form: 'backoffice.refusals.already_decided_otherwise' });
    }
    expect((await fileRow(ctx, applicationId)).decision).toBe(rows[0]!.outcome);
    expect((await verifyAuditChain(ctx.services.db)).ok).toBe(true);
  });

  it('a decision cancels nothing it should not: documents stay linked, the file is sealed', async () => {
    const { applicationId, officer } = await underReview();
    await decideApplication(ctx.services, applicationId, officer, REFUSAL);
    const links = await ctx.services.db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, applicationId));
    expect(links.length).toBeGreaterThan(0);
    expect((await rejection(assignFile(ctx.services, applicationId, officer, officer.id!))).options.fields).toEqual({ _form: 'backoffice.refusals.decided' });
    const [app] = await ctx.services.db.select({ status: applications.status }).from(applications).where(eq(applications.id, applicationId));
    expect(app!.status).toBe('decided');
  });
});

describe('files filed before the queue existed', () => {
  it('get their queue dates from the catch-up job, by the same rules', async () => {
    const { applicationId } = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-07-10', permitExpiresOn: '2026-07-31' });
    await ctx.services.db.update(applications).set({ priorityOn: null, rightsEndOn: null }).where(eq(applications.id, applicationId));
    await fillQueueDatesJob(() => ctx.services).handle({});
    expect(await fileRow(ctx, applicationId)).toMatchObject({ priorityOn: '2026-07-31', rightsEndOn: '2026-07-31' });
    await expectQueueDatesFresh(applicationId);
  });
});
