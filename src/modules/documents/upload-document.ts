import { randomUUID } from 'node:crypto';
import type { SQLWrapper } from 'drizzle-orm';
import { documents } from '../../db/schema';
import { insertRows } from '../../db/table-write';
import { writeTogether } from '../../db/write-together';
import type { Db } from '../../db/client';
import { auditInsert, type Actor, type AuditInput } from '../../platform/audit';
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

/** The vault's row for a checked, stored file, with its audit event, in the caller's transaction (one statement). */
export async function recordUploadedDocument(tx: Db, actor: Actor, now: Date, ownerId: string, kind: DocumentKind, file: CheckedFile): Promise<StoredDocument> {
  const { document, insert } = unsentUploadedDocument(tx, now, ownerId, kind, file);
  await writeTogether(tx, [insert, auditInsert(tx, actor, now, [uploadedEvent(document)])]);
  return document;
}

/**
 * The vault's row for a checked, stored file, and its INSERT, built but not sent: the caller sends
 * it with the rest of its change and the upload's audit event (`uploadedEvent`), in the same
 * transaction. The id is drawn here, not by the database, so that the row is known before it is
 * written — every other column is given too.
 */
export function unsentUploadedDocument(tx: Db, now: Date, ownerId: string, kind: DocumentKind, file: CheckedFile): { document: StoredDocument; insert: SQLWrapper } {
  const document: StoredDocument = { id: randomUUID(), ownerId, kind, ...file, createdAt: now };
  return { document, insert: insertRows(tx, documents, [document]) };
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
