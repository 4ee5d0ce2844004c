import { randomInt } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applicationDocuments, applications } from '../../db/schema';
import { auditInsert } from '../../platform/audit';
import { builtOnce } from '../../db/named-statement';
import { updateWhere } from '../../db/table-write';
import { writeTogether } from '../../db/write-together';
import { AppError } from '../../platform/errors';
import { parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { findProcedure, requiredDocuments } from '../procedures/catalogue';
import type { Procedure } from '../procedures/types';
import { applyDeclaredAddress, declaresMove } from './apply-declared-address';
import { answersSchema, ephotoCode, timbreReference } from './fields';
import { ownApplication, type Application } from './policy';
import { isOnTime } from './renewal-window';
import { nextStatus } from './workflow';
import { issueDueJob } from '../attestations/jobs';
import { notify, notifyPersonFromJson, notifyPersonSql, type NotifyPerson } from '../notifications/notify';
import { queueDatesOf, queueFactsSql, type QueueFacts } from '../backoffice/refresh-queue-priority';

// No 0/O, 1/I/L: a file number is read aloud on the phone and copied by hand.
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function newReference(prefectureCode: string, now: Date): string {
  const body = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
  return `${prefectureCode}-${parisDate(now).slice(2, 4)}-${body}`;
}

/** The document kinds of an application still missing for its current answers. */
export async function missingDocuments(db: Db, app: Application, procedure: Procedure): Promise<string[]> {
  const present = await db
    .select({ kind: applicationDocuments.kind })
    .from(applicationDocuments)
    .where(and(eq(applicationDocuments.applicationId, app.id), isNull(applicationDocuments.replacedAt)));
  return missingAmong(procedure, app, present.map((p) => p.kind));
}

/** The same from the kinds attached now, read by the caller with something else. */
export function missingAmong(procedure: Procedure, app: Pick<Application, 'answers'>, presentKinds: readonly string[]): string[] {
  const have = new Set(presentKinds);
  return requiredDocuments(procedure, app.answers).filter((k) => !have.has(k));
}

/** What the filing reads once its row is locked, in one round trip (built once, named). */
const readFilingFacts = builtOnce<{ kinds: string[]; queue_facts: QueueFacts; applicant: Record<string, unknown> | null }>('filing_facts', () => {
  const applicationId = sql.placeholder('applicationId');
  return sql`select
      coalesce((select jsonb_agg(d.kind) from application_documents d where d.application_id = ${applicationId} and d.replaced_at is null), '[]'::jsonb) as kinds,
      ${queueFactsSql(applicationId)} as queue_facts,
      ${notifyPersonSql(sql.placeholder('applicantId'))} as applicant`;
});

async function filingFacts(tx: Db, applicationId: string, applicantId: string): Promise<{ presentKinds: string[]; queueFacts: QueueFacts; applicant: NotifyPerson }> {
  const row = (await readFilingFacts(tx, { applicationId, applicantId }))[0]!;
  if (!row.applicant) throw new Error(`fileApplication: no user ${applicantId}`);
  return { presentKinds: row.kinds, queueFacts: row.queue_facts, applicant: notifyPersonFromJson(row.applicant) };
}

export interface FilingResult {
  reference: string;
  filedAt: Date;
  /** False when this call found the application already filed (a double click, a retry). */
  firstFiling: boolean;
}

/**
 * Files a draft: atomic and idempotent. The row is locked for the transaction, so two requests
 * at once (double click, retry after a timeout, two tabs) give one filing: the second finds it
 * filed and returns the same reference. Every answer is checked; what is wrong comes back as
 * field errors and the draft stays as it was.
 */
export async function fileApplication(services: Services, applicantId: string, applicationId: string, meta: RequestMeta): Promise<FilingResult> {
  return services.transact(async (tx) => {
    const app = await ownApplication(tx, applicantId, applicationId, { forUpdate: true });
    if (app.status !== 'draft') {
      if (app.reference && app.filedAt) return { reference: app.reference, filedAt: app.filedAt, firstFiling: false };
      throw new AppError('conflict');
    }
    const procedure = findProcedure(app.procedureId)!;
    const now = services.clock.now();
    const parsed = answersSchema(procedure, parisDate(now)).safeParse(app.answers);
    const fields: Record<string, string> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        fields[key] ??= issue.code === 'custom' ? issue.message : app.answers[key] ? 'validation.format' : 'validation.required';
      }
    }
    const timbre = timbreReference.safeParse(app.timbreReference ?? '');
    const ephoto = ephotoCode.safeParse(app.ephotoCode ?? '');
    // The fee is paid with a *timbre fiscal*; an *e-photo* is needed when a card will be made.
    if (procedure.fee && !timbre.success) fields.timbre = 'validation.timbre_format';
    if (procedure.needsPhoto && !ephoto.success) fields.ephoto = 'validation.ephoto_format';
    if (!app.prefectureCode) fields.postcode ??= 'validation.postcode';
    if (Object.keys(fields).length > 0) throw new AppError('validation_failed', { fields });

    // After the lock, in one statement: the documents attached now, what the queue's dates depend
    // on, and the applicant as the confirmation needs them. Not with the lock's statement: a
    // statement that waited for the lock reads the other tables on the snapshot it began with.
    const facts = await filingFacts(tx, app.id, applicantId);
    const missing = missingAmong(procedure, app, facts.presentKinds);
    const transition = nextStatus('draft', 'file', { missingDocuments: missing.length, hasFeeAndPhoto: true });
    if (!transition.ok) throw new AppError('validation_failed', { fields: { documents: 'applications.missing_documents' }, logMessage: `missing ${missing.join(',')}` });

    const answers = parsed.data as Record<string, string>;
    const permitExpiresOn = answers.permit_expires_on ?? null;
    const onTime = procedure.kind === 'renewal' && permitExpiresOn ? isOnTime(permitExpiresOn, parisDate(now)) : null;
    const reference = newReference(app.prefectureCode!, now);
    const filed = {
      status: transition.to,
      reference,
      answers,
      ephotoCode: ephoto.success ? ephoto.data : null,
      timbreReference: timbre.success ? timbre.data : null,
      currentPermitExpiresOn: permitExpiresOn,
      filedOnTime: onTime,
      filedAt: now,
      // Filing needs every required document (the `file` guard): the file is complete now,
      // which starts the decision clock and, for an on-time renewal, the APRI duty.
      completedAt: now,
      version: app.version + 1,
      updatedAt: now,
    };
    // The office queue's order, from the clocks this filing starts: computed from the row as it
    // will be, and written by the same statement (what `refreshQueuePriority` does after a change).
    const queueDates = queueDatesOf({ ...app, ...filed }, facts.queueFacts);
    const filing = [
      updateWhere(tx, applications, { ...filed, ...queueDates }, applications.id, app.id),
      auditInsert(tx, meta.actor, now, [
        {
          action: 'application.filed',
          subjectType: 'application',
          subjectId: app.id,
          data: { reference, procedureId: procedure.id, prefectureCode: app.prefectureCode, onTime },
        },
      ]),
    ];
    // A declared move changes the profile (with its own audit event, after the filing's): the
    // filing is written first. Otherwise it goes with the confirmation's writes, in one statement.
    const moves = declaresMove(procedure, answers);
    if (moves) {
      await writeTogether(tx, filing);
      await applyDeclaredAddress(tx, { applicantId, applicationId: app.id, answers, at: now }, meta);
    }
    // The confirmation goes to the applicant in their language, whoever filed (they or a desk agent).
    // With it, the job that issues the filing receipt (*attestation de dépôt*) right after commit:
    // one insert into the outbox for both.
    await notify(
      tx,
      services,
      {
        userId: applicantId,
        event: 'application_filed',
        params: { reference },
        link: `/demarches/${app.id}`,
        applicationId: app.id,
        prefectureCode: app.prefectureCode,
        alsoEnqueue: [issueDueJob(app.id)],
        person: facts.applicant,
      },
      moves ? [] : filing,
    );
    return { reference, filedAt: now, firstFiling: true };
  });
}
