import { eq } from 'drizzle-orm';
import { applications } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { ownApplication } from './policy';
import { nextStatus } from './workflow';
import { refreshQueuePriority } from '../backoffice/refresh-queue-priority';
import { cancelOpenDocumentRequest } from '../backoffice/document-request-state';

/**
 * Withdraws a filed application before its decision. Withdrawing twice is not an error: the
 * second request finds it withdrawn and changes nothing.
 */
export async function withdrawApplication(services: Services, applicantId: string, applicationId: string, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const app = await ownApplication(tx, applicantId, applicationId, { forUpdate: true });
    if (app.status === 'withdrawn') return;
    const t = nextStatus(app.status, 'withdraw', { missingDocuments: 0, hasFeeAndPhoto: true });
    if (!t.ok) throw new AppError('conflict', { logMessage: `cannot withdraw from ${app.status}` });
    const now = services.clock.now();
    await tx.update(applications).set({ status: t.to, withdrawnAt: now, version: app.version + 1, updatedAt: now }).where(eq(applications.id, app.id));
    await appendAudit(tx, meta.actor, now, { action: 'application.withdrawn', subjectType: 'application', subjectId: app.id, data: { from: app.status } });
    await cancelOpenDocumentRequest(tx, app.id, now);
    await refreshQueuePriority(tx, app.id);
  });
}
