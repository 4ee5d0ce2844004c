import { eq } from 'drizzle-orm';
import { applications, documentRequests, users, type RequestedDocument } from '../../db/schema';
import { appendAudit, type Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { addDays, isCalendarDate, parisDate, type CalendarDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import { longDate } from '../attestations/date-text';
import { nextStatus } from '../applications/workflow';
import { isDocumentKind } from '../documents/kinds';
import { cleanAgentText } from './office-audit';
import { lockFileForAgent, officeRoles } from './office-access';
import { notify } from '../notifications/notify';
import { refreshQueuePriority } from './refresh-queue-priority';
import { transitionRefusal } from './refusals';

/** The person needs time to obtain a document (a consulate, an employer): at least a week, at most three months. */
export const REPLY_MIN_DAYS = 7;
export const REPLY_MAX_DAYS = 90;
export const REQUEST_EXPLANATION_MIN = 10;
export const REQUEST_EXPLANATION_MAX = 1000;
export const MAX_REQUESTED_DOCUMENTS = 5;

export interface DocumentRequestInput {
  items: { kind: string; reason: string; explanation: string }[];
  dueOn: string;
}

/** Field errors are named after the form's rows (`item-0-kind`…) and `dueOn`. */
function validate(input: DocumentRequestInput, today: CalendarDate): { items: RequestedDocument[]; dueOn: CalendarDate } {
  const fields: Record<string, string> = {};
  const items: RequestedDocument[] = [];
  const seen = new Set<string>();
  input.items.slice(0, MAX_REQUESTED_DOCUMENTS).forEach((raw, i) => {
    const explanation = cleanAgentText(raw.explanation);
    if (!raw.kind && !explanation) return; // an empty row of the form
    if (!isDocumentKind(raw.kind)) fields[`item-${i}-kind`] = 'backoffice.errors.document_kind';
    else if (seen.has(raw.kind)) fields[`item-${i}-kind`] = 'backoffice.errors.document_twice';
    if (raw.reason !== 'missing' && raw.reason !== 'corrected') fields[`item-${i}-reason`] = 'backoffice.errors.request_reason';
    if (explanation.length < REQUEST_EXPLANATION_MIN || explanation.length > REQUEST_EXPLANATION_MAX) fields[`item-${i}-explanation`] = 'backoffice.errors.request_explanation';
    seen.add(raw.kind);
    items.push({ kind: raw.kind, reason: raw.reason as RequestedDocument['reason'], explanation });
  });
  if (items.length === 0 && Object.keys(fields).length === 0) fields['item-0-kind'] = 'backoffice.errors.request_empty';
  if (!isCalendarDate(input.dueOn)) fields.dueOn = 'backoffice.errors.due_date_format';
  else if (input.dueOn < addDays(today, REPLY_MIN_DAYS) || input.dueOn > addDays(today, REPLY_MAX_DAYS)) fields.dueOn = 'backoffice.errors.due_date_range';
  if (Object.keys(fields).length > 0) throw new AppError('validation_failed', { fields });
  return { items, dueOn: input.dueOn };
}

/**
 * The office asks for missing or corrected documents, with a reply deadline (workflow event
 * `request_documents`: filed or under review → incomplete). The person is told exactly which
 * documents and why, by e-mail and on their file page; sending them all brings the file back
 * (`settleDocumentRequest`). The deadline counts in the queue's order.
 */
export async function requestDocuments(services: Services, applicationId: string, agent: Actor, input: DocumentRequestInput): Promise<string> {
  const { items, dueOn } = validate(input, parisDate(services.clock.now()));
  return services.transact(async (tx) => {
    const app = await lockFileForAgent(tx, applicationId, agent, officeRoles.examine);
    const t = nextStatus(app.status, 'request_documents', { missingDocuments: 0, hasFeeAndPhoto: true });
    if (!t.ok) throw transitionRefusal(app.status, 'request_documents');
    const now = services.clock.now();
    await tx.update(applications).set({ status: t.to, version: app.version + 1, updatedAt: now }).where(eq(applications.id, app.id));
    const [request] = await tx.insert(documentRequests).values({ applicationId: app.id, agentId: agent.id!, items, dueOn, createdAt: now }).returning({ id: documentRequests.id });
    // The person's history says what was asked and until when; the explanations are in the request.
    await appendAudit(tx, agent, now, {
      action: 'application.documents_requested',
      subjectType: 'application',
      subjectId: app.id,
      data: { requestId: request!.id, kinds: items.map((i) => i.kind), dueOn, office: app.prefectureCode },
    });
    await refreshQueuePriority(tx, app.id);
    const [holder] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, app.applicantId));
    const locale = holder!.locale === 'en' ? 'en' : 'fr';
    const t9n = services.i18n.translator(locale);
    await notify(tx, services, {
      userId: app.applicantId,
      event: 'documents_requested',
      applicationId: app.id,
      link: `/demarches/${app.id}/pieces`,
      params: {
        reference: app.reference ?? '',
        dueOn: longDate(dueOn, locale),
        // One paragraph per document: what, why.
        items: items.map((i) => t9n('backoffice.mail_documents_item', { document: t9n(`documents.kinds.${i.kind}`), reason: t9n(`backoffice.request_reasons.${i.reason}`), explanation: i.explanation })).join('\n\n'),
      },
    });
    return request!.id;
  });
}
