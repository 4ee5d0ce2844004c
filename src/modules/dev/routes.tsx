import type { FastifyInstance } from 'fastify';
import { desc, eq } from 'drizzle-orm';
import { mailMessages, smsMessages } from '../../db/schema';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import { Layout } from '../../web/layout';
import { usePage } from '../../web/page-context';
import { devClockRoutes } from './clock-routes';

/**
 * `/dev/outbox`: the e-mails and SMS the platform stored, for people trying Sésame without a
 * mail server; `/dev/horloge` when the clock is adjustable. Never registered in production.
 */
export async function devRoutes(app: FastifyInstance, { services }: { services: Services }) {
  if (services.config.ADJUSTABLE_CLOCK) await app.register(devClockRoutes, { services });

  app.get('/dev/outbox', async (_req, reply) => {
    const mails = await services.db.select().from(mailMessages).orderBy(desc(mailMessages.seq)).limit(50);
    const sms = await services.db.select().from(smsMessages).orderBy(desc(smsMessages.seq)).limit(50);
    return reply.page(<OutboxPage mails={mails} sms={sms} />);
  });

  app.get<{ Params: { id: string } }>('/dev/outbox/:id', async (req, reply) => {
    if (!/^[0-9a-f-]{36}$/.test(req.params.id)) throw new AppError('not_found');
    const [mail] = await services.db.select().from(mailMessages).where(eq(mailMessages.id, req.params.id));
    if (!mail) throw new AppError('not_found');
    return reply.page(<MailPage mail={mail} />);
  });
}

type Mail = typeof mailMessages.$inferSelect;
type Sms = typeof smsMessages.$inferSelect;

function OutboxPage(props: { mails: Mail[]; sms: Sms[] }) {
  const { t } = usePage();
  return (
    <Layout title={t('dev.outbox_title')}>
      <h1>{t('dev.outbox_title')}</h1>
      <p>{t('dev.outbox_lead')}</p>
      <h2>{t('dev.mails')}</h2>
      {props.mails.length === 0 ? (
        <p>{t('dev.empty')}</p>
      ) : (
        <ul class="sesame-outbox">
          {props.mails.map((m) => (
            <li>
              <a href={`/dev/outbox/${m.id}`}>{`${m.to} — ${m.subject}`}</a>
              {` (${m.status}, ${m.createdAt.toISOString()})`}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('dev.sms')}</h2>
      {props.sms.length === 0 ? (
        <p>{t('dev.empty')}</p>
      ) : (
        <ul class="sesame-outbox-sms">
          {props.sms.map((s) => (
            <li>
              <span>{`${s.to} — `}</span>
              <span class="sesame-sms-text">{s.text}</span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** Shows the text part, with URLs made into links so the journey can be followed without JavaScript. */
function MailPage(props: { mail: Mail }) {
  const { t } = usePage();
  const parts = props.mail.text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <Layout title={props.mail.subject}>
      <p>
        <a href="/dev/outbox">{t('dev.back_to_outbox')}</a>
      </p>
      <h1>{props.mail.subject}</h1>
      <p>{t('dev.mail_to', { to: props.mail.to })}</p>
      <div class="sesame-pre fr-p-3w fr-background-alt--grey" id="mail-body">
        {parts.map((part) => (/^https?:\/\//.test(part) ? <a href={part}>{part}</a> : part))}
      </div>
    </Layout>
  );
}
