import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { mailMessages } from '../../db/schema';
import type { Clock } from '../clock';
import type { I18n, Locale } from '../i18n/catalogue';
import type { SQLWrapper } from 'drizzle-orm';
import { writeTogether } from '../../db/write-together';
import { insertRows } from '../../db/table-write';
import { outboxInsert, type JobDefinition, type OutboxJob } from '../jobs';
import type { Logger } from '../logger';
import { renderMail, type MailContent } from './render-mail';
import type { MailTransport } from './transport';

export const MAX_MAIL_ATTEMPTS = 5;

/**
 * How long one delivery attempt owns a message. While it runs, the row stays `queued` and
 * `sent_at` holds when the attempt started (there is no column of its own for this yet); a run
 * that finds a fresher claim leaves the message alone. Longer than an attempt can last (the SMTP
 * transport gives up within about two minutes), shorter than pg-boss's job expiry (15 minutes),
 * so the retry of an attempt whose process died takes the message over.
 */
export const DELIVERY_LEASE_MS = 5 * 60_000;

export interface Mailer {
  /**
   * Stores the message and schedules its delivery after the transaction commits. A person with
   * no address (filed for at a prefecture's counter without e-mail) gets nothing: null is returned
   * and they follow their file on paper or, once they claim it, online.
   * `alsoEnqueue`: jobs of the caller's change, recorded in the outbox in the same statement as
   * the delivery's (or alone when nothing is sent).
   */
  queue(tx: Db, to: string | null, locale: Locale, content: MailContent, alsoEnqueue?: readonly OutboxJob[]): Promise<string | null>;
  /** The same for several messages in one statement whatever their number; ids in the order given. */
  queueMany(tx: Db, messages: readonly QueuedMail[], alsoEnqueue?: readonly OutboxJob[]): Promise<(string | null)[]>;
  /**
   * What `queueMany` writes, built but not sent: the caller sends `writes` in one statement with
   * its own (`db/write-together.ts`), in the same transaction.
   */
  unsentMany(tx: Db, messages: readonly QueuedMail[], alsoEnqueue?: readonly OutboxJob[]): { ids: (string | null)[]; writes: SQLWrapper[] };
  deliveryJob: JobDefinition<{ messageId: string }>;
}

export interface QueuedMail {
  to: string | null;
  locale: Locale;
  content: MailContent;
}

export function createMailer(deps: { db: Db; i18n: I18n; clock: Clock; transport: MailTransport; from: string; logger: Logger }): Mailer {
  const { db, i18n, clock, transport, from, logger } = deps;
  // The delivery's two statements, prepared once (named, planned once per connection): on the
  // days messages go by the hundred, building their SQL again each time was most of a delivery's CPU.
  const claimStatement = db
    .update(mailMessages)
    .set({ attempts: sql`${mailMessages.attempts} + 1`, sentAt: sql`${sql.placeholder('now')}::timestamptz` })
    .where(
      and(
        eq(mailMessages.id, sql.placeholder('id')),
        eq(mailMessages.status, 'queued'),
        or(isNull(mailMessages.sentAt), lt(mailMessages.sentAt, sql.placeholder('leaseStart'))),
      ),
    )
    .returning({ id: mailMessages.id, to: mailMessages.to, subject: mailMessages.subject, text: mailMessages.text, html: mailMessages.html, attempts: mailMessages.attempts })
    .prepare('mail_claim');
  const markSentStatement = db
    .update(mailMessages)
    .set({ status: 'sent', sentAt: sql`${sql.placeholder('now')}::timestamptz`, lastError: null })
    .where(eq(mailMessages.id, sql.placeholder('id')))
    .prepare('mail_mark_sent');
  const unsentMany: Mailer['unsentMany'] = (tx, messages, alsoEnqueue = []) => {
    const now = clock.now();
    // Ids made here rather than by the database: each message's id is known without relying
    // on the order of RETURNING rows.
    const rows = messages.map((m) =>
      m.to ? { id: randomUUID(), to: m.to, locale: m.locale, template: m.content.template, ...renderMail(i18n.translator(m.locale), m.content), createdAt: now } : null,
    );
    const stored = rows.filter((r) => r !== null);
    const jobs = [...stored.map((r) => ({ name: 'mail.deliver', payload: { messageId: r.id } })), ...alsoEnqueue];
    return {
      ids: rows.map((r) => r?.id ?? null),
      writes: [...(stored.length > 0 ? [insertRows(tx, mailMessages, stored)] : []), ...(jobs.length > 0 ? [outboxInsert(tx, now, jobs)] : [])],
    };
  };
  const queueMany: Mailer['queueMany'] = async (tx, messages, alsoEnqueue = []) => {
    const { ids, writes } = unsentMany(tx, messages, alsoEnqueue);
    await writeTogether(tx, writes);
    return ids;
  };
  return {
    queueMany,
    unsentMany,
    async queue(tx, to, locale, content, alsoEnqueue = []) {
      const [id] = await queueMany(tx, [{ to, locale, content }], alsoEnqueue);
      return id ?? null;
    },
    deliveryJob: {
      name: 'mail.deliver',
      payload: z.object({ messageId: z.uuid() }),
      retryLimit: MAX_MAIL_ATTEMPTS,
      // Messages come by the hundred on some days (the due day's APRI notices): fewer, larger
      // fetches from the queue. Each delivery is its own claim and update, so one slow or failed
      // message still fails alone (and the batch is retried, each claim being idempotent).
      batchSize: 20,
      async handle({ messageId }) {
        const now = clock.now();
        // Claim the message in one statement: of two runs of this job (a retry overlapping a
        // slow attempt, a re-dispatched outbox row, two workers), only one gets the row back.
        // Already sent or given up on: nothing comes back, a duplicate run does nothing.
        const [msg] = await claimStatement.execute({ id: messageId, now: now.toISOString(), leaseStart: new Date(now.getTime() - DELIVERY_LEASE_MS) });
        if (!msg) return;
        try {
          await transport.deliver({ from, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html, messageId: `<${msg.id}@sesame>` });
          await markSentStatement.execute({ id: msg.id, now: clock.now().toISOString() });
        } catch (err) {
          const failed = msg.attempts >= MAX_MAIL_ATTEMPTS;
          await db
            .update(mailMessages)
            .set({ sentAt: null, lastError: err instanceof Error ? err.message.slice(0, 500) : String(err), status: failed ? 'failed' : 'queued' })
            .where(eq(mailMessages.id, msg.id));
          logger.warn({ err, messageId, attempts: msg.attempts }, 'mail delivery failed');
          // Rethrow so pg-boss retries with backoff; after the last attempt the failure is recorded and visible.
          if (!failed) throw err;
        }
      },
    },
  };
}
