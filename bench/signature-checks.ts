import { createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { parse2dDoc, sign2dDoc, US, type Fields } from '../src/modules/attestations/two-d-doc';
import type { BenchmarkReport, BenchSettings } from './support/benchmark';

/**
 * Offline checks of a 2D-Doc's signature per second, as a verifier's own program would do them:
 * split the barcode's text at <US>, Base32-decode the signature, check ECDSA P-256 / SHA-256 over
 * header + message with node:crypto and the public key from Sésame's JWKS. One process, one
 * core, no network, no database. Three ways:
 *
 * - `keyLoadedOnce`: the key read from the JWKS once (a reader app, a batch of documents);
 * - `keyFromJwkEachTime`: the JWK turned into a key for every document (a one-shot script);
 * - `tamperedRejected`: the same as the first on texts with one character changed — a forgery
 *   costs a verifier as much as a genuine document, and is refused every time.
 *
 * `npm run bench` runs it with the others (BENCH_ONLY=signature-checks), or
 * `npx tsx bench/signature-checks.ts` alone. BENCH_SECONDS applies (per way).
 */
export async function signatureChecks(settings: Pick<BenchSettings, 'seconds' | 'warmupSeconds'>): Promise<BenchmarkReport> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const genuine = sampleTexts(200, privateKey);
  // One character of the holder's name changed: the signature no longer matches.
  const tampered = genuine.map((t) => t.replace(/DIALLO|NGUYEN|IVANOVA/, (m) => m.slice(0, -1) + (m.endsWith('O') ? 'A' : 'O')));
  const loaded = createPublicKey({ key: jwk, format: 'jwk' });

  const ways: Record<string, { texts: string[]; key: () => KeyObject; expect: boolean }> = {
    keyLoadedOnce: { texts: genuine, key: () => loaded, expect: true },
    keyFromJwkEachTime: { texts: genuine, key: () => createPublicKey({ key: jwk, format: 'jwk' }), expect: true },
    tamperedRejected: { texts: tampered, key: () => loaded, expect: false },
  };
  // Per second of the wall clock, and per second of this process's CPU: on a shared machine the
  // second says more about the code.
  const figures: Record<string, { checks: number; checksPerSecond: number; checksPerCpuSecond: number; cpuMicrosecondsPerCheck: number; wrongAnswers: number }> = {};
  for (const [name, way] of Object.entries(ways)) {
    const run = (until: number) => {
      let checks = 0;
      let wrong = 0;
      for (let i = 0; performance.now() < until; i++) {
        if (checkOffline(way.texts[i % way.texts.length]!, way.key()) !== way.expect) wrong++;
        checks++;
      }
      return { checks, wrong };
    };
    run(performance.now() + settings.warmupSeconds * 1000);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const { checks, wrong } = run(started + settings.seconds * 1000);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMicros = cpu.user + cpu.system;
    figures[name] = {
      checks,
      checksPerSecond: Math.round(checks / seconds),
      checksPerCpuSecond: Math.round((checks * 1e6) / cpuMicros),
      cpuMicrosecondsPerCheck: Math.round(cpuMicros / checks),
      wrongAnswers: wrong,
    };
  }
  return {
    name: 'signature-checks',
    description: 'offline 2D-Doc signature checks (ECDSA P-256 / SHA-256, node:crypto, key from the JWKS) per second in one process, one core; no network, no database',
    runs: [],
    ratios: { keyOnceOverKeyEachTime: Math.round((figures.keyLoadedOnce!.checksPerCpuSecond / figures.keyFromJwkEachTime!.checksPerCpuSecond) * 100) / 100 },
    ...{ checks: figures },
  } as BenchmarkReport;
}

/**
 * What a verifier's program does with the text its scanner read: only the 2D-Doc layout
 * (`parse2dDoc`: header, message, <US>, Base32 signature) and node:crypto.
 */
function checkOffline(text: string, key: KeyObject): boolean {
  if (!text.includes(US)) return false;
  const parsed = parse2dDoc(text);
  return verify('sha256', Buffer.from(parsed.signed, 'latin1'), { key, dsaEncoding: 'ieee-p1363' }, parsed.signature);
}

function sampleTexts(count: number, privateKey: KeyObject): string[] {
  const names = [
    ['DIALLO', 'AWA'],
    ['NGUYEN', 'THI/MINH/KHAI'],
    ['IVANOVA', 'MARIIA'],
  ] as const;
  return Array.from({ length: count }, (_, i) => {
    const [surname, givenNames] = names[i % names.length]!;
    const fields: Fields = [
      ['6J', '2'],
      ['6K', `7526K7Q2M4XP${String(i).padStart(7, '0')}`],
      ['6L', '02032026'],
      ['6P', 'AUTORISE A TRAVAILLER'],
      ['62', surname],
      ['60', givenNames],
      ['69', '12041990'],
      ['67', 'SN'],
      ['6N', '02032026'],
      ['6O', '01062026'],
      ['6Y', 'FR'],
    ];
    return sign2dDoc({ caId: 'SE00', certId: '0001', documentDate: '2026-03-02', signatureDate: '2026-03-02', documentType: '13', perimeter: '01', country: 'FR' }, fields, privateKey);
  });
}

// Run directly: `npx tsx bench/signature-checks.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = Number(process.env.BENCH_SECONDS) || 10;
  signatureChecks({ seconds, warmupSeconds: 1 }).then((r) => console.log(JSON.stringify(r, null, 2)));
}
