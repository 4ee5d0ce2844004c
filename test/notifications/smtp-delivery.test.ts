import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { letters, mailMessages, notificationDeliveries, users } from '../../src/db/schema';
import { MAX_MAIL_ATTEMPTS } from '../../src/platform/mail/mailer';
import { myNotifications } from '../../src/modules/notifications/my-notifications';
import { fileRenewal } from '../attestations/support/attestation-builders';
import { createTestContext, type TestContext } from '../support/harness';
import { buildAgent, loggedInClient, officeSide, write } from '../support/messaging-helpers';
import { startSmtpSink, type SmtpSink } from '../platform/support/smtp-sink';

let sink: SmtpSink;
let ctx: TestContext;
beforeAll(async () => {
  sink = await startSmtpSink();
  ctx = await createTestContext({ env: { SMTP_URL: sink.url } });
});
afterAll(async () => {
  await ctx.close();
  await sink.close();
});
beforeEach(() => sink.reset());

const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ');
const receivedBy = (to: string) => sink.received.filter((m) => m.envelopeTo.includes(to));

/** pg-boss schedules a retry by the database clock; moving it to the past is the same as waiting (see test/platform/smtp.test.ts). */
const makeRetriesDue = () => ctx.services.database.raw.query("update pgboss.job set start_after = now() - interval '1 second' where name = 'mail.deliver' and state = 'retry'");

async function answeredFile(locale: 'fr' | 'en') {
  const filed = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-03-02', permitExpiresOn: '2026-12-31' });
  if (locale === 'en') await ctx.services.db.update(users).set({ locale: 'en' }).where(eq(users.id, filed.applicant.id));
  await ctx.services.jobs.runPending();
  sink.reset();
  const officer = await buildAgent(ctx.services, { prefectureCode: '75' });
  await write(ctx.services, officeSide(officer), filed.applicationId, 'Merci de nous envoyer votre dernier bulletin de salaire.');
  return filed;
}

const messageNotice = async (userId: string) => (await myNotifications(ctx.services.db, userId)).find((e) => e.notification.event === 'message_received')!;

describe('notifications by e-mail through a real SMTP server', () => {
  it('tells the applicant of an answer from the office, in French', async () => {
    const { applicant, applicationId, reference } = await answeredFile('fr');
    expect(receivedBy(applicant.email)).toEqual([]); // nothing leaves before the job runs
    await ctx.services.jobs.runPending();
    const [mail] = receivedBy(applicant.email);
    expect(mail!.subject).toBe(`Nouveau message de la préfecture sur votre dossier ${reference}`);
    expect(mail!.text).toContain(`La préfecture vous a écrit au sujet de votre dossier ${reference}.`);
    expect(mail!.text).toContain(`Lire le message : http://sesame.test/demarches/${applicationId}/messages`);
    expect(mail!.html).toContain('<html lang="fr">');
    // The message itself stays in Sésame: a mailbox is not a safe place for a file's content.
    expect(mail!.text).not.toContain('bulletin de salaire');
    expect((await messageNotice(applicant.id)).deliveries).toMatchObject([{ channel: 'email', state: 'sent', to: applicant.email }]);
  });

  it('and in English to a person who chose English', async () => {
    const { applicant, applicationId, reference } = await answeredFile('en');
    await ctx.services.jobs.runPending();
    const [mail] = receivedBy(applicant.email);
    expect(mail!.subject).toBe(`New message from the prefecture about your file ${reference}`);
    expect(mail!.text).toContain(`Read the message: http://sesame.test/demarches/${applicationId}/messages`);
    expect(mail!.text).toContain('The Sésame team');
    expect(mail!.html).toContain('<html lang="en">');
  });

  it('retries when the server refuses, delivers once, and the person sees the retry then the delivery', async () => {
    const { applicant } = await answeredFile('fr');
    sink.refuseNext(1, { code: 451, message: 'Try again later', at: 'data' });
    await ctx.services.jobs.runPending();
    expect(receivedBy(applicant.email)).toHaveLength(0);
    expect((await messageNotice(applicant.id)).deliveries).toMatchObject([{ channel: 'email', state: 'retrying' }]);
    const c = await loggedInClient(ctx, applicant);
    expect(plain((await c.get('/compte/notifications')).body)).toContain(`E-mail pas encore distribué à ${applicant.email} : nouvel essai en cours.`);
    await makeRetriesDue();
    await ctx.services.jobs.runPending();
    await makeRetriesDue();
    await ctx.services.jobs.runPending();
    expect(receivedBy(applicant.email)).toHaveLength(1);
    expect((await messageNotice(applicant.id)).deliveries).toMatchObject([{ channel: 'email', state: 'sent' }]);
  });

  it(`shows a delivery given up after ${MAX_MAIL_ATTEMPTS} refusals to the person and to the office, which can post it instead`, async () => {
    const { applicant, reference } = await answeredFile('fr');
    sink.refuseNext(MAX_MAIL_ATTEMPTS, { code: 550, message: 'Mailbox unavailable', at: 'rcpt' });
    for (let attempt = 0; attempt < MAX_MAIL_ATTEMPTS; attempt++) {
      await makeRetriesDue();
      await ctx.services.jobs.runPending();
    }
    const notice = await messageNotice(applicant.id);
    expect(notice.deliveries).toMatchObject([{ channel: 'email', state: 'failed' }]);
    const [mail] = await ctx.services.db.select().from(mailMessages).where(eq(mailMessages.template, 'notifications.events.message_received')).orderBy(desc(mailMessages.seq)).limit(1);
    expect(mail).toMatchObject({ to: applicant.email, status: 'failed', attempts: MAX_MAIL_ATTEMPTS });
    expect(mail!.lastError).toContain('550');
    const person = await loggedInClient(ctx, applicant);
    expect(plain((await person.get('/compte/notifications')).body)).toContain(`L'e-mail n'a pas pu être distribué à ${applicant.email}.`);

    const desk = await loggedInClient(ctx, await buildAgent(ctx.services, { role: 'desk_agent', prefectureCode: '75' }));
    const page = await desk.get('/bureau/courriers');
    expect(plain(page.body)).toContain(`E-mail non distribué à ${applicant.email}`);
    expect(plain(page.body)).toContain(reference);
    const posted = await desk.post(`/bureau/courriers/echecs/${notice.notification.id}`);
    expect(posted.statusCode).toBe(303);
    await desk.get('/bureau/courriers');
    expect((await desk.post(`/bureau/courriers/echecs/${notice.notification.id}`)).statusCode).toBe(303);
    const deliveries = await ctx.services.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, notice.notification.id));
    expect(deliveries.map((d) => d.channel).sort()).toEqual(['email', 'letter']);
    const [letter] = await ctx.services.db.select().from(letters).where(eq(letters.id, deliveries.find((d) => d.channel === 'letter')!.letterId!));
    expect(letter).toMatchObject({ prefectureCode: '75', subject: `Nouveau message de la préfecture sur votre dossier ${reference}` });
    expect(plain((await desk.get('/bureau/courriers')).body)).toContain('Un courrier a été préparé à la place.');
    // Another prefecture cannot post it.
    const marseille = await loggedInClient(ctx, await buildAgent(ctx.services, { role: 'desk_agent', prefectureCode: '13' }));
    await marseille.get('/bureau/courriers');
    expect((await marseille.post(`/bureau/courriers/echecs/${notice.notification.id}`)).statusCode).toBe(404);
  });
});
