import { refusalParams } from '../../documents/views/refusal';
import { TextAreaField } from '../../../web/components/text-area-field';
import { FileField, UploadForm, UploadScript } from '../../documents/views/document-parts';
import { ErrorSummary, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { usePage } from '../../../web/page-context';
import { MAX_MESSAGE_LENGTH } from '../message-text';

/**
 * The form to write in a thread: the text, one optional attachment (checked as supporting
 * documents are), and the once-only key that makes a double submission one message. Multipart
 * with the fields before the file, as `documents/multipart-upload.ts` needs.
 */
export function ReplyForm(props: { action: string; formKey: string; returnTo?: string | undefined; errors?: FieldErrors | undefined; values?: FormValues | undefined; side: 'applicant' | 'office' }) {
  const { t, draft } = usePage();
  const errors = props.errors ?? {};
  const body = draft?.body ?? props.values?.body ?? '';
  const bodyError = errors.body;
  const fileError = errors.file ? t(errors.file.key, { ...refusalParams, ...errors.file.params }) : undefined;
  const labels = { body: t('messaging.form.body_label'), file: t('messaging.form.file_label') };
  return (
    <section aria-labelledby="reply-heading" class="fr-mb-5w">
      <h2 id="reply-heading" class="fr-h4">
        {t(`messaging.form.heading.${props.side}`)}
      </h2>
      <ErrorSummary errors={errors} labels={labels} />
      <UploadForm action={props.action} id="message-form">
        <input type="hidden" name="key" value={props.formKey} />
        {props.returnTo && <input type="hidden" name="retour" value={props.returnTo} />}
        <TextAreaField
          name="body"
          label={labels.body}
          hint={t('messaging.form.body_hint', { max: MAX_MESSAGE_LENGTH })}
          rows={6}
          maxLength={MAX_MESSAGE_LENGTH}
          values={{ body }}
          errors={bodyError ? { body: { key: bodyError.key, params: { max: MAX_MESSAGE_LENGTH, ...bodyError.params } } } : {}}
        />
        <FileField id="file" label={labels.file} error={fileError} />
        <div class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
          <button type="submit" class="fr-btn">
            {t('messaging.form.send')}
          </button>
        </div>
      </UploadForm>
      <UploadScript />
    </section>
  );
}
