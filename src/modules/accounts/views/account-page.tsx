import { Layout } from '../../../web/layout';
import { ScrollTable } from '../../../web/components/table';
import { PostForm } from '../../../web/components/forms';
import { usePage } from '../../../web/page-context';

export interface SessionRow {
  handle: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** "My account": contact details, security, and the devices signed in. */
export function AccountPage(props: { email: string; phone: string | null; totpEnabled: boolean; sessions: SessionRow[] }) {
  const { t, locale } = usePage();
  const when = (d: Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(d);
  return (
    <Layout title={t('account.title')}>
      <h1>{t('account.title')}</h1>
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-5w">
        <section class="fr-col-12 fr-col-md-6" aria-labelledby="contact-heading">
          <h2 id="contact-heading" class="fr-h4">{t('account.contact_heading')}</h2>
          <dl>
            <dt>{t('account.email')}</dt>
            <dd id="current-email">{props.email}</dd>
            <dt>{t('account.phone')}</dt>
            <dd>{props.phone ?? t('account.phone_none')}</dd>
          </dl>
          <ul class="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <a class="fr-btn fr-btn--secondary" href="/compte/e-mail">
                {t('account.change_email')}
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href="/compte/telephone">
                {t('account.change_phone')}
              </a>
            </li>
          </ul>
        </section>
        <section class="fr-col-12 fr-col-md-6" aria-labelledby="security-heading">
          <h2 id="security-heading" class="fr-h4">{t('account.security_heading')}</h2>
          <p>{props.totpEnabled ? t('account.totp_on') : t('account.totp_off')}</p>
          <ul class="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <a class="fr-btn fr-btn--secondary" href="/compte/securite">
                {t('account.manage_security')}
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href="/compte/profil">
                {t('account.profile_link')}
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href="/compte/documents">
                {t('account.documents_link')}
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href="/compte/partage">
                {t('account.share_link')}
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href="/compte/demandes">
                {t('support.account_link')}
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--tertiary" href="/compte/historique">
                {t('account.history_link')}
              </a>
            </li>
          </ul>
        </section>
      </div>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" class="fr-h4">{t('account.sessions_heading')}</h2>
        {/* DSFR 1.15 table markup: cells wrap (--multiline, and a browser name may break anywhere)
            so the table fits a 360 px screen; if it still cannot, the container scrolls sideways. */}
        <ScrollTable id="sessions" caption={t('account.sessions_heading')} headers={[t('account.session_device'), t('account.session_last_seen'), t('account.session_action')]} multiline>
          {props.sessions.map((s) => (
            <tr>
              <td class="sesame-device">
                {s.userAgent ?? t('account.session_unknown_device')}
                {s.current && <strong>{` (${t('account.session_this_device')})`}</strong>}
              </td>
              <td>{when(s.lastSeenAt)}</td>
              <td>
                <PostForm action={`/compte/sessions/${s.handle}/fermer`}>
                  <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary" aria-label={t('account.session_close_label', { device: s.userAgent ?? '' })}>
                    {t('account.session_close')}
                  </button>
                </PostForm>
              </td>
            </tr>
          ))}
        </ScrollTable>
      </section>
    </Layout>
  );
}
