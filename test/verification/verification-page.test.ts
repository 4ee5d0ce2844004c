import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/harness';
import { buildAttestation } from '../support/attestation-builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('verification page', () => {
  it('shows the form to type a code', async () => {
    const res = await ctx.client().get('/verify');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Vérifier une attestation</h1>');
    expect(res.body).toContain('<label class="fr-label" for="code">Code de vérification');
    expect(res.body).toContain('action="/verify"');
  });

  it('leads a typed code to the same page as the QR code, and shows only what the purpose needs', async () => {
    const att = await buildAttestation(ctx.services, { kind: 'apri', validFrom: '2026-03-02', validTo: '2026-06-01', allowsWork: true });
    const c = ctx.client();
    const typed = await c.get(`/verify?code=${encodeURIComponent(` ${att.publicId.slice(0, 4).toLowerCase()}-${att.publicId.slice(4)} `)}`);
    expect(typed.statusCode).toBe(303);
    expect(typed.headers.location).toBe(`/verify/${att.publicId}`);
    const page = await c.follow(typed);
    expect(page.statusCode).toBe(200);
    expect(page.headers['x-robots-tag']).toBe('noindex');
    expect(page.body).toContain('Attestation valide');
    expect(page.body).toContain('Peut travailler et séjourner en France jusqu’au 1 juin 2026 inclus.');
    expect(page.body).toContain('Attestation de prolongation d’instruction');
    expect(page.body).toContain('Préfecture de police de Paris');
    expect(page.body).toContain('Initiales A. D., né(e) en 1990');
    expect(page.body).not.toMatch(/Diallo|Awa|12 avril|1990-04-12|75019|Lilas/i);
    expect(page.body).toContain('Cette vérification est enregistrée');
  });

  it('says plainly when it cannot vouch for a code', async () => {
    const res = await ctx.client().get('/verify/ABCDEFGH2345');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Attestation inconnue');
    expect(res.body).toContain('ne vous y fiez pas');
  });

  it('refuses an empty or malformed code with a message next to the field, keeping what was typed', async () => {
    const empty = await ctx.client().get('/verify?code=');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Saisissez le code de vérification imprimé sur l’attestation.');
    expect(empty.body).toContain('aria-invalid="true"');
    const script = await ctx.client().get(`/verify?code=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(script.statusCode).toBe(400);
    expect(script.body).not.toContain('<script>alert(1)</script>');
    expect(script.body).toContain('value="&lt;script>alert(1)&lt;/script>"');
    expect(script.body).toContain('Ce code n’a pas le bon format');
    const twice = await ctx.client().get('/verify?code=A&code=B');
    expect(twice.statusCode).toBe(400);
    const weird = await ctx.client().get(`/verify/${encodeURIComponent('../../etc')}`);
    expect(weird.statusCode).toBe(200);
    expect(weird.body).toContain('Attestation inconnue');
  });

  it('speaks English to an English speaker', async () => {
    const att = await buildAttestation(ctx.services, { validFrom: '2026-03-02', validTo: '2026-06-01' });
    const res = await ctx.client().get(`/verify/${att.publicId}`, { 'accept-language': 'en' });
    expect(res.body).toContain('<html lang="en"');
    expect(res.body).toContain('May work and stay in France until June 1, 2026 inclusive.');
  });

  it('limits checks per address: a 429 page with the form and a translated message', async () => {
    const c = ctx.client();
    c.ip = '192.0.2.99';
    for (let i = 0; i < 120; i++) await c.get('/verify/ABCDEFGH2345');
    const res = await c.get('/verify/ABCDEFGH2345');
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body).toMatch(/Trop de vérifications depuis votre connexion. Par sécurité, réessayez à partir de \d\d:\d\d\./);
    expect(res.body).toContain('name="code"');
  });
});
