import pg from 'pg';
import PgBoss from 'pg-boss';
import { signInAsApplicant, startSesame } from './home-page';
import type { BenchmarkReport, BenchSettings } from './support/benchmark';
import type { Browser } from './support/browser';
import { processesCpuMs, processGroupCpuMs } from './support/cpu';
import { createBenchDatabase, type BenchDatabase } from './support/database';
import { csrfOf, fileThroughForm, isoInDays, prepareCompleteRenewals } from './support/renewals';

/**
 * Time from the event that makes an attestation due to the moment its holder can download the
 * signed PDF, on PostgreSQL, through the real jobs of a real Sésame (`all` role: web and
 * worker in one process, production mode):
 *
 * - `receiptAfterFiling`: complete renewals filed through the real `/deposer` form at a steady
 *   rate (open loop, `BENCH_ATTEST_RATE` a second, default 5); the receipt is issued by the
 *   `attestations.issue_due` job queued at filing. Timed from the filing's answer (its commit:
 *   the event), and also from the moment the form was sent.
 * - `apriOnDueDay`: the daily sweep, sent to the queue as pg-boss's cron sends it at 00:05, for
 *   `BENCH_SWEEP_FILES` files (default 200) whose card expires in 10 days (the APRI falls due 15
 *   days ahead); timed from the sweep's sending, for each file, so p99 is the whole day's batch.
 *
 * "Downloadable" is seen from outside: a trigger this benchmark adds to its own database
 * notifies it of each new attestation as it commits (LISTEN/NOTIFY, no polling), then the
 * holder's browser downloads `/attestations/<code>.pdf` and the clock stops when a whole PDF
 * has arrived.
 */
const RATE = Number(process.env.BENCH_ATTEST_RATE) || 5;
const SWEEP_FILES = Number(process.env.BENCH_SWEEP_FILES) || 200;
const CHANNEL = 'bench_attestations';
const APPLICANTS = 10;

interface Holder {
  browser: Browser;
  csrf: string;
  drafts: string[];
}

