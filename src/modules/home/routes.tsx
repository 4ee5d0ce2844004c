import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { isLocale } from '../../platform/i18n/catalogue';
import { LOCALE_COOKIE, cookieOptions, safeReturnPath } from '../../platform/http/request-context';
import type { Services } from '../../services';
import { HomePage } from './home-page';

export async function homeRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/', async (req, reply) => {
    // The session lookup brought the given names along: no query of our own on the busiest page.
    return reply.page(<HomePage profileName={req.session?.user.givenNames ?? null} />);
  });

  /** Language switch: a plain link, so it works without JavaScript; remembered per person. */
  app.get<{ Params: { locale: string }; Querystring: { retour?: string } }>('/langue/:locale', async (req, reply) => {
    const { locale } = req.params;
    const back = safeReturnPath(req.query.retour);
    if (!isLocale(locale)) return reply.seeOther(back);
    reply.setCookie(LOCALE_COOKIE, locale, { ...cookieOptions(services.config.isProduction), maxAge: 365 * 24 * 3600 });
    if (req.session) {
      await services.db.update(users).set({ locale, updatedAt: services.clock.now() }).where(eq(users.id, req.session.user.id));
    }
    return reply.seeOther(back);
  });
}
