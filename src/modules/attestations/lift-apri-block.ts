import { and, eq, isNull } from 'drizzle-orm';
import { apriBlocks } from '../../db/schema';
import { appendAudit, type Actor } from '../../platform/audit';
import type { Services } from '../../services';
import { enqueueIssueDue } from './jobs';
import { lockFileForAgent, officeRoles } from '../backoffice/office-access';
import { notify } from '../notifications/notify';
import { refreshQueuePriority } from '../backoffice/refresh-queue-priority';

/**
 * Lifts the active APRI block of a file: the person is told, and the issuance job is queued at
 * once so that an APRI already due is issued today (never backdated to the blocked days).
 * Lifting when nothing is blocked changes nothing.
 */
export async function liftApriBlock(services: Services, applicationId: string, agent: Actor): Promise<void> {
  await services.transact(async (tx) => {
    const app = await lockFileForAgent(tx, applicationId, agent, officeRoles.examine);
    const now = services.clock.now();
    const lifted = await tx
      .update(apriBlocks)
      .set({ liftedAt: now })
      .where(and(eq(apriBlocks.applicationId, app.id), isNull(apriBlocks.liftedAt)))
      .returning({ id: apriBlocks.id });
    if (lifted.length === 0) return;
    await appendAudit(tx, agent, now, { action: 'application.apri_block_lifted', subjectType: 'application', subjectId: app.id, data: { blockIds: lifted.map((b) => b.id) } });
      await refreshQueuePriority(tx, app.id);
    await notify(tx, services, { userId: app.applicantId, event: 'apri_block_lifted', params: { reference: app.reference ?? '' }, link: `/demarches/${app.id}`, applicationId: app.id });
    await enqueueIssueDue(tx, now, app.id);
  });
}
