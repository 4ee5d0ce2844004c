import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../platform/http/guards';
import type { Services } from '../../services';
import { areaRoles } from '../backoffice/agent-roles';
import { invitationRoutes } from './invitation-routes';
import { manageRoutes } from './manage-routes';
import { AdministrationPage } from './views/invitation-pages';

/**
 * Agent accounts: the administrator's pages (`/administration/agents`), a head of office's
 * team page (`/bureau/equipe`), and the invitation link every new agent follows.
 */
export async function agentRoutes(app: FastifyInstance, opts: { services: Services }) {
  app.get('/administration', { preHandler: requireRole(areaRoles.admin) }, async (_req, reply) => reply.page(<AdministrationPage />));
  await app.register(manageRoutes('/administration/agents', areaRoles.admin), opts);
  await app.register(manageRoutes('/bureau/equipe', areaRoles.headOfOffice), opts);
  await app.register(invitationRoutes, opts);
}
