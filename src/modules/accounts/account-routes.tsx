import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { currentSession, requireUser } from '../../platform/http/guards';
import { SESSION_COOKIE } from '../../platform/sessions';
import type { Services } from '../../services';
import { requestMeta } from './request-meta';
import { AccountPage } from './views/account-page';

/** "My account" and the list of signed-in devices. */
export async function accountRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.addHook('preHandler', requireUser);

  app.get('/compte', async (req, reply) => {
    const session = currentSession(req);
    const [user] = await services.db.select({ phone: users.phone }).from(users).where(eq(users.id, session.user.id));
    const list = await services.sessions.list(session.user.id);
    return reply.page(
      <AccountPage
        email={session.user.email}
        phone={user?.phone ?? null}
        totpEnabled={session.user.totpEnabled}
        sessions={list.map((s) => ({ ...s, current: s.handle === session.handle }))}
      />,
    );
  });

  /** "Log out this device". */
  app.post<{ Params: { handle: string } }>('/compte/sessions/:handle/fermer', async (req, reply) => {
    const session = currentSession(req);
    if (!/^[0-9a-f-]{36}$/.test(req.params.handle)) throw new AppError('not_found');
    const closed = await services.sessions.destroyByHandle(session.user.id, req.params.handle);
    if (!closed) throw new AppError('not_found');
    await services.transact((tx) =>
      appendAudit(tx, requestMeta(req).actor, services.clock.now(), { action: 'session.closed_remotely', subjectType: 'user', subjectId: session.user.id }),
    );
    if (req.params.handle === session.handle) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.seeOther('/', 'flash.logged_out');
    }
    return reply.seeOther('/compte', 'flash.session_closed');
  });
}
