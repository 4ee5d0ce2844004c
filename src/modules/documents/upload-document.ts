import { createHash, randomBytes } from 'node:crypto';
import { documents } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { RateRule } from '../../platform/rate-limiter';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { cleanFileName } from './file-name';
import { inspectUpload, type UploadRefusal } from './inspect-upload';
import { isDocumentKind } from './kinds';
import type { StoredDocument } from './policy';

/** Enough for every document of several procedures in an hour; a bound on disk filling. */
export const uploadsPerAccount: RateRule = { name: 'upload:account', limit: 60, windowMs: 60 * 60_000 };

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

export interface UploadInput {
  kind: string;
  /** The name the browser gave; kept (cleaned) only so the person recognises the file. */
  fileName: string;
  bytes: Buffer;
}

/**
 * Puts a file into the person's vault, after checking what it really is. The bytes are
 * stored first, then the row and its audit event are committed together; if the commit
 * fails the bytes are removed, so a refused or failed upload leaves nothing behind.
 */
export async function uploadDocument(services: Services, ownerId: string, input: UploadInput, meta: RequestMeta): Promise<StoredDocument> {
  if (!isDocumentKind(input.kind)) throw new AppError('validation_failed', { fields: { kind: 'documents.errors.kind_unknown' } });
  const kind = input.kind;
  await services.rateLimiter.consume(uploadsPerAccount, ownerId);
  const inspection = inspectUpload(input.bytes);
  if (!inspection.ok) throw uploadRefused(inspection.refusal);

  const storageKey = newStorageKey();
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  await services.storage.put(storageKey, input.bytes);
  try {
    return await services.transact(async (tx) => {
      const now = services.clock.now();
      const [row] = await tx
        .insert(documents)
        .values({
          ownerId,
          kind,
          originalName: cleanFileName(input.fileName, inspection.type),
          mimeType: inspection.mimeType,
          sizeBytes: input.bytes.length,
          sha256,
          storageKey,
          createdAt: now,
        })
        .returning();
      await appendAudit(tx, meta.actor, now, {
        action: 'document.uploaded',
        subjectType: 'document',
        subjectId: row!.id,
        data: { kind, mimeType: inspection.mimeType, sizeBytes: input.bytes.length, sha256 },
      });
      return row!;
    });
  } catch (err) {
    await services.storage.delete(storageKey).catch((cleanupError: unknown) => services.logger.error({ err: cleanupError, storageKey }, 'could not remove the bytes of a failed upload'));
    throw err;
  }
}
