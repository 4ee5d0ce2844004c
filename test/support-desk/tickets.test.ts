import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { supportAttachments, supportMessages, supportTickets } from '../../src/db/schema';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, lastMailTo } from '../support/builders';
import { postMultipart } from '../support/multipart';
import { samplePdf } from '../support/sample-files';
import { auditOf, followPathIn, freshClient, mailsTo, publicTicket, signedInAgent, signedInApplicant, ticketByReference } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** Opens a request from the public form; returns the follow path the redirect points to. */
async function openPublic(fields: Record<string, string> = {}) {
  const c = freshClient(ctx);
  const form = publicTicket(fields);
  const res = await c.submit('/aide', form);
  expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
  return { c, form, followPath: res.headers.location as string };
}

describe('a request opened without an account', () => {
  it('gets a reference, a deadline and a secret follow link, shown at once and e-mailed', async () => {
    const { c, form, followPath } = await openPublic({ category: 'lost_email', subject: 'Plus accès à ma boîte' });
    expect(followPath).toMatch(/^\/aide\/suivi\/[A-Za-z0-9_-]{43}$/);
    const page = await c.get(followPath);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Votre demande est enregistrée. L'adresse de cette page vous a été envoyée par e-mail");
    const reference = /Demande (AIDE-[2-9A-Z]{8})/.exec(page.body)![1]!;
    expect(page.body).toContain("Je n'ai plus accès à mon adresse e-mail");
    expect(page.body).toContain('Reçue');
    // Opened on Monday 2 March 2026 at 10:00 in Paris: lost e-mail is answered within 1 working day.
    expect(page.body).toContain('Réponse prévue au plus tard le 3 mars 2026 à 18:00');

    const ticket = await ticketByReference(ctx, reference);
    expect(ticket.requesterId).toBeNull();
    expect(ticket.contactEmail).toBe(form.contactEmail);
    // Only the hash of the secret is stored, never the secret as it appears in the link.
    expect(ticket.followTokenHash).not.toContain(followPath.split('/').pop());
    expect(ticket.followTokenSealed).not.toContain(followPath.split('/').pop());

    const mail = await lastMailTo(ctx.services, form.contactEmail);
    expect(mail!.template).toBe('support.mail_ticket_opened');
    expect(mail!.subject).toBe(`Votre demande ${reference} est enregistrée`);
    expect(followPathIn(mail!.text)).toBe(followPath);
    // Nothing the person typed is echoed to an unverified address.
    expect(mail!.text).not.toContain('Plus accès à ma boîte');
    expect((await auditOf(ctx, ticket.id)).map((e) => e.action)).toEqual(['support.ticket_opened']);
  });

  it('gives nothing away about an account address: same answer whether it has an account or not', async () => {
    const existing = await buildUser(ctx.services);
    const a = await openPublic({ category: 'lost_email', accountEmail: existing.email });
    const b = await openPublic({ category: 'lost_email', accountEmail: 'nobody-here@example.org' });
    const pa = await a.c.get(a.followPath);
    const pb = await b.c.get(b.followPath);
    const strip = (html: string) => html.replace(/AIDE-[2-9A-Z]{8}/g, 'REF').replace(/name="_csrf" value="[^"]+"/, '').replace(/(\/|%2F)aide(\/|%2F)suivi(\/|%2F)[A-Za-z0-9_-]+/g, 'LINK').replace(/requete=[0-9a-f-]+/g, '');
    expect(strip(pa.body)).toBe(strip(pb.body));
    const ma = await lastMailTo(ctx.services, a.form.contactEmail);
    const mb = await lastMailTo(ctx.services, b.form.contactEmail);
    expect(ma!.text.replace(/AIDE-\w+|\/aide\/suivi\/\S+/g, '')).toBe(mb!.text.replace(/AIDE-\w+|\/aide\/suivi\/\S+/g, ''));
    // The desk, though, knows which account it is about.
    const ta = await ticketByReference(ctx, /AIDE-[2-9A-Z]{8}/.exec(pa.body)![0]);
    expect(ta.subjectUserId).toBe(existing.id);
    // And the account's own mailbox received nothing.
    expect(await mailsTo(ctx, existing.email)).toEqual([]);
  });

  it('refuses bad input with messages, 400, and keeps what was typed', async () => {
    const c = freshClient(ctx);
    const empty = await c.submit('/aide', { category: '', subject: '', description: '', contactEmail: 'pas-une-adresse' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choisissez le type de problème.');
    expect(empty.body).toContain('value="pas-une-adresse"');
    expect(empty.body).toContain('id="resume-erreurs"');
    const long = await c.submit('/aide', publicTicket({ subject: 'x'.repeat(151), description: 'y'.repeat(5001) }));
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('Saisissez au plus 150 caractères.');
    const badPostcode = await c.submit('/aide', publicTicket({ category: 'file_question', postcode: '7500' }));
    expect(badPostcode.statusCode).toBe(400);
    const tampered = await c.submit('/aide', publicTicket({ category: 'bug_report' }));
    expect(tampered.statusCode).toBe(400);
    expect(await ctx.services.db.select().from(supportTickets).where(eq(supportTickets.contactEmail, 'pas-une-adresse'))).toEqual([]);
  });

  it('refuses a form without its anti-forgery token', async () => {
    const c = freshClient(ctx);
    await c.get('/aide');
    const res = await c.post('/aide', publicTicket(), { csrf: null });
    expect(res.statusCode).toBe(403);
  });

  it('escapes what the person typed, on their page and on the desk', async () => {
    const script = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const { c, followPath } = await openPublic({ subject: script, description: `${script}\nligne 2`, contactName: script });
    const page = await c.get(followPath);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
    const reference = /AIDE-[2-9A-Z]{8}/.exec(page.body)![0];
    const { c: desk } = await signedInAgent(ctx, 'support_agent');
    const view = await desk.get(`/support/demandes/${reference}`);
    expect(view.statusCode).toBe(200);
    expect(view.body).not.toContain('<script>alert');
    expect(view.body).toContain('&lt;img src=x onerror=alert(1)>');
  });

  it('answers a wrong or malformed follow link with "not found"', async () => {
    const c = freshClient(ctx);
    expect((await c.get('/aide/suivi/abc')).statusCode).toBe(404);
    expect((await c.get(`/aide/suivi/${'A'.repeat(43)}`)).statusCode).toBe(404);
    expect((await c.get('/aide/suivi/%3Cscript%3E')).statusCode).toBe(404);
  });

  it('lets the person write again through the link; a resolved request reopens with a new deadline', async () => {
    const { c, followPath } = await openPublic({ category: 'other' });
    const reference = /AIDE-[2-9A-Z]{8}/.exec((await c.get(followPath)).body)![0];
    const { c: desk } = await signedInAgent(ctx, 'support_agent');
    await desk.submit(`/support/demandes/${reference}`, { body: 'C’est réglé, bonne journée.', then: 'resolved' }, `/support/demandes/${reference}/reponse`);
    expect((await ticketByReference(ctx, reference)).status).toBe('resolved');

    ctx.clock.advance(3 * 24 * 3_600_000); // Thursday
    const empty = await c.submit(followPath, { body: '' }, `${followPath}/reponse`);
    expect(empty.statusCode).toBe(400);
    const res = await c.submit(followPath, { body: 'Non, toujours pas réglé.' }, `${followPath}/reponse`);
    expect(res.statusCode).toBe(303);
    const ticket = await ticketByReference(ctx, reference);
    expect(ticket.status).toBe('open');
    // "Other" is answered within 5 working days: Thursday 5 March → Thursday 12 March, 18:00 Paris.
    expect(ticket.dueAt.toISOString()).toBe('2026-03-12T17:00:00.000Z');
    const page = await c.get(followPath);
    expect(page.body).toContain('C’est réglé, bonne journée.');
    expect(page.body).toContain('Non, toujours pas réglé.');
    ctx.clock.advance(-3 * 24 * 3_600_000);
  });

  it('refuses a NUL character in what is typed, in a form or a multipart one, with 400 and nothing written', async () => {
    const { c, followPath } = await openPublic({ category: 'other' });
    const reference = /AIDE-[2-9A-Z]{8}/.exec((await c.get(followPath)).body)![0];
    const { c: desk } = await signedInAgent(ctx, 'support_agent');
    await desk.get(`/support/demandes/${reference}`);
    const { id: ticketId } = await ticketByReference(ctx, reference);
    const messagesOf = async () => (await ctx.services.db.select().from(supportMessages).where(eq(supportMessages.ticketId, ticketId))).length;
    const before = await messagesOf();
    // Once a 500 from the database: PostgreSQL cannot store U+0000.
    const reply = await desk.post(`/support/demandes/${reference}/reponse`, { body: 'Bon\u0000jour', then: 'in_progress' });
    expect(reply.statusCode).toBe(400);
    expect(reply.body).toContain('Demande invalide');
    expect(await messagesOf()).toBe(before);
    const person = freshClient(ctx);
    await person.get('/aide');
    const ticketsBefore = (await ctx.services.db.select({ id: supportTickets.id }).from(supportTickets)).length;
    const opened = await postMultipart(ctx.app, person, '/aide', publicTicket({ description: 'Mon dossier\u0000 est bloqué depuis des semaines.' }));
    expect(opened.statusCode).toBe(400);
    expect((await ctx.services.db.select({ id: supportTickets.id }).from(supportTickets)).length).toBe(ticketsBefore);
  });

  it('still answers when the follow link cannot be decrypted (secret rotated): the mail points to where a new link is asked for', async () => {
    const { form, c, followPath } = await openPublic();
    const reference = /AIDE-[2-9A-Z]{8}/.exec((await c.get(followPath)).body)![0];
    await ctx.services.db.update(supportTickets).set({ followTokenSealed: 'v1.AAAA.BBBB.CCCC' }).where(eq(supportTickets.reference, reference));
    const { c: desk } = await signedInAgent(ctx, 'support_agent');
    const res = await desk.submit(`/support/demandes/${reference}`, { body: 'Réponse malgré tout', then: 'in_progress' }, `/support/demandes/${reference}/reponse`);
    expect(res.statusCode).toBe(303);
    const mail = await lastMailTo(ctx.services, form.contactEmail);
    expect(mail!.text).toContain('Réponse malgré tout');
    expect(mail!.text).toContain('http://sesame.test/aide/suivi\n');
  });

  it('sends a new follow link to the address of the request only, and says the same thing in every case', async () => {
    const { c, form, followPath } = await openPublic();
    const reference = /AIDE-[2-9A-Z]{8}/.exec((await c.get(followPath)).body)![0];
    const stranger = freshClient(ctx);
    const wrong = await stranger.submit('/aide/suivi', { reference, email: 'someone-else@example.org' });
    const right = await stranger.submit('/aide/suivi', { reference: reference.toLowerCase().replace('-', ' '), email: form.contactEmail });
    expect(wrong.statusCode).toBe(200);
    expect(right.statusCode).toBe(200);
    expect(wrong.body.replace(/name="_csrf" value="[^"]+"/, '').replace(/requete=[0-9a-f-]+/, '')).toBe(right.body.replace(/name="_csrf" value="[^"]+"/, '').replace(/requete=[0-9a-f-]+/, ''));
    expect(await mailsTo(ctx, 'someone-else@example.org')).toEqual([]);
    const mails = await mailsTo(ctx, form.contactEmail);
    expect(mails.map((m) => m.template)).toEqual(['support.mail_ticket_opened', 'support.mail_follow_link']);
    const newPath = followPathIn(mails[1]!.text);
    expect(newPath).not.toBe(followPath);
    expect((await c.get(followPath)).statusCode).toBe(404);
    expect((await c.get(newPath)).statusCode).toBe(200);
  });

  it('limits how many requests one address may open in an hour', async () => {
    const c = freshClient(ctx);
    for (let i = 0; i < 10; i++) expect((await c.submit('/aide', publicTicket())).statusCode).toBe(303);
    const limited = await c.submit('/aide', publicTicket({ subject: 'onzième' }));
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.body).toContain('Trop de tentatives');
    expect(limited.body).toContain('value="onzième"');
  });
});

describe('a file sent with a request', () => {
  it('is checked like a document of a file: a real PDF is kept, HTML is refused with its message and nothing is stored', async () => {
    const c = freshClient(ctx);
    await c.get('/aide');
    const fields = publicTicket({ category: 'cannot_upload', subject: 'Envoi impossible' });
    const ok = await postMultipart(ctx.app, c, '/aide', fields, { fileName: 'capture.pdf', contentType: 'application/pdf', bytes: samplePdf() });
    expect(ok.statusCode).toBe(303);
    const page = await c.get(ok.headers.location as string);
    const ticket = await ticketByReference(ctx, /AIDE-[2-9A-Z]{8}/.exec(page.body)![0]);
    const [att] = await ctx.services.db.select().from(supportAttachments).where(eq(supportAttachments.ticketId, ticket.id));
    expect(att!.mimeType).toBe('application/pdf');
    expect(att!.storageKey).toMatch(/^support\/[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(page.body).toContain('Fichier joint : capture.pdf');

    const before = (await ctx.services.db.select().from(supportAttachments)).length;
    const html = await postMultipart(ctx.app, c, '/aide', { ...fields, subject: 'Avec du HTML' }, { fileName: 'page.pdf', contentType: 'application/pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>') });
    expect(html.statusCode).toBe(400);
    expect(html.body).toContain('value="Avec du HTML"');
    expect(html.body).toMatch(/page web|HTML/i);
    expect((await ctx.services.db.select().from(supportAttachments)).length).toBe(before);
    expect(await ctx.services.db.select().from(supportTickets).where(eq(supportTickets.subject, 'Avec du HTML'))).toEqual([]);
  });

  it('reaches the desk, which downloads it (audited); another request’s reference does not open it', async () => {
    const c = freshClient(ctx);
    await c.get('/aide');
    const pdf = samplePdf({ text: 'capture' });
    const res = await postMultipart(ctx.app, c, '/aide', publicTicket({ subject: 'Avec pièce jointe' }), { fileName: 'écran.pdf', bytes: pdf });
    const reference = /AIDE-[2-9A-Z]{8}/.exec((await c.get(res.headers.location as string)).body)![0];
    const ticket = await ticketByReference(ctx, reference);
    const [att] = await ctx.services.db.select().from(supportAttachments).where(eq(supportAttachments.ticketId, ticket.id));
    const { c: desk } = await signedInAgent(ctx, 'support_agent');
    const file = await desk.get(`/support/demandes/${reference}/pieces-jointes/${att!.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''%C3%A9cran.pdf");
    expect((await auditOf(ctx, ticket.id)).map((e) => e.action)).toContain('support.attachment_viewed');
    const { followPath } = await openPublic();
    const otherReference = /AIDE-[2-9A-Z]{8}/.exec((await freshClient(ctx).get(followPath)).body)![0];
    expect((await desk.get(`/support/demandes/${otherReference}/pieces-jointes/${att!.id}`)).statusCode).toBe(404);
    // Not routed to a prefecture: no office sees it.
    const { c: officer } = await signedInAgent(ctx, 'case_officer', '75');
    expect((await officer.get(`/bureau/signalements/${reference}/pieces-jointes/${att!.id}`)).statusCode).toBe(404);
  });

  it('refuses a multipart form without its token before reading the file', async () => {
    const c = freshClient(ctx);
    await c.get('/aide');
    const res = await postMultipart(ctx.app, c, '/aide', publicTicket(), { fileName: 'a.pdf', bytes: samplePdf() }, { csrf: null });
    expect(res.statusCode).toBe(403);
  });
});

describe('in the person’s language', () => {
  it('answers and e-mails in English for an English speaker', async () => {
    const c = freshClient(ctx);
    c.cookies.set('sesame_lang', 'en'); // as the language switch leaves it
    const form = publicTicket();
    const res = await c.submit('/aide', form);
    expect(res.statusCode).toBe(303);
    const page = await c.get(res.headers.location as string);
    expect(page.body).toContain('Your request is recorded.');
    const mail = await lastMailTo(ctx.services, form.contactEmail);
    expect(mail!.subject).toMatch(/^Your request AIDE-[2-9A-Z]{8} is recorded$/);
    expect(mail!.locale).toBe('en');
  });
});

describe('a request opened from an account', () => {
  it('goes to the account, lists among the person’s requests, and only its owner reaches it', async () => {
    const { user, c } = await signedInApplicant(ctx);
    const res = await c.submit('/aide', { category: 'other', subject: 'Depuis mon compte', description: 'Question.' });
    expect(res.statusCode).toBe(303);
    const path = res.headers.location as string;
    expect(path).toMatch(/^\/compte\/demandes\/AIDE-[2-9A-Z]{8}$/);
    const reference = path.split('/').pop()!;
    const ticket = await ticketByReference(ctx, reference);
    expect(ticket.requesterId).toBe(user.id);
    expect(ticket.subjectUserId).toBe(user.id);
    expect(ticket.contactEmail).toBe(user.email);
    expect(ticket.followTokenHash).toBeNull();
    const mail = await lastMailTo(ctx.services, user.email);
    expect(mail!.text).toContain(`http://sesame.test/compte/demandes/${reference}`);

    const list = await c.get('/compte/demandes');
    expect(list.body).toContain(`${reference} — Depuis mon compte`);
    expect((await c.get(`/compte/demandes/${reference.toLowerCase()}`)).statusCode).toBe(200);
    const reply = await c.submit(path, { body: 'Une précision.' }, `${path}/reponse`);
    expect(reply.statusCode).toBe(303);
    const [msg] = await ctx.services.db.select().from(supportMessages).where(eq(supportMessages.ticketId, ticket.id));
    expect(msg!.authorKind).toBe('person');

    const { c: other } = await signedInApplicant(ctx);
    expect((await other.get(path)).statusCode).toBe(404);
    expect((await other.submit('/compte/demandes', {}, `${path}/reponse`)).statusCode).toBe(404);
    const anonymous = freshClient(ctx);
    expect((await anonymous.get(path)).headers.location).toBe(`/connexion?retour=${encodeURIComponent(path)}`);
  });

  it('refuses a file that is not the person’s own', async () => {
    const { c } = await signedInApplicant(ctx);
    const res = await c.submit('/aide', { category: 'file_question', subject: 'Mon dossier', description: 'Où en est-il ?', applicationId: '00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Choisissez un de vos dossiers dans la liste.');
  });
});
