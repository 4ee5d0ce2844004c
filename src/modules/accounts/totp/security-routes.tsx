import type { FastifyInstance } from 'fastify';
import { showFormError } from '../../../platform/http/form-errors';
import { parseForm } from '../../../platform/http/forms';
import { currentSession, requireUser } from '../../../platform/http/guards';
import type { Services } from '../../../services';
import { requestMeta } from '../request-meta';
import { confirmTotpEnrolment } from './confirm-enrolment';
import { disableTotp } from './disable-totp';
import { enrolmentView } from './enrolment-view';
import { mayDisableSecondFactor } from './policy';
import { regenerateRecoveryCodes } from './regenerate-recovery-codes';
import { secondFactorForm, totpCodeForm } from './schemas';
import { securityStatus } from './security-status';
import { EnrolmentPage, RecoveryCodesPage } from './views/enrolment-page';
import { DisablePage, RegenerateCodesPage, SecurityPage } from './views/security-pages';

const SECURITY = '/compte/securite';
const ENROL = '/compte/securite/activer';
const DISABLE = '/compte/securite/desactiver';
const REGENERATE = '/compte/securite/codes-de-secours';

/**
 * `/compte/securite`: the second factor of a signed-in person. A request that no longer
 * fits the account's state (enrolling twice, a double click) goes back to the status page.
 */
export async function securityRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.addHook('preHandler', requireUser);

  app.get(SECURITY, async (req, reply) => {
    const { user } = currentSession(req);
    return reply.page(<SecurityPage status={await securityStatus(services, user.id)} mayDisable={mayDisableSecondFactor(user.role)} />);
  });

  const where = { action: ENROL, atLogin: false };

  app.get(ENROL, async (req, reply) => {
    const { user } = currentSession(req);
    if (user.totpEnabled) return reply.seeOther(SECURITY);
    return reply.page(<EnrolmentPage {...await enrolmentView(services, user, requestMeta(req), where)} />);
  });

  app.post(ENROL, async (req, reply) => {
    const { user } = currentSession(req);
    if (user.totpEnabled) return reply.seeOther(SECURITY);
    const meta = requestMeta(req);
    const form = parseForm(totpCodeForm, req.body);
    if (!form.ok) return reply.page(<EnrolmentPage {...await enrolmentView(services, user, meta, where)} values={form.values} errors={form.errors} />, 400);
    let codes: string[];
    try {
      ({ recoveryCodes: codes } = await confirmTotpEnrolment(services, { userId: user.id, code: form.data.code }, meta));
    } catch (err) {
      const view = await enrolmentView(services, user, meta, where);
      return showFormError(req, reply, err, (errors, formError) => <EnrolmentPage {...view} values={form.values} errors={errors} formError={formError} />);
    }
    return reply.page(<RecoveryCodesPage codes={codes} continueTo={SECURITY} justEnabled />);
  });

  app.get(DISABLE, async (req, reply) => {
    const { user } = currentSession(req);
    if (!mayDisableSecondFactor(user.role)) return reply.page(<DisablePage refused />, 403);
    if (!user.totpEnabled) return reply.seeOther(SECURITY);
    return reply.page(<DisablePage />);
  });

  app.post(DISABLE, async (req, reply) => {
    const { user } = currentSession(req);
    if (!mayDisableSecondFactor(user.role)) return reply.page(<DisablePage refused />, 403);
    if (!user.totpEnabled) return reply.seeOther(SECURITY);
    const form = parseForm(secondFactorForm, req.body);
    if (!form.ok) return reply.page(<DisablePage values={form.values} errors={form.errors} />, 400);
    try {
      await disableTotp(services, { userId: user.id, code: form.data.code }, requestMeta(req));
    } catch (err) {
      return showFormError(req, reply, err, (errors, formError) => <DisablePage values={form.values} errors={errors} formError={formError} />);
    }
    return reply.seeOther(SECURITY);
  });

  app.get(REGENERATE, async (req, reply) => {
    if (!currentSession(req).user.totpEnabled) return reply.seeOther(SECURITY);
    return reply.page(<RegenerateCodesPage />);
  });

  app.post(REGENERATE, async (req, reply) => {
    const { user } = currentSession(req);
    if (!user.totpEnabled) return reply.seeOther(SECURITY);
    const form = parseForm(totpCodeForm, req.body);
    if (!form.ok) return reply.page(<RegenerateCodesPage values={form.values} errors={form.errors} />, 400);
    let codes: string[];
    try {
      codes = await regenerateRecoveryCodes(services, { userId: user.id, code: form.data.code }, requestMeta(req));
    } catch (err) {
      return showFormError(req, reply, err, (errors, formError) => <RegenerateCodesPage values={form.values} errors={errors} formError={formError} />);
    }
    return reply.page(<RecoveryCodesPage codes={codes} continueTo={SECURITY} justEnabled={false} />);
  });
}
