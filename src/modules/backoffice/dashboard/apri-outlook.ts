import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { attestations, OPEN_IN_OFFICE } from '../../../db/schema';
import { addDays, type CalendarDate } from '../../../platform/legal-dates';
import { defaultIssuanceOptions, type IssuanceOptions } from '../../attestations/issuance-rules';
import { parisInstant } from '../../appointments/paris-time';
import { procedures } from '../../procedures/catalogue';

/** "Issued lately" and "falling due soon", in days. */
export const APRI_ISSUED_DAYS = 30;
export const APRI_DUE_DAYS = 15;
export const APRI_DUE_LIST_LIMIT = 50;

export interface DueApri {
  applicationId: string;
  reference: string | null;
  /** The last day the title and the APRIs issued so far cover. */
  coveredUntil: CalendarDate;
  /** The day the next APRI is issued (`renewalMarginDays` before; today when it is already due). */
  availableOn: CalendarDate;
}

export interface ApriOutlook {
  issued: number;
  due: { count: number; rows: DueApri[] };
}

const renewalIds = procedures.filter((p) => p.kind === 'renewal').map((p) => p.id);

/**
 * The APRIs of a prefecture: how many it issued in the last 30 days (index
 * `attestations_prefecture_issued_idx`), and the files whose next APRI falls due within 15 days.
 *
 * "Falls due" is the rule of `issuance-rules.ts` (`apriOwed`, `coveredUntil`, `nextApri`) written
 * as one statement over the prefecture's open files: a complete renewal filed on time, not
 * blocked, undecided, whose next APRI is available on `max(coveredUntil − margin, today)` —
 * where `coveredUntil` is the later of the title's expiry and the last day an APRI covers (its
 * end, or the day before it was superseded). The test `dashboard-apri.test.ts` holds this
 * statement to `nextProofForecast` on the same files. Since the cover never ends before the title
 * does, only titles expiring within `15 + margin` days can qualify: a bound the planner can use.
 */
export async function loadApriOutlook(db: Db, prefectureCode: string, now: Date, today: CalendarDate, options: IssuanceOptions = defaultIssuanceOptions): Promise<ApriOutlook> {
  const since = new Date(now.getTime() - APRI_ISSUED_DAYS * 86_400_000);
  const horizon = addDays(today, APRI_DUE_DAYS);
  const margin = options.renewalMarginDays;
  const [[issued], due] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(attestations)
      .where(and(eq(attestations.prefectureCode, prefectureCode), eq(attestations.kind, 'apri'), gt(attestations.issuedAt, since), isNull(attestations.revokedAt))),
    db.execute<{ application_id: string; reference: string | null; covered_until: string; available_on: string; n: number }>(sql`
      with cover as (
        select a.id, a.reference, greatest(a.current_permit_expires_on, apri.last_day) as covered_until
          from applications a
          -- Once per file (the unique index on application, kind, first day): the last day its APRIs cover.
          left join lateral (select max(case when t.superseded_at is null then t.valid_to
                                             else least(t.valid_to, (t.superseded_at at time zone 'Europe/Paris')::date - 1) end) as last_day
                               from attestations t where t.application_id = a.id and t.kind = 'apri') apri on true
         where a.prefecture_code = ${prefectureCode} and a.${sql.raw(OPEN_IN_OFFICE)}
           and a.procedure_id in (${sql.join(renewalIds.map((id) => sql`${id}`), sql`, `)})
           and a.filed_on_time and a.current_permit_expires_on is not null
           and a.current_permit_expires_on <= ${addDays(horizon, margin)}::date
           and a.completed_at < ${parisInstant(addDays(today, 1), 0)}
           and a.decided_at is null and a.withdrawn_at is null
           and not exists (select 1 from apri_blocks b where b.application_id = a.id and b.lifted_at is null)
      )
      select id as application_id, reference, covered_until::text, greatest(covered_until - ${margin}::int, ${today}::date)::text as available_on, (count(*) over ())::int as n
        from cover
       where covered_until - ${margin}::int <= ${horizon}::date
       order by available_on, id
       limit ${APRI_DUE_LIST_LIMIT}`),
  ]);
  const rows = (due as unknown as { rows: { application_id: string; reference: string | null; covered_until: string; available_on: string; n: number }[] }).rows;
  return {
    issued: Number(issued?.n ?? 0),
    due: { count: Number(rows[0]?.n ?? 0), rows: rows.map((r) => ({ applicationId: r.application_id, reference: r.reference, coveredUntil: r.covered_until, availableOn: r.available_on })) },
  };
}
