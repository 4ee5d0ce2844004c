import { ticketCategories, type TicketCategory } from '../../db/schema/support';

export { ticketCategories, type TicketCategory };

/**
 * What each kind of request needs, as data: how soon it is answered, whether it concerns a file
 * (and so goes to the prefecture), and whether a support agent may look at that file's
 * documents while it is open. Labels are `support.categories.<category>`.
 */
export interface CategoryRules {
  /** Working days to a first answer; a reply from the person starts the count again. */
  answerWithinWorkingDays: number;
  /** The person is asked which file: the request is routed to the prefecture competent for it. */
  aboutFile: boolean;
  /** Read by `mayViewFileDocuments`: seeing the file's documents is needed to solve it. */
  needsFileDocuments: boolean;
  /** Offered on the public form (bug reports come from "report a problem" only). */
  offeredOnForm: boolean;
}

export const categoryRules: Record<TicketCategory, CategoryRules> = {
  // Someone locked out of their account cannot follow anything else: answered first.
  lost_email: { answerWithinWorkingDays: 1, aboutFile: false, needsFileDocuments: false, offeredOnForm: true },
  // An upload that fails can make a renewal late: support looks at what did arrive.
  cannot_upload: { answerWithinWorkingDays: 1, aboutFile: true, needsFileDocuments: true, offeredOnForm: true },
  // A wrong attestation can cost a job: the prefecture is told, support compares with the documents.
  attestation_wrong: { answerWithinWorkingDays: 1, aboutFile: true, needsFileDocuments: true, offeredOnForm: true },
  // Questions on the examination are the prefecture's to answer; support does not need the documents.
  file_question: { answerWithinWorkingDays: 3, aboutFile: true, needsFileDocuments: false, offeredOnForm: true },
  bug_report: { answerWithinWorkingDays: 2, aboutFile: false, needsFileDocuments: false, offeredOnForm: false },
  other: { answerWithinWorkingDays: 5, aboutFile: false, needsFileDocuments: false, offeredOnForm: true },
};

export const formCategories = ticketCategories.filter((c) => categoryRules[c].offeredOnForm);

export const isTicketCategory = (v: unknown): v is TicketCategory => typeof v === 'string' && (ticketCategories as readonly string[]).includes(v);
