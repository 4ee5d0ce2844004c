import { AppError } from '../../platform/errors';
import type { ApplicationEvent, ApplicationStatus, GuardName } from '../applications/workflow';

/**
 * Why an action on a file is refused, as the officer reads it (409, `backoffice.refusals.*`).
 * The workflow table says *whether*; this says *why* in words, from the status the file is in.
 */
export type RefusalReason =
  | 'withdrawn'
  | 'decided'
  | 'awaiting_documents'
  | 'request_pending'
  | 'not_complete'
  | 'documents_missing'
  | 'already_decided_otherwise'
  | 'not_renewal'
  | 'apri_block_active'
  | 'no_card_to_hand_over'
  | 'not_allowed';

export function refusal(reason: RefusalReason, logMessage?: string): AppError {
  return new AppError('conflict', { fields: { _form: `backoffice.refusals.${reason}` }, logMessage: logMessage ?? `refused: ${reason}` });
}

/** The refusal of `event` on a file in `status` (or of a failed guard), in words. */
export function transitionRefusal(status: ApplicationStatus, event: ApplicationEvent, guard?: GuardName): AppError {
  const log = `${event} refused from ${status}${guard ? ` (${guard})` : ''}`;
  if (guard === 'allRequiredDocumentsPresent') return refusal('documents_missing', log);
  if (status === 'withdrawn') return refusal('withdrawn', log);
  if (status === 'decided' || status === 'closed') return refusal('decided', log);
  if (status === 'incomplete') return refusal(event === 'request_documents' ? 'request_pending' : 'awaiting_documents', log);
  if (status === 'filed' && event === 'decide') return refusal('not_complete', log);
  return refusal('not_allowed', log);
}

/** The message key of a refusal caught at the edge (a conflict without its own words gets the generic one). */
export function refusalKey(err: AppError): string {
  return err.options.fields?._form ?? 'backoffice.refusals.not_allowed';
}
