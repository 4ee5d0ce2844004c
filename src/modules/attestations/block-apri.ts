import { and, eq, isNull } from 'drizzle-orm';
import { apriBlocks, users } from '../../db/schema';
import { appendAudit, type Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import { findProcedure } from '../procedures/catalogue';
import { BLOCK_EXPLANATION_MAX, BLOCK_EXPLANATION_MIN, isApriBlockGround } from './apri-block-grounds';
import { lockFileForAgent, officeRoles } from '../backoffice/office-access';
import { notify } from '../notifications/notify';
import { refusal, transitionRefusal } from '../backoffice/refusals';
import { refreshQueuePriority } from '../backoffice/refresh-queue-priority';

/**
 * Withholds the APRI of an undecided renewal, for a ground of the fixed list and with an
 * explanation the person will read (e-mail now, file page later). Issuing the APRI is a duty:
 * this is the only way to stop it, and it leaves a trace — audited with the agent's name.
 * APRIs already issued stay valid. Submitting the same block twice changes nothing.
 */
export async function blockApri(services: Services, applicationId: string, agent: Actor, ground: string, explanation: string): Promise<void> {
  // Control characters would not survive an e-mail or a page (line breaks are kept); runs of
  // spaces are collapsed.
  const text = explanation
    .replace(/\r\n?/g, '\n')
    .replace(/\p{Cc}/gu, (c) => (c === '\n' ? c : c === '\t' ? ' ' : ''))
    .replace(/ {2,}/g, ' ')
    .trim();
  const fields: Record<string, string> = {};
  if (!isApriBlockGround(ground)) fields.ground = 'attestations.block_ground_required';
  if (text.length < BLOCK_EXPLANATION_MIN || text.length > BLOCK_EXPLANATION_MAX) fields.explanation = 'attestations.block_explanation_length';
  if (Object.keys(fields).length > 0) throw new AppError('validation_failed', { fields });

  await services.transact(async (tx) => {
    const app = await lockFileForAgent(tx, applicationId, agent, officeRoles.examine);
    if (findProcedure(app.procedureId)?.kind !== 'renewal' || !['filed', 'incomplete', 'under_review'].includes(app.status)) {
      throw findProcedure(app.procedureId)?.kind !== 'renewal' ? refusal('not_renewal') : transitionRefusal(app.status, 'decide');
    }
    const [active] = await tx
      .select()
      .from(apriBlocks)
      .where(and(eq(apriBlocks.applicationId, app.id), isNull(apriBlocks.liftedAt)));
    if (active) {
      if (active.ground === ground && active.explanation === text) return;
      throw new AppError('conflict', { fields: { ground: 'attestations.block_already_active' }, logMessage: 'an APRI block is already active' });
    }
    const now = services.clock.now();
    const [block] = await tx.insert(apriBlocks).values({ applicationId: app.id, agentId: agent.id!, ground, explanation: text, createdAt: now }).returning({ id: apriBlocks.id });
    await appendAudit(tx, agent, now, { action: 'application.apri_blocked', subjectType: 'application', subjectId: app.id, data: { blockId: block!.id, ground, explanation: text } });
      await refreshQueuePriority(tx, app.id);
    const [holder] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, app.applicantId));
    const locale = holder!.locale === 'en' ? 'en' : 'fr';
    await notify(tx, services, {
      userId: app.applicantId,
      event: 'apri_blocked',
      params: { reference: app.reference ?? '', ground: services.i18n.translator(locale)(`attestations.block_grounds.${ground}`), explanation: text },
      link: `/demarches/${app.id}`,
      applicationId: app.id,
    });
  });
}
