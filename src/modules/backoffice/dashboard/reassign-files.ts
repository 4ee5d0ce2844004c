import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../db/schema';
import type { Actor } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Services } from '../../../services';
import { areaRoles } from '../agent-roles';
import { assignFileIn } from '../assign-file';
import { loadOfficeAgent, officeRoles } from '../office-access';

/** One reassignment moves at most this many files (the dashboard's list shows 50). */
export const MAX_REASSIGNED_FILES = 100;

export interface ReassignInput {
  applicationIds: string[];
  officerId: string;
}

/**
 * The head of office gives several files of their prefecture to one officer, all or none, in one
 * transaction: each file goes through `assignFileIn` (the same checks and the same audit event
 * as a single assignment, one per file that changes hands). A file of another prefecture, a
 * draft or a malformed id is "not found" and nothing moves; a decided file is refused the same
 * way as on its case view. Files are locked in id order, so two reassignments crossing the same
 * files wait for each other instead of deadlocking; a repeat (double submit) changes nothing.
 * Returns how many files changed hands.
 */
export async function reassignFiles(services: Services, agent: Actor, input: ReassignInput): Promise<number> {
  const ids = [...new Set(input.applicationIds)].sort();
  if (ids.length === 0) throw new AppError('validation_failed', { fields: { files: 'backoffice.dashboard.errors.no_file' } });
  if (ids.length > MAX_REASSIGNED_FILES) throw new AppError('validation_failed', { fields: { files: 'backoffice.dashboard.errors.too_many_files' } });
  if (!z.uuid().safeParse(input.officerId).success) throw new AppError('validation_failed', { fields: { officer: 'backoffice.dashboard.errors.officer_unknown' } });
  return services.transact(async (tx) => {
    const head = await loadOfficeAgent(tx, agent, areaRoles.headOfOffice);
    // Said once, before any file: the person chose the wrong colleague, not the wrong files.
    const [officer] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.officerId), eq(users.prefectureCode, head.prefectureCode), inArray(users.role, [...officeRoles.examine]), isNull(users.deactivatedAt)));
    if (!officer) throw new AppError('validation_failed', { fields: { officer: 'backoffice.dashboard.errors.officer_unknown' } });
    const now = services.clock.now();
    let moved = 0;
    for (const id of ids) if (await assignFileIn(tx, id, agent, officer.id, now)) moved++;
    return moved;
  });
}
