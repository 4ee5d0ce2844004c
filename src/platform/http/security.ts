import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import csrf from '@fastify/csrf-protection';
import { cookieOptions } from './request-context';

/**
 * Security headers and anti-forgery. The CSP allows nothing but our own origin: no inline
 * script, no inline style, no third party.
 */
export async function registerSecurity(app: FastifyInstance, opts: { production: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(opts.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Verification pages may be opened from a QR code in another app: keep the referrer minimal.
    referrerPolicy: { policy: 'same-origin' },
  });

  await app.register(csrf, {
    cookieKey: 'sesame_csrf',
    cookieOpts: { ...cookieOptions(opts.production), signed: false },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined;
      return fromBody ?? (req.headers['x-csrf-token'] as string | undefined);
    },
  });

  // Every state-changing request of a browser page carries the token; the JSON API uses no cookies.
  app.addHook('preHandler', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    if (req.url.startsWith('/api/')) return;
    await new Promise<void>((resolve, reject) => {
      app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve()));
    });
  });
}
