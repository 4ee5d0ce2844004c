import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { desc } from 'drizzle-orm';
import { attestations, decisions, prefectures } from '../../db/schema';
import { openDocumentRequest } from '../backoffice/document-request-state';
import { forecastText } from '../attestations/forecast-text';
import { nextProofForecast } from '../attestations/forecast';
import { loadIssuanceContext } from '../attestations/load-issuance-facts';
import { AppError, isAppError } from '../../platform/errors';
import { showFormError } from '../../platform/http/form-errors';
import { formValues } from '../../platform/http/forms';
import { currentSession } from '../../platform/http/guards';
import { parisDate } from '../../platform/legal-dates';
import { requestMeta } from '../accounts/request-meta';
import { findProcedure } from '../procedures/catalogue';
import { applicationHistory, APPLICATION_HISTORY_LIMIT } from './application-history';
import { declaresMove } from './apply-declared-address';
import { correctAnswers } from './correct-answers';
import { missingDocuments } from './file-application';
import { nextStep } from './my-applications';
import { ownApplication } from './policy';
import type { RouteDeps } from './routes';
import { answerStepErrors } from './step-validation';
import { answersFromStepForm, stepFormValues } from './step-form';
import { answerStepIds, stepFromSlug, stepPath, stepsFor, type StepId } from './steps';
import { withdrawApplication } from './withdraw-application';
import { loadHandover } from '../appointments/load-handover';
import { isSealed } from './workflow';
import { CorrectionPage, WithdrawPage } from './views/amend-pages';
import { FilePage } from './views/file-page';

type IdRequest = { Params: { id: string } };
type StepRequest = { Params: { id: string; step: string } };

/** The file page, and what can still be done on a filed application: correct answers, withdraw. */
export async function fileRoutes(app: FastifyInstance, { services, check }: RouteDeps) {
  const today = () => parisDate(services.clock.now());

  app.get<IdRequest>('/demarches/:id', async (req, reply) => {
    const userId = currentSession(req).user.id;
    const a = await ownApplication(services.db, userId, req.params.id);
    const procedure = findProcedure(a.procedureId)!;
    const [missing, history, next, prefecture] = await Promise.all([
      missingDocuments(services.db, a, procedure),
      applicationHistory(services.db, services.i18n, userId, a.id),
      nextStep(services, check, a, procedure),
      a.prefectureCode ? services.db.select({ name: prefectures.name }).from(prefectures).where(eq(prefectures.code, a.prefectureCode)) : Promise.resolve([]),
    ]);
    const [proofs, documentRequest, [decision], handover] = await Promise.all([
      services.db.select().from(attestations).where(eq(attestations.applicationId, a.id)).orderBy(desc(attestations.issuedAt)),
      openDocumentRequest(services.db, a.id),
      a.decision ? services.db.select({ outcome: decisions.outcome, withOqtf: decisions.withOqtf }).from(decisions).where(eq(decisions.applicationId, a.id)) : Promise.resolve([]),
      a.decision === 'favourable' ? loadHandover(services.db, a.id) : Promise.resolve(null),
    ]);
    // What happens next, told in advance: only for a filed renewal, where continuity is promised.
    const context = a.filedAt ? await loadIssuanceContext(services.db, a.id) : null;
    const forecast = context && context.facts.procedure === 'renewal' ? forecastText(nextProofForecast(context.facts, context.existing, today()), req.t, req.locale) : null;
    return reply.page(
      <FilePage
        app={a}
        procedure={procedure}
        prefectureName={prefecture[0]?.name ?? null}
        missing={missing}
        next={next}
        history={history}
        historyTruncated={history.length >= APPLICATION_HISTORY_LIMIT}
        today={today()}
        attestations={proofs}
        forecast={forecast}
        documentRequest={documentRequest}
        decision={decision ?? null}
        handover={handover}
      />,
    );
  });

  /** The correctable step named in the URL; a draft is edited in its form, a sealed file not at all. */
  async function correctable(req: FastifyRequest<StepRequest>) {
    const a = await ownApplication(services.db, currentSession(req).user.id, req.params.id);
    const procedure = findProcedure(a.procedureId)!;
    const step = stepFromSlug(req.params.step);
    if (!step || !answerStepIds.includes(step) || !stepsFor(procedure).includes(step)) throw new AppError('not_found');
    const redirect = a.status === 'draft' ? stepPath(a.id, step) : isSealed(a.status) ? `/demarches/${a.id}` : null;
    return { a, procedure, step: step as StepId, redirect };
  }

  app.get<StepRequest>('/demarches/:id/corriger/:step', async (req, reply) => {
    const { a, procedure, step, redirect } = await correctable(req);
    if (redirect) return reply.seeOther(redirect);
    return reply.page(<CorrectionPage app={a} procedure={procedure} step={step} values={stepFormValues(procedure, step, a)} declaresMove={declaresMove(procedure, a.answers)} />);
  });

  app.post<StepRequest>('/demarches/:id/corriger/:step', async (req, reply) => {
    const { a, procedure, step, redirect } = await correctable(req);
    if (redirect) return reply.seeOther(redirect);
    const input = answersFromStepForm(procedure, step, req.body);
    const merged = { ...a.answers, ...input };
    const values = formValues(req.body);
    const page = (errors: Parameters<typeof CorrectionPage>[0]['errors'], formError?: string) => (
      <CorrectionPage app={a} procedure={procedure} step={step} values={values} errors={errors} formError={formError} declaresMove={declaresMove(procedure, merged)} />
    );
    // A filed application only holds valid answers: a correction is checked before anything is written.
    const errors = answerStepErrors(procedure, step, merged, today());
    if (Object.keys(errors).length > 0) return reply.page(page(errors), 400);
    try {
      const changes = await correctAnswers(services, currentSession(req).user.id, a.id, input, requestMeta(req));
      return reply.seeOther(`/demarches/${a.id}`, changes.length > 0 ? 'applications.flash.corrected' : 'applications.flash.unchanged');
    } catch (err) {
      // Decided or withdrawn in the meantime: the file page says so.
      if (isAppError(err) && err.code === 'conflict') return reply.seeOther(`/demarches/${a.id}`, 'applications.flash.sealed');
      return showFormError(req, reply, err, page);
    }
  });

  app.get<IdRequest>('/demarches/:id/retrait', async (req, reply) => {
    const a = await ownApplication(services.db, currentSession(req).user.id, req.params.id);
    if (a.status === 'draft' || isSealed(a.status)) return reply.seeOther(`/demarches/${a.id}`);
    return reply.page(<WithdrawPage app={a} procedure={findProcedure(a.procedureId)!} />);
  });

  app.post<IdRequest>('/demarches/:id/retrait', async (req, reply) => {
    await withdrawApplication(services, currentSession(req).user.id, req.params.id, requestMeta(req));
    return reply.seeOther(`/demarches/${req.params.id}`, 'applications.flash.withdrawn');
  });
}
