import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorPage } from '../../web/error-page';
import { SessionExpiredPage } from '../../web/session-expired-page';
import { draftFromBody, formPagePath } from './resume-draft';
import { AppError, isAppError, type ErrorCode } from '../errors';
import { announceRetry } from './retry-after';

const wantsJson = (req: FastifyRequest) => req.url.startsWith('/api/') || (req.headers.accept ?? '').startsWith('application/json');

/** Fastify's own errors (bad body, wrong content type…) are the client's fault, never a 500. */
function fromFrameworkError(err: FastifyError): AppError | null {
  if (err.code?.startsWith('FST_CSRF')) return new AppError('csrf_invalid', { logMessage: err.message });
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) return new AppError('payload_too_large', { logMessage: err.message });
  if (err.validation || (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)) {
    return new AppError(err.statusCode === 404 ? 'not_found' : 'validation_failed', { logMessage: err.message });
  }
  return null;
}

export function sendError(req: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const code: ErrorCode = error.code;
  const params = { time: announceRetry(req, reply, error.options.retryAt) };
  if (wantsJson(req)) {
    return reply.status(error.status).send({ error: { code, message: req.t(`errors.${code}.message`, params), requestId: req.id } });
  }
  // A form posted after the session ended: log in again here, and get the typed values back.
  if (code === 'unauthenticated' && req.method === 'POST') {
    const returnTo = formPagePath(req, req.protocol + '://' + (req.headers.host ?? 'localhost'));
    return reply.page(<SessionExpiredPage returnTo={returnTo} draft={draftFromBody(req.body)} />, 401);
  }
  return reply.page(<ErrorPage status={error.status} titleKey={`errors.${code}.title`} messageKey={`errors.${code}.message`} params={params} />, error.status);
}

/** The edge where every error becomes a status and a translated message; stacks stay in the logs. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const known = isAppError(err) ? err : fromFrameworkError(err);
    if (known) {
      req.log.info({ code: known.code, detail: known.message }, 'request refused');
      return sendError(req, reply, known);
    }
    req.log.error({ err }, 'unexpected error');
    if (wantsJson(req)) {
      return reply.status(500).send({ error: { code: 'internal', message: req.t('errors.internal.message'), requestId: req.id } });
    }
    return reply.page(<ErrorPage status={500} titleKey="errors.internal.title" messageKey="errors.internal.message" reference={req.id} />, 500);
  });

  app.setNotFoundHandler((req, reply) => sendError(req, reply, new AppError('not_found')));
}
