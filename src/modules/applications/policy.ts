import type { Db } from '../../db/client';
import type { applications } from '../../db/schema';
import { namedStatement } from '../../db/named-statement';
import { applicationFromJson } from './application-from-json';
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
  // Read on every page of a file and locked by every change to it: named statements, built once.
  const [row] = options.forUpdate
    ? await namedStatement<{ app: Record<string, unknown> }>(db, 'own_application_for_update', `${OWN_APPLICATION} for update`, [applicationId, applicantId])
    : await namedStatement<{ app: Record<string, unknown> }>(db, 'own_application', OWN_APPLICATION, [applicationId, applicantId]);
  if (!row) throw new AppError('not_found');
  return applicationFromJson(row.app);
}

const OWN_APPLICATION = 'select to_jsonb(a) as app from applications a where a.id = $1 and a.applicant_id = $2';
