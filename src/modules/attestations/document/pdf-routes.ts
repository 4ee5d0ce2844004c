import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors';
import { currentSession, requireUser } from '../../../platform/http/guards';
import type { Services } from '../../../services';
import { loadAttestationDocument } from './load-attestation-document';

/** The holder downloads their attestation as a PDF; anyone else gets "not found". */
export async function attestationPdfRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Params: { publicId: string } }>('/attestations/:publicId.pdf', { preHandler: requireUser }, async (req, reply) => {
    const session = currentSession(req);
    const { publicId } = req.params;
    if (!/^[A-Za-z0-9-]{1,64}$/.test(publicId)) throw new AppError('not_found');
    const doc = await loadAttestationDocument(services.db, services.config.publicUrl, publicId, session.user.id);
    if (!doc) throw new AppError('not_found');
    const pdf = await services.pdfRenderer.render(doc);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="attestation-${publicId}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(pdf));
  });
}
