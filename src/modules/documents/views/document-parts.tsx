import type { ComponentChildren } from 'preact';
import { CsrfField } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { MAX_UPLOAD_BYTES } from '../inspect-upload';
import type { StoredDocument } from '../policy';

/** What the file picker offers; the server decides from the content anyway. */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

export function formatSize(bytes: number, locale: string): string {
  if (bytes < 1024 * 1024) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)));
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
}

export function formatDay(d: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(d);
}

const typeLabel = (mime: string) => (mime === 'application/pdf' ? 'PDF' : mime === 'image/png' ? 'PNG' : 'JPEG');

/** A link that downloads the document, with its type, size and date (DSFR download link). */
export function DocumentLink(props: { doc: StoredDocument }) {
  const { t, locale } = usePage();
  const d = props.doc;
  return (
    <a class="fr-link fr-link--download" href={`/documents/${d.id}`} download>
      {d.originalName}
      <span class="fr-link__detail">
        {t('documents.file_detail', { type: typeLabel(d.mimeType), size: formatSize(d.sizeBytes, locale), date: formatDay(d.createdAt, locale) })}
      </span>
    </a>
  );
}

/**
 * A form that sends one file. Works as a plain form; where JavaScript runs,
 * `/assets/upload-progress.js` sends it in the background and shows the progress.
 * The anti-forgery field comes first: the server checks it before reading the file.
 */
export function UploadForm(props: { action: string; id: string; children: ComponentChildren }) {
  const { t } = usePage();
  return (
    <form
      method="post"
      action={props.action}
      enctype="multipart/form-data"
      id={props.id}
      noValidate
      data-upload-progress=""
      data-max-bytes={String(MAX_UPLOAD_BYTES)}
      data-message-progress={t('documents.upload_progress', { percent: '{percent}' })}
      data-message-too-large={t('documents.errors.too_large', { max: MAX_UPLOAD_BYTES / (1024 * 1024) })}
      data-message-failed={t('documents.upload_failed')}
    >
      <CsrfField />
      {props.children}
      <div class="fr-messages-group fr-mt-2w" data-upload-status="" aria-live="polite" hidden>
        <progress id={`${props.id}-progress`} max={100} value={0} aria-labelledby={`${props.id}-progress-text`}></progress>
        <p class="fr-message fr-message--info" id={`${props.id}-progress-text`} data-upload-text="">
          {t('documents.upload_progress', { percent: 0 })}
        </p>
      </div>
    </form>
  );
}

/** The DSFR file field, with its hint (formats, size) and its error. */
export function FileField(props: { id: string; label: string; error?: string | undefined; context?: string | undefined }) {
  const { t } = usePage();
  const describedBy = [`${props.id}-hint`, props.error ? `${props.id}-error` : null].filter(Boolean).join(' ');
  return (
    <div class={`fr-upload-group${props.error ? ' fr-upload-group--error' : ''}`}>
      <label class="fr-label" for={props.id}>
        {props.label}
        <SrContext text={props.context} />
        <span class="fr-hint-text" id={`${props.id}-hint`}>
          {t('documents.file_hint', { max: MAX_UPLOAD_BYTES / (1024 * 1024) })}
        </span>
      </label>
      <input class="fr-upload" type="file" id={props.id} name="file" accept={ACCEPT} aria-describedby={describedBy} aria-invalid={props.error ? 'true' : undefined} />
      {props.error && (
        <p class="fr-error-text" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/**
 * Names the requirement for screen-reader users, who often list a page's fields or buttons
 * out of context: five "Send the file" buttons must say which file each sends.
 */
export function SrContext(props: { text?: string | undefined }) {
  return props.text ? <span class="fr-sr-only">{` – ${props.text}`}</span> : null;
}

/** The enhancement script, only on pages with an upload form; CSP allows our own scripts only. */
export function UploadScript() {
  return <script src="/assets/upload-progress.js" defer></script>;
}
