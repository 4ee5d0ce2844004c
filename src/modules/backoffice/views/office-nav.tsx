import type { Role } from '../../../db/schema';
import { usePage } from '../../../web/page-context';
import { areaRoles } from '../agent-roles';

const links: { href: string; labelKey: string; roles: readonly Role[] }[] = [
  { href: '/bureau', labelKey: 'backoffice.nav.queue', roles: areaRoles.office },
  { href: '/bureau/messages', labelKey: 'backoffice.nav.messages', roles: areaRoles.messages },
  { href: '/bureau/tableau-de-bord', labelKey: 'backoffice.nav.dashboard', roles: areaRoles.headOfOffice },
];

/**
 * The back office's own navigation: the pages of `/bureau` the signed-in agent's role may open
 * (from `areaRoles`, so a link is never shown to someone the page would answer "not found").
 */
export function OfficeNav() {
  const { t, user, path } = usePage();
  const role = user?.role ?? '';
  const mine = links.filter((l) => (l.roles as readonly string[]).includes(role));
  if (mine.length < 2) return null;
  const current = path.split(/[?#]/)[0];
  return (
    <nav class="fr-mb-3w" aria-label={t('backoffice.nav.label')} id="office-nav">
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        {mine.map((l) => (
          <li>
            <a class={`fr-btn ${l.href === current ? '' : 'fr-btn--tertiary'}`} href={l.href} aria-current={l.href === current ? 'page' : undefined}>
              {t(l.labelKey)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
