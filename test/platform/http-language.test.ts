import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema';
import { negotiateLocale } from '../../src/platform/i18n/catalogue';
import { safeReturnPath } from '../../src/platform/http/request-context';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, logInAs } from '../support/builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const htmlTag = (body: string) => /<html[^>]*>/.exec(body)?.[0] ?? '';

describe('language', () => {
  it.each([
    [undefined, 'fr'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,de;q=0.9,en;q=0.5', 'en'],
    ['de-DE,de;q=0.9', 'fr'],
    ['fr;q=0.4, en;q=0.8', 'en'],
    ['EN-us', 'en'],
    ['de, en;q=0', 'fr'],
    ['*', 'fr'],
    ['garbage;;;,,', 'fr'],
  ])('negotiates Accept-Language %s as %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it('writes the page in the language the browser asks for, with <html lang dir>', async () => {
    const fr = await ctx.app.inject({ url: '/' });
    expect(htmlTag(fr.body)).toContain('lang="fr" dir="ltr"');
    const en = await ctx.app.inject({ url: '/', headers: { 'accept-language': 'en-US,en;q=0.8' } });
    expect(htmlTag(en.body)).toContain('lang="en" dir="ltr"');
    expect(en.body).toContain('Log in');
  });

  it('switches language with a plain link, remembers it, and returns to the page', async () => {
    const c = ctx.client();
    const res = await c.get('/langue/en?retour=%2Finscription%3Fa%3D1');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/inscription?a=1');
    expect(htmlTag((await c.get('/inscription')).body)).toContain('lang="en"');
    // The chosen language beats the browser's.
    expect(htmlTag((await c.get('/', { 'accept-language': 'fr' })).body)).toContain('lang="en"');

    const unknown = await c.get('/langue/xx?retour=/connexion');
    expect(unknown.statusCode).toBe(303);
    expect(unknown.headers.location).toBe('/connexion');
    expect(htmlTag((await c.get('/')).body)).toContain('lang="en"');
  });

  it("stores a signed-in person's choice on the account, and uses it on any device", async () => {
    const user = await buildUser(ctx.services);
    const phone = ctx.client();
    await logInAs(phone, user);
    await phone.get('/langue/en?retour=/');
    const [row] = await ctx.services.db.select({ locale: users.locale }).from(users).where(eq(users.id, user.id));
    expect(row!.locale).toBe('en');

    const laptop = ctx.client();
    await logInAs(laptop, user);
    expect(htmlTag((await laptop.get('/', { 'accept-language': 'fr' })).body)).toContain('lang="en"');
  });

  it.each([
    ['//evil.example', '/'],
    ['//evil.example/%2F..', '/'],
    ['https://evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['\\\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['', '/'],
    ['/✓', '/%E2%9C%93'],
    ['/é?q=Besançon', '/%C3%A9?q=Besan%C3%A7on'],
    ['/a b', '/a%20b'],
    ['/compte?onglet=securite#sessions', '/compte?onglet=securite#sessions'],
  ])('sends retour=%j back to %s, never to another site, never with a 500', async (retour, expected) => {
    const res = await ctx.client().get(`/langue/fr?retour=${encodeURIComponent(retour)}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(expected);
    expect(safeReturnPath(retour)).toBe(expected);
  });

  it('refuses a return address that cannot be encoded', () => {
    expect(safeReturnPath('/\ud800')).toBe('/');
    expect(safeReturnPath(['/compte'])).toBe('/');
    expect(safeReturnPath(`/${'a'.repeat(600)}`)).toBe('/');
  });

  it('ignores an off-site return address after logging in too', async () => {
    const user = await buildUser(ctx.services);
    const c = ctx.client();
    await c.get('/connexion?retour=%2F%2Fevil.example');
    const res = await c.post('/connexion', { email: user.email, password: user.password, retour: '//evil.example' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
  });
});
