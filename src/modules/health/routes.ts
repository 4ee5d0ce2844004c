import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Services } from '../../services';

/** `GET /healthz`: 200 when the database answers, 503 otherwise (for load balancers and probes). */
export async function healthRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/healthz', async (_req, reply) => {
    try {
      await services.db.execute(sql`select 1`);
      return reply.header('cache-control', 'no-store').send({ status: 'ok', database: services.database.kind });
    } catch (err) {
      services.logger.error({ err }, 'health check failed');
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
}
