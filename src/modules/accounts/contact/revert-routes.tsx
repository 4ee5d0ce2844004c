import type { FastifyInstance } from 'fastify';
import { isAppError } from '../../../platform/errors';
import { SESSION_COOKIE } from '../../../platform/sessions';
import type { Services } from '../../../services';
import { requestMeta } from '../request-meta';
import { addressRestoredByLink, revertEmailChange } from './revert-email-change';
import { LinkRefusedPage } from './views/email-pages';
import { EmailRestoredPage, RevertBlockedPage, RevertEmailPage } from './views/revert-pages';

type TokenParams = { Params: { token: string } };

/**
 * "This was not me", from the notice sent to a replaced address. Works without a session:
 * whoever reads that notice may be locked out of the account already.
 */
export async function revertRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const refused = () => <LinkRefusedPage titleKey="contact.link_invalid_title" messageKey="contact.revert_invalid_message" />;

  // Opening the link changes nothing: mail scanners prefetch links, only the button acts.
  app.get<TokenParams>('/compte/e-mail/annuler/:token', async (req, reply) => {
    const restoredEmail = await addressRestoredByLink(services, req.params.token);
    if (!restoredEmail) return reply.page(refused(), 400);
    return reply.page(<RevertEmailPage token={req.params.token} restoredEmail={restoredEmail} />);
  });

  app.post<TokenParams>('/compte/e-mail/annuler/:token', async (req, reply) => {
    let outcome;
    try {
      outcome = await revertEmailChange(services, req.params.token, requestMeta(req));
    } catch (err) {
      if (isAppError(err) && err.code === 'invalid_code') return reply.page(refused(), 400);
      throw err;
    }
    // Every session of the account is gone, this browser's included: stop presenting it.
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    req.session = null;
    if (outcome.kind === 'blocked') return reply.page(<RevertBlockedPage />, 409);
    return reply.page(<EmailRestoredPage email={outcome.email} />);
  });
}
