import { ErrorSummary, SelectField, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { documentKinds } from '../kinds';
import type { StoredDocument } from '../policy';
import { DocumentLink, FileField, UploadForm, UploadScript } from './document-parts';
import { refusalParams, type Refusal } from './refusal';

export interface VaultPageProps {
  documents: StoredDocument[];
  /** In how many applications each document currently serves. */
  usage: Map<string, number>;
  values?: FormValues | undefined;
  problem?: Refusal | undefined;
}

/** The person's vault: every document they sent, to reuse in any application, and a form to add one. */
export function VaultPage(props: VaultPageProps) {
  const { t } = usePage();
  const { problem } = props;
  const labels = { kind: t('documents.kind_label'), file: t('documents.add_file') };
  const errors: FieldErrors = problem && problem.field !== '_form' && problem.field !== 'documentId' ? { [problem.field]: { key: problem.key, params: refusalParams } } : {};
  const formError = problem?.field === '_form' ? t(problem.key, refusalParams) : undefined;
  const kindOptions = documentKinds.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }));
  return (
    <Layout title={t('documents.vault_title')} hasErrors={Boolean(problem)}>
      <h1>{t('documents.vault_title')}</h1>
      <p>{t('documents.vault_lead')}</p>
      <ErrorSummary errors={errors} labels={labels} formError={formError} />
      <section class="fr-mb-6w" aria-labelledby="ajout-titre">
        <h2 class="fr-h4" id="ajout-titre">
          {t('documents.vault_add_heading')}
        </h2>
        <UploadForm action="/compte/documents" id="envoi-coffre">
          <SelectField name="kind" label={labels.kind} options={kindOptions} values={props.values} errors={errors} />
          <FileField id="file" label={labels.file} error={errors.file ? t(errors.file.key, refusalParams) : undefined} />
          <button type="submit" class="fr-btn fr-mt-2w">
            {t('documents.upload_submit')}
          </button>
        </UploadForm>
      </section>
      <section aria-labelledby="conserves-titre">
        <h2 class="fr-h4" id="conserves-titre">
          {t('documents.vault_list_heading')}
        </h2>
        {props.documents.length === 0 ? (
          <p>{t('documents.vault_empty')}</p>
        ) : (
          <div class="fr-table fr-table--no-caption">
            <table>
              <caption>{t('documents.vault_list_heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('documents.vault_col_kind')}</th>
                  <th scope="col">{t('documents.vault_col_file')}</th>
                  <th scope="col">{t('documents.vault_col_usage')}</th>
                </tr>
              </thead>
              <tbody>
                {props.documents.map((d) => (
                  <tr>
                    <td>{t(`documents.kinds.${d.kind}`)}</td>
                    <td>
                      <DocumentLink doc={d} />
                    </td>
                    <td>{t('documents.vault_usage', { count: props.usage.get(d.id) ?? 0 })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p class="fr-mt-4w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/compte">
          {t('documents.back_to_account')}
        </a>
      </p>
      <UploadScript />
    </Layout>
  );
}
