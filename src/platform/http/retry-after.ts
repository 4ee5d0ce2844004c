import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * For a refusal that lifts at `at` (rate limit, locked account): sets `Retry-After` and returns
 * the time of day to show ("try again from 14:05"), in the person's language and in Paris time.
 * Seconds are counted on the services' clock, the one that set `at`, not on the wall clock.
 */
export function announceRetry(req: FastifyRequest, reply: FastifyReply, at: Date | undefined): string {
  if (!at) return '';
  const seconds = Math.ceil((at.getTime() - req.server.clock.now().getTime()) / 1000);
  reply.header('retry-after', Math.max(1, seconds));
  return new Intl.DateTimeFormat(req.locale, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(at);
}
