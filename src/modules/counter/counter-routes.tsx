import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../platform/errors';
import { formValues, parseForm } from '../../platform/http/forms';
import { requireRole } from '../../platform/http/guards';
import { parisDate } from '../../platform/legal-dates';
import type { FieldErrors, FormValues } from '../../web/components/forms';
import type { Services } from '../../services';
import { requestMeta } from '../accounts/request-meta';
import { simulatedFeeAndPhotoCheck } from '../applications/fee-and-photo-check';
import { missingDocuments } from '../applications/file-application';
import type { Application } from '../applications/policy';
import { saveDraft, saveFeeAndPhoto } from '../applications/save-draft';
import { answerStepErrors, draftProblems, feePhotoStepErrors } from '../applications/step-validation';
import { answersFromStepForm, stepFormValues } from '../applications/step-form';
import { answerStepIds, stepsFor } from '../applications/steps';
import { areaRoles } from '../backoffice/agent-roles';
import { loadOfficeAgent } from '../backoffice/office-access';
import { findProcedure } from '../procedures/catalogue';
import type { Procedure } from '../procedures/types';
import { chooseCounterProcedure } from './choose-procedure';
import { personName, recentCounterFilings } from './counter-queries';
import { fileAtCounter } from './file-at-counter';
import { openCounterFiling } from './open-counter-filing';
import { counterApplicationForAgent, counterFilingForAgent } from './policy';
import { parseIdentityForm, procedureForm } from './schemas';
import { AnswersPage } from './views/answers-page';
import { CounterHomePage } from './views/counter-home-page';
import { CounterReviewPage } from './views/counter-review-page';
import { IdentityPage } from './views/identity-page';
import { ProcedurePage } from './views/procedure-page';

type IdParams = { Params: { id: string } };

const toFieldErrors = (fields: Record<string, string>): FieldErrors => Object.fromEntries(Object.entries(fields).map(([f, key]) => [f, { key }]));

/** The answer steps of a procedure that the counter's one-page form shows, fee and photo included. */
const counterSteps = (procedure: Procedure) => stepsFor(procedure).filter((s) => answerStepIds.includes(s) || s === 'fee_photo');

/**
 * Filing at the counter (`/bureau/guichet`), step by step: identity checked, procedure,
 * answers, documents (`counter-document-routes.tsx`), review, filing — each step through the
 * use cases of online filing, on the person's own applicant account.
 */
