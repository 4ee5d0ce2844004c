import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, mailMessages, messages, messageThreads, notifications, prefectures } from '../../src/db/schema';
import { enqueueAfterCommit } from '../../src/platform/jobs';
import { ESCALATE_OVERDUE_JOB } from '../../src/modules/messaging/jobs';
import { openThread } from '../../src/modules/messaging/open-thread';
import { overdueThreads } from '../../src/modules/messaging/office-threads';
import { createTestContext, type TestContext } from '../support/harness';
import { fileRenewal } from '../attestations/support/attestation-builders';
import { applicantSide, buildAgent, officeSide, write } from '../support/messaging-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** A time in Paris (summer time from 29 March to 25 October 2026). */
const paris = (day: string, time = '10:00') => {
  const summer = day >= '2026-03-29' && day < '2026-10-25';
  return new Date(`${day}T${time}:00${summer ? '+02:00' : '+01:00'}`);
};

/** A renewal filed well before in a prefecture's département (by its postcode). */
const fileIn = (postcode: string, filedOn = '2026-02-02') => fileRenewal(ctx.services, ctx.clock, { filedOn, permitExpiresOn: '2026-12-31', postcode });

const threadOf = async (applicationId: string) => (await ctx.services.db.select().from(messageThreads).where(eq(messageThreads.applicationId, applicationId)))[0]!;

/** The daily sweep, as the workers' cron runs it, through pg-boss. */
async function dailySweepOn(day: string) {
  ctx.clock.set(paris(day, '00:10'));
  await ctx.services.transact((tx) => enqueueAfterCommit(tx, ctx.clock.now(), ESCALATE_OVERDUE_JOB, {}));
  await ctx.services.jobs.runPending();
}

/** Overdue notices a head of office got about one file (other tests leave threads of their own). */
const overdueNotices = (userId: string, applicationId: string) =>
  ctx.services.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.event, 'reply_overdue'), eq(notifications.applicationId, applicationId)));

