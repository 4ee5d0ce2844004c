import { openDatabase } from '../src/db/client';
import { loadApriOutlook } from '../src/modules/backoffice/dashboard/apri-outlook';
import { loadBacklog } from '../src/modules/backoffice/dashboard/backlog';
import { loadDashboard } from '../src/modules/backoffice/dashboard/load-dashboard';
import { loadMissedDeadlines } from '../src/modules/backoffice/dashboard/missed-deadlines';
import { loadWorkloads } from '../src/modules/backoffice/dashboard/workloads';
import { parisDate } from '../src/platform/legal-dates';
import { queueFilters, queueQueryWithValues } from '../src/modules/backoffice/queue';
import { hashPassword } from '../src/platform/passwords';
import { totpCode } from '../src/platform/totp';
import { runResult, startSesame, target } from './home-page';
import type { BenchmarkReport, BenchSettings } from './support/benchmark';
import { Browser } from './support/browser';
import { createBenchDatabase, type BenchDatabase } from './support/database';
import { measureAlternately } from './support/load';
import type { ServerProcess } from './support/server-process';

const FILES = 200_000;
const PARIS_SHARE = 0.2; // 40,000 files in one prefecture: a large one
const OFFICERS = 20;
const PASSWORD = 'bench: correct horse battery staple';

/**
 * The office queue (`GET /bureau`) of one prefecture with 200,000 files across all of them in
 * PostgreSQL, as a signed-in case officer (password + TOTP through the real forms): the
 * default view (open files by risk), the officer's own files, and page 20. Seeded with
 * set-based SQL in seconds; the plan of the queue's statement (the one `loadQueue` runs, built
 * by the same code, values inline) is printed with EXPLAIN ANALYZE.
 */
export async function queue(settings: BenchSettings): Promise<BenchmarkReport> {
  const db = await createBenchDatabase(settings.adminUrl, 'queue');
  let server: ServerProcess | null = null;
  try {
    server = await startSesame(db, settings);
    const seedStarted = performance.now();
    const officerIds = await seed(db);
    const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
    const { browser, officerId } = await signInAsOfficer(db, server, officerIds[0]!);
    const plans = await explainQueue(db, officerId);
    const head = await signInAsOfficer(db, server, await headOfOffice(db));
    const dashboardStatementsMs = await timeDashboardParts(db, head.officerId);

    const cookie = { cookie: browser.cookieHeader() };
    const isQueue = (status: number, body: string) => status === 200 && body.includes('id="queue"');
    const isDashboard = (status: number, body: string) => status === 200 && body.includes('id="backlog"') && body.includes('id="workloads"');
    const targets = [
      target('queue-default', server, db, cookie, { path: '/bureau', isExpected: isQueue }),
      target('queue-mine', server, db, cookie, { path: '/bureau?officer=me', isExpected: isQueue }),
      target('queue-page-20', server, db, cookie, { path: '/bureau?page=20', isExpected: isQueue }),
      // The head of office's dashboard: every figure of the prefecture's 24,000 open files.
      target('dashboard', server, db, { cookie: head.browser.cookieHeader() }, { path: '/bureau/tableau-de-bord', isExpected: isDashboard }),
    ];
    const before = await db.committedTransactions();
    const results = await measureAlternately(targets, { connections: settings.connections, seconds: settings.seconds, warmupSeconds: settings.warmupSeconds });
    await server.stop();
    const transactions = (await db.committedTransactions()) - before;
    const requestsAll = [...results.values()].reduce((n, r) => n + r.requestsIncludingWarmup, 0);
    const runs = targets.map((t) => runResult(t.name, results.get(t.name)!, Math.round((transactions * results.get(t.name)!.requestsIncludingWarmup) / Math.max(1, requestsAll))));
    return {
      name: 'queue',
      description: `GET /bureau as a case officer of prefecture 75 (40,000 of ${FILES.toLocaleString('en')} files, 60 % open), default view, own files, page 20; GET /bureau/tableau-de-bord as its head of office; measured in alternating rounds`,
      runs,
      ratios: {},
      goal: 'latencyMs.p95 < 100 for queue-default and for dashboard',
      ...{ seededFiles: FILES, seedSeconds, plans, dashboardStatementsMs },
    } as BenchmarkReport;
  } finally {
    await server?.stop();
    await db.drop();
  }
}

