import { eq } from 'drizzle-orm';
import { applications } from '../../db/schema';
import { appendAudit, type Actor } from '../../platform/audit';
import { transitionRefusal } from '../backoffice/refusals';
import type { Services } from '../../services';
import { missingDocuments } from '../applications/file-application';
import { nextStatus } from '../applications/workflow';
import { findProcedure } from '../procedures/catalogue';
import { enqueueIssueDue } from './jobs';
import { lockFileForAgent, officeRoles } from '../backoffice/office-access';
import { notify } from '../notifications/notify';
import { refreshQueuePriority } from '../backoffice/refresh-queue-priority';

/**
 * The office finds a file complete (workflow event `mark_complete`, filed → under review). The
 * completeness date is kept when filing already set it (every document present): it is the
 * date that started the decision clock and the APRI duty, and it must not move. Queues the
 * issuance job: a complete on-time renewal may be owed an APRI from today.
 */
export async function markComplete(services: Services, applicationId: string, agent: Actor): Promise<void> {
  await services.transact(async (tx) => {
    const app = await lockFileForAgent(tx, applicationId, agent, officeRoles.examine);
    if (app.status === 'under_review' && app.completedAt) return;
    let status = app.status;
    if (app.status === 'filed') {
      const missing = await missingDocuments(tx, app, findProcedure(app.procedureId)!);
      const t = nextStatus(app.status, 'mark_complete', { missingDocuments: missing.length, hasFeeAndPhoto: true });
      if (!t.ok) throw transitionRefusal(app.status, 'mark_complete', t.reason === 'guard_failed' ? t.guard : undefined);
      status = t.to;
    } else if (app.status !== 'under_review') {
      throw transitionRefusal(app.status, 'mark_complete');
    }
    const now = services.clock.now();
    const completedAt = app.completedAt ?? now;
    await tx.update(applications).set({ status, completedAt, version: app.version + 1, updatedAt: now }).where(eq(applications.id, app.id));
    await appendAudit(tx, agent, now, { action: 'application.marked_complete', subjectType: 'application', subjectId: app.id, data: { from: app.status, completedAt } });
    await refreshQueuePriority(tx, app.id);
    // Filing with every document already said "complete" (the filing confirmation); only the office's own finding is news.
    if (app.status === 'filed') {
      await notify(tx, services, { userId: app.applicantId, event: 'application_complete', params: { reference: app.reference ?? '' }, link: `/demarches/${app.id}`, applicationId: app.id });
    }
    await enqueueIssueDue(tx, now, app.id);
  });
}
