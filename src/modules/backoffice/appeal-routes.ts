/**
 * The appeal routes (*voies et délais de recours*) a decision letter must state — without
 * them, the deadlines do not run against the person (CJA R.421-5).
 *
 * Certain (refusal of a residence permit *without* an obligation to leave):
 * - *recours gracieux* to the prefect and *recours hiérarchique* to the Minister of the
 *   Interior, within two months of notification; made within the contentious deadline, they
 *   keep it (CRPA L.411-2); two months of silence on them are a rejection (CRPA L.231-4);
 * - *recours contentieux* before the administrative court of the prefecture's area, within two
 *   months of notification (CJA R.421-1), also online through Télérecours citoyens.
 *
 * With an *OQTF* (obligation de quitter le territoire français) the refusal comes with a
 * separate decision whose deadlines are much shorter and depend on the case (CESEDA L.614-1
 * and following, recast by the law of 26 January 2024: roughly one month, down to days or
 * 48 hours — **numbers to be confirmed by a legal expert; not encoded**). Sésame does not issue
 * the OQTF: the letter then says that the OQTF, notified separately, states its own — shorter
 * — deadlines, and that they apply to the whole case. No figure it is unsure of is printed.
 */
export type AppealRouteId = 'gracieux' | 'hierarchique' | 'contentieux';

export interface AppealRoute {
  id: AppealRouteId;
  /** Months from notification; null when the letter cannot state it (see the OQTF note). */
  months: number | null;
  basis: string;
}

export function appealRoutes(decision: { outcome: 'favourable' | 'unfavourable'; withOqtf: boolean }): AppealRoute[] {
  if (decision.outcome === 'favourable') return [];
  if (decision.withOqtf) {
    return [
      { id: 'gracieux', months: null, basis: 'CRPA, art. L. 411-2' },
      { id: 'hierarchique', months: null, basis: 'CRPA, art. L. 411-2' },
      { id: 'contentieux', months: null, basis: 'CESEDA, art. L. 614-1 et suivants' },
    ];
  }
  return [
    { id: 'gracieux', months: 2, basis: 'CRPA, art. L. 411-2' },
    { id: 'hierarchique', months: 2, basis: 'CRPA, art. L. 411-2' },
    { id: 'contentieux', months: 2, basis: "code de justice administrative, art. R. 421-1" },
  ];
}
