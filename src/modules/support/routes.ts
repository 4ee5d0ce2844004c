import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { deskRoutes } from './desk-routes';
import { incidentRoutes } from './incident-routes';
import { officeTicketRoutes } from './office-routes';
import { publicSupportRoutes } from './public-routes';
import { ticketRoutes } from './ticket-routes';

/**
 * A human is reachable: requests for help (`/aide`, `/compte/demandes`), "report a problem", the
 * public status page (`/statut`), the national support desk (`/support`) and the requests routed
 * to a prefecture (`/bureau/signalements`).
 */
export async function supportRoutes(app: FastifyInstance, opts: { services: Services }) {
  await app.register(ticketRoutes, opts);
  await app.register(publicSupportRoutes, opts);
  await app.register(deskRoutes, opts);
  await app.register(incidentRoutes, opts);
  await app.register(officeTicketRoutes, opts);
}
