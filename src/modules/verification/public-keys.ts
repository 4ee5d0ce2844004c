import { createPublicKey, type KeyObject } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { signingKeys } from '../../db/schema';
import type { Signer } from '../../platform/signing';
import { SESAME_CA_ID } from '../../platform/signing';
import { selfSignedCertificate } from './self-signed-certificate';

export type PublishedKey = typeof signingKeys.$inferSelect;

/** The key id of a certificate, as verifiers see it: authority and certificate ids (`SE00-0001`). */
export const keyId = (certId: string) => `${SESAME_CA_ID}-${certId}`;

/** Every key Sésame ever signed with, retired ones included: old attestations stay verifiable. */
export function publishedKeys(db: Db): Promise<PublishedKey[]> {
  return db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt), asc(signingKeys.certId));
}

export async function findPublishedKey(db: Db, certId: string): Promise<PublishedKey | null> {
  const [row] = await db.select().from(signingKeys).where(eq(signingKeys.certId, certId));
  return row ?? null;
}

/**
 * How long a process keeps a published key it has read. A certificate id, once published, can
 * never name another key (`registerSigningKey` refuses it) and retired keys stay valid for the
 * attestations they signed, so a key read once is good for ever; the bound is only there so
 * that a key row someone deletes (withdrawing a compromised key by hand) stops being honoured
 * everywhere within minutes, without a restart.
 */
const KEY_CACHE_MS = 5 * 60_000;
const keyCaches = new WeakMap<Db, Map<string, { key: KeyObject; until: number }>>();

/**
 * The published key of a certificate as a ready KeyObject, for checking signatures. Every public
 * check needs one: reading and parsing it each time cost a database round trip and more CPU
 * than the ECDSA check itself. Unknown ids are not remembered: they are read again each time
 * (the checks that carry them are rate-limited like the others).
 */
export async function publishedKeyObject(db: Db, certId: string, now: Date): Promise<KeyObject | null> {
  let cache = keyCaches.get(db);
  if (!cache) keyCaches.set(db, (cache = new Map()));
  const cached = cache.get(certId);
  if (cached && cached.until > now.getTime()) return cached.key;
  const row = await findPublishedKey(db, certId);
  if (!row) {
    cache.delete(certId);
    return null;
  }
  const key = createPublicKey(row.publicKeyPem);
  cache.set(certId, { key, until: now.getTime() + KEY_CACHE_MS });
  return key;
}

/** A JWK (RFC 7517) for one published key, with its certificate chain when there is one. */
export function toJwk(key: PublishedKey) {
  const jwk = createPublicKey(key.publicKeyPem).export({ format: 'jwk' });
  const der = key.certificatePem ? pemBody(key.certificatePem) : null;
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: keyId(key.certId), use: 'sig', alg: 'ES256', ...(der ? { x5c: [der] } : {}) };
}

const pemBody = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');

/**
 * A self-signed X.509 certificate for the running key, created once and stored beside its
 * public key. Sésame is its own certification authority until a deployment is certified by
 * ANTS; 2D-Doc readers load a certificate, not a bare key. Only the process holding the
 * private key can make it; the first process to store one wins (same key, so any is good).
 */
export async function ensureCertificate(db: Db, signer: Signer, now: Date): Promise<void> {
  const existing = await findPublishedKey(db, signer.certId);
  if (!existing || existing.certificatePem || existing.publicKeyPem !== signer.publicKeyPem) return;
  const notBefore = existing.createdAt < now ? existing.createdAt : now;
  const certificatePem = selfSignedCertificate({
    privateKey: signer.privateKey,
    publicKey: signer.publicKey,
    serial: Buffer.from(`${SESAME_CA_ID}${signer.certId}`),
    commonName: `Sésame 2D-Doc ${keyId(signer.certId)}`,
    organisation: 'Sésame',
    notBefore,
    // Attestations last months; a certificate outlives every attestation it signed.
    notAfter: new Date(notBefore.getTime() + 10 * 365 * 86_400_000),
  });
  await db
    .update(signingKeys)
    .set({ certificatePem })
    .where(and(eq(signingKeys.certId, signer.certId), isNull(signingKeys.certificatePem)));
}
