import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, smsMessages, users } from '../../src/db/schema';
import { MINUTE } from '../../src/platform/clock';
import { normalisePhoneNumber } from '../../src/modules/accounts/contact/phone-number';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, codeIn, lastMailTo, lastSmsTo, logInAs, type BuiltUser } from '../support/builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

let ipCounter = 0;
async function signedIn(user: BuiltUser) {
  const c = ctx.client();
  c.ip = `192.0.2.${++ipCounter}`;
  await logInAs(c, user);
  return c;
}

async function phoneOf(userId: string) {
  const [u] = await ctx.services.db.select({ phone: users.phone, verifiedAt: users.phoneVerifiedAt }).from(users).where(eq(users.id, userId));
  return u!;
}

const auditFor = (userId: string, action: string) =>
  ctx.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, userId), eq(auditEvents.action, action))).orderBy(asc(auditEvents.seq));

const otherCode = (code: string) => (code === '000000' ? '111111' : '000000');

describe('phone number format', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['+32 470 12 34 56', '+32470123456'],
    ['+1 (555) 123-4567', '+15551234567'],
    ['+590 690 12 34 56', '+590690123456'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalisePhoneNumber(input)).toEqual({ ok: true, number: expected });
  });

  it.each([
    ['06 12 AB 56 78', 'letters'],
    ['phone', 'letters'],
    ['+33 6 12 34 56 78 ext 2', 'letters'],
    ['++33612345678', 'letters'],
    ['06 12 34', 'length'],
    ['06 12 34 56 78 9', 'length'],
    ['+1234567', 'length'],
    ['+1234567890123456', 'length'],
    ['+33 6 12 34 56 7', 'length'],
    ['+33 0 6 12 34 56 78', 'length'],
    ['612345678', 'country_code'],
    ['+0612345678', 'country_code'],
  ])('refuses %s (%s)', (input, reason) => {
    expect(normalisePhoneNumber(input)).toEqual({ ok: false, reason });
  });
});

