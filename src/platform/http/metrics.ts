import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether a request may read the metrics. They tell how busy each route is and when: not for the
 * public. With a token, only `Authorization: Bearer <token>` (compared in constant time); without
 * one, only outside production (a developer's machine, tests), never in production.
 */
function metricsReader(options: { token: string | undefined; production: boolean }): (req: FastifyRequest) => boolean {
  if (options.token === undefined) return () => !options.production;
  const expected = digest(`Bearer ${options.token}`);
  return (req) => timingSafeEqual(digest(req.headers.authorization ?? ''), expected);
}

/** Prometheus metrics at `/metrics`: process defaults plus request counts and latencies by route. */
export function registerMetrics(app: FastifyInstance, options: { token: string | undefined; production: boolean }): void {
  const mayRead = metricsReader(options);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'sesame_http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const duration = new Histogram({
    name: 'sesame_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  // The label values are bound once per method, route and status (a few dozen combinations):
  // prom-client would otherwise hash a fresh label object twice on every request.
  const bound = new Map<string, { count: () => void; time: (seconds: number) => void }>();
  app.addHook('onResponse', (req, reply, done) => {
    // The route pattern, never the raw URL: identifiers must not become label values.
    const route = req.routeOptions.url ?? 'unmatched';
    const key = `${req.method} ${reply.statusCode} ${route}`;
    let series = bound.get(key);
    if (!series) {
      const counter = requests.labels({ method: req.method, route, status: String(reply.statusCode) });
      const histogram = duration.labels({ method: req.method, route });
      bound.set(key, (series = { count: () => counter.inc(), time: (seconds) => histogram.observe(seconds) }));
    }
    series.count();
    series.time(reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', async (req, reply) => {
    // Refused as "not found", like every page a visitor may not see.
    if (!mayRead(req)) return reply.callNotFound();
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
