import { eq } from 'drizzle-orm';
import { applications } from '../../db/schema';
import { appendAudit, type Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import { nextStatus } from '../applications/workflow';
import { enqueueIssueDue } from './jobs';
import { lockFileForAgent, officeRoles } from '../backoffice/office-access';
import { notify } from '../notifications/notify';

/**
 * Records the prefecture's decision on a file under review (workflow event `decide`). A
 * favourable one makes the ADF owed at once: the issuance job is queued in the same
 * transaction, and the ADF supersedes the running APRI. Repeating the same decision (a double
 * submit) changes nothing; a different one on a decided file is refused.
 */
export async function recordDecision(services: Services, applicationId: string, favourable: boolean, agent: Actor): Promise<void> {
  await services.transact(async (tx) => {
    const app = await lockFileForAgent(tx, applicationId, agent, officeRoles.examine);
    const decision = favourable ? 'favourable' : 'unfavourable';
    if (app.decision) {
      if (app.decision === decision) return;
      throw new AppError('conflict', { logMessage: `application ${app.id} already decided ${app.decision}` });
    }
    const t = nextStatus(app.status, 'decide', { missingDocuments: 0, hasFeeAndPhoto: true });
    if (!t.ok) throw new AppError('conflict', { logMessage: `cannot decide from ${app.status}` });
    const now = services.clock.now();
    await tx.update(applications).set({ status: t.to, decision, decidedAt: now, version: app.version + 1, updatedAt: now }).where(eq(applications.id, app.id));
    await appendAudit(tx, agent, now, { action: 'application.decided', subjectType: 'application', subjectId: app.id, data: { decision } });
    await notify(tx, services, { userId: app.applicantId, event: 'decision', params: { reference: app.reference ?? '', decision }, link: `/demarches/${app.id}`, applicationId: app.id });
    await enqueueIssueDue(tx, now, app.id);
  });
}
