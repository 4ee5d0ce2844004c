import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/harness';
import { fileRenewal } from '../attestations/support/attestation-builders';
import { signedInAgent } from './support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('smoke', () => {
  it('shows the queue and the case', async () => {
    const filed = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-07-31' });
    const officer = await signedInAgent(ctx, 'case_officer');
    const q = await officer.client.get('/bureau');
    expect(q.statusCode, q.body.slice(0, 3000)).toBe(200);
    expect(q.body).toContain(filed.reference);
    const c = await officer.client.get(`/bureau/dossiers/${filed.applicationId}`);
    expect(c.statusCode, c.body.slice(0, 3000)).toBe(200);
  });
});
