import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';

/** Supporting documents: upload, checks, the personal vault, attaching to an application. */
export async function documentRoutes(_app: FastifyInstance, _opts: { services: Services }) {}
