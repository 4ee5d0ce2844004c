import { and, eq, inArray } from 'drizzle-orm';
import { applications, users } from '../../db/schema';
import { appendAudit, type Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import { isSealed } from '../applications/workflow';
import { OFFICE_SUBJECT } from './office-audit';
import { lockFileForAgent, officeRoles } from './office-access';
import { transitionRefusal } from './refusals';

/**
 * Gives a file to a case officer of its prefecture (oneself, or a colleague), or to nobody
 * (`officerId` null). Internal to the office: audited under `application_office`, never shown
 * to the applicant. Giving it to whoever already has it changes nothing.
 */
export async function assignFile(services: Services, applicationId: string, agent: Actor, officerId: string | null): Promise<void> {
  await services.transact(async (tx) => {
    const app = await lockFileForAgent(tx, applicationId, agent, officeRoles.examine);
    if (isSealed(app.status)) throw transitionRefusal(app.status, 'decide');
    if (officerId !== null) {
      const [officer] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, officerId), eq(users.prefectureCode, app.prefectureCode!), inArray(users.role, [...officeRoles.examine])));
      if (!officer) throw new AppError('validation_failed', { fields: { officer: 'backoffice.errors.officer_unknown' } });
    }
    if (app.assignedOfficerId === officerId) return;
    const now = services.clock.now();
    await tx.update(applications).set({ assignedOfficerId: officerId, updatedAt: now }).where(eq(applications.id, app.id));
    await appendAudit(tx, agent, now, { action: 'application.assigned', subjectType: OFFICE_SUBJECT, subjectId: app.id, data: { officerId, previousOfficerId: app.assignedOfficerId } });
  });
}
