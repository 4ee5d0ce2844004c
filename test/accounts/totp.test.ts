import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, mailMessages, recoveryCodes, users } from '../../src/db/schema';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoData } from '../../src/db/seed/demo';
import { SESSION_COOKIE } from '../../src/platform/sessions';
import { totpCode, totpStep } from '../../src/platform/totp';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, lastMailTo, logInAs, type BuiltUser } from '../support/builders';
import type { TestClient } from '../support/test-client';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: { APP_SECRET: 'totp-tests-secret-0123456789abcdefghij' } });
});
afterAll(() => ctx.close());

let clients = 0;
/** Each client its own address, so that the per-address login limit never interferes. */
function client(): TestClient {
  const c = ctx.client();
  c.ip = `198.51.100.${++clients}`;
  return c;
}

const codeNow = (secret: string) => totpCode(secret, ctx.clock.now());
/** A well-formed code that matches none of the steps accepted right now. */
function wrongCodeNow(secret: string): string {
  const accepted = [-30_000, 0, 30_000].map((d) => totpCode(secret, new Date(ctx.clock.now().getTime() + d)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!accepted.includes(candidate)) return candidate;
  }
}
const nextStep = () => ctx.clock.advance(30_000);

const keyOnPage = (html: string) => /id="totp-key">([A-Z2-7 ]+)</.exec(html)![1]!.replace(/ /g, '');
const codesOnPage = (html: string) => [...html.matchAll(/<code class="sesame-code">([A-Z0-9]{5}-[A-Z0-9]{5})<\/code>/g)].map((m) => m[1]!);

async function auditActions(userId: string) {
  const rows = await ctx.services.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, userId)).orderBy(asc(auditEvents.seq));
  return rows.map((r) => r.action);
}

/** Signs in and turns the factor on through the pages, as the person would. */
async function enrolApplicant(): Promise<{ user: BuiltUser; c: TestClient; secret: string; codes: string[] }> {
  const user = await buildUser(ctx.services);
  const c = client();
  await logInAs(c, user);
  const page = await c.get('/compte/securite/activer');
  const secret = keyOnPage(page.body);
  const done = await c.post('/compte/securite/activer', { code: codeNow(secret) });
  expect(done.statusCode).toBe(200);
  return { user, c, secret, codes: codesOnPage(done.body) };
}

/** What a token opens, tried from another browser: whoever had copied it. */
async function openWith(token: string, url = '/compte') {
  const thief = client();
  thief.cookies.set(SESSION_COOKIE, token);
  return thief.get(url);
}

/** Logs out, then logs in again with the password: the session waits for the second factor. */
async function logInAgain(c: TestClient, user: BuiltUser, retour = '/') {
  await c.post('/deconnexion');
  const res = await c.submit('/connexion', { email: user.email, password: user.password, retour });
  expect(res.statusCode).toBe(303);
  return res;
}

