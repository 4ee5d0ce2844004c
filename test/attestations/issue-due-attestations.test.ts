import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { applications, attestations, auditEvents, signingKeys } from '../../src/db/schema';
import { issueDueAttestations } from '../../src/modules/attestations/issue-due-attestations';
import { requestAttestationSweep } from '../../src/modules/attestations/jobs';
import { markComplete } from '../../src/modules/attestations/mark-complete';
import { recordCardDelivered } from '../../src/modules/attestations/record-card-delivered';
import { recordDecision } from '../../src/modules/attestations/record-decision';
import { existingOf, loadIssuanceContext } from '../../src/modules/attestations/load-issuance-facts';
import { uncoveredDays } from '../../src/modules/attestations/issuance-rules';
import { parse2dDoc, verify2dDocSignature } from '../../src/modules/attestations/two-d-doc';
import { fileNumberFromField } from '../../src/modules/attestations/attestation-barcode';
import type { AppError } from '../../src/platform/errors';
import { isUniqueViolation } from '../../src/platform/unique-violation';
import { lastMailTo } from '../support/builders';
import { createTestContext, type TestContext } from '../support/harness';
import { attestationsOf, buildOfficeAgent, fileRenewal, morningOf } from './support/attestation-builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
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

/** A day passes: the clock moves to that morning and the daily sweep runs through pg-boss. */
async function sweepOn(day: string) {
  ctx.clock.set(morningOf(day));
  await requestAttestationSweep(ctx.services);
  await ctx.services.jobs.runPending();
}

const fieldsOf = (twoDDoc: string) => Object.fromEntries(parse2dDoc(twoDDoc).fields.map((f) => [f.di, f.value]));

