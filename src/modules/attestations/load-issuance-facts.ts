import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apriBlocks, applications, attestations, profiles, users } from '../../db/schema';
import { parisDate } from '../../platform/legal-dates';
import { findProcedure } from '../procedures/catalogue';
import type { TitleCategory } from '../procedures/types';
import type { ExistingAttestation, RenewalFacts } from './issuance-rules';
import { currentTitleCategory, workRightsOf, type WorkRights } from './work-rights';

type ApplicationRow = typeof applications.$inferSelect;
type ProfileRow = typeof profiles.$inferSelect;
type AttestationRow = typeof attestations.$inferSelect;
type BlockRow = typeof apriBlocks.$inferSelect;

/** Who the attestation names, as the office examined it (answers at filing) completed by the profile. */
export interface HolderIdentity {
  surname: string | null;
  givenNames: string | null;
  sex: 'F' | 'M' | 'X' | null;
  birthDate: string | null;
  nationality: string | null;
}

/** What the title categories of an application mean for the attestations' rights. */
export interface TitleRights {
  /** The title applied for (renewed or first), null for procedures that lead to no title. */
  comingCategory: TitleCategory | null;
  /** The title held now (renewals): its rights go on the APRI. */
  currentCategory: TitleCategory | null;
  current: WorkRights;
  coming: WorkRights;
}

export interface StoredAttestation extends ExistingAttestation {
  id: string;
}

export interface IssuanceContext {
  application: ApplicationRow;
  facts: RenewalFacts;
  rights: TitleRights;
  identity: HolderIdentity;
  /** `email` is null for a person filed for at the counter without an address: their proofs are handed over on paper. */
  holder: { id: string; email: string | null; locale: 'fr' | 'en' };
  existing: StoredAttestation[];
}

export function titleRightsOf(app: Pick<ApplicationRow, 'procedureId'>, profile: Pick<ProfileRow, 'permitCategory'> | null | undefined): TitleRights {
  const procedure = findProcedure(app.procedureId);
  const coming = procedure?.category ?? null;
  const current = procedure?.kind === 'renewal' && coming ? currentTitleCategory(profile?.permitCategory, coming) : null;
  return {
    comingCategory: coming,
    currentCategory: current,
    current: current ? workRightsOf(current) : 'none',
    coming: coming ? workRightsOf(coming) : 'none',
  };
}

/** The planner's facts from the stored rows: instants become calendar days in Paris. */
export function factsOf(app: ApplicationRow, rights: TitleRights, block: Pick<BlockRow, 'ground' | 'explanation'> | null): RenewalFacts {
  const kind = findProcedure(app.procedureId)?.kind;
  const day = (at: Date | null) => (at ? parisDate(at) : null);
  return {
    procedure: kind === 'renewal' ? 'renewal' : kind === 'first_application' ? 'first_application' : 'other',
    filedOn: day(app.filedAt),
    filedOnTime: app.filedOnTime === true,
    completedOn: day(app.completedAt),
    titleExpiresOn: app.currentPermitExpiresOn,
    titleAllowsWork: rights.current !== 'none',
    comingTitleAllowsWork: rights.coming !== 'none',
    decision: app.decidedAt && app.decision ? { on: parisDate(app.decidedAt), favourable: app.decision === 'favourable' } : null,
    cardDeliveredOn: day(app.closedAt),
    withdrawnOn: day(app.withdrawnAt),
    apriBlock: block ? { ground: block.ground, explanation: block.explanation } : null,
  };
}

export function existingOf(rows: readonly Pick<AttestationRow, 'id' | 'kind' | 'validFrom' | 'validTo' | 'supersededAt'>[]): StoredAttestation[] {
  return rows.map((r) => ({ id: r.id, kind: r.kind, validFrom: r.validFrom, validTo: r.validTo, supersededFrom: r.supersededAt ? parisDate(r.supersededAt) : null }));
}

function identityOf(app: ApplicationRow, profile: ProfileRow | undefined): HolderIdentity {
  const a = app.answers;
  return {
    surname: a.surname || profile?.surnameLatin || profile?.surname || null,
    givenNames: a.given_names || profile?.givenNamesLatin || profile?.givenNames || null,
    sex: profile?.sex ?? null,
    birthDate: a.birth_date || profile?.birthDate || null,
    nationality: a.nationality || profile?.nationality || null,
  };
}

