import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions, users } from '../../src/db/schema';
import { MINUTE } from '../../src/platform/clock';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, codeIn, lastMailTo, logInAs } from '../support/builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('log in and log out', () => {
  it('opens a session with a secure cookie and shows the signed-in home', async () => {
    const user = await buildUser(ctx.services);
    const c = ctx.client();
    const res = await c.submit('/connexion', { email: user.email.toUpperCase(), password: user.password });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = res.cookies.find((k) => k.name === 'sesame_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const home = await c.get('/');
    expect(home.body).toContain('Mon compte');
    expect(home.body).toContain('Se déconnecter');
  });

  it('returns to the page that asked for login, but never to another site', async () => {
    const user = await buildUser(ctx.services);
    const c = ctx.client();
    const asked = await c.get('/compte');
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe('/connexion?retour=%2Fcompte');
    const res = await c.submit('/connexion?retour=%2Fcompte', { email: user.email, password: user.password, retour: '/compte' }, '/connexion');
    expect(res.headers.location).toBe('/compte');

    const other = ctx.client();
    const evil = await other.submit('/connexion', { email: user.email, password: user.password, retour: '//evil.example/x' });
    expect(evil.headers.location).toBe('/');
  });

  it('gives the same message for an unknown address and a wrong password', async () => {
    const user = await buildUser(ctx.services);
    const c = ctx.client();
    const wrong = await c.submit('/connexion', { email: user.email, password: 'not the password at all' });
    const unknown = await c.submit('/connexion', { email: 'nobody@example.org', password: 'not the password at all' });
    expect(wrong.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    const message = 'adresse e-mail ou le mot de passe est incorrect.';
    expect(wrong.body).toContain(message);
    expect(unknown.body).toContain(message);
    expect(wrong.body).toContain(`value="${user.email}"`);
  });

  it('locks the account for 15 minutes after 5 wrong passwords, saying until when', async () => {
    const user = await buildUser(ctx.services);
    const c = ctx.client();
    for (let i = 0; i < 4; i++) expect((await c.submit('/connexion', { email: user.email, password: `wrong password ${i}` })).statusCode).toBe(400);
    const locked = await c.submit('/connexion', { email: user.email, password: 'wrong password 5' });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toMatch(/bloqué par sécurité jusqu.à \d\d:\d\d/);
    expect(locked.headers['retry-after']).toBeDefined();
    // Even the right password waits for the end of the lock.
    const stillLocked = await c.submit('/connexion', { email: user.email, password: user.password });
    expect(stillLocked.statusCode).toBe(429);
    ctx.clock.advance(16 * MINUTE);
    const ok = await c.submit('/connexion', { email: user.email, password: user.password });
    expect(ok.statusCode).toBe(303);
    const [row] = await ctx.services.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.failedLogins).toBe(0);
  });

  it('rate-limits login attempts from one address', async () => {
    const c = ctx.client();
    c.ip = '198.51.100.77';
    let last = 0;
    for (let i = 0; i < 31; i++) {
      last = (await c.submit('/connexion', { email: `spray${i}@example.org`, password: 'whatever password' })).statusCode;
    }
    expect(last).toBe(429);
    ctx.clock.advance(16 * MINUTE);
  });

  it('sends a new confirmation code when an unconfirmed account logs in with the right password', async () => {
    const user = await buildUser(ctx.services, { verified: false });
    const c = ctx.client();
    const res = await c.submit('/connexion', { email: user.email, password: user.password });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('/inscription/code');
    const mail = await lastMailTo(ctx.services, user.email);
    expect(codeIn(mail!.text)).toMatch(/^\d{6}$/);
    expect(res.cookies.find((k) => k.name === 'sesame_session')).toBeUndefined();
  });

  it('logs out: the session is gone from the database and the cookie no longer works', async () => {
    const user = await buildUser(ctx.services);
    const c = ctx.client();
    await logInAs(c, user);
    const token = c.cookies.get('sesame_session')!;
    await c.get('/');
    const res = await c.post('/deconnexion');
    expect(res.statusCode).toBe(303);
    const left = await ctx.services.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(left).toHaveLength(0);
    const replay = ctx.client();
    replay.cookies.set('sesame_session', token);
    expect((await replay.get('/compte')).statusCode).toBe(303);
  });

  it('ends a session left idle too long: pages redirect to login, forms get a 401 page', async () => {
    const user = await buildUser(ctx.services);
    const c = ctx.client();
    await logInAs(c, user);
    await c.get('/compte');
    ctx.clock.advance(121 * MINUTE);
    const page = await c.get('/compte');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/connexion?retour=%2Fcompte');
    await c.get('/connexion');
    const post = await c.post('/compte/sessions/00000000-0000-0000-0000-000000000000/fermer');
    expect(post.statusCode).toBe(401);
    expect(post.body).toContain('Session expirée');
  });
});

