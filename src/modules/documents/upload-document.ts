import { documents } from '../../db/schema';
import type { Db } from '../../db/client';
import { appendAudit, type Actor, type AuditInput } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { isDocumentKind } from './kinds';
import type { StoredDocument } from './policy';
import { storeUpload, type CheckedFile } from './stored-upload';
import type { DocumentKind } from '../procedures/types';

export { newStorageKey, uploadRefused, uploadsPerAccount } from './stored-upload';

export interface UploadInput {
  kind: string;
  /** The name the browser gave; kept (cleaned) only so the person recognises the file. */
  fileName: string;
  bytes: Buffer;
}

/**
 * Puts a file into the person's vault, after checking what it really is (`storeUpload`: the
 * bytes are stored first, then the row and its audit event are committed together; if the
 * commit fails the bytes are removed).
 */
export async function uploadDocument(services: Services, ownerId: string, input: UploadInput, meta: RequestMeta): Promise<StoredDocument> {
  if (!isDocumentKind(input.kind)) throw new AppError('validation_failed', { fields: { kind: 'documents.errors.kind_unknown' } });
  const kind = input.kind;
  return storeUpload(services, ownerId, input, async (tx, file) => ({ value: await recordUploadedDocument(tx, meta.actor, services.clock.now(), ownerId, kind, file), keepBytes: true }));
}

/** The vault's row for a checked, stored file, with its audit event, in the caller's transaction. */
export async function recordUploadedDocument(tx: Db, actor: Actor, now: Date, ownerId: string, kind: DocumentKind, file: CheckedFile): Promise<StoredDocument> {
  const row = await insertUploadedDocument(tx, now, ownerId, kind, file);
  await appendAudit(tx, actor, now, uploadedEvent(row));
  return row;
}

/** The vault's row alone: its audit event (`uploadedEvent`) is the caller's to write, in the same transaction. */
export async function insertUploadedDocument(tx: Db, now: Date, ownerId: string, kind: DocumentKind, file: CheckedFile): Promise<StoredDocument> {
  const [row] = await tx
    .insert(documents)
    .values({ ownerId, kind, ...file, createdAt: now })
    .returning();
  return row!;
}

/** The audit event of an upload. */
export function uploadedEvent(document: StoredDocument): AuditInput {
  return {
    action: 'document.uploaded',
    subjectType: 'document',
    subjectId: document.id,
    data: { kind: document.kind, mimeType: document.mimeType, sizeBytes: document.sizeBytes, sha256: document.sha256 },
  };
}
