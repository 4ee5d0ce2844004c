import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentSession } from '../sessions';
import { AppError } from '../errors';
import type { Role } from '../../db/schema';

/**
 * preHandler for pages that need a signed-in person. A page (GET) sends them to the login
 * form and back; a form post whose session expired gets a clear 401 page, never a 500.
 */
export async function requireUser(req: FastifyRequest, reply: FastifyReply) {
  if (req.session) return;
  if (req.pendingSession) return reply.seeOther('/connexion/second-facteur');
  if (req.method === 'GET') return reply.seeOther(`/connexion?retour=${encodeURIComponent(req.url)}`);
  throw new AppError('unauthenticated');
}

/** The signed-in session, after `requireUser` ran. */
export function currentSession(req: FastifyRequest): CurrentSession {
  if (!req.session) throw new AppError('unauthenticated');
  return req.session;
}

/**
 * preHandler for the agents' areas: a signed-in person whose role is not among `roles` gets
 * "not found" (a 403 would tell an applicant that the page exists); no session → log in first.
 */
export function requireRole(roles: readonly Role[]) {
  return async function requireRoleHandler(req: FastifyRequest, reply: FastifyReply) {
    await requireUser(req, reply);
    if (reply.sent) return reply;
    if (!(roles as readonly string[]).includes(req.session!.user.role)) {
      throw new AppError('not_found', { logMessage: `role ${req.session!.user.role} refused at ${req.routeOptions.url ?? req.url}` });
    }
  };
}
