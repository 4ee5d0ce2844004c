import type { Role } from '../../../db/schema';
import { ErrorSummary, PostForm, SelectField, SubmitButton, TextField, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { ScrollTable } from '../../../web/components/table';
import { usePage } from '../../../web/page-context';
import { formatDateTime } from '../../applications/views/labels';
import { isPrefectureRole } from '../../backoffice/agent-roles';
import { invitationStatus, type Invitation } from '../invitation-status';
import type { AgentRow } from '../list-agents';
import { mayManage, type Manager } from '../manage-policy';

export interface AgentsPageProps {
  /** `/administration/agents` or `/bureau/equipe`: the same page for both kinds of manager. */
  base: string;
  manager: Manager;
  roles: readonly Role[];
  /** For the administrator: every prefecture, to choose one for an invitation or the list. */
  prefectures: { code: string; name: string }[];
  filter: string | null;
  agents: AgentRow[];
  invitations: (Invitation & { prefectureName: string | null })[];
  now: Date;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

const statusBadge = { pending: 'fr-badge--info', expired: 'fr-badge--warning', accepted: 'fr-badge--success', revoked: '' } as const;

/** Agent accounts: invite, follow the invitations (re-send, revoke), switch accounts off and on. */
export function AgentsPage(props: AgentsPageProps) {
  const { t } = usePage();
  const { manager, base } = props;
  const national = manager.role === 'admin';
  const errors = props.errors ?? {};
  const labels = { email: t('agents.invite.email'), role: t('agents.invite.role'), prefectureCode: t('agents.invite.prefecture') };
  const title = national ? t('agents.title_national') : t('agents.title_office');
  return (
    <Layout title={title} hasErrors={Object.keys(errors).length > 0}>
      <h1>{title}</h1>
      <p>{national ? t('agents.lead_national') : t('agents.lead_office')}</p>

      <section aria-labelledby="invite-heading" class="fr-mb-6w">
        <h2 id="invite-heading">{t('agents.invite.heading')}</h2>
        <p>{t('agents.invite.lead')}</p>
        <ErrorSummary errors={errors} labels={labels} />
        <div class="fr-grid-row">
          <div class="fr-col-12 fr-col-md-8">
            <PostForm action={`${base}/invitations`}>
              <TextField name="email" type="email" label={labels.email} hint={t('agents.invite.email_hint')} values={props.values} errors={errors} maxLength={254} spellcheck={false} autocomplete="off" />
              <SelectField name="role" label={labels.role} options={props.roles.map((r) => ({ value: r, label: t(`agents.roles.${r}`) }))} values={props.values} errors={errors} />
              {national ? (
                <SelectField
                  name="prefectureCode"
                  label={labels.prefectureCode}
                  hint={t('agents.invite.prefecture_hint')}
                  options={props.prefectures.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))}
                  values={props.values}
                  errors={errors}
                  required={false}
                />
              ) : (
                <p>{t('agents.invite.own_prefecture')}</p>
              )}
              <SubmitButton label={t('agents.invite.submit')} />
            </PostForm>
          </div>
        </div>
      </section>

      {national && (
        <form method="get" action={base} class="fr-mb-4w">
          <SelectField
            name="prefecture"
            label={t('agents.filter_label')}
            options={props.prefectures.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))}
            values={{ prefecture: props.filter ?? '' }}
            required={false}
          />
          <button type="submit" class="fr-btn fr-btn--secondary fr-mt-2w">
            {t('agents.filter_submit')}
          </button>
        </form>
      )}

      <section aria-labelledby="invitations-heading" class="fr-mb-6w">
        <h2 id="invitations-heading">{t('agents.invitations.heading')}</h2>
        {props.invitations.length === 0 ? (
          <p>{t('agents.invitations.none')}</p>
        ) : (
          <ScrollTable id="invitations" caption={t('agents.invitations.heading')} headers={[t('agents.col_email'), t('agents.col_role'), t('agents.col_status'), t('agents.col_sent'), t('agents.col_actions')]}>
            {props.invitations.map((inv) => (
              <InvitationRow base={base} inv={inv} manager={manager} now={props.now} />
            ))}
          </ScrollTable>
        )}
      </section>

      <section aria-labelledby="agents-heading">
        <h2 id="agents-heading">{t('agents.list.heading')}</h2>
        {props.agents.length === 0 ? (
          <p>{t('agents.list.none')}</p>
        ) : (
          <ScrollTable id="agents" caption={t('agents.list.heading')} headers={[t('agents.col_email'), t('agents.col_role'), t('agents.col_status'), t('agents.col_actions')]}>
            {props.agents.map((a) => (
              <AgentRowView base={base} agent={a} manager={manager} />
            ))}
          </ScrollTable>
        )}
      </section>
    </Layout>
  );
}

