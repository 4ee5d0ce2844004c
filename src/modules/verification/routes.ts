import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { attestationPdfRoutes } from '../attestations/document/pdf-routes';
import { verificationApiRoutes } from './api-routes';
import { keyRoutes } from './key-routes';
import { verificationPageRoutes } from './page-routes';
import { shareRoutes } from './share-routes';
import { verifierRoutes } from './verifier-routes';

/**
 * Proofs people can trust: the holder's PDF, the public keys, the verification page and API,
 * and share codes. The PDF route lives with the attestation document it renders; it is
 * registered here so that the whole area is one line in `app.ts`.
 */
export async function verificationRoutes(app: FastifyInstance, opts: { services: Services }) {
  await app.register(attestationPdfRoutes, opts);
  await app.register(keyRoutes, opts);
  await app.register(verificationPageRoutes, opts);
  await app.register(verificationApiRoutes, opts);
  await app.register(verifierRoutes, opts);
  await app.register(shareRoutes, opts);
}
