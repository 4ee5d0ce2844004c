import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { applications, auditEvents } from '../../src/db/schema';
import { simulatedExamples } from '../../src/modules/applications/fee-and-photo-check';
import type { Services } from '../../src/services';
import { buildApplicant } from '../support/application-builders';
import { logInAs, type BuiltUser } from '../support/builders';
import type { TestContext } from '../support/harness';
import type { TestClient } from '../support/test-client';

/** A *timbre fiscal* and *e-photo* code the simulated services accept. */
export const validFee = { timbre: simulatedExamples.timbre, ephoto: simulatedExamples.ephoto };

/** An applicant with a complete profile (Paris, card expiring on 30 June 2026 unless told), signed in on a fresh client. */
export async function signedInApplicant(ctx: TestContext, options: { permitExpiresOn?: string; postcode?: string } = {}): Promise<{ user: BuiltUser; client: TestClient }> {
  const user = await buildApplicant(ctx.services, options);
  const client = ctx.client();
  await logInAs(client, user);
  return { user, client };
}

/** Starts a procedure through the "start" button and returns the new application's id. */
export async function startThroughPage(client: TestClient, procedureId: string, situation: Record<string, string> = {}): Promise<string> {
  await client.get('/demarches/nouvelle');
  const res = await client.post('/demarches', { procedure: procedureId, ...situation });
  expect(res.statusCode).toBe(303);
  const id = /^\/demarches\/([0-9a-f-]{36})\/etape\//.exec(String(res.headers.location))?.[1];
  if (!id) throw new Error(`no application in ${String(res.headers.location)}`);
  return id;
}

/** Date answers as the three boxes the form posts. */
export function dateBoxes(name: string, day: string, month: string, year: string): Record<string, string> {
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
}

export async function applicationRow(services: Services, id: string) {
  const [row] = await services.db.select().from(applications).where(eq(applications.id, id));
  return row!;
}

export async function auditActions(services: Services, subjectId: string): Promise<string[]> {
  const rows = await services.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(auditEvents.seq);
  return rows.map((r) => r.action);
}

/** The redirect target of a response, checked to be a redirect. */
export function redirectOf(res: LightMyRequestResponse): string {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
  return String(res.headers.location);
}

/** The text of the page with tags removed and entities of the common kind decoded, for reading assertions. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}
