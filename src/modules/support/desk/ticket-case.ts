import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { applications, oneTimeCodes, prefectures, supportIdentityChecks, users } from '../../../db/schema';
import type { Actor } from '../../../platform/audit';
import { categoryRules } from '../categories';
import { ticketThread, type Attachment, type ThreadMessage, type Ticket } from '../person-access';
import { fileDocumentsDecision, fileDocumentsFacts, type FileDocumentsDecision } from './file-documents-policy';
import { ticketForSupport } from './support-access';

/**
 * What a support agent sees of the account a request is about: enough to solve an access
 * problem (address, confirmation, lock, second factor), nothing of the person's identity or
 * files. Identity answers are compared by Sésame, never displayed.
 */
export interface AccountSummary {
  email: string | null;
  emailConfirmed: boolean;
  lockedUntil: Date | null;
  failedLogins: number;
  secondFactor: boolean;
  createdAt: Date;
  /** A change of address started by support and not confirmed yet: the address it waits on. */
  pendingAssistedChange: string | null;
}

export interface FileSummary {
  reference: string | null;
  status: string;
  procedureId: string;
  prefectureName: string | null;
}

export interface SupportCase {
  ticket: Ticket;
  messages: ThreadMessage[];
  attachments: Attachment[];
  account: AccountSummary | null;
  file: FileSummary | null;
  routedTo: string | null;
  assignedTo: string | null;
  checks: (typeof supportIdentityChecks.$inferSelect)[];
  documents: FileDocumentsDecision;
}

async function prefectureName(db: Db, code: string | null): Promise<string | null> {
  if (!code) return null;
  const [p] = await db.select({ name: prefectures.name }).from(prefectures).where(eq(prefectures.code, code));
  return p?.name ?? code;
}

async function accountSummary(db: Db, userId: string, now: Date): Promise<AccountSummary | null> {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u) return null;
  const [pending] = await db
    .select({ target: oneTimeCodes.target })
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, 'assisted_email_change'), isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, now)))
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1);
  return {
    email: u.email,
    emailConfirmed: u.emailVerifiedAt !== null,
    lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil : null,
    failedLogins: u.failedLogins,
    secondFactor: u.totpEnabledAt !== null,
    createdAt: u.createdAt,
    pendingAssistedChange: pending?.target ?? null,
  };
}

/** Everything the desk's case page shows for one request. */
export async function supportCase(db: Db, agent: Actor, reference: string, now: Date): Promise<SupportCase> {
  const ticket = await ticketForSupport(db, agent, reference);
  const { messages, attachments } = await ticketThread(db, ticket.id);
  let file: FileSummary | null = null;
  if (ticket.applicationId && categoryRules[ticket.category].aboutFile) {
    const [a] = await db.select().from(applications).where(eq(applications.id, ticket.applicationId));
    if (a) file = { reference: a.reference, status: a.status, procedureId: a.procedureId, prefectureName: await prefectureName(db, a.prefectureCode) };
  }
  const [assigned] = ticket.assignedAgentId ? await db.select({ email: users.email }).from(users).where(eq(users.id, ticket.assignedAgentId)) : [];
  return {
    ticket,
    messages,
    attachments,
    account: ticket.subjectUserId ? await accountSummary(db, ticket.subjectUserId, now) : null,
    file,
    routedTo: await prefectureName(db, ticket.prefectureCode),
    assignedTo: assigned?.email ?? null,
    checks: await db.select().from(supportIdentityChecks).where(eq(supportIdentityChecks.ticketId, ticket.id)).orderBy(desc(supportIdentityChecks.createdAt)),
    documents: fileDocumentsDecision(await fileDocumentsFacts(db, ticket)),
  };
}
