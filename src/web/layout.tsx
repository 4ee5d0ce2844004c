import type { ComponentChildren } from 'preact';
import { locales, type Translate } from '../platform/i18n/catalogue';
import { agentHomePath } from '../modules/backoffice/agent-roles';
import { usePage, type PageContext } from './page-context';
import { jsxTemplate } from 'preact/jsx-runtime';
import { escapeHtml, rawHtml, staticHtml, staticString } from './static-html';

const languageNames: Record<string, string> = { fr: 'Français', en: 'English' };

/**
 * The DSFR page frame: skip links, header with tools and language switch, main, footer. Every
 * page is rendered inside it, so it is written as strings around the page's own vnodes (a
 * precompiled-JSX template, `jsxTemplate`, which preact-render-to-string splices in as is):
 * what depends only on the language (skip links, brand, visitor tools, the person's tools but
 * the count and the form token, footer text) is rendered once per language by `staticHtml`;
 * the title, the count, the token, the return paths and the flash are escaped in per request.
 * The frame was most of a page's vnodes, and rendering them was the largest share of the
 * busiest page's CPU. The markup is the one the JSX frame wrote, byte for byte (compared over
 * 720 combinations when it changed); test/platform/layout.test.tsx pins escaping and structure.
 */
export function Layout(props: { title: string; hasErrors?: boolean; children: ComponentChildren }) {
  const page = usePage();
  return jsxTemplate([frameStart(page, props.title, props.hasErrors === true), frameEnd(page)], <>{props.children}</>);
}

function frameStart(page: PageContext, title: string, hasErrors: boolean): string {
  const { t, locale, dir, user, flash } = page;
  const fullTitle = `${hasErrors ? `${t('common.error_title_prefix')} ` : ''}${title} — Sésame`;
  const tools = user ? signedInTools(page, user) : staticHtml(t, 'layout.visitor_tools', VisitorTools).__html;
  return (
    `<html lang="${locale}" dir="${dir}" data-fr-scheme="light"><head>${HEAD_START}<title>${escapeHtml(fullTitle)}</title>${HEAD_END}</head>` +
    `<body><div class="fr-skiplinks">${staticHtml(t, 'layout.skiplinks', SkipLinks).__html}</div>` +
    '<header role="banner" class="fr-header"><div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">' +
    `<div class="fr-header__brand fr-enlarge-link">${staticHtml(t, 'layout.brand', HeaderBrand).__html}</div>` +
    `<div class="fr-header__tools"><div class="fr-header__tools-links"><ul class="${TOOLS_CLASS}">${tools}</ul>${languageSwitch(t, locale, page.path)}</div></div>` +
    // The DSFR script copies the header tools into this (never opened) mobile menu and fails
    // without it; Sésame keeps the tools visible at every width instead (app.css).
    `</div></div></div><div class="fr-header__menu fr-modal" id="menu-mobile">${MOBILE_MENU}</div></header>` +
    '<main id="contenu" role="main" tabindex="-1" class="fr-container fr-py-5w">' +
    (flash ? `<div class="fr-alert fr-alert--success fr-mb-3w" role="status"><p>${escapeHtml(t(flash))}</p></div>` : '')
  );
}

function frameEnd({ t, showDevLinks, path, requestId }: PageContext): string {
  const report = `/signaler-un-probleme?retour=${encodeURIComponent(path)}&requete=${requestId}`;
  return (
    '</main><footer class="fr-footer" role="contentinfo" id="pied-de-page"><div class="fr-container">' +
    `<div class="fr-footer__body">${staticHtml(t, 'layout.footer_body', FooterBody).__html}</div>` +
    '<div class="fr-footer__bottom"><ul class="fr-footer__bottom-list">' +
    `<li class="fr-footer__bottom-item">${staticHtml(t, 'layout.accessibility', AccessibilityStatus).__html}</li>` +
    `<li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="${escapeHtml(report)}">${escapeHtml(t('support.footer_report'))}</a></li>` +
    (showDevLinks ? `<li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/dev/outbox">${escapeHtml(t('layout.dev_outbox'))}</a></li>` : '') +
    `</ul><div class="fr-footer__bottom-copy">${staticHtml(t, 'layout.license', License).__html}</div></div></div></footer>` +
    '<script type="module" src="/dsfr/dsfr.module.min.js"></script></body></html>'
  );
}

// The same markup the renderer writes for these elements; nothing in them varies.
const HEAD_START = '<meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no"/>';
const HEAD_END =
  '<link rel="stylesheet" href="/dsfr/dsfr.min.css"/><link rel="stylesheet" href="/dsfr/utility/icons/icons.min.css"/>' +
  '<link rel="stylesheet" href="/assets/app.css"/><link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml"/>';
const MOBILE_MENU = '<div class="fr-container"><div class="fr-header__menu-links"></div></div>';
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

/** The person's tools: the links of their role and the logout form (with the form token). */
function signedInTools(page: PageContext, user: NonNullable<PageContext['user']>): string {
  const { t } = page;
  const roleLinks = staticString(t, `layout.role_links.${user.role}`, () => {
    const agentHome = agentHomePath(user.role);
    return (
      (user.role === 'applicant' ? `<li><a class="fr-btn fr-icon-folder-2-line" href="/demarches">${escapeHtml(t('layout.my_applications'))}</a></li>` : '') +
      (agentHome ? `<li><a class="fr-btn fr-icon-briefcase-line" href="${escapeHtml(agentHome)}">${escapeHtml(t(`layout.agent_home.${user.role}`))}</a></li>` : '')
    );
  });
  const account = staticString(t, 'layout.account_link', () => `<li><a class="fr-btn fr-icon-account-circle-line" href="/compte">${escapeHtml(t('layout.my_account'))}</a></li>`);
  const logOut = staticString(t, 'layout.log_out', () => escapeHtml(t('layout.log_out')));
  return (
    roleLinks +
    `<li><a class="fr-btn fr-icon-notification-3-line" href="/compte/notifications">${escapeHtml(t('layout.notifications', { count: user.unreadNotifications }))}</a></li>` +
    account +
    `<li><form method="post" action="/deconnexion" class="sesame-inline-form">${csrfInput(page.csrfToken)}` +
    `<button type="submit" class="fr-btn fr-icon-logout-box-r-line">${logOut}</button></form></li>`
  );
}

/** One link per language, back to the same page; the current one marked. */
function languageSwitch(t: Translate, locale: string, path: string): string {
  const back = escapeHtml(encodeURIComponent(path));
  const label = staticString(t, 'layout.language_switch_label', () => escapeHtml(t('layout.language_switch_label')));
  let links = '';
  for (const l of locales) {
    links +=
      `<li><a class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" href="/langue/${l}?retour=${back}" lang="${l}" hreflang="${l}"` +
      `${l === locale ? ' aria-current="true"' : ''}>${l.toUpperCase()} – ${escapeHtml(languageNames[l] ?? l)}</a></li>`;
  }
  return `<nav class="sesame-languages" aria-label="${label}"><ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">${links}</ul></nav>`;
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
  return rawHtml(csrfInput(usePage().csrfToken));
}

function csrfInput(token: string): string {
  return `<input type="hidden" name="_csrf" value="${escapeHtml(token)}"/>`;
}
