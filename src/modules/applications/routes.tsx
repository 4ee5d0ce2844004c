import type { FastifyInstance } from 'fastify';
import { requireUser } from '../../platform/http/guards';
import type { Services } from '../../services';
import { exportRoutes } from './export-routes';
import { simulatedFeeAndPhotoCheck, type FeeAndPhotoCheck } from './fee-and-photo-check';
import { fileRoutes } from './file-routes';
import { filingRoutes } from './filing-routes';
import { listRoutes } from './list-routes';
import { stepRoutes } from './step-routes';

export interface ApplicationRouteOptions {
  services: Services;
  /** The *timbre fiscal* and *e-photo* check; the simulated one until a real adapter is configured. */
  feeAndPhotoCheck?: FeeAndPhotoCheck;
}

/**
 * Applications (*démarches*): choosing a procedure, the form step by step, review and filing,
 * the file page (history, corrections, withdrawal) and the downloadable file. Every page is the
 * signed-in person's own: another person's application answers "not found".
 */
export async function applicationRoutes(app: FastifyInstance, opts: ApplicationRouteOptions) {
  const deps = { services: opts.services, check: opts.feeAndPhotoCheck ?? simulatedFeeAndPhotoCheck };
  app.addHook('preHandler', requireUser);
  await app.register(listRoutes, deps);
  await app.register(stepRoutes, deps);
  await app.register(filingRoutes, deps);
  await app.register(fileRoutes, deps);
  await app.register(exportRoutes, deps);
}

export interface RouteDeps {
  services: Services;
  check: FeeAndPhotoCheck;
}
