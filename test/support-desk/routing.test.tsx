import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import { fileApplication } from '../../src/modules/applications/file-application';
import { ticketsForFile, ticketsForPrefecture } from '../../src/modules/support/office/tickets-for-prefecture';
import { openTicket } from '../../src/modules/support/open-ticket';
import { FileTicketsPanel } from '../../src/modules/support/views/file-tickets-panel';
import { PageCtx, type PageContext } from '../../src/web/page-context';
import { createTestContext, type TestContext } from '../support/harness';
import { buildApplicant, buildReadyRenewal, metaFor } from '../support/application-builders';
import { lastMailTo } from '../support/builders';
import { freshClient, signedInAgent, signedInApplicant, ticketByReference } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const anonymous = (ip: string) => ({ actor: { id: null, role: 'anonymous', requestId: 'test' }, ip, userAgent: 'vitest', locale: 'fr' as const });

/** A Paris applicant with a filed renewal (examined by the Préfecture de police, 75). */
async function parisFile() {
  const applicant = await buildApplicant(ctx.services, { postcode: '75019' });
  const id = await buildReadyRenewal(ctx.services, applicant);
  const { reference } = await fileApplication(ctx.services, applicant.id, id, metaFor(applicant));
  return { applicant, applicationId: id, fileReference: reference };
}