describe('issuing attestations along a renewal', () => {
  it('receipt at filing, APRI 15 days before expiry, ADF on decision superseding it, ADF ended at hand-over — all signed, audited, mailed', async () => {
    const agent = await buildOfficeAgent(ctx.services);
    const desk = await buildOfficeAgent(ctx.services, { role: 'desk_agent' });
    const { applicant, applicationId, reference } = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-03-02', permitExpiresOn: '2026-06-30', sex: 'F' });

    // The receipt: proves the filing on 2 March, nothing more.
    let rows = await attestationsOf(ctx.services, applicationId);
    expect(rows).toHaveLength(1);
    const receipt = rows[0]!;
    expect(receipt).toMatchObject({ kind: 'receipt', validFrom: '2026-03-02', validTo: null, allowsWork: false, certId: ctx.services.signer.certId, prefectureCode: '75' });
    expect(receipt.publicId).toMatch(/^[2-9A-HJKMNP-Z]{16}$/);
    const parsed = parse2dDoc(receipt.twoDDoc);
    expect(parsed.header).toMatchObject({ caId: 'SE00', certId: ctx.services.signer.certId, documentDate: '2026-03-02', signatureDate: '2026-03-02', documentType: '13', country: 'FR' });
    expect(fieldsOf(receipt.twoDDoc)).toEqual({
      '6J': 'D',
      '6K': reference.padEnd(19, '0'),
      '6L': '02032026',
      '62': 'DIALLO',
      '60': 'AWA',
      '68': 'F',
      '69': '12041990',
      '67': 'SN',
      '6M': 'SALARIE',
      '6N': '02032026',
      '6O': '02032026',
      '6Y': 'FR',
    });
    expect(fileNumberFromField(fieldsOf(receipt.twoDDoc)['6K']!)).toBe(reference);
    // Checks with the signer's key and with the key published for verifiers; a changed byte fails.
    const [published] = await ctx.services.db.select().from(signingKeys).where(eq(signingKeys.certId, receipt.certId));
    expect(verify2dDocSignature(parsed, ctx.services.signer.publicKey)).toBe(true);
    expect(verify2dDocSignature(parsed, createPublicKey(published!.publicKeyPem))).toBe(true);
    expect(verify2dDocSignature(parse2dDoc(receipt.twoDDoc.replace('6O02032026', '6O02032027')), ctx.services.signer.publicKey)).toBe(false);
    // Its e-mail is the filing confirmation: no second message for the receipt.
    let mail = await lastMailTo(ctx.services, applicant.email);
    expect(mail).toMatchObject({ template: 'applications.mail_filed' });

    // Nothing more while the card runs with more than 15 days left; the APRI on day −15.
    await sweepOn('2026-06-14');
    expect(await attestationsOf(ctx.services, applicationId)).toHaveLength(1);
    await sweepOn('2026-06-15');
    rows = await attestationsOf(ctx.services, applicationId);
    const apri = rows.find((r) => r.kind === 'apri')!;
    expect(apri).toMatchObject({ validFrom: '2026-07-01', validTo: '2026-09-30', allowsWork: true, supersededAt: null });
    expect(fieldsOf(apri.twoDDoc)).toMatchObject({ '6J': '2', '6P': 'AUTORISE A TRAVAILLER', '6N': '01072026', '6O': '30092026', '6L': '02032026' });
    expect(verify2dDocSignature(parse2dDoc(apri.twoDDoc), ctx.services.signer.publicKey)).toBe(true);
    mail = await lastMailTo(ctx.services, applicant.email);
    expect(mail).toMatchObject({ template: 'attestations.mail_issued', subject: `Votre attestation de prolongation d'instruction pour la demande ${reference}` });
    expect(mail!.text).toContain('du 1er juillet 2026 au 30 septembre 2026');

    // Reruns the same day (a retry, a second worker, the event job) add nothing.
    await sweepOn('2026-06-15');
    expect(await issueDueAttestations(ctx.services, applicationId)).toEqual([]);
    expect(await attestationsOf(ctx.services, applicationId)).toHaveLength(2);

    // The office finds the file complete (the date of filing stays) and grants it on 3 August.
    ctx.clock.set(morningOf('2026-08-03'));
    await markComplete(ctx.services, applicationId, agent);
    const [completed] = await ctx.services.db.select().from(applications).where(eq(applications.id, applicationId));
    expect(completed).toMatchObject({ status: 'under_review', completedAt: morningOf('2026-03-02') });
    await recordDecision(ctx.services, applicationId, true, agent);
    await recordDecision(ctx.services, applicationId, true, agent);
    expect((await rejection(recordDecision(ctx.services, applicationId, false, agent))).code).toBe('conflict');
    await ctx.services.jobs.runPending();
    rows = await attestationsOf(ctx.services, applicationId);
    const adf = rows.find((r) => r.kind === 'adf')!;
    expect(adf).toMatchObject({ validFrom: '2026-08-03', validTo: '2026-11-02', allowsWork: true });
    expect(fieldsOf(adf.twoDDoc)).toMatchObject({ '6J': 'F', '6P': 'AUTORISE A TRAVAILLER', '6N': '03082026', '6O': '02112026' });
    const superseded = rows.find((r) => r.id === apri.id)!;
    expect(superseded.supersededBy).toBe(adf.id);
    expect(superseded.supersededAt).toEqual(morningOf('2026-08-03'));

    // The card is handed over at the desk on 10 September: the file closes, the ADF ends.
    ctx.clock.set(morningOf('2026-09-10'));
    await recordCardDelivered(ctx.services, applicationId, desk);
    await recordCardDelivered(ctx.services, applicationId, desk);
    await sweepOn('2026-10-20');
    rows = await attestationsOf(ctx.services, applicationId);
    expect(rows.map((r) => r.kind)).toEqual(['receipt', 'apri', 'adf']);
    expect(rows[2]).toMatchObject({ supersededAt: morningOf('2026-09-10'), supersededBy: null, validTo: '2026-11-02' });
    const [closed] = await ctx.services.db.select().from(applications).where(eq(applications.id, applicationId));
    expect(closed).toMatchObject({ status: 'closed', closedAt: morningOf('2026-09-10') });

    // Not a day without proof, from the end of the card to the hand-over.
    const loaded = await loadIssuanceContext(ctx.services.db, applicationId);
    expect(uncoveredDays(loaded!.facts, existingOf(rows), '2026-10-20')).toEqual([]);
    const events = await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, applicationId)).orderBy(asc(auditEvents.seq));
    const actions = events.map((e) => e.action);
    expect(actions.filter((a) => a === 'attestation.issued')).toHaveLength(3);
    expect(actions).toEqual(expect.arrayContaining(['application.filed', 'application.marked_complete', 'application.decided', 'application.card_delivered']));
    expect(actions.filter((a) => a === 'application.decided')).toHaveLength(1);
  });

  it('carries the rights of the previous title on the APRI and of the coming title on the ADF', async () => {
    const agent = await buildOfficeAgent(ctx.services);
    // A student whose renewal is for a salarié card (change of status): limited work until the decision.
    const student = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-07-15', permitCategory: 'student' });
    const visitor = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-07-15', procedureId: 'renewal_visiteur' });
    await sweepOn('2026-07-01');
    const [studentApri] = (await attestationsOf(ctx.services, student.applicationId)).filter((r) => r.kind === 'apri');
    expect(studentApri).toMatchObject({ allowsWork: true, validFrom: '2026-07-16' });
    expect(fieldsOf(studentApri!.twoDDoc)).toMatchObject({ '6P': 'AUTORISE A TRAVAILLER 964 H/AN', '6M': 'ETUDIANT' });
    const [visitorApri] = (await attestationsOf(ctx.services, visitor.applicationId)).filter((r) => r.kind === 'apri');
    expect(visitorApri).toMatchObject({ allowsWork: false });
    expect(fieldsOf(visitorApri!.twoDDoc)).not.toHaveProperty('6P');
    expect(fieldsOf(visitorApri!.twoDDoc)['6M']).toBe('VISITEUR');

    ctx.clock.set(morningOf('2026-07-20'));
    await markComplete(ctx.services, student.applicationId, agent);
    await recordDecision(ctx.services, student.applicationId, true, agent);
    await ctx.services.jobs.runPending();
    const [adf] = (await attestationsOf(ctx.services, student.applicationId)).filter((r) => r.kind === 'adf');
    expect(fieldsOf(adf!.twoDDoc)).toMatchObject({ '6P': 'AUTORISE A TRAVAILLER', '6M': 'SALARIE' });
  });

  it('issues nothing twice under 5 concurrent runs, and the database refuses a second row of a kind on a day', async () => {
    const { applicationId } = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-03-20', permitExpiresOn: '2026-07-10', runJobs: false });
    const first = await Promise.all(Array.from({ length: 5 }, () => issueDueAttestations(ctx.services, applicationId)));
    expect(first.flat().map((a) => a.kind)).toEqual(['receipt']);
    ctx.clock.set(morningOf('2026-06-30'));
    const second = await Promise.all(Array.from({ length: 5 }, () => issueDueAttestations(ctx.services, applicationId)));
    expect(second.flat().map((a) => [a.kind, a.validFrom])).toEqual([['apri', '2026-07-11']]);
    await ctx.services.jobs.runPending();
    const rows = await attestationsOf(ctx.services, applicationId);
    expect(rows.map((r) => r.kind)).toEqual(['receipt', 'apri']);
    const events = await ctx.services.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, applicationId), eq(auditEvents.action, 'attestation.issued'))).orderBy(asc(auditEvents.seq));
    expect(events).toHaveLength(2);

    const { id: _id, publicId: _p, ...copy } = rows[1]!;
    const duplicate = await rejection(ctx.services.db.insert(attestations).values({ ...copy, publicId: 'DUPLICATE0000000' }));
    expect(isUniqueViolation(duplicate)).toBe(true);
  });

  it('lets only an examining agent of the file’s prefecture decide or hand over, in workflow order', async () => {
    const { applicant, applicationId } = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-03-20', permitExpiresOn: '2026-07-10' });
    const elsewhere = await buildOfficeAgent(ctx.services, { prefectureCode: '13' });
    const desk = await buildOfficeAgent(ctx.services, { role: 'desk_agent' });
    const agent = await buildOfficeAgent(ctx.services);
    const asApplicant = { id: applicant.id, role: 'case_officer' };
    expect((await rejection(recordDecision(ctx.services, applicationId, true, elsewhere))).code).toBe('not_found');
    expect((await rejection(recordDecision(ctx.services, applicationId, true, desk))).code).toBe('not_found');
    expect((await rejection(recordDecision(ctx.services, applicationId, true, asApplicant))).code).toBe('not_found');
    expect((await rejection(recordDecision(ctx.services, 'not-a-uuid', true, agent))).code).toBe('not_found');
    // Filed but not yet examined: the workflow wants `mark_complete` first; no card before a decision.
    expect((await rejection(recordDecision(ctx.services, applicationId, true, agent))).code).toBe('conflict');
    expect((await rejection(recordCardDelivered(ctx.services, applicationId, agent))).code).toBe('conflict');
    await markComplete(ctx.services, applicationId, agent);
    await recordDecision(ctx.services, applicationId, false, agent);
    expect((await rejection(recordCardDelivered(ctx.services, applicationId, agent))).code).toBe('conflict');
    await ctx.services.jobs.runPending();
    expect((await attestationsOf(ctx.services, applicationId)).map((r) => r.kind)).toEqual(['receipt']);
  });
});
