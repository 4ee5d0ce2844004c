import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../platform/errors';
import { formValues } from '../../platform/http/forms';
import { currentSession } from '../../platform/http/guards';
import { parisDate } from '../../platform/legal-dates';
import type { FieldErrors } from '../../web/components/forms';
import { requestMeta } from '../accounts/request-meta';
import { findProcedure } from '../procedures/catalogue';
import type { Procedure } from '../procedures/types';
import { declaresMove } from './apply-declared-address';
import { missingDocuments } from './file-application';
import { ownApplication, type Application } from './policy';
import type { RouteDeps } from './routes';
import { saveDraft, saveFeeAndPhoto } from './save-draft';
import { answerStepErrors, feePhotoStepErrors } from './step-validation';
import { answersFromStepForm, stepFormValues } from './step-form';
import { pathAfter, stepFromSlug, stepsFor, type StepId } from './steps';
import { StepPage } from './views/step-page';

type StepRequest = { Params: { id: string; step: string }; Querystring: { verifier?: string; retour?: string } };

/** The application, its procedure and the step named in the URL; a step the procedure does not have is "not found". */
async function loadStep(deps: RouteDeps, req: FastifyRequest<StepRequest>): Promise<{ app: Application; procedure: Procedure; step: StepId }> {
  const app = await ownApplication(deps.services.db, currentSession(req).user.id, req.params.id);
  const procedure = findProcedure(app.procedureId)!;
  const step = stepFromSlug(req.params.step);
  if (!step || !stepsFor(procedure).includes(step)) throw new AppError('not_found');
  return { app, procedure, step };
}

/**
 * The form, one page per step. A step's POST first saves what was typed, valid or not, then
 * checks the step: on to the next page, or the same page with the problems and what was typed.
 * A filed application's steps lead to its file page: answers change there, by correction.
 */
export async function stepRoutes(app: FastifyInstance, deps: RouteDeps) {
  const { services, check } = deps;
  const today = () => parisDate(services.clock.now());

  async function renderStep(reply: FastifyReply, a: Application, procedure: Procedure, step: StepId, options: { values?: Record<string, string>; errors?: FieldErrors; backToReview: boolean; status?: number }) {
    const missing = step === 'documents' ? await missingDocuments(services.db, a, procedure) : undefined;
    return reply.page(
      <StepPage
        app={a}
        procedure={procedure}
        step={step}
        values={options.values ?? stepFormValues(procedure, step, a)}
        errors={options.errors}
        missing={missing}
        today={today()}
        backToReview={options.backToReview}
        declaresMove={declaresMove(procedure, a.answers)}
      />,
      options.status,
    );
  }

  app.get<StepRequest>('/demarches/:id/etape/:step', async (req, reply) => {
    const { app: a, procedure, step } = await loadStep(deps, req);
    if (a.status !== 'draft') return reply.seeOther(`/demarches/${a.id}`);
    // `verifier=1`: sent here by the review or a refused filing; show what is wrong with what is saved.
    let errors: FieldErrors = {};
    if (req.query.verifier === '1') {
      if (step === 'fee_photo') errors = await feePhotoStepErrors(check, a, procedure);
      else if (step !== 'documents') errors = answerStepErrors(procedure, step, a.answers, today());
    }
    return renderStep(reply, a, procedure, step, { errors, backToReview: req.query.retour === 'verification' });
  });

  app.post<StepRequest>('/demarches/:id/etape/:step', async (req, reply) => {
    const session = currentSession(req);
    const { app: a, procedure, step } = await loadStep(deps, req);
    if (a.status !== 'draft') return reply.seeOther(`/demarches/${a.id}`);
    const posted = formValues(req.body);
    const backToReview = posted.retour === 'verification';
    const later = posted.action === 'later';
    if (step === 'documents') return reply.seeOther(pathAfter(procedure, a.id, step));

    let errors: FieldErrors = {};
    let shown: Application = a;
    try {
      if (step === 'fee_photo') {
        const input = { timbre: posted.timbre ?? '', ephoto: posted.ephoto ?? '' };
        await saveFeeAndPhoto(services, session.user.id, a.id, input, requestMeta(req));
        shown = { ...a, timbreReference: input.timbre, ephotoCode: input.ephoto };
        if (!later) errors = await feePhotoStepErrors(check, shown, procedure);
      } else {
        const input = answersFromStepForm(procedure, step, req.body);
        await saveDraft(services, session.user.id, a.id, input, requestMeta(req));
        shown = { ...a, answers: { ...a.answers, ...input } };
        if (!later) errors = answerStepErrors(procedure, step, shown.answers, today());
      }
    } catch (err) {
      // Filed from another tab in the meantime: its answers now change by correction, on the file page.
      if (isAppError(err) && err.code === 'conflict') return reply.seeOther(`/demarches/${a.id}`);
      throw err;
    }
    if (later) return reply.seeOther('/demarches', 'applications.flash.draft_saved');
    if (Object.keys(errors).length > 0) return renderStep(reply, shown, procedure, step, { values: posted, errors, backToReview, status: 400 });
    return reply.seeOther(backToReview ? `/demarches/${a.id}/verification` : pathAfter(procedure, a.id, step));
  });
}
