import { applicationDocuments } from '../../db/schema';
import { insertRows } from '../../db/table-write';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import type { Db } from '../../db/client';
import type { Actor } from '../../platform/audit';
import { applicationReceivingDocument, assertMatchingKind, currentLink, nothingUnsent, recordDocumentChange, sendUnsent, type ReceivingApplication, type UnsentChange } from './document-links';
import { ownDocument, type StoredDocument } from './policy';

export interface DocumentChangeResult {
  /** False when the request changed nothing (the same document sent twice). */
  changed: boolean;
  /** True when the office is told (the application was already filed). */
  amendment: boolean;
}

/**
 * Gives a vault document as the answer to one requirement of an application. The same
 * document may serve every application of its owner: the passport is uploaded once.
 * Attaching the document already there changes nothing (a double click); attaching another
 * one where one is present is refused: that is a replacement, asked for as such.
 */
export async function attachDocument(
  services: Services,
  applicantId: string,
  applicationId: string,
  kind: string,
  documentId: string,
  meta: RequestMeta,
): Promise<DocumentChangeResult> {
  return services.transact(async (tx) => {
    const target = await applicationReceivingDocument(tx, applicantId, applicationId, kind, { forUpdate: true });
    const document = await ownDocument(tx, applicantId, documentId);
    return attachToLocked(tx, meta.actor, services.clock.now(), target, document);
  });
}

/**
 * The attachment itself, on an application `applicationReceivingDocument` locked in this
 * transaction. `unsent`: writes and audit events of the same change the caller has not sent yet
 * (the upload of `document`), sent with this one in one statement, or alone if nothing changes.
 */
export async function attachToLocked(tx: Db, actor: Actor, now: Date, target: ReceivingApplication, document: StoredDocument, unsent: UnsentChange = nothingUnsent): Promise<DocumentChangeResult> {
  const { app, kind: required } = target;
  assertMatchingKind(document, required);
  const current = await currentLink(tx, app.id, required);
  if (current?.documentId === document.id) {
    await sendUnsent(tx, actor, now, unsent);
    return { changed: false, amendment: false };
  }
  if (current) throw new AppError('conflict', { fields: { _form: 'documents.errors.already_provided' }, logMessage: 'a document is already attached for this kind' });
  const link = insertRows(tx, applicationDocuments, [{ applicationId: app.id, documentId: document.id, kind: required, addedAt: now }]);
  const amendment = await recordDocumentChange(tx, actor, now, app, { change: 'added', kind: required, document }, { writes: [...unsent.writes, link], events: unsent.events });
  return { changed: true, amendment };
}