describe('enrolment of an applicant', () => {
  it('shows the key as a QR code and in writing, confirms it with a code, then shows 10 recovery codes once', async () => {
    const user = await buildUser(ctx.services);
    const c = client();
    await logInAs(c, user);
    const status = await c.get('/compte/securite');
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('Non activée');

    const page = await c.get('/compte/securite/activer');
    expect(page.statusCode).toBe(200);
    const secret = keyOnPage(page.body);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const qr = /<img src="data:image\/svg\+xml;base64,([^"]+)" alt="([^"]+)"/.exec(page.body);
    expect(Buffer.from(qr![1]!, 'base64').toString()).toMatch(/^<svg[^>]*viewBox/);
    expect(qr![2]).toContain('QR code à scanner');
    // Reloading shows the same key: the person may have scanned it already.
    expect(keyOnPage((await c.get('/compte/securite/activer')).body)).toBe(secret);

    const [pending] = await ctx.services.db.select().from(users).where(eq(users.id, user.id));
    expect(pending!.totpEnabledAt).toBeNull();
    expect(pending!.totpSecret).not.toContain(secret);

    const wrong = await c.post('/compte/securite/activer', { code: wrongCodeNow(secret) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Ce code est incorrect');
    expect(keyOnPage(wrong.body)).toBe(secret);

    const done = await c.post('/compte/securite/activer', { code: codeNow(secret).replace(/(\d{3})/, '$1 ') });
    expect(done.statusCode).toBe(200);
    const codes = codesOnPage(done.body);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(done.body).toContain('Ils ne seront plus jamais affichés');

    const [enabled] = await ctx.services.db.select().from(users).where(eq(users.id, user.id));
    expect(enabled!.totpEnabledAt).not.toBeNull();
    expect(enabled!.totpLastStep).toBe(totpStep(ctx.clock.now()));
    const stored = await ctx.services.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(stored.some((r) => r.codeHash.includes(code) || r.codeHash.includes(code.replace('-', '')))).toBe(false);
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(['totp.enrolment_started', 'totp.enabled']));
    expect((await lastMailTo(ctx.services, user.email))?.template).toBe('totp.mail.enabled');

    const after = await c.get('/compte/securite');
    expect(after.body).toContain('Activée');
    expect(after.body).toContain('Il vous reste 10 codes de secours.');
    // A second click on "Activer" changes nothing.
    expect((await c.post('/compte/securite/activer', { code: codeNow(secret) })).headers.location).toBe('/compte/securite');
  });
});

describe('logging in with the second factor', () => {
  it('asks for the code after the password, refuses a wrong or reused code, then lets the person in', async () => {
    const { user, c, secret } = await enrolApplicant();
    const login = await logInAgain(c, user, '/compte');
    expect(login.headers.location).toBe('/connexion/second-facteur?retour=%2Fcompte');
    // Nothing of the account is reachable yet.
    expect((await c.get('/compte')).headers.location).toBe('/connexion/second-facteur');

    const page = await c.get('/connexion/second-facteur?retour=%2Fcompte');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="retour" value="/compte"');
    expect(page.body).toContain('action="/deconnexion"');

    const wrong = await c.post('/connexion/second-facteur', { code: wrongCodeNow(secret), retour: '/compte' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Ce code est incorrect');

    // The code that confirmed the enrolment, in the same 30 seconds: already spent.
    const reused = await c.post('/connexion/second-facteur', { code: codeNow(secret), retour: '/compte' });
    expect(reused.statusCode).toBe(400);
    expect(reused.body).toContain('Ce code vient déjà de servir');

    nextStep();
    const ok = await c.post('/connexion/second-facteur', { code: codeNow(secret), retour: '/compte' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/compte');
    expect((await c.get('/compte')).statusCode).toBe(200);
    expect(await auditActions(user.id)).toContain('session.second_factor_passed');

    // The same code again, on another login, is refused too.
    const other = client();
    await other.submit('/connexion', { email: user.email, password: user.password });
    const replay = await other.submit('/connexion/second-facteur', { code: codeNow(secret) });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('Ce code vient déjà de servir');
  });

  it('gives the session a new token once the code is given: the waiting one opens nothing afterwards', async () => {
    const { user, c, secret } = await enrolApplicant();
    await logInAgain(c, user, '/compte');
    const waiting = c.cookies.get(SESSION_COOKIE)!;
    expect(waiting).toBeTruthy();

    // A wrong code changes nothing: same token, and the waiting session takes another try.
    const wrong = await c.post('/connexion/second-facteur', { code: wrongCodeNow(secret), retour: '/compte' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.cookies.some((k) => k.name === SESSION_COOKIE)).toBe(false);
    expect(c.cookies.get(SESSION_COOKIE)).toBe(waiting);
    expect((await c.get('/connexion/second-facteur')).statusCode).toBe(200);
    expect((await openWith(waiting)).headers.location).toBe('/connexion/second-facteur');

    nextStep();
    const ok = await c.post('/connexion/second-facteur', { code: codeNow(secret), retour: '/compte' });
    expect(ok.statusCode).toBe(303);
    const full = c.cookies.get(SESSION_COOKIE)!;
    expect(full).toBeTruthy();
    expect(full).not.toBe(waiting);
    // Set as at login: same options, same lifetime.
    const set = ok.cookies.find((k) => k.name === SESSION_COOKIE) as { httpOnly?: boolean; sameSite?: string; path?: string; maxAge?: number };
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: ctx.services.config.SESSION_MAX_HOURS * 3600 });

    // The new token opens the account; the old one is a stranger's, even after the step.
    expect((await c.get('/compte')).statusCode).toBe(200);
    expect((await openWith(full)).statusCode).toBe(200);
    const stolen = await openWith(waiting);
    expect(stolen.statusCode).toBe(303);
    expect(stolen.headers.location).toBe('/connexion?retour=%2Fcompte');
    expect((await openWith(waiting, '/connexion/second-facteur')).headers.location).toBe('/connexion?retour=%2F');
    // One session left, the full one, for the same device.
    const left = await ctx.services.sessions.list(user.id);
    expect(left).toHaveLength(1);
    expect(left[0]!.ip).toBe(c.ip);
  });

  it('lets only one of two simultaneous logins through with the same code', async () => {
    const { user, c, secret } = await enrolApplicant();
    await logInAgain(c, user);
    const other = client();
    await other.submit('/connexion', { email: user.email, password: user.password });
    await Promise.all([c.get('/connexion/second-facteur'), other.get('/connexion/second-facteur')]);
    nextStep();
    const code = codeNow(secret);
    const results = await Promise.all([c.post('/connexion/second-facteur', { code }), other.post('/connexion/second-facteur', { code })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 400]);
  });

  it('never sends the person to another site after the second step', async () => {
    const { user, c, secret } = await enrolApplicant();
    await logInAgain(c, user);
    nextStep();
    const res = await c.submit('/connexion/second-facteur', { code: codeNow(secret), retour: '//evil.example/x' });
    expect(res.headers.location).toBe('/');
  });

  it('takes a recovery code once, and tells the owner by e-mail', async () => {
    const { user, c, codes } = await enrolApplicant();
    await logInAgain(c, user);
    const used = await c.submit('/connexion/second-facteur', { code: ` ${codes[0]!.toLowerCase()} ` });
    expect(used.statusCode).toBe(303);
    expect((await c.get('/compte')).statusCode).toBe(200);
    expect(await auditActions(user.id)).toContain('totp.recovery_code_used');
    const mail = await lastMailTo(ctx.services, user.email);
    expect(mail?.template).toBe('totp.mail.recovery_code_used');
    expect(mail?.text).toContain('Il vous en reste 9.');
    expect((await c.get('/compte/securite')).body).toContain('Il vous reste 9 codes de secours.');

    await logInAgain(c, user);
    const again = await c.submit('/connexion/second-facteur', { code: codes[0]! });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Ce code de secours est incorrect ou a déjà servi');
    expect((await c.get('/compte')).headers.location).toBe('/connexion/second-facteur');
  });

  it('refuses malformed input with a clear message, keeping what was typed', async () => {
    const { user, c } = await enrolApplicant();
    await logInAgain(c, user);
    const script = await c.submit('/connexion/second-facteur', { code: '<script>alert(1)</script>' });
    expect(script.statusCode).toBe(400);
    expect(script.body).toContain('Saisissez le code à 6 chiffres de votre application, ou un code de secours de 10 caractères.');
    expect(script.body).not.toContain('<script>alert(1)</script>');
    expect(script.body).toContain('value="&lt;script>alert(1)&lt;/script>"');
    expect(script.body).toContain('aria-describedby="code-hint code-error"');

    const long = await c.submit('/connexion/second-facteur', { code: '1'.repeat(41) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('Saisissez au plus 40 caractères');

    const empty = await c.submit('/connexion/second-facteur', { code: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Ce champ est obligatoire');
  });

  it('stops guessing after 10 tries per account, whatever the address', async () => {
    const { user, c, secret } = await enrolApplicant();
    // Confirming the enrolment was one check already; start from a fresh window.
    ctx.clock.advance(15 * 60_000);
    await logInAgain(c, user);
    await c.get('/connexion/second-facteur');
    const wrong = wrongCodeNow(secret);
    for (let i = 0; i < 10; i++) {
      c.ip = `192.0.2.${i + 1}`;
      expect((await c.post('/connexion/second-facteur', { code: wrong })).statusCode).toBe(400);
    }
    nextStep();
    const blocked = await c.post('/connexion/second-facteur', { code: codeNow(secret) });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect(blocked.body).toContain('Trop de tentatives');
    expect((await c.get('/compte')).headers.location).toBe('/connexion/second-facteur');

    // The window passes, and the right code works again.
    ctx.clock.advance(15 * 60_000);
    expect((await c.post('/connexion/second-facteur', { code: codeNow(secret) })).statusCode).toBe(303);
  });

  it('lets the person log out from the second step, and answers an expired session with a 401', async () => {
    const { user, c } = await enrolApplicant();
    await logInAgain(c, user);
    await c.get('/connexion/second-facteur');
    const out = await c.post('/deconnexion');
    expect(out.headers.location).toBe('/');
    expect((await c.get('/connexion/second-facteur')).headers.location).toBe('/connexion?retour=%2F');
    const late = await c.post('/connexion/second-facteur', { code: '123456' });
    expect(late.statusCode).toBe(401);
    expect(late.body).toContain('Session expirée');
  });

  it('refuses a form without its anti-forgery token', async () => {
    const { user, c } = await enrolApplicant();
    await logInAgain(c, user);
    await c.get('/connexion/second-facteur');
    expect((await c.post('/connexion/second-facteur', { code: '123456' }, { csrf: null })).statusCode).toBe(403);
  });

  it('speaks English to an English speaker', async () => {
    const { user, c } = await enrolApplicant();
    await logInAgain(c, user);
    await c.get('/langue/en?retour=/connexion/second-facteur');
    const page = await c.get('/connexion/second-facteur');
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('Two-step verification');
    const bad = await c.post('/connexion/second-facteur', { code: 'nope' });
    expect(bad.body).toContain('Enter the 6-digit code from your app, or a 10-character recovery code.');
  });
});

describe('managing the second factor', () => {
  it('turns it off on proof of a code, which ends the recovery codes and the login step', async () => {
    const { user, c, secret } = await enrolApplicant();
    nextStep();
    const page = await c.get('/compte/securite/desactiver');
    expect(page.statusCode).toBe(200);
    const wrong = await c.post('/compte/securite/desactiver', { code: wrongCodeNow(secret) });
    expect(wrong.statusCode).toBe(400);
    const off = await c.post('/compte/securite/desactiver', { code: codeNow(secret) });
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe('/compte/securite');
    expect((await c.get('/compte/securite')).body).toContain('Non activée');

    const [row] = await ctx.services.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(await ctx.services.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toHaveLength(0);
    expect(await auditActions(user.id)).toContain('totp.disabled');
    expect((await lastMailTo(ctx.services, user.email))?.template).toBe('totp.mail.disabled');

    const login = await logInAgain(c, user);
    expect(login.headers.location).toBe('/');
  });

  it('turns it off with a recovery code, for someone who lost their phone', async () => {
    const { user, c, codes } = await enrolApplicant();
    const off = await c.submit('/compte/securite/desactiver', { code: codes[3]! });
    expect(off.statusCode).toBe(303);
    const [row] = await ctx.services.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.totpEnabledAt).toBeNull();
  });

  it('replaces the recovery codes: the old ones stop working, the new ones work', async () => {
    const { user, c, secret, codes } = await enrolApplicant();
    nextStep();
    const page = await c.get('/compte/securite/codes-de-secours');
    expect(page.statusCode).toBe(200);
    const renewed = await c.post('/compte/securite/codes-de-secours', { code: codeNow(secret) });
    expect(renewed.statusCode).toBe(200);
    const fresh = codesOnPage(renewed.body);
    expect(fresh).toHaveLength(10);
    expect(fresh.some((code) => codes.includes(code))).toBe(false);
    expect(await auditActions(user.id)).toContain('totp.recovery_codes_regenerated');

    await logInAgain(c, user);
    expect((await c.submit('/connexion/second-facteur', { code: codes[1]! })).statusCode).toBe(400);
    expect((await c.submit('/connexion/second-facteur', { code: fresh[1]! })).statusCode).toBe(303);
  });
});

describe('agents', () => {
  it('must enrol at their first login before reaching anything, then give the code at every login', async () => {
    const agent = await buildUser(ctx.services, { role: 'case_officer' });
    const c = client();
    const login = await c.submit('/connexion', { email: agent.email, password: agent.password });
    expect(login.headers.location).toBe('/connexion/second-facteur/activer');

    const account = await c.get('/compte');
    expect(account.statusCode).toBe(303);
    expect(account.headers.location).toBe('/connexion/second-facteur');
    expect((await c.follow(account)).headers.location).toBe('/connexion/second-facteur/activer');
    expect((await c.get('/compte/securite')).headers.location).toBe('/connexion/second-facteur');

    const page = await c.get('/connexion/second-facteur/activer');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('obligatoire pour les agents');
    expect(page.body).toContain('action="/deconnexion"');
    const secret = keyOnPage(page.body);
    const waiting = c.cookies.get(SESSION_COOKIE)!;
    const bad = await c.post('/connexion/second-facteur/activer', { code: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Le code est composé de 6 chiffres.');
    expect((await c.get('/compte')).statusCode).toBe(303);
    expect(c.cookies.get(SESSION_COOKIE)).toBe(waiting);

    const done = await c.post('/connexion/second-facteur/activer', { code: codeNow(secret) });
    expect(done.statusCode).toBe(200);
    expect(codesOnPage(done.body)).toHaveLength(10);
    expect(done.body).toContain('href="/compte"');
    // Enrolled at login: a new token for the full session, the waiting one's opens nothing.
    expect(c.cookies.get(SESSION_COOKIE)).not.toBe(waiting);
    expect((await c.get('/compte')).statusCode).toBe(200);
    expect((await openWith(waiting)).headers.location).toBe('/connexion?retour=%2Fcompte');

    await c.post('/deconnexion');
    const next = await c.submit('/connexion', { email: agent.email, password: agent.password });
    expect(next.headers.location).toBe('/connexion/second-facteur?retour=%2F');
    const waitingAgain = c.cookies.get(SESSION_COOKIE)!;
    nextStep();
    expect((await c.submit('/connexion/second-facteur', { code: codeNow(secret) })).statusCode).toBe(303);
    expect(c.cookies.get(SESSION_COOKIE)).not.toBe(waitingAgain);
    expect((await openWith(waitingAgain)).headers.location).toBe('/connexion?retour=%2Fcompte');
    expect((await c.get('/compte')).statusCode).toBe(200);

  });

  it('cannot turn the second factor off', async () => {
    const agent = await buildUser(ctx.services, { role: 'desk_agent' });
    const c = client();
    await c.submit('/connexion', { email: agent.email, password: agent.password });
    const secret = keyOnPage((await c.get('/connexion/second-facteur/activer')).body);
    await c.post('/connexion/second-facteur/activer', { code: codeNow(secret) });

    const status = await c.get('/compte/securite');
    expect(status.body).toContain('ne peut pas être désactivée');
    expect(status.body).not.toContain('href="/compte/securite/desactiver"');

    const page = await c.get('/compte/securite/desactiver');
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('obligatoire pour les agents');
    nextStep();
    const post = await c.post('/compte/securite/desactiver', { code: codeNow(secret) });
    expect(post.statusCode).toBe(403);
    const [row] = await ctx.services.db.select().from(users).where(eq(users.id, agent.id));
    expect(row!.totpEnabledAt).not.toBeNull();
    const disabled = await ctx.services.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, agent.id), eq(auditEvents.action, 'totp.disabled'))).orderBy(asc(auditEvents.seq));
    expect(disabled).toHaveLength(0);
    const mails = await ctx.services.db.select().from(mailMessages).where(and(eq(mailMessages.to, agent.email), eq(mailMessages.template, 'totp.mail.disabled')));
    expect(mails).toHaveLength(0);
  });
});

describe('demo data', () => {
  let demo: TestContext;
  beforeAll(async () => {
    demo = await createTestContext();
  });
  afterAll(() => demo.close());

  it('gives every agent the printed key, stored encrypted, and none to the applicant', async () => {
    const logins = await seedDemoData(demo.services);
    const rows = await demo.services.db.select().from(users);
    for (const row of rows) {
      if (row.role === 'applicant') expect(row.totpSecret).toBeNull();
      else expect(row).toMatchObject({ totpEnabledAt: expect.any(Date), totpSecret: expect.not.stringContaining(DEMO_TOTP_SECRET) });
    }
    const agent = logins!.find((l) => l.role === 'case_officer')!;
    const c = demo.client();
    const login = await c.submit('/connexion', { email: agent.email, password: DEMO_PASSWORD });
    expect(login.headers.location).toBe('/connexion/second-facteur?retour=%2F');
    const code = totpCode(DEMO_TOTP_SECRET, demo.clock.now());
    expect((await c.submit('/connexion/second-facteur', { code })).statusCode).toBe(303);
    expect((await c.get('/compte')).statusCode).toBe(200);
  });
});
