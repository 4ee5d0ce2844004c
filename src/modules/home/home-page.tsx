import { Layout } from '../../web/layout';
import { usePage } from '../../web/page-context';
import { staticHtml } from '../../web/static-html';
import type { Translate } from '../../platform/i18n/catalogue';

/** The front door: what Sésame is for a visitor; where to go next for a signed-in person. */
export function HomePage(props: { profileName: string | null }) {
  const { t, user } = usePage();
  if (user) {
    return (
      <Layout title={t('home.signed_in_title')}>
        <h1>{props.profileName ? t('home.hello_name', { name: props.profileName }) : t('home.hello')}</h1>
        <p class="fr-text--lead">{t('home.signed_in_lead')}</p>
        <div class="fr-grid-row fr-grid-row--gutters" dangerouslySetInnerHTML={staticHtml(t, 'home.tiles', Tiles)} />
      </Layout>
    );
  }
  return (
    <Layout title={t('home.title')}>
      <h1>{t('home.title')}</h1>
      <p class="fr-text--lead">{t('home.lead')}</p>
      <ul>
        <li>{t('home.promise_proof')}</li>
        <li>{t('home.promise_contact')}</li>
        <li>{t('home.promise_human')}</li>
      </ul>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href="/inscription">
            {t('home.create_account')}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/connexion">
            {t('home.log_in')}
          </a>
        </li>
      </ul>
    </Layout>
  );
}

/** One DSFR tile linking to a part of the person's space. */
function Tile(p: { href: string; title: string; description: string }) {
  return (
    <div class="fr-col-12 fr-col-md-4">
      <div class="fr-tile fr-enlarge-link">
        <div class="fr-tile__body">
          <div class="fr-tile__content">
            <h2 class="fr-tile__title">
              <a href={p.href}>{p.title}</a>
            </h2>
            <p class="fr-tile__desc">{p.description}</p>
          </div>
        </div>
      </div>
    </div>
  );
}

/** The three tiles of a signed-in person's home: the same for everyone in a language. */
function Tiles(t: Translate) {
  return (
    <>
      <Tile href="/demarches" title={t('home.tile_applications')} description={t('home.tile_applications_desc')} />
      <Tile href="/compte" title={t('home.tile_account')} description={t('home.tile_account_desc')} />
      <Tile href="/compte/profil" title={t('home.tile_profile')} description={t('home.tile_profile_desc')} />
    </>
  );
}
