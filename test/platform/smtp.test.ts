import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { mailMessages, outboxJobs, users } from '../../src/db/schema';
import { createMailer, DELIVERY_LEASE_MS, MAX_MAIL_ATTEMPTS } from '../../src/platform/mail/mailer';
import { smtpTransport } from '../../src/platform/mail/transport';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, codeIn } from '../support/builders';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';

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
beforeEach(() => {
  sink.reset();
});

const password = 'une phrase assez longue';
const receivedBy = (to: string) => sink.received.filter((m) => m.envelopeTo.includes(to));
const messageTo = async (to: string) => {
  const [m] = await ctx.services.db.select().from(mailMessages).where(eq(mailMessages.to, to));
  return m!;
};

/**
 * pg-boss schedules a retry in the future by the *database* clock (5 s, then backoff), which
 * the ManualClock does not move. Moving the retry's `start_after` to the past is the same as
 * waiting: the next run then goes through pg-boss's real retry path (retry count, retry limit).
 */
async function makeRetriesDue() {
  await ctx.services.database.raw.query(
    "update pgboss.job set start_after = now() - interval '1 second' where name = 'mail.deliver' and state = 'retry'",
  );
}

let visitor = 0;
async function signUpThroughForm(email: string, options: { english?: boolean } = {}) {
  const c = ctx.client();
  // One address per visitor, so that the sign-up rate limit per IP stays out of these tests.
  c.ip = `198.51.100.${++visitor}`;
  if (options.english) await c.get('/langue/en?retour=/inscription');
  const res = await c.submit('/inscription', { email, password });
  expect(res.statusCode).toBe(303);
  return c;
}

