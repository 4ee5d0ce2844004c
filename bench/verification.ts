import PgBoss from 'pg-boss';
import { signInAsApplicant, startSesame } from './home-page';
import type { BenchmarkReport, BenchSettings, RunResult } from './support/benchmark';
import { processesCpuMs, processGroupCpuMs } from './support/cpu';
import { createBenchDatabase, type BenchDatabase } from './support/database';
import { measureAlternately, type LoadResult, type LoadTarget } from './support/load';
import { csrfOf, fileThroughForm, isoInDays, prepareCompleteRenewals } from './support/renewals';
import type { ServerProcess } from './support/server-process';

/**
 * Verification requests per second, the web role on PostgreSQL (production mode), in
 * alternating rounds: `POST /api/v1/verifications` with `{ "code": … }` (JSON) and
 * `GET /verify/<code>` (the page a QR code opens). Each check does what it does in production:
 * its rate-limit count, the lookup, the 2D-Doc signature check and the line in the holder's log.
 *
 * The attestations are real: renewals filed through `/deposer` (receipts) then swept on their
 * due day (APRIs), by a Sésame with its worker, stopped before the web role alone is measured.
 *
 * The limit of 120 checks per 15 minutes per client address is not what is measured: the
 * server runs as behind a reverse proxy (`TRUST_PROXY=true`, the production setting there),
 * and each request says it comes from one of `CLIENTS` addresses in turn (X-Forwarded-For), each
 * far under its limit — the load of many verifiers, none of them throttled, nothing weakened.
 */
const FILES = 100;
const CLIENTS = 5000;

export async function verification(settings: BenchSettings): Promise<BenchmarkReport> {
  const db = await createBenchDatabase(settings.adminUrl, 'verify');
  const servers: ServerProcess[] = [];
  try {
    const codes = await issueAttestations(db, settings, servers);
    // As configured by default (a text checked before skips the ECDSA step: here, after the first
    // 200 checks, every one), then with every signature verified, what a check of a text this
    // server has never seen costs.
    const remembered = await measureWeb(db, settings, servers, codes, {}, '');
    const everyTime = await measureWeb(db, settings, servers, codes, { VERIFIED_SIGNATURES_REMEMBERED: '0' }, 'EverySignature');
    const runs = [...remembered.runs, ...everyTime.runs];
    const mean = (name: string) => runs.find((r) => r.name === name)!.requestsPerSecond.mean;
    return {
      name: 'verification',
      description: `checks per second of real attestations (${codes.length}, receipts and APRIs) by POST /api/v1/verifications and GET /verify/<code>, web role on PostgreSQL, alternating rounds; ${CLIENTS} client addresses in turn behind TRUST_PROXY so that no one hits its rate limit; "…EverySignature": the same with VERIFIED_SIGNATURES_REMEMBERED=0 (every check verifies the ECDSA signature)`,
      runs,
      ratios: {
        pageOverApi: Math.round((mean('page') / mean('api')) * 1000) / 1000,
        everySignatureOverRemembered: Math.round(((mean('apiEverySignature') + mean('pageEverySignature')) / (mean('api') + mean('page'))) * 1000) / 1000,
      },
      goal: 'requestsPerSecond.mean >= 2000 (each endpoint)',
      ...{ checksLogged: remembered.checks + everyTime.checks, requestsSent: remembered.sent + everyTime.sent },
    } as BenchmarkReport;
  } finally {
    for (const s of servers) await s.stop();
    await db.drop();
  }
}

