import type { FastifyInstance, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { AppError, isAppError } from '../../platform/errors';
import { requireRole } from '../../platform/http/guards';
import type { Services } from '../../services';
import { appendAudit } from '../../platform/audit';
import { requestMeta } from '../accounts/request-meta';
import { loadAttestationDocument } from '../attestations/document/load-attestation-document';
import { areaRoles } from '../backoffice/agent-roles';
import { reissueClaimCode } from './file-at-counter';
import { loadReceipt } from './load-receipt';
import { counterApplicationForAgent } from './policy';
import { receiptPdf } from './receipt-pdf';
import { ReceiptPage } from './views/receipt-page';

type IdParams = { Params: { id: string } };

/** After filing at the desk: the receipt page, the paper receipt, a new claim code, the signed attestations. */
export async function receiptRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const desk = { preHandler: requireRole(areaRoles.counter) };

  async function filed(req: FastifyRequest<{ Params: { id: string } }>) {
    const found = await counterApplicationForAgent(services.db, req.params.id, requestMeta(req).actor);
    if (found.app.status === 'draft') throw new AppError('not_found', { logMessage: 'not filed yet' });
    const [person] = await services.db.select({ locale: users.locale }).from(users).where(eq(users.id, found.filing.applicantId));
    return { ...found, receipt: await loadReceipt(services.db, services, found.filing, found.app, person?.locale ?? 'fr') };
  }

  app.get<IdParams>('/bureau/guichet/:id/recu', desk, async (req, reply) => {
    const { receipt } = await filed(req);
    return reply.page(<ReceiptPage receipt={receipt} publicUrl={services.config.publicUrl} />);
  });

  app.get<IdParams>('/bureau/guichet/:id/recu.pdf', desk, async (req, reply) => {
    const { receipt } = await filed(req);
    const now = services.clock.now();
    // Printing shows the claim code: who printed it, and when, is on record.
    await services.transact((tx) =>
      appendAudit(tx, requestMeta(req).actor, now, { action: 'application.counter_receipt_printed', subjectType: 'application', subjectId: receipt.app.id, data: { withClaimCode: receipt.claimCode !== null } }),
    );
    const pdf = await receiptPdf(receipt, services.i18n, services.config.publicUrl, now);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="recu-${receipt.app.reference ?? 'guichet'}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(pdf));
  });

  app.post<IdParams>('/bureau/guichet/:id/nouveau-code', desk, async (req, reply) => {
    try {
      await reissueClaimCode(services, req.params.id, requestMeta(req));
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return reply.seeOther(`/bureau/guichet/${req.params.id}/recu`, 'counter.flash.no_new_code');
      throw err;
    }
    return reply.seeOther(`/bureau/guichet/${req.params.id}/recu`, 'counter.flash.new_code');
  });

  // The signed attestations of a person who does not use Sésame online, printed at the desk.
  app.get<{ Params: { id: string; publicId: string } }>('/bureau/guichet/:id/attestations/:publicId.pdf', desk, async (req, reply) => {
    const { filing } = await filed(req);
    if (!/^[A-Za-z0-9-]{1,64}$/.test(req.params.publicId)) throw new AppError('not_found');
    const doc = await loadAttestationDocument(services.db, services.config.publicUrl, req.params.publicId, filing.applicantId);
    if (!doc) throw new AppError('not_found');
    const pdf = await services.pdfRenderer.render(doc);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="attestation-${req.params.publicId}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(pdf));
  });
}
