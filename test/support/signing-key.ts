import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes a fresh P-256 signing key (PKCS#8 PEM) to a temporary file, for production-mode tests. */
export function signingKeyFile(): string {
  const path = join(tmpdir(), `sesame-test-signing-${process.pid}-${Math.random().toString(36).slice(2)}.pem`);
  writeFileSync(path, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  return path;
}
