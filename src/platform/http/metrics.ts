import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics at `/metrics`: process defaults plus request counts and latencies by route. */
export function registerMetrics(app: FastifyInstance): void {
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

  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