export async function attestationLatency(settings: BenchSettings): Promise<BenchmarkReport> {
  const db = await createBenchDatabase(settings.adminUrl, 'attest');
  let server: Awaited<ReturnType<typeof startSesame>> | null = null;
  const listener = new pg.Client({ connectionString: db.url });
  try {
    server = await startSesame(db, settings, { role: 'all' });
    await addNotifyTrigger(db);
    const arrivals = await listen(listener);

    const filings = Math.ceil(RATE * (settings.warmupSeconds + settings.seconds));
    const holders: Holder[] = [];
    for (let i = 0; i < APPLICANTS; i++) {
      // Setup only: the sign-up and log-in limits per address would stop us after ten applicants.
      await db.query('delete from rate_limits');
      const browser = await signInAsApplicant(db, server);
      const userId = (await db.query<{ user_id: string }>('select user_id from sessions order by created_at desc limit 1'))[0]!.user_id;
      const drafts = await prepareCompleteRenewals(db, userId, Math.ceil((filings + SWEEP_FILES) / APPLICANTS), isoInDays(90));
      holders.push({ browser, csrf: await csrfOf(browser), drafts });
    }
    const queue = holders.flatMap((h) => h.drafts.map((id) => ({ h, id })));
    const baseUrl = server.baseUrl;

    // Setup: the files of the due day, filed (not timed) with their receipts, before anything is measured.
    const sweepSet = queue.splice(0, SWEEP_FILES);
    for (let i = 0; i < sweepSet.length; i += 5) {
      await Promise.all(
        sweepSet.slice(i, i + 5).map(async (f) => {
          if (!(await fileThroughForm(baseUrl, f.h.browser, f.h.csrf, f.id))) throw new Error('a setup filing failed');
          await arrivals.wait(`${f.id}:receipt`);
        }),
      );
    }

    // 1. Filing → receipt, at a steady rate.
    const fromAnswer: number[] = [];
    const fromSent: number[] = [];
    const filingMs: number[] = [];
    let failures = 0;
    let filed = 0;
    const cpuBefore = processGroupCpuMs(server.pid);
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < filings && queue.length > 0; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const next = queue.shift()!;
      const measured = i >= RATE * settings.warmupSeconds;
      inFlight.push(
        (async () => {
          const sent = performance.now();
          if (!(await fileThroughForm(baseUrl, next.h.browser, next.h.csrf, next.id))) return void failures++;
          const answered = performance.now();
          const publicId = await arrivals.wait(`${next.id}:receipt`);
          if (!(await downloadPdf(baseUrl, next.h.browser, publicId))) return void failures++;
          const done = performance.now();
          filed++;
          if (!measured) return;
          fromAnswer.push(done - answered);
          fromSent.push(done - sent);
          filingMs.push(answered - sent);
        })(),
      );
    }
    await Promise.all(inFlight);
    const cpuAfter = processGroupCpuMs(server.pid);

    // 2. The due day: the sweep, as the cron sends it, for files whose card expires in 10 days.
    const sweepIds = sweepSet;
    await db.query(`update applications set current_permit_expires_on = (now() at time zone 'Europe/Paris')::date + 10 where id = any($1::uuid[])`, [sweepIds.map((f) => f.id)]);
    const boss = new PgBoss({ connectionString: db.url, supervise: false, schedule: false, migrate: false });
    boss.on('error', () => undefined);
    await boss.start();
    // Every backend of the benchmark's database now (the server's pool is warm by this point).
    const backends = await db.backendPids();
    const dayCpuBefore = { server: processGroupCpuMs(server.pid), postgres: processesCpuMs(backends) };
    const sweepSent = performance.now();
    await boss.send('attestations.sweep', {});
    const apriMs: number[] = [];
    await Promise.all(
      sweepIds.map(async (f) => {
        const publicId = await arrivals.wait(`${f.id}:apri`, 60_000);
        if (await downloadPdf(baseUrl, f.h.browser, publicId)) apriMs.push(performance.now() - sweepSent);
        else failures++;
      }),
    );
    const dayCpuAfter = { server: processGroupCpuMs(server.pid), postgres: processesCpuMs(backends) };
    const dayElapsedMs = performance.now() - sweepSent;
    await boss.stop({ graceful: false });
    const cpuDelta = (k: 'server' | 'postgres') => (dayCpuBefore[k] === null || dayCpuAfter[k] === null ? null : Math.round(dayCpuAfter[k]! - dayCpuBefore[k]!));

    return {
      name: 'attestation-latency',
      description:
        'time from the event to a downloaded signed attestation PDF, on PostgreSQL through the real jobs (all role, production mode): receipts after filings at a steady rate through /deposer; APRIs after the daily sweep is sent as the cron sends it',
      runs: [],
      ratios: {},
      goal: 'receiptAfterFiling.fromFilingAnsweredMs.p99 < 1000 and apriOnDueDay.fromSweepSentMs.p99 < 1000',
      ...{
        receiptAfterFiling: {
          ratePerSecond: RATE,
          measured: fromAnswer.length,
          fromFilingAnsweredMs: summary(fromAnswer),
          fromFilingSentMs: summary(fromSent),
          filingRequestMs: summary(filingMs),
          serverCpuMsPerFiling: cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) / Math.max(1, filed)) * 100) / 100,
        },
        apriOnDueDay: {
          files: sweepIds.length,
          downloaded: apriMs.length,
          fromSweepSentMs: summary(apriMs),
          // Until the last PDF was downloaded: issuing, notices, downloads (ticks of 10 ms).
          cpuMs: { elapsed: Math.round(dayElapsedMs), server: cpuDelta('server'), postgres: cpuDelta('postgres') },
        },
        failures,
      },
    } as BenchmarkReport;
  } finally {
    await listener.end().catch(() => undefined);
    await server?.stop();
    await db.drop();
  }
}

/** Bench-only, in the benchmark's own database: every new attestation is announced as it commits. */
async function addNotifyTrigger(db: BenchDatabase) {
  await db.query(`
    create function bench_notify_attestation() returns trigger language plpgsql as $$
    begin
      perform pg_notify('${CHANNEL}', new.application_id || ':' || new.kind || ':' || new.public_id);
      return new;
    end $$`);
  await db.query('create trigger bench_notify_attestation after insert on attestations for each row execute function bench_notify_attestation()');
}

/** Notifications by `<application>:<kind>`, whether they come before or after someone waits for them. */
async function listen(client: pg.Client) {
  const seen = new Map<string, string>();
  const waiting = new Map<string, (publicId: string) => void>();
  client.on('notification', (n) => {
    const [applicationId, kind, publicId] = (n.payload ?? '').split(':');
    const key = `${applicationId}:${kind}`;
    const resolve = waiting.get(key);
    if (resolve) {
      waiting.delete(key);
      resolve(publicId!);
    } else seen.set(key, publicId!);
  });
  await client.connect();
  await client.query(`listen ${CHANNEL}`);
  return {
    wait(key: string, timeoutMs = 30_000): Promise<string> {
      const already = seen.get(key);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no attestation ${key} after ${timeoutMs} ms`)), timeoutMs);
        waiting.set(key, (id) => {
          clearTimeout(timer);
          resolve(id);
        });
      });
    },
  };
}

async function downloadPdf(baseUrl: string, browser: Browser, publicId: string): Promise<boolean> {
  const res = await fetch(`${baseUrl}/attestations/${publicId}.pdf`, { headers: { cookie: browser.cookieHeader() } });
  const body = Buffer.from(await res.arrayBuffer());
  return res.status === 200 && body.subarray(0, 5).toString('latin1') === '%PDF-' && body.length > 1000;
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0) * 10) / 10;
  return { count: sorted.length, min: at(0), p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}
