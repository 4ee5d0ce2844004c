import type { FastifyReply, FastifyRequest } from 'fastify';
import { sharePurposes } from '../../db/schema';
import { cookieOptions } from '../../platform/http/request-context';
import { createSecretBox } from '../../platform/secret-box';
import type { Services } from '../../services';
import type { SharePurpose } from './current-rights';

/**
 * A new share code goes from the POST that created it to the page that shows it (POST →
 * redirect → GET, so that reloading the page creates nothing) in a short-lived cookie: sealed
 * with a key derived for this purpose and bound to the holder's account, so only the server can
 * read it and only for that account; limited to the sharing pages and to two minutes; cleared
 * by the page that shows it. The code is still shown exactly once, and still never stored on
 * the server, where only its keyed hash is kept.
 */
export const REVEAL_COOKIE = 'sesame_share_reveal';
const PATH = '/compte/partage';
const REVEAL_SECONDS = 120;

export interface CreatedShareCode {
  code: string;
  expiresAt: Date;
  purpose: SharePurpose;
}

interface Sealed {
  code: string;
  expiresAt: string;
  purpose: string;
  /** Until when (ms since the epoch, on the services' clock) the page may show it. */
  showUntil: number;
}

export function shareCodeReveal(services: Services) {
  const box = createSecretBox(services.appSecret, 'share-code-reveal');
  const options = { ...cookieOptions(services.config.isProduction), path: PATH };

  return {
    /** Keeps the new code for the next page this browser loads under `/compte/partage`. */
    keep(reply: FastifyReply, holderId: string, created: CreatedShareCode): void {
      const payload: Sealed = { code: created.code, expiresAt: created.expiresAt.toISOString(), purpose: created.purpose, showUntil: services.clock.now().getTime() + REVEAL_SECONDS * 1000 };
      reply.setCookie(REVEAL_COOKIE, box.seal(JSON.stringify(payload), holderId), { ...options, maxAge: REVEAL_SECONDS });
    },

    /** The code waiting to be shown to this holder, once: the cookie is cleared whatever it held. */
    take(req: FastifyRequest, reply: FastifyReply, holderId: string): CreatedShareCode | null {
      const raw = req.cookies[REVEAL_COOKIE];
      if (!raw) return null;
      reply.clearCookie(REVEAL_COOKIE, options);
      let sealed: Sealed;
      try {
        // Another account's cookie, an altered one or a stale format: fails to open, shows nothing.
        sealed = JSON.parse(box.open(raw, holderId)) as Sealed;
      } catch {
        return null;
      }
      if (typeof sealed.showUntil !== 'number' || sealed.showUntil < services.clock.now().getTime()) return null;
      if (!(sharePurposes as readonly string[]).includes(sealed.purpose)) return null;
      return { code: sealed.code, expiresAt: new Date(sealed.expiresAt), purpose: sealed.purpose as SharePurpose };
    },
  };
}
