import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { actionRoutes } from './action-routes';
import { caseRoutes } from './case-routes';
import { dashboardRoutes } from './dashboard/dashboard-routes';
import { documentViewRoutes } from './document-view-routes';
import { queueRoutes } from './queue-routes';

/**
 * The prefecture's back office under `/bureau`: the queue, the case view, the actions on a
 * file, its documents and decision letter, the head of office's dashboard
 * (`dashboard/`); and the letter for the applicant on their own file.
 * Every route names its roles (`requireRole`: anyone else gets "not found") and reaches a file
 * only through `findFileForAgent` / `lockFileForAgent` (another prefecture's file: "not found").
 */
export async function backofficeRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await app.register(queueRoutes, { services });
  await app.register(caseRoutes, { services });
  await app.register(actionRoutes, { services });
  await app.register(documentViewRoutes, { services });
  await app.register(dashboardRoutes, { services });
}
