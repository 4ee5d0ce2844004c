import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileApplication } from '../../src/modules/applications/file-application';
import { issueDueAttestations } from '../../src/modules/attestations/issue-due-attestations';
import { createTestContext, type TestContext } from '../support/harness';
import { logInAs } from '../support/builders';
import { buildApplicant, buildReadyRenewal, metaFor } from '../support/application-builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(new Date('2026-03-02T09:00:00Z'));
});
afterAll(() => ctx.close());

describe('the file page tells the person about their proofs', () => {
  it('lists the filing receipt with its PDF and says in advance when the APRI comes', async () => {
    const a = await buildApplicant(ctx.services, { permitExpiresOn: '2026-06-30' });
    const id = await buildReadyRenewal(ctx.services, a);
    await fileApplication(ctx.services, a.id, id, metaFor(a));
    await issueDueAttestations(ctx.services, id);
    const c = ctx.client();
    await logInAs(c, a);
    const page = await c.get(`/demarches/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Vos attestations');
    expect(page.body).toMatch(/href="\/attestations\/[^"]+\.pdf"/);
    expect(page.body).toContain('Attestation de dépôt');
    expect(page.body).toContain('vous ne serez pas sans justificatif'.slice(1));
  });
});
