import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications } from '../../db/schema';
import { AppError } from '../../platform/errors';

export type Application = typeof applications.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A well-formed application id: anything else is "not found" without asking the database. */
export const isApplicationId = (id: string): boolean => UUID.test(id);

/**
 * An applicant reaches only their own applications. Anything else — another person's id, a
 * malformed id, a deleted one — answers "not found", revealing nothing.
 * With `forUpdate`, the row is locked for the rest of the transaction.
 */
export async function ownApplication(db: Db, applicantId: string, applicationId: string, options: { forUpdate?: boolean } = {}): Promise<Application> {
  if (!isApplicationId(applicationId)) throw new AppError('not_found');
  const query = db
    .select()
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.applicantId, applicantId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found');
  return row;
}
