import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { FileDocument } from '../desk/view-file-documents';
import { formatSize } from '../../documents/views/document-parts';

/** The documents of the file a request is about, for a support agent the policy allows; each opening is audited. */
export function DeskDocumentsPage(p: { reference: string; documents: FileDocument[] }) {
  const { t, locale } = usePage();
  const base = `/support/demandes/${p.reference}`;
  return (
    <Layout title={t('support.desk.documents_title', { reference: p.reference })}>
      <p class="fr-mb-2w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={base}>
          {t('support.desk.back_to_case')}
        </a>
      </p>
      <h1>{t('support.desk.documents_title', { reference: p.reference })}</h1>
      <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
        <p>{t('support.desk.documents_audited')}</p>
      </div>
      {p.documents.length === 0 ? (
        <p>{t('support.desk.documents_none')}</p>
      ) : (
        <ul>
          {p.documents.map((d) => (
            <li class="fr-mb-2w">
              <a class="fr-link fr-link--download" href={`${base}/pieces/${d.document.id}`}>
                {`${t(`documents.kinds.${d.kind}`)} — ${d.document.originalName}`}
                <span class="fr-link__detail">{formatSize(d.document.sizeBytes, locale)}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
