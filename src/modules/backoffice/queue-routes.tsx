import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { prefectures } from '../../db/schema';
import { AppError } from '../../platform/errors';
import { currentSession, requireRole } from '../../platform/http/guards';
import { parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import { areaRoles } from './agent-roles';
import { prefectureOfficers } from './office-access';
import { loadQueue, queueFilters } from './queue';
import { QueuePage } from './views/queue-page';

/** `/bureau`: the agent's prefecture's queue, by risk, filtered by the query string. */
export async function queueRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/bureau', { preHandler: requireRole(areaRoles.office) }, async (req, reply) => {
    const user = currentSession(req).user;
    if (!user.prefectureCode) throw new AppError('not_found', { logMessage: `agent ${user.id} has no prefecture` });
    const filters = queueFilters.parse(req.query ?? {});
    const [queue, officers, prefecture] = await Promise.all([
      loadQueue(services.db, user.prefectureCode, filters, user.id),
      prefectureOfficers(services.db, user.prefectureCode),
      services.db.select({ name: prefectures.name }).from(prefectures).where(eq(prefectures.code, user.prefectureCode)),
    ]);
    return reply.page(<QueuePage prefectureName={prefecture[0]?.name ?? ''} filters={filters} queue={queue} officers={officers} viewerId={user.id} today={parisDate(services.clock.now())} />);
  });
}
