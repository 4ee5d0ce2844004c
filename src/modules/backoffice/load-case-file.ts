import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { amendments, apriBlocks, applicationDocuments, attestations, auditEvents, decisions, documentRequests, documents, officeNotes, prefectures, users } from '../../db/schema';
import type { I18n } from '../../platform/i18n/catalogue';
import { applicationHistory, type ApplicationHistoryEntry } from '../applications/application-history';
import { missingDocuments } from '../applications/file-application';
import type { Application } from '../applications/policy';
import { findProcedure } from '../procedures/catalogue';
import type { Procedure } from '../procedures/types';
import { loadProfile } from '../profile/load-profile';
import type { Profile } from '../profile/fields';
import { OFFICE_SUBJECT } from './office-audit';
import { findFileForAgent, prefectureOfficers, type OfficeAgent } from './office-access';

export interface CaseDocument {
  linkId: string;
  documentId: string;
  kind: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  addedAt: Date;
  replacedAt: Date | null;
}

/** One line of the office's history: the person's history plus the office's internal actions, with who acted. */
export interface OfficeHistoryEntry extends ApplicationHistoryEntry {
  /** The acting agent's address, for the office's own accountability. */
  agentEmail: string | null;
  internal: boolean;
}

export interface CaseFile {
  app: Application;
  procedure: Procedure;
  prefectureName: string;
  identity: { profile: Profile; updatedAt: Date | null };
  documents: CaseDocument[];
  missing: string[];
  amendments: (typeof amendments.$inferSelect)[];
  requests: (typeof documentRequests.$inferSelect)[];
  notes: { id: string; body: string; createdAt: Date; authorEmail: string | null }[];
  attestations: (typeof attestations.$inferSelect)[];
  activeBlock: (typeof apriBlocks.$inferSelect) | null;
  decision: (typeof decisions.$inferSelect) | null;
  officers: { id: string; email: string }[];
  history: OfficeHistoryEntry[];
  /** When the page was read: "mark the changes seen" covers what the officer saw, no more. */
  loadedAt: Date;
}

/** Everything the case view shows, for an agent of the file's prefecture ("not found" otherwise). */
export async function loadCaseFile(db: Db, i18n: I18n, agent: OfficeAgent, applicationId: string, now: Date): Promise<CaseFile> {
  const app = await findFileForAgent(db, applicationId, agent);
  const procedure = findProcedure(app.procedureId)!;
  const [prefecture, identity, docs, missing, amendmentRows, requests, notes, proofs, blocks, decisionRows, officers, history, officeEvents] = await Promise.all([
    db.select({ name: prefectures.name }).from(prefectures).where(eq(prefectures.code, app.prefectureCode!)),
    loadProfile(db, app.applicantId),
    db
      .select({ linkId: applicationDocuments.id, documentId: documents.id, kind: applicationDocuments.kind, fileName: documents.originalName, mimeType: documents.mimeType, sizeBytes: documents.sizeBytes, addedAt: applicationDocuments.addedAt, replacedAt: applicationDocuments.replacedAt })
      .from(applicationDocuments)
      .innerJoin(documents, eq(documents.id, applicationDocuments.documentId))
      .where(eq(applicationDocuments.applicationId, app.id))
      .orderBy(asc(applicationDocuments.kind), desc(applicationDocuments.addedAt)),
    missingDocuments(db, app, procedure),
    db.select().from(amendments).where(eq(amendments.applicationId, app.id)).orderBy(desc(amendments.at)),
    db.select().from(documentRequests).where(eq(documentRequests.applicationId, app.id)).orderBy(desc(documentRequests.createdAt)),
    db
      .select({ id: officeNotes.id, body: officeNotes.body, createdAt: officeNotes.createdAt, authorEmail: users.email })
      .from(officeNotes)
      .innerJoin(users, eq(users.id, officeNotes.authorId))
      .where(eq(officeNotes.applicationId, app.id))
      .orderBy(desc(officeNotes.createdAt)),
    db.select().from(attestations).where(eq(attestations.applicationId, app.id)).orderBy(desc(attestations.issuedAt)),
    db.select().from(apriBlocks).where(and(eq(apriBlocks.applicationId, app.id), isNull(apriBlocks.liftedAt))),
    db.select().from(decisions).where(eq(decisions.applicationId, app.id)),
    prefectureOfficers(db, app.prefectureCode!),
    applicationHistory(db, i18n, app.applicantId, app.id),
    db.select().from(auditEvents).where(and(eq(auditEvents.subjectType, OFFICE_SUBJECT), eq(auditEvents.subjectId, app.id))).orderBy(desc(auditEvents.seq)).limit(200),
  ]);
  const internal: ApplicationHistoryEntry[] = officeEvents.map((e) => ({
    at: e.at,
    action: e.action,
    sentenceKey: i18n.has('fr', `backoffice.history.${e.action}`) ? `backoffice.history.${e.action}` : null,
    actor: 'agent',
    actorId: e.actorId,
    count: 1,
    changes: [],
    documentKind: null,
  }));
  const actorIds = [...new Set([...history, ...internal].map((h) => h.actorId).filter((id): id is string => id !== null && id !== app.applicantId))];
  const agents = actorIds.length === 0 ? [] : await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, actorIds));
  const emailOf = new Map(agents.map((a) => [a.id, a.email]));
  const merged: OfficeHistoryEntry[] = [
    ...history.map((h) => ({ ...h, agentEmail: h.actor === 'agent' && h.actorId ? (emailOf.get(h.actorId) ?? null) : null, internal: false })),
    ...internal.map((h) => ({ ...h, agentEmail: h.actorId ? (emailOf.get(h.actorId) ?? null) : null, internal: true })),
  ].sort((x, y) => y.at.getTime() - x.at.getTime());
  return {
    app,
    procedure,
    prefectureName: prefecture[0]?.name ?? '',
    identity,
    documents: docs,
    missing,
    amendments: amendmentRows,
    requests,
    notes,
    attestations: proofs,
    activeBlock: blocks[0] ?? null,
    decision: decisionRows[0] ?? null,
    officers,
    history: merged,
    loadedAt: now,
  };
}
