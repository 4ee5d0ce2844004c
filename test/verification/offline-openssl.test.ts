import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createTestContext, type TestContext } from '../support/harness';
import { buildAttestation } from '../support/attestation-builders';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

/** The shell blocks of the "Check offline" section of docs/VERIFY.md, in order, as written. */
function offlineSteps(): string {
  const doc = readFileSync(new URL('../../docs/VERIFY.md', import.meta.url), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Check offline'))!;
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}

let ctx: TestContext;
let baseUrl: string;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
});
afterAll(() => ctx.close());

/**
 * Runs the documented steps in a fresh folder holding `doc.txt`, against the running Sésame
 * (asynchronously: the steps fetch the certificate from this very process).
 */
async function runSteps(docText: string): Promise<{ status: number | null; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sesame-verify-'));
  try {
    writeFileSync(join(dir, 'doc.txt'), docText, 'latin1');
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', offlineSteps()], { cwd: dir, env: { PATH: process.env.PATH, SESAME: baseUrl } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { status, out };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.runIf(hasOpenssl)('offline verification with openssl, following docs/VERIFY.md', () => {
  it('verifies a generated attestation, and prints the fields', async () => {
    const att = await buildAttestation(ctx.services, { validFrom: '2026-03-02', validTo: '2026-06-01' });
    // As a reader app would hand it over, with a line break at the end.
    const { status, out } = await runSteps(`${att.twoDDoc}\n`);
    expect(out).toContain('signed by SE00-0001');
    expect(out).toContain('Verified OK');
    expect(out).toContain('6O01062026');
    expect(status).toBe(0);
  });

  it('fails on a tampered attestation', async () => {
    const att = await buildAttestation(ctx.services, { validFrom: '2026-03-02', validTo: '2026-06-01' });
    const { status, out } = await runSteps(att.twoDDoc.replace('6O01062026', '6O01062027'));
    expect(out).toContain('Verification failure');
    expect(out).not.toContain('Verified OK');
    expect(status).not.toBe(0);
  });

  it('works for every signature, including one whose r or s starts with zero bytes', async () => {
    // r and s are 32-byte numbers: one with a high first bit needs a 0x00 in DER, one without
    // does not (and a rare leading zero byte must go). Ten signatures meet the first two cases.
    for (let i = 0; i < 10; i++) {
      const att = await buildAttestation(ctx.services);
      const { status, out } = await runSteps(att.twoDDoc);
      expect(out, att.twoDDoc).toContain('Verified OK');
      expect(status).toBe(0);
    }
  }, 120_000);
});
