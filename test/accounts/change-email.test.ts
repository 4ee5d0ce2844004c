import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, mailMessages, recoveryCodes, sessions, users } from '../../src/db/schema';
import { totpCode } from '../../src/platform/totp';
import { DAY, MINUTE } from '../../src/platform/clock';
import { verifyAuditChain } from '../../src/platform/audit';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, codeIn, lastMailTo, lastSmsTo, linkIn, logInAs, TEST_PASSWORD, type BuiltUser } from '../support/builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

let ipCounter = 0;
/** A browser of its own, from an address of its own (so the per-IP login limit never interferes). */
function browser() {
  const c = ctx.client();
  c.ip = `198.51.100.${++ipCounter}`;
  return c;
}

async function signedIn(user: BuiltUser) {
  const c = browser();
  await logInAs(c, user);
  return c;
}

async function emailOf(userId: string) {
  const [u] = await ctx.services.db.select({ email: users.email, verified: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
  return u!;
}

async function auditFor(userId: string, action: string) {
  return ctx.services.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, userId), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.seq));
}

const otherCode = (code: string) => (code === '000000' ? '111111' : '000000');

describe('changing the e-mail address', () => {
  it('changes it in well under a minute: password, code sent to the new address, notice to the old one', async () => {
    const user = await buildUser(ctx.services, { email: 'amina.old@example.org' });
    const c = await signedIn(user);
    const startedAt = ctx.clock.now();

    const form = await c.get('/compte/e-mail');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('amina.old@example.org');
    const res = await c.post('/compte/e-mail', { email: ' Amina.New@Example.ORG ', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/compte/e-mail/code');
    // Nothing changes before the code comes back.
    expect((await emailOf(user.id)).email).toBe('amina.old@example.org');

    const codeMail = await lastMailTo(ctx.services, 'amina.new@example.org');
    expect(codeMail?.template).toBe('contact.mail_change_email_code');
    expect(codeMail?.subject).toBe('Confirmez votre nouvelle adresse e-mail');
    expect(codeMail?.status).toBe('sent');
    expect(linkIn(codeMail!.text)).toMatch(/^\/compte\/e-mail\/confirmer\/[A-Za-z0-9_-]{40,}$/);

    ctx.clock.advance(25_000); // reading the mail
    const codePage = await c.get('/compte/e-mail/code');
    expect(codePage.body).toContain('amina.new@example.org');
    const done = await c.post('/compte/e-mail/code', { code: codeIn(codeMail!.text) });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/compte/e-mail/modifiee');
    const donePage = await c.follow(done);
    expect(donePage.body).toContain('Votre adresse e-mail est désormais amina.new@example.org');

    const after = await emailOf(user.id);
    expect(after.email).toBe('amina.new@example.org');
    expect(after.verified).not.toBeNull();
    const [changed] = await auditFor(user.id, 'account.email_changed');
    expect(changed?.data).toEqual({ from: 'amina.old@example.org', to: 'amina.new@example.org', via: 'code' });
    expect(changed!.at.getTime() - startedAt.getTime()).toBeLessThan(60_000);
    expect(await auditFor(user.id, 'account.email_change_requested')).toHaveLength(1);
    expect((await verifyAuditChain(ctx.services.db)).ok).toBe(true);

    const notice = await lastMailTo(ctx.services, 'amina.old@example.org');
    expect(notice?.template).toBe('contact.mail_email_changed');
    expect(notice?.text).toContain('a•••@example.org');
    expect(notice?.text).toContain('Ce n\'était pas moi : http://sesame.test/compte/e-mail/annuler/');

    // The session goes on, the account page shows the new address, and the new address logs in.
    expect((await c.get('/compte')).body).toContain('amina.new@example.org');
    const fresh = browser();
    expect((await fresh.submit('/connexion', { email: 'amina.new@example.org', password: TEST_PASSWORD })).statusCode).toBe(303);
    expect((await browser().submit('/connexion', { email: 'amina.old@example.org', password: TEST_PASSWORD })).statusCode).toBe(400);
  });

  it('confirms from the link, on a device without a session; opening the link alone changes nothing', async () => {
    const user = await buildUser(ctx.services, { email: 'link.old@example.org' });
    const c = await signedIn(user);
    await c.submit('/compte/e-mail', { email: 'link.new@example.org', password: TEST_PASSWORD });
    const path = linkIn((await lastMailTo(ctx.services, 'link.new@example.org'))!.text);

    const phone = browser();
    const page = await phone.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('link.new@example.org');
    expect((await emailOf(user.id)).email).toBe('link.old@example.org');

    const res = await phone.post(path);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/compte/e-mail/modifiee');
    expect((await phone.follow(res)).body).toContain('Votre nouvelle adresse e-mail est enregistrée');
    expect((await emailOf(user.id)).email).toBe('link.new@example.org');
    expect((await auditFor(user.id, 'account.email_changed'))[0]?.data).toMatchObject({ via: 'link' });

    const again = await phone.get(path);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Lien invalide ou expiré');
    expect((await phone.post(path)).statusCode).toBe(400);
  });

  it('refuses a wrong password next to the field, keeps the address typed, and counts it', async () => {
    const user = await buildUser(ctx.services);
    const c = await signedIn(user);
    const res = await c.submit('/compte/e-mail', { email: 'elsewhere@example.org', password: 'not my password at all' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Le mot de passe est incorrect.');
    expect(res.body).toContain('value="elsewhere@example.org"');
    expect(res.body).not.toContain('not my password at all');
    expect(res.body).toContain('aria-describedby="password-hint password-error"');
    expect(await lastMailTo(ctx.services, 'elsewhere@example.org')).toBeNull();

    // Four more wrong passwords use up the hour's allowance: even the right one now waits.
    for (let i = 0; i < 4; i++) await c.submit('/compte/e-mail', { email: 'elsewhere@example.org', password: `wrong guess ${i}` });
    const limited = await c.submit('/compte/e-mail', { email: 'elsewhere@example.org', password: TEST_PASSWORD });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Trop de tentatives');
    expect(await lastMailTo(ctx.services, 'elsewhere@example.org')).toBeNull();
  });

  it('refuses the current address, a malformed one and a script, showing what was typed', async () => {
    const user = await buildUser(ctx.services, { email: 'same@example.org' });
    const c = await signedIn(user);
    const same = await c.submit('/compte/e-mail', { email: 'SAME@example.org', password: TEST_PASSWORD });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain("C'est déjà l'adresse de votre compte");

    const bad = await c.submit('/compte/e-mail', { email: 'not-an-address', password: TEST_PASSWORD });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Saisissez une adresse e-mail valide');
    expect(bad.body).toContain('value="not-an-address"');

    const script = await c.submit('/compte/e-mail', { email: '<script>alert(1)</script>', password: '' });
    expect(script.statusCode).toBe(400);
    expect(script.body).not.toContain('<script>alert(1)</script>');
    expect(script.body).toContain('Ce champ est obligatoire.');
  });

  it('refuses a wrong code, then kills it after five wrong guesses', async () => {
    const user = await buildUser(ctx.services);
    const c = await signedIn(user);
    await c.submit('/compte/e-mail', { email: 'guess.new@example.org', password: TEST_PASSWORD });
    const code = codeIn((await lastMailTo(ctx.services, 'guess.new@example.org'))!.text);

    const malformed = await c.submit('/compte/e-mail/code', { code: '12ab' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('Le code est composé de 6 chiffres.');

    for (let i = 0; i < 5; i++) {
      const res = await c.submit('/compte/e-mail/code', { code: otherCode(code) });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Ce code est incorrect');
    }
    const late = await c.submit('/compte/e-mail/code', { code });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('a expiré ou a déjà servi');
    expect((await emailOf(user.id)).email).toBe(user.email);
  });

  it('refuses a code after 30 minutes, a code replaced by a newer one, and a code used twice', async () => {
    const user = await buildUser(ctx.services);
    const c = await signedIn(user);
    await c.submit('/compte/e-mail', { email: 'stale.new@example.org', password: TEST_PASSWORD });
    const stale = codeIn((await lastMailTo(ctx.services, 'stale.new@example.org'))!.text);
    ctx.clock.advance(31 * MINUTE);
    await logInAs(c, user); // the session may have gone idle meanwhile
    const expired = await c.submit('/compte/e-mail/code', { code: stale });
    expect(expired.statusCode).toBe(400);
    expect(expired.body).toContain('a expiré ou a déjà servi');

    await c.submit('/compte/e-mail', { email: 'first.new@example.org', password: TEST_PASSWORD });
    const first = codeIn((await lastMailTo(ctx.services, 'first.new@example.org'))!.text);
    await c.submit('/compte/e-mail', { email: 'second.new@example.org', password: TEST_PASSWORD });
    const second = codeIn((await lastMailTo(ctx.services, 'second.new@example.org'))!.text);
    if (first !== second) expect((await c.submit('/compte/e-mail/code', { code: first })).statusCode).toBe(400);
    expect((await c.submit('/compte/e-mail/code', { code: second })).statusCode).toBe(303);
    expect((await emailOf(user.id)).email).toBe('second.new@example.org');

    const twice = await c.submit('/compte/e-mail/code', { code: second });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('a expiré ou a déjà servi');
  });

  it('sends the code even to an address that has an account, and refuses only at confirmation', async () => {
    await buildUser(ctx.services, { email: 'owner@example.org' });
    const user = await buildUser(ctx.services);
    const c = await signedIn(user);
    const res = await c.submit('/compte/e-mail', { email: 'owner@example.org', password: TEST_PASSWORD });
    // Same answer as for a free address: nobody learns from here who has an account.
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/compte/e-mail/code');
    const mail = await lastMailTo(ctx.services, 'owner@example.org');
    expect(mail?.template).toBe('contact.mail_change_email_code');

    const refused = await c.submit('/compte/e-mail/code', { code: codeIn(mail!.text) });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("déjà celle d'un autre compte Sésame");
    expect((await emailOf(user.id)).email).toBe(user.email);
  });

  it('refuses at confirmation when the address was taken after the code was sent (link too)', async () => {
    const user = await buildUser(ctx.services);
    const c = await signedIn(user);
    await c.submit('/compte/e-mail', { email: 'race@example.org', password: TEST_PASSWORD });
    const path = linkIn((await lastMailTo(ctx.services, 'race@example.org'))!.text);
    await buildUser(ctx.services, { email: 'race@example.org' });

    const refused = await browser().post(path);
    expect(refused.statusCode).toBe(403); // a post without the page's token is refused first
    const b = browser();
    await b.get(path);
    const taken = await b.post(path);
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('Adresse déjà utilisée');
    expect((await emailOf(user.id)).email).toBe(user.email);
  });

  it('lets only one of two simultaneous confirmations of the same address win', async () => {
    const [a, b] = [await buildUser(ctx.services), await buildUser(ctx.services)];
    const [ca, cb] = [await signedIn(a), await signedIn(b)];
    await ca.submit('/compte/e-mail', { email: 'contested@example.org', password: TEST_PASSWORD });
    const codeA = codeIn((await lastMailTo(ctx.services, 'contested@example.org'))!.text);
    await cb.submit('/compte/e-mail', { email: 'contested@example.org', password: TEST_PASSWORD });
    const codeB = codeIn((await lastMailTo(ctx.services, 'contested@example.org'))!.text);
    await Promise.all([ca.get('/compte/e-mail/code'), cb.get('/compte/e-mail/code')]);

    const results = await Promise.all([ca.post('/compte/e-mail/code', { code: codeA }), cb.post('/compte/e-mail/code', { code: codeB })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 409]);
    const holders = await ctx.services.db.select().from(users).where(eq(users.email, 'contested@example.org'));
    expect(holders).toHaveLength(1);
  });

  it('refuses a form without its anti-forgery token', async () => {
    const user = await buildUser(ctx.services);
    const c = await signedIn(user);
    await c.get('/compte/e-mail');
    const res = await c.post('/compte/e-mail', { email: 'csrf@example.org', password: TEST_PASSWORD }, { csrf: null });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Formulaire expiré');
    expect(await lastMailTo(ctx.services, 'csrf@example.org')).toBeNull();
  });

  it('sends a logged-out visitor to the login page, and answers a logged-out post with a 401 page', async () => {
    const c = browser();
    const page = await c.get('/compte/e-mail');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/connexion?retour=%2Fcompte%2Fe-mail');

    await c.get('/connexion');
    const post = await c.post('/compte/e-mail', { email: 'x@example.org', password: TEST_PASSWORD });
    expect(post.statusCode).toBe(401);
    expect(post.body).toContain('Session expirée');

    // A session that went idle while the form was open: same clear page, never a 500.
    const user = await buildUser(ctx.services);
    const idle = await signedIn(user);
    await idle.get('/compte/e-mail/code');
    ctx.clock.advance(ctx.config.SESSION_IDLE_MINUTES * MINUTE + MINUTE);
    const expired = await idle.post('/compte/e-mail/code', { code: '123456' });
    expect(expired.statusCode).toBe(401);
  });

  it('speaks English to an English-speaking person, in pages and in mail', async () => {
    const user = await buildUser(ctx.services, { locale: 'en', email: 'ewan.old@example.org' });
    const c = await signedIn(user);
    const wrong = await c.submit('/compte/e-mail', { email: 'ewan.new@example.org', password: 'definitely wrong' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('<html lang="en"');
    expect(wrong.body).toContain('The password is wrong.');
    expect(wrong.body).toContain('New e-mail address');

    const same = await c.submit('/compte/e-mail', { email: 'ewan.old@example.org', password: TEST_PASSWORD });
    expect(same.body).toContain("This is already your account's address.");

    await c.submit('/compte/e-mail', { email: 'ewan.new@example.org', password: TEST_PASSWORD });
    const mail = await lastMailTo(ctx.services, 'ewan.new@example.org');
    expect(mail?.subject).toBe('Confirm your new e-mail address');
    const badCode = await c.submit('/compte/e-mail/code', { code: otherCode(codeIn(mail!.text)) });
    expect(badCode.body).toContain('This code is wrong.');
    await c.submit('/compte/e-mail/code', { code: codeIn(mail!.text) });
    const notice = await lastMailTo(ctx.services, 'ewan.old@example.org');
    expect(notice?.subject).toBe('The e-mail address of your account was changed');
    expect(notice?.text).toMatch(/This was not me ?: http:\/\/sesame.test\/compte\/e-mail\/annuler\//);
  });
});

describe('"this was not me"', () => {
  /** An intruder who knows the password changes the address from their own device. */
  async function takeover(owner: BuiltUser, intruderEmail: string) {
    const intruder = await signedIn(owner);
    await intruder.submit('/compte/e-mail', { email: intruderEmail, password: owner.password });
    await intruder.submit('/compte/e-mail/code', { code: codeIn((await lastMailTo(ctx.services, intruderEmail))!.text) });
    const notice = await lastMailTo(ctx.services, owner.email);
    expect(notice?.template).toBe('contact.mail_email_changed');
    return { intruder, revertPath: linkIn(notice!.text) };
  }

  it('restores the address, ends every session, and lets the owner back in with a new password', async () => {
    const owner = await buildUser(ctx.services, { email: 'rightful@example.org' });
    const ownerBrowser = await signedIn(owner);
    const { intruder, revertPath } = await takeover(owner, 'intruder@example.org');
    expect((await emailOf(owner.id)).email).toBe('intruder@example.org');

    // The notice is read days later, on a device without a session.
    ctx.clock.advance(3 * DAY);
    const mailbox = browser();
    const page = await mailbox.get(revertPath);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('rightful@example.org');
    expect(page.body).toContain(`action="${revertPath}"`);
    expect((await emailOf(owner.id)).email).toBe('intruder@example.org'); // a GET changes nothing

    const res = await mailbox.post(revertPath);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Votre adresse e-mail est rétablie');
    expect(res.body).toContain('/mot-de-passe-oublie/nouveau?email=rightful%40example.org');
    expect((await emailOf(owner.id)).email).toBe('rightful@example.org');
    expect(await ctx.services.db.select().from(sessions).where(eq(sessions.userId, owner.id))).toHaveLength(0);
    const [reverted] = await auditFor(owner.id, 'account.email_change_reverted');
    expect(reverted?.data).toEqual({ from: 'intruder@example.org', to: 'rightful@example.org', phone: false, secondFactor: false });

    // Old cookies, the owner's and the intruder's, now lead to the login page.
    for (const b of [ownerBrowser, intruder]) {
      const back = await b.get('/compte');
      expect(back.statusCode).toBe(303);
      expect(back.headers.location).toBe('/connexion?retour=%2Fcompte');
    }
    // The intruder's address no longer logs in, and the known password no longer opens the account.
    expect((await browser().submit('/connexion', { email: 'intruder@example.org', password: owner.password })).statusCode).toBe(400);
    expect((await browser().submit('/connexion', { email: 'rightful@example.org', password: owner.password })).statusCode).toBe(400);

    const resetMail = await lastMailTo(ctx.services, 'rightful@example.org');
    expect(resetMail?.template).toBe('contact.mail_email_restored');
    const newPassword = 'un tout nouveau mot de passe';
    const reset = await mailbox.submit(linkIn(resetMail!.text), { email: 'rightful@example.org', code: codeIn(resetMail!.text), password: newPassword });
    expect(reset.statusCode).toBe(303);
    expect(reset.headers.location).toBe('/connexion');
    expect((await browser().submit('/connexion', { email: 'rightful@example.org', password: newPassword })).statusCode).toBe(303);

    // The link works once.
    const reused = await browser().get(revertPath);
    expect(reused.statusCode).toBe(400);
    expect(reused.body).toContain('Lien invalide ou expiré');
    const b = browser();
    await b.get('/connexion');
    expect((await b.post(revertPath)).statusCode).toBe(400);
  });

  it("undoes the phone and the second factor the intruder set up, keeping the owner's earlier phone otherwise", async () => {
    const owner = await buildUser(ctx.services, { email: 'guarded@example.org' });
    const { intruder, revertPath } = await takeover(owner, 'settler@example.org');
    ctx.clock.advance(MINUTE);
    // The intruder confirms a phone of their own and enrols their authenticator, through the pages.
    await intruder.submit('/compte/telephone', { phone: '06 11 22 33 44' });
    await intruder.submit('/compte/telephone/code', { code: codeIn((await lastSmsTo(ctx.services, '+33611223344'))!.text) });
    const enrol = await intruder.get('/compte/securite/activer');
    const secret = /id="totp-key">([A-Z2-7 ]+)</.exec(enrol.body)![1]!.replace(/ /g, '');
    expect((await intruder.post('/compte/securite/activer', { code: totpCode(secret, ctx.clock.now()) })).statusCode).toBe(200);
    const [before] = await ctx.services.db.select().from(users).where(eq(users.id, owner.id));
    expect(before?.phone).toBe('+33611223344');
    expect(before?.totpEnabledAt).not.toBeNull();

    const mailbox = browser();
    await mailbox.get(revertPath);
    expect((await mailbox.post(revertPath)).statusCode).toBe(200);
    const [after] = await ctx.services.db.select().from(users).where(eq(users.id, owner.id));
    expect(after).toMatchObject({ email: 'guarded@example.org', phone: null, phoneVerifiedAt: null, totpSecret: null, totpEnabledAt: null });
    expect(await ctx.services.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, owner.id))).toHaveLength(0);
    const [reverted] = await auditFor(owner.id, 'account.email_change_reverted');
    expect(reverted?.data).toMatchObject({ phone: true, secondFactor: true });

    // A phone confirmed before the takeover is the owner's own and stays.
    const other = await buildUser(ctx.services, { email: 'phone.owner@example.org' });
    await ctx.services.db.update(users).set({ phone: '+33699887766', phoneVerifiedAt: ctx.clock.now() }).where(eq(users.id, other.id));
    ctx.clock.advance(MINUTE);
    const second = await takeover(other, 'phone.intruder@example.org');
    const box = browser();
    await box.get(second.revertPath);
    expect((await box.post(second.revertPath)).statusCode).toBe(200);
    const [kept] = await ctx.services.db.select().from(users).where(eq(users.id, other.id));
    expect(kept?.phone).toBe('+33699887766');
  });

  it('expires after 30 days', async () => {
    const owner = await buildUser(ctx.services);
    const { revertPath } = await takeover(owner, 'late.intruder@example.org');
    ctx.clock.advance(30 * DAY + MINUTE);
    const res = await browser().get(revertPath);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('30 jours');
  });

  it('survives a second change by the intruder, whose own revert link then dies', async () => {
    const owner = await buildUser(ctx.services, { email: 'first.owner@example.org' });
    const { intruder, revertPath } = await takeover(owner, 'hop1@example.org');
    ctx.clock.advance(2 * MINUTE);
    await intruder.submit('/compte/e-mail', { email: 'hop2@example.org', password: owner.password });
    await intruder.submit('/compte/e-mail/code', { code: codeIn((await lastMailTo(ctx.services, 'hop2@example.org'))!.text) });
    const intruderRevert = linkIn((await lastMailTo(ctx.services, 'hop1@example.org'))!.text);
    expect((await emailOf(owner.id)).email).toBe('hop2@example.org');

    const mailbox = browser();
    await mailbox.get(revertPath);
    expect((await mailbox.post(revertPath)).statusCode).toBe(200);
    expect((await emailOf(owner.id)).email).toBe('first.owner@example.org');
    expect((await browser().get(intruderRevert)).statusCode).toBe(400);
  });

  it('frees the old address from an unconfirmed sign-up squatting it', async () => {
    const owner = await buildUser(ctx.services, { email: 'squatted@example.org' });
    const { revertPath } = await takeover(owner, 'squatter@example.org');
    await browser().submit('/inscription', { email: 'squatted@example.org', password: 'une phrase assez longue' });
    const [squat] = await ctx.services.db.select().from(users).where(eq(users.email, 'squatted@example.org'));
    expect(squat?.emailVerifiedAt).toBeNull();

    const mailbox = browser();
    await mailbox.get(revertPath);
    expect((await mailbox.post(revertPath)).statusCode).toBe(200);
    expect((await emailOf(owner.id)).email).toBe('squatted@example.org');
    expect(await auditFor(squat!.id, 'account.unconfirmed_removed')).toHaveLength(1);
  });

  it('still locks the intruder out when the old address now has another confirmed account', async () => {
    const owner = await buildUser(ctx.services, { email: 'lost@example.org' });
    const { intruder, revertPath } = await takeover(owner, 'keeper@example.org');
    await buildUser(ctx.services, { email: 'lost@example.org' });

    const mailbox = browser();
    await mailbox.get(revertPath);
    const res = await mailbox.post(revertPath);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('contactez le support');
    expect((await intruder.get('/compte')).statusCode).toBe(303);
    expect((await browser().submit('/connexion', { email: 'keeper@example.org', password: owner.password })).statusCode).toBe(400);
    expect(await auditFor(owner.id, 'account.email_revert_blocked')).toHaveLength(1);
    const sent = await ctx.services.db.select().from(mailMessages).where(eq(mailMessages.template, 'contact.mail_email_restored'));
    expect(sent.every((m) => m.to !== 'keeper@example.org')).toBe(true);
  });
});
