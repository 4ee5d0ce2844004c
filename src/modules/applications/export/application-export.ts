import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { amendments, applicationDocuments, auditEvents, documents, prefectures } from '../../../db/schema';
import { findProcedure, requiredDocuments } from '../../procedures/catalogue';
import type { Procedure } from '../../procedures/types';
import { missingDocuments } from '../file-application';
import { ownApplication, type Application } from '../policy';

/** Event data never exported: where and from what a request came stays in the audit log. */
const INTERNAL_KEYS = new Set(['ip', 'userAgent', 'requestId', 'sessionId']);

const agentRoles = new Set(['case_officer', 'head_of_office', 'desk_agent', 'support_agent', 'admin']);

export interface ExportedDocument {
  kind: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  addedAt: string;
  replacedAt: string | null;
  /** Path of the file inside the ZIP; null when its bytes could not be read back from storage. */
  file: string | null;
}

/** Everything on one application, as the applicant may take it away: a stable, documented JSON shape. */
export interface ApplicationExport {
  format: 'sesame.application-export/1';
  exportedAt: string;
  application: {
    id: string;
    reference: string | null;
    procedureId: string;
    status: Application['status'];
    prefecture: { code: string; name: string } | null;
    createdAt: string;
    filedAt: string | null;
    filedOnTime: boolean | null;
    currentPermitExpiresOn: string | null;
    withdrawnAt: string | null;
    decidedAt: string | null;
    decision: Application['decision'];
    timbreReference: string | null;
    ephotoCode: string | null;
  };
  answers: Record<string, string>;
  requiredDocuments: string[];
  missingDocuments: string[];
  documents: ExportedDocument[];
  amendments: { at: string; kind: string; data: Record<string, unknown> }[];
  history: { at: string; action: string; actor: 'you' | 'agent' | 'system'; data: Record<string, unknown> }[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Where a document goes in the ZIP: numbered (two documents may share a name), its kind, and
 * the name the person gave it (already cleaned of folders at upload). Replaced documents are
 * kept apart: they are part of the file's history, not of what the office examines.
 */
function zipPath(index: number, kind: string, originalName: string, replaced: boolean): string {
  const name = originalName.replace(/[\\/]/g, '_');
  return `pieces/${replaced ? 'remplacees/' : ''}${String(index + 1).padStart(2, '0')}-${kind}-${name}`;
}

/**
 * Gathers one application for download: the application, its answers, its documents (their
 * record; the files are added by the ZIP), its amendments and its full audited history.
 * Reached through `ownApplication`: another person's id is "not found".
 */
export async function applicationExport(
  db: Db,
  applicantId: string,
  applicationId: string,
  now: Date,
): Promise<{ data: ApplicationExport; app: Application; procedure: Procedure; files: { storageKey: string; path: string }[] }> {
  const app = await ownApplication(db, applicantId, applicationId);
  const procedure = findProcedure(app.procedureId)!;
  const [prefecture] = app.prefectureCode ? await db.select().from(prefectures).where(eq(prefectures.code, app.prefectureCode)) : [];
  const docs = await db
    .select({ link: applicationDocuments, doc: documents })
    .from(applicationDocuments)
    .innerJoin(documents, eq(documents.id, applicationDocuments.documentId))
    .where(eq(applicationDocuments.applicationId, app.id))
    .orderBy(asc(applicationDocuments.addedAt));
  const amendmentRows = await db.select().from(amendments).where(eq(amendments.applicationId, app.id)).orderBy(asc(amendments.at));
  const events = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, 'application'), eq(auditEvents.subjectId, app.id)))
    .orderBy(asc(auditEvents.seq));

  const data: ApplicationExport = {
    format: 'sesame.application-export/1',
    exportedAt: now.toISOString(),
    application: {
      id: app.id,
      reference: app.reference,
      procedureId: app.procedureId,
      status: app.status,
      prefecture: prefecture ? { code: prefecture.code, name: prefecture.name } : null,
      createdAt: app.createdAt.toISOString(),
      filedAt: iso(app.filedAt),
      filedOnTime: app.filedOnTime,
      currentPermitExpiresOn: app.currentPermitExpiresOn,
      withdrawnAt: iso(app.withdrawnAt),
      decidedAt: iso(app.decidedAt),
      decision: app.decision,
      timbreReference: app.timbreReference,
      ephotoCode: app.ephotoCode,
    },
    answers: app.answers,
    requiredDocuments: requiredDocuments(procedure, app.answers),
    missingDocuments: await missingDocuments(db, app, procedure),
    documents: docs.map(({ link, doc }, i) => ({
      kind: link.kind,
      originalName: doc.originalName,
      mimeType: doc.mimeType,
      sizeBytes: doc.sizeBytes,
      sha256: doc.sha256,
      addedAt: link.addedAt.toISOString(),
      replacedAt: iso(link.replacedAt),
      file: zipPath(i, link.kind, doc.originalName, link.replacedAt !== null),
    })),
    amendments: amendmentRows.map((a) => ({ at: a.at.toISOString(), kind: a.kind, data: a.data })),
    history: events.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      actor: e.actorId === applicantId ? 'you' : e.actorRole && agentRoles.has(e.actorRole) ? 'agent' : 'system',
      data: Object.fromEntries(Object.entries(e.data).filter(([k]) => !INTERNAL_KEYS.has(k))),
    })),
  };
  const files = docs.map(({ doc }, i) => ({ storageKey: doc.storageKey, path: data.documents[i]!.file! }));
  return { data, app, procedure, files };
}
