import type { FastifyInstance } from 'fastify';
import { formValues } from '../../platform/http/forms';
import { currentSession } from '../../platform/http/guards';
import { parisDate } from '../../platform/legal-dates';
import { requestMeta } from '../accounts/request-meta';
import { findProcedure } from '../procedures/catalogue';
import { loadProfile } from '../profile/load-profile';
import { myApplications } from './my-applications';
import { recommendProcedure } from './recommend-procedure';
import { detailQuestions, parseHolderStatus, parseRecommendationDetails, recommendationValuesFromProfile } from './recommendation-form';
import type { RouteDeps } from './routes';
import { startApplication } from './start-application';
import { stepPath, stepsFor } from './steps';
import { ApplicationsListPage } from './views/list-page';
import { NewApplicationPage, RecommendationPage, SituationDetailsPage } from './views/new-application-pages';

/** The answers of the questionnaire carried from page to page in the query string (GET forms: nothing changes until "start"). */
function carriedQuery(values: Record<string, string>): string {
  const keep = ['status', ...Object.values(detailQuestions).flat(), 'expires_on-day', 'expires_on-month', 'expires_on-year'];
  const params = new URLSearchParams();
  for (const k of keep) if (values[k]) params.set(k, values[k]);
  return params.toString();
}

/** My applications, and starting a new one: "what should I file?" or a direct choice. */
export async function listRoutes(app: FastifyInstance, { services, check }: RouteDeps) {
  app.get('/demarches', async (req, reply) => {
    const summaries = await myApplications(services, check, currentSession(req).user.id);
    return reply.page(<ApplicationsListPage summaries={summaries} />);
  });

  app.get('/demarches/nouvelle', async (req, reply) => {
    const query = formValues(req.query);
    const { profile } = await loadProfile(services.db, currentSession(req).user.id);
    return reply.page(<NewApplicationPage values={{ ...recommendationValuesFromProfile(profile), ...query }} />);
  });

  app.get('/demarches/nouvelle/situation', async (req, reply) => {
    const parsed = parseHolderStatus(req.query);
    if (!parsed.ok) return reply.page(<NewApplicationPage values={parsed.values} errors={parsed.errors} />, 400);
    const { profile } = await loadProfile(services.db, currentSession(req).user.id);
    // What the profile says comes first; anything already answered on these pages wins.
    return reply.page(<SituationDetailsPage status={parsed.status} values={{ ...recommendationValuesFromProfile(profile), ...parsed.values }} />);
  });

  app.get('/demarches/nouvelle/resultat', async (req, reply) => {
    const status = parseHolderStatus(req.query);
    if (!status.ok) return reply.page(<NewApplicationPage values={status.values} errors={status.errors} />, 400);
    const today = parisDate(services.clock.now());
    const details = parseRecommendationDetails(status.status, req.query, today);
    if (!details.ok) return reply.page(<SituationDetailsPage status={status.status} values={details.values} errors={details.errors} />, 400);
    const recommendation = recommendProcedure(details.answers, today);
    const expiresOn = details.answers.status === 'permit' ? details.answers.expiresOn : null;
    return reply.page(<RecommendationPage recommendation={recommendation} expiresOn={expiresOn} today={today} backQuery={carriedQuery(details.values)} />);
  });

  // Creating the draft: the only state change of this part. An unknown procedure is "not found".
  app.post('/demarches', async (req, reply) => {
    const posted = formValues(req.body);
    const procedureId = posted.procedure ?? '';
    const { procedure: _procedure, ...situation } = posted;
    const id = await startApplication(services, currentSession(req).user.id, procedureId, requestMeta(req), situation);
    const procedure = findProcedure(procedureId)!;
    return reply.seeOther(stepPath(id, stepsFor(procedure)[0]!));
  });
}
