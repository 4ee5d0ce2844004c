import { describe, expect, it } from 'vitest';
import { fileDocumentsDecision, type FileDocumentsFacts } from './file-documents-policy';

const allowed: FileDocumentsFacts = { status: 'in_progress', category: 'cannot_upload', applicationId: 'a', openedByApplicant: true, applicantIdentityChecked: false };

describe('policy: support sees a file’s documents only for a request that needs them', () => {
  it('allows an open request of a category that needs them, about a file, linked by its applicant', () => {
    expect(fileDocumentsDecision(allowed)).toEqual({ allowed: true });
    expect(fileDocumentsDecision({ ...allowed, category: 'attestation_wrong', status: 'waiting_for_person' })).toEqual({ allowed: true });
    // Not opened by the applicant, but their identity was checked on this request.
    expect(fileDocumentsDecision({ ...allowed, openedByApplicant: false, applicantIdentityChecked: true })).toEqual({ allowed: true });
  });

  it.each([
    [{ status: 'resolved' }, 'ticket_resolved'],
    [{ category: 'file_question' }, 'category_does_not_need_documents'],
    [{ category: 'lost_email' }, 'category_does_not_need_documents'],
    [{ category: 'other' }, 'category_does_not_need_documents'],
    [{ category: 'bug_report' }, 'category_does_not_need_documents'],
    [{ applicationId: null }, 'no_file'],
    [{ openedByApplicant: false }, 'file_not_linked_by_applicant'],
  ] as const)('refuses when %o (%s)', (change, reason) => {
    expect(fileDocumentsDecision({ ...allowed, ...change })).toEqual({ allowed: false, reason });
  });
});
