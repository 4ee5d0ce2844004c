import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { mailMessages } from '../../db/schema';
import type { Clock } from '../clock';
import type { I18n, Locale } from '../i18n/catalogue';
import { enqueueAfterCommit, type JobDefinition } from '../jobs';
import type { Logger } from '../logger';
import { renderMail, type MailContent } from './render-mail';
import type { MailTransport } from './transport';

export const MAX_MAIL_ATTEMPTS = 5;

export interface Mailer {
  /** Stores the message and schedules its delivery after the transaction commits. */
  queue(tx: Db, to: string, locale: Locale, content: MailContent): Promise<string>;
  deliveryJob: JobDefinition<{ messageId: string }>;
}

export function createMailer(deps: { db: Db; i18n: I18n; clock: Clock; transport: MailTransport; from: string; logger: Logger }): Mailer {
  const { db, i18n, clock, transport, from, logger } = deps;
  return {
    async queue(tx, to, locale, content) {
      const rendered = renderMail(i18n.translator(locale), content);
      const now = clock.now();
      const [row] = await tx
        .insert(mailMessages)
        .values({ to, locale, template: content.template, ...rendered, createdAt: now })
        .returning({ id: mailMessages.id });
      await enqueueAfterCommit(tx, now, 'mail.deliver', { messageId: row!.id });
      return row!.id;
    },
    deliveryJob: {
      name: 'mail.deliver',
      payload: z.object({ messageId: z.uuid() }),
      retryLimit: MAX_MAIL_ATTEMPTS,
      async handle({ messageId }) {
        const [msg] = await db.select().from(mailMessages).where(eq(mailMessages.id, messageId));
        // Already sent or given up on: a duplicate run does nothing.
        if (!msg || msg.status !== 'queued') return;
        try {
          await transport.deliver({ from, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html, messageId: `<${msg.id}@sesame>` });
          await db.update(mailMessages).set({ status: 'sent', sentAt: clock.now(), attempts: msg.attempts + 1, lastError: null }).where(eq(mailMessages.id, msg.id));
        } catch (err) {
          const attempts = msg.attempts + 1;
          const failed = attempts >= MAX_MAIL_ATTEMPTS;
          await db
            .update(mailMessages)
            .set({ attempts, lastError: err instanceof Error ? err.message.slice(0, 500) : String(err), status: failed ? 'failed' : 'queued' })
            .where(eq(mailMessages.id, msg.id));
          logger.warn({ err, messageId, attempts }, 'mail delivery failed');
          // Rethrow so pg-boss retries with backoff; after the last attempt the failure is recorded and visible.
          if (!failed) throw err;
        }
      },
    },
  };
}
