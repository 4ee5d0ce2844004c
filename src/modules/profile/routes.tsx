import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';

/** Identity as in the passport, and the dated history of the account. */
export async function profileRoutes(_app: FastifyInstance, _opts: { services: Services }) {}
