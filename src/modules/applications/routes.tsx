import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';

/** Applications (*démarches*): choosing a procedure, the form, filing, and the file page. */
export async function applicationRoutes(_app: FastifyInstance, _opts: { services: Services }) {}
