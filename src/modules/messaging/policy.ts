import type { Db } from '../../db/client';
import type { MessageSide } from '../../db/schema';
import type { Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { ownApplication, type Application } from '../applications/policy';
import { areaRoles } from '../backoffice/agent-roles';
import { fileForActor } from '../backoffice/office-access';

/**
 * Who writes in a file's thread, and for which side. The applicant's side is the applicant
 * today; a helper acting under a mandate (issue: helpers) will be one more way in here, writing
 * on the applicant's side with their own `authorRole` — the thread, deadlines and read marks
 * need nothing else. The office's side is any case officer or head of office of the file's
 * prefecture (`areaRoles.messages`).
 */
export interface Participant {
  side: MessageSide;
  actor: Actor;
}

/**
 * The file, if this participant may read and write its thread: the applicant's own filed file,
 * or a file of the agent's prefecture. Anything else — a draft, another person's file, another
 * prefecture's, a malformed id — is "not found". With `lock`, the file row is locked for the
 * transaction: messages on one file are written one at a time.
 */
export async function fileForParticipant(db: Db, who: Participant, applicationId: string, options: { lock?: boolean } = {}): Promise<Application> {
  if (who.side === 'office') {
    return fileForActor(db, applicationId, who.actor, areaRoles.messages, { lock: options.lock === true });
  }
  if (!who.actor.id) throw new AppError('not_found');
  const app = await ownApplication(db, who.actor.id, applicationId, { forUpdate: options.lock === true });
  // A draft has no office yet: the thread opens with the filing.
  if (app.status === 'draft' || !app.prefectureCode) throw new AppError('not_found', { logMessage: `no thread on draft ${applicationId}` });
  return app;
}

export const otherSide = (side: MessageSide): MessageSide => (side === 'applicant' ? 'office' : 'applicant');
