import { PostForm, RadioGroup, SelectField, TextField } from '../../../web/components/forms';
import { usePage } from '../../../web/page-context';
import { IDENTITY_CHECK_VALID_MS, identityDocumentKinds, identityQuestions, MAX_CHECKS_PER_TICKET } from '../desk/identity-check-rules';
import type { SupportCase } from '../desk/ticket-case';
import { isOpenStatus } from '../ticket-workflow';
import { formState, type DeskProblem } from './desk-ticket-page';
import { formatWhen } from './ticket-parts';

/**
 * The account a request is about, and what support may do to it under audit: check identity,
 * then change the address, resend the confirmation, unlock. Each action says why (reason).
 */
export function DeskAccountPanel(p: { view: SupportCase; base: string; problem: DeskProblem | undefined; now: Date }) {
  const { t, locale } = usePage();
  const { ticket, account, checks } = p.view;
  const open = isOpenStatus(ticket.status);
  const latest = checks[0];
  const validCheck = latest && latest.outcome === 'passed' && latest.createdAt.getTime() > p.now.getTime() - IDENTITY_CHECK_VALID_MS ? latest : null;
  const link = formState(p.problem, 'link');
  return (
    <section aria-labelledby="compte-titre" class="fr-mb-6w">
      <h2 id="compte-titre" class="fr-h4">
        {t('support.desk.account_heading')}
      </h2>
      {account ? (
        <dl class="sesame-facts">
          <dt>{t('support.desk.account_email')}</dt>
          <dd class="sesame-break">{account.email ?? t('support.desk.no_email')}</dd>
          <dt>{t('support.desk.account_confirmed')}</dt>
          <dd>{account.emailConfirmed ? t('support.desk.yes') : t('support.desk.no')}</dd>
          <dt>{t('support.desk.account_lock')}</dt>
          <dd>
            {account.lockedUntil
              ? t('support.desk.locked_until', { when: formatWhen(account.lockedUntil, locale) })
              : t('support.desk.not_locked', { count: account.failedLogins })}
          </dd>
          <dt>{t('support.desk.account_second_factor')}</dt>
          <dd>{account.secondFactor ? t('support.desk.yes') : t('support.desk.no')}</dd>
          <dt>{t('support.desk.account_created')}</dt>
          <dd>{formatWhen(account.createdAt, locale)}</dd>
          {account.pendingAssistedChange && (
            <>
              <dt>{t('support.desk.account_pending_change')}</dt>
              <dd class="sesame-break">{account.pendingAssistedChange}</dd>
            </>
          )}
        </dl>
      ) : (
        <p>{ticket.accountEmail ? t('support.desk.account_typed_unknown', { email: ticket.accountEmail }) : t('support.desk.account_none')}</p>
      )}
      <p class="fr-hint-text">{t('support.desk.account_minimal')}</p>
      {open && !ticket.requesterId && (
        <details class="fr-mb-3w">
          <summary>{t('support.actions.link_heading')}</summary>
          <PostForm action={`${p.base}/compte`}>
            <TextField name="accountEmail" type="email" label={t('support.actions.account_email')} values={link.values} errors={link.errors} maxLength={254} spellcheck={false} />
            <TextField name="linkReason" label={t('support.actions.reason')} hint={t('support.actions.reason_hint')} values={link.values} errors={link.errors} maxLength={1000} />
            <button type="submit" class="fr-btn fr-btn--secondary">
              {t('support.actions.link_submit')}
            </button>
          </PostForm>
        </details>
      )}
      {account && open && (
        <>
          <IdentityCheckSection view={p.view} base={p.base} problem={p.problem} />
          <h3 class="fr-h5">{t('support.actions.heading')}</h3>
          <div class={`fr-alert fr-alert--sm fr-mb-3w ${validCheck ? 'fr-alert--success' : 'fr-alert--warning'}`}>
            <p>
              {validCheck
                ? t('support.actions.check_valid', { until: formatWhen(new Date(validCheck.createdAt.getTime() + IDENTITY_CHECK_VALID_MS), locale) })
                : t('support.actions.check_needed')}
            </p>
          </div>
          <AccountActions base={p.base} problem={p.problem} />
        </>
      )}
    </section>
  );
}

