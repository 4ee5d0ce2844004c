import type { Translate } from '../../platform/i18n/catalogue';
import { longDate } from './date-text';
import type { ProofForecast } from './forecast';

/**
 * The forecast as sentences for the file page, in the reader's language: where the person
 * stands today, what comes next and when. Returns one paragraph.
 */
export function forecastText(forecast: ProofForecast, t: Translate, locale: 'fr' | 'en'): string {
  const d = (date: string) => longDate(date, locale);
  const cover = (until: string | null, by: string) => (until ? [t('attestations.forecast.covered', { by, until: d(until) })] : []);
  switch (forecast.status) {
    case 'next':
      return [
        // After an outage the current proof may already have ended: then say only what comes.
        ...(forecast.coveredUntil >= forecast.availableOn ? cover(forecast.coveredUntil, forecast.coveredBy) : []),
        t('attestations.forecast.next', {
          kind: forecast.kind,
          dueNow: forecast.dueNow ? 'yes' : 'no',
          availableOn: d(forecast.availableOn),
          validFrom: d(forecast.validFrom),
        }),
        ...(forecast.kind === 'adf' ? [t('attestations.forecast.adf_until_card')] : []),
        t('attestations.forecast.no_gap'),
      ].join(' ');
    case 'apri_blocked':
      return [
        t('attestations.forecast.apri_blocked', { ground: t(`attestations.block_grounds.${forecast.block.ground}`), explanation: forecast.block.explanation }),
        ...cover(forecast.coveredUntil, 'other'),
      ].join(' ');
    case 'not_owed':
      return [t('attestations.forecast.not_owed', { reason: forecast.reason }), ...cover(forecast.coveredUntil, 'other')].join(' ');
    case 'card_delivered':
      return t('attestations.forecast.card_delivered', { on: d(forecast.on) });
    case 'awaiting_decision':
      return t('attestations.forecast.awaiting_decision');
    case 'receipt_only':
      return t('attestations.forecast.receipt_only');
    case 'not_filed':
      return t('attestations.forecast.not_filed');
  }
}
