import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { registerMetrics } from '../../src/platform/http/metrics';
import { createTestContext, type TestContext } from '../support/harness';

const token = 'm'.repeat(20) + '0123456789abcdef';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: { METRICS_TOKEN: token } });
});
afterAll(async () => {
  await ctx?.close();
});

describe('metrics behind METRICS_TOKEN', () => {
  it('answers "not found" without the token, with a wrong one, or with it outside a bearer header', async () => {
    const c = ctx.client();
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${token}x` }, { authorization: token }, { authorization: `Basic ${token}` }];
    for (const headers of attempts) {
      const res = await c.get('/metrics', headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(404);
      expect(res.body).not.toContain('sesame_http_requests_total');
    }
  });

  it('serves them with the bearer token', async () => {
    const res = await ctx.client().get('/metrics', { authorization: `Bearer ${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('sesame_http_requests_total');
  });
});

describe('metrics in production without a token', () => {
  it('are not served at all', async () => {
    const app = Fastify();
    registerMetrics(app, { token: undefined, production: true });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(404);
    const open = Fastify();
    registerMetrics(open, { token: undefined, production: false });
    expect((await open.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    await Promise.all([app.close(), open.close()]);
  });
});
