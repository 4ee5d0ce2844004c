import type { AuditInput } from '../../platform/audit';
import type { ProfileField } from './fields';

/**
 * The audit event of a change to a person's identity profile: who, when, and which fields —
 * never the values. The audit log is append-only and hash-chained, so a name, a birth date or
 * an address written there could never be erased or rectified (GDPR articles 16 and 17); the
 * profile row holds the current values, and the person's history only ever shows field names.
 *
 * `changes` keeps the shape of the events written before (`{ field, old, new }`), which the
 * history still reads by their `field`.
 */
export function profileUpdatedEvent(userId: string, fields: readonly ProfileField[], context: Record<string, unknown> = {}): AuditInput {
  return { action: 'profile.updated', subjectType: 'user', subjectId: userId, data: { changes: fields.map((field) => ({ field })), ...context } };
}
