import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError } from '../../platform/errors';
import { parseForm } from '../../platform/http/forms';
import { currentSession, requireUser } from '../../platform/http/guards';
import type { Services } from '../../services';
import { requestMeta } from '../accounts/request-meta';
import { attachDocument } from './attach-document';
import type { DocumentChangeResult } from './change-document-link';
import { countUploadAndReadApplication } from './count-upload-and-read-application';
import { isDocumentKind } from './kinds';
import { loadPieces, vaultDocuments, vaultUsage } from './load-pieces';
import { readFieldsBeforeFile, readPendingUpload, registerMultipart } from './multipart-upload';
import { ownDocument } from './policy';
import { replaceDocument } from './replace-document';
import { sendStoredFile } from './send-stored-file';
import { uploadDocument, uploadRefused } from './upload-document';
import { uploadForRequirement } from './upload-for-requirement';
import { PiecesPage } from './views/pieces-page';
import type { Refusal } from './views/refusal';
import { VaultPage } from './views/vault-page';

type PieceParams = { Params: { id: string; kind: string } };

const modeField = z.enum(['add', 'replace']).catch('add');
const vaultChoiceForm = z.object({ mode: modeField, documentId: z.string().min(1, { error: 'documents.errors.choose_document' }).max(64) });

/**
 * A use case's refusal as the page shows it: the field it concerns and the message. Anything
 * that is not a refusal (a storage outage…) goes on to the error handler.
 */
function refusalOf(err: unknown): { status: number; refusal: Refusal } {
  if (!isAppError(err)) throw err;
  if (err.code === 'not_found' || err.code === 'unauthenticated') throw err;
  if (err.code === 'rate_limited') return { status: err.status, refusal: { field: '_form', key: 'documents.errors.too_many_uploads' } };
  const [field, key] = Object.entries(err.options.fields ?? {})[0] ?? ['_form', `errors.${err.code}.message`];
  return { status: err.status, refusal: { field: field as Refusal['field'], key } };
}

const changeFlash = (r: DocumentChangeResult, mode: 'add' | 'replace') =>
  r.amendment ? 'documents.flash.sent_to_office' : mode === 'replace' ? 'documents.flash.replaced' : 'documents.flash.added';

/** Supporting documents: upload, checks, the personal vault, attaching to an application. */
export async function documentRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await registerMultipart(app);
  // The session is checked before the body is read: nobody uploads without one.
  const uploadRoute = { onRequest: requireUser, preValidation: readFieldsBeforeFile };

  async function showPieces(req: FastifyRequest<PieceParams>, reply: FastifyReply, err: unknown) {
    const { status, refusal } = refusalOf(err);
    const view = await loadPieces(services.db, currentSession(req).user.id, req.params.id);
    return reply.page(<PiecesPage view={view} problem={{ ...refusal, kind: req.params.kind }} />, status);
  }

  app.get<{ Params: { id: string } }>('/demarches/:id/pieces', { preHandler: requireUser }, async (req, reply) =>
    reply.page(<PiecesPage view={await loadPieces(services.db, currentSession(req).user.id, req.params.id)} />),
  );

  // Upload a file for one requirement: into the vault, then attached (or in place of the current one).
  app.post<PieceParams>('/demarches/:id/pieces/:kind', uploadRoute, async (req, reply) => {
    const userId = currentSession(req).user.id;
    const meta = requestMeta(req);
    const mode = modeField.parse((req.body as Record<string, unknown> | undefined)?.mode);
    let result: DocumentChangeResult;
    try {
      // An application that cannot take the document, or an allowance used up, refuses before
      // the file is read or stored; counted and checked in one round trip.
      const { counted } = await countUploadAndReadApplication(services, userId, req.params.id, req.params.kind);
      const file = await readPendingUpload(req);
      if (!file || (file.fileName === '' && file.bytes.length === 0)) throw uploadRefused('no_file');
      result = await uploadForRequirement(services, userId, req.params.id, mode, { kind: req.params.kind, fileName: file.fileName, bytes: file.bytes }, meta, counted);
    } catch (err) {
      return showPieces(req, reply, err);
    }
    return reply.seeOther(`/demarches/${req.params.id}/pieces#piece-${req.params.kind}`, changeFlash(result, mode));
  });

  // Use a document already in the vault: nothing is uploaded again.
  app.post<PieceParams>('/demarches/:id/pieces/:kind/coffre', { preHandler: requireUser }, async (req, reply) => {
    // Judged before the form: a refused form is shown against its requirement, and a kind that
    // is none has no requirement to show it against (the page named it by its bare key).
    if (!isDocumentKind(req.params.kind)) throw new AppError('not_found');
    const userId = currentSession(req).user.id;
    const form = parseForm(vaultChoiceForm, req.body);
    if (!form.ok) return showPieces(req, reply, new AppError('validation_failed', { fields: { documentId: 'documents.errors.choose_document' } }));
    let result: DocumentChangeResult;
    try {
      const change = form.data.mode === 'replace' ? replaceDocument : attachDocument;
      result = await change(services, userId, req.params.id, req.params.kind, form.data.documentId, requestMeta(req));
    } catch (err) {
      return showPieces(req, reply, err);
    }
    return reply.seeOther(`/demarches/${req.params.id}/pieces#piece-${req.params.kind}`, changeFlash(result, form.data.mode));
  });

  // A form refused without JavaScript leaves its action in the address bar; opening that
  // address again leads back to the page rather than to "not found".
  async function backToPieces(req: FastifyRequest<PieceParams>, reply: FastifyReply) {
    // Only well-formed values go into the Location header.
    if (!/^[0-9a-f-]{36}$/.test(req.params.id) || !isDocumentKind(req.params.kind)) throw new AppError('not_found');
    return reply.seeOther(`/demarches/${req.params.id}/pieces#piece-${req.params.kind}`);
  }
  app.get<PieceParams>('/demarches/:id/pieces/:kind', backToPieces);
  app.get<PieceParams>('/demarches/:id/pieces/:kind/coffre', backToPieces);

  app.get('/compte/documents', { preHandler: requireUser }, async (req, reply) => {
    const userId = currentSession(req).user.id;
    return reply.page(<VaultPage documents={await vaultDocuments(services.db, userId)} usage={await vaultUsage(services.db, userId)} />);
  });

  app.post('/compte/documents', uploadRoute, async (req, reply) => {
    const userId = currentSession(req).user.id;
    const body = (req.body ?? {}) as Record<string, string>;
    try {
      const file = await readPendingUpload(req);
      if (!file || (file.fileName === '' && file.bytes.length === 0)) throw uploadRefused('no_file');
      await uploadDocument(services, userId, { kind: body.kind ?? '', fileName: file.fileName, bytes: file.bytes }, requestMeta(req));
    } catch (err) {
      const { status, refusal } = refusalOf(err);
      const values: Record<string, string> = typeof body.kind === 'string' ? { kind: body.kind.slice(0, 64) } : {};
      return reply.page(
        <VaultPage documents={await vaultDocuments(services.db, userId)} usage={await vaultUsage(services.db, userId)} values={values} problem={refusal} />,
        status,
      );
    }
    return reply.seeOther('/compte/documents', 'documents.flash.uploaded');
  });

  // The file itself, to its owner only, always as a download and never interpreted by the browser.
  app.get<{ Params: { id: string } }>('/documents/:id', { preHandler: requireUser }, async (req, reply) => {
    const doc = await ownDocument(services.db, currentSession(req).user.id, req.params.id);
    return sendStoredFile(reply, services.storage, doc);
  });
}
