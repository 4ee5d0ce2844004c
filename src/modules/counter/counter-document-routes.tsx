import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../platform/errors';
import { requireRole } from '../../platform/http/guards';
import type { Services } from '../../services';
import { requestMeta } from '../accounts/request-meta';
import { areaRoles } from '../backoffice/agent-roles';
import { attachDocument } from '../documents/attach-document';
import { applicationReceivingDocument } from '../documents/document-links';
import { loadPieces } from '../documents/load-pieces';
import { readFieldsBeforeFile, readPendingUpload, registerMultipart } from '../documents/multipart-upload';
import { replaceDocument } from '../documents/replace-document';
import { uploadDocument, uploadRefused } from '../documents/upload-document';
import { personName } from './counter-queries';
import { counterApplicationForAgent } from './policy';
import { CounterPiecesPage } from './views/counter-pieces-page';

type PieceParams = { Params: { id: string; kind: string } };

/**
 * Documents scanned at the desk: uploaded into the person's own vault and attached to their
 * application through the documents module's use cases — the same detection of what a file
 * really is, size limit, refusals and storage as online.
 */
export async function counterDocumentRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await registerMultipart(app);
  // The agent's session and role are checked before a byte of the file is read.
  const upload = { onRequest: requireRole(areaRoles.counter), preValidation: readFieldsBeforeFile };

  async function page(req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, problem?: { kind: string; key: string }, status = 200) {
    const { filing, app: file } = await counterApplicationForAgent(services.db, req.params.id, requestMeta(req).actor);
    const view = await loadPieces(services.db, filing.applicantId, file.id);
    return reply.page(<CounterPiecesPage filingId={filing.id} personName={await personName(services.db, filing.applicantId)} pieces={view.pieces} problem={problem} />, status);
  }

  app.get<{ Params: { id: string } }>('/bureau/guichet/:id/pieces', { preHandler: requireRole(areaRoles.counter) }, async (req, reply) => page(req, reply));

  app.post<PieceParams>('/bureau/guichet/:id/pieces/:kind', upload, async (req, reply) => {
    const meta = requestMeta(req);
    const { filing, app: file } = await counterApplicationForAgent(services.db, req.params.id, meta.actor);
    const mode = (req.body as Record<string, unknown> | undefined)?.mode === 'replace' ? 'replace' : 'add';
    try {
      await applicationReceivingDocument(services.db, filing.applicantId, file.id, req.params.kind);
      const scanned = await readPendingUpload(req);
      if (!scanned || (scanned.fileName === '' && scanned.bytes.length === 0)) throw uploadRefused('no_file');
      const doc = await uploadDocument(services, filing.applicantId, { kind: req.params.kind, fileName: scanned.fileName, bytes: scanned.bytes }, meta);
      await (mode === 'replace' ? replaceDocument : attachDocument)(services, filing.applicantId, file.id, req.params.kind, doc.id, meta);
    } catch (err) {
      if (!isAppError(err) || err.code === 'not_found' || err.code === 'unauthenticated') throw err;
      const [field, key] = Object.entries(err.options.fields ?? {})[0] ?? ['_form', `errors.${err.code}.message`];
      return page(req, reply, { kind: field === '_form' ? '_form' : req.params.kind, key }, err.status);
    }
    return reply.seeOther(`/bureau/guichet/${filing.id}/pieces#piece-${req.params.kind}`, 'counter.flash.document_added');
  });
}
