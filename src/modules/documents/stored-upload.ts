import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import { AppError } from '../../platform/errors';
import { enforceRateLimit, type RateRule } from '../../platform/rate-limiter';
import type { Services } from '../../services';
import { cleanFileName } from './file-name';
import { inspectUpload, type UploadRefusal } from './inspect-upload';

/** Enough for every document of several procedures in an hour; a bound on disk filling. */
export const uploadsPerAccount: RateRule = { name: 'upload:account', limit: 60, windowMs: 60 * 60_000 };

const counted = Symbol('upload counted');

/**
 * One upload of `uploaderId`, already counted against `uploadsPerAccount` and allowed, by a
 * statement of the caller that did the counting with something else (`countUploadAndReadApplication`):
 * `storeUpload` then does not count it again. Made only by `allowedUpload`, after the limit is enforced.
 */
export interface CountedUpload {
  readonly uploaderId: string;
  readonly [counted]: true;
}

/** Enforces `uploadsPerAccount` on a count made by the caller's statement (`RATE_LIMIT_UPSERT`'s row): throws `rate_limited` past it. */
export function allowedUpload(uploaderId: string, row: { hits: number; reset_at: string | Date }): CountedUpload {
  enforceRateLimit(uploadsPerAccount, `${uploadsPerAccount.name}:${uploaderId}`, row);
  return { uploaderId, [counted]: true };
}

/** The refusal of a file as the form shows it, next to the file field. */
export function uploadRefused(refusal: UploadRefusal): AppError {
  return new AppError(refusal === 'too_large' ? 'payload_too_large' : 'validation_failed', {
    fields: { file: `documents.errors.${refusal}` },
    logMessage: `upload refused: ${refusal}`,
  });
}

/** Random, so a key says nothing about its owner and cannot be guessed; sharded by its first byte. */
export function newStorageKey(area: 'documents' | 'support' = 'documents'): string {
  const id = randomBytes(16).toString('hex');
  return `${area}/${id.slice(0, 2)}/${id}`;
}

/** A file that passed the checks and whose bytes are in storage, described for its row. */
export interface CheckedFile {
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

/**
 * Judges a file from its bytes alone (`inspect-upload.ts`) and, if it passes, stores them: the
 * first half of every upload. Whoever calls it records the file in a transaction, or removes the
 * bytes when that fails.
 */
export async function checkAndStore(services: Services, input: { fileName: string; bytes: Buffer }, area: 'documents' | 'support' = 'documents'): Promise<CheckedFile> {
  const inspection = inspectUpload(input.bytes);
  if (!inspection.ok) throw uploadRefused(inspection.refusal);
  const file: CheckedFile = {
    originalName: cleanFileName(input.fileName, inspection.type),
    mimeType: inspection.mimeType,
    sizeBytes: input.bytes.length,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    storageKey: newStorageKey(area),
  };
  await services.storage.put(file.storageKey, input.bytes);
  return file;
}

/**
 * Every upload, whatever it is for (a supporting document, a message's attachment): counted
 * against the person's hourly allowance, judged from its bytes alone (`inspect-upload.ts`), then
 * stored, then recorded by `persist` in one transaction. If the transaction fails, or `persist`
 * says the bytes are not needed after all (a form sent twice), they are removed: a refused or
 * failed upload leaves nothing behind. `counted`: the caller already counted this upload (it is
 * not counted twice); without it, or for someone else, it is counted here.
 */
export async function storeUpload<T>(
  services: Services,
  uploaderId: string,
  input: { fileName: string; bytes: Buffer },
  persist: (tx: Db, file: CheckedFile) => Promise<{ value: T; keepBytes: boolean }>,
  counted?: CountedUpload,
): Promise<T> {
  if (counted?.uploaderId !== uploaderId) await services.rateLimiter.consume(uploadsPerAccount, uploaderId);
  const file = await checkAndStore(services, input);
  const removeBytes = () =>
    services.storage.delete(file.storageKey).catch((cleanupError: unknown) => services.logger.error({ err: cleanupError, storageKey: file.storageKey }, 'could not remove the bytes of a failed upload'));
  let outcome: { value: T; keepBytes: boolean };
  try {
    outcome = await services.transact((tx) => persist(tx, file));
  } catch (err) {
    await removeBytes();
    throw err;
  }
  if (!outcome.keepBytes) await removeBytes();
  return outcome.value;
}
