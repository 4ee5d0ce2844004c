import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
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
  await services.transact((tx) => assignFileIn(tx, applicationId, agent, officerId, services.clock.now()));
}

/**
 * The assignment itself, inside the caller's transaction: one file here, several files of one
 * reassignment in `dashboard/reassign-files.ts` (all or none). Returns whether the file changed
 * hands (a repeat changes nothing and writes no audit event).
 */
export async function assignFileIn(tx: Db, applicationId: string, agent: Actor, officerId: string | null, now: Date): Promise<boolean> {
  const app = await lockFileForAgent(tx, applicationId, agent, officeRoles.examine);
  if (isSealed(app.status)) throw transitionRefusal(app.status, 'decide');
  if (officerId !== null) {
    // A switched-off account holds no work: nobody would open the file.
    const [officer] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, officerId), eq(users.prefectureCode, app.prefectureCode!), inArray(users.role, [...officeRoles.examine]), isNull(users.deactivatedAt)));
    if (!officer) throw new AppError('validation_failed', { fields: { officer: 'backoffice.errors.officer_unknown' } });
  }
  if (app.assignedOfficerId === officerId) return false;
  await tx.update(applications).set({ assignedOfficerId: officerId, updatedAt: now }).where(eq(applications.id, app.id));
  await appendAudit(tx, agent, now, { action: 'application.assigned', subjectType: OFFICE_SUBJECT, subjectId: app.id, data: { officerId, previousOfficerId: app.assignedOfficerId } });
  return true;
}
