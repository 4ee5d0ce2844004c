import type { Role } from '../../src/db/schema';
import { totpCode } from '../../src/platform/totp';
import type { TestContext } from './harness';
import { buildUser, type BuiltUser } from './builders';
import type { TestClient } from './test-client';

/** The authenticator key of every agent the tests build (base32). */
export const AGENT_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export type BuiltAgent = BuiltUser & { prefectureCode: string | null };

/** An agent with their second factor already enrolled; prefecture roles in Paris (75) unless told. */
export async function buildAgent(ctx: TestContext, role: Role, prefectureCode: string | null = role === 'support_agent' || role === 'admin' ? null : '75'): Promise<BuiltAgent> {
  const user = await buildUser(ctx.services, { role, prefectureCode, totpSecret: AGENT_TOTP_SECRET });
  return { ...user, prefectureCode };
}

let addresses = 0;

/**
 * Logs an agent in through the real forms: password, then the code of their app. The clock
 * moves on one TOTP step first, since a code is accepted once per step and account.
 */
export async function logInAgent(ctx: TestContext, agent: { email: string; password: string }, client: TestClient = ctx.client()): Promise<TestClient> {
  // Each agent client its own address: the per-address log-in limit never interferes.
  client.ip = `192.0.2.${(++addresses % 250) + 1}`;
  const login = await client.submit('/connexion', { email: agent.email, password: agent.password });
  if (login.statusCode !== 303) throw new Error(`password refused for ${agent.email}: ${login.statusCode}`);
  ctx.clock.advance(30_000);
  const factor = await client.submit('/connexion/second-facteur', { code: totpCode(AGENT_TOTP_SECRET, ctx.clock.now()) });
  if (factor.statusCode !== 303) throw new Error(`second factor refused for ${agent.email}: ${factor.statusCode}`);
  return client;
}

/** A new agent of `role`, signed in on a fresh client. */
export async function signedInAgent(ctx: TestContext, role: Role, prefectureCode?: string | null): Promise<{ agent: BuiltAgent; client: TestClient }> {
  const agent = await buildAgent(ctx, role, prefectureCode);
  return { agent, client: await logInAgent(ctx, agent) };
}
