import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services';
import { emailRoutes } from './email-routes';
import { phoneRoutes } from './phone-routes';
import { revertRoutes } from './revert-routes';

/** Changing e-mail address and phone number, and undoing a change. */
export async function contactRoutes(app: FastifyInstance, opts: { services: Services }) {
  await app.register(emailRoutes, opts);
  await app.register(revertRoutes, opts);
  await app.register(phoneRoutes, opts);
}
