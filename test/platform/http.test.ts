import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, logInAs } from '../support/builders';
import { createAppWithExtraRoutes } from './support/app-with-extra-routes';

let ctx: TestContext;
let failing: Awaited<ReturnType<typeof createAppWithExtraRoutes>>;
beforeAll(async () => {
  ctx = await createTestContext();
  failing = await createAppWithExtraRoutes((app) => {
    app.get('/test/panne', async () => {
      throw new Error('secret detail: connection to 10.0.0.5 refused for user sesame_admin');
    });
    app.get('/test/refus', async () => {
      throw Object.assign(new Error('framework-like refusal'), { statusCode: 422 });
    });
  });
});
afterAll(async () => {
  await ctx.close();
  await failing.close();
});

const header = (res: LightMyRequestResponse, name: string) => String(res.headers[name] ?? '');
const cookie = (res: LightMyRequestResponse, name: string) => (res.cookies as { name: string; httpOnly?: boolean; sameSite?: string; secure?: boolean; path?: string }[]).find((c) => c.name === name);

describe('error pages', () => {
  it('answers an unknown address with a translated 404 page', async () => {
    const fr = await ctx.app.inject({ url: '/nulle-part' });
    expect(fr.statusCode).toBe(404);
    expect(fr.headers['content-type']).toContain('text/html');
    expect(fr.body).toContain('<html lang="fr" dir="ltr"');
    expect(fr.body).toContain('<h1>Page introuvable</h1>');
    expect(fr.body).toContain('Erreur 404');

    const en = await ctx.app.inject({ url: '/nulle-part', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(en.statusCode).toBe(404);
    expect(en.body).toContain('<h1>Page not found</h1>');

    const json = await ctx.app.inject({ url: '/api/nulle-part' });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toMatchObject({ error: { code: 'not_found', requestId: json.headers['x-request-id'] } });
  });

  it('answers an unexpected error with a 500 page that gives the request id and hides the details', async () => {
    const res = await failing.client().get('/test/panne');
    expect(res.statusCode).toBe(500);
    const requestId = header(res, 'x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).toContain('<h1>Erreur inattendue</h1>');
    expect(res.body).toContain(`la référence : ${requestId}`);
    for (const leak of ['secret detail', '10.0.0.5', 'sesame_admin', 'Error:', 'at ', '.ts:', 'node_modules', 'stack']) expect(res.body).not.toContain(leak);

    const json = await failing.app.inject({ url: '/test/panne', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(500);
    expect(json.json()).toEqual({ error: { code: 'internal', message: expect.any(String) as string, requestId: json.headers['x-request-id'] } });
    expect(json.body).not.toContain('secret detail');
  });

  it('keeps a 4xx thrown by a plugin a 4xx, with a translated page', async () => {
    const res = await failing.client().get('/test/refus');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Demande invalide');
    expect(res.body).not.toContain('framework-like refusal');
  });

  it('shows the 500 page, translated, even when the failure happens while loading the session', async () => {
    const c = failing.client();
    c.cookies.set('sesame_session', 'any-token');
    c.cookies.set('sesame_lang', 'en');
    const original = failing.services.sessions.find;
    failing.services.sessions.find = async () => {
      throw new Error('database is gone');
    };
    try {
      const res = await c.get('/');
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<html lang="en"');
      expect(res.body).toContain('<h1>Unexpected error</h1>');
      expect(res.body).toContain(header(res, 'x-request-id'));
      expect(res.body).not.toContain('database is gone');
    } finally {
      failing.services.sessions.find = original;
    }
  });
});

describe('bad requests', () => {
  const post = (payload: string | Buffer, contentType: string) => ctx.app.inject({ method: 'POST', url: '/inscription', payload, headers: { 'content-type': contentType } });

  it('refuses a body of the wrong type, a broken one or a huge one with a 4xx, never a 500', async () => {
    const cases = [
      post('email=a@b.fr', 'text/plain'),
      post('{"email": ', 'application/json'),
      post('{"__proto__": {"admin": true}}', 'application/json'),
      post('--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na\r\n--x--', 'multipart/form-data; boundary=x'),
      post('%%%&&&=%E0%A4%A&email=%ZZ', 'application/x-www-form-urlencoded'),
      post(`email=${'a'.repeat(1024 * 1024)}`, 'application/x-www-form-urlencoded'),
      post(Buffer.alloc(1024 * 1024, 0xff), 'application/octet-stream'),
    ];
    const statuses = (await Promise.all(cases)).map((r) => r.statusCode);
    for (const status of statuses) expect(status >= 400 && status < 500, `status ${status}`).toBe(true);
    expect(statuses[5]).toBe(413);
  });

  it('refuses a malformed address with a translated 400 that carries a request id', async () => {
    for (const url of ['/%E0%A4%A', '/langue/%ZZ']) {
      const fr = await ctx.app.inject({ url });
      expect(fr.statusCode).toBe(400);
      expect(fr.body).toContain('Demande invalide');
      expect(header(fr, 'x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(fr.body).not.toContain('FST_ERR');
    }
    const en = await ctx.app.inject({ url: '/%', headers: { 'accept-language': 'en' } });
    expect(en.body).toContain('Invalid request');
  });

  it('shows the form again for a malformed urlencoded body that carries a valid token', async () => {
    const c = ctx.client();
    await c.get('/inscription');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/inscription',
      payload: `_csrf=${encodeURIComponent(c.lastCsrf!)}&email=%ZZ%E0&password=%&password=x`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="resume-erreurs"');
  });

  it('refuses a form without its token with 403 and a translated page', async () => {
    const res = await ctx.client().post('/inscription', { email: 'a@b.fr', password: 'une phrase assez longue' }, { csrf: null });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Formulaire expiré');
  });
});

describe('headers', () => {
  it('sends a strict content security policy and the other protective headers, on every kind of page', async () => {
    for (const res of [await ctx.app.inject({ url: '/' }), await ctx.app.inject({ url: '/nulle-part' }), await failing.app.inject({ url: '/test/panne' })]) {
      const csp = header(res, 'content-security-policy');
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(header(res, 'x-content-type-options')).toBe('nosniff');
      expect(header(res, 'referrer-policy')).toBe('same-origin');
      expect(header(res, 'x-frame-options')).toBe('SAMEORIGIN');
      expect(header(res, 'cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
      // Headers only dead browsers read are not sent (each one is bytes on every response).
      expect(res.headers['x-xss-protection']).toBeUndefined();
      expect(res.headers['x-download-options']).toBeUndefined();
    }
  });

  it('serves pages that the policy allows: no inline script, no style attribute', async () => {
    const c = ctx.client();
    for (const url of ['/', '/inscription', '/connexion', '/mot-de-passe-oublie', '/nulle-part']) {
      const { body } = await c.get(url);
      expect(body.match(/<script(?![^>]*\ssrc=)[^>]*>/g), url).toBeNull();
      expect(body, url).not.toMatch(/\sstyle=/);
      expect(body, url).not.toMatch(/\son[a-z]+=/);
    }
  });

  it('gives every response its own x-request-id, and ignores one sent by the client', async () => {
    const c = ctx.client();
    const responses = [
      await c.get('/'),
      await c.get('/nulle-part'),
      await c.get('/langue/en?retour=/'),
      await c.get('/assets/app.css'),
      await c.get('/healthz'),
      await c.get('/metrics'),
      await c.post('/inscription', {}, { csrf: null }),
      await failing.app.inject({ url: '/test/panne' }),
      await ctx.app.inject({ method: 'POST', url: '/inscription', payload: 'x', headers: { 'content-type': 'text/plain' } }),
      await ctx.app.inject({ url: '/', headers: { 'x-request-id': 'forged-id' } }),
      await ctx.app.inject({ url: '/%' }),
    ];
    const ids = responses.map((r) => header(r, 'x-request-id'));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('cookies', () => {
  it('are HttpOnly and SameSite=Lax, and not Secure outside production (plain http in development)', async () => {
    const c = ctx.client();
    const page = await c.get('/inscription');
    const lang = await c.get('/langue/en?retour=/');
    const user = await buildUser(ctx.services);
    const login = await logInAs(c, user);
    const logout = await c.submit('/compte', {}, '/deconnexion');
    const seen = [cookie(page, 'sesame_csrf'), cookie(lang, 'sesame_lang'), cookie(login, 'sesame_session'), cookie(logout, 'sesame_flash')];
    for (const k of seen) {
      expect(k).toBeDefined();
      expect(k).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(k!.secure).toBeFalsy();
    }
  });
});

describe('health', () => {
  it('answers 200 with the kind of database', async () => {
    const res = await ctx.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
    expect(header(res, 'cache-control')).toBe('no-store');
  });
});

describe('metrics', () => {
  it('count requests by route pattern, never by raw address', async () => {
    const c = ctx.client();
    const id = '3f0c1a5e-2b7d-4c1e-9a55-b1c2d3e4f506';
    await c.get(`/dev/outbox/${id}`);
    await c.get('/nulle-part-7f3a');
    await c.get('/inscription/code?email=secret%40example.org');
    const { body, statusCode } = await c.get('/metrics');
    expect(statusCode).toBe(200);
    expect(body).toMatch(/sesame_http_requests_total\{method="GET",route="\/dev\/outbox\/:id",status="404"\} [1-9]/);
    expect(body).toMatch(/sesame_http_requests_total\{method="GET",route="\/inscription\/code",status="200"\} [1-9]/);
    expect(body).toMatch(/sesame_http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/dev\/outbox\/:id"\}/);
    for (const raw of [id, 'nulle-part-7f3a', 'secret', 'example.org']) expect(body).not.toContain(raw);
  });
});
