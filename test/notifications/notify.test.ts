import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { letters, mailMessages, notificationDeliveries, notifications, outboxJobs, smsMessages, users } from '../../src/db/schema';
import { markComplete } from '../../src/modules/attestations/mark-complete';
import { recordDecision } from '../../src/modules/attestations/record-decision';
import { channelsFor, usableEmail } from '../../src/modules/notifications/channels';
import { myNotifications } from '../../src/modules/notifications/my-notifications';
import { notify, notifyMany } from '../../src/modules/notifications/notify';
import { fileRenewal } from '../attestations/support/attestation-builders';
import { buildUser } from '../support/builders';
import { createTestContext, type TestContext } from '../support/harness';
import { buildAgent, loggedInClient } from '../support/messaging-helpers';
import { pageContent, shownText } from '../verification/support/pdf-reading';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ');
const notificationsOf = (userId: string) => ctx.services.db.select().from(notifications).where(eq(notifications.userId, userId));
const deliveriesOf = (notificationId: string) => ctx.services.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, notificationId));
const tell = (userId: string, extra: Partial<Parameters<typeof notify>[2]> = {}) =>
  ctx.services.transact((tx) => notify(tx, ctx.services, { userId, event: 'message_received', params: { reference: '75-26-TEST' }, link: '/demarches', ...extra }));

describe('choosing the channels', () => {
  it('e-mails a usable address, writes a letter to an applicant without a confirmed one, texts only on request to a verified phone', () => {
    const base = { role: 'applicant', email: 'awa@example.org', emailVerifiedAt: new Date(), phone: null, phoneVerifiedAt: null, smsNotifications: false };
    expect(channelsFor(base)).toEqual(['email']);
    expect(channelsFor({ ...base, email: 'guichet-4f2a@sesame.invalid' })).toEqual(['letter']);
    expect(channelsFor({ ...base, email: '' })).toEqual(['letter']);
    expect(channelsFor({ ...base, email: null })).toEqual(['letter']);
    expect(channelsFor({ ...base, emailVerifiedAt: null })).toEqual(['email', 'letter']);
    expect(channelsFor({ ...base, smsNotifications: true, phone: '+33612345678', phoneVerifiedAt: null })).toEqual(['email']);
    expect(channelsFor({ ...base, smsNotifications: true, phone: '+33612345678', phoneVerifiedAt: new Date() })).toEqual(['email', 'sms']);
    // Agents are reached at work, never by post.
    expect(channelsFor({ ...base, role: 'head_of_office', email: null })).toEqual([]);
    expect(usableEmail(' Awa@Example.org ')).toBe('Awa@Example.org');
    expect(usableEmail('not-an-address')).toBeNull();
  });
});

