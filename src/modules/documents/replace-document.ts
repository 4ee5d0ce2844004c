import { eq } from 'drizzle-orm';
import { applicationDocuments } from '../../db/schema';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import type { DocumentChangeResult } from './attach-document';
import type { Db } from '../../db/client';
import type { Actor } from '../../platform/audit';
import { applicationReceivingDocument, assertMatchingKind, currentLink, nothingUnsent, recordDocumentChange, sendUnsent, type ReceivingApplication, type UnsentChange } from './document-links';
import { ownDocument, type StoredDocument } from './policy';

/**
 * Puts another vault document in place of the one answering a requirement. The old link is
 * dated (`replacedAt`), never deleted: the file's history shows what was sent and when.
 */
export async function replaceDocument(
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
    return replaceOnLocked(tx, meta.actor, services.clock.now(), target, document);
  });
}

/** The replacement itself, on an application `applicationReceivingDocument` locked in this transaction; `unsent` as for `attachToLocked`. */
export async function replaceOnLocked(tx: Db, actor: Actor, now: Date, target: ReceivingApplication, document: StoredDocument, unsent: UnsentChange = nothingUnsent): Promise<DocumentChangeResult> {
  const { app, kind: required } = target;
  assertMatchingKind(document, required);
  const current = await currentLink(tx, app.id, required);
  if (!current) throw new AppError('conflict', { fields: { _form: 'documents.errors.nothing_to_replace' }, logMessage: 'no document to replace for this kind' });
  if (current.documentId === document.id) {
    await sendUnsent(tx, actor, now, unsent);
    return { changed: false, amendment: false };
  }
  // The old link is dated first, on its own: sent with the new one, the two would be written on
  // one snapshot, in no set order.
  await tx.update(applicationDocuments).set({ replacedAt: now }).where(eq(applicationDocuments.id, current.id));
  const link = tx.insert(applicationDocuments).values({ applicationId: app.id, documentId: document.id, kind: required, addedAt: now });
  const amendment = await recordDocumentChange(tx, actor, now, app, { change: 'replaced', kind: required, document, replacedDocumentId: current.documentId }, { writes: [...unsent.writes, link], events: unsent.events });
  return { changed: true, amendment };
}
