import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, counterFilings } from '../../db/schema';
import type { Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { areaRoles } from '../backoffice/agent-roles';
import { loadOfficeAgent, type PrefectureAgent } from '../backoffice/office-access';

export type CounterFiling = typeof counterFilings.$inferSelect;
type Application = typeof applications.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A counter filing, for a desk agent (or head of office) of its own prefecture; anything else —
 * another prefecture's filing, a malformed id, another role — is "not found". With `forUpdate`
 * the filing row is locked for the rest of the transaction.
 */
export async function counterFilingForAgent(db: Db, filingId: string, actor: Actor, options: { forUpdate?: boolean } = {}): Promise<{ agent: PrefectureAgent; filing: CounterFiling }> {
  const agent = await loadOfficeAgent(db, actor, areaRoles.counter);
  if (!UUID.test(filingId)) throw new AppError('not_found');
  const query = db
    .select()
    .from(counterFilings)
    .where(and(eq(counterFilings.id, filingId), eq(counterFilings.prefectureCode, agent.prefectureCode)));
  const [filing] = options.forUpdate ? await query.for('update') : await query;
  if (!filing) throw new AppError('not_found', { logMessage: `counter filing ${filingId} out of reach for ${agent.id}` });
  return { agent, filing };
}

/** The same, with its application, which must exist (the procedure was chosen). */
export async function counterApplicationForAgent(db: Db, filingId: string, actor: Actor): Promise<{ agent: PrefectureAgent; filing: CounterFiling; app: Application }> {
  const { agent, filing } = await counterFilingForAgent(db, filingId, actor);
  if (!filing.applicationId) throw new AppError('not_found', { logMessage: 'no procedure chosen yet' });
  const [app] = await db.select().from(applications).where(and(eq(applications.id, filing.applicationId), eq(applications.applicantId, filing.applicantId)));
  // Claimed by the person since: the file is theirs now and leaves the counter's hands.
  if (!app) throw new AppError('not_found', { logMessage: 'counter application claimed or missing' });
  return { agent, filing, app };
}
