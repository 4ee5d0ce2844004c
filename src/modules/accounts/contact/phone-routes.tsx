import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { showFormError } from '../../../platform/http/form-errors';
import { parseForm } from '../../../platform/http/forms';
import { currentSession, requireUser } from '../../../platform/http/guards';
import type { Services } from '../../../services';
import { requestMeta } from '../request-meta';
import { confirmPhoneChange, pendingPhoneChangeFor } from './confirm-phone-change';
import { removePhone } from './remove-phone';
import { requestPhoneChange } from './request-phone-change';
import { changePhoneForm, contactCodeForm } from './schemas';
import { ChangePhonePage, PhoneCodePage, PhoneDonePage } from './views/phone-pages';

/** Changing the phone number (confirmed by an SMS code) and removing it. */
export async function phoneRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.addHook('preHandler', requireUser);

  const savedPhone = async (userId: string) => {
    const [row] = await services.db.select({ phone: users.phone }).from(users).where(eq(users.id, userId));
    return row?.phone ?? null;
  };

  app.get('/compte/telephone', async (req, reply) => reply.page(<ChangePhonePage currentPhone={await savedPhone(currentSession(req).user.id)} />));
  app.post('/compte/telephone', async (req, reply) => {
    const session = currentSession(req);
    const currentPhone = await savedPhone(session.user.id);
    const form = parseForm(changePhoneForm, req.body);
    if (!form.ok) return reply.page(<ChangePhonePage currentPhone={currentPhone} values={form.values} errors={form.errors} />, 400);
    try {
      await requestPhoneChange(services, session.user.id, form.data, requestMeta(req));
    } catch (err) {
      return showFormError(req, reply, err, (errors, formError) => (
        <ChangePhonePage currentPhone={currentPhone} values={form.values} errors={errors} formError={formError} />
      ));
    }
    return reply.seeOther('/compte/telephone/code');
  });

  app.get('/compte/telephone/code', async (req, reply) =>
    reply.page(<PhoneCodePage pendingPhone={await pendingPhoneChangeFor(services, currentSession(req).user.id)} />),
  );
  app.post('/compte/telephone/code', async (req, reply) => {
    const session = currentSession(req);
    const pendingPhone = await pendingPhoneChangeFor(services, session.user.id);
    const form = parseForm(contactCodeForm, req.body);
    if (!form.ok) return reply.page(<PhoneCodePage pendingPhone={pendingPhone} values={form.values} errors={form.errors} />, 400);
    try {
      await confirmPhoneChange(services, session.user.id, form.data.code, requestMeta(req));
    } catch (err) {
      return showFormError(req, reply, err, (errors, formError) => (
        <PhoneCodePage pendingPhone={pendingPhone} values={form.values} errors={errors} formError={formError} />
      ));
    }
    return reply.seeOther('/compte/telephone/enregistre');
  });

  app.get('/compte/telephone/enregistre', async (req, reply) => {
    const phone = await savedPhone(currentSession(req).user.id);
    if (!phone) return reply.seeOther('/compte/telephone');
    return reply.page(<PhoneDonePage phone={phone} />);
  });

  app.post('/compte/telephone/supprimer', async (req, reply) => {
    await removePhone(services, currentSession(req).user.id, requestMeta(req));
    return reply.seeOther('/compte/telephone/retire');
  });
  app.get('/compte/telephone/retire', async (_req, reply) => reply.page(<PhoneDonePage phone={null} />));
}
