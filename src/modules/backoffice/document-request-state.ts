import { and, eq, gte, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applicationDocuments, applications, documentRequests } from '../../db/schema';
import { appendAudit, type Actor } from '../../platform/audit';
import { nextStatus } from '../applications/workflow';
import { refreshQueuePriority } from './refresh-queue-priority';

export type DocumentRequest = typeof documentRequests.$inferSelect;
type ApplicationRow = typeof applications.$inferSelect;

const isOpen = (applicationId: string) => and(eq(documentRequests.applicationId, applicationId), isNull(documentRequests.fulfilledAt), isNull(documentRequests.cancelledAt));

/** The request still waiting for its documents, if any (at most one: a unique partial index). */
export async function openDocumentRequest(db: Db, applicationId: string): Promise<DocumentRequest | null> {
  const [row] = await db.select().from(documentRequests).where(isOpen(applicationId));
  return row ?? null;
}

/** The kinds the open request asks for: the person may send them even when the procedure does not list them. */
export async function requestedKinds(db: Db, applicationId: string): Promise<string[]> {
  const request = await openDocumentRequest(db, applicationId);
  return request ? request.items.map((i) => i.kind) : [];
}

/** A decision or a withdrawal ends the wait: the request stays in the history, no longer open. */
export async function cancelOpenDocumentRequest(tx: Db, applicationId: string, now: Date): Promise<void> {
  await tx.update(documentRequests).set({ cancelledAt: now }).where(isOpen(applicationId));
}

/**
 * Called in the transaction of every document the person adds or replaces: once each requested
 * kind has a document sent after the request, the request is fulfilled and the file goes back
 * to the office (workflow event `documents_supplied`, incomplete → filed), audited and re-queued.
 * Returns whether that happened.
 */
export async function settleDocumentRequest(tx: Db, actor: Actor, now: Date, app: Pick<ApplicationRow, 'id' | 'status'>): Promise<boolean> {
  if (app.status !== 'incomplete') return false;
  const request = await openDocumentRequest(tx, app.id);
  if (!request) return false;
  const sent = await tx
    .select({ kind: applicationDocuments.kind })
    .from(applicationDocuments)
    .where(and(eq(applicationDocuments.applicationId, app.id), isNull(applicationDocuments.replacedAt), gte(applicationDocuments.addedAt, request.createdAt)));
  const kinds = new Set(sent.map((s) => s.kind));
  if (!request.items.every((i) => kinds.has(i.kind))) return false;
  const t = nextStatus(app.status, 'documents_supplied', { missingDocuments: 0, hasFeeAndPhoto: true });
  if (!t.ok) return false;
  await tx.update(documentRequests).set({ fulfilledAt: now }).where(eq(documentRequests.id, request.id));
  await tx.update(applications).set({ status: t.to, updatedAt: now }).where(eq(applications.id, app.id));
  await appendAudit(tx, actor, now, { action: 'application.documents_supplied', subjectType: 'application', subjectId: app.id, data: { requestId: request.id } });
  await refreshQueuePriority(tx, app.id);
  return true;
}
