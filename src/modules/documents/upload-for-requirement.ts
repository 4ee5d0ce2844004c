import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { attachToLocked } from './attach-document';
import type { DocumentChangeResult } from './change-document-link';
import { applicationReceivingDocument } from './document-links';
import { replaceOnLocked } from './replace-document';
import { storeUpload, type CountedUpload } from './stored-upload';
import { unsentUploadedDocument, uploadedEvent, type UploadInput } from './upload-document';

/**
 * A file uploaded for one requirement of an application: checked and stored (`storeUpload`),
 * then put into the person's vault and attached (or in place of the current one) in one
 * transaction, with the audit event of each. A refused attachment (one already there, a file
 * sealed meanwhile) leaves nothing behind, not even in the vault, and one commit serves both
 * (one statement, too, for the vault row, the link, the version and their two audit events).
 * `counted`: the upload was counted against the allowance already (`countUploadAndReadApplication`).
 */
export async function uploadForRequirement(
  services: Services,
  applicantId: string,
  applicationId: string,
  mode: 'add' | 'replace',
  input: UploadInput,
  meta: RequestMeta,
  counted?: CountedUpload,
): Promise<DocumentChangeResult> {
  return storeUpload(services, applicantId, input, async (tx, file) => {
    // Locked first, as attaching a vault document does: changes to one application go one by one.
    const target = await applicationReceivingDocument(tx, applicantId, applicationId, input.kind, { forUpdate: true });
    const now = services.clock.now();
    const { document, insert } = unsentUploadedDocument(tx, now, applicantId, target.kind, file);
    const change = mode === 'replace' ? replaceOnLocked : attachToLocked;
    // The vault row and the upload's audit event go with the attachment's writes, in one statement.
    return { value: await change(tx, meta.actor, now, target, document, { writes: [insert], events: [uploadedEvent(document)] }), keepBytes: true };
  }, counted);
}