describe('routing of requests about a file', () => {
  it('sends each to the prefecture examining the file, else the one of the postcode; other requests stay national', async () => {
    const { applicant, applicationId, fileReference } = await parisFile();
    expect(fileReference).toMatch(/^75-/);
    const fromAccount = await openTicket(ctx.services, applicant.id, { category: 'file_question', subject: 'Où en est mon dossier ?', description: 'x', applicationId }, metaFor(applicant));
    const byPostcode = await openTicket(ctx.services, null, { category: 'attestation_wrong', subject: 'Attestation sans droit au travail', description: 'x', contactEmail: 'lyon@example.org', postcode: '69003' }, anonymous('192.0.2.10'));
    const byTypedNumber = await openTicket(ctx.services, null, { category: 'file_question', subject: 'Question', description: 'x', contactEmail: 'typed@example.org', fileReference: fileReference.toLowerCase() }, anonymous('192.0.2.11'));
    const national = await openTicket(ctx.services, null, { category: 'other', subject: 'Autre', description: 'x', contactEmail: 'other@example.org', postcode: '69003' }, anonymous('192.0.2.12'));

    const t1 = await ticketByReference(ctx, fromAccount.reference);
    expect(t1).toMatchObject({ prefectureCode: '75', routedBy: 'file', applicationId });
    expect(t1.routedAt).not.toBeNull();
    expect(await ticketByReference(ctx, byPostcode.reference)).toMatchObject({ prefectureCode: '69', routedBy: 'postcode', applicationId: null });
    // A number typed by someone not signed in routes the request, but proves nothing: the desk sees who typed it.
    expect(await ticketByReference(ctx, byTypedNumber.reference)).toMatchObject({ prefectureCode: '75', routedBy: 'file', applicationId, requesterId: null });
    expect(await ticketByReference(ctx, national.reference)).toMatchObject({ prefectureCode: null, routedBy: null });

    const paris = (await ticketsForPrefecture(ctx.services.db, '75')).map((t) => t.reference);
    const lyon = (await ticketsForPrefecture(ctx.services.db, '69')).map((t) => t.reference);
    expect(paris).toEqual(expect.arrayContaining([fromAccount.reference, byTypedNumber.reference]));
    expect(paris).not.toContain(byPostcode.reference);
    expect(paris).not.toContain(national.reference);
    expect(lyon).toEqual([byPostcode.reference]);
    expect((await ticketsForFile(ctx.services.db, applicationId, '75')).map((t) => t.reference).sort()).toEqual([fromAccount.reference, byTypedNumber.reference].sort());
    expect(await ticketsForFile(ctx.services.db, applicationId, '69')).toEqual([]);
  });

  it('reach the case officers of that prefecture only: another prefecture gets "not found"', async () => {
    const { applicant, applicationId } = await parisFile();
    const mine = await openTicket(ctx.services, applicant.id, { category: 'file_question', subject: 'Pour Paris', description: 'Ma question', applicationId }, metaFor(applicant));
    const lyonTicket = await openTicket(ctx.services, null, { category: 'file_question', subject: 'Pour Lyon', description: 'x', contactEmail: 'l@example.org', postcode: '69001' }, anonymous('192.0.2.20'));
    const { c: paris } = await signedInAgent(ctx, 'case_officer', '75');
    const { c: lyon } = await signedInAgent(ctx, 'head_of_office', '69');

    const parisList = await paris.get('/bureau/signalements');
    expect(parisList.statusCode).toBe(200);
    expect(parisList.body).toContain(mine.reference);
    expect(parisList.body).not.toContain(lyonTicket.reference);
    expect(parisList.body).toContain('Préfecture de police');
    const lyonList = await lyon.get('/bureau/signalements');
    expect(lyonList.body).toContain(lyonTicket.reference);
    expect(lyonList.body).not.toContain(mine.reference);

    expect((await paris.get(`/bureau/signalements/${mine.reference}`)).statusCode).toBe(200);
    expect((await lyon.get(`/bureau/signalements/${mine.reference}`)).statusCode).toBe(404);
    expect((await lyon.submit('/bureau/signalements', { body: 'intrus', then: 'resolved' }, `/bureau/signalements/${mine.reference}/reponse`)).statusCode).toBe(404);
    expect((await ticketByReference(ctx, mine.reference)).status).toBe('open');

    // Neither applicants nor the national desk use the office's list.
    const { c: person } = await signedInApplicant(ctx, applicant);
    expect((await person.get('/bureau/signalements')).statusCode).toBe(404);
    const { c: support } = await signedInAgent(ctx, 'support_agent');
    expect((await support.get('/bureau/signalements')).statusCode).toBe(404);
    // Nor the desk agents of that prefecture: a request for help is correspondence, like a file's thread (not theirs to answer).
    const { c: deskAgent } = await signedInAgent(ctx, 'desk_agent', '75');
    expect((await deskAgent.get('/bureau/signalements')).statusCode).toBe(404);
    expect((await deskAgent.get(`/bureau/signalements/${mine.reference}`)).statusCode).toBe(404);
    const deskCase = await deskAgent.get(`/bureau/dossiers/${applicationId}`);
    expect(deskCase.statusCode).toBe(200);
    expect(deskCase.body).not.toContain(mine.reference);
    expect((await paris.get(`/bureau/dossiers/${applicationId}`)).body).toContain(`/bureau/signalements/${mine.reference}`);

    // The case officer answers; the person reads it on their request and by e-mail, from the prefecture.
    const answered = await paris.submit(`/bureau/signalements/${mine.reference}`, { body: 'Votre dossier est complet.', then: 'resolved' }, `/bureau/signalements/${mine.reference}/reponse`);
    expect(answered.statusCode).toBe(303);
    const mail = await lastMailTo(ctx.services, applicant.email);
    expect(mail!.template).toBe('support.mail_office_reply');
    expect(mail!.text).toContain('Préfecture de police de Paris a répondu');
    expect(mail!.text).toContain('Votre dossier est complet.');
    const page = await person.get(`/compte/demandes/${mine.reference}`);
    expect(page.body).toContain('Votre dossier est complet.');
    expect(page.body).toContain('Transmise à : Préfecture de police');
  });

  it('a support agent may route a request by hand; the previous prefecture stops seeing it at once', async () => {
    const opened = await openTicket(ctx.services, null, { category: 'file_question', subject: 'Déménagement', description: 'x', contactEmail: 'moved@example.org', postcode: '69001' }, anonymous('192.0.2.30'));
    const { c: support } = await signedInAgent(ctx, 'support_agent');
    const { c: lyon } = await signedInAgent(ctx, 'case_officer', '69');
    const { c: paris } = await signedInAgent(ctx, 'case_officer', '75');
    expect((await lyon.get(`/bureau/signalements/${opened.reference}`)).statusCode).toBe(200);
    const path = `/support/demandes/${opened.reference}`;
    expect((await support.submit(path, { prefectureCode: '75', routeReason: '' }, `${path}/orienter`)).statusCode).toBe(400);
    expect((await support.submit(path, { prefectureCode: '999', routeReason: 'x' }, `${path}/orienter`)).statusCode).toBe(400);
    expect((await support.submit(path, { prefectureCode: '75', routeReason: 'La personne habite Paris depuis mars' }, `${path}/orienter`)).statusCode).toBe(303);
    expect((await lyon.get(`/bureau/signalements/${opened.reference}`)).statusCode).toBe(404);
    expect((await paris.get(`/bureau/signalements/${opened.reference}`)).statusCode).toBe(200);
    expect(await ticketByReference(ctx, opened.reference)).toMatchObject({ prefectureCode: '75', routedBy: 'agent' });
  });

  it('the panel for the case view lists a file’s requests with links to them', async () => {
    const { applicant, applicationId } = await parisFile();
    const opened = await openTicket(ctx.services, applicant.id, { category: 'attestation_wrong', subject: 'APRI sans mention travail', description: 'x', applicationId }, metaFor(applicant));
    const t = ctx.services.i18n.translator('fr');
    const page: PageContext = { t, locale: 'fr', dir: 'ltr', path: '/', csrfToken: '', requestId: 'r', user: null, flash: null, draft: null, showDevLinks: false };
    const html = renderToString(
      <PageCtx.Provider value={page}>
        <FileTicketsPanel tickets={await ticketsForFile(ctx.services.db, applicationId, '75')} now={ctx.clock.now()} />
      </PageCtx.Provider>,
    );
    expect(html).toContain(`href="/bureau/signalements/${opened.reference}"`);
    expect(html).toContain('APRI sans mention travail');
    const empty = renderToString(
      <PageCtx.Provider value={page}>
        <FileTicketsPanel tickets={[]} now={ctx.clock.now()} />
      </PageCtx.Provider>,
    );
    expect(empty).toContain('Aucune demande d&#39;aide sur ce dossier.'.replace('&#39;', "'"));
    void freshClient;
  });
});
