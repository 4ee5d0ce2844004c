import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services';
import { loginStepRoutes } from './login-step-routes';
import { securityRoutes } from './security-routes';

/** Second factor (TOTP): the login step and enrolment at login; the account's security page. */
export async function totpRoutes(app: FastifyInstance, opts: { services: Services }) {
  await app.register(loginStepRoutes, opts);
  await app.register(securityRoutes, opts);
}
