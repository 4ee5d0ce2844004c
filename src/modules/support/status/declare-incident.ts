import { incidents, incidentUpdates } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import type { Services } from '../../../services';
import type { RequestMeta } from '../../accounts/request-meta';
import type { IncidentComponent } from './components';
import { assertIncidentManager } from './incident-access';

export interface IncidentInput {
  title: string;
  component: IncidentComponent;
  impact: 'minor' | 'major';
  message: string;
}

/** Declares an incident: it shows at once on `/statut`, with its first public update. */
export async function declareIncident(services: Services, input: IncidentInput, meta: RequestMeta): Promise<string> {
  return services.transact(async (tx) => {
    await assertIncidentManager(tx, meta.actor);
    const now = services.clock.now();
    const [row] = await tx
      .insert(incidents)
      .values({ title: input.title, component: input.component, impact: input.impact, status: 'investigating', startedAt: now, createdBy: meta.actor.id! })
      .returning({ id: incidents.id });
    await tx.insert(incidentUpdates).values({ incidentId: row!.id, status: 'investigating', message: input.message, agentId: meta.actor.id!, at: now });
    await appendAudit(tx, meta.actor, now, { action: 'incident.declared', subjectType: 'incident', subjectId: row!.id, data: { ...input } });
    return row!.id;
  });
}
