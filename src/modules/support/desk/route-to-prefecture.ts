import { eq } from 'drizzle-orm';
import { prefectures, supportTickets } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Services } from '../../../services';
import type { RequestMeta } from '../../accounts/request-meta';
import { isOpenStatus } from '../ticket-workflow';
import { ticketForSupport } from './support-access';

/**
 * Sends a request to a prefecture by hand: one that turned out to be about a file, or routed
 * wrongly (the person moved). The previous prefecture stops seeing it at once.
 */
export async function routeToPrefecture(services: Services, reference: string, input: { prefectureCode: string; reason: string }, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const now = services.clock.now();
    const ticket = await ticketForSupport(tx, meta.actor, reference, { forUpdate: true });
    if (!isOpenStatus(ticket.status)) throw new AppError('conflict', { fields: { _form: 'support.errors.ticket_closed' } });
    const [p] = await tx.select({ code: prefectures.code }).from(prefectures).where(eq(prefectures.code, input.prefectureCode));
    if (!p) throw new AppError('validation_failed', { fields: { prefectureCode: 'support.errors.prefecture_unknown' } });
    if (p.code === ticket.prefectureCode) return;
    await tx.update(supportTickets).set({ prefectureCode: p.code, routedAt: now, routedBy: 'agent', updatedAt: now }).where(eq(supportTickets.id, ticket.id));
    await appendAudit(tx, meta.actor, now, {
      action: 'support.ticket_routed',
      subjectType: 'support_ticket',
      subjectId: ticket.id,
      data: { reference: ticket.reference, from: ticket.prefectureCode, prefectureCode: p.code, routedBy: 'agent', reason: input.reason },
    });
  });
}
