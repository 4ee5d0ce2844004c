import type { FastifyInstance } from 'fastify';
import { isAppError } from '../../platform/errors';
import { currentSession } from '../../platform/http/guards';
import { parisDate } from '../../platform/legal-dates';
import { requestMeta } from '../accounts/request-meta';
import { findProcedure } from '../procedures/catalogue';
import { fileApplication, missingDocuments } from './file-application';
import { ownApplication } from './policy';
import { ownApplicationWithDocuments } from './own-application-with-documents';
import type { RouteDeps } from './routes';
import { draftProblems } from './step-validation';
import { stepOfField, stepPath } from './steps';
import { ReviewPage } from './views/review-page';

type IdRequest = { Params: { id: string } };

/** The review of a draft, and filing it. */
export async function filingRoutes(app: FastifyInstance, { services, check }: RouteDeps) {
  app.get<IdRequest>('/demarches/:id/verification', async (req, reply) => {
    const a = await ownApplication(services.db, currentSession(req).user.id, req.params.id);
    if (a.status !== 'draft') return reply.seeOther(`/demarches/${a.id}`);
    const procedure = findProcedure(a.procedureId)!;
    const today = parisDate(services.clock.now());
    const [problems, missing] = await Promise.all([draftProblems(services.db, check, a, procedure, today), missingDocuments(services.db, a, procedure)]);
    return reply.page(<ReviewPage app={a} procedure={procedure} problems={problems} missing={missing} today={today} />);
  });

  /**
   * Files the draft. What is wrong sends the person to the step concerned, with the problems
   * shown there. Filing twice (a double click, a retry, two tabs) files once and shows the same
   * file page: `fileApplication` finds it filed and returns the same reference.
   */
  app.post<IdRequest>('/demarches/:id/deposer', async (req, reply) => {
    const userId = currentSession(req).user.id;
    // The application and its documents in one round trip: what the checks below need.
    const { app: a, presentKinds } = await ownApplicationWithDocuments(services, userId, req.params.id);
    const procedure = findProcedure(a.procedureId)!;
    const toStep = (step: Parameters<typeof stepPath>[1]) => reply.seeOther(`${stepPath(a.id, step)}?verifier=1&retour=verification`, 'applications.flash.fix_before_filing');
    if (a.status === 'draft') {
      // The issuing services are asked before the transaction: no row stays locked on a network call.
      const [first] = await draftProblems(services.db, check, a, procedure, parisDate(services.clock.now()), presentKinds);
      if (first) return toStep(first.step);
    }
    try {
      const result = await fileApplication(services, userId, a.id, requestMeta(req));
      return reply.seeOther(`/demarches/${a.id}`, result.firstFiling ? 'applications.flash.filed' : undefined);
    } catch (err) {
      // Answers changed in another tab between the check above and the filing.
      const fields = isAppError(err) && err.code === 'validation_failed' ? err.options.fields : undefined;
      const first = fields ? Object.keys(fields)[0] : undefined;
      if (first) return toStep(stepOfField(procedure, first));
      throw err;
    }
  });
}
