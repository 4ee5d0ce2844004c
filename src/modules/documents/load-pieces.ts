import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applicationDocuments, documents } from '../../db/schema';
import { ownApplication, type Application } from '../applications/policy';
import { isSealed } from '../applications/workflow';
import { findProcedure, requiredDocuments } from '../procedures/catalogue';
import type { DocumentKind } from '../procedures/types';
import type { StoredDocument } from './policy';
import { openDocumentRequest, type DocumentRequest } from '../backoffice/document-request-state';

export interface Piece {
  kind: DocumentKind;
  /** The document answering this requirement now, or null when it is missing. */
  current: StoredDocument | null;
  /** Earlier documents for it, replaced but kept. */
  replacedCount: number;
  /** Documents of the same kind in the vault that could be used instead of uploading. */
  vaultChoices: StoredDocument[];
}

export interface PiecesView {
  app: Application;
  sealed: boolean;
  filed: boolean;
  pieces: Piece[];
  /** What the office asks for now, with its reasons and deadline; null when nothing is asked. */
  request: DocumentRequest | null;
}

/** What the documents page of one application shows: each required document and its state. */
export async function loadPieces(db: Db, applicantId: string, applicationId: string): Promise<PiecesView> {
  const app = await ownApplication(db, applicantId, applicationId);
  const procedure = findProcedure(app.procedureId);
  const request = await openDocumentRequest(db, app.id);
  const required = procedure ? requiredDocuments(procedure, app.answers) : [];
  // The office may ask for a document the procedure does not list: it gets its own place.
  const kinds = [...required, ...(request?.items.map((i) => i.kind as DocumentKind).filter((k) => !required.includes(k)) ?? [])];
  const links = await db
    .select({ kind: applicationDocuments.kind, replacedAt: applicationDocuments.replacedAt, document: documents })
    .from(applicationDocuments)
    .innerJoin(documents, eq(documents.id, applicationDocuments.documentId))
    .where(eq(applicationDocuments.applicationId, app.id));
  const vault = await vaultDocuments(db, applicantId);
  const pieces = kinds.map((kind): Piece => {
    const current = links.find((l) => l.kind === kind && !l.replacedAt)?.document ?? null;
    return {
      kind,
      current,
      replacedCount: links.filter((l) => l.kind === kind && l.replacedAt).length,
      vaultChoices: vault.filter((d) => d.kind === kind && d.id !== current?.id),
    };
  });
  return { app, sealed: isSealed(app.status), filed: app.status !== 'draft', pieces, request };
}

/** Every document of a person's vault, newest first. */
export function vaultDocuments(db: Db, ownerId: string): Promise<StoredDocument[]> {
  return db.select().from(documents).where(eq(documents.ownerId, ownerId)).orderBy(desc(documents.createdAt));
}

/** In how many applications each vault document currently serves: the vault page shows the reuse. */
export async function vaultUsage(db: Db, ownerId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ documentId: applicationDocuments.documentId })
    .from(applicationDocuments)
    .innerJoin(documents, eq(documents.id, applicationDocuments.documentId))
    .where(and(eq(documents.ownerId, ownerId), isNull(applicationDocuments.replacedAt)));
  const usage = new Map<string, number>();
  for (const r of rows) usage.set(r.documentId, (usage.get(r.documentId) ?? 0) + 1);
  return usage;
}