export async function counterRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const desk = { preHandler: requireRole(areaRoles.counter) };
  const today = () => parisDate(services.clock.now());

  app.get('/bureau/guichet', desk, async (req, reply) => {
    const agent = await loadOfficeAgent(services.db, requestMeta(req).actor, areaRoles.counter);
    return reply.page(<CounterHomePage items={await recentCounterFilings(services.db, agent.prefectureCode)} />);
  });

  app.get('/bureau/guichet/nouveau', desk, async (req, reply) => {
    await loadOfficeAgent(services.db, requestMeta(req).actor, areaRoles.counter);
    return reply.page(<IdentityPage />);
  });

  app.post('/bureau/guichet/nouveau', desk, async (req, reply) => {
    const form = parseIdentityForm(req.body, today());
    if (!form.ok) return reply.page(<IdentityPage values={form.values} errors={form.errors} />, 400);
    try {
      const { filingId } = await openCounterFiling(services, form.data, requestMeta(req));
      return reply.seeOther(`/bureau/guichet/${filingId}/demarche`, 'counter.flash.identity_recorded');
    } catch (err) {
      if (!isAppError(err) || !err.options.fields) throw err;
      return reply.page(<IdentityPage values={formValues(req.body)} errors={toFieldErrors(err.options.fields)} />, err.status);
    }
  });

  app.get<IdParams>('/bureau/guichet/:id/demarche', desk, async (req, reply) => {
    const { filing } = await counterFilingForAgent(services.db, req.params.id, requestMeta(req).actor);
    if (filing.applicationId) return reply.seeOther(`/bureau/guichet/${filing.id}/reponses`);
    return reply.page(<ProcedurePage filingId={filing.id} personName={await personName(services.db, filing.applicantId)} />);
  });

  app.post<IdParams>('/bureau/guichet/:id/demarche', desk, async (req, reply) => {
    const { filing } = await counterFilingForAgent(services.db, req.params.id, requestMeta(req).actor);
    const form = parseForm(procedureForm, req.body);
    try {
      if (!form.ok) throw new AppError('validation_failed', { fields: { procedureId: 'counter.errors.choose_procedure' } });
      await chooseCounterProcedure(services, filing.id, form.data.procedureId, requestMeta(req));
    } catch (err) {
      if (!isAppError(err) || !err.options.fields) throw err;
      return reply.page(<ProcedurePage filingId={filing.id} personName={await personName(services.db, filing.applicantId)} errors={toFieldErrors(err.options.fields)} />, 400);
    }
    return reply.seeOther(`/bureau/guichet/${filing.id}/reponses`);
  });

  /** The counter filing's draft with its procedure; a filed one leads to its receipt. */
  async function draftOf(req: FastifyRequest<IdParams>, reply: FastifyReply) {
    const found = await counterApplicationForAgent(services.db, req.params.id, requestMeta(req).actor);
    if (found.app.status !== 'draft') {
      await reply.seeOther(`/bureau/guichet/${found.filing.id}/recu`);
      return null;
    }
    return { ...found, procedure: findProcedure(found.app.procedureId)!, name: await personName(services.db, found.filing.applicantId) };
  }

  const savedValues = (app: Application, procedure: Procedure): FormValues => Object.assign({}, ...counterSteps(procedure).map((s) => stepFormValues(procedure, s, app)));

  app.get<IdParams>('/bureau/guichet/:id/reponses', desk, async (req, reply) => {
    const d = await draftOf(req, reply);
    if (!d) return reply;
    return reply.page(<AnswersPage filingId={d.filing.id} personName={d.name} app={d.app} procedure={d.procedure} values={savedValues(d.app, d.procedure)} />);
  });

  app.post<IdParams>('/bureau/guichet/:id/reponses', desk, async (req, reply) => {
    const d = await draftOf(req, reply);
    if (!d) return reply;
    const { procedure } = d;
    const meta = requestMeta(req);
    const posted = formValues(req.body);
    // Saved as typed first, valid or not: nothing typed at the desk is lost.
    const answers = Object.assign({}, ...counterSteps(procedure).filter((s) => s !== 'fee_photo').map((s) => answersFromStepForm(procedure, s, req.body))) as Record<string, string>;
    await saveDraft(services, d.filing.applicantId, d.app.id, answers, meta);
    const withFee = counterSteps(procedure).includes('fee_photo');
    if (withFee) await saveFeeAndPhoto(services, d.filing.applicantId, d.app.id, { timbre: posted.timbre ?? '', ephoto: posted.ephoto ?? '' }, meta);
    if (posted.action === 'later') return reply.seeOther('/bureau/guichet', 'counter.flash.saved');
    const shown: Application = { ...d.app, answers: { ...d.app.answers, ...answers }, timbreReference: posted.timbre ?? d.app.timbreReference, ephotoCode: posted.ephoto ?? d.app.ephotoCode };
    const errors: FieldErrors = {};
    for (const step of counterSteps(procedure)) {
      Object.assign(errors, step === 'fee_photo' ? await feePhotoStepErrors(simulatedFeeAndPhotoCheck, shown, procedure) : answerStepErrors(procedure, step, shown.answers, today()));
    }
    if (Object.keys(errors).length > 0) return reply.page(<AnswersPage filingId={d.filing.id} personName={d.name} app={shown} procedure={procedure} values={posted} errors={errors} />, 400);
    return reply.seeOther(`/bureau/guichet/${d.filing.id}/pieces`);
  });

  async function reviewPage(req: FastifyRequest<IdParams>, reply: FastifyReply, formError?: string, status = 200) {
    const d = await draftOf(req, reply);
    if (!d) return reply;
    const [problems, missing] = await Promise.all([draftProblems(services.db, simulatedFeeAndPhotoCheck, d.app, d.procedure, today()), missingDocuments(services.db, d.app, d.procedure)]);
    return reply.page(<CounterReviewPage filingId={d.filing.id} personName={d.name} app={d.app} procedure={d.procedure} problems={problems} missing={missing} formError={formError} />, status);
  }

  app.get<IdParams>('/bureau/guichet/:id/verification', desk, async (req, reply) => reviewPage(req, reply));

  app.post<IdParams>('/bureau/guichet/:id/deposer', desk, async (req, reply) => {
    const { filing, app: draft } = await counterApplicationForAgent(services.db, req.params.id, requestMeta(req).actor);
    if (draft.status === 'draft') {
      // The issuing services are asked before the transaction, as online.
      const [first] = await draftProblems(services.db, simulatedFeeAndPhotoCheck, draft, findProcedure(draft.procedureId)!, today());
      if (first) return reviewPage(req, reply, req.t('counter.errors.not_ready'), 400);
    }
    try {
      const result = await fileAtCounter(services, filing.id, requestMeta(req));
      return reply.seeOther(`/bureau/guichet/${filing.id}/recu`, result.firstFiling ? 'counter.flash.filed' : undefined);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      const key = err.options.fields?.postcode ?? 'counter.errors.not_ready';
      return reviewPage(req, reply, req.t(key), 400);
    }
  });
}
