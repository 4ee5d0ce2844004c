import { usePage } from '../../../../web/page-context';
import type { FormState } from '../../views/auth-pages';

export const hasErrors = (s: FormState) => Boolean(s.formError || (s.errors && Object.keys(s.errors).length > 0));

export function BackToAccount() {
  const { t } = usePage();
  return (
    <p class="fr-mt-4w">
      <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/compte">
        {t('contact.back_to_account')}
      </a>
    </p>
  );
}
