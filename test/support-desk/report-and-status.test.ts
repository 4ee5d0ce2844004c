import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { incidents, mailMessages, outboxJobs, supportTickets } from '../../src/db/schema';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, lastMailTo } from '../support/builders';
import { freshClient, signedInAgent, signedInApplicant, ticketByReference } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const footerLink = (html: string) => /href="(\/signaler-un-probleme\?[^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');

describe('"report a problem", on every page', () => {
  it('carries the page and its request id, and the report records them with the time', async () => {
    const c = freshClient(ctx);
    const page = await c.get('/connexion?retour=%2Fdemarches');
    const requestId = String(page.headers['x-request-id']);
    const link = footerLink(page.body);
    expect(link).toBe(`/signaler-un-probleme?retour=${encodeURIComponent('/connexion?retour=%2Fdemarches')}&requete=${requestId}`);

    const form = await c.get(link);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('/connexion?retour=%2Fdemarches');
    expect(form.body).toContain(requestId);
    const empty = await c.post('/signaler-un-probleme', { retour: '/connexion?retour=%2Fdemarches', requete: requestId, description: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain(requestId);

    const sent = await c.post('/signaler-un-probleme', { retour: '/connexion?retour=%2Fdemarches', requete: requestId, description: 'Le bouton ne répond pas.' }, {});
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toMatch(/^\/aide\/suivi\//);
    const [ticket] = await ctx.services.db.select().from(supportTickets).where(eq(supportTickets.description, 'Le bouton ne répond pas.'));
    expect(ticket).toMatchObject({
      category: 'bug_report',
      reportedPage: '/connexion?retour=%2Fdemarches',
      reportedRequestId: requestId,
      reportedUserAgent: 'lightMyRequest',
      contactEmail: null,
      description: 'Le bouton ne répond pas.',
    });
    expect(ticket!.createdAt.toISOString()).toBe(ctx.clock.now().toISOString());
    expect((await c.get(sent.headers.location as string)).body).toContain('Merci, votre signalement est enregistré.');

    // The desk sees where and when, to find the request in the logs.
    const { c: desk } = await signedInAgent(ctx, 'support_agent');
    const view = await desk.get(`/support/demandes/${ticket!.reference}`);
    expect(view.body).toContain('Page signalée');
    expect(view.body).toContain(requestId);
  });

  it('keeps only a local path and a well-formed request id', async () => {
    const c = freshClient(ctx);
    const page = await c.get('/signaler-un-probleme?retour=%2F%2Fevil.example%2Fx&requete=%3Cscript%3E');
    expect(page.statusCode).toBe(200);
    // Shown as the page concerned: nothing from the query, only the site's root.
    expect(page.body).toContain('<dd><code class="sesame-break">/</code></dd>');
    expect(page.body).not.toContain('name="retour" value="//evil');
    expect(page.body).not.toContain('name="requete"');
    expect(page.body).not.toContain('<script>');
    const sent = await c.post('/signaler-un-probleme', { retour: 'https://evil.example/', requete: '<script>', description: 'Test', contactEmail: 'reporter@example.org' });
    expect(sent.statusCode).toBe(303);
    const [ticket] = await ctx.services.db.select().from(supportTickets).where(eq(supportTickets.contactEmail, 'reporter@example.org'));
    expect(ticket!.reportedPage).toBeNull();
    expect(ticket!.reportedRequestId).toBeNull();
    expect((await lastMailTo(ctx.services, 'reporter@example.org'))!.template).toBe('support.mail_ticket_opened');
    expect((await c.post('/signaler-un-probleme', { description: 'x', contactEmail: 'not an address' })).statusCode).toBe(400);
  });

  it('blanks the secret of a follow or confirmation link in the page it records', async () => {
    const c = freshClient(ctx);
    const secretPath = `/aide/suivi/${'a'.repeat(43)}`;
    const form = await c.get(`/signaler-un-probleme?retour=${encodeURIComponent(secretPath)}`);
    expect(form.body).not.toContain(`<code class="sesame-break">${secretPath}`);
    expect(form.body).toContain('<code class="sesame-break">/aide/suivi/[secret]</code>');
    await c.post('/signaler-un-probleme', { retour: secretPath, description: 'Depuis ma demande', contactEmail: 'secret-report@example.org' });
    const [ticket] = await ctx.services.db.select().from(supportTickets).where(eq(supportTickets.contactEmail, 'secret-report@example.org'));
    expect(ticket!.reportedPage).toBe('/aide/suivi/[secret]');
    // A file's address is not a secret (its policy guards it): kept, for the desk to find the page.
    const filePath = '/demarches/0b6c3f4e-6f1a-4c58-9a51-0d3c2f1e9a77/pieces';
    expect((await c.get(`/signaler-un-probleme?retour=${encodeURIComponent(filePath)}`)).body).toContain(`<code class="sesame-break">${filePath}</code>`);
  });

  it('from an account, goes to the account’s requests', async () => {
    const { user, c } = await signedInApplicant(ctx);
    await c.get('/compte');
    const res = await c.post('/signaler-un-probleme', { retour: '/compte', description: 'La page met longtemps.' });
    expect(res.headers.location).toMatch(/^\/compte\/demandes\/AIDE-/);
    expect(await ticketByReference(ctx, (res.headers.location as string).split('/').pop()!)).toMatchObject({ requesterId: user.id, reportedPage: '/compte' });
  });

  it('is rate limited per address', async () => {
    const c = freshClient(ctx);
    await c.get('/signaler-un-probleme');
    for (let i = 0; i < 20; i++) expect((await c.post('/signaler-un-probleme', { description: `n°${i}` })).statusCode).toBe(303);
    const limited = await c.post('/signaler-un-probleme', { description: 'encore' });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('>encore</textarea>');
  });
});

/** The state shown on the status page for one component. */
function stateOf(html: string, label: string): string {
  const m = new RegExp(`<strong>${label}</strong> <span class="fr-badge[^"]*">([^<]+)</span><br/><span class="fr-text--sm">([^<]+)</span>`).exec(html);
  if (!m) throw new Error(`no line for ${label}`);
  return `${m[1]} — ${m[2]}`;
}

describe('the public status page', () => {
  it('says what it measured: the database answers, queues deliver, jobs leave the outbox', async () => {
    // Whatever earlier tests queued is delivered (to the stored outbox) first.
    await ctx.services.jobs.runPending();
    const page = await freshClient(ctx).get('/statut');
    expect(page.statusCode).toBe(200);
    expect(stateOf(page.body, 'Base de données')).toMatch(/^Fonctionne — A répondu en [\d,.]+ ms\.$/);
    expect(stateOf(page.body, 'Envoi des e-mails')).toBe('Fonctionne — Aucun message en attente, dont 0 depuis plus de 15 minutes ; aucun échec en 24 heures.');
    expect(stateOf(page.body, 'Traitements automatiques')).toBe('Fonctionne — Aucun traitement en retard.');
    expect(page.body).toContain('Aucun incident en cours n&#39;a été déclaré.'.replace('&#39;', "'"));
  });

  it('is not all green when deliveries fail or stall, or jobs stay behind', async () => {
    const now = ctx.clock.now();
    const old = new Date(now.getTime() - 20 * 60_000);
    const base = { subject: 's', text: 't', html: 'h', locale: 'fr', template: 'x' };
    await ctx.services.db.insert(mailMessages).values([
      { ...base, to: 'failed@example.org', status: 'failed', attempts: 5, lastError: '550 refused', createdAt: now },
      { ...base, to: 'stuck@example.org', status: 'queued', createdAt: old },
    ]);
    const [job] = await ctx.services.db.insert(outboxJobs).values({ name: 'test.never', payload: {}, createdAt: old }).returning();
    const page = await freshClient(ctx).get('/statut');
    expect(stateOf(page.body, 'Envoi des e-mails')).toBe('Perturbé — 1 message en attente, dont 1 depuis plus de 15 minutes ; 1 échec d’envoi en 24 heures.'.replace('’', "'"));
    expect(stateOf(page.body, 'Traitements automatiques')).toBe('Perturbé — 1 traitement en retard de plus de 5 minutes.');
    await ctx.services.db.delete(mailMessages).where(eq(mailMessages.to, 'failed@example.org'));
    await ctx.services.db.delete(mailMessages).where(eq(mailMessages.to, 'stuck@example.org'));
    await ctx.services.db.delete(outboxJobs).where(eq(outboxJobs.id, job!.id));
  });

  it('shows the incidents support declares, updates and closes', async () => {
    const { c: desk } = await signedInAgent(ctx, 'support_agent');
    const bad = await desk.submit('/support/incidents', { title: '', component: 'nonsense', impact: 'major', firstMessage: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('>x</textarea>');
    const declared = await desk.submit('/support/incidents', { title: 'E-mails <b>en retard</b>', component: 'mail', impact: 'major', firstMessage: 'Les messages partent avec une heure de retard.' });
    expect(declared.statusCode).toBe(303);
    const [incident] = await ctx.services.db.select().from(incidents).orderBy(incidents.startedAt);
    let page = await freshClient(ctx).get('/statut');
    expect(page.body).toContain('E-mails &lt;b>en retard&lt;/b>');
    expect(page.body).toContain('Analyse en cours');
    expect(page.body).toContain('Les messages partent avec une heure de retard.');
    // Measured fine, but people report it: the declared incident decides.
    expect(stateOf(page.body, 'Envoi des e-mails')).toMatch(/^Hors service — /);

    ctx.clock.advance(30 * 60_000);
    expect((await desk.submit(`/support/incidents/${incident!.id}`, { status: 'monitoring', message: 'Correctif déployé, surveillance.' })).statusCode).toBe(303);
    ctx.clock.advance(30 * 60_000);
    expect((await desk.submit(`/support/incidents/${incident!.id}`, { status: 'resolved', message: 'Tout est rentré dans l’ordre.' })).statusCode).toBe(303);
    page = await freshClient(ctx).get('/statut');
    expect(page.body).toContain('Incidents résolus ces 7 derniers jours');
    expect(page.body).toContain('Correctif déployé, surveillance.');
    expect(stateOf(page.body, 'Envoi des e-mails')).toMatch(/^Fonctionne — /);
    const again = await desk.submit(`/support/incidents/${incident!.id}`, { status: 'monitoring', message: 'x' });
    expect(again.statusCode).toBe(409);

    // Administrators manage incidents too; applicants and prefecture agents do not.
    const { c: admin } = await signedInAgent(ctx, 'admin');
    expect((await admin.get('/support/incidents')).statusCode).toBe(200);
    expect((await admin.get('/support')).statusCode).toBe(404);
    const { c: officer } = await signedInAgent(ctx, 'case_officer', '75');
    expect((await officer.get('/support/incidents')).statusCode).toBe(404);
    const { c: person } = await signedInApplicant(ctx, await buildUser(ctx.services));
    expect((await person.post('/support/incidents', { title: 't', component: 'mail', impact: 'minor', firstMessage: 'm' })).statusCode).toBe(404);
    expect(await ctx.services.db.select().from(supportTickets).where(eq(supportTickets.subject, 't'))).toEqual([]);
  });
});
