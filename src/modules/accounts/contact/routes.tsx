import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services';

/** Changing e-mail address and phone number, and undoing a change. */
export async function contactRoutes(_app: FastifyInstance, _opts: { services: Services }) {}
