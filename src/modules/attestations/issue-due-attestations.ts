import { randomInt } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { attestations } from '../../db/schema';
import { appendAudits, systemActor, type AuditInput } from '../../platform/audit';
import { parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import { signAttestationBarcode } from './attestation-barcode';
import { longDate } from './date-text';
import { defaultIssuanceOptions, planAttestations, supersededBy, type IssuanceOptions, type PlannedAttestation } from './issuance-rules';
import { loadIssuanceContexts, type IssuanceContext } from './load-issuance-facts';
import { notifyMany, type NotifyInput } from '../notifications/notify';

// Printed on the document and typed by verifiers: no 0/O, 1/I/L. 16 characters ≈ 79 bits.
const PUBLIC_ID_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const newPublicId = () => Array.from({ length: 16 }, () => PUBLIC_ID_ALPHABET[randomInt(PUBLIC_ID_ALPHABET.length)]).join('');

export interface IssuedAttestation {
  id: string;
  kind: PlannedAttestation['kind'];
  validFrom: string;
  validTo: string | null;
}

/**
 * Issues whatever the rules say an application is owed today (receipt, APRI, ADF), in one
 * transaction with the application row locked: each attestation signed (2D-Doc), the ones it
 * replaces marked superseded, one audit event each, and an e-mail to the holder for each APRI
 * and ADF.
 *
 * Idempotent and safe to run at any time, from any number of workers: a concurrent run waits
 * for the lock and then plans nothing; were two runs ever to get past it, the unique index
 * (application, kind, validFrom) lets only one row in — the other insert does nothing, and the
 * row that won is read back instead. A run that dies before commit leaves nothing behind.
 */
export async function issueDueAttestations(services: Services, applicationId: string, options: IssuanceOptions = defaultIssuanceOptions): Promise<IssuedAttestation[]> {
  return (await issueDueAttestationsFor(services, [applicationId], options)).get(applicationId) ?? [];
}

/**
 * The same for several applications in one transaction (the daily sweep hands them over by the
 * dozen): the same rules and guarantees file by file, with the statements shared — the files
 * are loaded and locked together and their attestations inserted together, so a day on which
 * hundreds of APRIs fall due costs a few statements per batch rather than per file. If one file
 * makes the batch fail, nothing of the batch is kept: the caller retries the files one by one
 * (`issueDueAttestationsJob`).
 */
export async function issueDueAttestationsFor(services: Services, applicationIds: readonly string[], options: IssuanceOptions = defaultIssuanceOptions): Promise<Map<string, IssuedAttestation[]>> {
  return services.transact(async (tx) => {
    const contexts = (await loadIssuanceContexts(tx, applicationIds, { forUpdate: true })).filter((c) => c.application.reference);
    const now = services.clock.now();
    const today = parisDate(now);
    const plans = contexts.flatMap((ctx) => planAttestations(ctx.facts, ctx.existing, today, options).map((planned) => ({ ctx, planned })));
    const issued = new Map<string, IssuedAttestation[]>(contexts.map((c) => [c.application.id, []]));
    if (plans.length === 0) return issued;
    const inserted = await insertAttestations(services, tx, plans, now);
    const key = (applicationId: string, kind: string, validFrom: string) => `${applicationId}|${kind}|${validFrom}`;
    const insertedByKey = new Map(inserted.map((r) => [key(r.applicationId, r.kind, r.validFrom), r]));
    // Already there (another run got past the lock — cannot happen while it holds, but the index
    // is the guarantee): read back so that what follows sees them, and issue nothing for them.
    const missing = plans.filter((p) => !insertedByKey.has(key(p.ctx.application.id, p.planned.kind, p.planned.validFrom)));
    const readBack = missing.length === 0 ? [] : await readBackAttestations(tx, missing.map((p) => p.ctx.application.id));
    const readBackByKey = new Map(readBack.map((r) => [key(r.applicationId, r.kind, r.validFrom), r]));

    const superseding: { ids: string[]; byId: string }[] = [];
    const audits: AuditInput[] = [];
    const notices: NotifyInput[] = [];
    for (const { ctx, planned } of plans) {
      const row = insertedByKey.get(key(ctx.application.id, planned.kind, planned.validFrom));
      if (!row) {
        const existing = readBackByKey.get(key(ctx.application.id, planned.kind, planned.validFrom));
        if (existing) ctx.existing.push({ id: existing.id, kind: existing.kind, validFrom: existing.validFrom, validTo: existing.validTo });
        continue;
      }
      const attestation: IssuedAttestation = { id: row.id, kind: row.kind, validFrom: row.validFrom, validTo: row.validTo };
      issued.get(ctx.application.id)!.push(attestation);
      const replaced = supersededBy(planned, ctx.existing).map((a) => a.id!);
      if (replaced.length > 0) {
        superseding.push({ ids: replaced, byId: row.id });
        for (const a of ctx.existing) if (replaced.includes(a.id!)) a.supersededFrom = today;
      }
      audits.push({
        action: 'attestation.issued',
        subjectType: 'application',
        subjectId: ctx.application.id,
        data: { attestationId: row.id, kind: row.kind, validFrom: row.validFrom, validTo: row.validTo, allowsWork: planned.allowsWork },
      });
      // The receipt has no e-mail of its own: the filing confirmation (`applications.mail_filed`),
      // sent by the filing itself, is that message; the receipt waits on the file page.
      if (row.kind !== 'receipt') notices.push(holderNotice(ctx, attestation));
      ctx.existing.push(attestation);
    }
    await supersede(tx, superseding, now);
    await appendAudits(tx, systemActor, now, audits);
    await notifyMany(tx, services, notices);
    return issued;
  });
}

type Plan = { ctx: IssuanceContext; planned: PlannedAttestation };

/** One signed row per plan, in one statement; a row the unique index already holds is skipped. */
async function insertAttestations(services: Services, tx: Db, plans: Plan[], now: Date) {
  return tx
    .insert(attestations)
    .values(
      plans.map(({ ctx, planned }) => {
        const app = ctx.application;
        return {
          publicId: newPublicId(),
          applicationId: app.id,
          holderId: app.applicantId,
          kind: planned.kind,
          prefectureCode: app.prefectureCode!,
          validFrom: planned.validFrom,
          validTo: planned.validTo,
          allowsWork: planned.allowsWork,
          twoDDoc: signAttestationBarcode(services.signer, {
            kind: planned.kind,
            reference: app.reference!,
            filedOn: ctx.facts.filedOn!,
            validFrom: planned.validFrom,
            validTo: planned.validTo,
            rights: planned.kind === 'apri' ? ctx.rights.current : ctx.rights.coming,
            category: planned.kind === 'apri' ? ctx.rights.currentCategory : ctx.rights.comingCategory,
            identity: ctx.identity,
            issuedOn: parisDate(now),
          }),
          certId: services.signer.certId,
          issuedAt: now,
        };
      }),
    )
    .onConflictDoNothing({ target: [attestations.applicationId, attestations.kind, attestations.validFrom] })
    .returning({ id: attestations.id, applicationId: attestations.applicationId, kind: attestations.kind, validFrom: attestations.validFrom, validTo: attestations.validTo });
}

function readBackAttestations(tx: Db, applicationIds: string[]) {
  return tx
    .select({ id: attestations.id, applicationId: attestations.applicationId, kind: attestations.kind, validFrom: attestations.validFrom, validTo: attestations.validTo })
    .from(attestations)
    .where(inArray(attestations.applicationId, [...new Set(applicationIds)]));
}

/** Marks what the new attestations replace, in one statement (pairs of replaced id → new id). */
async function supersede(tx: Db, superseding: { ids: string[]; byId: string }[], now: Date): Promise<void> {
  const pairs = superseding.flatMap(({ ids, byId }) => ids.map((id) => sql`(${id}::uuid, ${byId}::uuid)`));
  if (pairs.length === 0) return;
  await tx.execute(sql`
    update attestations a set superseded_at = ${now.toISOString()}::timestamptz, superseded_by = v.by_id
    from (values ${sql.join(pairs, sql`, `)}) as v(id, by_id)
    where a.id = v.id and a.superseded_at is null`);
}

function holderNotice(ctx: IssuanceContext, row: IssuedAttestation): NotifyInput {
  const { locale } = ctx.holder;
  return {
    userId: ctx.application.applicantId,
    event: 'attestation_issued',
    params: {
      kind: row.kind,
      reference: ctx.application.reference!,
      validFrom: longDate(row.validFrom, locale),
      validTo: row.validTo ? longDate(row.validTo, locale) : '',
    },
    link: `/demarches/${ctx.application.id}`,
    applicationId: ctx.application.id,
    prefectureCode: ctx.application.prefectureCode,
    dedupeKey: `attestation_issued:${row.id}`,
  };
}
