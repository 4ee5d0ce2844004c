import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Actor } from '../../src/platform/audit';
import { totpCode } from '../../src/platform/totp';
import type { Services } from '../../src/services';
import { postMessage, type PostedMessage } from '../../src/modules/messaging/post-message';
import type { Participant } from '../../src/modules/messaging/policy';
import { buildUser, logInAs, type BuiltUser } from './builders';
import type { TestContext } from './harness';
import { postMultipart, type FilePart } from './multipart';
import type { TestClient } from './test-client';

export const AGENT_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** An agent of a prefecture with a second factor, as an audit actor and as an account to log in with. */
export async function buildAgent(services: Services, options: { role?: 'case_officer' | 'head_of_office' | 'desk_agent'; prefectureCode?: string; locale?: string } = {}): Promise<BuiltUser & { actor: Actor }> {
  const user = await buildUser(services, { role: options.role ?? 'case_officer', prefectureCode: options.prefectureCode ?? '75', totpSecret: AGENT_TOTP_SECRET, locale: options.locale });
  return { ...user, actor: { id: user.id, role: user.role, requestId: 'test' } };
}

let address = 0;

/** A browser without JavaScript, logged in (with the second factor for an agent), from its own address (rate limits per IP). */
export async function loggedInClient(ctx: TestContext, user: BuiltUser): Promise<TestClient> {
  const c = ctx.client();
  c.ip = `198.18.${Math.floor(++address / 250)}.${(address % 250) + 1}`;
  await logInAs(c, user);
  if (user.role !== 'applicant') {
    const res = await c.submit('/connexion/second-facteur', { code: totpCode(AGENT_TOTP_SECRET, ctx.clock.now()) });
    // A code is good once per 30 s step (RFC 6238 replay rule): the same agent cannot log in twice on one step.
    if (res.statusCode !== 303) throw new Error(`second factor refused for ${user.email}: ${res.statusCode}`);
  }
  return c;
}

export const formKey = () => randomBytes(12).toString('base64url');

export const applicantSide = (user: { id: string }): Participant => ({ side: 'applicant', actor: { id: user.id, role: 'applicant', requestId: 'test' } });
export const officeSide = (agent: { actor: Actor }): Participant => ({ side: 'office', actor: agent.actor });

/** Writes in a thread through the use case, with a fresh form key. */
export function write(services: Services, who: Participant, applicationId: string, body: string, file: { fileName: string; bytes: Buffer } | null = null): Promise<PostedMessage> {
  return postMessage(services, who, applicationId, { body, idempotencyKey: formKey(), file });
}

/** The form of a thread page as a browser sends it: its once-only key and token, the text, an optional file. */
export async function sendThreadForm(ctx: TestContext, c: TestClient, pageUrl: string, body: string, file?: FilePart, options: { key?: string } = {}): Promise<LightMyRequestResponse> {
  const page = await c.get(pageUrl);
  const key = options.key ?? /name="key" value="([^"]+)"/.exec(page.body)?.[1];
  if (!key) throw new Error(`no form key on ${pageUrl} (${page.statusCode})`);
  return postMultipart(ctx.app, c, pageUrl, { key, body }, file);
}
