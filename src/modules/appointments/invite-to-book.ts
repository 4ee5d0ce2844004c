import { eq } from 'drizzle-orm';
import { cardHandovers } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { lockFileForAgent, officeRoles } from '../backoffice/office-access';
import { notifyHandover } from './notify-handover';

/**
 * The office invites the person of a favourably decided file to book their card hand-over.
 * Inviting again before they booked sends the mail again (a reminder); after they booked, or
 * once the card is handed over, there is nothing to invite to.
 */
export async function inviteToBook(services: Services, applicationId: string, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const app = await lockFileForAgent(tx, applicationId, meta.actor, officeRoles.handOver);
    if (app.status !== 'decided' || app.decision !== 'favourable') {
      throw new AppError('conflict', { fields: { _form: 'appointments.errors.not_granted' }, logMessage: `no card to hand over in status ${app.status}` });
    }
    const [current] = await tx.select().from(cardHandovers).where(eq(cardHandovers.applicationId, app.id));
    if (current?.slotId) throw new AppError('conflict', { fields: { _form: 'appointments.errors.already_booked' } });
    const now = services.clock.now();
    if (current) await tx.update(cardHandovers).set({ invitedAt: now, invitedBy: meta.actor.id! }).where(eq(cardHandovers.applicationId, app.id));
    else await tx.insert(cardHandovers).values({ applicationId: app.id, invitedAt: now, invitedBy: meta.actor.id! });
    await appendAudit(tx, meta.actor, now, { action: 'application.handover_invited', subjectType: 'application', subjectId: app.id, data: { reminder: Boolean(current) } });
    await notifyHandover(tx, services, app, 'invite');
  });
}
