import type { ComponentChildren } from 'preact';
import { locales, type Translate } from '../platform/i18n/catalogue';
import { agentHomePath } from '../modules/backoffice/agent-roles';
import { usePage, type PageContext } from './page-context';
import { escapeHtml, staticHtml } from './static-html';

const languageNames: Record<string, string> = { fr: 'Français', en: 'English' };

/**
 * The DSFR page frame: skip links, header with tools and language switch, main, footer. What
 * depends only on the language (skip links, brand, visitor tools, mobile menu, footer text) is
 * rendered once per language by `staticHtml` and spliced in; what depends on the request — the
 * title, the person's tools, the return paths, the flash, the page itself — on every request.
 */
export function Layout(props: { title: string; hasErrors?: boolean; children: ComponentChildren }) {
  const { t, locale, dir, path, user, flash } = usePage();
  const fullTitle = `${props.hasErrors ? `${t('common.error_title_prefix')} ` : ''}${props.title} — Sésame`;
  return (
    <html lang={locale} dir={dir} data-fr-scheme="light">
      <head dangerouslySetInnerHTML={{ __html: `${HEAD_START}<title>${escapeHtml(fullTitle)}</title>${HEAD_END}` }} />
      <body>
        <div class="fr-skiplinks" dangerouslySetInnerHTML={staticHtml(t, 'layout.skiplinks', SkipLinks)} />
        <header role="banner" class="fr-header">
          <div class="fr-header__body">
            <div class="fr-container">
              <div class="fr-header__body-row">
                <div class="fr-header__brand fr-enlarge-link" dangerouslySetInnerHTML={staticHtml(t, 'layout.brand', HeaderBrand)} />
                <div class="fr-header__tools">
                  <div class="fr-header__tools-links">
                    {user ? (
                      <ul class={TOOLS_CLASS}>
                        <SignedInTools t={t} user={user} />
                      </ul>
                    ) : (
                      <ul class={TOOLS_CLASS} dangerouslySetInnerHTML={staticHtml(t, 'layout.visitor_tools', VisitorTools)} />
                    )}
                    <LanguageSwitch t={t} locale={locale} path={path} />
                  </div>
                </div>
              </div>
            </div>
          </div>
          {/* The DSFR script copies the header tools into this (never opened) mobile menu and fails
              without it; Sésame keeps the tools visible at every width instead (app.css). */}
          <div class="fr-header__menu fr-modal" id="menu-mobile" dangerouslySetInnerHTML={MOBILE_MENU} />
        </header>
        <main id="contenu" role="main" tabIndex={-1} class="fr-container fr-py-5w">
          {flash && (
            <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
              <p>{t(flash)}</p>
            </div>
          )}
          {props.children}
        </main>
        <Footer />
        <script type="module" src="/dsfr/dsfr.module.min.js"></script>
      </body>
    </html>
  );
}

// The same markup the renderer writes for these elements; nothing in them varies.
const HEAD_START = '<meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no"/>';
const HEAD_END =
  '<link rel="stylesheet" href="/dsfr/dsfr.min.css"/><link rel="stylesheet" href="/dsfr/utility/icons/icons.min.css"/>' +
  '<link rel="stylesheet" href="/assets/app.css"/><link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml"/>';
const MOBILE_MENU = { __html: '<div class="fr-container"><div class="fr-header__menu-links"></div></div>' };
const TOOLS_CLASS = 'fr-btns-group fr-btns-group--sm fr-btns-group--inline fr-btns-group--icon-left';

function SkipLinks(t: Translate) {
  return (
    <nav class="fr-container" aria-label={t('layout.skiplinks_label')}>
      <ul class="fr-skiplinks__list">
        <li>
          <a class="fr-link" href="#contenu">
            {t('layout.skip_to_content')}
          </a>
        </li>
        <li>
          <a class="fr-link" href="#pied-de-page">
            {t('layout.skip_to_footer')}
          </a>
        </li>
      </ul>
    </nav>
  );
}

function HeaderBrand(t: Translate) {
  return (
    <>
      <div class="fr-header__brand-top">
        <div class="fr-header__logo">
          <p class="fr-logo">
            République
            <br />
            Française
          </p>
        </div>
      </div>
      <div class="fr-header__service">
        <a href="/" title={t('layout.home_link_title')}>
          <p class="fr-header__service-title">Sésame</p>
        </a>
        <p class="fr-header__service-tagline">{t('layout.tagline')}</p>
      </div>
    </>
  );
}

