import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { applications, supportIdentityChecks } from '../../../db/schema';
import type { Actor } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { categoryRules, type TicketCategory } from '../categories';
import type { Ticket } from '../person-access';
import { isOpenStatus, type TicketStatus } from '../ticket-workflow';
import { ticketForSupport } from './support-access';

/**
 * Policy "support sees a file's documents only for a request that needs them".
 *
 * The national contact centre is not a prefecture: it has no business reading people's
 * passports and payslips in general. A support agent may see the documents of a file only
 * through a request, and only while all of these hold:
 *  1. the request is still open (resolved: access ends);
 *  2. its category needs the documents (`categoryRules[*].needsFileDocuments`: a failed upload,
 *     a wrong attestation — not a question for the prefecture);
 *  3. it names that file;
 *  4. the link between the request and the file is the applicant's own: opened by them while
 *     signed in, or the latest identity check on this request for the file's applicant passed
 *     (anyone can type a file number on the public form).
 * Every listing and every document opened is written to the audit log. Refused: "not found".
 */
export type FileDocumentsDecision =
  | { allowed: true }
  | { allowed: false; reason: 'ticket_resolved' | 'category_does_not_need_documents' | 'no_file' | 'file_not_linked_by_applicant' };

export interface FileDocumentsFacts {
  status: TicketStatus;
  category: TicketCategory;
  applicationId: string | null;
  /** The file's applicant opened the request while signed in. */
  openedByApplicant: boolean;
  /** The latest identity check on this request for the file's applicant passed. */
  applicantIdentityChecked: boolean;
}

export function fileDocumentsDecision(f: FileDocumentsFacts): FileDocumentsDecision {
  if (!isOpenStatus(f.status)) return { allowed: false, reason: 'ticket_resolved' };
  if (!categoryRules[f.category].needsFileDocuments) return { allowed: false, reason: 'category_does_not_need_documents' };
  if (!f.applicationId) return { allowed: false, reason: 'no_file' };
  if (!f.openedByApplicant && !f.applicantIdentityChecked) return { allowed: false, reason: 'file_not_linked_by_applicant' };
  return { allowed: true };
}

/** Gathers the facts of the policy for one request (the ticket is already reached through `ticketForSupport`). */
export async function fileDocumentsFacts(db: Db, ticket: Ticket): Promise<FileDocumentsFacts & { applicantId: string | null }> {
  let applicantId: string | null = null;
  let checked = false;
  if (ticket.applicationId) {
    const [app] = await db.select({ applicantId: applications.applicantId }).from(applications).where(eq(applications.id, ticket.applicationId));
    applicantId = app?.applicantId ?? null;
    if (applicantId) {
      const [latest] = await db
        .select({ outcome: supportIdentityChecks.outcome })
        .from(supportIdentityChecks)
        .where(and(eq(supportIdentityChecks.ticketId, ticket.id), eq(supportIdentityChecks.subjectUserId, applicantId)))
        .orderBy(desc(supportIdentityChecks.createdAt), desc(supportIdentityChecks.id))
        .limit(1);
      checked = latest?.outcome === 'passed';
    }
  }
  return {
    status: ticket.status,
    category: ticket.category,
    applicationId: ticket.applicationId,
    openedByApplicant: applicantId !== null && ticket.requesterId === applicantId,
    applicantIdentityChecked: checked,
    applicantId,
  };
}

/** The request and its file when the policy allows the agent to see the file's documents; "not found" otherwise. */
export async function fileForSupportDocuments(db: Db, agent: Actor, reference: string): Promise<{ ticket: Ticket; applicationId: string }> {
  const ticket = await ticketForSupport(db, agent, reference);
  const decision = fileDocumentsDecision(await fileDocumentsFacts(db, ticket));
  if (!decision.allowed) throw new AppError('not_found', { logMessage: `support document access refused on ${ticket.reference}: ${decision.reason}` });
  return { ticket, applicationId: ticket.applicationId! };
}
