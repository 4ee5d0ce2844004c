import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors';
import { parseForm } from '../../platform/http/forms';
import { showFormError } from '../../platform/http/form-errors';
import { safeReturnPath, sessionCookieOptions } from '../../platform/http/request-context';
import { SESSION_COOKIE } from '../../platform/sessions';
import { keepDraftForAfterLogin, parseDraft } from '../../platform/http/resume-draft';
import type { Services } from '../../services';
import { confirmEmailWithCode, confirmEmailWithLink } from './confirm-email';
import { logIn } from './log-in';
import { logOut } from './log-out';
import { requestMeta } from './request-meta';
import { requestPasswordReset, resetPassword } from './reset-password';
import { confirmEmailForm, logInForm, requestResetForm, resetPasswordForm, signUpForm } from './schemas';
import { signUp } from './sign-up';
import { ConfirmEmailPage, ForgotPasswordPage, LogInPage, ResetPasswordPage, SignUpPage } from './views/auth-pages';

type Q = { Querystring: Record<string, string | undefined> };

/** Sign-up, confirmation, log-in, log-out and password reset. */
export async function authRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const sessionCookie = sessionCookieOptions(services.config);

  app.get('/inscription', async (_req, reply) => reply.page(<SignUpPage />));
  app.post('/inscription', async (req, reply) => {
    const form = parseForm(signUpForm, req.body);
    if (!form.ok) return reply.page(<SignUpPage values={form.values} errors={form.errors} />, 400);
    try {
      await signUp(services, form.data, requestMeta(req));
    } catch (err) {
      return showFormError(req, reply, err, (errors, formError) => <SignUpPage values={form.values} errors={errors} formError={formError} />);
    }
    return reply.seeOther(`/inscription/code?email=${encodeURIComponent(form.data.email)}`);
  });

  app.get<Q>('/inscription/code', async (req, reply) => reply.page(<ConfirmEmailPage values={{ email: (req.query.email ?? '').slice(0, 254) }} />));
  app.post('/inscription/code', async (req, reply) => {
    const form = parseForm(confirmEmailForm, req.body);
    if (!form.ok) return reply.page(<ConfirmEmailPage values={form.values} errors={form.errors} />, 400);
    try {
      await confirmEmailWithCode(services, form.data, requestMeta(req));
    } catch (err) {
      return showFormError(req, reply, err, (errors, formError) => <ConfirmEmailPage values={form.values} errors={errors} formError={formError} />);
    }
    return reply.seeOther('/connexion', 'flash.email_confirmed');
  });

  app.get<{ Params: { token: string } }>('/inscription/confirmer/:token', async (req, reply) => {
    await confirmEmailWithLink(services, req.params.token, requestMeta(req));
    return reply.seeOther('/connexion', 'flash.email_confirmed');
  });

  app.get<Q>('/connexion', async (req, reply) => {
    if (req.session) return reply.seeOther(safeReturnPath(req.query.retour));
    return reply.page(<LogInPage returnTo={safeReturnPath(req.query.retour)} />);
  });
  app.post('/connexion', async (req, reply) => {
    const returnTo = safeReturnPath((req.body as Record<string, unknown> | undefined)?.retour);
    const form = parseForm(logInForm, req.body);
    if (!form.ok) return reply.page(<LogInPage values={form.values} errors={form.errors} returnTo={returnTo} />, 400);
    let result;
    try {
      result = await logIn(services, form.data, requestMeta(req));
    } catch (err) {
      return showFormError(req, reply, err, (errors, formError) => <LogInPage values={form.values} errors={errors} formError={formError} returnTo={returnTo} />);
    }
    if (result.kind === 'email_not_confirmed') {
      return reply.seeOther(`/inscription/code?email=${encodeURIComponent(result.email)}`, 'flash.confirm_email_first');
    }
    reply.setCookie(SESSION_COOKIE, result.sessionToken, sessionCookie);
    // Coming back from an expired session: the form at `returnTo` gets back what was typed.
    const draft = parseDraft((req.body as Record<string, unknown> | undefined)?.reprise);
    if (draft && returnTo !== '/') keepDraftForAfterLogin(reply, returnTo, draft, services.config.isProduction);
    if (result.mustEnrolSecondFactor) return reply.seeOther('/connexion/second-facteur/activer');
    if (result.needsSecondFactor) return reply.seeOther(`/connexion/second-facteur?retour=${encodeURIComponent(returnTo)}`);
    return reply.seeOther(returnTo);
  });

  app.post('/deconnexion', async (req, reply) => {
    const session = req.session ?? req.pendingSession;
    if (session) await logOut(services, session, requestMeta(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.seeOther('/', 'flash.logged_out');
  });

  app.get('/mot-de-passe-oublie', async (_req, reply) => reply.page(<ForgotPasswordPage />));
  app.post('/mot-de-passe-oublie', async (req, reply) => {
    const form = parseForm(requestResetForm, req.body);
    if (!form.ok) return reply.page(<ForgotPasswordPage values={form.values} errors={form.errors} />, 400);
    try {
      await requestPasswordReset(services, form.data, requestMeta(req));
    } catch (err) {
      return showFormError(req, reply, err, (errors, formError) => <ForgotPasswordPage values={form.values} errors={errors} formError={formError} />);
    }
    return reply.seeOther(`/mot-de-passe-oublie/nouveau?email=${encodeURIComponent(form.data.email)}`, 'flash.reset_code_sent');
  });

  app.get<Q>('/mot-de-passe-oublie/nouveau', async (req, reply) =>
    reply.page(<ResetPasswordPage values={{ email: (req.query.email ?? '').slice(0, 254) }} />),
  );
  app.post('/mot-de-passe-oublie/nouveau', async (req, reply) => {
    const form = parseForm(resetPasswordForm, req.body);
    if (!form.ok) return reply.page(<ResetPasswordPage values={form.values} errors={form.errors} />, 400);
    try {
      await resetPassword(services, form.data, requestMeta(req));
    } catch (err) {
      return showFormError(req, reply, err, (errors, formError) => <ResetPasswordPage values={form.values} errors={errors} formError={formError} />);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.seeOther('/connexion', 'flash.password_reset');
  });

  // A stale confirmation link lands on a clear page rather than a bare error.
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError && err.code === 'invalid_code' && req.method === 'GET') {
      return reply.page(<ConfirmEmailPage formError={req.t('errors.invalid_code.message')} />, 400);
    }
    throw err;
  });
}
