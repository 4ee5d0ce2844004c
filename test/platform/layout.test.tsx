import { describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import { createI18n, type Locale } from '../../src/platform/i18n/catalogue';
import { PageCtx, usePage, type PageContext } from '../../src/web/page-context';
import { Layout } from '../../src/web/layout';

// The frame is written as strings around the page's vnodes (`Layout`): these pin what the
// strings must keep doing that the renderer did for them — escaping, structure, the parts that
// depend on the person, the language and the page.

const i18n = createI18n();

function context(overrides: Partial<PageContext> = {}): PageContext {
  return {
    t: i18n.translator((overrides.locale ?? 'fr') as Locale),
    locale: 'fr',
    dir: 'ltr',
    path: '/',
    csrfToken: 'token',
    requestId: 'req-1',
    user: null,
    flash: null,
    draft: null,
    showDevLinks: false,
    ...overrides,
  };
}

function render(ctx: PageContext, title = 'Titre', children: preact.ComponentChildren = <p>contenu</p>, hasErrors = false): string {
  return renderToString(
    <PageCtx.Provider value={ctx}>
      <Layout title={title} hasErrors={hasErrors}>
        {children}
      </Layout>
    </PageCtx.Provider>,
  );
}

const VOID = new Set(['meta', 'link', 'input', 'br', 'img', 'hr']);

/** Every element opened is closed, in order: a typo in a string of the frame breaks this. */
function unbalancedTags(html: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (VOID.has(name!) || selfClosing) continue;
    if (!closing) stack.push(name!);
    else if (stack.pop() !== name) problems.push(`</${name}> at ${m.index}`);
  }
  return problems.concat(stack.map((n) => `<${n}> never closed`));
}

describe('page frame (Layout)', () => {
  it('is well formed for a visitor, an applicant and an agent, with flash and dev links', () => {
    for (const user of [null, { email: 'a@b.fr', role: 'applicant', unreadNotifications: 2 }, { email: 'c@d.fr', role: 'case_officer', unreadNotifications: 0 }]) {
      for (const flash of [null, 'flash.logged_out']) {
        const html = render(context({ user, flash, showDevLinks: true }));
        expect(unbalancedTags(html)).toEqual([]);
        expect(html.startsWith('<html lang="fr" dir="ltr" data-fr-scheme="light"><head>')).toBe(true);
        expect(html.endsWith('</body></html>')).toBe(true);
      }
    }
  });

  it('puts the page inside main, with the page context still available to it', () => {
    function Child() {
      const { requestId } = usePage();
      return <p id="child">{requestId}</p>;
    }
    const html = render(context({ requestId: 'abc' }), 'Titre', <Child />);
    expect(html).toMatch(/<main id="contenu" role="main" tabindex="-1" class="fr-container fr-py-5w"><p id="child">abc<\/p><\/main>/);
  });

  it('escapes everything that comes from the request or the page', () => {
    const html = render(
      context({ path: '/compte?a="><script>x</script>&b', csrfToken: '"><script>t</script>', requestId: '"><b>', user: { email: 'e', role: 'applicant', unreadNotifications: 0 } }),
      '<script>alert(1)</script> & "co"',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('<title>&lt;script>alert(1)&lt;/script> &amp; &quot;co&quot; — Sésame</title>');
    expect(html).toContain('<input type="hidden" name="_csrf" value="&quot;>&lt;script>t&lt;/script>"/>');
    expect(html).toContain(`href="/langue/en?retour=${encodeURIComponent('/compte?a="><script>x</script>&b')}"`);
    expect(html).toContain(`href="/signaler-un-probleme?retour=${encodeURIComponent('/compte?a="><script>x</script>&b')}&amp;requete=&quot;>&lt;b>"`);
    expect(unbalancedTags(html)).toEqual([]);
  });

  it('marks the current language and is written in the person’s language', () => {
    const en = render(context({ locale: 'en', t: i18n.translator('en') }));
    expect(en).toContain('<html lang="en"');
    expect(en).toMatch(/href="\/langue\/en\?retour=%2F" lang="en" hreflang="en" aria-current="true">EN – English</);
    expect(en).toMatch(/href="\/langue\/fr\?retour=%2F" lang="fr" hreflang="fr">FR – Français</);
    expect(en).toContain(i18n.translator('en')('layout.skip_to_content'));
    const fr = render(context());
    expect(fr).toMatch(/lang="fr" hreflang="fr" aria-current="true">/);
    expect(fr).toContain(i18n.translator('fr')('layout.skip_to_content'));
  });

  it('shows each person the tools of their role, the unread count and a logout form', () => {
    const t = i18n.translator('fr');
    const visitor = render(context());
    expect(visitor).toContain('href="/connexion"');
    expect(visitor).not.toContain('action="/deconnexion"');

    const applicant = render(context({ user: { email: 'a', role: 'applicant', unreadNotifications: 3 }, csrfToken: 'tok' }));
    expect(applicant).toContain(`href="/demarches">${t('layout.my_applications')}</a>`);
    expect(applicant).toContain(`>${t('layout.notifications', { count: 3 })}</a>`);
    expect(applicant).toContain('<form method="post" action="/deconnexion" class="sesame-inline-form"><input type="hidden" name="_csrf" value="tok"/>');
    expect(applicant).not.toContain('/bureau');

    const officer = render(context({ user: { email: 'b', role: 'case_officer', unreadNotifications: 0 } }));
    expect(officer).toContain(`href="/bureau">${t('layout.agent_home.case_officer')}</a>`);
    expect(officer).not.toContain('href="/demarches"');
    // The role's links are cached per language: the applicant's were not reused for the officer.
    expect(render(context({ user: { email: 'a', role: 'applicant', unreadNotifications: 0 } }))).not.toContain('/bureau');
  });

  it('shows the flash, the error prefix and the dev links only when asked', () => {
    const t = i18n.translator('fr');
    const plain = render(context());
    expect(plain).not.toContain('role="status"');
    expect(plain).not.toContain('/dev/outbox');
    expect(plain).toContain('<title>Titre — Sésame</title>');
    const withAll = render(context({ flash: 'flash.logged_out', showDevLinks: true }), 'Titre', <p />, true);
    expect(withAll).toContain(`<div class="fr-alert fr-alert--success fr-mb-3w" role="status"><p>${t('flash.logged_out')}</p></div>`);
    expect(withAll).toContain('href="/dev/outbox"');
    expect(withAll).toContain(`<title>${t('common.error_title_prefix')} Titre — Sésame</title>`);
  });
});
