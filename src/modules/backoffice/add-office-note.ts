import { officeNotes } from '../../db/schema';
import { appendAudit, type Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import { areaRoles } from './agent-roles';
import { cleanAgentText, OFFICE_SUBJECT } from './office-audit';
import { lockFileForAgent } from './office-access';

export const NOTE_MAX = 4000;

/**
 * An internal note on a file, by any agent of its prefecture (the desk too: what the person said
 * at the counter matters). Never shown to the applicant, nor in their export. The audit row
 * records that a note was written and by whom; the text lives in `office_notes` only.
 */
export async function addOfficeNote(services: Services, applicationId: string, agent: Actor, body: string): Promise<string> {
  const text = cleanAgentText(body);
  if (text.length === 0 || text.length > NOTE_MAX) throw new AppError('validation_failed', { fields: { note: 'backoffice.errors.note_length' } });
  return services.transact(async (tx) => {
    const app = await lockFileForAgent(tx, applicationId, agent, areaRoles.office);
    const now = services.clock.now();
    const [note] = await tx.insert(officeNotes).values({ applicationId: app.id, authorId: agent.id!, body: text, createdAt: now }).returning({ id: officeNotes.id });
    await appendAudit(tx, agent, now, { action: 'application.note_added', subjectType: OFFICE_SUBJECT, subjectId: app.id, data: { noteId: note!.id } });
    return note!.id;
  });
}
