import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { mailMessages, profiles, renewalReminders, users } from '../../src/db/schema';
import { fileApplication } from '../../src/modules/applications/file-application';
import { RENEWAL_REMINDERS_JOB, sendRenewalReminders } from '../../src/modules/applications/jobs/renewal-reminders';
import { enqueueAfterCommit } from '../../src/platform/jobs';
import { addDays } from '../../src/platform/legal-dates';
import { buildApplicant, buildReadyRenewal, metaFor } from '../support/application-builders';
import { buildUser } from '../support/builders';
import { createTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(new Date('2026-03-10T05:00:00Z'));
});
afterAll(() => ctx.close());

const deps = () => ({ ...ctx.services, publicUrl: ctx.config.publicUrl });

async function remindersTo(email: string) {
  await ctx.services.jobs.runPending();
  return ctx.services.db.select().from(mailMessages).where(eq(mailMessages.to, email)).orderBy(mailMessages.seq);
}

/** Runs the daily job through pg-boss, as the worker's schedule will. */
async function runJobFor(day?: string) {
  await ctx.services.transact((tx) => enqueueAfterCommit(tx, ctx.clock.now(), RENEWAL_REMINDERS_JOB, day ? { day } : {}));
  await ctx.services.jobs.runPending();
}

describe('renewal reminders (CESEDA R.431-5)', () => {
  it('e-mails once at day −120 and once at day −90, and on no other day', async () => {
    const expiry = '2026-12-31';
    const a = await buildApplicant(ctx.services, { permitExpiresOn: expiry });
    for (let before = 130; before >= 50; before--) {
      await sendRenewalReminders(deps(), addDays(expiry, -before));
      // A day run twice (a retry, a replay) sends nothing more.
      if (before === 120 || before === 90) await sendRenewalReminders(deps(), addDays(expiry, -before));
    }
    const mails = await remindersTo(a.email);
    expect(mails.map((m) => m.template)).toEqual(['applications.mail_renewal_opens', 'applications.mail_renewal_due']);
    expect(mails[0]!.text).toContain('31 décembre 2026');
    expect(mails[0]!.text).toContain('1 novembre 2026');
    expect(mails[0]!.text).toContain('/demarches/nouvelle');
    const rows = await ctx.services.db.select().from(renewalReminders).where(eq(renewalReminders.userId, a.id));
    expect(rows.map((r) => [r.daysBefore, r.permitExpiresOn]).sort()).toEqual([
      [120, expiry],
      [90, expiry],
    ]);
    expect(rows.every((r) => r.mailId !== null)).toBe(true);
  });

  it('runs as the registered job, in the person’s language, and reminds the next card again', async () => {
    const expiry = addDays('2026-03-10', 120);
    const en = await buildApplicant(ctx.services, { permitExpiresOn: expiry });
    await ctx.services.db.update(users).set({ locale: 'en' }).where(eq(users.id, en.id));
    // As the daily schedule sends it (no day: today in Paris), then replayed for that day.
    await runJobFor();
    await runJobFor('2026-03-10');
    const mails = await remindersTo(en.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('You can now apply to renew your residence permit');

    // Two years later, the new card has its own reminders.
    const nextExpiry = addDays(expiry, 730);
    await ctx.services.db.update(profiles).set({ permitExpiresOn: nextExpiry }).where(eq(profiles.userId, en.id));
    await runJobFor(addDays(nextExpiry, -120));
    expect(await remindersTo(en.email)).toHaveLength(2);
  });

  it('skips people who filed a renewal of that card, agents, and unconfirmed addresses', async () => {
    const expiry = '2027-01-31';
    const day = addDays(expiry, -90);
    const filed = await buildApplicant(ctx.services, { permitExpiresOn: expiry });
    const id = await buildReadyRenewal(ctx.services, filed);
    await fileApplication(ctx.services, filed.id, id, metaFor(filed));
    const draftOnly = await buildApplicant(ctx.services, { permitExpiresOn: expiry });
    await buildReadyRenewal(ctx.services, draftOnly);
    const agent = await buildUser(ctx.services, { role: 'case_officer' });
    await ctx.services.db.update(profiles).set({ permitExpiresOn: expiry }).where(eq(profiles.userId, agent.id));
    const unconfirmed = await buildUser(ctx.services, { verified: false });
    await ctx.services.db.update(profiles).set({ permitExpiresOn: expiry }).where(eq(profiles.userId, unconfirmed.id));

    // `filed` renewed this very card (the renewal carries its expiry date); `draftOnly` has only a draft.
    await runJobFor(day);
    expect(await remindersTo(filed.email)).toHaveLength(1); // only the filing receipt
    expect((await remindersTo(filed.email))[0]!.template).toBe('applications.mail_filed');
    expect((await remindersTo(draftOnly.email)).map((m) => m.template)).toEqual(['applications.mail_renewal_due']);
    expect(await remindersTo(agent.email)).toHaveLength(0);
    expect(await remindersTo(unconfirmed.email)).toHaveLength(0);
    const rows = await ctx.services.db.select().from(renewalReminders).where(and(eq(renewalReminders.permitExpiresOn, expiry)));
    expect(rows).toHaveLength(1);
  });
});
