import { ErrorSummary, PostForm, type FieldErrors } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { Piece, PiecesView } from '../load-pieces';
import { DocumentLink, FileField, formatDay, formatSize, SrContext, UploadForm, UploadScript } from './document-parts';
import { refusalParams, type Refusal } from './refusal';
import { DocumentRequestNotice } from '../../backoffice/views/applicant-notices';

export interface PiecesPageProps {
  view: PiecesView;
  /** A refused action, with the requirement it was about. */
  problem?: (Refusal & { kind: string }) | undefined;
}

const fileFieldId = (kind: string) => `fichier-${kind}`;
const vaultFieldId = (kind: string) => `coffre-${kind}`;

/**
 * The supporting documents of one application: each one its procedure asks for with the
 * current answers, provided or missing, with a form to upload, reuse from the vault or replace.
 */
export function PiecesPage({ view, problem }: PiecesPageProps) {
  const { t } = usePage();
  const { app, pieces } = view;
  const provided = pieces.filter((p) => p.current).length;
  const errors: FieldErrors = {};
  const labels: Record<string, string> = {};
  if (problem && problem.field !== '_form') {
    const id = problem.field === 'documentId' ? vaultFieldId(problem.kind) : fileFieldId(problem.kind);
    errors[id] = { key: problem.key, params: refusalParams };
    labels[id] = t(`documents.kinds.${problem.kind}`);
  }
  const formError = problem?.field === '_form' ? t(problem.key, refusalParams) : undefined;
  return (
    <Layout title={t('documents.pieces_title')} hasErrors={Boolean(problem)}>
      <h1>{t('documents.pieces_title')}</h1>
      {app.reference && <p class="fr-text--lead">{t('documents.pieces_reference', { reference: app.reference })}</p>}
      <p>{t('documents.pieces_lead')}</p>
      {view.sealed ? (
        <div class="fr-alert fr-alert--info fr-mb-4w">
          <p>{t('documents.pieces_sealed')}</p>
        </div>
      ) : (
        view.filed && (
          <div class="fr-alert fr-alert--info fr-mb-4w">
            <p>{t('documents.pieces_after_filing')}</p>
          </div>
        )
      )}
      {view.request && <DocumentRequestNotice request={view.request} appId={app.id} withLink={false} />}
      <ErrorSummary errors={errors} labels={labels} formError={formError} />
      <p id="pieces-count">{t('documents.pieces_count', { provided, total: pieces.length })}</p>
      {pieces.length === 0 && <p>{t('documents.pieces_none')}</p>}
      {pieces.map((piece) => (
        <PieceSection appId={app.id} piece={piece} sealed={view.sealed} problem={problem?.kind === piece.kind ? problem : undefined} />
      ))}
      <p class="fr-mt-4w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/demarches/${app.id}`}>
          {t('documents.back_to_application')}
        </a>
      </p>
      <p>
        <a class="fr-link" href="/compte/documents">
          {t('documents.vault_link')}
        </a>
      </p>
      {!view.sealed && <UploadScript />}
    </Layout>
  );
}

function PieceSection(props: { appId: string; piece: Piece; sealed: boolean; problem?: Refusal | undefined }) {
  const { t, locale } = usePage();
  const { piece, appId, problem } = props;
  const kind = piece.kind;
  const label = t(`documents.kinds.${kind}`);
  const mode = piece.current ? 'replace' : 'add';
  const headingId = `piece-${kind}-titre`;
  const fileError = problem && problem.field === 'file' ? t(problem.key, refusalParams) : undefined;
  const vaultError = problem && problem.field === 'documentId' ? t(problem.key, refusalParams) : undefined;
  return (
    <section class="fr-mb-6w" id={`piece-${kind}`} aria-labelledby={headingId}>
      <h2 class="fr-h4 fr-mb-1w" id={headingId}>
        {label}{' '}
        {piece.current ? (
          <span class="fr-badge fr-badge--success fr-badge--sm">{t('documents.state_provided')}</span>
        ) : (
          <span class="fr-badge fr-badge--error fr-badge--sm">{t('documents.state_missing')}</span>
        )}
      </h2>
      <p class="fr-hint-text">{t(`documents.hints.${kind}`)}</p>
      {piece.current ? (
        <p>
          <DocumentLink doc={piece.current} />
          {piece.replacedCount > 0 && (
            <>
              <br />
              <span class="fr-text--sm">{t('documents.replaced_count', { count: piece.replacedCount })}</span>
            </>
          )}
        </p>
      ) : (
        <p>{t('documents.missing_text')}</p>
      )}
      {!props.sealed && (
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-6">
            <UploadForm action={`/demarches/${appId}/pieces/${kind}`} id={`envoi-${kind}`}>
              <input type="hidden" name="mode" value={mode} />
              <FileField id={fileFieldId(kind)} label={piece.current ? t('documents.replace_with_file') : t('documents.add_file')} error={fileError} context={label} />
              <button type="submit" class="fr-btn fr-btn--secondary fr-mt-2w">
                {piece.current ? t('documents.replace_submit') : t('documents.upload_submit')}
                <SrContext text={label} />
              </button>
            </UploadForm>
          </div>
          {piece.vaultChoices.length > 0 && (
            <div class="fr-col-12 fr-col-md-6">
              <PostForm action={`/demarches/${appId}/pieces/${kind}/coffre`}>
                <input type="hidden" name="mode" value={mode} />
                <fieldset
                  class={`fr-fieldset${vaultError ? ' fr-fieldset--error' : ''}`}
                  id={vaultFieldId(kind)}
                  aria-labelledby={`${vaultFieldId(kind)}-legend${vaultError ? ` ${vaultFieldId(kind)}-error` : ''}`}
                  role={vaultError ? 'group' : undefined}
                >
                  <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${vaultFieldId(kind)}-legend`}>
                    {t('documents.vault_choice_legend')}
                    <SrContext text={label} />
                  </legend>
                  {piece.vaultChoices.map((d, i) => (
                    <div class="fr-fieldset__element">
                      <div class="fr-radio-group">
                        <input type="radio" id={`${vaultFieldId(kind)}-${i}`} name="documentId" value={d.id} checked={i === 0} />
                        <label class="fr-label" for={`${vaultFieldId(kind)}-${i}`}>
                          {d.originalName}
                          <span class="fr-hint-text">{t('documents.vault_choice_detail', { size: formatSize(d.sizeBytes, locale), date: formatDay(d.createdAt, locale) })}</span>
                        </label>
                      </div>
                    </div>
                  ))}
                  {vaultError && (
                    <div class="fr-messages-group" id={`${vaultFieldId(kind)}-error`} aria-live="polite">
                      <p class="fr-message fr-message--error">{vaultError}</p>
                    </div>
                  )}
                </fieldset>
                <button type="submit" class="fr-btn fr-btn--tertiary">
                  {piece.current ? t('documents.vault_replace_submit') : t('documents.vault_use_submit')}
                  <SrContext text={label} />
                </button>
              </PostForm>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
