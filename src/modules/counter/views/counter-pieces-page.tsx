import type { FieldErrors } from '../../../web/components/forms';
import { ErrorSummary } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { FileField, SrContext, UploadForm, UploadScript } from '../../documents/views/document-parts';
import { refusalParams } from '../../documents/views/refusal';
import type { Piece } from '../../documents/load-pieces';
import { CounterStepper, PersonLine } from './counter-steps';

/**
 * The documents scanned at the desk, one upload per requirement of the procedure: the same
 * checks and storage as online (the documents module's use cases).
 */
export function CounterPiecesPage(props: { filingId: string; personName: string; pieces: Piece[]; problem?: { kind: string; key: string } | undefined }) {
  const { t } = usePage();
  const { pieces, problem } = props;
  const provided = pieces.filter((p) => p.current).length;
  const fieldId = (kind: string) => `fichier-${kind}`;
  const errors: FieldErrors = problem && problem.kind !== '_form' ? { [fieldId(problem.kind)]: { key: problem.key, params: refusalParams } } : {};
  const labels = problem && problem.kind !== '_form' ? { [fieldId(problem.kind)]: t(`documents.kinds.${problem.kind}`) } : {};
  return (
    <Layout title={t('counter.pieces.title')} hasErrors={Boolean(problem)}>
      <h1>{t('counter.pieces.title')}</h1>
      <PersonLine name={props.personName} />
      <CounterStepper step="documents" />
      <ErrorSummary errors={errors} labels={labels} formError={problem?.kind === '_form' ? t(problem.key, refusalParams) : undefined} />
      <p>{t('counter.pieces.lead')}</p>
      <p id="pieces-count">{t('documents.pieces_count', { provided, total: pieces.length })}</p>
      {pieces.map((piece) => {
        const label = t(`documents.kinds.${piece.kind}`);
        const error = problem?.kind === piece.kind ? t(problem.key, refusalParams) : undefined;
        return (
          <section class="fr-mb-5w" id={`piece-${piece.kind}`} aria-labelledby={`piece-${piece.kind}-titre`}>
            <h2 class="fr-h5 fr-mb-1w" id={`piece-${piece.kind}-titre`}>
              {label}{' '}
              {piece.current ? (
                <span class="fr-badge fr-badge--success fr-badge--sm">{t('documents.state_provided')}</span>
              ) : (
                <span class="fr-badge fr-badge--error fr-badge--sm">{t('documents.state_missing')}</span>
              )}
            </h2>
            {piece.current && <p class="fr-text--sm sesame-device">{piece.current.originalName}</p>}
            <UploadForm action={`/bureau/guichet/${props.filingId}/pieces/${piece.kind}`} id={`envoi-${piece.kind}`}>
              <input type="hidden" name="mode" value={piece.current ? 'replace' : 'add'} />
              <FileField id={fieldId(piece.kind)} label={piece.current ? t('documents.replace_with_file') : t('counter.pieces.scan')} error={error} context={label} />
              <button type="submit" class="fr-btn fr-btn--secondary fr-mt-2w">
                {piece.current ? t('documents.replace_submit') : t('documents.upload_submit')}
                <SrContext text={label} />
              </button>
            </UploadForm>
          </section>
        );
      })}
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href={`/bureau/guichet/${props.filingId}/verification`}>
            {t('counter.pieces.continue')}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--tertiary" href={`/bureau/guichet/${props.filingId}/reponses`}>
            {t('counter.pieces.back')}
          </a>
        </li>
      </ul>
      <UploadScript />
    </Layout>
  );
}
