import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate, createPublicKey } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { signingKeys } from '../../src/db/schema';
import { registerSigningKey } from '../../src/boot';
import { loadSigner } from '../../src/platform/signing';
import { DAY } from '../../src/platform/clock';
import { ensureCertificate } from '../../src/modules/verification/public-keys';
import { createTestContext, type TestContext } from '../support/harness';
import { buildAttestation } from '../support/attestation-builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const verify = (body: object) => ctx.app.inject({ method: 'POST', url: '/api/v1/verifications', payload: body });

describe('public keys', () => {
  it('publishes the running key as a JWKS: kid SE00-<certId>, ES256, for signatures, with its certificate', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/jwk-set\+json/);
    const { keys } = res.json() as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    const jwk = keys[0]!;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: 'SE00-0001', use: 'sig', alg: 'ES256' });
    // The JWK is the very key that signs.
    const fromJwk = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string }, format: 'jwk' });
    expect(fromJwk.export({ type: 'spki', format: 'pem' })).toBe(ctx.services.signer.publicKeyPem);
    const x5c = new X509Certificate(Buffer.from((jwk.x5c as string[])[0]!, 'base64'));
    expect(x5c.publicKey.export({ type: 'spki', format: 'pem' })).toBe(ctx.services.signer.publicKeyPem);
  });

  it('serves a self-signed X.509 certificate for the key, that verifies with that key', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/.well-known/sesame-2ddoc-0001.pem' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-pem-file/);
    const cert = new X509Certificate(res.body);
    expect(cert.subject).toContain('CN=Sésame 2D-Doc SE00-0001');
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.ca).toBe(false);
    expect(cert.verify(ctx.services.signer.publicKey)).toBe(true);
    expect(cert.publicKey.export({ type: 'spki', format: 'pem' })).toBe(ctx.services.signer.publicKeyPem);
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(ctx.clock.now().getTime() + 5 * 365 * DAY);
  });

  it('answers "not found" for an unknown or malformed certificate id', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/.well-known/sesame-2ddoc-9999.pem' })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/.well-known/sesame-2ddoc-..%2F.pem' })).statusCode).toBe(404);
  });

  it('keeps old keys verifiable after a rotation: sign with 0001, rotate to 0002, both verify', async () => {
    const before = await buildAttestation(ctx.services);
    // Rotation as an operator does it: a new key under a new certificate id, published at boot
    // of the processes that carry it; the old one is marked retired but stays published.
    ctx.clock.advance(DAY);
    const next = loadSigner({ NODE_ENV: 'test', DATA_DIR: '/nonexistent', SIGNING_KEY_FILE: undefined, SIGNING_CERT_ID: '0002' });
    await registerSigningKey({ ...ctx.services, signer: next });
    await ensureCertificate(ctx.services.db, next, ctx.clock.now());
    await ctx.services.db.update(signingKeys).set({ retiredAt: ctx.clock.now() }).where(eq(signingKeys.certId, '0001'));
    const after = await buildAttestation(ctx.services, { signer: next });

    for (const att of [before, after]) {
      expect((await verify({ twoDDoc: att.twoDDoc })).json().status).toBe('valid');
      expect((await verify({ code: att.publicId })).json().status).toBe('valid');
    }
    const { keys } = (await ctx.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json() as { keys: { kid: string }[] };
    expect(keys.map((k) => k.kid)).toEqual(['SE00-0001', 'SE00-0002']);
    expect((await ctx.app.inject({ method: 'GET', url: '/.well-known/sesame-2ddoc-0002.pem' })).statusCode).toBe(200);
    // A key is never replaced under a used id.
    await expect(registerSigningKey({ ...ctx.services, signer: loadSigner({ NODE_ENV: 'test', DATA_DIR: '/x', SIGNING_KEY_FILE: undefined, SIGNING_CERT_ID: '0002' }) })).rejects.toThrow(/already published/);
  });

  it('keeps a published key in memory, and stops honouring one withdrawn by hand within five minutes', async () => {
    const withdrawn = loadSigner({ NODE_ENV: 'test', DATA_DIR: '/nonexistent', SIGNING_KEY_FILE: undefined, SIGNING_CERT_ID: '0003' });
    await registerSigningKey({ ...ctx.services, signer: withdrawn });
    const att = await buildAttestation(ctx.services, { signer: withdrawn });
    expect((await verify({ code: att.publicId })).json().status).toBe('valid');
    // Keys are never edited, only (by an operator, by hand) deleted: the cached one is used for a while.
    await ctx.services.db.delete(signingKeys).where(eq(signingKeys.certId, '0003'));
    expect((await verify({ code: att.publicId })).json().status).toBe('valid');
    ctx.clock.advance(5 * 60_000 + 1000);
    expect((await verify({ code: att.publicId })).json().status).toBe('unknown');
    expect((await verify({ twoDDoc: att.twoDDoc })).json().status).toBe('unknown');
  });
});
