import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { amendments } from '../../db/schema';
import { auditTrail } from '../../platform/audit';
import type { I18n } from '../../platform/i18n/catalogue';
import type { AnswerChange } from './correct-answers';

/** Who acted, as the applicant reads it. */
export type HistoryActor = 'you' | 'agent' | 'system' | 'not_recorded';

export interface ApplicationHistoryEntry {
  at: Date;
  action: string;
  /** The translated sentence, or null for an action that has none yet (shown generically). */
  sentenceKey: string | null;
  actor: HistoryActor;
  /** Who acted (the audit row's actor): the office's own history names its agents; the person's never does. */
  actorId: string | null;
  /** Consecutive saves of a draft by the same person are one entry. */
  count: number;
  /** For a correction: each answer's old and new value. */
  changes: AnswerChange[];
  /** For a document amendment: the kind of document. */
  documentKind: string | null;
}

/** `auditTrail` returns at most this many events. */
export const APPLICATION_HISTORY_LIMIT = 200;

const agentRoles = new Set(['case_officer', 'head_of_office', 'desk_agent', 'support_agent', 'admin']);

function actorOf(event: { actorId: string | null; actorRole: string | null }, applicantId: string): HistoryActor {
  if (event.actorId === applicantId) return 'you';
  if (event.actorRole && agentRoles.has(event.actorRole)) return 'agent';
  return 'system';
}

/** Audited document actions and the amendment kind they write once the application is filed. */
const documentAmendmentKinds: Record<string, string> = {
  'application.document_added': 'document_added',
  'application.document_replaced': 'document_replaced',
};

/** The document kind named in event or amendment data (`kind` in events, `documentKind` in amendments). */
function documentKindOf(data: Record<string, unknown>): string | null {
  const kind = data.documentKind ?? data.kind;
  return typeof kind === 'string' && /^[a-z_]+$/.test(kind) ? kind : null;
}

const isChange = (c: unknown): c is AnswerChange => !!c && typeof c === 'object' && typeof (c as AnswerChange).field === 'string';

/**
 * The full history of one application, newest first: every audited action on it, with the
 * changes made after filing (amendments) shown inside the action that made them. An amendment
 * no audited action points to (written by another part of the platform) gets its own entry.
 * Only the kind of action, its date, who acted and the corrected values are shown; request
 * identifiers and addresses stay in the audit log.
 */
export async function applicationHistory(db: Db, i18n: I18n, applicantId: string, applicationId: string): Promise<ApplicationHistoryEntry[]> {
  const [events, rows] = await Promise.all([
    auditTrail(db, 'application', applicationId),
    db.select().from(amendments).where(eq(amendments.applicationId, applicationId)).orderBy(asc(amendments.at)),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const linked = new Set<string>();
  const sentence = (key: string) => (i18n.has('fr', key) ? key : null);

  /**
   * The amendment an audited action wrote: named by id (answer corrections), or for a document
   * change the amendment of the same kind about the same document (the documents module).
   */
  const amendmentOf = (e: { action: string; data: Record<string, unknown> }) => {
    if (typeof e.data.amendmentId === 'string') return byId.get(e.data.amendmentId);
    const kind = documentAmendmentKinds[e.action];
    if (!kind || typeof e.data.documentId !== 'string') return undefined;
    return rows.find((r) => r.kind === kind && r.data.documentId === e.data.documentId && !linked.has(r.id));
  };

  const entries: ApplicationHistoryEntry[] = [];
  for (const e of events) {
    const amendment = amendmentOf(e);
    if (amendment) linked.add(amendment.id);
    const actor = actorOf(e, applicantId);
    const previous = entries.at(-1);
    if (e.action === 'application.draft_saved' && previous?.action === e.action && previous.actor === actor) {
      previous.count++;
      continue;
    }
    const changes = Array.isArray(amendment?.data.changes) ? (amendment.data.changes as unknown[]).filter(isChange) : [];
    // After filing, the sentence says so: the office was told of the change.
    const sentenceKey = amendment ? sentence(`applications.history.amendments.${amendment.kind}`) : sentence(`applications.history.actions.${e.action}`);
    entries.push({ at: e.at, action: e.action, sentenceKey, actor, actorId: e.actorId, count: 1, changes, documentKind: documentKindOf(e.data) ?? (amendment ? documentKindOf(amendment.data) : null) });
  }
  for (const a of rows) {
    if (linked.has(a.id)) continue;
    const changes = Array.isArray(a.data.changes) ? (a.data.changes as unknown[]).filter(isChange) : [];
    entries.push({
      at: a.at,
      action: `amendment.${a.kind}`,
      sentenceKey: sentence(`applications.history.amendments.${a.kind}`),
      actor: 'not_recorded',
      actorId: null,
      count: 1,
      changes,
      documentKind: documentKindOf(a.data),
    });
  }
  return entries.sort((x, y) => y.at.getTime() - x.at.getTime());
}
