import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { applicationDocuments, decisions, documents } from '../../db/schema';
import { AppError } from '../../platform/errors';
import { ObjectNotFoundError } from '../../platform/storage/storage';
import { currentSession, requireRole, requireUser } from '../../platform/http/guards';
import type { Services } from '../../services';
import { ownApplication } from '../applications/policy';
import { attachmentDisposition } from '../documents/file-name';
import { areaRoles } from './agent-roles';
import { renderDecisionLetter } from './letter/render-decision-letter';
import { findFileForAgent } from './office-access';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A stored document as the office reads it, inside the case view: shown by the browser
 * (`inline`), never interpreted as anything else than its checked type (`nosniff`), and
 * sandboxed — a PDF's scripts and forms cannot run, it cannot reach the session — while it may
 * be framed by Sésame's own page (`frame-ancestors 'self'`, which the page's own policy needs).
 */
function sendDocument(reply: FastifyReply, doc: typeof documents.$inferSelect, stream: unknown) {
  return reply
    .header('content-type', doc.mimeType)
    .header('content-length', doc.sizeBytes)
    .header('content-disposition', attachmentDisposition(doc.originalName).replace(/^attachment/, 'inline'))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'")
    .header('x-frame-options', 'SAMEORIGIN')
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', 'private, no-store')
    .send(stream);
}

const sendLetter = (reply: FastifyReply, reference: string, pdf: Uint8Array) =>
  reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="decision-${reference.replace(/[^A-Z0-9-]/gi, '')}.pdf"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(pdf));

/** Documents of a file for its office, and the decision letter for the office and for the person. */
export async function documentViewRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Params: { id: string; documentId: string } }>('/bureau/dossiers/:id/pieces/:documentId', { preHandler: requireRole(areaRoles.office) }, async (req, reply) => {
    const file = await findFileForAgent(services.db, req.params.id, currentSession(req).user);
    if (!UUID.test(req.params.documentId)) throw new AppError('not_found');
    // Only a document this file refers to (current or replaced): not any document of the vault.
    const [row] = await services.db
      .select({ doc: documents })
      .from(applicationDocuments)
      .innerJoin(documents, eq(documents.id, applicationDocuments.documentId))
      .where(and(eq(applicationDocuments.applicationId, file.id), eq(applicationDocuments.documentId, req.params.documentId)))
      .limit(1);
    if (!row) throw new AppError('not_found');
    try {
      return sendDocument(reply, row.doc, await services.storage.get(row.doc.storageKey));
    } catch (err) {
      // The row says a document exists but its bytes are gone: an operator must know; the officer sees "not found".
      if (!(err instanceof ObjectNotFoundError)) throw err;
      req.log.error({ documentId: row.doc.id }, 'document bytes missing from storage');
      throw new AppError('not_found', { logMessage: 'document bytes missing' });
    }
  });

  const letterOf = async (applicationId: string) => {
    const [decision] = await services.db.select().from(decisions).where(eq(decisions.applicationId, applicationId));
    if (!decision) throw new AppError('not_found');
    return decision;
  };

  app.get<{ Params: { id: string } }>('/bureau/dossiers/:id/decision.pdf', { preHandler: requireRole(areaRoles.office) }, async (req, reply) => {
    const file = await findFileForAgent(services.db, req.params.id, currentSession(req).user);
    const decision = await letterOf(file.id);
    return sendLetter(reply, decision.letter.reference, await renderDecisionLetter(decision, services.i18n));
  });

  app.get<{ Params: { id: string } }>('/demarches/:id/decision.pdf', { preHandler: requireUser }, async (req, reply) => {
    const own = await ownApplication(services.db, currentSession(req).user.id, req.params.id);
    const decision = await letterOf(own.id);
    return sendLetter(reply, decision.letter.reference, await renderDecisionLetter(decision, services.i18n));
  });
}
