import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { claimRoutes } from './claim-routes';
import { counterDocumentRoutes } from './counter-document-routes';
import { counterRoutes } from './counter-routes';
import { receiptRoutes } from './receipt-routes';

/** The counter route (`/bureau/guichet`): filing at a prefecture's desk, and claiming such a file online. */
export async function counterAreaRoutes(app: FastifyInstance, opts: { services: Services }) {
  await app.register(counterRoutes, opts);
  await app.register(counterDocumentRoutes, opts);
  await app.register(receiptRoutes, opts);
  await app.register(claimRoutes, opts);
}