/** Officers, applicants with a profile, and their files, in a few statements. Returns the officers' ids. */
export async function seed(db: BenchDatabase): Promise<string[]> {
  const officers = await db.query<{ id: string }>(
    `insert into users (email, password_hash, role, prefecture_code, email_verified_at, created_at, updated_at)
     select 'officer-' || i || '@bench.example', 'x', 'case_officer', '75', now(), now(), now() from generate_series(1, $1) i returning id`,
    [OFFICERS],
  );
  await db.query(
    `insert into users (email, password_hash, role, email_verified_at, created_at, updated_at)
     select 'applicant-' || i || '@bench.example', 'x', 'applicant', now(), now(), now() from generate_series(1, $1) i`,
    [FILES],
  );
  await db.query(`insert into profiles (user_id, surname, given_names, updated_at) select id, 'BENCH', 'Awa', now() from users where role = 'applicant'`);
  // Statuses in twentieths: 3 filed, 2 incomplete, 7 under review, 5 decided, 2 closed, 1 withdrawn.
  await db.query(
    `with people as (select id, row_number() over (order by id)::int as n from users where role = 'applicant'),
          others as (select array_agg(code order by code) as codes from prefectures where code <> '75'),
          officers as (select array_agg(id order by email) as ids from users where role = 'case_officer' and prefecture_code = '75')
     insert into applications (reference, applicant_id, procedure_id, status, prefecture_code, filed_on_time, filed_at, completed_at,
                               current_permit_expires_on, priority_on, rights_end_on, assigned_officer_id, decision, decided_at, created_at, updated_at)
     select 'BENCH-' || n, p.id,
            (array['renewal_salarie', 'renewal_etudiant', 'renewal_vie_privee_familiale', 'first_salarie', 'duplicate'])[1 + n % 5],
            s.status,
            case when n % 100 < $1::int then '75' else o.codes[1 + n % array_length(o.codes, 1)] end,
            n % 7 <> 0,
            now() - ((n * 31) % 300) * interval '1 day',
            case when s.status <> 'incomplete' then now() - ((n * 31) % 300) * interval '1 day' end,
            (current_date + ((n * 13) % 240 - 60))::date,
            case when s.status in ('filed', 'incomplete', 'under_review') then (current_date + ((n * 7919) % 400 - 100))::date end,
            case when s.status in ('filed', 'incomplete', 'under_review') and n % 7 = 0 then (current_date + ((n * 13) % 240 - 60))::date end,
            case when n % 3 = 0 then f.ids[1 + (n / 3) % array_length(f.ids, 1)] end,
            case when s.status in ('decided', 'closed') then 'favourable' end,
            case when s.status in ('decided', 'closed') then now() end,
            now(), now()
     from people p, others o, officers f,
          lateral (select (array['filed','filed','filed','incomplete','incomplete','under_review','under_review','under_review','under_review',
                                 'under_review','under_review','under_review','decided','decided','decided','decided','decided','closed','closed','withdrawn'])[1 + n % 20] as status) s`,
    [Math.round(PARIS_SHARE * 100)],
  );
  // An officer is assigned only files of their own prefecture.
  await db.query(`update applications set assigned_officer_id = null where prefecture_code <> '75'`);
  await db.query(
    `insert into document_requests (application_id, agent_id, items, due_on, created_at)
     select a.id, $1, '[{"kind":"passport","reason":"corrected","explanation":"Copie illisible."}]'::jsonb, (current_date + (abs(hashtext(a.id::text)) % 60 - 20))::date, now()
     from applications a where a.status = 'incomplete'`,
    [officers[0]!.id],
  );
  await db.query('vacuum analyze');
  return officers.map((o) => o.id);
}

