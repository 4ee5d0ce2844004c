import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretBox, keyedHash, resolveAppSecret } from './secret-box';

const secret = 'a-test-secret-of-more-than-32-characters';

describe('createSecretBox', () => {
  const box = createSecretBox(secret, 'totp-secret');

  it('round-trips, with a fresh nonce each time', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    const b = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    expect(a).toMatch(/^v1\./);
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(a, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses another context, another purpose, another secret, or an altered value', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    expect(() => box.open(sealed, 'user-2')).toThrow();
    expect(() => createSecretBox(secret, 'other').open(sealed, 'user-1')).toThrow();
    expect(() => createSecretBox(`${secret}!`, 'totp-secret').open(sealed, 'user-1')).toThrow();
    const [v, iv, ct, tag] = sealed.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([v, iv, flipped.toString('base64url'), tag].join('.'), 'user-1')).toThrow();
    expect(() => box.open('plain text', 'user-1')).toThrow();
  });
});

describe('keyedHash', () => {
  it('depends on the secret and the purpose', () => {
    const h = keyedHash(secret, 'recovery-code', 'ABCDE');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash(secret, 'recovery-code', 'ABCDE')).toBe(h);
    expect(keyedHash(secret, 'other', 'ABCDE')).not.toBe(h);
    expect(keyedHash(`${secret}!`, 'recovery-code', 'ABCDE')).not.toBe(h);
  });
});

describe('resolveAppSecret', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'sesame-secret-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('uses APP_SECRET when set', () => {
    expect(resolveAppSecret({ APP_SECRET: secret, NODE_ENV: 'development', DATA_DIR: '/nonexistent' })).toBe(secret);
  });

  it('outside production, generates one once into <DATA_DIR>/keys/app-secret, readable by its owner only', () => {
    const dir = dataDir();
    const first = resolveAppSecret({ APP_SECRET: undefined, NODE_ENV: 'development', DATA_DIR: dir });
    const path = join(dir, 'keys', 'app-secret');
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path, 'utf8').trim()).toBe(first);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(resolveAppSecret({ APP_SECRET: undefined, NODE_ENV: 'development', DATA_DIR: dir })).toBe(first);
  });

  it('refuses a key file too short to be a secret', () => {
    const dir = dataDir();
    mkdirSync(join(dir, 'keys'));
    writeFileSync(join(dir, 'keys', 'app-secret'), 'short\n');
    expect(() => resolveAppSecret({ APP_SECRET: undefined, NODE_ENV: 'development', DATA_DIR: dir })).toThrow(/no usable secret/);
  });

  it('never makes one up in production', () => {
    expect(() => resolveAppSecret({ APP_SECRET: undefined, NODE_ENV: 'production', DATA_DIR: dataDir() })).toThrow(/required in production/);
  });
});
