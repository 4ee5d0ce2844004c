import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../platform/errors';
import { announceRetry } from '../../platform/http/retry-after';
import type { FieldErrors } from '../../web/components/forms';

/**
 * A refusal as a form shows it: field messages, or one message above the form (a limit
 * reached, with when to retry). Anything else goes on to the error handler.
 */
export function formProblem(req: FastifyRequest, reply: FastifyReply, err: unknown): { status: number; errors: FieldErrors; formError?: string } {
  if (!isAppError(err) || err.code === 'not_found' || err.code === 'unauthenticated' || err.code === 'internal') throw err;
  const fields = { ...(err.options.fields ?? {}) };
  const formKey = fields._form;
  delete fields._form;
  const errors: FieldErrors = Object.fromEntries(Object.entries(fields).map(([f, key]) => [f, { key }]));
  if (formKey) return { status: err.status, errors, formError: req.t(formKey) };
  if (Object.keys(errors).length > 0) return { status: err.status, errors };
  const time = announceRetry(req, reply, err.options.retryAt);
  return { status: err.status, errors, formError: req.t(`errors.${err.code}.message`, { time }) };
}
