import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, logInAs } from '../support/builders';
import type { TestClient } from '../support/test-client';

let ctx: TestContext;
let signedIn: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  signedIn = ctx.client();
  await logInAs(signedIn, await buildUser(ctx.services, { locale: 'en' }));
  expect((await ctx.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  // The database goes away (on PostgreSQL the test database is dropped with it).
  await ctx.services.jobs.stop();
  await ctx.services.database.close();
});
afterAll(async () => {
  await ctx.app.close();
  ctx.services.mailTransport.close();
});

describe('with the database gone', () => {
  it('reports 503 at /healthz, without details', async () => {
    const res = await ctx.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable' });
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('shows a signed-in person the translated 500 page with its reference, not a raw error', async () => {
    const res = await signedIn.get('/compte');
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toContain('text/html');
    // The account's language cannot be read: the language cookie or the browser's decides.
    expect(res.body).toContain('<h1>Erreur inattendue</h1>');
    expect(res.body).toContain(String(res.headers['x-request-id']));
    expect(res.body).not.toMatch(/pool|PGlite|closed|ECONNREFUSED|Error:/i);

    const english = await signedIn.get('/compte', { 'accept-language': 'en' });
    expect(english.body).toContain('<h1>Unexpected error</h1>');
  });
});