/**
 * Everything `issueDueAttestations` decides from, for one application. With `forUpdate` the
 * application row is locked until the transaction ends: concurrent runs for the same
 * application queue behind each other and each sees what the previous one committed.
 */
export async function loadIssuanceContext(tx: Db, applicationId: string, options: { forUpdate?: boolean } = {}): Promise<IssuanceContext | null> {
  const [context] = await loadIssuanceContexts(tx, [applicationId], options);
  return context ?? null;
}

/**
 * The same for several applications, in two queries whatever their number: the applications
 * with their holder, profile and open APRI block (one join), then their attestations. With
 * `forUpdate` the application rows are locked in id order — the same order for every caller,
 * so two batches that share files wait for each other instead of deadlocking. Missing ids are
 * left out; the result is in id order.
 */
export async function loadIssuanceContexts(tx: Db, applicationIds: readonly string[], options: { forUpdate?: boolean } = {}): Promise<IssuanceContext[]> {
  if (applicationIds.length === 0) return [];
  const query = tx
    .select({ application: applications, holder: { id: users.id, email: users.email, locale: users.locale }, profile: profiles, block: apriBlocks })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.applicantId))
    .leftJoin(profiles, eq(profiles.userId, applications.applicantId))
    .leftJoin(apriBlocks, and(eq(apriBlocks.applicationId, applications.id), isNull(apriBlocks.liftedAt)))
    .where(inArray(applications.id, [...applicationIds]))
    .orderBy(asc(applications.id));
  const rows = options.forUpdate ? await query.for('update', { of: applications }) : await query;
  const attestationRows = await tx.select().from(attestations).where(inArray(attestations.applicationId, [...new Set(rows.map((r) => r.application.id))]));
  const contexts: IssuanceContext[] = [];
  for (const { application: app, holder, profile, block } of rows) {
    // Two open blocks on one file would repeat its row: the first one is enough to block.
    if (contexts.at(-1)?.application.id === app.id) continue;
    const rights = titleRightsOf(app, profile);
    contexts.push({
      application: app,
      facts: factsOf(app, rights, block ?? null),
      rights,
      identity: identityOf(app, profile ?? undefined),
      holder: { id: holder.id, email: holder.email, locale: holder.locale === 'en' ? 'en' : 'fr' },
      existing: existingOf(attestationRows.filter((r) => r.applicationId === app.id)),
    });
  }
  return contexts;
}

/**
 * Facts and attestations of many applications in three queries, for the sweep's pre-check
 * (read-only; the issuance itself reloads under lock).
 */
export async function loadFactsForMany(db: Db, apps: readonly ApplicationRow[]): Promise<Map<string, { facts: RenewalFacts; existing: StoredAttestation[] }>> {
  const ids = apps.map((a) => a.id);
  const out = new Map<string, { facts: RenewalFacts; existing: StoredAttestation[] }>();
  if (ids.length === 0) return out;
  const profileRows = await db
    .select({ userId: profiles.userId, permitCategory: profiles.permitCategory })
    .from(profiles)
    .where(inArray(profiles.userId, [...new Set(apps.map((a) => a.applicantId))]));
  const blockRows = await db
    .select()
    .from(apriBlocks)
    .where(and(inArray(apriBlocks.applicationId, ids), isNull(apriBlocks.liftedAt)));
  const attestationRows = await db
    .select({ id: attestations.id, applicationId: attestations.applicationId, kind: attestations.kind, validFrom: attestations.validFrom, validTo: attestations.validTo, supersededAt: attestations.supersededAt })
    .from(attestations)
    .where(inArray(attestations.applicationId, ids));
  const profileOf = new Map(profileRows.map((p) => [p.userId, p]));
  const blockOf = new Map(blockRows.map((b) => [b.applicationId, b]));
  const rowsOf = new Map<string, typeof attestationRows>();
  for (const r of attestationRows) rowsOf.set(r.applicationId, [...(rowsOf.get(r.applicationId) ?? []), r]);
  for (const app of apps) {
    const rights = titleRightsOf(app, profileOf.get(app.applicantId));
    out.set(app.id, { facts: factsOf(app, rights, blockOf.get(app.id) ?? null), existing: existingOf(rowsOf.get(app.id) ?? []) });
  }
  return out;
}
