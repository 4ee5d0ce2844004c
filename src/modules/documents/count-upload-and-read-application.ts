import { RATE_LIMIT_UPSERT, rateLimitParameters } from '../../platform/rate-limiter';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import { applicationFromJson } from '../applications/application-from-json';
import { isApplicationId } from '../applications/policy';
import { receivingDocument, type ReceivingApplication } from './document-links';
import { allowedUpload, uploadsPerAccount, type CountedUpload } from './stored-upload';

/**
 * Counts the upload against the person's hourly allowance and reads their application, in one
 * named statement (parsed and planned once per connection) instead of two round trips. The
 * count is the same statement as `RateLimiter.consume`'s (`RATE_LIMIT_UPSERT`); the left join
 * keeps its row when there is no such application.
 */
const COUNT_AND_READ = `with hit as (${RATE_LIMIT_UPSERT})
  select hit.hits, hit.reset_at, to_jsonb(a) as app from hit left join applications a on a.id = $4 and a.applicant_id = $5`;

/**
 * Before a file for one requirement is read: the upload counted, then the application checked as
 * `applicationReceivingDocument` does (not found, sealed, a kind it does not ask for), then the
 * allowance enforced — before a byte of the file is read or stored. An upload refused here is
 * counted: attempts are what the allowance bounds. Returns the proof of the count, so that
 * `storeUpload` does not count it again.
 */
export async function countUploadAndReadApplication(
  services: Services,
  applicantId: string,
  applicationId: string,
  kind: string,
): Promise<{ target: ReceivingApplication; counted: CountedUpload }> {
  if (!isApplicationId(applicationId)) throw new AppError('not_found');
  const [key, resetAt, now] = rateLimitParameters(uploadsPerAccount, applicantId, services.clock.now());
  const { rows } = await services.database.raw.query<{ hits: number; reset_at: string | Date; app: Record<string, unknown> | null }>(
    COUNT_AND_READ,
    [key, resetAt, now, applicationId, applicantId],
    { name: 'upload_count_and_read_application' },
  );
  const row = rows[0]!;
  if (!row.app) throw new AppError('not_found');
  const target = await receivingDocument(services.db, applicationFromJson(row.app), kind);
  return { target, counted: allowedUpload(applicantId, row) };
}