describe('e-mail through a real SMTP server', () => {
  it('uses the SMTP transport when SMTP_URL is set', () => {
    expect(ctx.config.SMTP_URL).toBe(sink.url);
    expect(ctx.services.mailTransport.kind).toBe('smtp');
  });

  it('delivers the sign-up code in French, in the text and the HTML part, and the code works', async () => {
    const c = await signUpThroughForm('amina@example.org');
    expect(receivedBy('amina@example.org')).toHaveLength(0); // nothing leaves before the job runs
    await ctx.services.jobs.runPending();

    const [mail] = receivedBy('amina@example.org');
    expect(sink.received).toHaveLength(1);
    expect(mail!.envelopeTo).toEqual(['amina@example.org']);
    expect(mail!.envelopeFrom).toBe('ne-pas-repondre@sesame.localhost');
    expect(mail!.from).toBe('Sésame <ne-pas-repondre@sesame.localhost>');
    expect(mail!.to).toBe('amina@example.org');
    expect(mail!.subject).toBe('Confirmez votre adresse e-mail');
    const row = await messageTo('amina@example.org');
    expect(mail!.headers.get('message-id')).toBe(`<${row.id}@sesame>`);

    const code = codeIn(mail!.text);
    expect(mail!.text).toContain('Bonjour,');
    expect(mail!.text).toContain(`Votre code : ${code}`);
    expect(mail!.text).toContain('Confirmer mon adresse : http://sesame.test/inscription/confirmer/');
    expect(mail!.text).toContain("L'équipe Sésame");
    expect(mail!.html).toContain('<html lang="fr">');
    expect(mail!.html).toContain(`>${code}</p>`);
    expect(mail!.html).toContain('Confirmer mon adresse</a>');
    expect(mail!.html).toContain('<p>Bonjour,</p>');

    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, locale: 'fr' });

    // The code the server received is the real one: it confirms the account.
    const confirm = await c.submit('/inscription/code?email=amina%40example.org', { email: 'amina@example.org', code });
    expect(confirm.statusCode).toBe(303);
    const [u] = await ctx.services.db.select().from(users).where(eq(users.email, 'amina@example.org'));
    expect(u!.emailVerifiedAt).not.toBeNull();
  });

  it('delivers it in English to a person browsing in English', async () => {
    await signUpThroughForm('john@example.org', { english: true });
    await ctx.services.jobs.runPending();
    const [mail] = receivedBy('john@example.org');
    expect(mail!.subject).toBe('Confirm your e-mail address');
    const code = codeIn(mail!.text);
    expect(mail!.text).toContain('Hello,');
    expect(mail!.text).toContain(`Your code: ${code}`);
    expect(mail!.text).toContain('The Sésame team');
    expect(mail!.text).not.toContain('Bonjour');
    expect(mail!.html).toContain('<html lang="en">');
    expect(mail!.html).toContain(`>${code}</p>`);
    expect(mail!.html).toContain('Confirm my address</a>');
  });

  it("writes to an existing account's owner in the owner's language, not the visitor's", async () => {
    const owner = await buildUser(ctx.services, { email: 'owner-en@example.org', locale: 'en' });
    await signUpThroughForm(owner.email); // the visitor browses in French
    await ctx.services.jobs.runPending();
    const [mail] = receivedBy(owner.email);
    expect(mail!.subject).toBe('Someone tried to create an account with your address');
    expect(mail!.text).toContain('Choose a new password: http://sesame.test/mot-de-passe-oublie');
    expect(mail!.html).toContain('<html lang="en">');
  });

  it('keeps a message refused with a 4xx queued, then delivers it on the pg-boss retry, once', async () => {
    sink.refuseNext(1, { code: 451, message: 'Try again later', at: 'data' });
    await signUpThroughForm('retry@example.org');
    await ctx.services.jobs.runPending();
    expect(receivedBy('retry@example.org')).toHaveLength(0);
    const refused = await messageTo('retry@example.org');
    expect(refused).toMatchObject({ status: 'queued', attempts: 1, sentAt: null });
    expect(refused.lastError).toContain('451');

    // Not due yet: an immediate run leaves it alone.
    await ctx.services.jobs.runPending();
    expect((await messageTo('retry@example.org')).attempts).toBe(1);

    await makeRetriesDue();
    await ctx.services.jobs.runPending();
    expect(receivedBy('retry@example.org')).toHaveLength(1);
    expect(await messageTo('retry@example.org')).toMatchObject({ status: 'sent', attempts: 2, lastError: null });

    await makeRetriesDue();
    await ctx.services.jobs.runPending();
    expect(receivedBy('retry@example.org')).toHaveLength(1);
  });

  it('retries a recipient refused with a 5xx at RCPT TO (handler called directly for the retry)', async () => {
    sink.refuseNext(1, { code: 550, message: 'Mailbox unavailable', at: 'rcpt' });
    await signUpThroughForm('rcpt@example.org');
    await ctx.services.jobs.runPending();
    const refused = await messageTo('rcpt@example.org');
    expect(refused).toMatchObject({ status: 'queued', attempts: 1 });
    expect(refused.lastError).toContain('550');

    // The handler itself, as pg-boss would call it on the retry.
    await ctx.services.mailer.deliveryJob.handle({ messageId: refused.id });
    expect(receivedBy('rcpt@example.org')).toHaveLength(1);
    expect(await messageTo('rcpt@example.org')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it(`gives up after ${MAX_MAIL_ATTEMPTS} refused attempts, marks the message failed and shows it at /dev/outbox`, async () => {
    sink.refuseNext(MAX_MAIL_ATTEMPTS, { code: 452, message: 'Insufficient storage', at: 'data' });
    await signUpThroughForm('doomed@example.org');
    for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
      await makeRetriesDue();
      await ctx.services.jobs.runPending();
      const row = await messageTo('doomed@example.org');
      expect(row.attempts).toBe(attempt);
      expect(row.status).toBe(attempt < MAX_MAIL_ATTEMPTS ? 'queued' : 'failed');
    }
    // pg-boss has nothing left to retry, and a stray run of the handler does not try again.
    await makeRetriesDue();
    expect(await ctx.services.jobs.runPending()).toBe(0);
    const failed = await messageTo('doomed@example.org');
    await ctx.services.mailer.deliveryJob.handle({ messageId: failed.id });
    expect(await messageTo('doomed@example.org')).toMatchObject({ status: 'failed', attempts: MAX_MAIL_ATTEMPTS });
    expect(failed.lastError).toContain('452');
    expect(receivedBy('doomed@example.org')).toHaveLength(0);

    const outbox = await ctx.client().get('/dev/outbox');
    expect(outbox.statusCode).toBe(200);
    expect(outbox.body).toMatch(/doomed@example\.org — Confirmez votre adresse e-mail<\/a> \(failed, /);
  });

  it('sends a message once when its delivery job runs twice, one after the other', async () => {
    await signUpThroughForm('twice@example.org');
    await ctx.services.jobs.runPending();
    const row = await messageTo('twice@example.org');
    await ctx.services.mailer.deliveryJob.handle({ messageId: row.id });
    expect(receivedBy('twice@example.org')).toHaveLength(1);
    expect((await messageTo('twice@example.org')).attempts).toBe(1);
  });

  it('sends a message once when its outbox row is dispatched again (crash between hand-over and bookkeeping)', async () => {
    await signUpThroughForm('redispatch@example.org');
    await ctx.services.jobs.runPending();
    await ctx.services.db.update(outboxJobs).set({ dispatchedAt: null }).where(sql`payload->>'messageId' = ${(await messageTo('redispatch@example.org')).id}`);
    await ctx.services.jobs.runPending();
    expect(receivedBy('redispatch@example.org')).toHaveLength(1);
  });

  it('sends a message once when two runs of its delivery job overlap', async () => {
    await signUpThroughForm('overlap@example.org');
    const row = await messageTo('overlap@example.org');
    const { handle } = ctx.services.mailer.deliveryJob;
    await Promise.all([handle({ messageId: row.id }), handle({ messageId: row.id }), handle({ messageId: row.id })]);
    expect(receivedBy('overlap@example.org')).toHaveLength(1);
    expect(await messageTo('overlap@example.org')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('sends a message once when two workers (two mailers, no shared memory) run it at the same moment', async () => {
    await signUpThroughForm('two-workers@example.org');
    const row = await messageTo('two-workers@example.org');
    const { services } = ctx;
    const otherTransport = smtpTransport(sink.url);
    const otherWorker = createMailer({ db: services.db, i18n: services.i18n, clock: services.clock, transport: otherTransport, from: services.config.MAIL_FROM, logger: services.logger });
    await Promise.all([services.mailer.deliveryJob.handle({ messageId: row.id }), otherWorker.deliveryJob.handle({ messageId: row.id })]);
    otherTransport.close();
    expect(receivedBy('two-workers@example.org')).toHaveLength(1);
    expect(await messageTo('two-workers@example.org')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('sends a message once when a second run starts while the first is still talking to a slow server', async () => {
    await signUpThroughForm('slow@example.org');
    const row = await messageTo('slow@example.org');
    const { handle } = ctx.services.mailer.deliveryJob;
    const slow = sink.hold();
    const first = handle({ messageId: row.id });
    await slow.reached; // the first run has claimed the message and is waiting on the server
    const second = handle({ messageId: row.id });
    // A correct second run returns at once; a wrong one would also wait on the held server.
    await Promise.race([second, new Promise((resolve) => setTimeout(resolve, 1000))]);
    slow.release();
    await Promise.all([first, second]);
    expect(receivedBy('slow@example.org')).toHaveLength(1);
    expect(await messageTo('slow@example.org')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('takes over a message whose attempt died with its process, once the claim has lapsed', async () => {
    await signUpThroughForm('crashed@example.org');
    const row = await messageTo('crashed@example.org');
    // What a worker killed in the middle of the SMTP dialogue leaves behind.
    await ctx.services.db.update(mailMessages).set({ attempts: 1, sentAt: ctx.clock.now() }).where(eq(mailMessages.id, row.id));
    const { handle } = ctx.services.mailer.deliveryJob;
    await handle({ messageId: row.id });
    expect(receivedBy('crashed@example.org')).toHaveLength(0);

    ctx.clock.advance(DELIVERY_LEASE_MS + 1000);
    await handle({ messageId: row.id });
    expect(receivedBy('crashed@example.org')).toHaveLength(1);
    expect(await messageTo('crashed@example.org')).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
