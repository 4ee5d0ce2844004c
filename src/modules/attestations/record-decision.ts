import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications } from '../../db/schema';
import { appendAudit, type Actor } from '../../platform/audit';
import { refusal, transitionRefusal } from '../backoffice/refusals';
import type { Services } from '../../services';
import { nextStatus } from '../applications/workflow';
import { enqueueIssueDue } from './jobs';
import { lockFileForAgent, officeRoles } from '../backoffice/office-access';
import { notify } from '../notifications/notify';
import { refreshQueuePriority } from '../backoffice/refresh-queue-priority';

type ApplicationRow = typeof applications.$inferSelect;

/**
 * Records the prefecture's decision on a file under review (workflow event `decide`). A
 * favourable one makes the ADF owed at once: the issuance job is queued in the same
 * transaction, and the ADF supersedes the running APRI. Repeating the same decision (a double
 * submit) changes nothing; a different one on a decided file is refused.
 */
export async function recordDecision(services: Services, applicationId: string, favourable: boolean, agent: Actor): Promise<void> {
  await services.transact(async (tx) => {
    const app = await lockFileForAgent(tx, applicationId, agent, officeRoles.examine);
    await applyDecision(tx, services, app, favourable, agent);
  });
}

/**
 * The decision itself, inside the caller's transaction, on a row the caller locked
 * (`lockFileForAgent`): the back office's `decideApplication` adds the reasons and the letter
 * in the same transaction. Returns false when the same decision was already recorded.
 */
export async function applyDecision(tx: Db, services: Services, app: ApplicationRow, favourable: boolean, agent: Actor, auditData: Record<string, unknown> = {}): Promise<boolean> {
  const decision = favourable ? 'favourable' : 'unfavourable';
  if (app.decision) {
    if (app.decision === decision) return false;
    throw refusal('already_decided_otherwise', `application ${app.id} already decided ${app.decision}`);
  }
  const t = nextStatus(app.status, 'decide', { missingDocuments: 0, hasFeeAndPhoto: true });
  if (!t.ok) throw transitionRefusal(app.status, 'decide');
  const now = services.clock.now();
  await tx.update(applications).set({ status: t.to, decision, decidedAt: now, version: app.version + 1, updatedAt: now }).where(eq(applications.id, app.id));
  await appendAudit(tx, agent, now, { action: 'application.decided', subjectType: 'application', subjectId: app.id, data: { ...auditData, decision } });
  await refreshQueuePriority(tx, app.id);
  await notify(tx, services, { userId: app.applicantId, event: 'decision', params: { reference: app.reference ?? '', decision }, link: `/demarches/${app.id}`, applicationId: app.id });
  await enqueueIssueDue(tx, now, app.id);
  return true;
}
