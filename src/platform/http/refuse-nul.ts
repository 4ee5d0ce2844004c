import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';

/** Deeper than any form or JSON body Sésame takes; past it nothing is looked at (nor used). */
const MAX_DEPTH = 8;

function hasNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth >= MAX_DEPTH || !value || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1));
  for (const [k, v] of Object.entries(value)) if (k.includes('\u0000') || hasNul(v, depth + 1)) return true;
  return false;
}

/**
 * PostgreSQL cannot store U+0000 in text or jsonb: a form field holding one failed in the
 * database, as a 500, after the form had been judged (a draft step saves what was typed, refused
 * or not). No keyboard types it, so a body carrying one is refused whole, as invalid, before
 * any handler sees it. Registered after the anti-forgery check, which stays the first answer;
 * multipart fields are in `req.body` by then (read in their route's `preValidation`).
 */
export function registerNulRefusal(app: FastifyInstance): void {
  app.addHook('preHandler', (req, _reply, done) => {
    if (req.body != null && hasNul(req.body, 0)) return done(new AppError('validation_failed', { logMessage: 'U+0000 in the body' }));
    done();
  });
}
