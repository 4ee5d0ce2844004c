import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors';
import { showFormError } from '../../../platform/http/form-errors';
import { parseForm } from '../../../platform/http/forms';
import { safeReturnPath, sessionCookieOptions } from '../../../platform/http/request-context';
import { SESSION_COOKIE } from '../../../platform/sessions';
import type { Services } from '../../../services';
import { requestMeta } from '../request-meta';
import { confirmTotpEnrolment } from './confirm-enrolment';
import { enrolmentView } from './enrolment-view';
import { passSecondFactor } from './pass-second-factor';
import { secondFactorForm, totpCodeForm } from './schemas';
import { RecoveryCodesPage, EnrolmentPage } from './views/enrolment-page';
import { SecondFactorPage } from './views/second-factor-page';

type Q = { Querystring: Record<string, string | undefined> };

const CHALLENGE = '/connexion/second-facteur';
const ENROL_AT_LOGIN = '/connexion/second-facteur/activer';

const bodyField = (body: unknown, name: string): unknown => (body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined);

/**
 * The second step of logging in, for a session `logIn` left waiting: the code, or, for an
 * account that must have a factor and has none yet (every agent's first login), enrolment.
 */
export async function loginStepRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const sessionCookie = sessionCookieOptions(services.config);

  app.get<Q>(CHALLENGE, async (req, reply) => {
    const returnTo = safeReturnPath(req.query.retour);
    if (req.session) return reply.seeOther(returnTo);
    const pending = req.pendingSession;
    if (!pending) return reply.seeOther(`/connexion?retour=${encodeURIComponent(returnTo)}`);
    if (!pending.user.totpEnabled) return reply.seeOther(ENROL_AT_LOGIN);
    return reply.page(<SecondFactorPage returnTo={returnTo} />);
  });

  app.post(CHALLENGE, async (req, reply) => {
    const returnTo = safeReturnPath(bodyField(req.body, 'retour'));
    // A second click after the first one succeeded: nothing left to check.
    if (req.session) return reply.seeOther(returnTo);
    const pending = req.pendingSession;
    if (!pending) throw new AppError('unauthenticated');
    const form = parseForm(secondFactorForm, req.body);
    if (!form.ok) return reply.page(<SecondFactorPage values={form.values} errors={form.errors} returnTo={returnTo} />, 400);
    let sessionToken: string;
    try {
      sessionToken = await passSecondFactor(services, { session: pending, code: form.data.code }, requestMeta(req));
    } catch (err) {
      return showFormError(req, reply, err, (errors, formError) => <SecondFactorPage values={form.values} errors={errors} formError={formError} returnTo={returnTo} />);
    }
    // A new token for the full session: the waiting one's is dead now.
    reply.setCookie(SESSION_COOKIE, sessionToken, sessionCookie);
    return reply.seeOther(returnTo);
  });

  app.get(ENROL_AT_LOGIN, async (req, reply) => {
    if (req.session) return reply.seeOther('/compte/securite');
    const pending = req.pendingSession;
    if (!pending) return reply.seeOther('/connexion');
    if (pending.user.totpEnabled) return reply.seeOther(CHALLENGE);
    const view = await enrolmentView(services, pending.user, requestMeta(req), { action: ENROL_AT_LOGIN, atLogin: true });
    return reply.page(<EnrolmentPage {...view} />);
  });

  app.post(ENROL_AT_LOGIN, async (req, reply) => {
    if (req.session) return reply.seeOther('/');
    const pending = req.pendingSession;
    if (!pending) throw new AppError('unauthenticated');
    if (pending.user.totpEnabled) return reply.seeOther(CHALLENGE);
    const meta = requestMeta(req);
    const where = { action: ENROL_AT_LOGIN, atLogin: true };
    const form = parseForm(totpCodeForm, req.body);
    if (!form.ok) return reply.page(<EnrolmentPage {...await enrolmentView(services, pending.user, meta, where)} values={form.values} errors={form.errors} />, 400);
    let enabled;
    try {
      enabled = await confirmTotpEnrolment(services, { userId: pending.user.id, code: form.data.code, pendingSessionId: pending.id }, meta);
    } catch (err) {
      const view = await enrolmentView(services, pending.user, meta, where);
      return showFormError(req, reply, err, (errors, formError) => <EnrolmentPage {...view} values={form.values} errors={errors} formError={formError} />);
    }
    const { recoveryCodes: codes, sessionToken } = enabled;
    // A new token for the full session: the waiting one's is dead now.
    if (sessionToken) reply.setCookie(SESSION_COOKIE, sessionToken, sessionCookie);
    // The session is complete from now on: the page's header should say so already (only the
    // user shown in it is read; the session's own id and handle changed with the token).
    req.session = { ...pending, mfaPending: false, user: { ...pending.user, totpEnabled: true } };
    return reply.page(<RecoveryCodesPage codes={codes} continueTo="/" justEnabled />);
  });
}
