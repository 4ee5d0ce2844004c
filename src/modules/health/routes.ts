import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { probeDatabase } from './probe-database';

/** `GET /healthz`: 200 when the database answers, 503 otherwise (for load balancers and probes). */
export async function healthRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/healthz', async (_req, reply) => {
    const probe = await probeDatabase(services);
    if (probe.ok) return reply.header('cache-control', 'no-store').send({ status: 'ok', database: services.database.kind });
    services.logger.error({ err: probe.error }, 'health check failed');
    return reply.status(503).send({ status: 'unavailable' });
  });
}
