import { applicationDocuments } from '../../db/schema';
import { insertRows } from '../../db/table-write';
import { AppError } from '../../platform/errors';
import type { Db } from '../../db/client';
import type { Actor } from '../../platform/audit';
import { changeDocumentLink, vaultDocumentChange, type DocumentChangeResult } from './change-document-link';
import { nothingUnsent, type ReceivingApplication, type UnsentChange } from './document-links';
import type { StoredDocument } from './policy';

/**
 * Gives a vault document as the answer to one requirement of an application. The same
 * document may serve every application of its owner: the passport is uploaded once.
 * Attaching the document already there changes nothing (a double click); attaching another
 * one where one is present is refused: that is a replacement, asked for as such.
 */
export const attachDocument = vaultDocumentChange(attachToLocked);

/** The attachment itself, on a locked application (`LockedDocumentChange`). */
export function attachToLocked(tx: Db, actor: Actor, now: Date, target: ReceivingApplication, document: StoredDocument, unsent: UnsentChange = nothingUnsent): Promise<DocumentChangeResult> {
  const { app, kind } = target;
  return changeDocumentLink(tx, actor, now, target, document, unsent, async (current) => {
    if (current) throw new AppError('conflict', { fields: { _form: 'documents.errors.already_provided' }, logMessage: 'a document is already attached for this kind' });
    const link = insertRows(tx, applicationDocuments, [{ applicationId: app.id, documentId: document.id, kind, addedAt: now }]);
    return { change: { change: 'added', kind, document }, link };
  });
}
