import { usePage } from '../../../web/page-context';
import type { Procedure } from '../../procedures/types';
import type { AnswerChange } from '../correct-answers';
import { displayAnswer, fieldLabel } from './labels';

/**
 * The answers a correction changed, each with its old and new value in words: in the person's
 * history and in the office's list of amendments. Nothing when none changed.
 */
export function AnswerChanges(props: { changes: readonly AnswerChange[]; procedure: Procedure; class?: string }) {
  const { t, locale } = usePage();
  const { procedure } = props;
  if (props.changes.length === 0) return null;
  return (
    <ul class={props.class}>
      {props.changes.map((c) => (
        <li dir="auto">
          {t('applications.history.change', {
            field: fieldLabel(procedure, c.field, t),
            old: displayAnswer(procedure, c.field, c.old, t, locale),
            new: displayAnswer(procedure, c.field, c.new, t, locale),
          })}
        </li>
      ))}
    </ul>
  );
}
