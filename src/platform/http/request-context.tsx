import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { isLocale, localeDirection, negotiateLocale, type Locale, type Translate } from '../i18n/catalogue';
import type { Clock } from '../clock';
import { takeDraft } from './resume-draft';
import { SESSION_COOKIE, type CurrentSession } from '../sessions';
import type { Services } from '../../services';
import { PageCtx, type PageContext } from '../../web/page-context';

export const LOCALE_COOKIE = 'sesame_lang';
export const FLASH_COOKIE = 'sesame_flash';

declare module 'fastify' {
  interface FastifyInstance {
    /** The services' clock, for the few edge computations that need "now" (Retry-After). */
    clock: Clock;
  }
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

/** The session cookie's options, the same wherever a session token is handed out (login, second factor, invitation). */
export const sessionCookieOptions = (config: { isProduction: boolean; SESSION_MAX_HOURS: number }) => ({
  ...cookieOptions(config.isProduction),
  maxAge: config.SESSION_MAX_HOURS * 3600,
});

/** Resolves, for every request: the session, the language, and the page renderer. */
export const requestContext = fp(async (app: FastifyInstance, opts: { services: Services }) => {
  const { services } = opts;
  const { i18n, config } = services;

  app.decorate('clock', services.clock);
  app.decorateRequest('locale', 'fr');
  app.decorateRequest('t', null as unknown as Translate);
  app.decorateRequest('session', null);
  app.decorateRequest('pendingSession', null);

  // A callback hook, not an async one: most requests without a session cookie finish it at once.
  app.addHook('onRequest', (req, _reply, done) => {
    // The language first: if loading the session fails (database down), the error page still
    // needs a language to be written in.
    const fromCookie = req.cookies[LOCALE_COOKIE];
    req.locale = isLocale(fromCookie) ? fromCookie : negotiateLocale(req.headers['accept-language']);
    req.t = i18n.translator(req.locale);
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return done();
    services.sessions.find(token).then((session) => {
      try {
        req.pendingSession = session;
        req.session = session && !session.mfaPending ? session : null;
        const userLocale = req.session?.user.locale;
        if (isLocale(userLocale) && userLocale !== req.locale) {
          req.locale = userLocale;
          req.t = i18n.translator(userLocale);
        }
      } catch (err) {
        // Thrown here it would be lost in the promise and the request would hang: to the error page.
        return done(err as Error);
      }
      done();
    }, done);
  });

  app.decorateReply('page', function page(this: FastifyReply, element: VNode, status = 200) {
    const req = this.request;
    const flashKey = req.cookies[FLASH_COOKIE];
    // Only catalogue keys meant as flash messages are shown: the flash namespace, or a namespace's own flash group.
    const flash = flashKey && /^([a-z_]+\.)?flash\.[a-z0-9_]+$/.test(flashKey) && i18n.has('fr', flashKey) ? flashKey : null;
    if (flashKey) this.clearCookie(FLASH_COOKIE, { path: '/' });
    const ctx = new ReplyPageContext(this, flash, takeDraft(req, this, config.isProduction), !config.isProduction);
    // Sent as bytes: encoded once here, where a string would be measured by fastify (its
    // Content-Length) and encoded again by the socket, each pass first flattening the rope of
    // concatenated parts the renderer built.
    const html = Buffer.from('<!doctype html>' + renderToString(<PageCtx.Provider value={ctx}>{element}</PageCtx.Provider>));
    return this.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });

  app.decorateReply('seeOther', function seeOther(this: FastifyReply, location: string, flashKey?: string) {
    if (flashKey) this.setCookie(FLASH_COOKIE, flashKey, { ...cookieOptions(config.isProduction), maxAge: 60 });
    return this.redirect(location, 303);
  });
});

/**
 * A page's context, made once per rendered page. A class rather than an object literal with a
 * getter and a closure: every page pays this, and the literal built a getter and a named
 * function (`__name` under tsx) per request.
 */
class ReplyPageContext implements PageContext {
  t: Translate;
  locale: Locale;
  dir: 'ltr' | 'rtl';
  path: string;
  requestId: string;
  user: PageContext['user'];
  flash: string | null;
  draft: PageContext['draft'];
  showDevLinks: boolean;
  #reply: FastifyReply;
  #csrfToken: string | undefined = undefined;

  constructor(reply: FastifyReply, flash: string | null, draft: PageContext['draft'], showDevLinks: boolean) {
    const req = reply.request;
    this.#reply = reply;
    this.t = req.t;
    this.locale = req.locale;
    this.dir = localeDirection(req.locale);
    this.path = req.url.length > 500 ? '/' : req.url;
    this.requestId = req.id;
    const user = req.session?.user;
    this.user = user ? { email: user.email, role: user.role, unreadNotifications: user.unreadNotifications } : null;
    this.flash = flash;
    this.draft = draft;
    this.showDevLinks = showDevLinks;
  }

  /** Made only if the page has a form (`CsrfField` reads it), then the same for every form of it. */
  get csrfToken(): string {
    return (this.#csrfToken ??= this.#reply.generateCsrf());
  }
}

/**
 * Only local paths are accepted as a place to return to (no open redirect). Browsers drop tabs
 * and newlines from a URL and read `\` as `/`, so `/<tab>/evil.example` would become
 * `//evil.example`: any control character or backslash is refused (a newline could not even be
 * sent in a Location header).
 */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.length > 500) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  // A Location header carries bytes, not text: `/✓` would make Node throw (a 500). Percent-encode.
  try {
    return value.replace(/[^\u0021-\u007e]+/gu, (s) => encodeURIComponent(s));
  } catch {
    return fallback; // a lone surrogate cannot be encoded
  }
}

export type { FastifyRequest };
