import type { FastifyInstance } from 'fastify';
import { showFormError } from '../../platform/http/form-errors';
import { parseForm } from '../../platform/http/forms';
import type { Services } from '../../services';
import { checkShareCode } from './check-share-code';
import { checkShareSchema } from './share-schemas';
import { VerifierPage } from './views/verifier-page';

/** For verifiers (no account needed): check a share code against the holder's date of birth. */
export async function verifierRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/verifier-un-droit', async (_req, reply) => reply.page(<VerifierPage />));

  app.post('/verifier-un-droit', async (req, reply) => {
    const form = parseForm(checkShareSchema, req.body);
    if (!form.ok) return reply.page(<VerifierPage values={form.values} errors={form.errors} />, 400);
    try {
      const answer = await checkShareCode(services, form.data, { ip: req.ip });
      // The typed date of birth is not echoed back in the result page: the next check starts clean.
      const values = { organisation: form.values.organisation ?? '' };
      return reply.header('cache-control', 'no-store').page(<VerifierPage values={values} answer={answer} />, answer.outcome === 'not_found' ? 404 : 200);
    } catch (err) {
      return showFormError(req, reply, err, (errors, formError) => <VerifierPage values={form.values} errors={errors} formError={formError} />);
    }
  });
}
