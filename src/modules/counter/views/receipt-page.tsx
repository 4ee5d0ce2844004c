import { PostForm } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { formatDateTime, procedureTitle } from '../../applications/views/labels';
import type { CounterReceipt } from '../load-receipt';

/**
 * After filing at the desk: the file number, the claim code to hand over, the receipt to print
 * and, once issued, the signed attestations (the *attestation de dépôt* first) to print for a
 * person who does not use Sésame online.
 */
export function ReceiptPage(props: { receipt: CounterReceipt; publicUrl: string }) {
  const { t, locale } = usePage();
  const r = props.receipt;
  const base = `/bureau/guichet/${r.filing.id}`;
  return (
    <Layout title={t('counter.receipt.title')}>
      <h1>{t('counter.receipt.title')}</h1>
      <p class="fr-text--lead" id="counter-person">
        {t('counter.filing_for', { name: `${r.person.givenNames} ${r.person.surname}`.trim() })}
      </p>
      <dl class="fr-mb-4w">
        <dt class="fr-text--bold fr-mb-0">{t('applications.file.reference')}</dt>
        <dd class="fr-mb-2w fr-ml-0 sesame-code" id="file-reference">
          {r.app.reference}
        </dd>
        <dt class="fr-text--bold fr-mb-0">{t('counter.receipt.procedure')}</dt>
        <dd class="fr-mb-2w fr-ml-0">{procedureTitle(r.procedure.id, t)}</dd>
        {r.app.filedAt && (
          <>
            <dt class="fr-text--bold fr-mb-0">{t('applications.file.filed_at')}</dt>
            <dd class="fr-mb-2w fr-ml-0">{formatDateTime(r.app.filedAt, locale)}</dd>
          </>
        )}
        <dt class="fr-text--bold fr-mb-0">{t('counter.receipt.identity')}</dt>
        <dd class="fr-mb-2w fr-ml-0">{t('counter.pdf.identity_value', { document: t(`counter.id_documents.${r.filing.idDocumentKind}`), at: formatDateTime(r.filing.identityCheckedAt, locale) })}</dd>
      </dl>

      {r.claimCode ? (
        <div class="fr-callout fr-mb-4w">
          <h2 class="fr-callout__title">{t('counter.receipt.claim_heading')}</h2>
          <p class="fr-callout__text sesame-code" id="claim-code">
            {r.claimCode}
          </p>
          <p>{t('counter.receipt.claim_text', { url: `${props.publicUrl}/demarches/rattacher` })}</p>
        </div>
      ) : (
        <div class="fr-alert fr-alert--warning fr-mb-4w">
          <p>{t('counter.receipt.no_code')}</p>
        </div>
      )}

      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href={`${base}/recu.pdf`} id="print-receipt">
            {t('counter.receipt.print')}
          </a>
        </li>
        <li>
          <PostForm action={`${base}/nouveau-code`}>
            <button type="submit" class="fr-btn fr-btn--tertiary">
              {r.claimCode ? t('counter.receipt.new_code') : t('counter.receipt.issue_code')}
            </button>
          </PostForm>
        </li>
      </ul>

      <h2 class="fr-mt-4w">{t('counter.receipt.attestations')}</h2>
      {r.attestations.length === 0 ? (
        <p>{t('counter.receipt.no_attestations')}</p>
      ) : (
        <ul id="counter-attestations">
          {r.attestations.map((a) => (
            <li>
              <a class="fr-link" href={`${base}/attestations/${a.publicId}.pdf`}>
                {t(`counter.receipt.attestation.${a.kind}`, { date: formatDateTime(a.issuedAt, locale) })}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p class="fr-mt-4w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/bureau/guichet">
          {t('counter.receipt.back')}
        </a>
      </p>
    </Layout>
  );
}
