import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, messageAttachments, messages, messageThreads } from '../../src/db/schema';
import { MAX_UPLOAD_BYTES } from '../../src/modules/documents/inspect-upload';
import { MAX_MESSAGE_LENGTH } from '../../src/modules/messaging/message-text';
import { messagesPerAccount } from '../../src/modules/messaging/post-message';
import { startApplication } from '../../src/modules/applications/start-application';
import { fileRenewal } from '../attestations/support/attestation-builders';
import { metaFor } from '../support/application-builders';
import { buildUser } from '../support/builders';
import { createDocumentsContext, storedBytes, storedFiles } from '../support/document-helpers';
import type { TestContext } from '../support/harness';
import { applicantSide, buildAgent, loggedInClient, sendThreadForm, write } from '../support/messaging-helpers';
import { postMultipart } from '../support/multipart';
import { sampleHtml, samplePdf, sampleWindowsProgram, truncated } from '../support/sample-files';

let ctx: TestContext & { dataDir: string };
beforeAll(async () => {
  ctx = await createDocumentsContext();
});
afterAll(async () => {
  await ctx.close();
  await rm(ctx.dataDir, { recursive: true, force: true });
});

const mine = (id: string) => `/demarches/${id}/messages`;
const office = (id: string) => `/bureau/dossiers/${id}/messages`;
const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ');

async function filedInParis(postcode = '75019') {
  return fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-03-02', permitExpiresOn: '2026-12-31', postcode });
}
const messagesOf = async (applicationId: string) => {
  const [thread] = await ctx.services.db.select().from(messageThreads).where(eq(messageThreads.applicationId, applicationId));
  return thread ? ctx.services.db.select().from(messages).where(eq(messages.threadId, thread.id)) : [];
};

