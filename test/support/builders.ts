import { desc, eq } from 'drizzle-orm';
import { mailMessages, profiles, smsMessages, users, type Role } from '../../src/db/schema';
import { hashPassword } from '../../src/platform/passwords';
import type { Services } from '../../src/services';
import type { TestClient } from './test-client';
import { randomUUID } from 'node:crypto';
import { sealTotpSecret } from '../../src/modules/accounts/totp/secret-storage';

export const TEST_PASSWORD = 'correct horse battery staple';
let counter = 0;
let cachedHash: Promise<string> | undefined;

export interface BuiltUser {
  id: string;
  email: string;
  password: string;
  role: Role;
}

/** A confirmed account (applicant unless told), with its prefecture when it is an agent. */
export async function buildUser(services: Services, overrides: Partial<{ email: string; role: Role; prefectureCode: string | null; verified: boolean; locale: string; password: string; totpSecret: string }> = {}): Promise<BuiltUser> {
  const now = services.clock.now();
  const role = overrides.role ?? 'applicant';
  const email = overrides.email ?? `person${++counter}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const password = overrides.password ?? TEST_PASSWORD;
  // Argon2 is slow on purpose; tests share one hash of the default password.
  const passwordHash = overrides.password ? await hashPassword(password) : await (cachedHash ??= hashPassword(TEST_PASSWORD));
  const id = randomUUID();
  const [u] = await services.db
    .insert(users)
    .values({
      id,
      email,
      passwordHash,
      role,
      prefectureCode: overrides.prefectureCode === undefined ? (role === 'applicant' || role === 'support_agent' || role === 'admin' ? null : '75') : overrides.prefectureCode,
      emailVerifiedAt: overrides.verified === false ? null : now,
      locale: overrides.locale ?? 'fr',
      // Stored sealed, as the application stores it.
      totpSecret: overrides.totpSecret ? sealTotpSecret(services, id, overrides.totpSecret) : null,
      totpEnabledAt: overrides.totpSecret ? now : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: users.id });
  await services.db.insert(profiles).values({ userId: u!.id, updatedAt: now }).onConflictDoNothing();
  return { id: u!.id, email, password, role };
}

/** Logs a client in through the real form (no second factor). */
export async function logInAs(client: TestClient, user: { email: string; password: string }) {
  const res = await client.submit('/connexion', { email: user.email, password: user.password });
  if (res.statusCode !== 303) throw new Error(`login failed for ${user.email}: ${res.statusCode}`);
  return res;
}

/** The newest e-mail sent to an address, after running the delivery jobs. */
export async function lastMailTo(services: Services, to: string) {
  await services.jobs.runPending();
  const [mail] = await services.db.select().from(mailMessages).where(eq(mailMessages.to, to)).orderBy(desc(mailMessages.seq)).limit(1);
  return mail ?? null;
}

export async function lastSmsTo(services: Services, to: string) {
  await services.jobs.runPending();
  const [sms] = await services.db.select().from(smsMessages).where(eq(smsMessages.to, to)).orderBy(desc(smsMessages.seq)).limit(1);
  return sms ?? null;
}

/** The 6-digit code in a message's text. */
export function codeIn(text: string): string {
  const m = /(?<!\d)(\d{6})(?!\d)/.exec(text);
  if (!m) throw new Error(`no code in: ${text}`);
  return m[1]!;
}

/** The first link to Sésame in a message's text, as a path. */
export function linkIn(text: string): string {
  const m = /https?:\/\/[^\s]+/.exec(text);
  if (!m) throw new Error(`no link in: ${text}`);
  const u = new URL(m[0]);
  return u.pathname + u.search;
}
