import { eq } from 'drizzle-orm';
import { sessions } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import type { CurrentSession } from '../../platform/sessions';
import type { Services } from '../../services';
import type { RequestMeta } from './request-meta';

/** Ends the current session (and only it). */
export async function logOut(services: Services, session: CurrentSession, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, session.id));
    await appendAudit(tx, meta.actor, services.clock.now(), { action: 'session.closed', subjectType: 'user', subjectId: session.user.id });
  });
}
