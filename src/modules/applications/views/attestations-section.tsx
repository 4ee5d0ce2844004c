import type { attestations } from '../../../db/schema';
import { usePage } from '../../../web/page-context';

type AttestationRow = typeof attestations.$inferSelect;

/**
 * The proofs issued for this file, newest first, each downloadable, and in plain words what
 * happens next ("your APRI will be available on …; you will not be without proof").
 */
export function AttestationsSection(props: { rows: AttestationRow[]; forecast: string | null; today: string }) {
  const { t, locale } = usePage();
  const date = (d: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  if (props.rows.length === 0 && !props.forecast) return null;
  return (
    <section class="fr-mb-5w" aria-labelledby="attestations-heading">
      <h2 id="attestations-heading" class="fr-h4">
        {t('applications.file.attestations_heading')}
      </h2>
      {props.forecast && (
        <div class="fr-callout fr-mb-3w">
          <p class="fr-callout__text">{props.forecast}</p>
        </div>
      )}
      <ul class="fr-raw-list">
        {props.rows.map((a) => {
          const state = a.revokedAt ? 'revoked' : a.supersededAt ? 'superseded' : a.validTo && a.validTo < props.today ? 'expired' : 'current';
          return (
            <li class="fr-mb-2w">
              {/* Saved as a file, like the documents' links: a proof is kept and shown, not read once in a viewer. */}
              <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`/attestations/${a.publicId}.pdf`} download>
                {t(`applications.file.attestation_kind.${a.kind}`)}
              </a>
              <span>
                {' — '}
                {a.validTo
                  ? t('applications.file.attestation_validity', { from: date(a.validFrom), to: date(a.validTo) })
                  : t('applications.file.attestation_issued_on', { on: date(a.validFrom) })}
                {' — '}
                {t(`applications.file.attestation_state.${state}`)}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