function VisitorTools(t: Translate) {
  return (
    <>
      <li>
        <a class="fr-btn fr-icon-lock-line" href="/connexion">
          {t('layout.log_in')}
        </a>
      </li>
      <li>
        <a class="fr-btn fr-icon-account-circle-line" href="/inscription">
          {t('layout.sign_up')}
        </a>
      </li>
    </>
  );
}

function SignedInTools({ t, user }: { t: Translate; user: NonNullable<PageContext['user']> }) {
  const agentHome = agentHomePath(user.role);
  return (
    <>
      {user.role === 'applicant' && (
        <li>
          <a class="fr-btn fr-icon-folder-2-line" href="/demarches">
            {t('layout.my_applications')}
          </a>
        </li>
      )}
      {agentHome && (
        <li>
          <a class="fr-btn fr-icon-briefcase-line" href={agentHome}>
            {t(`layout.agent_home.${user.role}`)}
          </a>
        </li>
      )}
      <li>
        <a class="fr-btn fr-icon-notification-3-line" href="/compte/notifications">
          {t('layout.notifications', { count: user.unreadNotifications })}
        </a>
      </li>
      <li>
        <a class="fr-btn fr-icon-account-circle-line" href="/compte">
          {t('layout.my_account')}
        </a>
      </li>
      <li>
        <form method="post" action="/deconnexion" class="sesame-inline-form">
          <CsrfField />
          <button type="submit" class="fr-btn fr-icon-logout-box-r-line">
            {t('layout.log_out')}
          </button>
        </form>
      </li>
    </>
  );
}

function LanguageSwitch({ t, locale, path }: { t: Translate; locale: string; path: string }) {
  const back = encodeURIComponent(path);
  return (
    <nav class="sesame-languages" aria-label={t('layout.language_switch_label')}>
      <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
        {locales.map((l) => (
          <li>
            <a
              class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
              href={`/langue/${l}?retour=${back}`}
              lang={l}
              hreflang={l}
              aria-current={l === locale ? 'true' : undefined}
            >
              {`${l.toUpperCase()} – ${languageNames[l]}`}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Footer() {
  const { t, showDevLinks, path, requestId } = usePage();
  return (
    <footer class="fr-footer" role="contentinfo" id="pied-de-page">
      <div class="fr-container">
        <div class="fr-footer__body" dangerouslySetInnerHTML={staticHtml(t, 'layout.footer_body', FooterBody)} />
        <div class="fr-footer__bottom">
          <ul class="fr-footer__bottom-list">
            <li class="fr-footer__bottom-item" dangerouslySetInnerHTML={staticHtml(t, 'layout.accessibility', AccessibilityStatus)} />
            <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href={`/signaler-un-probleme?retour=${encodeURIComponent(path)}&requete=${requestId}`}>{t('support.footer_report')}</a></li>
            {showDevLinks && (
              <li class="fr-footer__bottom-item">
                <a class="fr-footer__bottom-link" href="/dev/outbox">
                  {t('layout.dev_outbox')}
                </a>
              </li>
            )}
          </ul>
          <div class="fr-footer__bottom-copy" dangerouslySetInnerHTML={staticHtml(t, 'layout.license', License)} />
        </div>
      </div>
    </footer>
  );
}

function FooterBody(t: Translate) {
  return (
    <>
      <div class="fr-footer__brand fr-enlarge-link">
        <a href="/" title={t('layout.home_link_title')}>
          <p class="fr-logo">
            République
            <br />
            Française
          </p>
        </a>
      </div>
      <div class="fr-footer__content">
        <p class="fr-footer__content-desc">{t('layout.footer_description')}</p>
      </div>
    </>
  );
}

const AccessibilityStatus = (t: Translate) => <span class="fr-footer__bottom-link">{t('layout.accessibility_status')}</span>;
const License = (t: Translate) => <p>{t('layout.license')}</p>;

export function CsrfField() {
  const { csrfToken } = usePage();
  return <input type="hidden" name="_csrf" value={csrfToken} />;
}
