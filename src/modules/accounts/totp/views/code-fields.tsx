import { TextField } from '../../../../web/components/forms';
import { usePage } from '../../../../web/page-context';
import type { FormState } from '../../views/auth-pages';

/** The one field of every second-factor form; its label also names it in the error summary. */
export const useCodeLabels = () => ({ code: usePage().t('totp.code_label') });

/** A code from the authenticator app only (enrolment, new recovery codes). */
export function AppCodeField(s: FormState) {
  const { t } = usePage();
  return (
    <TextField name="code" label={t('totp.code_label')} hint={t('totp.code_hint')} inputMode="numeric" autocomplete="one-time-code" values={s.values} errors={s.errors} maxLength={10} />
  );
}

/** A code from the app or a recovery code (login, turning the factor off): letters allowed, so no numeric keyboard. */
export function AnyCodeField(s: FormState) {
  const { t } = usePage();
  return (
    <TextField
      name="code"
      label={t('totp.code_label')}
      hint={t('totp.code_or_recovery_hint')}
      autocomplete="one-time-code"
      values={s.values}
      errors={s.errors}
      maxLength={40}
      spellcheck={false}
    />
  );
}
