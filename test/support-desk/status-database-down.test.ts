import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.services.jobs.stop();
  await ctx.services.database.close();
});
afterAll(async () => {
  await ctx.app.close();
  ctx.services.mailTransport.close();
});

describe('the status page with the database gone', () => {
  it('still answers, and says the database is out and the rest could not be measured', async () => {
    const res = await ctx.app.inject({ url: '/statut' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<strong>Base de données</strong> <span class="fr-badge fr-badge--sm fr-badge--error">Hors service</span>');
    expect(res.body).toContain('<strong>Envoi des e-mails</strong> <span class="fr-badge fr-badge--sm fr-badge--info">Non mesuré</span>');
    expect(res.body).toContain('La liste des incidents ne peut pas être lue en ce moment.');
    expect(res.body).not.toContain('Fonctionne');
  });
});
