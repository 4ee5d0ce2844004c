import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client';
import { applications, documentRequests, OPEN_IN_OFFICE, profiles, users } from '../../../db/schema';
import { parisDate, type CalendarDate } from '../../../platform/legal-dates';
import type { Translate } from '../../../platform/i18n/catalogue';
import { procedureTitle } from '../../applications/views/labels';
import { implicitRejectionOn } from '../queue-priority';
import { csvDocument } from './csv';

export interface BacklogExportRow {
  reference: string | null;
  procedureId: string;
  status: string;
  filedAt: Date | null;
  completedAt: Date | null;
  priorityOn: CalendarDate | null;
  documentsDueOn: CalendarDate | null;
  officerEmail: string | null;
  surname: string | null;
  givenNames: string | null;
}

const officer = alias(users, 'officer');
const openInOffice = sql.raw(`"applications".${OPEN_IN_OFFICE}`);

/**
 * Every open file of the prefecture in queue order, with what a spreadsheet needs: one statement
 * over `applications_queue_open_idx` and the rows it joins (the applicant's profile, the officer,
 * the open document request — at most one per file).
 */
export function loadBacklogExport(db: Db, prefectureCode: string): Promise<BacklogExportRow[]> {
  return db
    .select({
      reference: applications.reference,
      procedureId: applications.procedureId,
      status: applications.status,
      filedAt: applications.filedAt,
      completedAt: applications.completedAt,
      priorityOn: applications.priorityOn,
      documentsDueOn: documentRequests.dueOn,
      officerEmail: officer.email,
      surname: sql<string | null>`coalesce(${profiles.surnameLatin}, ${profiles.surname})`,
      givenNames: sql<string | null>`coalesce(${profiles.givenNamesLatin}, ${profiles.givenNames})`,
    })
    .from(applications)
    .leftJoin(profiles, eq(profiles.userId, applications.applicantId))
    .leftJoin(officer, eq(officer.id, applications.assignedOfficerId))
    .leftJoin(documentRequests, and(eq(documentRequests.applicationId, applications.id), isNull(documentRequests.fulfilledAt), isNull(documentRequests.cancelledAt)))
    .where(and(eq(applications.prefectureCode, prefectureCode), openInOffice, isNotNull(applications.filedAt)))
    .orderBy(asc(applications.priorityOn), asc(applications.id));
}

export const backlogColumns = ['reference', 'surname', 'given_names', 'procedure', 'status', 'filed_on', 'completed_on', 'implicit_rejection_on', 'documents_due_on', 'priority_on', 'officer'] as const;

/** The CSV file, its header and statuses in the reader's language; dates as ISO days (spreadsheets read them as dates). */
export function backlogCsv(rows: readonly BacklogExportRow[], t: Translate): string {
  const header = backlogColumns.map((c) => t(`backoffice.dashboard.csv.${c}`));
  return csvDocument(
    header,
    rows.map((r) => {
      const completedOn = r.completedAt ? parisDate(r.completedAt) : null;
      return [
        r.reference,
        r.surname,
        r.givenNames,
        procedureTitle(r.procedureId, t),
        t(`applications.status.${r.status}`),
        r.filedAt ? parisDate(r.filedAt) : null,
        completedOn,
        implicitRejectionOn(completedOn),
        r.documentsDueOn,
        r.priorityOn,
        r.officerEmail ?? t('backoffice.dashboard.csv.unassigned'),
      ];
    }),
  );
}