describe('notify', () => {
  it("records it, e-mails it in the person's language, lists it with its delivery, counts it in the header, and marks it read when followed", async () => {
    const person = await buildUser(ctx.services, { locale: 'en' });
    const { notificationId, channels } = await tell(person.id, { link: '/demarches/abc' });
    expect(channels).toEqual(['email']);
    const [mail] = await ctx.services.db.select().from(mailMessages).where(eq(mailMessages.to, person.email));
    expect(mail).toMatchObject({ locale: 'en', template: 'notifications.events.message_received', subject: 'New message from the prefecture about your file 75-26-TEST' });
    expect(mail!.text).toContain('Read the message: http://sesame.test/demarches/abc');
    await ctx.services.jobs.runPending();

    const c = await loggedInClient(ctx, person);
    const page = await c.get('/compte/notifications');
    expect(page.statusCode).toBe(200);
    expect(plain(page.body)).toContain('Notifications (1 unread)');
    expect(plain(page.body)).toContain('New message from the prefecture about your file 75-26-TEST');
    expect(plain(page.body)).toContain(`Sent by e-mail to ${person.email} on`);
    expect(page.body).toContain(`href="/compte/notifications/${notificationId}"`);
    const open = await c.get(`/compte/notifications/${notificationId}`);
    expect(open.statusCode).toBe(303);
    expect(open.headers.location).toBe('/demarches/abc');
    expect((await notificationsOf(person.id))[0]!.readAt).toEqual(ctx.clock.now());
    expect(plain((await c.get('/compte/notifications')).body)).toContain('Notifications ');
    expect(plain((await c.get('/compte/notifications')).body)).not.toContain('unread)');

    // Someone else's notification is not found; "mark all read" reads them all.
    const other = await buildUser(ctx.services);
    const theirs = await tell(other.id);
    expect((await c.get(`/compte/notifications/${theirs.notificationId}`)).statusCode).toBe(404);
    expect((await c.get('/compte/notifications/not-an-id')).statusCode).toBe(404);
    await tell(person.id);
    await tell(person.id);
    await c.get('/compte/notifications');
    const all = await c.post('/compte/notifications/tout-lu');
    expect(all.statusCode).toBe(303);
    expect((await notificationsOf(person.id)).every((n) => n.readAt)).toBe(true);
    expect((await notificationsOf(other.id))[0]!.readAt).toBeNull();
  });

  it('tells nobody anything when the transaction rolls back, and once for one dedupe key', async () => {
    const person = await buildUser(ctx.services);
    await expect(
      ctx.services.transact(async (tx) => {
        await notify(tx, ctx.services, { userId: person.id, event: 'decision', params: { reference: 'X', decision: 'favourable' } });
        throw new Error('the use case failed after notifying');
      }),
    ).rejects.toThrow('the use case failed');
    expect(await notificationsOf(person.id)).toEqual([]);
    expect(await ctx.services.db.select().from(mailMessages).where(eq(mailMessages.to, person.email))).toEqual([]);

    const first = await tell(person.id, { dedupeKey: `test:${person.id}` });
    const again = await tell(person.id, { dedupeKey: `test:${person.id}` });
    expect(again).toEqual({ notificationId: first.notificationId, created: false, channels: [] });
    expect(await notificationsOf(person.id)).toHaveLength(1);
    expect(await ctx.services.db.select().from(mailMessages).where(eq(mailMessages.to, person.email))).toHaveLength(1);
    expect(await deliveriesOf(first.notificationId)).toHaveLength(1);
  });

  it('tells several people in one go exactly as one by one: each in their language, by their channels, once per dedupe key, in the order given', async () => {
    const english = await buildUser(ctx.services, { locale: 'en' });
    const french = await buildUser(ctx.services);
    const onPaper = await buildUser(ctx.services, { email: 'lettre@sesame.invalid' });
    const before = await tell(french.id, { dedupeKey: `many:${french.id}` });
    const input = (userId: string, dedupeKey?: string) => ({ userId, event: 'message_received' as const, params: { reference: '75-26-MANY' }, link: '/demarches', ...(dedupeKey ? { dedupeKey } : {}) });
    const results = await ctx.services.transact((tx) =>
      notifyMany(tx, ctx.services, [input(english.id), input(french.id, `many:${french.id}`), input(onPaper.id), input(english.id, `many:${english.id}`), input(english.id, `many:${english.id}`)]),
    );
    expect(results.map((r) => [r.created, r.channels])).toEqual([
      [true, ['email']],
      [false, []],
      [true, ['letter']],
      [true, ['email']],
      [false, []],
    ]);
    expect(results[1]!.notificationId).toBe(before.notificationId);
    expect(results[4]!.notificationId).toBe(results[3]!.notificationId);
    expect(await notificationsOf(english.id)).toHaveLength(2);
    expect(await notificationsOf(french.id)).toHaveLength(1);
    const englishMails = await ctx.services.db.select().from(mailMessages).where(eq(mailMessages.to, english.email));
    expect(englishMails.map((m) => m.subject)).toEqual(['New message from the prefecture about your file 75-26-MANY', 'New message from the prefecture about your file 75-26-MANY']);
    for (const r of [results[0]!, results[3]!]) expect((await deliveriesOf(r.notificationId)).map((d) => d.channel)).toEqual(['email']);
    expect((await deliveriesOf(results[2]!.notificationId)).map((d) => d.channel)).toEqual(['letter']);
    expect(await ctx.services.db.select().from(letters).where(eq(letters.userId, onPaper.id))).toHaveLength(1);
  });

  it('sends a text message too once the person turned them on, which needs a verified phone', async () => {
    const person = await buildUser(ctx.services);
    const c = await loggedInClient(ctx, person);
    const page = await c.get('/compte/notifications');
    expect(plain(page.body)).toContain('ajoutez d\'abord un numéro de téléphone');
    const refused = await c.post('/compte/notifications/preferences', { sms: 'on' });
    expect(refused.statusCode).toBe(400);
    expect(plain(refused.body)).toContain('les SMS ne sont envoyés qu\'à un numéro vérifié');

    await ctx.services.db.update(users).set({ phone: '+33612345678', phoneVerifiedAt: ctx.clock.now() }).where(eq(users.id, person.id));
    await c.get('/compte/notifications');
    const on = await c.post('/compte/notifications/preferences', { sms: 'on' });
    expect(on.statusCode).toBe(303);
    expect(plain((await c.follow(on)).body)).toContain('Vous recevrez aussi un SMS à chaque notification.');
    const { channels, notificationId } = await tell(person.id, { link: '/demarches/xyz' });
    expect(channels).toEqual(['email', 'sms']);
    const [sms] = await ctx.services.db.select().from(smsMessages).where(eq(smsMessages.to, '+33612345678'));
    expect(sms!.text).toBe('Sésame : Nouveau message de la préfecture sur votre dossier 75-26-TEST. Détails sur votre espace : http://sesame.test/demarches/xyz');
    await ctx.services.jobs.runPending();
    const [entry] = (await myNotifications(ctx.services.db, person.id)).filter((e) => e.notification.id === notificationId);
    expect(entry!.deliveries.map((d) => [d.channel, d.state])).toEqual([
      ['email', 'sent'],
      ['sms', 'sent'],
    ]);
    await c.get('/compte/notifications');
    await c.post('/compte/notifications/preferences', { sms: 'off' });
    expect((await tell(person.id)).channels).toEqual(['email']);
  });
});

