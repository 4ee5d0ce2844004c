import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config';

/**
 * The key that signs attestations (ECDSA P-256, the 2D-Doc curve). Sésame is its own
 * certification authority until a deployment is certified by ANTS: `caId` names it in the
 * 2D-Doc header, `certId` names the current certificate.
 *
 * The private key comes from SIGNING_KEY_FILE (PEM, PKCS#8) or, outside production, is
 * generated once into `<DATA_DIR>/keys/signing-key.pem` (mode 0600). Its public half is
 * registered in the `signing_keys` table at boot, where every process and every verifier finds
 * it — and where retired keys stay, so old attestations remain verifiable.
 */
export interface Signer {
  caId: string;
  certId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
}

export const SESAME_CA_ID = 'SE00';

export function loadSigner(config: Pick<Config, 'NODE_ENV' | 'DATA_DIR' | 'SIGNING_KEY_FILE' | 'SIGNING_CERT_ID'>): Signer {
  let pem: string;
  if (config.SIGNING_KEY_FILE) {
    pem = readFileSync(config.SIGNING_KEY_FILE, 'utf8');
  } else if (config.NODE_ENV === 'production') {
    throw new Error('SIGNING_KEY_FILE is required in production');
  } else if (config.NODE_ENV === 'test') {
    pem = generatePem();
  } else {
    const path = join(config.DATA_DIR, 'keys', 'signing-key.pem');
    pem = readOrCreate(path);
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('the signing key must be an EC P-256 private key');
  }
  const publicKey = createPublicKey(privateKey);
  return {
    caId: SESAME_CA_ID,
    certId: config.SIGNING_CERT_ID,
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function generatePem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function readOrCreate(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    // `wx`: when two processes start together, the second one reads the first one's key.
    writeFileSync(path, generatePem(), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readFileSync(path, 'utf8');
}
