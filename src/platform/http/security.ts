import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import csrf from '@fastify/csrf-protection';
import { cookieOptions } from './request-context';

/**
 * Security headers and anti-forgery. The CSP allows nothing but our own origin: no inline
 * script, no inline style, no third party.
 */
export async function registerSecurity(app: FastifyInstance, opts: { production: boolean }): Promise<void> {
  const headers = securityHeaders({
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
    // Two headers helmet still sends for browsers gone for years, left off every response:
    // `X-XSS-Protection: 0` only switched off an XSS filter that no current browser has (the
    // CSP above is the protection), and `X-Download-Options` was read by Internet Explorer 8.
    xXssProtection: false,
    xDownloadOptions: false,
  });
  // The headers never vary: computed once by helmet at start-up, then copied onto each response
  // (helmet's middleware would rebuild them, the CSP included, on every request).
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
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
  // A plain callback hook: reading pages (nearly every request) pay one comparison, no promise.
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || req.url.startsWith('/api/')) return done();
    // Calls `done` when the token checks; otherwise answers 403 itself (through the error handler).
    app.csrfProtection(req, reply, done);
  });
}

/** Runs helmet once against a recording response and returns the headers it set. */
function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let called = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => {
    called = true;
  });
  // helmet's middleware is synchronous; if that ever changes, fail loudly rather than send no headers.
  if (!called || !headers['content-security-policy']) throw new Error('helmet did not produce the security headers synchronously');
  return headers;
}
