import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { supportTickets, users } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Locale } from '../../platform/i18n/catalogue';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { formatWhen, mailLocale } from '../accounts/contact/notice-format';
import { ownApplication } from '../applications/policy';
import { categoryRules, type TicketCategory } from './categories';
import { replyDueAt } from './deadline';
import { supportRateRules } from './rate-rules';
import { competentPrefecture, fileByReference, profilePostcode } from './routing';
import { recordAttachment, withStagedAttachment, type IncomingFile } from './ticket-attachment';
import { followUrl, issueFollowLink } from './follow-link';
import { newTicketReference } from './ticket-reference';

export interface OpenTicketInput {
  category: TicketCategory;
  subject: string;
  description: string;
  /** Not signed in: where answers go, and (lost mailbox) the address of the account. */
  contactEmail?: string | undefined;
  contactName?: string | undefined;
  accountEmail?: string | undefined;
  /** Signed in: one of the person's own files. */
  applicationId?: string | undefined;
  /** Not signed in: a file number as typed. */
  fileReference?: string | undefined;
  postcode?: string | undefined;
  /** From "report a problem". */
  report?: { page: string | null; requestId: string | null; userAgent: string | null } | undefined;
  attachment?: IncomingFile | null | undefined;
}

export interface OpenedTicket {
  id: string;
  reference: string;
  dueAt: Date;
  /** The secret of the follow link, for a person who was not signed in; shown once and e-mailed. */
  followToken: string | null;
}

/**
 * Opens a request for help, signed in (`requesterId`) or not. The answer never depends on
 * whether an address or a file number typed by someone not signed in exists: they are looked
 * up for the support desk's benefit only, and nothing about them comes back.
 */
export async function openTicket(services: Services, requesterId: string | null, input: OpenTicketInput, meta: RequestMeta): Promise<OpenedTicket> {
  const { db, clock } = services;
  const requester = requesterId ? ((await db.select().from(users).where(eq(users.id, requesterId)))[0] ?? null) : null;
  if (requesterId && !requester) throw new AppError('unauthenticated');
  // A problem report may come without an address (nobody to answer, the report still counts).
  const contactEmail = requester?.email ?? input.contactEmail ?? null;
  if (!contactEmail && !input.report) throw new AppError('validation_failed', { fields: { contactEmail: 'validation.required' } });

  await services.rateLimiter.consume(input.report ? supportRateRules.problemReportsPerIp : supportRateRules.ticketsPerIp, meta.ip);
  if (requester || contactEmail) await services.rateLimiter.consume(supportRateRules.ticketsPerContact, requester?.id ?? contactEmail!);

  const aboutFile = categoryRules[input.category].aboutFile;
  let file: Awaited<ReturnType<typeof fileByReference>> = null;
  if (aboutFile && requester && input.applicationId) {
    // A signed-in person chooses among their own files; anything else is a tampered form.
    file = await ownApplication(db, requester.id, input.applicationId).catch(() => {
      throw new AppError('validation_failed', { fields: { applicationId: 'support.errors.file_unknown' } });
    });
  } else if (aboutFile && input.fileReference) {
    file = await fileByReference(db, input.fileReference);
  }
  const accountHolder = !requester && input.accountEmail ? ((await db.select({ id: users.id }).from(users).where(eq(users.email, input.accountEmail)))[0] ?? null) : null;
  const postcode = input.postcode ?? (requester ? await profilePostcode(db, requester.id) : null);
  const routing = await competentPrefecture(db, input.category, { file, postcode });
  const locale: Locale = requester ? mailLocale(requester.locale) : meta.locale;
  // The id is drawn here because the follow link's encrypted copy is bound to it.
  const ticketId = randomUUID();
  const follow = requester ? null : issueFollowLink(services, ticketId);

  const opened = await withStagedAttachment(services, input.attachment ?? null, (staged) =>
    services.transact(async (tx) => {
      const now = clock.now();
      const dueAt = replyDueAt(input.category, now);
      const [ticket] = await tx
        .insert(supportTickets)
        .values({
          id: ticketId,
          reference: newTicketReference(),
          followTokenHash: follow?.followTokenHash ?? null,
          followTokenSealed: follow?.followTokenSealed ?? null,
          category: input.category,
          requesterId: requester?.id ?? null,
          contactEmail,
          contactName: input.contactName ?? null,
          // The account the request is about: the requester's, the one whose address was typed,
          // or the owner of the file named. Only the desk sees it, and acts after an identity check.
          subjectUserId: requester?.id ?? accountHolder?.id ?? file?.applicantId ?? null,
          accountEmail: requester ? null : (input.accountEmail ?? null),
          applicationId: file?.id ?? null,
          fileReference: file?.reference ?? input.fileReference ?? null,
          postcode: input.postcode ?? null,
          prefectureCode: routing?.prefectureCode ?? null,
          routedAt: routing ? now : null,
          routedBy: routing?.routedBy ?? null,
          subject: input.subject,
          description: input.description,
          reportedPage: input.report?.page ?? null,
          reportedRequestId: input.report?.requestId ?? null,
          reportedUserAgent: input.report?.userAgent?.slice(0, 300) ?? null,
          locale,
          dueAt,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const t = ticket!;
      if (staged) await recordAttachment(tx, now, t.id, null, staged);
      await appendAudit(tx, meta.actor, now, {
        action: 'support.ticket_opened',
        subjectType: 'support_ticket',
        subjectId: t.id,
        data: { reference: t.reference, category: t.category, signedIn: Boolean(requester), attachment: Boolean(staged), report: input.report ?? null },
      });
      if (routing) {
        await appendAudit(tx, meta.actor, now, {
          action: 'support.ticket_routed',
          subjectType: 'support_ticket',
          subjectId: t.id,
          data: { reference: t.reference, prefectureCode: routing.prefectureCode, routedBy: routing.routedBy, applicationId: file?.id ?? null },
        });
      }
      if (contactEmail) {
        await services.mailer.queue(tx, contactEmail, locale, {
        template: 'support.mail_ticket_opened',
        // Nothing the person typed goes into this message: the address is unverified, and an
        // acknowledgement must not become a way to send anyone a text of one's choosing.
        params: { reference: t.reference, due: formatWhen(dueAt, locale) },
        link: { href: followUrl(services, t), labelKey: 'support.mail_follow_action' },
        });
      }
      return { id: t.id, reference: t.reference, dueAt, followToken: follow?.token ?? null };
    }),
  );
  return opened;
}
