import type { Services } from '../../services';
import { AppError } from '../../platform/errors';
import { applicationFromJson } from './application-from-json';
import { isApplicationId, type Application } from './policy';

/**
 * The person's application and the kinds of the documents attached to it now, in one named
 * statement (parsed and planned once per connection): what `/deposer` checks before its
 * transaction (`draftProblems`), which used to be two round trips. Not for a transaction: it
 * runs on the pool. The transaction locks the row and reads the documents again (the checks
 * before it only refuse early, before a row is locked).
 */
const OWN_APPLICATION_WITH_DOCUMENTS = `select to_jsonb(a) as app,
    coalesce((select jsonb_agg(d.kind) from application_documents d where d.application_id = a.id and d.replaced_at is null), '[]'::jsonb) as kinds
  from applications a where a.id = $1 and a.applicant_id = $2`;

export async function ownApplicationWithDocuments(services: Services, applicantId: string, applicationId: string): Promise<{ app: Application; presentKinds: string[] }> {
  if (!isApplicationId(applicationId)) throw new AppError('not_found');
  const { rows } = await services.database.raw.query<{ app: Record<string, unknown>; kinds: string[] }>(OWN_APPLICATION_WITH_DOCUMENTS, [applicationId, applicantId], {
    name: 'own_application_with_documents',
  });
  const [row] = rows;
  if (!row) throw new AppError('not_found');
  return { app: applicationFromJson(row.app), presentKinds: row.kinds };
}
