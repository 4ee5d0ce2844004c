import { eq } from 'drizzle-orm';
import { counterFilings } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { startApplication } from '../applications/start-application';
import { findProcedure } from '../procedures/catalogue';
import { counterFilingForAgent } from './policy';

/**
 * The procedure the person asks for at the desk: opens its draft through the same use case as
 * online (prefilled from the details just typed). One procedure per counter filing; choosing
 * again once the draft exists changes nothing. Two steps, each committed with its audit
 * event: if the second is lost, doing it again finds the same draft (one draft per procedure).
 */
export async function chooseCounterProcedure(services: Services, filingId: string, procedureId: string, meta: RequestMeta): Promise<string> {
  if (!findProcedure(procedureId)) throw new AppError('validation_failed', { fields: { procedureId: 'counter.errors.choose_procedure' } });
  const { filing } = await counterFilingForAgent(services.db, filingId, meta.actor);
  if (filing.applicationId) return filing.applicationId;
  const applicationId = await startApplication(services, filing.applicantId, procedureId, meta);
  return services.transact(async (tx) => {
    const { filing: locked } = await counterFilingForAgent(tx, filingId, meta.actor, { forUpdate: true });
    if (locked.applicationId) return locked.applicationId;
    await tx.update(counterFilings).set({ applicationId }).where(eq(counterFilings.id, locked.id));
    await appendAudit(tx, meta.actor, services.clock.now(), { action: 'counter.procedure_chosen', subjectType: 'counter_filing', subjectId: locked.id, data: { applicationId, procedureId } });
    return applicationId;
  });
}
