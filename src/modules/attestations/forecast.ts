import { addDays, type CalendarDate } from '../../platform/legal-dates';
import {
  adfOwed,
  apriOwed,
  coveredUntil,
  defaultIssuanceOptions,
  effectiveEnd,
  type ApriBlockFact,
  type ExistingAttestation,
  type IssuanceOptions,
  type RenewalFacts,
} from './issuance-rules';

/**
 * "What will happen": the next proof a person will get and when, from the same rules that
 * issue it — so the file page can promise only what the system will do.
 */
export type ProofForecast =
  /** The next APRI or ADF: available on `availableOn` (today when `dueNow`), valid from `validFrom`. */
  | { status: 'next'; kind: 'apri' | 'adf'; coveredBy: 'title' | 'apri' | 'adf'; coveredUntil: CalendarDate; availableOn: CalendarDate; validFrom: CalendarDate; dueNow: boolean }
  /** A first application under examination: the receipt only, an ADF when it is granted. */
  | { status: 'awaiting_decision' }
  /** A procedure that leads to no title (duplicate, change of situation): the receipt only. */
  | { status: 'receipt_only' }
  /** The card was handed over: it is the proof now. */
  | { status: 'card_delivered'; on: CalendarDate }
  /** An agent withholds the APRI: the ground and explanation are shown to the person. */
  | { status: 'apri_blocked'; block: ApriBlockFact; coveredUntil: CalendarDate | null }
  /** No APRI is owed: filed after day −60, not complete yet, refused, or withdrawn. */
  | { status: 'not_owed'; reason: 'filed_late' | 'incomplete' | 'refused' | 'withdrawn'; coveredUntil: CalendarDate | null }
  | { status: 'not_filed' };

const laterOf = (a: CalendarDate, b: CalendarDate) => (a > b ? a : b);

/**
 * How far the proofs in hand cover without a break from today: the title, then the APRIs and
 * ADFs (each up to the day before it was superseded), chained day after day. Null when today
 * itself is not covered.
 */
export function continuousCover(facts: RenewalFacts, existing: readonly ExistingAttestation[], today: CalendarDate): { until: CalendarDate; by: 'title' | 'apri' | 'adf' } | null {
  const intervals: { from: CalendarDate; to: CalendarDate; by: 'title' | 'apri' | 'adf' }[] = [];
  if (facts.titleExpiresOn) intervals.push({ from: '0000-01-01', to: facts.titleExpiresOn, by: 'title' });
  for (const a of existing) {
    const to = a.kind === 'receipt' ? null : effectiveEnd(a);
    if (to && a.kind !== 'receipt' && a.validFrom <= to) intervals.push({ from: a.validFrom, to, by: a.kind });
  }
  let cover: { until: CalendarDate; by: 'title' | 'apri' | 'adf' } | null = null;
  for (;;) {
    const need: CalendarDate = cover ? addDays(cover.until, 1) : today;
    const next = intervals.filter((i) => i.from <= need && i.to >= need).sort((x, y) => (x.to < y.to ? 1 : -1))[0];
    if (!next) return cover;
    cover = { until: next.to, by: next.by };
  }
}

export function nextProofForecast(facts: RenewalFacts, existing: readonly ExistingAttestation[], today: CalendarDate, options: IssuanceOptions = defaultIssuanceOptions): ProofForecast {
  const margin = options.renewalMarginDays;
  if (!facts.filedOn) return { status: 'not_filed' };
  if (facts.cardDeliveredOn) return { status: 'card_delivered', on: facts.cardDeliveredOn };
  if (facts.withdrawnOn) return { status: 'not_owed', reason: 'withdrawn', coveredUntil: continuousCover(facts, existing, today)?.until ?? null };

  if (adfOwed(facts)) {
    const adfs = existing.filter((a) => a.kind === 'adf' && a.validTo);
    if (adfs.length === 0) {
      // Owed since the decision: the job issues it within minutes of it.
      const cover = continuousCover(facts, existing, today);
      return { status: 'next', kind: 'adf', coveredBy: cover?.by ?? 'title', coveredUntil: cover?.until ?? addDays(today, -1), availableOn: today, validFrom: laterOf(facts.decision!.on, today), dueNow: true };
    }
    const lastEnd = adfs.reduce((m, a) => (a.validTo! > m ? a.validTo! : m), adfs[0]!.validTo!);
    const availableOn = laterOf(addDays(lastEnd, -margin), today);
    return { status: 'next', kind: 'adf', coveredBy: 'adf', coveredUntil: lastEnd, availableOn, validFrom: laterOf(addDays(lastEnd, 1), availableOn), dueNow: availableOn === today };
  }
  if (facts.decision) {
    return facts.decision.favourable || facts.procedure === 'other'
      ? { status: 'receipt_only' }
      : { status: 'not_owed', reason: 'refused', coveredUntil: continuousCover(facts, existing, today)?.until ?? null };
  }
  if (facts.procedure === 'first_application') return { status: 'awaiting_decision' };
  if (facts.procedure !== 'renewal' || !facts.titleExpiresOn) return { status: 'receipt_only' };

  if (apriOwed(facts, today)) {
    const end = coveredUntil(facts, existing)!;
    const availableOn = laterOf(addDays(end, -margin), today);
    return { status: 'next', kind: 'apri', coveredBy: end > facts.titleExpiresOn ? 'apri' : 'title', coveredUntil: end, availableOn, validFrom: laterOf(addDays(end, 1), availableOn), dueNow: availableOn === today };
  }
  const cover = continuousCover(facts, existing, today)?.until ?? null;
  if (facts.apriBlock) return { status: 'apri_blocked', block: facts.apriBlock, coveredUntil: cover };
  return { status: 'not_owed', reason: facts.filedOnTime ? 'incomplete' : 'filed_late', coveredUntil: cover };
}
