import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from './support/browser';
import type { BenchmarkReport, BenchSettings, RunResult } from './support/benchmark';
import { processesCpuMs, processGroupCpuMs } from './support/cpu';
import { createBenchDatabase, type BenchDatabase } from './support/database';
import { measureAlternately, type LoadResult, type LoadTarget } from './support/load';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process';

/** What a signed-in person's home page must contain (the header's account link). */
const SIGNED_IN_MARK = 'Mon compte';
const PASSWORD = 'bench: correct horse battery staple';

/**
 * `GET /` for a signed-in applicant, Sésame's web role on PostgreSQL, against a floor: a bare
 * `node:http` server doing one session lookup per request on PostgreSQL. Each server has its
 * own fresh database, so that the database's counters tell each one's round trips apart.
 */
export async function homePage(settings: BenchSettings): Promise<BenchmarkReport> {
  const sesameDb = await createBenchDatabase(settings.adminUrl);
  const floorDb = await createBenchDatabase(settings.adminUrl, 'floor');
  const baselineDb = settings.baselineRoot ? await createBenchDatabase(settings.adminUrl, 'baseline') : null;
  const dbs = [sesameDb, floorDb, ...(baselineDb ? [baselineDb] : [])];
  const servers: ServerProcess[] = [];
  try {
    const sesame = await startSesame(sesameDb, settings);
    servers.push(sesame);
    const browser = await signInAsApplicant(sesameDb, sesame);
    const { server: floor, cookie: floorCookie } = await startFloor(floorDb, settings);
    servers.push(floor);
    const targets = [target('sesame', sesame, sesameDb, { cookie: browser.cookieHeader() }), target('floor', floor, floorDb, { cookie: floorCookie })];
    if (baselineDb && settings.baselineRoot) {
      // The baseline's own code, profile off: only the version under test is profiled.
      const baseline = await startSesame(baselineDb, { ...settings, root: settings.baselineRoot, profileDir: null });
      servers.push(baseline);
      const baselineBrowser = await signInAsApplicant(baselineDb, baseline);
      targets.push(target('baseline', baseline, baselineDb, { cookie: baselineBrowser.cookieHeader() }));
    }

    const transactionsBefore = await Promise.all(dbs.map((db) => db.committedTransactions()));
    const results = await measureAlternately(targets, { connections: settings.connections, seconds: settings.seconds, warmupSeconds: settings.warmupSeconds });
    // The servers' connections flush their statistics as they close.
    await Promise.all(servers.map((s) => s.stop()));
    const transactions = await Promise.all(dbs.map(async (db, i) => (await db.committedTransactions()) - transactionsBefore[i]!));

    const runs = targets.map((t, i) => runResult(t.name, results.get(t.name)!, transactions[i]!));
    const ratio = (a: RunResult, b: RunResult) => Math.round((a.requestsPerSecond.mean / b.requestsPerSecond.mean) * 1000) / 1000;
    const [sesameRun, floorRun, baselineRun] = runs as [RunResult, RunResult, RunResult | undefined];
    return {
      name: 'home-page',
      description:
        'GET / signed in as a confirmed applicant (session cookie from the real /connexion form), vs. a bare node:http server doing one pg session lookup; measured in alternating rounds',
      runs,
      ratios: {
        sesameOverFloor: ratio(sesameRun, floorRun),
        ...(baselineRun ? { baselineOverFloor: ratio(baselineRun, floorRun), sesameOverBaseline: ratio(sesameRun, baselineRun) } : {}),
      },
      goal: 'sesameOverFloor >= 0.5',
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(dbs.map((db) => db.drop()));
  }
}

/** The Node options the README gives for production web processes. */
export const WEB_NODE_OPTIONS = '--max-semi-space-size=32';

/** Sésame in production mode on the benchmark's database: the web role, or `all` (web and worker) for benchmarks that need the jobs. */
export async function startSesame(db: BenchDatabase, settings: BenchSettings, options: { role?: 'web' | 'all'; env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const role = options.role ?? 'web';
  return startServerProcess({
    name: `Sésame ${role}`,
    ...sesameCommand(settings, role),
    cwd: settings.root,
    port,
    readyPath: '/healthz',
    env: {
      DATABASE_URL: db.url,
      NODE_ENV: 'production',
      APP_SECRET: randomBytes(32).toString('hex'),
      SIGNING_KEY_FILE: benchSigningKeyFile(),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'false',
      // As the README says to run web processes in production (a larger young generation).
      ...(role === 'web' ? { NODE_OPTIONS: [process.env.NODE_OPTIONS, WEB_NODE_OPTIONS].filter(Boolean).join(' ') } : {}),
      ...options.env,
    },
  });
}

function sesameCommand(settings: BenchSettings, role: 'web' | 'all'): { command: string; args: string[] } {
  if (!settings.profileDir) return { command: 'npx', args: ['tsx', 'src/main.ts', role] };
  // Node refuses --cpu-prof in NODE_OPTIONS: start node itself, with tsx as a loader.
  return { command: process.execPath, args: ['--cpu-prof', `--cpu-prof-dir=${settings.profileDir}`, '--import', 'tsx', 'src/main.ts', role] };
}

/** Signs up through the real form, confirms the address in the database, logs in through `/connexion`. */
export async function signInAsApplicant(db: BenchDatabase, server: ServerProcess): Promise<Browser> {
  const browser = new Browser(server.baseUrl);
  const email = `bench-${randomBytes(4).toString('hex')}@example.org`;
  const signUp = await browser.submit('/inscription', { email, password: PASSWORD });
  if (signUp.status !== 303) throw new Error(`sign-up answered ${signUp.status}, expected 303`);
  // The code went to the mail outbox; reading it back would only test the mailer.
  const confirmed = await db.query('update users set email_verified_at = now() where email = $1 returning id', [email]);
  if (confirmed.length !== 1) throw new Error(`no account was created for ${email}`);
  const logIn = await browser.submit('/connexion', { email, password: PASSWORD });
  if (logIn.status !== 303 || !browser.cookie('sesame_session')) throw new Error(`log-in answered ${logIn.status} without a session cookie`);
  const home = await browser.get('/');
  if (home.status !== 200 || !home.body.includes(SIGNED_IN_MARK)) throw new Error(`the home page after log-in is not the signed-in one (status ${home.status})`);
  return browser;
}

/** The floor's table — a thousand sessions, one of them ours — and its server. */
async function startFloor(db: BenchDatabase, settings: BenchSettings): Promise<{ server: ServerProcess; cookie: string }> {
  await db.query('create table bench_floor_sessions (id text primary key, user_id uuid not null, expires_at timestamptz not null)');
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `insert into bench_floor_sessions (id, user_id, expires_at)
     select encode(sha256(gen_random_uuid()::text::bytea), 'hex'), gen_random_uuid(), now() + interval '1 day' from generate_series(1, 999)`,
  );
  await db.query(`insert into bench_floor_sessions values ($1, gen_random_uuid(), now() + interval '1 day')`, [createHash('sha256').update(token).digest('hex')]);
  await db.query('analyze bench_floor_sessions');
  const port = await freePort();
  const server = await startServerProcess({
    name: 'floor server',
    command: 'npx',
    args: ['tsx', 'bench/floor-server.ts'],
    cwd: settings.root,
    port,
    readyPath: '/healthz',
    env: { DATABASE_URL: db.url, PORT: String(port) },
  });
  return { server, cookie: `floor_session=${token}` };
}

/** A server to load, with the CPU counters read around each measured round. */
export function target(name: string, server: ServerProcess, db: BenchDatabase, headers: Record<string, string>, options: { path?: string; isExpected?: LoadTarget['isExpected'] } = {}): LoadTarget {
  // Counters are read in pairs, before and after a round: the backends found before are the
  // ones read after (a backend gone in between makes the figure null rather than wrong).
  let roundBackends: number[] | null = null;
  return {
    name,
    url: `${server.baseUrl}${options.path ?? '/'}`,
    headers,
    isExpected: options.isExpected ?? ((status, body) => status === 200 && body.includes(SIGNED_IN_MARK)),
    counters: async () => {
      const starting = roundBackends === null;
      const backends = roundBackends ?? (await db.backendPids());
      roundBackends = starting ? backends : null;
      const own = process.cpuUsage();
      return {
        server: processGroupCpuMs(server.pid),
        postgres: backends.length > 0 ? processesCpuMs(backends) : null,
        loadGenerator: (own.user + own.system) / 1000,
      };
    },
  };
}

export function runResult(name: string, load: LoadResult, transactions: number): RunResult {
  const { counters, ...rest } = load;
  const perRequest = (ms: number | null | undefined) => (ms == null || load.requests === 0 ? null : Math.round((ms / load.requests) * 1000) / 1000);
  return {
    name,
    ...rest,
    dbTransactionsPerRequest: Math.round((transactions / Math.max(1, load.requestsIncludingWarmup)) * 100) / 100,
    cpuMsPerRequest: { server: perRequest(counters.server), postgres: perRequest(counters.postgres), loadGenerator: perRequest(counters.loadGenerator) },
  };
}

/**
 * A throw-away signing key for the benchmark's production-mode servers: one per benchmark run,
 * so that two servers started one after the other on the same database sign with the same key.
 */
let signingKeyPath: string | undefined;
function benchSigningKeyFile(): string {
  if (signingKeyPath) return signingKeyPath;
  const path = join(tmpdir(), `sesame-bench-signing-${process.pid}.pem`);
  writeFileSync(path, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  return (signingKeyPath = path);
}