function IdentityCheckSection(p: { view: SupportCase; base: string; problem: DeskProblem | undefined }) {
  const { t, locale } = usePage();
  const form = formState(p.problem, 'identity');
  const { checks, attachments } = p.view;
  return (
    <div class="fr-mb-4w">
      <h3 class="fr-h5">{t('support.identity.heading')}</h3>
      {checks.length > 0 && (
        <ul>
          {checks.map((c) => (
            <li>
              {t(`support.identity.outcome.${c.outcome}`, { when: formatWhen(c.createdAt, locale) })}
              {' — '}
              {c.answers.map((a) => `${t(`support.identity.questions.${a.question}`)} : ${t(`support.identity.results.${a.result}`)}`).join(' ; ')}
              {' — '}
              {c.documentKind ? t(`support.identity.documents.${c.documentKind}`) : t('support.identity.documents.none')}
            </li>
          ))}
        </ul>
      )}
      {checks.length >= MAX_CHECKS_PER_TICKET ? (
        <p>{t('support.errors.too_many_checks')}</p>
      ) : (
        <PostForm action={`${p.base}/identite`}>
          <p class="fr-hint-text">{t('support.identity.lead')}</p>
          {identityQuestions.map((q) => (
            <TextField name={q} label={t(`support.identity.questions.${q}`)} hint={t(`support.identity.hints.${q}`)} values={form.values} errors={form.errors} maxLength={40} required={false} spellcheck={false} />
          ))}
          <RadioGroup
            name="documentKind"
            legend={t('support.identity.document_kind')}
            options={[...identityDocumentKinds, 'none'].map((k) => ({ value: k, label: t(`support.identity.documents.${k}`) }))}
            values={form.values}
            errors={form.errors}
          />
          {attachments.length > 0 && (
            <SelectField
              name="documentAttachmentId"
              label={t('support.identity.document_attachment')}
              options={attachments.map((a) => ({ value: a.id, label: a.originalName }))}
              values={form.values}
              errors={form.errors}
              required={false}
            />
          )}
          <TextField name="identityReason" label={t('support.identity.reason')} hint={t('support.identity.reason_hint')} values={form.values} errors={form.errors} maxLength={1000} />
          <button type="submit" class="fr-btn fr-btn--secondary">
            {t('support.identity.submit')}
          </button>
        </PostForm>
      )}
    </div>
  );
}

function AccountActions(p: { base: string; problem: DeskProblem | undefined }) {
  const { t } = usePage();
  const email = formState(p.problem, 'email');
  const confirmation = formState(p.problem, 'confirmation');
  const unlock = formState(p.problem, 'unlock');
  return (
    <div class="fr-grid-row fr-grid-row--gutters">
      <div class="fr-col-12 fr-col-lg-4">
        <h4 class="fr-h6">{t('support.actions.email_heading')}</h4>
        <p class="fr-text--sm">{t('support.actions.email_lead')}</p>
        <PostForm action={`${p.base}/e-mail`}>
          <TextField name="newEmail" type="email" label={t('support.actions.new_email')} values={email.values} errors={email.errors} maxLength={254} spellcheck={false} />
          <TextField name="emailReason" label={t('support.actions.reason')} hint={t('support.actions.reason_hint')} values={email.values} errors={email.errors} maxLength={1000} />
          <button type="submit" class="fr-btn fr-btn--secondary">
            {t('support.actions.email_submit')}
          </button>
        </PostForm>
      </div>
      <div class="fr-col-12 fr-col-lg-4">
        <h4 class="fr-h6">{t('support.actions.confirmation_heading')}</h4>
        <p class="fr-text--sm">{t('support.actions.confirmation_lead')}</p>
        <PostForm action={`${p.base}/confirmation`}>
          <TextField name="confirmationReason" label={t('support.actions.reason')} hint={t('support.actions.reason_hint')} values={confirmation.values} errors={confirmation.errors} maxLength={1000} />
          <button type="submit" class="fr-btn fr-btn--secondary">
            {t('support.actions.confirmation_submit')}
          </button>
        </PostForm>
      </div>
      <div class="fr-col-12 fr-col-lg-4">
        <h4 class="fr-h6">{t('support.actions.unlock_heading')}</h4>
        <p class="fr-text--sm">{t('support.actions.unlock_lead')}</p>
        <PostForm action={`${p.base}/deverrouiller`}>
          <TextField name="unlockReason" label={t('support.actions.reason')} hint={t('support.actions.reason_hint')} values={unlock.values} errors={unlock.errors} maxLength={1000} />
          <button type="submit" class="fr-btn fr-btn--secondary">
            {t('support.actions.unlock_submit')}
          </button>
        </PostForm>
      </div>
    </div>
  );
}
