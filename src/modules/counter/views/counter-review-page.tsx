import { PostForm } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { Application } from '../../applications/policy';
import type { StepProblems } from '../../applications/step-validation';
import { AnswersSummary } from '../../applications/views/answers-summary';
import { formatEuros, procedureTitle, stepTitle } from '../../applications/views/labels';
import { requiredDocuments } from '../../procedures/catalogue';
import type { Procedure } from '../../procedures/types';
import { CounterStepper, PersonLine } from './counter-steps';

/** Read back to the person before filing: every answer, the documents, then the filing button. */
export function CounterReviewPage(props: { filingId: string; personName: string; app: Application; procedure: Procedure; problems: StepProblems[]; missing: string[]; formError?: string | undefined }) {
  const { t, locale } = usePage();
  const { app, procedure } = props;
  const fixHref = (step: string) => (step === 'documents' ? `/bureau/guichet/${props.filingId}/pieces` : `/bureau/guichet/${props.filingId}/reponses`);
  return (
    <Layout title={t('counter.review.title')} hasErrors={Boolean(props.formError)}>
      <h1>{t('counter.review.title')}</h1>
      <PersonLine name={props.personName} />
      <CounterStepper step="review" />
      {props.formError && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <p>{props.formError}</p>
        </div>
      )}
      {props.problems.length > 0 && (
        <div class="fr-alert fr-alert--warning fr-mb-4w" role="status" id="review-problems">
          <h2 class="fr-alert__title">{t('applications.review.problems_title')}</h2>
          <ul>
            {props.problems.map((p) => (
              <li>
                <a href={fixHref(p.step)}>
                  {t(`applications.review.problem.${p.step === 'documents' ? 'documents' : 'step'}`, { step: stepTitle(procedure, p.step, t), count: p.missing?.length ?? Object.keys(p.errors).length })}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p class="fr-text--lead">{procedureTitle(procedure.id, t)}</p>
      <AnswersSummary app={app} procedure={procedure} headingLevel={2} changeHref={(step) => (step === 'documents' ? null : `/bureau/guichet/${props.filingId}/reponses`)} />
      <section class="fr-mb-4w" aria-labelledby="summary-documents">
        <h2 class="fr-h5" id="summary-documents">
          {t('applications.steps.documents.title')}
        </h2>
        <ul id="review-documents">
          {requiredDocuments(procedure, app.answers).map((kind) => (
            <li>{t(props.missing.includes(kind) ? 'applications.review.document_missing' : 'applications.review.document_present', { document: t(`documents.kinds.${kind}`) })}</li>
          ))}
        </ul>
        <a class="fr-link" href={`/bureau/guichet/${props.filingId}/pieces`}>
          {t('applications.documents.manage')}
        </a>
      </section>
      {procedure.fee && <p>{t('applications.fee.amount', { amount: formatEuros(procedure.fee.amountCents, locale) })}</p>}
      <p>{t('counter.review.declaration')}</p>
      {props.problems.length === 0 && (
        <PostForm action={`/bureau/guichet/${props.filingId}/deposer`}>
          <button type="submit" class="fr-btn fr-btn--lg" id="file-button">
            {t('counter.review.file')}
          </button>
        </PostForm>
      )}
    </Layout>
  );
}
