import { and, eq, inArray, isNull } from 'drizzle-orm';
import { amendments } from '../../db/schema';
import { appendAudit, type Actor } from '../../platform/audit';
import type { Services } from '../../services';
import { areaRoles } from './agent-roles';
import { OFFICE_SUBJECT } from './office-audit';
import { lockFileForAgent } from './office-access';

/**
 * The officer has read the changes made since filing: they stop being flagged as new. Only the
 * ones that existed when the page was shown (`upTo`), so a change arriving meanwhile stays new.
 * Returns how many were marked.
 */
export async function markAmendmentsSeen(services: Services, applicationId: string, agent: Actor, upTo: Date): Promise<number> {
  return services.transact(async (tx) => {
    const app = await lockFileForAgent(tx, applicationId, agent, areaRoles.office);
    const now = services.clock.now();
    const rows = await tx.select({ id: amendments.id, at: amendments.at }).from(amendments).where(and(eq(amendments.applicationId, app.id), isNull(amendments.seenByOfficeAt)));
    const seen = rows.filter((r) => r.at.getTime() <= upTo.getTime()).map((r) => r.id);
    if (seen.length === 0) return 0;
    await tx.update(amendments).set({ seenByOfficeAt: now }).where(inArray(amendments.id, seen));
    await appendAudit(tx, agent, now, { action: 'application.amendments_seen', subjectType: OFFICE_SUBJECT, subjectId: app.id, data: { amendmentIds: seen } });
    return seen.length;
  });
}
