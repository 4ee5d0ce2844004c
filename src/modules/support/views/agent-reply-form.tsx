import { PostForm, RadioGroup, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { TextAreaField } from '../../../web/components/text-area-field';
import { usePage } from '../../../web/page-context';
import { MAX_MESSAGE_LENGTH } from '../schemas';

/**
 * An agent's answer to the person, support's or the prefecture's: the message and where the
 * request stands after it (waiting for the person unless the agent says otherwise).
 */
export function AgentReplyForm(props: { action: string; hint: string; values?: FormValues | undefined; errors: FieldErrors }) {
  const { t } = usePage();
  return (
    <PostForm action={props.action}>
      <TextAreaField name="body" label={t('support.desk.reply_body')} hint={props.hint} values={props.values} errors={props.errors} maxLength={MAX_MESSAGE_LENGTH} />
      <RadioGroup
        name="then"
        legend={t('support.desk.reply_then')}
        options={(['in_progress', 'waiting_for_person', 'resolved'] as const).map((s) => ({ value: s, label: t(`support.desk.then.${s}`) }))}
        values={{ then: 'waiting_for_person', ...props.values }}
        errors={props.errors}
      />
      <button type="submit" class="fr-btn">
        {t('support.desk.reply_submit')}
      </button>
    </PostForm>
  );
}