describe('letters for people without e-mail', () => {
  it('writes the filing confirmation and later news as letters the prefecture prints as PDF, and shows them printed', async () => {
    // Filed at the counter for a person with no e-mail: the account holds a reserved placeholder.
    const filed = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-03-02', permitExpiresOn: '2026-12-31', runJobs: false });
    await ctx.services.db.update(users).set({ email: `guichet-${filed.applicant.id.slice(0, 8)}@sesame.invalid` }).where(eq(users.id, filed.applicant.id));
    const officer = await buildAgent(ctx.services, { prefectureCode: '75' });
    await markComplete(ctx.services, filed.applicationId, officer.actor);
    await recordDecision(ctx.services, filed.applicationId, true, officer.actor);
    const rows = await ctx.services.db.select().from(letters).where(eq(letters.userId, filed.applicant.id));
    // The filing itself was e-mailed (the placeholder came after); completion and decision go by post.
    expect(rows.map((r) => r.subject)).toEqual([`Votre dossier ${filed.reference} est complet`, `Une décision a été prise sur votre demande ${filed.reference}`]);
    expect(rows[0]).toMatchObject({ prefectureCode: '75', locale: 'fr', recipient: { name: 'Awa DIALLO', lines: ['12 rue des Lilas', '75019 PARIS'] }, printedAt: null });
    expect(await ctx.services.db.select().from(mailMessages).where(eq(mailMessages.to, `guichet-${filed.applicant.id.slice(0, 8)}@sesame.invalid`))).toEqual([]);

    const desk = await loggedInClient(ctx, await buildAgent(ctx.services, { role: 'desk_agent', prefectureCode: '75' }));
    const list = await desk.get('/bureau/courriers');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/bureau/courriers/${rows[0]!.id}.pdf"`);
    const pdf = await desk.get(`/bureau/courriers/${rows[1]!.id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = shownText((await pageContent(pdf.rawPayload)).content);
    for (const expected of ['RÉPUBLIQUE FRANÇAISE', 'Préfecture de police de Paris', 'Awa DIALLO', '12 rue des Lilas', '75019 PARIS', `Objet : Une décision a été prise sur votre demande ${filed.reference}`, 'La préfecture a accepté votre demande', `http://sesame.test/demarches/${filed.applicationId}`]) {
      expect(text).toContain(expected);
    }
    // Another prefecture's agents, and applicants, do not reach it.
    const marseille = await loggedInClient(ctx, await buildAgent(ctx.services, { prefectureCode: '13' }));
    expect((await marseille.get(`/bureau/courriers/${rows[1]!.id}.pdf`)).statusCode).toBe(404);
    expect(plain((await marseille.get('/bureau/courriers')).body)).not.toContain(filed.reference);
    expect((await (await loggedInClient(ctx, await buildUser(ctx.services))).get('/bureau/courriers')).statusCode).toBe(404);

    await desk.get('/bureau/courriers');
    expect((await desk.post(`/bureau/courriers/${rows[1]!.id}/imprime`)).statusCode).toBe(303);
    const [printed] = await ctx.services.db.select().from(letters).where(eq(letters.id, rows[1]!.id));
    expect(printed!.printedAt).toEqual(ctx.clock.now());
    const entries = await myNotifications(ctx.services.db, filed.applicant.id);
    const decision = entries.find((e) => e.notification.event === 'decision')!;
    expect(decision.deliveries).toEqual([{ channel: 'letter', state: 'printed', to: null, at: ctx.clock.now() }]);
    const [pending] = await ctx.services.db.select().from(notifications).where(and(eq(notifications.userId, filed.applicant.id), eq(notifications.event, 'application_complete')));
    expect((await deliveriesOf(pending!.id)).map((d) => d.channel)).toEqual(['letter']);
  });

  it("records the caller's jobs with the e-mail's in one statement, and alone when no e-mail goes or the notification was already there", async () => {
    const jobsFor = async (marker: string) => (await ctx.services.db.select().from(outboxJobs)).filter((j) => j.payload.marker === marker).map((j) => j.name);
    // A job with a handler (the dispatcher refuses others), harmless: no such message to deliver.
    const job = (marker: string) => ({ name: 'mail.deliver', payload: { messageId: randomUUID(), marker } });

    const person = await buildUser(ctx.services);
    const { statements } = await ctx.statementsOf(() => tell(person.id, { dedupeKey: `jobs:${person.id}`, alsoEnqueue: [job(`e-mail ${person.id}`)] }));
    expect(statements.filter((s) => /insert into "outbox_jobs"/i.test(s))).toHaveLength(1);
    expect(await jobsFor(`e-mail ${person.id}`)).toEqual(['mail.deliver']);
    // Already notified: nothing is sent again, but the caller's job is recorded all the same.
    await tell(person.id, { dedupeKey: `jobs:${person.id}`, alsoEnqueue: [job(`again ${person.id}`)] });
    expect(await jobsFor(`again ${person.id}`)).toEqual(['mail.deliver']);

    const onPaper = await buildUser(ctx.services, { email: 'papier@sesame.invalid' });
    expect((await tell(onPaper.id, { alsoEnqueue: [job(`letter ${onPaper.id}`)] })).channels).toEqual(['letter']);
    expect(await jobsFor(`letter ${onPaper.id}`)).toEqual(['mail.deliver']);
  });

  it('writes a letter even for news tied to no file (no prefecture yet: left to the national desk)', async () => {
    const person = await buildUser(ctx.services, { email: 'personne@sesame.invalid' });
    const { channels, notificationId } = await tell(person.id);
    expect(channels).toEqual(['letter']);
    const [delivery] = await deliveriesOf(notificationId);
    const [letter] = await ctx.services.db.select().from(letters).where(eq(letters.id, delivery!.letterId!));
    // No file, no prefecture: the national support desk's (a later page) to print.
    expect(letter).toMatchObject({ prefectureCode: null, recipient: { name: '', lines: [] } });
  });
});
