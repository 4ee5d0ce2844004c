import { randomInt } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { attestations } from '../../db/schema';
import { appendAudit, systemActor } from '../../platform/audit';
import { parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import { signAttestationBarcode } from './attestation-barcode';
import { longDate } from './date-text';
import { defaultIssuanceOptions, planAttestations, supersededBy, type IssuanceOptions, type PlannedAttestation } from './issuance-rules';
import { loadIssuanceContext, type IssuanceContext } from './load-issuance-facts';
import { notify } from '../notifications/notify';

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
  return services.transact(async (tx) => {
    const ctx = await loadIssuanceContext(tx, applicationId, { forUpdate: true });
    if (!ctx || !ctx.application.reference) return [];
    const now = services.clock.now();
    const today = parisDate(now);
    const issued: IssuedAttestation[] = [];
    for (const planned of planAttestations(ctx.facts, ctx.existing, today, options)) {
      const row = await insertAttestation(services, tx, ctx, planned, now);
      if (!row) continue;
      issued.push(row);
      await supersede(tx, ctx, planned, row.id, now);
      await appendAudit(tx, systemActor, now, {
        action: 'attestation.issued',
        subjectType: 'application',
        subjectId: ctx.application.id,
        data: { attestationId: row.id, kind: row.kind, validFrom: row.validFrom, validTo: row.validTo, allowsWork: planned.allowsWork },
      });
      // The receipt has no e-mail of its own: the filing confirmation (`applications.mail_filed`),
      // sent by the filing itself, is that message; the receipt waits on the file page.
      if (row.kind !== 'receipt') await notifyHolder(services, tx, ctx, row);
      ctx.existing.push({ id: row.id, kind: row.kind, validFrom: row.validFrom, validTo: row.validTo });
    }
    return issued;
  });
}

async function insertAttestation(services: Services, tx: Db, ctx: IssuanceContext, planned: PlannedAttestation, now: Date): Promise<IssuedAttestation | null> {
  const app = ctx.application;
  const twoDDoc = signAttestationBarcode(services.signer, {
    kind: planned.kind,
    reference: app.reference!,
    filedOn: ctx.facts.filedOn!,
    validFrom: planned.validFrom,
    validTo: planned.validTo,
    rights: planned.kind === 'apri' ? ctx.rights.current : ctx.rights.coming,
    category: planned.kind === 'apri' ? ctx.rights.currentCategory : ctx.rights.comingCategory,
    identity: ctx.identity,
    issuedOn: parisDate(now),
  });
  const [row] = await tx
    .insert(attestations)
    .values({
      publicId: newPublicId(),
      applicationId: app.id,
      holderId: app.applicantId,
      kind: planned.kind,
      prefectureCode: app.prefectureCode!,
      validFrom: planned.validFrom,
      validTo: planned.validTo,
      allowsWork: planned.allowsWork,
      twoDDoc,
      certId: services.signer.certId,
      issuedAt: now,
    })
    .onConflictDoNothing({ target: [attestations.applicationId, attestations.kind, attestations.validFrom] })
    .returning({ id: attestations.id, kind: attestations.kind, validFrom: attestations.validFrom, validTo: attestations.validTo });
  if (row) return row;
  // Already there (another run got past the lock — cannot happen while it holds, but the index
  // is the guarantee): read it back so that what follows sees it, and issue nothing.
  const [existing] = await tx
    .select({ id: attestations.id, kind: attestations.kind, validFrom: attestations.validFrom, validTo: attestations.validTo })
    .from(attestations)
    .where(and(eq(attestations.applicationId, app.id), eq(attestations.kind, planned.kind), eq(attestations.validFrom, planned.validFrom)));
  if (existing) ctx.existing.push(existing);
  return null;
}

async function supersede(tx: Db, ctx: IssuanceContext, planned: PlannedAttestation, byId: string, now: Date): Promise<void> {
  const replaced = supersededBy(planned, ctx.existing).map((a) => a.id!);
  if (replaced.length === 0) return;
  await tx
    .update(attestations)
    .set({ supersededAt: now, supersededBy: byId })
    .where(and(inArray(attestations.id, replaced), isNull(attestations.supersededAt)));
  for (const a of ctx.existing) if (replaced.includes(a.id!)) a.supersededFrom = parisDate(now);
}

async function notifyHolder(services: Services, tx: Db, ctx: IssuanceContext, row: IssuedAttestation): Promise<void> {
  const { locale } = ctx.holder;
  await notify(tx, services, {
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
    dedupeKey: `attestation_issued:${row.id}`,
  });
}
