import type { SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { applicationDocuments } from '../../db/schema';
import type { Actor } from '../../platform/audit';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { applicationReceivingDocument, assertMatchingKind, currentLink, recordDocumentChange, sendUnsent, type DocumentChange, type ReceivingApplication, type UnsentChange } from './document-links';
import { ownDocument, type StoredDocument } from './policy';

/*
 * The course attaching and replacing a document both follow; each gives only what is its own:
 * which link it may find there, and what it writes.
 */

export interface DocumentChangeResult {
  /** False when the request changed nothing (the same document sent twice). */
  changed: boolean;
  /** True when the office is told (the application was already filed). */
  amendment: boolean;
}

/**
 * A change of document on an application `applicationReceivingDocument` locked in this
 * transaction (`attachToLocked`, `replaceOnLocked`). `unsent`: writes and audit events of the
 * same change the caller has not sent yet (the upload of `document`), sent with this one in one
 * statement, or alone if nothing changes.
 */
export type LockedDocumentChange = (tx: Db, actor: Actor, now: Date, target: ReceivingApplication, document: StoredDocument, unsent?: UnsentChange) => Promise<DocumentChangeResult>;

/**
 * `changeOnLocked` for a document already in the person's vault, as a use case of its own: one
 * transaction that locks the application first (changes to one application go one by one),
 * then reads the person's document.
 */
export function vaultDocumentChange(changeOnLocked: LockedDocumentChange) {
  return (services: Services, applicantId: string, applicationId: string, kind: string, documentId: string, meta: RequestMeta): Promise<DocumentChangeResult> =>
    services.transact(async (tx) => {
      const target = await applicationReceivingDocument(tx, applicantId, applicationId, kind, { forUpdate: true });
      const document = await ownDocument(tx, applicantId, documentId);
      return changeOnLocked(tx, meta.actor, services.clock.now(), target, document);
    });
}

/**
 * What a change does of its own, from the link that answers the requirement now (null when
 * none): it throws if that link forbids the change, else gives the change to record and the new
 * link's insert, built but not sent.
 */
export type NewLink = (current: typeof applicationDocuments.$inferSelect | null) => Promise<{ change: DocumentChange; link: SQLWrapper }>;

/**
 * The course of a change on a locked application: the document must be of the kind asked; the
 * one already there changes nothing (a double click), though `unsent` is still sent; any other
 * goes through `newLink`, and its link is sent with `unsent` and the record of the change, in one
 * statement (`recordDocumentChange`).
 */
export async function changeDocumentLink(tx: Db, actor: Actor, now: Date, target: ReceivingApplication, document: StoredDocument, unsent: UnsentChange, newLink: NewLink): Promise<DocumentChangeResult> {
  const { app, kind } = target;
  assertMatchingKind(document, kind);
  const current = await currentLink(tx, app.id, kind);
  if (current?.documentId === document.id) {
    await sendUnsent(tx, actor, now, unsent);
    return { changed: false, amendment: false };
  }
  const { change, link } = await newLink(current);
  const amendment = await recordDocumentChange(tx, actor, now, app, change, { writes: [...unsent.writes, link], events: unsent.events });
  return { changed: true, amendment };
}
