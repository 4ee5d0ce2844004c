import { describe, expect, it } from 'vitest';
import { applicationEvents, applicationStatuses, isSealed, nextStatus, transitions } from './workflow';

const ready = { missingDocuments: 0, hasFeeAndPhoto: true };

describe('application workflow', () => {
  it('follows the filing path to the decision and closing', () => {
    const path = [
      ['draft', 'file', 'filed'],
      ['filed', 'request_documents', 'incomplete'],
      ['incomplete', 'documents_supplied', 'filed'],
      ['filed', 'mark_complete', 'under_review'],
      ['under_review', 'decide', 'decided'],
      ['decided', 'close', 'closed'],
    ] as const;
    for (const [from, event, to] of path) expect(nextStatus(from, event, ready)).toEqual({ ok: true, to });
  });

  it('cannot file with a missing document or without fee and photo, and says which rule failed', () => {
    expect(nextStatus('draft', 'file', { missingDocuments: 1, hasFeeAndPhoto: true })).toEqual({ ok: false, reason: 'guard_failed', guard: 'allRequiredDocumentsPresent' });
    expect(nextStatus('draft', 'file', { missingDocuments: 0, hasFeeAndPhoto: false })).toEqual({ ok: false, reason: 'guard_failed', guard: 'feeAndPhotoGiven' });
  });

  it('allows withdrawal before the decision only', () => {
    for (const s of ['filed', 'incomplete', 'under_review'] as const) expect(nextStatus(s, 'withdraw', ready).ok).toBe(true);
    for (const s of ['draft', 'decided', 'closed', 'withdrawn'] as const) expect(nextStatus(s, 'withdraw', ready)).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('seals decided, closed and withdrawn applications: no event leaves closed or withdrawn', () => {
    expect(isSealed('decided')).toBe(true);
    expect(isSealed('under_review')).toBe(false);
    for (const s of ['closed', 'withdrawn'] as const) {
      for (const e of applicationEvents) expect(nextStatus(s, e, ready).ok).toBe(false);
    }
  });

  it('leads only to known statuses', () => {
    for (const s of applicationStatuses) {
      for (const t of Object.values(transitions[s])) expect(applicationStatuses).toContain(t!.to);
    }
  });
});
