import { and, eq, gte, inArray, isNull } from 'drizzle-orm';
import { applications, attestations } from '../../db/schema';
import { appendAudit, type Actor } from '../../platform/audit';
import { refusal, transitionRefusal } from '../backoffice/refusals';
import { parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import { nextStatus } from '../applications/workflow';
import { lockFileForAgent, officeRoles } from '../backoffice/office-access';
import { refreshQueuePriority } from '../backoffice/refresh-queue-priority';

/**
 * The card is handed over (*remise du titre*, workflow event `close`): the file closes and the
 * ADF ends — the card is the proof from today.
 *
 * The running ADF (and one issued ahead, if any) is marked superseded, with no successor
 * attestation, rather than having its `validTo` moved: the end date is signed into its 2D-Doc
 * (`6O`), and the database must never say something else than the signed document. The online
 * check reads `supersededAt` and says "replaced by the card handed over on …"; the effective
 * end for continuity is the day before (see `effectiveEnd` in `issuance-rules.ts`).
 */
export async function recordCardDelivered(services: Services, applicationId: string, agent: Actor): Promise<void> {
  await services.transact(async (tx) => {
    const app = await lockFileForAgent(tx, applicationId, agent, officeRoles.handOver);
    if (app.status === 'closed') return;
    if (app.decision !== 'favourable') throw refusal('no_card_to_hand_over', `no card to hand over for a ${app.decision ?? 'pending'} decision`);
    const t = nextStatus(app.status, 'close', { missingDocuments: 0, hasFeeAndPhoto: true });
    if (!t.ok) throw transitionRefusal(app.status, 'close');
    const now = services.clock.now();
    await tx.update(applications).set({ status: t.to, closedAt: now, version: app.version + 1, updatedAt: now }).where(eq(applications.id, app.id));
    const ended = await tx
      .update(attestations)
      .set({ supersededAt: now })
      .where(
        and(
          eq(attestations.applicationId, app.id),
          inArray(attestations.kind, ['apri', 'adf']),
          isNull(attestations.supersededAt),
          gte(attestations.validTo, parisDate(now)),
        ),
      )
      .returning({ id: attestations.id });
    await appendAudit(tx, agent, now, { action: 'application.card_delivered', subjectType: 'application', subjectId: app.id, data: { endedAttestations: ended.map((a) => a.id) } });
    await refreshQueuePriority(tx, app.id);
  });
}
