import type { FastifyInstance } from 'fastify';
import { currentSession } from '../../platform/http/guards';
import { dossierZip } from './export/dossier-zip';
import type { RouteDeps } from './routes';

/** "Download my file" (a ZIP), for the application's owner only. */
export async function exportRoutes(app: FastifyInstance, { services }: RouteDeps) {
  app.get<{ Params: { id: string } }>('/demarches/:id/export.zip', async (req, reply) => {
    const zip = await dossierZip(services, currentSession(req).user.id, req.params.id, req.t, req.locale);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${zip.fileName}"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(zip.bytes));
  });
}
