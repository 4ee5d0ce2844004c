import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { profiles, sessions, supportIdentityChecks, users } from '../../src/db/schema';
import { openTicket } from '../../src/modules/support/open-ticket';
import { verifyAuditChain } from '../../src/platform/audit';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, codeIn, lastMailTo, linkIn, logInAs, type BuiltUser } from '../support/builders';
import { buildApplicant, metaFor } from '../support/application-builders';
import { auditOf, followPathIn, freshClient, mailsTo, signedInAgent, ticketByReference } from './helpers';
import type { TestClient } from '../support/test-client';

let ctx: TestContext;
let desk: TestClient;
let agent: BuiltUser;
beforeAll(async () => {
  ctx = await createTestContext();
  ({ c: desk, agent } = await signedInAgent(ctx, 'support_agent'));
});
afterAll(() => ctx.close());

const anonymousMeta = { actor: { id: null, role: 'anonymous', requestId: 'test' }, ip: '192.0.2.1', userAgent: 'vitest', locale: 'fr' as const };

/** An applicant (born 12/04/1990, foreigner number 7503120521) and the request of someone who says they lost its mailbox. */
async function lostEmailCase() {
  const person = await buildApplicant(ctx.services);
  await ctx.services.db.update(profiles).set({ foreignerNumber: '7503120521' }).where(eq(profiles.userId, person.id));
  const contactEmail = `new-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const opened = await openTicket(
    ctx.services,
    null,
    { category: 'lost_email', subject: 'Boîte perdue', description: 'Je n’ai plus accès à mon adresse.', contactEmail, accountEmail: person.email },
    { ...anonymousMeta, ip: `192.0.2.${Math.floor(Math.random() * 250)}` },
  );
  return { person, contactEmail, reference: opened.reference, followPath: `/aide/suivi/${opened.followToken}` };
}

const casePath = (reference: string) => `/support/demandes/${reference}`;
const act = (reference: string, action: string, fields: Record<string, string>) => desk.submit(casePath(reference), fields, `${casePath(reference)}/${action}`);
const passCheck = (reference: string) =>
  act(reference, 'identite', { birth_date: '12/04/1990', foreigner_number: '75 0312 0521', documentKind: 'passport', identityReason: 'Appel de la personne, boîte perdue' });

describe('the support desk', () => {
  it('is for support agents only: anyone else gets "not found"', async () => {
    const { reference } = await lostEmailCase();
    const { c: officer } = await signedInAgent(ctx, 'case_officer', '75');
    const applicant = freshClient(ctx);
    await logInAs(applicant, await buildUser(ctx.services));
    for (const c of [officer, applicant]) {
      expect((await c.get('/support')).statusCode).toBe(404);
      expect((await c.get(casePath(reference))).statusCode).toBe(404);
      expect((await c.post(`${casePath(reference)}/deverrouiller`, { unlockReason: 'x' })).statusCode).toBe(404);
    }
    expect((await freshClient(ctx).get('/support')).headers.location).toBe('/connexion?retour=%2Fsupport');
    expect((await desk.get('/support')).statusCode).toBe(200);
    expect((await desk.get('/support/demandes/AIDE-22222222')).statusCode).toBe(404);
  });

  it('lists the requests to handle soonest deadline first', async () => {
    const meta = { ...anonymousMeta, ip: '192.0.2.200' };
    const mk = (category: 'other' | 'lost_email' | 'file_question', subject: string) =>
      openTicket(ctx.services, null, { category, subject, description: 'x', contactEmail: `${subject}@example.org` }, meta);
    const other = await mk('other', 'ordre-autre');
    const lost = await mk('lost_email', 'ordre-perdu');
    const question = await mk('file_question', 'ordre-question');
    const page = (await desk.get('/support')).body;
    const at = (r: string) => page.indexOf(r);
    expect(at(lost.reference)).toBeGreaterThan(0);
    expect(at(lost.reference)).toBeLessThan(at(question.reference));
    expect(at(question.reference)).toBeLessThan(at(other.reference));
  });

  it('assigns to me, answers the person on their page and by e-mail with the same follow link', async () => {
    const { reference, contactEmail, followPath } = await lostEmailCase();
    expect((await desk.submit(casePath(reference), {}, `${casePath(reference)}/prendre`)).statusCode).toBe(303);
    let ticket = await ticketByReference(ctx, reference);
    expect(ticket.assignedAgentId).toBe(agent.id);
    expect(ticket.status).toBe('in_progress');
    expect((await desk.get('/support?vue=mine')).body).toContain(reference);

    const res = await act(reference, 'reponse', { body: 'Pouvez-vous nous appeler au 3400 ?', then: 'waiting_for_person' });
    expect(res.statusCode).toBe(303);
    ticket = await ticketByReference(ctx, reference);
    expect(ticket.status).toBe('waiting_for_person');
    const mail = (await mailsTo(ctx, contactEmail)).at(-1)!;
    expect(mail.template).toBe('support.mail_reply');
    expect(mail.text).toContain('Pouvez-vous nous appeler au 3400 ?');
    expect(followPathIn(mail.text)).toBe(followPath);
    const page = await freshClient(ctx).get(followPath);
    expect(page.body).toContain('Pouvez-vous nous appeler au 3400 ?');
    expect(page.body).toContain('Support Sésame');
    expect(page.body).toContain('En attente de votre réponse');
    expect((await auditOf(ctx, ticket.id)).map((e) => e.action)).toEqual(['support.ticket_opened', 'support.ticket_assigned', 'support.ticket_answered']);
  });

  it('refuses a status the workflow does not allow, with a message', async () => {
    const { reference } = await lostEmailCase();
    await act(reference, 'statut', { status: 'resolved' });
    const res = await act(reference, 'statut', { status: 'waiting_for_person' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Cette demande ne peut pas passer à cet état depuis son état actuel.');
    expect((await act(reference, 'statut', { status: 'nonsense' })).statusCode).toBe(400);
    const take = await act(reference, 'prendre', {});
    expect(take.statusCode).toBe(409);
    expect(take.body).toContain('Cette demande est résolue : rouvrez-la avant d&#39;agir.'.replace('&#39;', "'"));
    const answer = await act(reference, 'reponse', { body: 'Encore un mot', then: 'in_progress' });
    expect(answer.statusCode).toBe(409);
    expect(answer.body).toContain('>Encore un mot</textarea>');
  });
});

describe('account actions', () => {
  it('are refused without a passed identity check on the request; the check compares answers without keeping them', async () => {
    const { person, reference } = await lostEmailCase();
    const refused = await act(reference, 'e-mail', { newEmail: 'refused@example.org', emailReason: 'Boîte perdue' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Une vérification d&#39;identité réussie'.replace('&#39;', "'"));
    expect(await mailsTo(ctx, 'refused@example.org')).toEqual([]);

    const noQuestion = await act(reference, 'identite', { documentKind: 'passport', identityReason: 'x' });
    expect(noQuestion.statusCode).toBe(400);
    expect(noQuestion.body).toContain('Posez au moins deux questions');
    const noReason = await act(reference, 'identite', { birth_date: '12/04/1990', documentKind: 'passport', identityReason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Indiquez la raison de cette action');

    const wrong = await act(reference, 'identite', { birth_date: '13/04/1990', foreigner_number: '7503120521', documentKind: 'passport', identityReason: 'Appel' });
    expect(wrong.statusCode).toBe(303);
    const [check] = await ctx.services.db.select().from(supportIdentityChecks).where(eq(supportIdentityChecks.subjectUserId, person.id));
    expect(check!.outcome).toBe('failed');
    expect(check!.answers).toEqual([
      { question: 'birth_date', result: 'mismatch' },
      { question: 'foreigner_number', result: 'match' },
    ]);
    expect(JSON.stringify(check)).not.toContain('1990');
    expect(JSON.stringify(check)).not.toContain('7503120521');
    const stillRefused = await act(reference, 'deverrouiller', { unlockReason: 'x' });
    expect(stillRefused.statusCode).toBe(409);

    // A passed check counts, but only for two hours.
    ctx.clock.advance(60_000);
    expect((await passCheck(reference)).statusCode).toBe(303);
    expect((await desk.get(casePath(reference))).body).toContain('Identité vérifiée sur cette demande');
    ctx.clock.advance(2 * 3_600_000 + 60_000);
    // The agent's session went idle meanwhile: a new one (the check's age is what matters).
    ({ c: desk, agent } = await signedInAgent(ctx, 'support_agent'));
    const late = await act(reference, 'e-mail', { newEmail: 'late@example.org', emailReason: 'Boîte perdue' });
    expect(late.statusCode).toBe(409);
    // Three checks per request, no more: answers are not guessed one call at a time.
    expect((await passCheck(reference)).statusCode).toBe(303);
    const fourth = await passCheck(reference);
    expect(fourth.statusCode).toBe(409);
    expect(fourth.body).toContain('Trois vérifications d');
    expect((await auditOf(ctx, person.id)).filter((e) => e.action === 'support.identity_checked')).toHaveLength(3);
  });

  it('change the e-mail on the person’s behalf: both addresses told, the new one confirms, then the person logs in with it', async () => {
    const { person, reference, contactEmail } = await lostEmailCase();
    const personSession = freshClient(ctx);
    await logInAs(personSession, person); // someone still signed in with the old account
    expect((await passCheck(reference)).statusCode).toBe(303);
    const noReason = await act(reference, 'e-mail', { newEmail: contactEmail, emailReason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain(`value="${contactEmail}"`);
    const res = await act(reference, 'e-mail', { newEmail: contactEmail, emailReason: 'Boîte perdue, identité vérifiée' });
    expect(res.statusCode).toBe(303);
    // Nothing changes before the new address confirms.
    expect((await ctx.services.db.select().from(users).where(eq(users.id, person.id)))[0]!.email).toBe(person.email);

    const notice = await lastMailTo(ctx.services, person.email);
    expect(notice!.template).toBe('support.mail_assisted_change_started');
    expect(notice!.text).toContain(reference);
    expect(notice!.text).not.toContain(contactEmail);
    const codeMail = (await mailsTo(ctx, contactEmail)).find((m) => m.template === 'support.mail_assisted_change_code')!;
    const link = linkIn(codeMail.text);
    expect(link).toMatch(/^\/aide\/nouvelle-adresse\/[A-Za-z0-9_-]+$/);
    const started = (await auditOf(ctx, person.id)).find((e) => e.action === 'support.email_change_started')!;
    expect(started.actorId).toBe(agent.id);
    expect(started.data).toMatchObject({ ticket: reference, from: person.email, to: contactEmail, reason: 'Boîte perdue, identité vérifiée' });

    const browser = freshClient(ctx);
    const page = await browser.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(contactEmail);
    // Opening the link changed nothing (mail scanners open links).
    expect((await ctx.services.db.select().from(users).where(eq(users.id, person.id)))[0]!.email).toBe(person.email);
    const done = await browser.post(link);
    expect(done.headers.location).toBe('/aide/nouvelle-adresse/confirmee');
    expect((await ctx.services.db.select().from(users).where(eq(users.id, person.id)))[0]!.email).toBe(contactEmail);
    expect(await ctx.services.db.select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
    // The old address gets the usual notice with "this was not me".
    const changed = await lastMailTo(ctx.services, person.email);
    expect(changed!.template).toBe('contact.mail_email_changed');
    expect(linkIn(changed!.text)).toMatch(/^\/compte\/e-mail\/annuler\//);
    expect((await browser.post(link)).statusCode).toBe(400);

    const login = await freshClient(ctx).submit('/connexion', { email: contactEmail, password: person.password });
    expect(login.statusCode).toBe(303);
    expect((await auditOf(ctx, person.id)).map((e) => e.action)).toEqual(expect.arrayContaining(['support.identity_checked', 'support.email_change_started', 'account.email_changed']));
  });

  it('the new address may also be confirmed with its code; a wrong code is refused', async () => {
    const { person, reference, contactEmail } = await lostEmailCase();
    await passCheck(reference);
    await act(reference, 'e-mail', { newEmail: contactEmail, emailReason: 'Boîte perdue' });
    const code = codeIn((await mailsTo(ctx, contactEmail)).find((m) => m.template === 'support.mail_assisted_change_code')!.text);
    const c = freshClient(ctx);
    const wrong = await c.submit('/aide/nouvelle-adresse', { email: contactEmail, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    const unknown = await c.submit('/aide/nouvelle-adresse', { email: 'nobody-waiting@example.org', code });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body.replace(/value="[^"]*"/g, '').replace(/requete=[0-9a-f-]+/, '')).toBe(wrong.body.replace(/value="[^"]*"/g, '').replace(/requete=[0-9a-f-]+/, ''));
    const ok = await c.submit('/aide/nouvelle-adresse', { email: contactEmail.toUpperCase(), code });
    expect(ok.statusCode).toBe(303);
    expect((await ctx.services.db.select().from(users).where(eq(users.id, person.id)))[0]!.email).toBe(contactEmail);
  });

  it('refuse an address that already has an account', async () => {
    const { reference } = await lostEmailCase();
    const other = await buildUser(ctx.services);
    await passCheck(reference);
    const res = await act(reference, 'e-mail', { newEmail: other.email, emailReason: 'x' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Cette adresse est déjà celle d');
  });

  it('unlock an account locked by wrong passwords, and tell its owner', async () => {
    const { person, reference } = await lostEmailCase();
    const c = freshClient(ctx);
    for (let i = 0; i < 5; i++) await c.submit('/connexion', { email: person.email, password: 'wrong password here' });
    expect((await c.submit('/connexion', { email: person.email, password: person.password })).statusCode).toBe(429);
    await passCheck(reference);
    expect((await desk.get(casePath(reference))).body).toContain('Bloqué jusqu');
    const res = await act(reference, 'deverrouiller', { unlockReason: 'La personne a oublié son mot de passe puis l’a retrouvé' });
    expect(res.statusCode).toBe(303);
    const [u] = await ctx.services.db.select().from(users).where(eq(users.id, person.id));
    expect(u!.lockedUntil).toBeNull();
    expect(u!.failedLogins).toBe(0);
    expect((await lastMailTo(ctx.services, person.email))!.template).toBe('support.mail_account_unlocked');
    const unlocked = (await auditOf(ctx, person.id)).find((e) => e.action === 'support.account_unlocked')!;
    expect(unlocked.data).toMatchObject({ ticket: reference, reason: 'La personne a oublié son mot de passe puis l’a retrouvé' });
    expect((await c.submit('/connexion', { email: person.email, password: person.password })).statusCode).toBe(303);
    expect((await act(reference, 'deverrouiller', { unlockReason: 'encore' })).statusCode).toBe(409);
  });

  it('resend the confirmation of an account never confirmed, to its own address', async () => {
    const unconfirmed = await buildUser(ctx.services, { verified: false });
    await ctx.services.db.update(profiles).set({ birthDate: '1985-01-02', postcode: '69003' }).where(eq(profiles.userId, unconfirmed.id));
    const opened = await openTicket(ctx.services, null, { category: 'other', subject: 'Pas reçu', description: 'Code jamais reçu', contactEmail: 'helper@example.org', accountEmail: unconfirmed.email }, anonymousMeta);
    await act(opened.reference, 'identite', { birth_date: '1985-01-02', postcode: '69 003', documentKind: 'residence_permit', identityReason: 'Appel' });
    const res = await act(opened.reference, 'confirmation', { confirmationReason: 'Message de confirmation jamais reçu' });
    expect(res.statusCode).toBe(303);
    const mail = await lastMailTo(ctx.services, unconfirmed.email);
    expect(mail!.template).toBe('mail.confirm_email');
    expect((await auditOf(ctx, unconfirmed.id)).map((e) => e.action)).toContain('support.confirmation_resent');

    const { reference } = await lostEmailCase();
    await passCheck(reference);
    const already = await act(reference, 'confirmation', { confirmationReason: 'x' });
    expect(already.statusCode).toBe(409);
    expect(already.body).toContain('déjà confirmée');
  });

  it('never touch an agent’s account', async () => {
    const officer = await buildUser(ctx.services, { role: 'case_officer', prefectureCode: '75' });
    const opened = await openTicket(ctx.services, null, { category: 'lost_email', subject: 'x', description: 'x', contactEmail: 'attacker@example.org', accountEmail: officer.email }, anonymousMeta);
    const res = await act(opened.reference, 'identite', { birth_date: '01/01/1980', postcode: '75001', documentKind: 'passport', identityReason: 'x' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('jamais sur ceux des agents');
    const link = await act(opened.reference, 'compte', { accountEmail: officer.email, linkReason: 'x' });
    expect(link.statusCode).toBe(400);
  });

  it('link the right account when the person typed a wrong address', async () => {
    const person = await buildApplicant(ctx.services);
    const opened = await openTicket(ctx.services, null, { category: 'lost_email', subject: 'x', description: 'x', contactEmail: 'me-now@example.org', accountEmail: 'typo@example.org' }, anonymousMeta);
    expect((await desk.get(casePath(opened.reference))).body).toContain('typo@example.org (aucun compte d');
    const res = await act(opened.reference, 'compte', { accountEmail: person.email, linkReason: 'La personne a corrigé son adresse au téléphone' });
    expect(res.statusCode).toBe(303);
    expect((await ticketByReference(ctx, opened.reference)).subjectUserId).toBe(person.id);
  });

  it('leave the audit chain intact', async () => {
    expect(await verifyAuditChain(ctx.services.db)).toMatchObject({ ok: true });
  });
});

describe('a support agent’s actions are their own', () => {
  it('an action by an agent whose role was withdrawn is refused, even with a session', async () => {
    const { c, agent: former } = await signedInAgent(ctx, 'support_agent');
    const { reference } = await lostEmailCase();
    expect((await c.get(casePath(reference))).statusCode).toBe(200);
    await ctx.services.db.update(users).set({ role: 'applicant' }).where(eq(users.id, former.id));
    // The session's copy of the role is reloaded at each request: "not found" at once.
    expect((await c.get(casePath(reference))).statusCode).toBe(404);
    void metaFor;
  });
});
