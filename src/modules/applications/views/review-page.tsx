import type { CalendarDate } from '../../../platform/legal-dates';
import { isCalendarDate } from '../../../platform/legal-dates';
import { PostForm } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { requiredDocuments } from '../../procedures/catalogue';
import type { Procedure } from '../../procedures/types';
import type { Application } from '../policy';
import type { StepProblems } from '../step-validation';
import { stepPath } from '../steps';
import { AnswersSummary } from './answers-summary';
import { formatEuros, procedureTitle, stepTitle } from './labels';
import { RenewalTimingNotice } from './renewal-timing';

/** What still stands in the way of filing, one link per step concerned. */
function Problems(props: { app: Application; procedure: Procedure; problems: StepProblems[] }) {
  const { t } = usePage();
  if (props.problems.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--warning fr-mb-4w" role="status" id="review-problems">
      <h2 class="fr-alert__title">{t('applications.review.problems_title')}</h2>
      <ul>
        {props.problems.map((p) => (
          <li>
            <a href={`${stepPath(props.app.id, p.step)}?verifier=1&retour=verification`}>
              {t(`applications.review.problem.${p.step === 'documents' ? 'documents' : 'step'}`, { step: stepTitle(props.procedure, p.step, t), count: p.missing?.length ?? Object.keys(p.errors).length })}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The review before filing: every answer with a link to change it, the documents, and the button that files. */
export function ReviewPage(props: { app: Application; procedure: Procedure; problems: StepProblems[]; missing: string[]; today: CalendarDate }) {
  const { t, locale } = usePage();
  const { app, procedure } = props;
  const expiry = app.answers.permit_expires_on;
  const documents = requiredDocuments(procedure, app.answers);
  return (
    <Layout title={t('applications.review.title')}>
      <h1>{t('applications.review.title')}</h1>
      <p class="fr-text--lead">{procedureTitle(procedure.id, t)}</p>
      <Problems app={app} procedure={procedure} problems={props.problems} />
      <AnswersSummary app={app} procedure={procedure} headingLevel={2} changeHref={(step) => `${stepPath(app.id, step)}?retour=verification`} />
      <section class="fr-mb-4w" aria-labelledby="summary-documents">
        <h2 class="fr-h5" id="summary-documents">
          {t('applications.steps.documents.title')}
        </h2>
        <ul id="review-documents">
          {documents.map((kind) => (
            <li>{t(props.missing.includes(kind) ? 'applications.review.document_missing' : 'applications.review.document_present', { document: t(`documents.kinds.${kind}`) })}</li>
          ))}
        </ul>
        <a class="fr-link fr-icon-edit-line fr-link--icon-left" href={`/demarches/${app.id}/pieces`}>
          {t('applications.documents.manage')}
        </a>
      </section>
      {procedure.kind === 'renewal' && expiry && isCalendarDate(expiry) && <RenewalTimingNotice expiresOn={expiry} today={props.today} fee={procedure.fee} />}
      {procedure.fee && <p>{t('applications.fee.amount', { amount: formatEuros(procedure.fee.amountCents, locale) })}</p>}
      <p>{t('applications.review.declaration')}</p>
      <PostForm action={`/demarches/${app.id}/deposer`}>
        <button type="submit" class="fr-btn fr-btn--lg" id="file-button">
          {t('applications.review.file')}
        </button>
      </PostForm>
    </Layout>
  );
}
