import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors';
import { currentSession, requireRole } from '../../platform/http/guards';
import { parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import { areaRoles } from './agent-roles';
import { loadQueue, queueFilters } from './queue';
import { loadQueueOffice } from './queue-office';
import { QueuePage } from './views/queue-page';

/** `/bureau`: the agent's prefecture's queue, by risk, filtered by the query string. */
export async function queueRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/bureau', { preHandler: requireRole(areaRoles.office) }, async (req, reply) => {
    const user = currentSession(req).user;
    if (!user.prefectureCode) throw new AppError('not_found', { logMessage: `agent ${user.id} has no prefecture` });
    const filters = queueFilters.parse(req.query ?? {});
    // Two round trips side by side (with the session's, three per page): the queue, and the header.
    const [queue, office] = await Promise.all([loadQueue(services.db, user.prefectureCode, filters, user.id), loadQueueOffice(services.db, user.prefectureCode)]);
    return reply.page(<QueuePage prefectureName={office.prefectureName} filters={filters} queue={queue} officers={office.officers} viewerId={user.id} today={parisDate(services.clock.now())} />);
  });
}
