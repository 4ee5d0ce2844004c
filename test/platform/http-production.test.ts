import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, logInAs } from '../support/builders';
import { signingKeyFile } from '../support/signing-key';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({
    env: { NODE_ENV: 'production', ALLOW_PGLITE_IN_PRODUCTION: 'true', APP_SECRET: 'a'.repeat(48), PUBLIC_URL: 'https://sesame.example.fr', SIGNING_KEY_FILE: signingKeyFile() },
  });
});
afterAll(() => ctx.close());

type Cookie = { name: string; value: string; httpOnly?: boolean; sameSite?: string; secure?: boolean; path?: string };
const cookie = (res: LightMyRequestResponse, name: string) => (res.cookies as Cookie[]).find((c) => c.name === name);

describe('in production', () => {
  it('runs with the production configuration', () => {
    expect(ctx.config.isProduction).toBe(true);
  });

  it('sets every cookie Secure, HttpOnly and SameSite=Lax: anti-forgery, language, session and one-off message', async () => {
    const c = ctx.client();
    const page = await c.get('/connexion');
    const lang = await c.get('/langue/en?retour=/connexion');
    const user = await buildUser(ctx.services);
    const login = await logInAs(c, user);
    const logout = await c.submit('/compte', {}, '/deconnexion');
    expect(logout.statusCode).toBe(303);
    const seen = { sesame_csrf: cookie(page, 'sesame_csrf'), sesame_lang: cookie(lang, 'sesame_lang'), sesame_session: cookie(login, 'sesame_session'), sesame_flash: cookie(logout, 'sesame_flash') };
    for (const [name, k] of Object.entries(seen)) {
      expect(k, name).toBeDefined();
      expect(k, name).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });
    }
    // The one-off message still shows on the next page.
    expect((await c.get('/')).body).toContain('fr-alert--success');
  });

  it('asks browsers to stay on https', async () => {
    const res = await ctx.app.inject({ url: '/' });
    expect(String(res.headers['strict-transport-security'])).toMatch(/max-age=\d{7,}/);
    expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it('has no /dev/outbox nor /dev/horloge, and no link to them', async () => {
    for (const url of ['/dev/outbox', '/dev/outbox/3f0c1a5e-2b7d-4c1e-9a55-b1c2d3e4f506', '/dev/horloge']) {
      const res = await ctx.app.inject({ url });
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('Page introuvable');
    }
    expect((await ctx.app.inject({ url: '/' })).body).not.toContain('/dev/outbox');
    expect((await ctx.app.inject({ method: 'POST', url: '/dev/horloge/reinitialiser' })).statusCode).not.toBe(303);
  });
});
