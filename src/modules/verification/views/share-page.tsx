import { Layout } from '../../../web/layout';
import { ErrorSummary, PostForm, RadioGroup, SubmitButton, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { usePage } from '../../../web/page-context';
import { sharePurposes } from '../../../db/schema';
import type { holderSharing } from '../holder-sharing';

type Sharing = Awaited<ReturnType<typeof holderSharing>>;

/**
 * "Share my right": create a code for one purpose (shown once), see and revoke the codes, and
 * read who checked my proofs — by share code or by the attestation's own code.
 */
export function SharePage(props: { sharing: Sharing; created?: { code: string; expiresAt: Date; purpose: string }; values?: FormValues; errors?: FieldErrors; formError?: string }) {
  const { t, locale } = usePage();
  const errors = props.errors ?? {};
  const when = (d: Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(d);
  const day = (d: Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(d);
  const purposeOptions = sharePurposes.map((p) => ({ value: p, label: t(`verification.purpose.${p}`) }));
  return (
    <Layout title={t('verification.share.title')} hasErrors={Object.keys(errors).length > 0 || Boolean(props.formError)}>
      <h1>{t('verification.share.title')}</h1>
      <p>{t('verification.share.intro')}</p>
      {props.created && (
        <div class="fr-alert fr-alert--success fr-mb-4w" role="status">
          <h2 class="fr-alert__title">{t('verification.share.created_title')}</h2>
          <p>
            {t('verification.share.created_code')} <strong class="sesame-code" id="share-code">{props.created.code}</strong>
          </p>
          <p>{t('verification.share.created_details', { purpose: t(`verification.purpose.${props.created.purpose}`), date: day(props.created.expiresAt) })}</p>
          <p>{t('verification.share.created_once')}</p>
        </div>
      )}

      <section aria-labelledby="create-heading" class="fr-mb-5w">
        <h2 id="create-heading" class="fr-h4">{t('verification.share.create_heading')}</h2>
        <ErrorSummary errors={errors} labels={{ purpose: t('verification.share.purpose_legend') }} formError={props.formError} />
        <PostForm action="/compte/partage">
          <RadioGroup name="purpose" legend={t('verification.share.purpose_legend')} options={purposeOptions} values={props.values} errors={errors} />
          <SubmitButton label={t('verification.share.create_submit')} />
        </PostForm>
      </section>

      <section aria-labelledby="codes-heading" class="fr-mb-5w">
        <h2 id="codes-heading" class="fr-h4">{t('verification.share.codes_heading')}</h2>
        {props.sharing.codes.length === 0 ? (
          <p>{t('verification.share.no_codes')}</p>
        ) : (
          <ul class="fr-raw-list">
            {props.sharing.codes.map((c) => (
              <li class="fr-mb-2w">
                <p class="fr-mb-1v">
                  <strong>{t(`verification.purpose.${c.purpose}`)}</strong>
                  {' — '}
                  {t(`verification.share.state.${c.state}`, { date: day(c.state === 'revoked' && c.revokedAt ? c.revokedAt : c.expiresAt) })}
                </p>
                <p class="fr-text--sm fr-mb-1v">{t('verification.share.created_on', { date: when(c.createdAt) })}</p>
                {c.state === 'active' && (
                  <PostForm action={`/compte/partage/${c.id}/revoquer`}>
                    <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
                      {t('verification.share.revoke')}
                      <span class="fr-sr-only">{` — ${t(`verification.purpose.${c.purpose}`)}, ${t('verification.share.created_on', { date: when(c.createdAt) })}`}</span>
                    </button>
                  </PostForm>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="checks-heading">
        <h2 id="checks-heading" class="fr-h4">{t('verification.share.checks_heading')}</h2>
        {props.sharing.checks.length === 0 ? (
          <p>{t('verification.share.no_checks')}</p>
        ) : (
          <div class="fr-table fr-table--no-caption">
            {/* Focusable: on a phone the table scrolls sideways, and a keyboard must reach it. */}
            <table id="checks" tabIndex={0}>
              <caption>{t('verification.share.checks_heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('verification.share.col_when')}</th>
                  <th scope="col">{t('verification.share.col_who')}</th>
                  <th scope="col">{t('verification.share.col_what')}</th>
                  <th scope="col">{t('verification.share.col_outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {props.sharing.checks.map((c) => (
                  <tr>
                    <td>{when(c.at)}</td>
                    <td>{c.verifierName ?? t(c.channel === 'api' ? 'verification.share.anonymous_api' : 'verification.share.anonymous_page')}</td>
                    <td>
                      {c.purpose
                        ? t('verification.share.what_share', { purpose: t(`verification.purpose.${c.purpose}`) })
                        : t('verification.share.what_attestation', { kind: t(`verification.kind.${c.attestationKind ?? 'apri'}`), code: c.attestationCode ?? '' })}
                    </td>
                    <td>{t(`verification.outcome.${c.outcome}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}