function RoleCell(props: { role: Role; prefectureName: string | null; prefectureCode: string | null }) {
  const { t } = usePage();
  return (
    <td>
      {t(`agents.roles.${props.role}`)}
      <br />
      <span class="fr-text--sm">{isPrefectureRole(props.role) ? `${props.prefectureCode ?? ''} — ${props.prefectureName ?? ''}` : t('agents.national')}</span>
    </td>
  );
}

function InvitationRow(props: { base: string; inv: Invitation & { prefectureName: string | null }; manager: Manager; now: Date }) {
  const { t, locale } = usePage();
  const { inv } = props;
  const status = invitationStatus(inv, props.now);
  const actionable = mayManage(props.manager, inv) && (status === 'pending' || status === 'expired');
  return (
    <tr>
      <td class="sesame-device">{inv.email}</td>
      <RoleCell role={inv.role} prefectureCode={inv.prefectureCode} prefectureName={inv.prefectureName} />
      <td>
        <span class={`fr-badge fr-badge--sm ${statusBadge[status]}`}>{t(`agents.invitations.status.${status}`)}</span>
        {status === 'pending' && (
          <>
            <br />
            <span class="fr-text--sm">{t('agents.invitations.expires', { date: formatDateTime(inv.expiresAt, locale) })}</span>
          </>
        )}
      </td>
      <td>{formatDateTime(inv.lastSentAt, locale)}</td>
      <td>
        {actionable && (
          <ul class="fr-btns-group fr-btns-group--sm">
            <li>
              <PostForm action={`${props.base}/invitations/${inv.id}/renvoyer`}>
                <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
                  {t('agents.invitations.resend')}
                  <span class="fr-sr-only"> {inv.email}</span>
                </button>
              </PostForm>
            </li>
            {status === 'pending' && (
              <li>
                <PostForm action={`${props.base}/invitations/${inv.id}/retirer`}>
                  <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
                    {t('agents.invitations.revoke')}
                    <span class="fr-sr-only"> {inv.email}</span>
                  </button>
                </PostForm>
              </li>
            )}
          </ul>
        )}
      </td>
    </tr>
  );
}

function AgentRowView(props: { base: string; agent: AgentRow; manager: Manager }) {
  const { t } = usePage();
  const { agent } = props;
  const actionable = mayManage(props.manager, agent) && agent.id !== props.manager.id;
  return (
    <tr>
      <td class="sesame-device">{agent.email}</td>
      <RoleCell role={agent.role} prefectureCode={agent.prefectureCode} prefectureName={agent.prefectureName} />
      <td>
        {agent.deactivatedAt ? (
          <span class="fr-badge fr-badge--sm">{t('agents.list.deactivated')}</span>
        ) : (
          <span class="fr-badge fr-badge--sm fr-badge--success">{t('agents.list.active')}</span>
        )}
        {!agent.totpEnabled && !agent.deactivatedAt && (
          <>
            <br />
            <span class="fr-text--sm">{t('agents.list.no_second_factor')}</span>
          </>
        )}
      </td>
      <td>
        {actionable && (
          <PostForm action={`${props.base}/${agent.id}/${agent.deactivatedAt ? 'reactiver' : 'desactiver'}`}>
            <button type="submit" class={`fr-btn fr-btn--sm ${agent.deactivatedAt ? 'fr-btn--secondary' : 'fr-btn--tertiary'}`}>
              {agent.deactivatedAt ? t('agents.list.reactivate') : t('agents.list.deactivate')}
              <span class="fr-sr-only"> {agent.email}</span>
            </button>
          </PostForm>
        )}
      </td>
    </tr>
  );
}
