import { eq } from 'drizzle-orm';
import { incidents, incidentUpdates, type IncidentStatus } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Services } from '../../../services';
import type { RequestMeta } from '../../accounts/request-meta';
import { assertIncidentManager } from './incident-access';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A public update of an incident: where it stands and what people should know. `resolved`
 * closes it; a closed incident stays as it was (a new problem is a new incident).
 */
export async function updateIncident(services: Services, incidentId: string, input: { status: IncidentStatus; message: string }, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    await assertIncidentManager(tx, meta.actor);
    if (!UUID.test(incidentId)) throw new AppError('not_found');
    const [incident] = await tx.select().from(incidents).where(eq(incidents.id, incidentId)).for('update');
    if (!incident) throw new AppError('not_found');
    if (incident.resolvedAt) throw new AppError('conflict', { fields: { _form: 'support.incidents.errors.already_resolved' } });
    const now = services.clock.now();
    await tx
      .update(incidents)
      .set({ status: input.status, resolvedAt: input.status === 'resolved' ? now : null })
      .where(eq(incidents.id, incident.id));
    await tx.insert(incidentUpdates).values({ incidentId: incident.id, status: input.status, message: input.message, agentId: meta.actor.id!, at: now });
    await appendAudit(tx, meta.actor, now, {
      action: input.status === 'resolved' ? 'incident.resolved' : 'incident.updated',
      subjectType: 'incident',
      subjectId: incident.id,
      data: { from: incident.status, to: input.status, message: input.message },
    });
  });
}
