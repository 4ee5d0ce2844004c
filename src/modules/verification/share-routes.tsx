import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors';
import { showFormError } from '../../platform/http/form-errors';
import { parseForm } from '../../platform/http/forms';
import { currentSession, requireUser } from '../../platform/http/guards';
import type { Services } from '../../services';
import { requestMeta } from '../accounts/request-meta';
import { createShareCode } from './create-share-code';
import { holderSharing } from './holder-sharing';
import { revokeShareCode } from './revoke-share-code';
import { shareCodeReveal } from './share-code-reveal';
import { createShareSchema } from './share-schemas';
import { SharePage } from './views/share-page';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The holder's sharing page: create codes, revoke them, see every check of their proofs. */
export async function shareRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.addHook('preHandler', requireUser);
  const reveal = shareCodeReveal(services);

  app.get('/compte/partage', async (req, reply) => {
    const session = currentSession(req);
    // A code just created is shown on this one page load (see `share-code-reveal.ts`).
    const created = reveal.take(req, reply, session.user.id);
    return reply.page(<SharePage sharing={await holderSharing(services, session.user.id)} created={created ?? undefined} />);
  });

  app.post('/compte/partage', async (req, reply) => {
    const session = currentSession(req);
    const form = parseForm(createShareSchema, req.body);
    if (!form.ok) return reply.page(<SharePage sharing={await holderSharing(services, session.user.id)} values={form.values} errors={form.errors} />, 400);
    try {
      const created = await createShareCode(services, { holderId: session.user.id, purpose: form.data.purpose }, requestMeta(req));
      // POST → redirect → GET: reloading the page that shows the code must not create another.
      reveal.keep(reply, session.user.id, { ...created, purpose: form.data.purpose });
      return reply.seeOther('/compte/partage');
    } catch (err) {
      const sharing = await holderSharing(services, session.user.id);
      return showFormError(req, reply, err, (errors, formError) => <SharePage sharing={sharing} values={form.values} errors={errors} formError={formError} />);
    }
  });

  app.post<{ Params: { id: string } }>('/compte/partage/:id/revoquer', async (req, reply) => {
    const session = currentSession(req);
    if (!UUID.test(req.params.id)) throw new AppError('not_found');
    await revokeShareCode(services, { holderId: session.user.id, shareCodeId: req.params.id }, requestMeta(req));
    return reply.seeOther('/compte/partage', 'verification.flash.share_code_revoked');
  });
}
