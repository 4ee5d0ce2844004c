import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import { registerErrorHandling } from './platform/http/error-handler';
import { negotiateLocale } from './platform/i18n/catalogue';
import { registerMetrics } from './platform/http/metrics';
import { requestContext } from './platform/http/request-context';
import { requestLogger } from './platform/http/request-logger';
import type { Logger } from './platform/logger';
import { registerSecurity } from './platform/http/security';
import { registerNulRefusal } from './platform/http/refuse-nul';
import type { Services } from './services';
import { accountRoutes } from './modules/accounts/routes';
import { devRoutes } from './modules/dev/routes';
import { healthRoutes } from './modules/health/routes';
import { homeRoutes } from './modules/home/routes';
import { profileRoutes } from './modules/profile/routes';
import { applicationRoutes } from './modules/applications/routes';
import { documentRoutes } from './modules/documents/routes';
import { verificationRoutes } from './modules/verification/routes';
import { messagingRoutes } from './modules/messaging/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { backofficeRoutes } from './modules/backoffice/routes';
import { agentRoutes } from './modules/agents/routes';
import { appointmentRoutes } from './modules/appointments/routes';
import { counterAreaRoutes } from './modules/counter/routes';
import { supportRoutes } from './modules/support/routes';

const dsfrDist = join(dirname(createRequire(import.meta.url).resolve('@gouvfr/dsfr/package.json')), 'dist');
const assetsDir = new URL('./web/assets', import.meta.url).pathname;

/** Builds the web application: plugins, then one line per area of the site. */
export async function createApp(services: Services) {
  const { config, logger } = services;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    // Each request's child logger (its lines carry the request id) is made on its first line.
    childLoggerFactory: (parent, bindings, options) => requestLogger(parent as Logger, bindings, options),
    requestIdHeader: false,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 64 * 1024,
    // A malformed address (`/%E0`) is refused before any hook runs, so without cookies, session
    // or page context: answer a short translated 400 that still carries the request id.
    frameworkErrors: (_err, req, genericReply) => {
      const reply = genericReply as unknown as FastifyReply; // the handler's generics resolve to nothing usable
      const t = services.i18n.translator(negotiateLocale(req.headers['accept-language']));
      return reply
        .code(400)
        .header('x-request-id', req.id)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send(`${t('errors.validation_failed.title')}\n\n${t('errors.validation_failed.message')}\n`);
    },
  });
  // Set as the request arrives, so that every answer carries it, error pages included.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });

  await app.register(cookie);
  await app.register(formbody);
  await registerSecurity(app, { production: config.isProduction });
  registerNulRefusal(app);
  await app.register(fastifyStatic, { root: dsfrDist, prefix: '/dsfr/', maxAge: '7d', immutable: false });
  await app.register(fastifyStatic, { root: assetsDir, prefix: '/assets/', decorateReply: false, maxAge: '1h' });
  await app.register(requestContext, { services });
  registerErrorHandling(app);
  registerMetrics(app, { token: config.METRICS_TOKEN, production: config.isProduction });

  await app.register(healthRoutes, { services });
  await app.register(homeRoutes, { services });
  await app.register(accountRoutes, { services });
  await app.register(profileRoutes, { services });
  await app.register(applicationRoutes, { services });
  await app.register(documentRoutes, { services });
  await app.register(verificationRoutes, { services });
  await app.register(messagingRoutes, { services });
  await app.register(notificationRoutes, { services });
  await app.register(backofficeRoutes, { services });
  await app.register(agentRoutes, { services });
  await app.register(appointmentRoutes, { services });
  await app.register(counterAreaRoutes, { services });
  await app.register(supportRoutes, { services });
  if (!config.isProduction) await app.register(devRoutes, { services });

  return app;
}