/** One web-role server with `env`, both endpoints measured alternately; each check is expected logged. */
async function measureWeb(db: BenchDatabase, settings: BenchSettings, servers: ServerProcess[], codes: string[], env: Record<string, string>, suffix: string) {
  const web = await startSesame(db, settings, { env: { TRUST_PROXY: 'true', ...env } });
  servers.push(web);
  const transactionsBefore = await db.committedTransactions();
  const checksBefore = await count(db, 'verification_checks');
  const counters = cpuCounters(web, db);
  let client = 0;
  const nextClient = () => {
    const n = client++ % CLIENTS;
    return `10.77.${n >> 8}.${n & 255}`;
  };
  let nextCode = 0;
  const api: LoadTarget = {
    name: `api${suffix}`,
    url: `${web.baseUrl}/api/v1/verifications`,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ code: codes[0] }),
    setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': nextClient() }, body: JSON.stringify({ code: codes[nextCode++ % codes.length] }) }),
    isExpected: (status, body) => status === 200 && body.includes('"status":"valid"'),
    counters,
  };
  const page: LoadTarget = {
    name: `page${suffix}`,
    url: `${web.baseUrl}/verify/${codes[0]}`,
    headers: { accept: 'text/html' },
    setupRequest: (req) => ({ ...req, path: `/verify/${codes[nextCode++ % codes.length]}`, headers: { ...req.headers, 'x-forwarded-for': nextClient() } }),
    isExpected: (status, body) => status === 200 && body.includes('Attestation valide'),
    counters,
  };
  const results = await measureAlternately([api, page], { connections: settings.connections, seconds: settings.seconds, warmupSeconds: settings.warmupSeconds });
  await web.stop();
  servers.splice(servers.indexOf(web), 1);
  const transactions = (await db.committedTransactions()) - transactionsBefore;
  const checks = (await count(db, 'verification_checks')) - checksBefore;
  const sent = [...results.values()].reduce((n, r) => n + r.requestsIncludingWarmup, 0);
  const runs = [api.name, page.name].map((name) => runResult(name, results.get(name)!, transactions, sent));
  if (checks !== sent) throw new Error(`${sent} checks sent, ${checks} logged`);
  return { runs, checks, sent };
}

/** Files renewals and sweeps them on their due day with a full Sésame; returns the attestations' codes. */
async function issueAttestations(db: BenchDatabase, settings: BenchSettings, servers: ServerProcess[]): Promise<string[]> {
  const all = await startSesame(db, settings, { role: 'all' });
  servers.push(all);
  const browser = await signInAsApplicant(db, all);
  const userId = (await db.query<{ user_id: string }>('select user_id from sessions order by created_at desc limit 1'))[0]!.user_id;
  const csrf = await csrfOf(browser);
  for (const id of await prepareCompleteRenewals(db, userId, FILES, isoInDays(90))) {
    if (!(await fileThroughForm(all.baseUrl, browser, csrf, id))) throw new Error('a setup filing failed');
  }
  await until(async () => (await count(db, 'attestations')) >= FILES);
  // Their due day: the card expires in 10 days, the sweep issues the APRIs.
  await db.query(`update applications set current_permit_expires_on = (now() at time zone 'Europe/Paris')::date + 10`);
  const boss = new PgBoss({ connectionString: db.url, supervise: false, schedule: false, migrate: false });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.send('attestations.sweep', {});
  await boss.stop({ graceful: false });
  await until(async () => (await count(db, 'attestations')) >= 2 * FILES);
  await all.stop();
  servers.splice(servers.indexOf(all), 1);
  return (await db.query<{ public_id: string }>('select public_id from attestations order by random()')).map((r) => r.public_id);
}

async function until(condition: () => Promise<boolean>, ms = 120_000) {
  for (const end = Date.now() + ms; !(await condition()); ) {
    if (Date.now() > end) throw new Error('the attestations were not issued in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function count(db: BenchDatabase, table: 'attestations' | 'verification_checks'): Promise<number> {
  return (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
}

/** CPU of the server's processes, of the PostgreSQL backends serving it, and of this process, around each round. */
function cpuCounters(server: ServerProcess, db: BenchDatabase): NonNullable<LoadTarget['counters']> {
  let roundBackends: number[] | null = null;
  return async () => {
    const starting = roundBackends === null;
    const backends = roundBackends ?? (await db.backendPids());
    roundBackends = starting ? backends : null;
    const own = process.cpuUsage();
    return { server: processGroupCpuMs(server.pid), postgres: backends.length > 0 ? processesCpuMs(backends) : null, loadGenerator: (own.user + own.system) / 1000 };
  };
}

function runResult(name: string, load: LoadResult, transactions: number, sentByAll: number): RunResult {
  const { counters, ...rest } = load;
  const perRequest = (ms: number | null | undefined) => (ms == null || load.requests === 0 ? null : Math.round((ms / load.requests) * 1000) / 1000);
  return {
    name,
    ...rest,
    // Both endpoints share the database: its transactions are shared out by requests sent.
    dbTransactionsPerRequest: Math.round((transactions / Math.max(1, sentByAll)) * 100) / 100,
    cpuMsPerRequest: { server: perRequest(counters.server), postgres: perRequest(counters.postgres), loadGenerator: perRequest(counters.loadGenerator) },
  };
}
