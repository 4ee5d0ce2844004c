import type { FastifyInstance } from 'fastify';
import { isAppError } from '../../platform/errors';
import { parseForm } from '../../platform/http/forms';
import { showFormError } from '../../platform/http/form-errors';
import { currentSession, requireRole } from '../../platform/http/guards';
import type { Services } from '../../services';
import { requestMeta } from '../accounts/request-meta';
import { claimCounterFile } from './claim-file';
import { claimForm } from './schemas';
import { ClaimPage } from './views/claim-page';

/** A signed-in applicant takes a file filed for them at a counter into their account. */
export async function claimRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const applicant = { preHandler: requireRole(['applicant']) };

  app.get('/demarches/rattacher', applicant, async (_req, reply) => reply.page(<ClaimPage />));

  app.post('/demarches/rattacher', applicant, async (req, reply) => {
    const form = parseForm(claimForm, req.body);
    if (!form.ok) return reply.page(<ClaimPage values={form.values} errors={form.errors} />, 400);
    let claimed;
    try {
      claimed = await claimCounterFile(services, { userId: currentSession(req).user.id, code: form.data.code, birthDate: form.data.birthDate }, requestMeta(req));
    } catch (err) {
      if (!isAppError(err)) throw err;
      return showFormError(req, reply, err, (errors, formError) => <ClaimPage values={form.values} errors={errors} formError={formError} />);
    }
    return reply.seeOther(`/demarches/${claimed.applicationId}`, 'counter.flash.claimed');
  });
}
