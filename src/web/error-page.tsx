import { Layout } from './layout';
import { usePage } from './page-context';

/** 404, 500 and friends: a plain sentence, what to do next, and for 500 a reference to quote. */
export function ErrorPage(props: { status: number; titleKey: string; messageKey: string; params?: Record<string, string>; reference?: string }) {
  const { t } = usePage();
  return (
    <Layout title={t(props.titleKey)}>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <h1>{t(props.titleKey)}</h1>
          <p class="fr-text--sm fr-mb-3w">{t('errors.status_code', { status: props.status })}</p>
          <p class="fr-text--lead fr-mb-3w">{t(props.messageKey, props.params)}</p>
          {props.reference && <p>{t('errors.reference', { reference: props.reference })}</p>}
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <a class="fr-btn" href="/">
                {t('errors.back_home')}
              </a>
            </li>
          </ul>
        </div>
      </div>
    </Layout>
  );
}
