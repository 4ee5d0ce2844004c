import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { applications, profiles, supportAttachments, supportIdentityChecks, users } from '../../../db/schema';
import type { IdentityAnswer } from '../../../db/schema/support';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Services } from '../../../services';
import type { RequestMeta } from '../../accounts/request-meta';
import { isOpenStatus } from '../ticket-workflow';
import { compareAnswers, identityOutcome, MAX_CHECKS_PER_TICKET, type AccountFacts, type IdentityQuestion } from './identity-check-rules';
import { ticketForSupport } from './support-access';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface IdentityCheckInput {
  answers: Partial<Record<IdentityQuestion, string>>;
  /** The identity document the agent saw, or null when none was. */
  documentKind: string | null;
  /** A copy sent with the request, when that is where the agent saw it. */
  documentAttachmentId?: string | undefined;
  reason: string;
}

async function accountFacts(tx: Db, userId: string): Promise<AccountFacts> {
  const [p] = await tx.select().from(profiles).where(eq(profiles.userId, userId));
  const files = await tx
    .select({ reference: applications.reference })
    .from(applications)
    .where(and(eq(applications.applicantId, userId), isNotNull(applications.reference)));
  return {
    birthDate: p?.birthDate ?? null,
    foreignerNumber: p?.foreignerNumber ?? null,
    fileReferences: files.map((f) => f.reference!),
    postcode: p?.postcode ?? null,
    permitNumber: p?.permitNumber ?? null,
  };
}

/**
 * Records an identity check on a request: the questions asked, whether each answer matched the
 * account (compared here, so the desk never displays the recorded values), the document seen,
 * and the agent's reason. The answers themselves are not kept: only what is needed to show the
 * check was done. Failed checks are recorded too, and count towards the limit per request.
 */
export async function recordIdentityCheck(services: Services, reference: string, input: IdentityCheckInput, meta: RequestMeta): Promise<{ outcome: 'passed' | 'failed'; answers: IdentityAnswer[] }> {
  return services.transact(async (tx) => {
    const now = services.clock.now();
    const ticket = await ticketForSupport(tx, meta.actor, reference, { forUpdate: true });
    const refuse = (key: string) => new AppError('conflict', { fields: { _form: key }, logMessage: key });
    if (!isOpenStatus(ticket.status)) throw refuse('support.errors.ticket_closed');
    if (!ticket.subjectUserId) throw refuse('support.errors.no_account');
    const [subject] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, ticket.subjectUserId));
    if (subject?.role !== 'applicant') throw refuse('support.errors.not_an_applicant');
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(supportIdentityChecks).where(eq(supportIdentityChecks.ticketId, ticket.id));
    if (n >= MAX_CHECKS_PER_TICKET) throw refuse('support.errors.too_many_checks');
    if (input.documentAttachmentId) {
      if (!UUID.test(input.documentAttachmentId)) throw new AppError('validation_failed', { fields: { documentAttachmentId: 'support.errors.attachment_unknown' } });
      const [att] = await tx
        .select({ id: supportAttachments.id })
        .from(supportAttachments)
        .where(and(eq(supportAttachments.ticketId, ticket.id), eq(supportAttachments.id, input.documentAttachmentId)));
      if (!att) throw new AppError('validation_failed', { fields: { documentAttachmentId: 'support.errors.attachment_unknown' } });
    }

    const answers = compareAnswers(input.answers, await accountFacts(tx, subject.id));
    const outcome = identityOutcome(answers, input.documentKind);
    await tx.insert(supportIdentityChecks).values({
      ticketId: ticket.id,
      agentId: meta.actor.id!,
      subjectUserId: subject.id,
      answers,
      documentKind: input.documentKind,
      documentAttachmentId: input.documentAttachmentId ?? null,
      outcome,
      reason: input.reason,
      createdAt: now,
    });
    await appendAudit(tx, meta.actor, now, {
      action: 'support.identity_checked',
      subjectType: 'user',
      subjectId: subject.id,
      data: { ticket: ticket.reference, outcome, answers, documentKind: input.documentKind, documentAttachmentId: input.documentAttachmentId ?? null, reason: input.reason },
    });
    return { outcome, answers };
  });
}
