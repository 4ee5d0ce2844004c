import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, codeIn, lastMailTo, linkIn } from '../support/builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const password = 'une phrase assez longue';

describe('sign up', () => {
  it('creates an account confirmed by the 6-digit code from the e-mail', async () => {
    const c = ctx.client();
    const res = await c.submit('/inscription', { email: '  Nadia.K@Example.ORG ', password });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/inscription/code?email=nadia.k%40example.org');
    const mail = await lastMailTo(ctx.services, 'nadia.k@example.org');
    expect(mail?.subject).toBe('Confirmez votre adresse e-mail');
    expect(mail?.status).toBe('sent');

    const confirm = await c.submit('/inscription/code?email=nadia.k%40example.org', { email: 'nadia.k@example.org', code: codeIn(mail!.text) });
    expect(confirm.statusCode).toBe(303);
    expect(confirm.headers.location).toBe('/connexion');
    const [u] = await ctx.services.db.select().from(users).where(eq(users.email, 'nadia.k@example.org'));
    expect(u?.emailVerifiedAt).not.toBeNull();
  });

  it('confirms with the link from the e-mail, once', async () => {
    const c = ctx.client();
    await c.submit('/inscription', { email: 'link@example.org', password });
    const mail = await lastMailTo(ctx.services, 'link@example.org');
    const path = linkIn(mail!.text);
    expect((await c.get(path)).statusCode).toBe(303);
    const again = await c.get(path);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('invalide');
  });

  it('answers the same for an address that already has an account, and warns its owner', async () => {
    const existing = await buildUser(ctx.services, { email: 'taken@example.org' });
    const c = ctx.client();
    const res = await c.submit('/inscription', { email: existing.email, password });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/inscription/code?email=taken%40example.org');
    const mail = await lastMailTo(ctx.services, existing.email);
    expect(mail?.template).toBe('mail.signup_existing');
    expect(mail?.text).not.toMatch(/\d{6}/);
  });

  it('refuses short, common and malformed input with translated messages, keeping what was typed', async () => {
    const c = ctx.client();
    const short = await c.submit('/inscription', { email: 'a@b.fr', password: 'court' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Saisissez au moins 12 caractères');
    expect(short.body).toContain('value="a@b.fr"');

    const common = await c.submit('/inscription', { email: 'a@b.fr', password: 'password1234' });
    expect(common.statusCode).toBe(400);
    expect(common.body).toContain('trop courant');

    const script = await c.submit('/inscription', { email: '<script>alert(1)</script>', password });
    expect(script.statusCode).toBe(400);
    expect(script.body).not.toContain('<script>alert(1)</script>');
    expect(script.body).toContain('value="&lt;script>alert(1)&lt;/script>"');

    const long = await c.submit('/inscription', { email: `${'a'.repeat(300)}@example.org`, password });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('Saisissez au plus 254 caractères');
  });

  it('shows the errors in English for an English speaker', async () => {
    const c = ctx.client();
    await c.get('/langue/en?retour=/inscription');
    const res = await c.submit('/inscription', { email: 'nope', password: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<html lang="en"');
    expect(res.body).toContain('Enter a valid e-mail address');
  });

  it('refuses a wrong code, then kills the code after five wrong guesses', async () => {
    const c = ctx.client();
    await c.submit('/inscription', { email: 'guess@example.org', password });
    const mail = await lastMailTo(ctx.services, 'guess@example.org');
    const right = codeIn(mail!.text);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await c.submit('/inscription/code', { email: 'guess@example.org', code: wrong });
      expect(res.statusCode).toBe(400);
    }
    const late = await c.submit('/inscription/code', { email: 'guess@example.org', code: right });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('a expiré ou a déjà servi');
  });

  it('refuses a form without its anti-forgery token', async () => {
    const c = ctx.client();
    await c.get('/inscription');
    const res = await c.post('/inscription', { email: 'x@example.org', password }, { csrf: null });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Formulaire expiré');
  });
});

describe('sign up races', () => {
  it('gives one account when the same new address signs up twice at the same instant', async () => {
    const results = await Promise.all([0, 1, 2].map(() => ctx.client().submit('/inscription', { email: 'race@example.org', password: 'une phrase assez longue' })));
    expect(results.map((r) => r.statusCode)).toEqual([303, 303, 303]);
    const rows = await ctx.services.db.select().from(users).where(eq(users.email, 'race@example.org'));
    expect(rows).toHaveLength(1);
  });
});
