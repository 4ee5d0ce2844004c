import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { attestations, verificationChecks } from '../../src/db/schema';
import { DAY } from '../../src/platform/clock';
import { US } from '../../src/modules/attestations/two-d-doc';
import { createTestContext, type TestContext } from '../support/harness';
import { buildAttestation } from '../support/attestation-builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

let ip = 0;
/** Each test from its own address, so that the per-address limit is only met where it is tested. */
const verify = (payload: unknown, headers: Record<string, string> = {}, remoteAddress = `198.51.100.${++ip}`) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/verifications', payload: payload as object, headers: { 'content-type': 'application/json', ...headers }, remoteAddress });

describe('POST /api/v1/verifications', () => {
  it('confirms a valid APRI by its code: what it allows, until when, who issued it — and only initials and birth year', async () => {
    const att = await buildAttestation(ctx.services, { kind: 'apri', validFrom: '2026-03-02', validTo: '2026-06-01', allowsWork: true });
    const res = await verify({ code: att.publicId.toLowerCase().replace(/(.{4})/g, '$1 ') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      status: 'valid',
      summary: 'Peut travailler et séjourner en France jusqu’au 1 juin 2026 inclus.',
      checkedAt: ctx.clock.now().toISOString(),
      attestation: {
        kind: 'apri',
        allows: { stay: true, work: true },
        validFrom: '2026-03-02',
        validUntil: '2026-06-01',
        issuedBy: 'Préfecture de police de Paris',
        holder: { initials: 'A. D.', birthYear: 1990 },
      },
    });
    expect(res.body).not.toMatch(/Diallo|Awa|1990-04-12|12041990/i);
  });

  it('checks the 2D-Doc text itself, and answers in the language asked for', async () => {
    const att = await buildAttestation(ctx.services, { validFrom: '2026-03-02', validTo: '2026-06-01', allowsWork: false });
    const res = await verify({ twoDDoc: att.twoDDoc }, { 'accept-language': 'en' });
    expect(res.json()).toMatchObject({ status: 'valid', summary: 'Lawful stay in France until June 1, 2026 inclusive. This attestation does not allow work.', attestation: { allows: { stay: true, work: false } } });
  });

  it('says a filing receipt proves filing only', async () => {
    const att = await buildAttestation(ctx.services, { kind: 'receipt', validFrom: '2026-02-20', validTo: null, allowsWork: false });
    expect((await verify({ code: att.publicId })).json()).toMatchObject({
      status: 'valid',
      summary: 'Cette attestation prouve qu’une demande de titre de séjour a été déposée le 20 février 2026. Elle ne prouve pas un séjour régulier et n’autorise pas à travailler.',
      attestation: { kind: 'receipt', allows: { stay: false, work: false }, validUntil: null },
    });
  });

  it('rejects a tampered 2D-Doc: any changed character of the message makes it unknown', async () => {
    const att = await buildAttestation(ctx.services, { validTo: '2026-06-01' });
    // Push the end of validity by a year: 6O01062026 → 6O01062027.
    const forged = att.twoDDoc.replace('6O01062026', '6O01062027');
    expect(forged).not.toBe(att.twoDDoc);
    expect((await verify({ twoDDoc: forged })).json()).toEqual({ status: 'unknown', summary: expect.stringContaining('Aucune attestation ne correspond'), checkedAt: expect.any(String), attestation: null });
    const flippedSignature = att.twoDDoc.slice(0, -1) + (att.twoDDoc.endsWith('A') ? 'B' : 'A');
    expect((await verify({ twoDDoc: flippedSignature })).json().status).toBe('unknown');
    expect((await verify({ twoDDoc: 'not a 2D-Doc' })).json().status).toBe('unknown');
    expect((await verify({ twoDDoc: att.twoDDoc.split(US)[0]! })).json().status).toBe('unknown');
  });

  it('checks a stored 2D-Doc in full again once its row is altered, even just after it checked as genuine', async () => {
    const att = await buildAttestation(ctx.services, { validTo: '2026-06-01' });
    // Checked, and so remembered as checked, by code and by text.
    expect((await verify({ code: att.publicId })).json().status).toBe('valid');
    expect((await verify({ code: att.publicId })).json().status).toBe('valid');
    expect((await verify({ twoDDoc: att.twoDDoc })).json().status).toBe('valid');
    const forged = att.twoDDoc.replace('6O01062026', '6O01062027');
    expect(forged).not.toBe(att.twoDDoc);
    expect((await verify({ twoDDoc: forged })).json().status).toBe('unknown');
    await ctx.services.db.update(attestations).set({ twoDDoc: forged }).where(eq(attestations.id, att.id));
    expect((await verify({ code: att.publicId })).json().status).toBe('unknown');
    // Put back as signed, it checks again.
    await ctx.services.db.update(attestations).set({ twoDDoc: att.twoDDoc }).where(eq(attestations.id, att.id));
    expect((await verify({ code: att.publicId })).json().status).toBe('valid');
  });

  it('rejects a 2D-Doc signed by a key Sésame never published, even stored under a known code', async () => {
    const rogue = { ...ctx.services.signer, certId: '0777', privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey };
    const att = await buildAttestation(ctx.services, { signer: rogue });
    expect((await verify({ twoDDoc: att.twoDDoc })).json().status).toBe('unknown');
    expect((await verify({ code: att.publicId })).json().status).toBe('unknown');
    // The running key's id with another key: the signature does not check.
    const impostor = await buildAttestation(ctx.services, { signer: { ...ctx.services.signer, privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey } });
    expect((await verify({ twoDDoc: impostor.twoDDoc })).json().status).toBe('unknown');
  });

  it('reports expired, superseded and revoked attestations as such', async () => {
    const expired = await buildAttestation(ctx.services, { validFrom: '2025-11-01', validTo: '2026-01-31' });
    expect((await verify({ code: expired.publicId })).json()).toMatchObject({ status: 'expired', summary: 'Cette attestation a expiré le 31 janvier 2026. Demandez une attestation en cours de validité à son ou sa titulaire.' });
    const superseded = await buildAttestation(ctx.services, { supersededAt: new Date(ctx.clock.now().getTime() - DAY) });
    expect((await verify({ twoDDoc: superseded.twoDDoc })).json().status).toBe('superseded');
    const revoked = await buildAttestation(ctx.services, { revokedAt: ctx.clock.now() });
    expect((await verify({ code: revoked.publicId })).json().status).toBe('revoked');
    // Valid today, expired once the clock passes its last day (a Paris calendar day).
    const ending = await buildAttestation(ctx.services, { validFrom: '2026-02-01', validTo: '2026-03-02' });
    expect((await verify({ code: ending.publicId })).json().status).toBe('valid');
    ctx.clock.set(new Date('2026-03-02T22:59:59Z')); // 23:59:59 in Paris
    expect((await verify({ code: ending.publicId })).json().status).toBe('valid');
    ctx.clock.set(new Date('2026-03-02T23:00:00Z')); // midnight in Paris
    expect((await verify({ code: ending.publicId })).json().status).toBe('expired');
    ctx.clock.set(new Date('2026-03-02T09:00:00Z'));
  });

  it('answers unknown for a code never issued', async () => {
    expect((await verify({ code: 'ZZZZZZZZZZZZ' })).json()).toMatchObject({ status: 'unknown', attestation: null });
  });

  it('logs every check, and the holder sees it', async () => {
    const att = await buildAttestation(ctx.services);
    await verify({ code: att.publicId });
    await verify({ twoDDoc: att.twoDDoc });
    // The lines are written in groups just after the answers (check-log.ts); the holder's page flushes first too.
    await ctx.services.verificationLog.flush();
    const rows = await ctx.services.db.select().from(verificationChecks).where(eq(verificationChecks.attestationId, att.id));
    expect(rows.map((r) => [r.holderId, r.channel, r.outcome])).toEqual([
      [att.holder.id, 'api', 'valid'],
      [att.holder.id, 'api', 'valid'],
    ]);
  });

  it('refuses a malformed body with a 400 in JSON, never a 500', async () => {
    for (const payload of [{}, { code: '' }, { code: 'X'.repeat(65) }, { code: 'A', twoDDoc: 'B' }, { code: 42 }, { twoDDoc: 'x'.repeat(2001) }, [1, 2], 'text']) {
      const res = await verify(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const notJson = await ctx.app.inject({ method: 'POST', url: '/api/v1/verifications', payload: '{"code":', headers: { 'content-type': 'application/json' } });
    expect(notJson.statusCode).toBe(400);
  });

  it('limits checks per address with a 429, a Retry-After and a translated message', async () => {
    const att = await buildAttestation(ctx.services);
    const address = '192.0.2.77';
    for (let i = 0; i < 120; i++) expect((await verify({ code: att.publicId }, {}, address)).statusCode).toBe(200);
    const fr = await verify({ code: att.publicId }, {}, address);
    expect(fr.statusCode).toBe(429);
    expect(Number(fr.headers['retry-after'])).toBeGreaterThan(0);
    expect(fr.json().error.message).toMatch(/^Trop de tentatives. Par sécurité, réessayez à partir de \d\d:\d\d\.$/);
    const en = await verify({ code: att.publicId }, { 'accept-language': 'en' }, address);
    expect(en.json().error.message).toMatch(/^Too many attempts/);
    // Another address is not affected.
    expect((await verify({ code: att.publicId })).statusCode).toBe(200);
  });
});

describe('GET /api/openapi.json', () => {
  it('describes the API in OpenAPI 3.1, with every status the API answers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'http://sesame.test' }]);
    const op = doc.paths['/api/v1/verifications'].post;
    expect(op.responses['200'].content['application/json'].schema.properties.status.enum).toEqual(['valid', 'expired', 'superseded', 'revoked', 'unknown']);
    expect(Object.keys(op.responses)).toEqual(['200', '400', '429']);
    // The example in the document matches what the API answers to it (same keys).
    const schema = op.responses['200'].content['application/json'].schema;
    const att = await buildAttestation(ctx.services);
    const answer = (await verify({ code: att.publicId })).json();
    expect(Object.keys(answer).sort()).toEqual([...schema.required].sort());
    expect(Object.keys(answer.attestation).sort()).toEqual([...schema.properties.attestation.required].sort());
  });
});