/** The head of office of prefecture 75 (an account like the officers'), for the dashboard. */
async function headOfOffice(db: BenchDatabase): Promise<string> {
  const [head] = await db.query<{ id: string }>(
    `insert into users (email, password_hash, role, prefecture_code, email_verified_at, created_at, updated_at)
     values ('head-75@bench.example', 'x', 'head_of_office', '75', now(), now(), now()) returning id`,
  );
  return head!.id;
}

/** Gives the first officer a real password, then logs in and enrols the second factor through the forms. */
export async function signInAsOfficer(db: BenchDatabase, server: ServerProcess, officerId: string): Promise<{ browser: Browser; officerId: string }> {
  const [officer] = await db.query<{ email: string }>('update users set password_hash = $1 where id = $2 returning email', [await hashPassword(PASSWORD), officerId]);
  const browser = new Browser(server.baseUrl);
  const login = await browser.submit('/connexion', { email: officer!.email, password: PASSWORD });
  if (login.status !== 303) throw new Error(`officer log-in answered ${login.status}`);
  const enrol = await browser.get('/connexion/second-facteur/activer');
  const key = /id="totp-key">([A-Z2-7 ]+)</.exec(enrol.body)?.[1]?.replace(/ /g, '');
  if (!key) throw new Error(`no TOTP key on the enrolment page (status ${enrol.status})`);
  const done = await browser.submit('/connexion/second-facteur/activer', { code: totpCode(key, new Date()) });
  if (done.status !== 200) throw new Error(`TOTP enrolment answered ${done.status}`);
  const page = await browser.get('/bureau');
  if (page.status !== 200 || !page.body.includes('id="queue"')) throw new Error(`the queue did not answer (status ${page.status})`);
  return { browser, officerId };
}

/**
 * How long each part of the dashboard takes alone, one at a time on one connection (median of
 * 15 runs after 3 warm-up runs): where the page's time goes, without the load of other requests.
 */
async function timeDashboardParts(db: BenchDatabase, headId: string): Promise<Record<string, number>> {
  const database = await openDatabase(db.url, { poolSize: 1 });
  const now = new Date();
  const today = parisDate(now);
  const parts: Record<string, () => Promise<unknown>> = {
    backlog: () => loadBacklog(database.db, '75', today),
    missedDeadlines: () => loadMissedDeadlines(database.db, '75', today),
    apris: () => loadApriOutlook(database.db, '75', now, today),
    workloads: () => loadWorkloads(database.db, '75', today),
    whole: () => loadDashboard(database.db, '75', headId, now, today, {}),
  };
  const out: Record<string, number> = {};
  try {
    for (const [name, run] of Object.entries(parts)) {
      const times: number[] = [];
      for (let i = 0; i < 18; i++) {
        const started = performance.now();
        await run();
        if (i >= 3) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      out[name] = Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
    }
  } finally {
    await database.close();
  }
  return out;
}

/** EXPLAIN ANALYZE of the statement `loadQueue` runs (count and page in one), for the three views measured. */
async function explainQueue(db: BenchDatabase, officerId: string): Promise<Record<string, string[]>> {
  const database = await openDatabase(db.url, { poolSize: 1 });
  const plans: Record<string, string[]> = {};
  try {
    for (const [name, query] of Object.entries({ default: {}, mine: { officer: 'me' }, 'page-20': { page: '20' } })) {
      const q = queueQueryWithValues(database.db, '75', queueFilters.parse(query), officerId).toSQL();
      const rows = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off) ${q.sql}`, q.params);
      plans[name] = rows.map((r) => r['QUERY PLAN']);
    }
  } finally {
    await database.close();
  }
  return plans;
}