describe('password reset', () => {
  it('resets with the mailed code, ends every session and unlocks the account', async () => {
    const user = await buildUser(ctx.services);
    const other = ctx.client();
    await logInAs(other, user);
    const c = ctx.client();
    const asked = await c.submit('/mot-de-passe-oublie', { email: user.email });
    expect(asked.statusCode).toBe(303);
    const mail = await lastMailTo(ctx.services, user.email);
    const res = await c.submit(`/mot-de-passe-oublie/nouveau?email=${encodeURIComponent(user.email)}`, {
      email: user.email,
      code: codeIn(mail!.text),
      password: 'un tout nouveau mot de passe',
    });
    expect(res.statusCode).toBe(303);
    expect((await other.get('/compte')).statusCode).toBe(303);
    const notice = await lastMailTo(ctx.services, user.email);
    expect(notice?.template).toBe('mail.password_changed');
    const again = await c.submit('/connexion', { email: user.email, password: 'un tout nouveau mot de passe' });
    expect(again.statusCode).toBe(303);
    const old = await ctx.client().submit('/connexion', { email: user.email, password: user.password });
    expect(old.statusCode).toBe(400);
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const c = ctx.client();
    const res = await c.submit('/mot-de-passe-oublie', { email: 'ghost@example.org' });
    expect(res.statusCode).toBe(303);
    expect(await lastMailTo(ctx.services, 'ghost@example.org')).toBeNull();
  });

  it('refuses a reused code and a common new password, keeping the e-mail typed', async () => {
    const user = await buildUser(ctx.services);
    const c = ctx.client();
    await c.submit('/mot-de-passe-oublie', { email: user.email });
    const code = codeIn((await lastMailTo(ctx.services, user.email))!.text);
    const common = await c.submit('/mot-de-passe-oublie/nouveau', { email: user.email, code, password: 'azertyuiop123' });
    expect(common.statusCode).toBe(400);
    expect(common.body).toContain('trop courant');
    expect(common.body).toContain(`value="${user.email}"`);
    expect((await c.submit('/mot-de-passe-oublie/nouveau', { email: user.email, code, password: 'encore une phrase longue' })).statusCode).toBe(303);
    const reused = await c.submit('/mot-de-passe-oublie/nouveau', { email: user.email, code, password: 'et une autre phrase longue' });
    expect(reused.statusCode).toBe(400);
  });
});

describe('signed-in devices', () => {
  it('lists sessions and logs out another device, but not someone else’s', async () => {
    const user = await buildUser(ctx.services);
    const phone = ctx.client();
    await logInAs(phone, user);
    ctx.clock.advance(1000);
    const laptop = ctx.client();
    await logInAs(laptop, user);
    const page = await laptop.get('/compte');
    const handles = [...page.body.matchAll(/\/compte\/sessions\/([0-9a-f-]{36})\/fermer/g)].map((m) => m[1]!);
    expect(handles).toHaveLength(2);
    expect(page.body).toContain('cet appareil');

    const intruder = await buildUser(ctx.services);
    const ic = ctx.client();
    await logInAs(ic, intruder);
    await ic.get('/compte');
    const denied = await ic.post(`/compte/sessions/${handles[0]}/fermer`);
    expect(denied.statusCode).toBe(404);

    // The phone signed in first: its session is the oldest.
    const rows = await ctx.services.db.select().from(sessions).where(eq(sessions.userId, user.id)).orderBy(sessions.createdAt);
    const phoneHandle = rows[0]!.handle;
    await laptop.get('/compte');
    const closed = await laptop.post(`/compte/sessions/${phoneHandle}/fermer`);
    expect(closed.statusCode).toBe(303);
    expect(closed.headers.location).toBe('/compte');
    expect((await phone.get('/compte')).statusCode).toBe(303);
    expect((await laptop.get('/compte')).statusCode).toBe(200);
  });
});

describe('a session that expires while a form is being filled in', () => {
  it('offers to log in again and gives the form back with what was typed', async () => {
    const user = await buildUser(ctx.services);
    const c = ctx.client();
    await logInAs(c, user);
    await c.get('/compte/profil');
    ctx.clock.advance(121 * MINUTE);
    const res = await c.post('/compte/profil', { surname: 'Ndiaye', givenNames: 'Fatou', birthPlace: '<b>Dakar</b>' });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Session expirée');
    const reprise = /name="reprise" value="([^"]+)"/.exec(res.body)?.[1];
    expect(reprise).toBeDefined();
    const draft = reprise!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const login = await c.post('/connexion', { email: user.email, password: user.password, retour: '/compte/profil', reprise: draft });
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/compte/profil');
    const form = await c.get('/compte/profil');
    expect(form.body).toContain('value="Ndiaye"');
    expect(form.body).toContain('value="Fatou"');
    expect(form.body).toContain('value="&lt;b>Dakar&lt;/b>"');
    // Shown once: reloading shows the saved (empty) profile again.
    const again = await c.get('/compte/profil');
    expect(again.body).not.toContain('value="Ndiaye"');
  });

  it('never carries a password through the detour', async () => {
    const user = await buildUser(ctx.services);
    const c = ctx.client();
    await logInAs(c, user);
    await c.get('/compte');
    ctx.clock.advance(121 * MINUTE);
    const res = await c.post('/compte/e-mail', { email: 'new@example.org', password: 'secret password typed' });
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('secret password typed');
  });
});
