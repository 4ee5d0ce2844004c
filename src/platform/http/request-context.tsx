import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { isLocale, localeDirection, negotiateLocale, type Locale, type Translate } from '../i18n/catalogue';
import { SESSION_COOKIE, type CurrentSession } from '../sessions';
import type { Services } from '../../services';
import { PageCtx, type PageContext } from '../../web/page-context';

export const LOCALE_COOKIE = 'sesame_lang';
export const FLASH_COOKIE = 'sesame_flash';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
    /** The signed-in session, or null. A session still waiting for its second factor counts as null here. */
    session: CurrentSession | null;
    /** Same as `session`, including one waiting for its second factor. */
    pendingSession: CurrentSession | null;
  }
  interface FastifyReply {
    /** Renders a page component inside its context, as a complete HTML document. */
    page(element: VNode, status?: number): FastifyReply;
    /** Redirect (303, so the browser follows with GET) with an optional one-off message. */
    seeOther(location: string, flashKey?: string): FastifyReply;
  }
}

export const cookieOptions = (secure: boolean) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  // `auto` would follow the request; behind a TLS proxy, trustProxy makes it see https.
  secure,
});

/** Resolves, for every request: the session, the language, and the page renderer. */
export const requestContext = fp(async (app: FastifyInstance, opts: { services: Services }) => {
  const { services } = opts;
  const { i18n, config } = services;

  app.decorateRequest('locale', 'fr');
  app.decorateRequest('t', null as unknown as Translate);
  app.decorateRequest('session', null);
  app.decorateRequest('pendingSession', null);

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await services.sessions.find(token) : null;
    req.pendingSession = session;
    req.session = session && !session.mfaPending ? session : null;
    const fromCookie = req.cookies[LOCALE_COOKIE];
    const userLocale = req.session?.user.locale;
    req.locale = isLocale(userLocale) ? userLocale : isLocale(fromCookie) ? fromCookie : negotiateLocale(req.headers['accept-language']);
    req.t = i18n.translator(req.locale);
  });

  app.decorateReply('page', function page(this: FastifyReply, element: VNode, status = 200) {
    const req = this.request;
    const flashKey = req.cookies[FLASH_COOKIE];
    // Only catalogue keys meant as flash messages (`flash.x` or `<namespace>.flash.x`) are shown.
    const flash = flashKey && /^([a-z_]+\.)?flash\.[a-z0-9_]+$/.test(flashKey) && i18n.has('fr', flashKey) ? flashKey : null;
    if (flashKey) this.clearCookie(FLASH_COOKIE, { path: '/' });
    const ctx: PageContext = {
      t: req.t,
      locale: req.locale,
      dir: localeDirection(req.locale),
      path: req.url.length > 500 ? '/' : req.url,
      csrfToken: this.generateCsrf(),
      requestId: req.id,
      user: req.session ? { email: req.session.user.email, role: req.session.user.role } : null,
      flash,
      showDevLinks: !config.isProduction,
    };
    const html = '<!doctype html>' + renderToString(<PageCtx.Provider value={ctx}>{element}</PageCtx.Provider>);
    return this.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });

  app.decorateReply('seeOther', function seeOther(this: FastifyReply, location: string, flashKey?: string) {
    if (flashKey) this.setCookie(FLASH_COOKIE, flashKey, { ...cookieOptions(false), maxAge: 60 });
    return this.redirect(location, 303);
  });
});

/** Only local paths are accepted as a place to return to (no open redirect). */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.length > 500) return fallback;
  return value;
}

export type { FastifyRequest };
