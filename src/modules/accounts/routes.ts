import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { accountRoutes as myAccountRoutes } from './account-routes';
import { authRoutes } from './auth-routes';
import { contactRoutes } from './contact/routes';
import { totpRoutes } from './totp/routes';

/** Everything under the accounts area, one plugin per use-case group. */
export async function accountRoutes(app: FastifyInstance, opts: { services: Services }) {
  await app.register(authRoutes, opts);
  await app.register(totpRoutes, opts);
  await app.register(myAccountRoutes, opts);
  await app.register(contactRoutes, opts);
}
