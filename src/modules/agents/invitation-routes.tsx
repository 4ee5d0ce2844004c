import type { FastifyInstance } from 'fastify';
import { isAppError } from '../../platform/errors';
import { parseForm } from '../../platform/http/forms';
import { sessionCookieOptions } from '../../platform/http/request-context';
import { SESSION_COOKIE } from '../../platform/sessions';
import type { Services } from '../../services';
import { requestMeta } from '../accounts/request-meta';
import { acceptInvitation, peekInvitation } from './accept-invitation';
import { acceptInvitationForm } from './schemas';
import { AcceptInvitationPage, DeadInvitationPage } from './views/invitation-pages';

type TokenParams = { Params: { token: string } };

/** Where the link of an invitation mail leads: choose a password, then enrol the second factor. */
export async function invitationRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const sessionCookie = sessionCookieOptions(services.config);

  app.get<TokenParams>('/invitation/:token', async (req, reply) => {
    const inv = await peekInvitation(services.db, req.params.token, services.clock.now());
    if (!inv) return reply.page(<DeadInvitationPage />, 400);
    return reply.page(<AcceptInvitationPage token={req.params.token} email={inv.email} role={inv.role} prefectureName={inv.prefectureName} />);
  });

  app.post<TokenParams>('/invitation/:token', async (req, reply) => {
    const inv = await peekInvitation(services.db, req.params.token, services.clock.now());
    if (!inv) return reply.page(<DeadInvitationPage />, 400);
    const page = (errors?: Record<string, { key: string }>, formError?: string) => (
      <AcceptInvitationPage token={req.params.token} email={inv.email} role={inv.role} prefectureName={inv.prefectureName} errors={errors} formError={formError} />
    );
    const form = parseForm(acceptInvitationForm, req.body);
    if (!form.ok) return reply.page(page(form.errors), 400);
    let result;
    try {
      result = await acceptInvitation(services, { token: req.params.token, password: form.data.password }, requestMeta(req));
    } catch (err) {
      if (isAppError(err) && err.code === 'invalid_code') return reply.page(<DeadInvitationPage />, 400);
      if (isAppError(err) && err.code === 'conflict') return reply.page(<DeadInvitationPage message={req.t('agents.errors.address_has_account')} />, 409);
      throw err;
    }
    // The account exists; the session waits for the second factor, which must be set up first.
    reply.setCookie(SESSION_COOKIE, result.sessionToken, sessionCookie);
    return reply.seeOther('/connexion/second-facteur/activer', 'agents.flash.account_created');
  });
}
