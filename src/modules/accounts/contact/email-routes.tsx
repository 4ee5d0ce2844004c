import type { FastifyInstance } from 'fastify';
import { isAppError } from '../../../platform/errors';
import { showFormError } from '../../../platform/http/form-errors';
import { parseForm } from '../../../platform/http/forms';
import { currentSession, requireUser } from '../../../platform/http/guards';
import type { Services } from '../../../services';
import { requestMeta } from '../request-meta';
import {
  confirmEmailChangeWithCode,
  confirmEmailChangeWithLink,
  isEmailTakenError,
  pendingEmailChangeByLink,
  pendingEmailChangeFor,
} from './confirm-email-change';
import { requestEmailChange } from './request-email-change';
import { changeEmailForm, contactCodeForm } from './schemas';
import { ChangeEmailPage, ConfirmEmailLinkPage, EmailChangedPage, EmailCodePage, LinkRefusedPage } from './views/email-pages';

type TokenParams = { Params: { token: string } };

/** Changing the e-mail address: new address + password, then the code sent to the new address. */
export async function emailRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/compte/e-mail', { preHandler: requireUser }, async (req, reply) =>
    reply.page(<ChangeEmailPage currentEmail={currentSession(req).user.email} />),
  );
  app.post('/compte/e-mail', { preHandler: requireUser }, async (req, reply) => {
    const session = currentSession(req);
    const form = parseForm(changeEmailForm, req.body);
    if (!form.ok) return reply.page(<ChangeEmailPage currentEmail={session.user.email} values={form.values} errors={form.errors} />, 400);
    try {
      await requestEmailChange(services, session.user.id, form.data, requestMeta(req));
    } catch (err) {
      return showFormError(req, reply, err, (errors, formError) => (
        <ChangeEmailPage currentEmail={session.user.email} values={form.values} errors={errors} formError={formError} />
      ));
    }
    return reply.seeOther('/compte/e-mail/code');
  });

  app.get('/compte/e-mail/code', { preHandler: requireUser }, async (req, reply) =>
    reply.page(<EmailCodePage pendingEmail={await pendingEmailChangeFor(services, currentSession(req).user.id)} />),
  );
  app.post('/compte/e-mail/code', { preHandler: requireUser }, async (req, reply) => {
    const session = currentSession(req);
    const pendingEmail = await pendingEmailChangeFor(services, session.user.id);
    const form = parseForm(contactCodeForm, req.body);
    if (!form.ok) return reply.page(<EmailCodePage pendingEmail={pendingEmail} values={form.values} errors={form.errors} />, 400);
    try {
      await confirmEmailChangeWithCode(services, session.user.id, form.data.code, requestMeta(req));
    } catch (err) {
      if (isEmailTakenError(err)) return reply.page(<EmailCodePage pendingEmail={null} formError={req.t('contact.email_taken')} />, 409);
      return showFormError(req, reply, err, (errors, formError) => (
        <EmailCodePage pendingEmail={pendingEmail} values={form.values} errors={errors} formError={formError} />
      ));
    }
    return reply.seeOther('/compte/e-mail/modifiee');
  });

  // The link in the message to the new address: no session needed, it may be opened on another device.
  app.get<TokenParams>('/compte/e-mail/confirmer/:token', async (req, reply) => {
    const newEmail = await pendingEmailChangeByLink(services, req.params.token);
    if (!newEmail) return reply.page(<LinkRefusedPage titleKey="contact.link_invalid_title" messageKey="contact.link_invalid_message" />, 400);
    return reply.page(<ConfirmEmailLinkPage token={req.params.token} newEmail={newEmail} />);
  });
  app.post<TokenParams>('/compte/e-mail/confirmer/:token', async (req, reply) => {
    try {
      await confirmEmailChangeWithLink(services, req.params.token, requestMeta(req));
    } catch (err) {
      if (isEmailTakenError(err)) return reply.page(<LinkRefusedPage titleKey="contact.email_taken_title" messageKey="contact.email_taken" />, 409);
      if (isAppError(err) && err.code === 'invalid_code') {
        return reply.page(<LinkRefusedPage titleKey="contact.link_invalid_title" messageKey="contact.link_invalid_message" />, 400);
      }
      throw err;
    }
    return reply.seeOther('/compte/e-mail/modifiee');
  });

  // Shows the address only to its signed-in owner; after the link flow there may be no session.
  app.get('/compte/e-mail/modifiee', async (req, reply) => reply.page(<EmailChangedPage email={req.session?.user.email ?? null} />));
}
