import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/audit';

/** Who is acting and from where, as the use cases need it (audit, rate limits, session list). */
export interface RequestMeta {
  actor: Actor;
  ip: string;
  userAgent: string | undefined;
  locale: 'fr' | 'en';
}

export function requestMeta(req: FastifyRequest): RequestMeta {
  const user = req.session?.user ?? req.pendingSession?.user;
  return {
    actor: { id: user?.id ?? null, role: user?.role ?? 'anonymous', requestId: req.id },
    ip: req.ip,
    userAgent: req.headers['user-agent'],
    locale: req.locale,
  };
}
