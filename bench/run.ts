import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { attestationLatency } from './attestation-latency';
import { attestationPdf } from './attestation-pdf';
import { filing } from './filing';
import { homePage } from './home-page';
import { queue } from './queue';
import { signatureChecks } from './signature-checks';
import { verification } from './verification';
import type { Benchmark, BenchmarkReport, BenchSettings } from './support/benchmark';
import { defaultAdminUrl, serverVersion } from './support/database';

/**
 * `npm run bench`: runs every benchmark below, one after the other, prints one JSON document
 * and keeps a copy in `bench/results/<timestamp>.json`.
 *
 *   BENCH_DATABASE_URL  a PostgreSQL role that may create databases (default: local postgres)
 *   BENCH_SECONDS       measured seconds per server, in rounds of about 2 s alternating between
 *                       the servers compared (default 10; 3 s of warm-up each come first)
 *   BENCH_CONNECTIONS   concurrent connections (default 10)
 *   BENCH_PROFILE=1     the server under test writes V8 CPU profiles to bench/results/profiles/
 *   BENCH_ONLY=name     run only the benchmark of that name
 *   BENCH_BASELINE=dir  home-page also loads the server of that other checkout, in the same rounds
 */
const benchmarks: Record<string, Benchmark> = {
  'home-page': homePage,
  filing,
  'attestation-pdf': attestationPdf,
  queue,
  'attestation-latency': attestationLatency,
  verification,
  'signature-checks': signatureChecks,
};

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return n;
}

async function main() {
  const root = new URL('..', import.meta.url).pathname;
  const resultsDir = join(root, 'bench', 'results');
  const startedAt = new Date();
  const settings: BenchSettings = {
    adminUrl: process.env.BENCH_DATABASE_URL || defaultAdminUrl,
    seconds: positiveNumber('BENCH_SECONDS', 10),
    warmupSeconds: 3,
    connections: Math.round(positiveNumber('BENCH_CONNECTIONS', 10)),
    root,
    profileDir: process.env.BENCH_PROFILE === '1' ? join(resultsDir, 'profiles', startedAt.toISOString().replace(/[:.]/g, '-')) : null,
    baselineRoot: process.env.BENCH_BASELINE || null,
  };
  const only = process.env.BENCH_ONLY;
  if (only && !benchmarks[only]) throw new Error(`no benchmark named "${only}"; known: ${Object.keys(benchmarks).join(', ')}`);

  const machine = {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgresql: await serverVersion(settings.adminUrl),
    // Other work on a shared machine moves the figures: keep what it was doing when we began.
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };

  const reports: BenchmarkReport[] = [];
  for (const [name, benchmark] of Object.entries(benchmarks)) {
    if (only && name !== only) continue;
    console.error(`bench: running ${name} (${settings.warmupSeconds} s warm-up + ${settings.seconds} s per server)…`);
    reports.push(await benchmark(settings));
  }

  const document = {
    startedAt: startedAt.toISOString(),
    machine,
    settings: { seconds: settings.seconds, warmupSeconds: settings.warmupSeconds, connections: settings.connections, profileDir: settings.profileDir, baselineRoot: settings.baselineRoot },
    benchmarks: reports,
  };
  const json = JSON.stringify(document, null, 2);
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, json + '\n');
  console.log(json);
  console.error(`bench: written to ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
