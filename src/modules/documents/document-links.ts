import type { SQLWrapper } from 'drizzle-orm';
import { namedStatement } from '../../db/named-statement';
import { rowFromJson } from '../../db/row-from-json';
import type { Db } from '../../db/client';
import { amendments, applicationDocuments, applications } from '../../db/schema';
import { auditInsert, type Actor, type AuditInput } from '../../platform/audit';
import { insertRows, updateWhere } from '../../db/table-write';
import { writeTogether } from '../../db/write-together';
import { AppError } from '../../platform/errors';
import { ownApplication, type Application } from '../applications/policy';
import { isSealed } from '../applications/workflow';
import { findProcedure, requiredDocuments } from '../procedures/catalogue';
import type { DocumentKind } from '../procedures/types';
import { isDocumentKind } from './kinds';
import { requestedKinds, settleDocumentRequest } from '../backoffice/document-request-state';
import type { StoredDocument } from './policy';

/*
 * What attaching and replacing share: which application may still receive a document, which
 * document currently answers a requirement, and how a change is recorded.
 */

/**
 * The person's application, if it may still receive a document for `kind`: not sealed
 * (decided, closed, withdrawn), and `kind` one of the documents its procedure asks for with
 * the current answers. Inside a transaction, `forUpdate` locks it, so that two changes to
 * the same application happen one after the other.
 */
export interface ReceivingApplication {
  app: Application;
  kind: DocumentKind;
}

export async function applicationReceivingDocument(
  db: Db,
  applicantId: string,
  applicationId: string,
  kind: string,
  options: { forUpdate?: boolean } = {},
): Promise<ReceivingApplication> {
  return receivingDocument(db, await ownApplication(db, applicantId, applicationId, options), kind);
}

/** The checks of `applicationReceivingDocument` on the person's application, read by the caller. */
export async function receivingDocument(db: Db, app: Application, kind: string): Promise<ReceivingApplication> {
  if (isSealed(app.status)) {
    throw new AppError('conflict', { fields: { _form: 'documents.errors.sealed' }, logMessage: `application ${app.status}: documents sealed` });
  }
  const procedure = findProcedure(app.procedureId);
  // A kind the procedure lists, or one the office asked for in its open request.
  const asked = async () => requiredDocuments(procedure!, app.answers).includes(kind as DocumentKind) || (await requestedKinds(db, app.id)).includes(kind);
  if (!isDocumentKind(kind) || !procedure || !(await asked())) {
    throw new AppError('not_found', { logMessage: `document kind ${kind.slice(0, 40)} not asked by this application` });
  }
  return { app, kind };
}

/** The link that currently answers `kind` in this application (replaced ones are kept, dated). */
export async function currentLink(db: Db, applicationId: string, kind: DocumentKind): Promise<typeof applicationDocuments.$inferSelect | null> {
  // In the transaction of every upload, after the lock: a named statement, built once.
  const [link] = await namedStatement<{ link: Record<string, unknown> }>(
    db,
    'current_document_link',
    'select to_jsonb(l) as link from application_documents l where l.application_id = $1 and l.kind = $2 and l.replaced_at is null',
    [applicationId, kind],
  );
  return link ? linkFromJson(link.link) : null;
}

const linkFromJson = rowFromJson(applicationDocuments);

/** A vault document may answer only a requirement of its own kind. */
export function assertMatchingKind(document: StoredDocument, kind: DocumentKind): void {
  if (document.kind !== kind) throw new AppError('validation_failed', { fields: { documentId: 'documents.errors.kind_mismatch' } });
}

export interface DocumentChange {
  change: 'added' | 'replaced';
  kind: DocumentKind;
  document: StoredDocument;
  replacedDocumentId?: string;
}

/**
 * Writes of a change its caller has built but not sent (the upload's vault row, the new link)
 * and audit events of it not written yet (the upload's): sent with the rest of the change, in
 * one statement (`writeTogether`).
 */
export interface UnsentChange {
  writes: readonly SQLWrapper[];
  events: readonly AuditInput[];
}

export const nothingUnsent: UnsentChange = { writes: [], events: [] };

/** Sends what was built for a change that turned out to change nothing (the same document twice): the upload is still recorded. */
export async function sendUnsent(tx: Db, actor: Actor, now: Date, unsent: UnsentChange): Promise<void> {
  await writeTogether(tx, [...unsent.writes, ...(unsent.events.length > 0 ? [auditInsert(tx, actor, now, unsent.events)] : [])]);
}

/**
 * Records a change of document on an application: its version moves on, the audit log gets
 * the event and, once the application is filed, an amendment tells the office what changed
 * and when (the officer no longer works from what they saw before). All in one statement with
 * `unsent`, the writes and events of the change the caller has not sent yet (the new link, the
 * upload of the document): they touch different rows and need nothing from each other.
 * Returns whether an amendment was written.
 */
export async function recordDocumentChange(tx: Db, actor: Actor, now: Date, app: Application, c: DocumentChange, unsent: UnsentChange = nothingUnsent): Promise<boolean> {
  const afterFiling = app.status !== 'draft';
  const amendment = afterFiling
    ? [
        insertRows(tx, amendments, [
          {
            applicationId: app.id,
            at: now,
            kind: c.change === 'added' ? 'document_added' : 'document_replaced',
            data: {
              documentKind: c.kind,
              documentId: c.document.id,
              fileName: c.document.originalName,
              mimeType: c.document.mimeType,
              sizeBytes: c.document.sizeBytes,
              ...(c.replacedDocumentId ? { replacedDocumentId: c.replacedDocumentId } : {}),
            },
          },
        ]),
      ]
    : [];
  // File names stay out of the audit log: it is kept for ever and cannot be edited.
  const events = [
    ...unsent.events,
    {
      action: c.change === 'added' ? 'application.document_added' : 'application.document_replaced',
      subjectType: 'application',
      subjectId: app.id,
      data: { kind: c.kind, documentId: c.document.id, ...(c.replacedDocumentId ? { replacedDocumentId: c.replacedDocumentId } : {}), amendment: afterFiling },
    },
  ];
  await writeTogether(tx, [
    ...unsent.writes,
    updateWhere(tx, applications, { version: app.version + 1, updatedAt: now }, applications.id, app.id),
    ...amendment,
    auditInsert(tx, actor, now, events),
  ]);
  // The last document the office asked for sends the file back to it.
  await settleDocumentRequest(tx, actor, now, app);
  return afterFiling;
}
