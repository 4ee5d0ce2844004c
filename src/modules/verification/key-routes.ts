import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import { ensureCertificate, findPublishedKey, publishedKeys, toJwk } from './public-keys';

/**
 * The public keys that verify Sésame's 2D-Doc signatures, for anyone and any reader: as a JWKS
 * and as one X.509 certificate per key. Retired keys stay published.
 */
export async function keyRoutes(app: FastifyInstance, { services }: { services: Services }) {
  // Every web process makes sure the running key has its certificate before serving.
  app.addHook('onReady', async () => {
    await ensureCertificate(services.db, services.signer, services.clock.now());
  });

  app.get('/.well-known/jwks.json', async (_req, reply) => {
    const keys = await publishedKeys(services.db);
    return reply.header('cache-control', 'public, max-age=300').type('application/jwk-set+json').send({ keys: keys.map(toJwk) });
  });

  app.get<{ Params: { certId: string } }>('/.well-known/sesame-2ddoc-:certId.pem', async (req, reply) => {
    const { certId } = req.params;
    if (!/^[A-Z0-9]{4}$/.test(certId)) throw new AppError('not_found');
    const key = await findPublishedKey(services.db, certId);
    if (!key) throw new AppError('not_found');
    // A key published before certificates existed, and since retired, has only its public key.
    const pem = key.certificatePem ?? key.publicKeyPem;
    return reply
      .header('cache-control', 'public, max-age=300')
      .header('content-disposition', `inline; filename="sesame-2ddoc-${certId}.pem"`)
      .type('application/x-pem-file')
      .send(pem);
  });
}
