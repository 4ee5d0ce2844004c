import { and, asc, eq, isNull } from 'drizzle-orm';
import { applicationDocuments, documents } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Services } from '../../../services';
import type { RequestMeta } from '../../accounts/request-meta';
import type { StoredDocument } from '../../documents/policy';
import { fileForSupportDocuments } from './file-documents-policy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface FileDocument {
  kind: string;
  document: StoredDocument;
}

/** The current documents of the file a request is about, for a support agent the policy allows; the listing is audited. */
export async function listFileDocumentsForSupport(services: Services, reference: string, meta: RequestMeta): Promise<{ reference: string; documents: FileDocument[] }> {
  const { ticket, applicationId } = await fileForSupportDocuments(services.db, meta.actor, reference);
  const rows = await services.db
    .select({ kind: applicationDocuments.kind, document: documents })
    .from(applicationDocuments)
    .innerJoin(documents, eq(documents.id, applicationDocuments.documentId))
    .where(and(eq(applicationDocuments.applicationId, applicationId), isNull(applicationDocuments.replacedAt)))
    .orderBy(asc(applicationDocuments.kind));
  await services.transact(async (tx) => {
    await appendAudit(tx, meta.actor, services.clock.now(), {
      action: 'support.file_documents_listed',
      subjectType: 'application',
      subjectId: applicationId,
      data: { ticket: ticket.reference, count: rows.length },
    });
  });
  return { reference: ticket.reference, documents: rows };
}

/** One document of that file, to download; the view is audited before a byte is sent. */
export async function openFileDocumentForSupport(services: Services, reference: string, documentId: string, meta: RequestMeta): Promise<StoredDocument> {
  const { ticket, applicationId } = await fileForSupportDocuments(services.db, meta.actor, reference);
  if (!UUID.test(documentId)) throw new AppError('not_found');
  const [row] = await services.db
    .select({ document: documents })
    .from(applicationDocuments)
    .innerJoin(documents, eq(documents.id, applicationDocuments.documentId))
    .where(and(eq(applicationDocuments.applicationId, applicationId), eq(applicationDocuments.documentId, documentId)));
  if (!row) throw new AppError('not_found');
  await services.transact(async (tx) => {
    await appendAudit(tx, meta.actor, services.clock.now(), {
      action: 'support.file_document_viewed',
      subjectType: 'document',
      subjectId: row.document.id,
      data: { ticket: ticket.reference, applicationId, kind: row.document.kind },
    });
  });
  return row.document;
}
