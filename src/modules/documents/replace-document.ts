import { eq } from 'drizzle-orm';
import { applicationDocuments } from '../../db/schema';
import { AppError } from '../../platform/errors';
import type { Db } from '../../db/client';
import type { Actor } from '../../platform/audit';
import { changeDocumentLink, vaultDocumentChange, type DocumentChangeResult } from './change-document-link';
import { nothingUnsent, type ReceivingApplication, type UnsentChange } from './document-links';
import type { StoredDocument } from './policy';

/**
 * Puts another vault document in place of the one answering a requirement. The old link is
 * dated (`replacedAt`), never deleted: the file's history shows what was sent and when.
 */
export const replaceDocument = vaultDocumentChange(replaceOnLocked);

/** The replacement itself, on a locked application (`LockedDocumentChange`). */
export function replaceOnLocked(tx: Db, actor: Actor, now: Date, target: ReceivingApplication, document: StoredDocument, unsent: UnsentChange = nothingUnsent): Promise<DocumentChangeResult> {
  const { app, kind } = target;
  return changeDocumentLink(tx, actor, now, target, document, unsent, async (current) => {
    if (!current) throw new AppError('conflict', { fields: { _form: 'documents.errors.nothing_to_replace' }, logMessage: 'no document to replace for this kind' });
    // The old link is dated first, on its own: sent with the new one, the two would be written on
    // one snapshot, in no set order.
    await tx.update(applicationDocuments).set({ replacedAt: now }).where(eq(applicationDocuments.id, current.id));
    const link = tx.insert(applicationDocuments).values({ applicationId: app.id, documentId: document.id, kind, addedAt: now });
    return { change: { change: 'replaced', kind, document, replacedDocumentId: current.documentId }, link };
  });
}
