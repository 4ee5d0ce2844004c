import { usePage } from '../../../web/page-context';
import { formatDateTime } from '../../applications/views/labels';
import type { CaseDocument } from '../load-case-file';

const documentHref = (appId: string, documentId: string) => `/bureau/dossiers/${appId}/pieces/${documentId}`;

/**
 * The file's documents shown in the page: images inline, PDFs in a frame (served by the
 * agent-only route, sandboxed), each with a link to open it on its own — the frame is a
 * convenience, the link always works (a browser may refuse to draw a sandboxed PDF).
 * Replaced documents are listed under the current one, dated, never hidden.
 */
export function CaseDocuments(props: { appId: string; documents: CaseDocument[]; missing: string[] }) {
  const { t, locale } = usePage();
  const current = props.documents.filter((d) => !d.replacedAt);
  const replaced = props.documents.filter((d) => d.replacedAt);
  return (
    <section class="fr-mb-5w" aria-labelledby="documents-heading" id="case-documents">
      <h2 id="documents-heading">{t('backoffice.case.documents_heading')}</h2>
      {props.missing.length > 0 && (
        <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
          <p>{t('backoffice.case.documents_missing', { list: props.missing.map((k) => t(`documents.kinds.${k}`)).join(', ') })}</p>
        </div>
      )}
      {current.length === 0 && <p>{t('backoffice.case.no_documents')}</p>}
      {current.map((d) => {
        const title = t(`documents.kinds.${d.kind}`);
        const href = documentHref(props.appId, d.documentId);
        return (
          <article class="fr-mb-4w" aria-labelledby={`doc-${d.linkId}`}>
            <h3 class="fr-h6 fr-mb-1w" id={`doc-${d.linkId}`}>
              {title}
            </h3>
            <p class="fr-text--sm fr-mb-1w">
              {t('backoffice.case.document_meta', { name: d.fileName, date: formatDateTime(d.addedAt, locale), size: Math.max(1, Math.round(d.sizeBytes / 1024)) })}{' '}
              <a class="fr-link fr-link--sm" href={href} target="_blank" rel="noopener">
                {t('backoffice.case.document_open')}
                <span class="fr-sr-only">{` — ${title} ${t('backoffice.case.new_window')}`}</span>
              </a>
            </p>
            {d.mimeType === 'application/pdf' ? (
              <iframe class="sesame-document-frame" src={href} title={t('backoffice.case.document_frame_title', { document: title })} loading="lazy" />
            ) : (
              <img class="sesame-document-image" src={href} alt={t('backoffice.case.document_image_alt', { document: title, name: d.fileName })} loading="lazy" />
            )}
          </article>
        );
      })}
      {replaced.length > 0 && (
        <>
          <h3 class="fr-h6">{t('backoffice.case.replaced_heading')}</h3>
          <ul id="replaced-documents">
            {replaced.map((d) => (
              <li>
                <a href={documentHref(props.appId, d.documentId)}>{`${t(`documents.kinds.${d.kind}`)} — ${d.fileName}`}</a>
                {` ${t('backoffice.case.replaced_on', { date: formatDateTime(d.replacedAt!, locale) })}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