describe('the reply deadline in working days, with an injected clock', () => {
  it('runs 5 working days from the Thursday before Easter (Easter Monday skipped) and escalates once to the head of office on the day after', async () => {
    const { applicant, applicationId, reference } = await fileIn('75019');
    const head = await buildAgent(ctx.services, { role: 'head_of_office', prefectureCode: '75' });
    const otherHead = await buildAgent(ctx.services, { role: 'head_of_office', prefectureCode: '13' });
    ctx.clock.set(paris('2026-04-02'));
    await write(ctx.services, applicantSide(applicant), applicationId, 'Bonjour, où en est mon dossier ?');
    await ctx.services.jobs.runPending(); // the event-driven check: nothing is late yet
    expect(await threadOf(applicationId)).toMatchObject({ replyDueOn: '2026-04-10', awaitingReplySince: paris('2026-04-02'), escalatedAt: null });
    const [first] = await ctx.services.db.select().from(messages).where(eq(messages.body, 'Bonjour, où en est mon dossier ?'));
    expect(first).toMatchObject({ side: 'applicant', authorRole: 'applicant', replyDueOn: '2026-04-10' });

    // Both sides read the same date.
    ctx.clock.set(paris('2026-04-07'));
    const mine = await openThread(ctx.services, applicantSide(applicant), applicationId);
    expect(mine.deadline).toEqual({ kind: 'running', dueOn: '2026-04-10', workingDaysLeft: 3 });
    const theirs = await openThread(ctx.services, officeSide(head), applicationId);
    expect(theirs.deadline).toEqual(mine.deadline);

    // The last day is the office's whole: nothing on the 10th, escalation on Saturday the 11th.
    await dailySweepOn('2026-04-10');
    expect((await threadOf(applicationId)).escalatedAt).toBeNull();
    expect((await openThread(ctx.services, applicantSide(applicant), applicationId)).deadline).toEqual({ kind: 'due_today', dueOn: '2026-04-10' });
    expect(await overdueThreads(ctx.services.db, '75', '2026-04-10')).toEqual([]);
    await dailySweepOn('2026-04-11');
    expect((await threadOf(applicationId)).escalatedAt).toEqual(paris('2026-04-11', '00:10'));
    const notices = await overdueNotices(head.id, applicationId);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ linkPath: `/bureau/dossiers/${applicationId}/messages`, params: { reference, dueOn: '10 avril 2026' }, prefectureCode: '75' });
    expect(await overdueNotices(otherHead.id, applicationId)).toEqual([]);
    const [mail] = await ctx.services.db.select().from(mailMessages).where(eq(mailMessages.to, head.email));
    expect(mail).toMatchObject({ template: 'notifications.events.reply_overdue', subject: `Délai de réponse dépassé sur le dossier ${reference}` });
    expect(mail!.text).toContain('le délai de réponse a pris fin le 10 avril 2026');
    expect(mail!.text).toContain(`http://sesame.test/bureau/dossiers/${applicationId}/messages`);

    // Seen from both sides; listed for the head of office; a second sweep and a second check add nothing.
    expect((await openThread(ctx.services, applicantSide(applicant), applicationId)).deadline).toEqual({ kind: 'overdue', dueOn: '2026-04-10', workingDaysLate: 1 });
    const overdue = await overdueThreads(ctx.services.db, '75', '2026-04-13');
    expect(overdue.find((t) => t.applicationId === applicationId)).toMatchObject({ reference, overdue: true, applicantName: 'Awa Diallo', unread: 0 });
    await dailySweepOn('2026-04-12');
    ctx.clock.set(paris('2026-04-13'));
    await write(ctx.services, applicantSide(applicant), applicationId, 'Toujours rien ?');
    await ctx.services.jobs.runPending();
    expect(await overdueNotices(head.id, applicationId)).toHaveLength(1);
    const events = await ctx.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, applicationId), eq(auditEvents.action, 'message.reply_overdue'))).orderBy(asc(auditEvents.seq));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorRole: 'system', data: { replyDueOn: '2026-04-10' } });
    // The second message did not move the deadline the office already missed.
    expect((await threadOf(applicationId)).replyDueOn).toBe('2026-04-10');
  });

  it('skips Good Friday as well in Strasbourg (Alsace-Moselle): due on Monday 13 April', async () => {
    const { applicant, applicationId } = await fileIn('67000');
    ctx.clock.set(paris('2026-04-02'));
    await write(ctx.services, applicantSide(applicant), applicationId, 'Question pour la préfecture du Bas-Rhin.');
    expect((await threadOf(applicationId)).replyDueOn).toBe('2026-04-13');
  });

  it('counts from the next working day for a message sent on 14 July, and across 1 and 8 May', async () => {
    const summer = await fileIn('75011');
    ctx.clock.set(paris('2026-07-14', '16:45'));
    await write(ctx.services, applicantSide(summer.applicant), summer.applicationId, 'Écrit un jour férié.');
    expect((await threadOf(summer.applicationId)).replyDueOn).toBe('2026-07-21');

    const spring = await fileIn('75012');
    ctx.clock.set(paris('2026-04-30', '18:00'));
    await write(ctx.services, applicantSide(spring.applicant), spring.applicationId, 'Avant le pont du 1er mai.');
    expect((await threadOf(spring.applicationId)).replyDueOn).toBe('2026-05-11');
  });

  it("uses the Paris date, not the server's: a message at 00:30 on Monday in Paris counts from Monday", async () => {
    const { applicant, applicationId } = await fileIn('75013');
    ctx.clock.set(new Date('2026-03-01T23:30:00Z')); // Monday 2 March, 00:30 in Paris
    await write(ctx.services, applicantSide(applicant), applicationId, 'Tard le soir.');
    expect((await threadOf(applicationId)).replyDueOn).toBe('2026-03-09');
  });

  it("follows each prefecture's own number of working days", async () => {
    await ctx.services.db.update(prefectures).set({ replyDeadlineWorkingDays: 2 }).where(eq(prefectures.code, '13'));
    const marseille = await fileIn('13001');
    const paris75 = await fileIn('75014');
    ctx.clock.set(paris('2026-03-06')); // a Friday
    await write(ctx.services, applicantSide(marseille.applicant), marseille.applicationId, 'Bouches-du-Rhône.');
    await write(ctx.services, applicantSide(paris75.applicant), paris75.applicationId, 'Paris.');
    expect((await threadOf(marseille.applicationId)).replyDueOn).toBe('2026-03-10');
    expect((await threadOf(paris75.applicationId)).replyDueOn).toBe('2026-03-13');
    const view = await openThread(ctx.services, applicantSide(marseille.applicant), marseille.applicationId);
    expect(view.replyWorkingDays).toBe(2);
    await ctx.services.db.update(prefectures).set({ replyDeadlineWorkingDays: 5 }).where(eq(prefectures.code, '13'));
  });

  it('ends with the answer before the deadline: nothing escalates, and the next question starts a new deadline', async () => {
    const { applicant, applicationId } = await fileIn('75015');
    const officer = await buildAgent(ctx.services, { prefectureCode: '75' });
    const head = await buildAgent(ctx.services, { role: 'head_of_office', prefectureCode: '75' });
    ctx.clock.set(paris('2026-03-02'));
    await write(ctx.services, applicantSide(applicant), applicationId, 'Première question.');
    ctx.clock.set(paris('2026-03-04'));
    await write(ctx.services, applicantSide(applicant), applicationId, 'Précision.');
    expect((await threadOf(applicationId)).replyDueOn).toBe('2026-03-09');
    ctx.clock.set(paris('2026-03-09', '17:55'));
    await write(ctx.services, officeSide(officer), applicationId, 'Voici la réponse.');
    expect(await threadOf(applicationId)).toMatchObject({ replyDueOn: null, awaitingReplySince: null, escalatedAt: null });
    const [answer] = await ctx.services.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, applicationId), eq(auditEvents.action, 'message.sent'), eq(auditEvents.actorId, officer.id))).orderBy(asc(auditEvents.seq));
    expect(answer!.data).toMatchObject({ side: 'office', answered: { dueOn: '2026-03-09', late: false } });
    await dailySweepOn('2026-03-20');
    expect(await overdueNotices(head.id, applicationId)).toEqual([]);
    // The applicant is told of the answer.
    const [told] = await ctx.services.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, applicant.id), eq(notifications.event, 'message_received')));
    expect(told).toMatchObject({ linkPath: `/demarches/${applicationId}/messages`, applicationId });

    ctx.clock.set(paris('2026-03-20'));
    await write(ctx.services, applicantSide(applicant), applicationId, 'Nouvelle question.');
    expect((await threadOf(applicationId)).replyDueOn).toBe('2026-03-27');
  });

  it('escalates at the first event after a missed deadline, before any sweep (workers were down), and a late answer clears it', async () => {
    const { applicant, applicationId } = await fileIn('75016');
    const officer = await buildAgent(ctx.services, { prefectureCode: '75' });
    const head = await buildAgent(ctx.services, { role: 'head_of_office', prefectureCode: '75' });
    ctx.clock.set(paris('2026-03-02'));
    await write(ctx.services, applicantSide(applicant), applicationId, 'Question.');
    // Nobody runs the jobs for ten days; then the person writes again.
    ctx.clock.set(paris('2026-03-12'));
    await write(ctx.services, applicantSide(applicant), applicationId, 'Relance.');
    await ctx.services.jobs.runPending();
    expect((await threadOf(applicationId)).escalatedAt).toEqual(paris('2026-03-12'));
    expect(await overdueNotices(head.id, applicationId)).toHaveLength(1);

    ctx.clock.set(paris('2026-03-13'));
    await write(ctx.services, officeSide(officer), applicationId, 'Pardon du retard.');
    expect(await threadOf(applicationId)).toMatchObject({ replyDueOn: null, escalatedAt: null });
    const events = await ctx.services.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, applicationId), eq(auditEvents.action, 'message.sent'), eq(auditEvents.actorId, officer.id))).orderBy(asc(auditEvents.seq));
    expect(events[0]!.data).toMatchObject({ answered: { dueOn: '2026-03-09', late: true } });
    expect(await overdueThreads(ctx.services.db, '75', '2026-03-13')).not.toContainEqual(expect.objectContaining({ applicationId }));
  });
});