describe('a message thread on the file, over HTTP without JavaScript', () => {
  it('lets the applicant write from their file page and the case officer answer, with read marks and the deadline on both sides', async () => {
    const { applicant, applicationId, reference } = await filedInParis();
    const officer = await buildAgent(ctx.services, { prefectureCode: '75' });
    ctx.clock.set(new Date('2026-03-03T09:00:00Z')); // Tuesday
    const me = await loggedInClient(ctx, applicant);

    const file = await me.get(`/demarches/${applicationId}`);
    expect(file.body).toContain(`href="/demarches/${applicationId}/messages"`);
    const empty = await me.get(mine(applicationId));
    expect(empty.statusCode).toBe(200);
    expect(plain(empty.body)).toContain('la préfecture doit vous répondre dans un délai de 5 jours ouvrés');

    const sent = await sendThreadForm(ctx, me, mine(applicationId), 'Bonjour,\nma carte expire bientôt : faut-il venir au guichet ?');
    expect(sent.statusCode).toBe(303);
    const [msg] = await messagesOf(applicationId);
    expect(sent.headers.location).toBe(`${mine(applicationId)}#message-${msg!.id}`);
    const after = await me.follow(sent);
    expect(plain(after.body)).toContain('Votre message est envoyé.');
    expect(plain(after.body)).toContain('La préfecture doit vous répondre au plus tard le 10 mars 2026 (5 jours ouvrés après votre message).');
    expect(after.body).toContain('ma carte expire bientôt');
    expect(plain(after.body)).toContain('pas encore lu');

    const agent = await loggedInClient(ctx, officer);
    const list = await agent.get('/bureau/messages');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="${office(applicationId)}"`);
    expect(plain(list.body)).toContain(reference);
    expect(plain(list.body)).toContain('1 non lu');
    const thread = await agent.get(office(applicationId));
    expect(thread.statusCode).toBe(200);
    expect(plain(thread.body)).toContain('Réponse à envoyer au plus tard le 10 mars 2026');
    expect(plain(thread.body)).toContain('Awa Diallo');
    expect(thread.body).toContain('Nouveau');
    expect((await messagesOf(applicationId))[0]).toMatchObject({ readById: officer.id });

    ctx.clock.advance(3_600_000);
    const answered = await sendThreadForm(ctx, agent, office(applicationId), 'Non : vous recevrez une attestation automatiquement.');
    expect(answered.statusCode).toBe(303);
    expect(answered.headers.location).toMatch(new RegExp(`^${office(applicationId)}#message-`));
    // The case view embeds the thread and sends its form back to itself; no other place is allowed.
    await agent.get(office(applicationId));
    const keyOf = async () => /name="key" value="([^"]+)"/.exec((await agent.get(office(applicationId))).body)![1]!;
    const fromCaseView = await postMultipart(ctx.app, agent, office(applicationId), { key: await keyOf(), retour: `/bureau/dossiers/${applicationId}`, body: 'Depuis le dossier.' });
    expect(fromCaseView.headers.location).toMatch(new RegExp(`^/bureau/dossiers/${applicationId}#message-`));
    const elsewhere = await postMultipart(ctx.app, agent, office(applicationId), { key: await keyOf(), retour: '//evil.example/x', body: 'Ailleurs ?' });
    expect(elsewhere.headers.location).toMatch(new RegExp(`^${office(applicationId)}#message-`));
    const back = await me.get(mine(applicationId));
    expect(plain(back.body)).toMatch(/lu le 3 mars 2026 à 10:0\d/);
    expect(plain(back.body)).toContain('Préfecture de police de Paris (agent instructeur)');
    expect(plain(back.body)).toContain('vous recevrez une attestation automatiquement');
    expect(plain(back.body)).not.toContain('doit vous répondre au plus tard');
    // The header counts the notifications (the filing, the three answers).
    const home = await me.get('/');
    expect(plain(home.body)).toContain('Notifications (4 non lues)');
    const events = await ctx.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, applicationId), eq(auditEvents.action, 'message.sent'))).orderBy(asc(auditEvents.seq));
    expect(events.map((e) => e.actorId)).toEqual([applicant.id, officer.id, officer.id, officer.id]);
    expect(plain((await me.get(`/demarches/${applicationId}`)).body)).toContain('Message envoyé.');
  });

  it('keeps HTML and script as text, escaped on both sides', async () => {
    const { applicant, applicationId } = await filedInParis();
    const officer = await buildAgent(ctx.services, { prefectureCode: '75' });
    const me = await loggedInClient(ctx, applicant);
    const body = '<script>alert("x")</script><img src=x onerror=alert(1)> & <b>gras</b>';
    expect((await sendThreadForm(ctx, me, mine(applicationId), body)).statusCode).toBe(303);
    expect((await messagesOf(applicationId))[0]!.body).toBe(body);
    for (const page of [await me.get(mine(applicationId)), await (await loggedInClient(ctx, officer)).get(office(applicationId))]) {
      expect(page.body).not.toContain('<script>alert');
      expect(page.body).not.toContain('<img src=x');
      expect(page.body).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>&lt;img src=x onerror=alert(1)> &amp; &lt;b>gras&lt;/b>');
    }
  });

  it('makes one message of a form sent twice, one after the other or at the same time, with or without a file', async () => {
    const { applicant, applicationId } = await filedInParis();
    const me = await loggedInClient(ctx, applicant);
    const page = await me.get(mine(applicationId));
    const key = /name="key" value="([^"]+)"/.exec(page.body)![1]!;
    const first = await postMultipart(ctx.app, me, mine(applicationId), { key, body: 'Une seule fois.' });
    const second = await postMultipart(ctx.app, me, mine(applicationId), { key, body: 'Une seule fois.' });
    expect(first.statusCode).toBe(303);
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(plain((await me.follow(second)).body)).toContain("Ce message était déjà envoyé : il n'a pas été envoyé deux fois.");

    const filesBefore = (await storedFiles(ctx.dataDir)).length;
    const page2 = await me.get(mine(applicationId));
    const key2 = /name="key" value="([^"]+)"/.exec(page2.body)![1]!;
    expect(key2).not.toBe(key);
    const pdf = { fileName: 'releve.pdf', contentType: 'application/pdf', bytes: samplePdf({ text: 'releve' }) };
    const together = await Promise.all([1, 2, 3].map(() => postMultipart(ctx.app, me, mine(applicationId), { key: key2, body: 'Avec un relevé.' }, pdf)));
    expect(together.map((r) => r.statusCode)).toEqual([303, 303, 303]);
    const rows = await messagesOf(applicationId);
    expect(rows.map((r) => r.body)).toEqual(['Une seule fois.', 'Avec un relevé.']);
    const attachments = await ctx.services.db.select().from(messageAttachments).where(eq(messageAttachments.messageId, rows[1]!.id));
    expect(attachments).toHaveLength(1);
    // The copies stored by the second and third requests were removed.
    expect((await storedFiles(ctx.dataDir)).length).toBe(filesBefore + 1);
    const audits = await ctx.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, applicationId), eq(auditEvents.action, 'message.sent'))).orderBy(asc(auditEvents.seq));
    expect(audits).toHaveLength(2);
  });

  it('refuses an empty or too long message, or a stale form, with the reason next to the field and the text kept', async () => {
    const { applicant, applicationId } = await filedInParis();
    const me = await loggedInClient(ctx, applicant);
    const empty = await sendThreadForm(ctx, me, mine(applicationId), '  \n ');
    expect(empty.statusCode).toBe(400);
    expect(plain(empty.body)).toContain('Écrivez votre message, ou joignez un document.');
    expect(empty.body).toContain('aria-invalid="true"');

    const long = `Début ${'é'.repeat(MAX_MESSAGE_LENGTH)}`;
    const tooLong = await sendThreadForm(ctx, me, mine(applicationId), long);
    expect(tooLong.statusCode).toBe(400);
    expect(plain(tooLong.body)).toContain("Votre message dépasse 5000 caractères");
    expect(tooLong.body).toContain('Début éééé');

    const stale = await sendThreadForm(ctx, me, mine(applicationId), 'Mon texte à garder', undefined, { key: 'x' });
    expect(stale.statusCode).toBe(400);
    expect(plain(stale.body)).toContain('Ce formulaire a expiré');
    expect(stale.body).toContain('Mon texte à garder');
    // A value past the multipart field limit is refused, never cut short silently.
    const huge = await sendThreadForm(ctx, me, mine(applicationId), 'x'.repeat(64 * 1024));
    expect(huge.statusCode).toBe(413);
    expect(await messagesOf(applicationId)).toEqual([]);

    // A script or a stuck key cannot fill the thread: 40 messages an hour, then a clear 429.
    for (let i = 0; i < messagesPerAccount.limit; i++) await write(ctx.services, applicantSide(applicant), applicationId, `Message ${i}`);
    const flood = await sendThreadForm(ctx, me, mine(applicationId), 'Encore un');
    expect(flood.statusCode).toBe(429);
    expect(plain(flood.body)).toContain('Vous avez envoyé beaucoup de messages en peu de temps');
    expect(flood.body).toContain('Encore un');
    expect(await messagesOf(applicationId)).toHaveLength(messagesPerAccount.limit);
  });

  it('checks attachments like documents: bad files refused with their reason and nothing kept; good ones readable by the two sides only', async () => {
    const { applicant, applicationId } = await filedInParis();
    const officer = await buildAgent(ctx.services, { prefectureCode: '75' });
    const me = await loggedInClient(ctx, applicant);
    const before = (await storedFiles(ctx.dataDir)).length;
    const refusals: [string, { fileName: string; bytes: Buffer }, number, string][] = [
      ['program', { fileName: 'facture.pdf.exe', bytes: sampleWindowsProgram() }, 400, 'programme'],
      ['html', { fileName: 'page.pdf', bytes: sampleHtml() }, 400, ''],
      ['cut', { fileName: 'scan.pdf', bytes: truncated(samplePdf()) }, 400, ''],
      ['large', { fileName: 'gros.pdf', bytes: Buffer.concat([samplePdf(), Buffer.alloc(MAX_UPLOAD_BYTES)]) }, 413, '10'],
    ];
    for (const [label, file, status] of refusals) {
      const res = await sendThreadForm(ctx, me, mine(applicationId), `Avec ${label}`, file);
      expect(res.statusCode, label).toBe(status);
      expect(res.body, label).toContain('class="fr-error-text" id="file-error"');
      expect(res.body, label).toContain(`Avec ${label}`);
    }
    expect(await messagesOf(applicationId)).toEqual([]);
    expect((await storedFiles(ctx.dataDir)).length).toBe(before);

    const pdf = samplePdf({ text: 'avis imposition' });
    expect((await sendThreadForm(ctx, me, mine(applicationId), 'Mon avis d’imposition.', { fileName: 'Avis 2025.pdf', contentType: 'application/pdf', bytes: pdf })).statusCode).toBe(303);
    const [sent] = await messagesOf(applicationId);
    const [mineAttachment] = await ctx.services.db.select().from(messageAttachments).where(eq(messageAttachments.messageId, sent!.id));
    expect(mineAttachment!).toMatchObject({ originalName: 'Avis 2025.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length });
    expect(await storedBytes(ctx.dataDir, mineAttachment!.storageKey)).toEqual(pdf);
    const ownDownload = await me.get(`${mine(applicationId)}/pieces-jointes/${mineAttachment!.id}`);
    expect(ownDownload.statusCode).toBe(200);
    expect(ownDownload.headers['content-disposition']).toContain('attachment;');
    expect(ownDownload.headers['content-security-policy']).toContain('sandbox');
    expect(ownDownload.rawPayload).toEqual(pdf);
    const agent = await loggedInClient(ctx, officer);
    expect((await agent.get(`${office(applicationId)}/pieces-jointes/${mineAttachment!.id}`)).rawPayload).toEqual(pdf);

    const stranger = await loggedInClient(ctx, await buildUser(ctx.services));
    expect((await stranger.get(`${mine(applicationId)}/pieces-jointes/${mineAttachment!.id}`)).statusCode).toBe(404);
    const elsewhere = await loggedInClient(ctx, await buildAgent(ctx.services, { prefectureCode: '13' }));
    expect((await elsewhere.get(`${office(applicationId)}/pieces-jointes/${mineAttachment!.id}`)).statusCode).toBe(404);
    // An attachment of another file, reached through this file's address, is not found either.
    const other = await filedInParis('75020');
    await write(ctx.services, applicantSide(other.applicant), other.applicationId, 'Autre dossier');
    expect((await me.get(`${mine(applicationId)}/pieces-jointes/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await (await loggedInClient(ctx, other.applicant)).get(`${mine(other.applicationId)}/pieces-jointes/${mineAttachment!.id}`)).statusCode).toBe(404);
  });

  it("answers 'not found' to another applicant, another prefecture's agent, a desk agent, an applicant at the office's address and on a draft; log-in without a session; 403 without the form token", async () => {
    const { applicant, applicationId } = await filedInParis();
    await write(ctx.services, applicantSide(applicant), applicationId, 'Message privé.');
    const stranger = await loggedInClient(ctx, await buildUser(ctx.services));
    const elsewhere = await loggedInClient(ctx, await buildAgent(ctx.services, { prefectureCode: '13' }));
    const desk = await loggedInClient(ctx, await buildAgent(ctx.services, { role: 'desk_agent', prefectureCode: '75' }));
    const me = await loggedInClient(ctx, applicant);
    const cases: [string, Awaited<ReturnType<typeof loggedInClient>>, string][] = [
      ['another applicant reads', stranger, mine(applicationId)],
      ['an agent of Marseille reads', elsewhere, office(applicationId)],
      ['a desk agent reads', desk, office(applicationId)],
      ['the applicant at the office address', me, office(applicationId)],
      ['the applicant at the office list', me, '/bureau/messages'],
      ['a malformed id', me, mine('nope')],
    ];
    for (const [label, client, url] of cases) {
      const res = await client.get(url);
      expect(res.statusCode, label).toBe(404);
      expect(res.body, label).not.toContain('Message privé.');
    }
    for (const [label, client, url] of [
      ['another applicant writes', stranger, mine(applicationId)],
      ['an agent of Marseille writes', elsewhere, office(applicationId)],
    ] as const) {
      await client.get('/compte');
      const res = await postMultipart(ctx.app, client, url, { key: 'k'.repeat(20), body: 'Intrus' });
      expect(res.statusCode, label).toBe(404);
    }
    const draft = await startApplication(ctx.services, applicant.id, 'renewal_salarie', metaFor(applicant));
    expect((await me.get(mine(draft))).statusCode).toBe(404);
    expect((await ctx.client().get(mine(applicationId))).headers.location).toBe(`/connexion?retour=${encodeURIComponent(mine(applicationId))}`);
    expect((await ctx.client().get('/bureau/messages')).statusCode).toBe(303);
    await me.get(mine(applicationId));
    const forged = await postMultipart(ctx.app, me, mine(applicationId), { key: 'k'.repeat(20), body: 'Sans jeton' }, undefined, { csrf: null });
    expect(forged.statusCode).toBe(403);
    expect((await messagesOf(applicationId)).map((m) => m.body)).toEqual(['Message privé.']);
  });

  it('lists the prefecture’s threads for the office with missed deadlines first, and escalates one the sweep has not seen yet', async () => {
    const officer = await buildAgent(ctx.services, { prefectureCode: '93' });
    const head = await buildAgent(ctx.services, { role: 'head_of_office', prefectureCode: '93' });
    const late = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-03-02', permitExpiresOn: '2026-12-31', postcode: '93200' });
    const running = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-03-02', permitExpiresOn: '2026-12-31', postcode: '93100' });
    const marseille = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-03-02', permitExpiresOn: '2026-12-31', postcode: '13001' });
    ctx.clock.set(new Date('2026-03-02T09:00:00Z'));
    await write(ctx.services, applicantSide(late.applicant), late.applicationId, 'En retard.');
    await write(ctx.services, applicantSide(marseille.applicant), marseille.applicationId, 'Ailleurs.');
    ctx.clock.set(new Date('2026-03-11T09:00:00Z'));
    await write(ctx.services, applicantSide(running.applicant), running.applicationId, 'Dans le délai.');
    const agent = await loggedInClient(ctx, officer);
    const list = await agent.get('/bureau/messages');
    const body = plain(list.body);
    expect(body).toContain('1 dossier attend une réponse au-delà du délai.');
    expect(body.indexOf(late.reference)).toBeLessThan(body.indexOf(running.reference));
    expect(body).toContain('En retard : délai fini le 9 mars 2026');
    expect(body).toContain('Réponse au plus tard le 18 mars 2026');
    expect(body).not.toContain(marseille.reference);
    await ctx.services.jobs.runPending();
    const [thread] = await ctx.services.db.select().from(messageThreads).where(eq(messageThreads.applicationId, late.applicationId));
    expect(thread!.escalatedAt).not.toBeNull();
    const headPage = await (await loggedInClient(ctx, head)).get('/bureau/messages');
    expect(plain(headPage.body)).toContain('Signalé au chef de bureau');
  });
});
