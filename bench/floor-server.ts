import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

/**
 * The floor Sésame's home page is compared with: a bare `node:http` server that does the one
 * thing an authenticated page cannot skip — look its session up in PostgreSQL, one round trip
 * through a pool of the size Sésame uses — and answers a small HTML string. No framework, no
 * rendering, no headers beyond the necessary.
 *
 * Run as a child process by `home-page.ts`: `DATABASE_URL=… PORT=… tsx bench/floor-server.ts`.
 * The table `bench_floor_sessions` is created and filled by the benchmark beforehand.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', () => {});

const signedIn = '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Accueil</title></head><body><a href="/compte">Mon compte</a></body></html>';

const server = createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  const token = /(?:^|;\s*)floor_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  if (!token) {
    res.writeHead(401, { 'content-type': 'text/plain' }).end('no session');
    return;
  }
  const id = createHash('sha256').update(token).digest('hex');
  pool.query('select id, user_id, expires_at from bench_floor_sessions where id = $1 and expires_at > now()', [id]).then(
    ({ rows }) => {
      if (rows.length === 0) res.writeHead(401, { 'content-type': 'text/plain' }).end('no session');
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(signedIn);
    },
    () => res.writeHead(500, { 'content-type': 'text/plain' }).end('database error'),
  );
});

server.listen(Number(process.env.PORT), '127.0.0.1');

const shutdown = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
