import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config';

/**
 * The server's master secret, from which every purpose derives its own key: `APP_SECRET` when
 * set (required in production, checked by the config). Elsewhere a newcomer should not have
 * to invent one, so a random secret is generated on first start and kept in
 * `<DATA_DIR>/keys/app-secret`, readable by its owner only; the data encrypted with it lives
 * in the same folder. Tests that do not pass one get a throw-away secret, like their database.
 */
export function resolveAppSecret(config: Pick<Config, 'APP_SECRET' | 'NODE_ENV' | 'DATA_DIR'>): string {
  if (config.APP_SECRET) return config.APP_SECRET;
  if (config.NODE_ENV === 'production') throw new Error('APP_SECRET is required in production');
  if (config.NODE_ENV === 'test') return randomBytes(32).toString('base64url');
  const path = join(config.DATA_DIR, 'keys', 'app-secret');
  const existing = readSecretFile(path);
  if (existing) return existing;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    // `wx`: when two processes start together, the second one fails here and reads the first one's.
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const created = readSecretFile(path);
  if (!created) throw new Error(`${path} holds no usable secret (at least 32 characters)`);
  return created;
}

function readSecretFile(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (text.length < 32) throw new Error(`${path} holds no usable secret (at least 32 characters)`);
  return text;
}

/** A 256-bit key for one purpose (HKDF-SHA-256): a key leaked from one use opens nothing else. */
export const deriveKey = (appSecret: string, purpose: string): Buffer =>
  Buffer.from(hkdfSync('sha256', appSecret, 'sesame', `sesame:${purpose}`, 32));

/** A keyed hash (HMAC-SHA-256, hex): a stolen database alone cannot test guesses against it. */
export const keyedHash = (appSecret: string, purpose: string, value: string): string =>
  createHmac('sha256', deriveKey(appSecret, purpose)).update(value).digest('hex');

export interface SecretBox {
  /** Encrypts `plaintext`, bound to `context` (e.g. the owner's id): it cannot be moved to another row. */
  seal(plaintext: string, context: string): string;
  /** Decrypts what `seal` produced with the same context; throws if anything was altered. */
  open(sealed: string, context: string): string;
}

const VERSION = 'v1';

/** AES-256-GCM with a random 96-bit nonce; the text form is `v1.<nonce>.<ciphertext>.<tag>` in base64url. */
export function createSecretBox(appSecret: string, purpose: string): SecretBox {
  const key = deriveKey(appSecret, purpose);
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, ciphertext, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open(sealed, context) {
      const [version, iv, ciphertext, tag] = sealed.split('.');
      if (version !== VERSION || !iv || ciphertext === undefined || !tag) throw new Error('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
