import { auditTrail } from '../../platform/audit';
import type { Services } from '../../services';
import { profileFields, type ProfileField } from './fields';

/** Who acted, as the person reads it: themselves, someone at the prefecture, or the system. */
export type HistoryActor = 'you' | 'agent' | 'system';

export interface HistoryEntry {
  at: Date;
  /** Key of the translated sentence, or null for an action that has none yet. */
  sentenceKey: string | null;
  action: string;
  actor: HistoryActor;
  /** For `profile.updated`: the fields that changed, in the order of the form. */
  fields: ProfileField[];
}

/** `auditTrail` returns at most this many events; a page that long says it may not be complete. */
export const HISTORY_LIMIT = 200;

const agentRoles = new Set(['case_officer', 'head_of_office', 'desk_agent', 'support_agent', 'admin']);

function actorOf(event: { actorId: string | null; actorRole: string | null }, userId: string): HistoryActor {
  if (event.actorId === userId) return 'you';
  if (event.actorRole && agentRoles.has(event.actorRole)) return 'agent';
  // Jobs, and anonymous attempts (wrong passwords) the system reacted to by locking the account.
  return 'system';
}

/** Changed field names recorded in a `profile.updated` event; anything unexpected is ignored, never shown raw. */
function changedFields(data: Record<string, unknown>): ProfileField[] {
  const changes = Array.isArray(data.changes) ? (data.changes as unknown[]) : [];
  const names = new Set(changes.map((c) => (c && typeof c === 'object' ? (c as { field?: unknown }).field : undefined)));
  return profileFields.filter((f) => names.has(f));
}

/**
 * A person's account history, newest first, ready to be put into words: only the date, the
 * kind of action, who acted and, for profile changes, which fields. Other event data (IP
 * addresses; the old and new values that events written before `profileUpdatedEvent` carried)
 * stays in the audit log.
 */
export async function accountHistory(services: Services, userId: string): Promise<HistoryEntry[]> {
  const events = await auditTrail(services.db, 'user', userId);
  return events.map((e) => {
    const key = `history.actions.${e.action}`;
    return {
      at: e.at,
      action: e.action,
      sentenceKey: services.i18n.has('fr', key) ? key : null,
      actor: actorOf(e, userId),
      fields: e.action === 'profile.updated' ? changedFields(e.data) : [],
    };
  });
}