describe('changing the phone number', () => {
  it('saves a French number in international form in well under a minute, after the SMS code', async () => {
    const user = await buildUser(ctx.services);
    const c = await signedIn(user);
    const startedAt = ctx.clock.now();

    const res = await c.submit('/compte/telephone', { phone: '06 12 34 56 78' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/compte/telephone/code');
    expect((await phoneOf(user.id)).phone).toBeNull();

    const sms = await lastSmsTo(ctx.services, '+33612345678');
    expect(sms?.status).toBe('sent');
    const code = codeIn(sms!.text);
    expect(sms!.text).toBe(`Sésame : votre code de confirmation est ${code}. Il est valable 15 minutes. Ne le communiquez à personne, même à un agent.`);
    // One SMS segment, and no link: links in SMS are what phishing looks like.
    expect(sms!.text.length).toBeLessThanOrEqual(160);
    expect(sms!.text).not.toMatch(/https?:/);

    ctx.clock.advance(15_000);
    expect((await c.get('/compte/telephone/code')).body).toContain('+33612345678');
    const done = await c.post('/compte/telephone/code', { code });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/compte/telephone/enregistre');
    expect((await c.follow(done)).body).toContain('Votre numéro est désormais le +33612345678');

    const saved = await phoneOf(user.id);
    expect(saved.phone).toBe('+33612345678');
    expect(saved.verifiedAt).not.toBeNull();
    const [changed] = await auditFor(user.id, 'account.phone_changed');
    expect(changed?.data).toEqual({ from: null, to: '+33612345678' });
    expect(changed!.at.getTime() - startedAt.getTime()).toBeLessThan(60_000);

    const notice = await lastMailTo(ctx.services, user.email);
    expect(notice?.template).toBe('contact.mail_phone_changed');
    expect(notice?.text).toContain('+336•••78');
    expect(notice?.text).not.toContain('+33612345678');
    expect((await c.get('/compte')).body).toContain('+33612345678');
  });

  it('explains what is wrong with a number, keeping what was typed', async () => {
    const user = await buildUser(ctx.services);
    const c = await signedIn(user);
    const smsBefore = (await ctx.services.db.select().from(smsMessages)).length;
    const cases: [string, string][] = [
      ['06 12 AB 56 78', 'Saisissez uniquement des chiffres'],
      ['06 12 34', "n'a pas le bon nombre de chiffres"],
      ['+1234567890123456', "n'a pas le bon nombre de chiffres"],
      ['612345678', "Ajoutez l'indicatif du pays"],
      ['', 'Ce champ est obligatoire.'],
      ['0'.repeat(40), 'Saisissez au plus 30 caractères.'],
    ];
    for (const [phone, message] of cases) {
      const res = await c.submit('/compte/telephone', { phone });
      expect(res.statusCode, phone).toBe(400);
      expect(res.body, phone).toContain(message);
      if (phone) expect(res.body, phone).toContain(`value="${phone}"`);
      expect(res.body).toContain('aria-describedby="phone-hint phone-error"');
    }
    const script = await c.submit('/compte/telephone', { phone: '<script>x</script>' });
    expect(script.statusCode).toBe(400);
    expect(script.body).not.toContain('<script>x</script>');
    expect(await ctx.services.db.select().from(smsMessages)).toHaveLength(smsBefore);
  });

  it('accepts a foreign number and refuses the number already saved', async () => {
    const user = await buildUser(ctx.services);
    const c = await signedIn(user);
    await c.submit('/compte/telephone', { phone: '+32 470 12 34 56' });
    const sms = await lastSmsTo(ctx.services, '+32470123456');
    expect((await c.submit('/compte/telephone/code', { code: codeIn(sms!.text) })).statusCode).toBe(303);
    const same = await c.submit('/compte/telephone', { phone: '+32470123456' });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain("C'est déjà le numéro de votre compte.");
  });

  it('refuses a wrong code, kills it after five wrong guesses, and refuses a stale or reused one', async () => {
    const user = await buildUser(ctx.services);
    const c = await signedIn(user);
    await c.submit('/compte/telephone', { phone: '07 00 00 00 01' });
    const code = codeIn((await lastSmsTo(ctx.services, '+33700000001'))!.text);
    for (let i = 0; i < 5; i++) {
      const res = await c.submit('/compte/telephone/code', { code: otherCode(code) });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Ce code est incorrect');
    }
    expect((await c.submit('/compte/telephone/code', { code })).body).toContain('a expiré ou a déjà servi');

    await c.submit('/compte/telephone', { phone: '07 00 00 00 02' });
    const stale = codeIn((await lastSmsTo(ctx.services, '+33700000002'))!.text);
    ctx.clock.advance(16 * MINUTE);
    expect((await c.submit('/compte/telephone/code', { code: stale })).statusCode).toBe(400);
    expect((await phoneOf(user.id)).phone).toBeNull();

    await c.submit('/compte/telephone', { phone: '07 00 00 00 03' });
    const fresh = codeIn((await lastSmsTo(ctx.services, '+33700000003'))!.text);
    expect((await c.submit('/compte/telephone/code', { code: fresh })).statusCode).toBe(303);
    const reused = await c.submit('/compte/telephone/code', { code: fresh });
    expect(reused.statusCode).toBe(400);
    expect(reused.body).toContain('a expiré ou a déjà servi');
  });

  it('limits how many SMS one account can send', async () => {
    const user = await buildUser(ctx.services);
    const c = await signedIn(user);
    for (let i = 1; i <= 5; i++) expect((await c.submit('/compte/telephone', { phone: `+4479000000${i}0` })).statusCode).toBe(303);
    const limited = await c.submit('/compte/telephone', { phone: '+447900000060' });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Trop de tentatives');
    expect(await lastSmsTo(ctx.services, '+447900000060')).toBeNull();
  });

  it('removes the number, tells the e-mail address, and a second click does nothing', async () => {
    const user = await buildUser(ctx.services);
    const c = await signedIn(user);
    await c.submit('/compte/telephone', { phone: '06 98 76 54 32' });
    await c.submit('/compte/telephone/code', { code: codeIn((await lastSmsTo(ctx.services, '+33698765432'))!.text) });
    const page = await c.get('/compte/telephone');
    expect(page.body).toContain('Retirer mon numéro');

    const res = await c.post('/compte/telephone/supprimer');
    expect(res.statusCode).toBe(303);
    expect((await c.follow(res)).body).toContain('Numéro de téléphone retiré');
    expect(await phoneOf(user.id)).toEqual({ phone: null, verifiedAt: null });
    expect((await lastMailTo(ctx.services, user.email))?.template).toBe('contact.mail_phone_removed');
    expect(await auditFor(user.id, 'account.phone_removed')).toHaveLength(1);

    expect((await c.post('/compte/telephone/supprimer')).statusCode).toBe(303);
    expect(await auditFor(user.id, 'account.phone_removed')).toHaveLength(1);
    expect((await c.get('/compte/telephone')).body).not.toContain('Retirer mon numéro');
  });

  it('refuses a form without its anti-forgery token, and a logged-out post with a 401 page', async () => {
    const user = await buildUser(ctx.services);
    const c = await signedIn(user);
    await c.get('/compte/telephone');
    const forged = await c.post('/compte/telephone', { phone: '0611111111' }, { csrf: null });
    expect(forged.statusCode).toBe(403);
    expect(await lastSmsTo(ctx.services, '+33611111111')).toBeNull();

    const anonymous = ctx.client();
    anonymous.ip = '192.0.2.250';
    expect((await anonymous.get('/compte/telephone')).headers.location).toBe('/connexion?retour=%2Fcompte%2Ftelephone');
    await anonymous.get('/connexion');
    const post = await anonymous.post('/compte/telephone', { phone: '0611111111' });
    expect(post.statusCode).toBe(401);
    expect(post.body).toContain('Session expirée');
    expect((await anonymous.post('/compte/telephone/supprimer')).statusCode).toBe(401);
  });

  it('speaks English to an English-speaking person, by SMS too', async () => {
    const user = await buildUser(ctx.services, { locale: 'en' });
    const c = await signedIn(user);
    const bad = await c.submit('/compte/telephone', { phone: '06 12 AB' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<html lang="en"');
    expect(bad.body).toContain('Enter digits only');
    expect(bad.body).toContain('New mobile phone number');

    await c.submit('/compte/telephone', { phone: '+44 7900 123456' });
    const sms = await lastSmsTo(ctx.services, '+447900123456');
    expect(sms?.text).toMatch(/^Sésame: your confirmation code is \d{6}\. It is valid for 15 minutes\./);
    await c.submit('/compte/telephone/code', { code: codeIn(sms!.text) });
    expect((await lastMailTo(ctx.services, user.email))?.subject).toBe('The phone number of your account was changed');
  });
});
