import { eq } from 'drizzle-orm';
import { applications, type Role } from '../../src/db/schema';
import type { Actor } from '../../src/platform/audit';
import type { AppError } from '../../src/platform/errors';
import { totpCode } from '../../src/platform/totp';
import type { TestContext } from '../support/harness';
import { buildUser, logInAs, type BuiltUser } from '../support/builders';
import type { TestClient } from '../support/test-client';

export const AGENT_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface SignedInAgent {
  user: BuiltUser;
  actor: Actor;
  client: TestClient;
}

/**
 * An agent of `prefectureCode` signed in through the real forms: password, then the TOTP code
 * (every agent has a second factor). Each agent is a new account: its code is fresh.
 */
export async function signedInAgent(ctx: TestContext, role: Role, prefectureCode: string | null = '75'): Promise<SignedInAgent> {
  const user = await buildUser(ctx.services, { role, prefectureCode, totpSecret: AGENT_TOTP });
  const client = ctx.client();
  await logInAs(client, user);
  const res = await client.submit('/connexion/second-facteur', { code: totpCode(AGENT_TOTP, ctx.clock.now()) });
  if (res.statusCode !== 303) throw new Error(`second factor refused for ${role}: ${res.statusCode}`);
  return { user, actor: { id: user.id, role, requestId: 'test' }, client };
}

/** An applicant signed in (no second factor). */
export async function signedInApplicant(ctx: TestContext, user: BuiltUser): Promise<TestClient> {
  const client = ctx.client();
  await logInAs(client, user);
  return client;
}

export async function fileRow(ctx: TestContext, id: string) {
  const [row] = await ctx.services.db.select().from(applications).where(eq(applications.id, id));
  return row!;
}

export const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
};
