import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { users } from '../../db/schema';
import { isAppError } from '../../platform/errors';
import { currentSession, requireRole, requireUser } from '../../platform/http/guards';
import { isLocale } from '../../platform/i18n/catalogue';
import type { Services } from '../../services';
import { requestMeta } from '../accounts/request-meta';
import { areaRoles } from '../backoffice/agent-roles';
import { failedDeliveries, sendFailedAsLetter } from './failed-deliveries';
import { letterForAgent, markLetterPrinted, officeLetters } from './letters/office-letters';
import { renderLetterPdf } from './letters/render-letter-pdf';
import { markAllRead, myNotifications, NOTIFICATION_LIST_LIMIT, openNotification } from './my-notifications';
import { setSmsPreference } from './set-sms-preference';
import { LettersPage } from './views/letters-page';
import { NotificationsPage } from './views/notifications-page';

type IdRequest = { Params: { id: string } };

/** The person's notifications (`/compte/notifications`), and the office's letters and failed deliveries (`/bureau/courriers`). */
export async function notificationRoutes(app: FastifyInstance, { services }: { services: Services }) {
  async function smsPreference(userId: string, error?: string) {
    const [u] = await services.db.select({ phone: users.phone, verified: users.phoneVerifiedAt, sms: users.smsNotifications }).from(users).where(eq(users.id, userId));
    return { enabled: !!u?.sms && !!u.phone && !!u.verified, available: !!u?.phone && !!u.verified, error };
  }

  app.get('/compte/notifications', { preHandler: requireUser }, async (req, reply) => {
    const userId = currentSession(req).user.id;
    return reply.page(<NotificationsPage entries={await myNotifications(services.db, userId)} sms={await smsPreference(userId)} limit={NOTIFICATION_LIST_LIMIT} />);
  });

  // Following a notification's link marks it read on the way.
  app.get<IdRequest>('/compte/notifications/:id', { preHandler: requireUser }, async (req, reply) => {
    const link = await openNotification(services.db, currentSession(req).user.id, req.params.id, services.clock.now());
    return reply.seeOther(link ?? '/compte/notifications');
  });

  app.post('/compte/notifications/tout-lu', { preHandler: requireUser }, async (req, reply) => {
    await markAllRead(services.db, currentSession(req).user.id, services.clock.now());
    return reply.seeOther('/compte/notifications', 'notifications.flash.all_read');
  });

  app.post('/compte/notifications/preferences', { preHandler: requireUser }, async (req, reply) => {
    const userId = currentSession(req).user.id;
    const wanted = (req.body as Record<string, unknown> | undefined)?.sms === 'on';
    try {
      await setSmsPreference(services, userId, wanted, requestMeta(req));
    } catch (err) {
      if (!isAppError(err) || !err.options.fields?.sms) throw err;
      return reply.page(<NotificationsPage entries={await myNotifications(services.db, userId)} sms={await smsPreference(userId, err.options.fields.sms)} limit={NOTIFICATION_LIST_LIMIT} />, err.status);
    }
    return reply.seeOther('/compte/notifications', wanted ? 'notifications.flash.sms_on' : 'notifications.flash.sms_off');
  });

  // The office's post room.
  const officeGuard = requireRole(areaRoles.office);
  app.get('/bureau/courriers', { preHandler: officeGuard }, async (req, reply) => {
    const prefectureCode = currentSession(req).user.prefectureCode;
    if (!prefectureCode) return reply.page(<LettersPage toPrint={[]} printed={[]} failed={[]} />);
    const [{ toPrint, printed }, failed] = await Promise.all([officeLetters(services.db, prefectureCode), failedDeliveries(services.db, { prefectureCode })]);
    return reply.page(<LettersPage toPrint={toPrint} printed={printed} failed={failed} />);
  });

  app.get<IdRequest>('/bureau/courriers/:id.pdf', { preHandler: officeGuard }, async (req, reply) => {
    const { letter, prefecture } = await letterForAgent(services.db, requestMeta(req).actor, req.params.id);
    const bytes = await renderLetterPdf(letter, prefecture, services.i18n.translator(isLocale(letter.locale) ? letter.locale : 'fr'));
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="courrier-${letter.id.slice(0, 8)}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(bytes));
  });

  app.post<IdRequest>('/bureau/courriers/:id/imprime', { preHandler: officeGuard }, async (req, reply) => {
    await markLetterPrinted(services, requestMeta(req).actor, req.params.id);
    return reply.seeOther('/bureau/courriers', 'notifications.flash.letter_printed');
  });

  app.post<IdRequest>('/bureau/courriers/echecs/:id', { preHandler: officeGuard }, async (req, reply) => {
    await sendFailedAsLetter(services, requestMeta(req).actor, req.params.id);
    return reply.seeOther('/bureau/courriers', 'notifications.flash.sent_as_letter');
  });
}
