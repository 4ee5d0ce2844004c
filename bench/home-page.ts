import { createHash, randomBytes } from 'node:crypto';
import { Browser } from './support/browser';
import type { BenchmarkReport, BenchSettings, RunResult } from './support/benchmark';
import { processesCpuMs, processGroupCpuMs } from './support/cpu';
import { createBenchDatabase, type BenchDatabase } from './support/database';
import { measureLoad } from './support/load';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process';

/** What a signed-in person's home page must contain (the header's account link). */
const SIGNED_IN_MARK = 'Mon compte';
const PASSWORD = 'bench: correct horse battery staple';

/**
 * `GET /` for a signed-in applicant, Sésame's web role on PostgreSQL, against a floor: a bare
 * `node:http` server doing one session lookup per request on the same database.
 */
export async function homePage(settings: BenchSettings): Promise<BenchmarkReport> {
  const db = await createBenchDatabase(settings.adminUrl);
  try {
    const sesame = await measureSesame(db, settings);
    const floor = await measureFloor(db, settings);
    return {
      name: 'home-page',
      description: 'GET / signed in as a confirmed applicant (session cookie from the real /connexion form), vs. a bare node:http server doing one pg session lookup',
      runs: [sesame, floor],
      ratios: { sesameOverFloor: Math.round((sesame.requestsPerSecond.mean / floor.requestsPerSecond.mean) * 1000) / 1000 },
      goal: 'sesameOverFloor >= 0.5',
    };
  } finally {
    await db.drop();
  }
}

async function measureSesame(db: BenchDatabase, settings: BenchSettings): Promise<RunResult> {
  const port = await freePort();
  const server = await startServerProcess({
    name: 'Sésame web',
    ...sesameCommand(settings),
    cwd: settings.root,
    port,
    readyPath: '/healthz',
    env: {
      DATABASE_URL: db.url,
      NODE_ENV: 'production',
      APP_SECRET: randomBytes(32).toString('hex'),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'false',
    },
  });
  return withServer(server, async () => {
    const browser = await signInAsApplicant(db, server);
    return measure('sesame', db, server, settings, { cookie: browser.cookieHeader() });
  });
}

async function measureFloor(db: BenchDatabase, settings: BenchSettings): Promise<RunResult> {
  await db.query('create table bench_floor_sessions (id text primary key, user_id uuid not null, expires_at timestamptz not null)');
  // A small table, as the floor's lookup needs: a thousand sessions, one of them ours.
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
  return withServer(server, () => measure('floor', db, server, settings, { cookie: `floor_session=${token}` }));
}

/** Signs up through the real form, confirms the address in the database, logs in through `/connexion`. */
async function signInAsApplicant(db: BenchDatabase, server: ServerProcess): Promise<Browser> {
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

async function measure(name: string, db: BenchDatabase, server: ServerProcess, settings: BenchSettings, headers: Record<string, string>): Promise<RunResult> {
  const transactionsBefore = await db.committedTransactions();
  let backends: number[] = [];
  let cpuAtStart = { server: null as number | null, postgres: null as number | null, loadGenerator: 0 };
  let cpuAtEnd = cpuAtStart;
  const cpuNow = () => {
    const own = process.cpuUsage();
    return {
      server: processGroupCpuMs(server.pid),
      postgres: backends.length > 0 ? processesCpuMs(backends) : null,
      loadGenerator: (own.user + own.system) / 1000,
    };
  };
  const load = await measureLoad({
    url: `${server.baseUrl}/`,
    headers,
    isExpected: (status, body) => status === 200 && body.includes(SIGNED_IN_MARK),
    connections: settings.connections,
    seconds: settings.seconds,
    warmupSeconds: settings.warmupSeconds,
    // After warm-up the pool holds all its connections: these backends serve the measured run.
    onMeasureStart: async () => {
      backends = await db.backendPids();
      cpuAtStart = cpuNow();
    },
    onMeasureEnd: async () => {
      cpuAtEnd = cpuNow();
    },
  });
  const perRequest = (start: number | null, end: number | null) =>
    start === null || end === null || load.requests === 0 ? null : Math.round(((end - start) / load.requests) * 1000) / 1000;
  // The server's connections flush their statistics as they close.
  await server.stop();
  const transactions = (await db.committedTransactions()) - transactionsBefore;
  return {
    name,
    ...load,
    dbTransactionsPerRequest: Math.round((transactions / Math.max(1, load.requestsIncludingWarmup)) * 100) / 100,
    cpuMsPerRequest: {
      server: perRequest(cpuAtStart.server, cpuAtEnd.server),
      postgres: perRequest(cpuAtStart.postgres, cpuAtEnd.postgres),
      loadGenerator: perRequest(cpuAtStart.loadGenerator, cpuAtEnd.loadGenerator),
    },
  };
}

/** Runs `fn` and stops the server whatever happens (stopping twice is harmless). */
async function withServer<T>(server: ServerProcess, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    await server.stop();
  }
}

function sesameCommand(settings: BenchSettings): { command: string; args: string[] } {
  if (!settings.profileDir) return { command: 'npx', args: ['tsx', 'src/main.ts', 'web'] };
  // Node refuses --cpu-prof in NODE_OPTIONS: start node itself, with tsx as a loader.
  return { command: process.execPath, args: ['--cpu-prof', `--cpu-prof-dir=${settings.profileDir}`, '--import', 'tsx', 'src/main.ts', 'web'] };
}
