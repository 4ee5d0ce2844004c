import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { FieldErrors } from '../../web/components/forms';
import { isAppError } from '../errors';
import { announceRetry } from './retry-after';

/**
 * Turns a use case's refusal into the same form shown again with the message next to the
 * field (or at the top), with the right 4xx. Anything else is not a form problem: rethrown.
 */
export function showFormError(req: FastifyRequest, reply: FastifyReply, err: unknown, render: (errors: FieldErrors, formError?: string) => VNode) {
  if (!isAppError(err)) throw err;
  if (err.options.fields) {
    const errors: FieldErrors = Object.fromEntries(Object.entries(err.options.fields).map(([f, key]) => [f, { key }]));
    return reply.page(render(errors), err.status);
  }
  if (err.code === 'rate_limited' || err.code === 'account_locked' || err.code === 'invalid_code' || err.code === 'conflict') {
    const time = announceRetry(req, reply, err.options.retryAt);
    return reply.page(render({}, req.t(`errors.${err.code}.message`, { time })), err.status);
  }
  throw err;
}
