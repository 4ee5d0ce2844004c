import { desc, eq } from 'drizzle-orm';
import { auditEvents, mailMessages, supportTickets, type Role } from '../../src/db/schema';
import { DEMO_TOTP_SECRET } from '../../src/db/seed/demo';
import { totpCode } from '../../src/platform/totp';
import { buildUser, logInAs, type BuiltUser } from '../support/builders';
import type { TestContext } from '../support/harness';
import type { TestClient } from '../support/test-client';

let clients = 0;

/** A client from its own address, so per-address limits of one test never touch another's. */
export function freshClient(ctx: TestContext): TestClient {
  const c = ctx.client();
  c.ip = `198.18.${Math.floor(++clients / 250)}.${clients % 250}`;
  return c;
}

/** An agent (second factor on, as every agent's is) signed in through the real forms: password, then TOTP code. */
export async function signedInAgent(ctx: TestContext, role: Role, prefectureCode: string | null = null): Promise<{ agent: BuiltUser; c: TestClient }> {
  const agent = await buildUser(ctx.services, { role, prefectureCode, totpSecret: DEMO_TOTP_SECRET });
  const c = freshClient(ctx);
  await logInAs(c, agent);
  const res = await c.submit('/connexion/second-facteur', { code: totpCode(DEMO_TOTP_SECRET, ctx.clock.now()) });
  if (res.statusCode !== 303) throw new Error(`second factor refused for ${agent.email}: ${res.statusCode}`);
  return { agent, c };
}

/** An applicant signed in through the log-in form. */
export async function signedInApplicant(ctx: TestContext, user?: BuiltUser): Promise<{ user: BuiltUser; c: TestClient }> {
  const u = user ?? (await buildUser(ctx.services));
  const c = freshClient(ctx);
  await logInAs(c, u);
  return { user: u, c };
}

export const ticketByReference = async (ctx: TestContext, reference: string) =>
  (await ctx.services.db.select().from(supportTickets).where(eq(supportTickets.reference, reference)))[0]!;

export const latestTicket = async (ctx: TestContext) => (await ctx.services.db.select().from(supportTickets).orderBy(desc(supportTickets.createdAt)).limit(1))[0]!;

/** Every mail to an address, oldest first, after running the delivery jobs. */
export async function mailsTo(ctx: TestContext, to: string) {
  await ctx.services.jobs.runPending();
  return ctx.services.db.select().from(mailMessages).where(eq(mailMessages.to, to)).orderBy(mailMessages.seq);
}

export async function auditOf(ctx: TestContext, subjectId: string) {
  return ctx.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(auditEvents.seq);
}

/** The secret follow path in a message or a Location header. */
export const followPathIn = (text: string): string => {
  const m = /\/aide\/suivi\/[A-Za-z0-9_-]{40,60}/.exec(text);
  if (!m) throw new Error(`no follow link in: ${text}`);
  return m[0];
};

/** Fields of the public help form with sensible defaults. */
export const publicTicket = (over: Record<string, string> = {}) => ({
  category: 'other',
  subject: 'Une question',
  description: 'Bonjour, je voudrais savoir comment faire.',
  contactEmail: `contact-${Math.random().toString(36).slice(2, 8)}@example.org`,
  ...over,
});
