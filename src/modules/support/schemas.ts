import { z } from 'zod';
import { emailField } from '../accounts/schemas';
import { formCategories } from './categories';
import { ticketStatuses } from './ticket-workflow';

/** Longest message accepted: a page of text, enough to explain any problem. */
export const MAX_MESSAGE_LENGTH = 5000;
export const MAX_SUBJECT_LENGTH = 150;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

const optionalEmail = z
  .string()
  .trim()
  .max(254)
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(emailField.optional());

const postcode = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v.replace(/\s+/g, '') : undefined))
  .refine((v) => v === undefined || /^\d{5}$/.test(v), { error: 'validation.postcode' });

const message = z.string().trim().min(1).max(MAX_MESSAGE_LENGTH);

/** What every request asks, signed in or not. */
const common = {
  category: z.enum(formCategories, { error: 'support.errors.category_required' }),
  subject: z.string().trim().min(1).max(MAX_SUBJECT_LENGTH),
  description: message,
  fileReference: optionalText(40),
  postcode,
};

/** A person who is not signed in says where to answer, and which account a lost mailbox belonged to. */
export const publicTicketForm = z.object({
  ...common,
  contactEmail: emailField,
  contactName: optionalText(100),
  accountEmail: optionalEmail,
});

/** A signed-in person: answers go to the account's address; a file is chosen among their own. */
export const accountTicketForm = z.object({
  ...common,
  applicationId: optionalText(64),
});

/** "Report a problem": what went wrong; the page and request id come from the link in the footer. */
export const problemReportForm = z.object({
  description: message,
  retour: z.string().max(500).optional(),
  requete: z.string().max(64).optional(),
  contactEmail: optionalEmail,
});

export const replyForm = z.object({ body: message });

/** Lost the follow link: the reference and the address it was sent to. */
export const resendLinkForm = z.object({ reference: z.string().trim().min(1).max(40), email: emailField });

export const agentReplyForm = z.object({
  body: message,
  then: z.enum(['in_progress', 'waiting_for_person', 'resolved']).catch('in_progress'),
});

export const statusForm = z.object({ status: z.enum(ticketStatuses, { error: 'validation.choose_option' }) });

/**
 * Every action on an account says why, in words the audit log keeps. Each form of the desk's
 * case page names its field differently: they share one page, and a field's id is its name.
 */
export const reasonField = z.string().trim().min(1, { error: 'support.errors.reason_required' }).max(1000);

export const changeEmailForPersonForm = z.object({ newEmail: emailField, emailReason: reasonField });
export const resendConfirmationForm = z.object({ confirmationReason: reasonField });
export const unlockForm = z.object({ unlockReason: reasonField });
export const linkAccountForm = z.object({ accountEmail: emailField, linkReason: reasonField });
export const routeForm = z.object({
  prefectureCode: z.string().trim().min(1, { error: 'support.errors.prefecture_required' }).max(3),
  routeReason: reasonField,
});
