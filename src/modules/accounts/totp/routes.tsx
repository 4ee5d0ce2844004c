import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services';

/** Second factor (TOTP): enrolment, login step, recovery codes. */
export async function totpRoutes(_app: FastifyInstance, _opts: { services: Services }) {}
