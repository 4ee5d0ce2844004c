import { eq } from 'drizzle-orm';
import { amendments, applications } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { findProcedure } from '../procedures/catalogue';
import { applyDeclaredAddress, declaresMove } from './apply-declared-address';
import { fieldSchemas } from './fields';
import { ownApplication } from './policy';
import { isOnTime } from './renewal-window';
import { isSealed } from './workflow';

export interface AnswerChange {
  field: string;
  old: string | null;
  new: string;
}

/**
 * Corrects answers of a filed application, while it is not sealed (before the decision). Unlike
 * a draft, a filed application only ever holds valid answers: every corrected value is checked,
 * and a refusal names the fields. Each correction is an `answers_corrected` amendment with the
 * old and new values (the office sees what changed and when) and an audit event.
 *
 * A renewal whose expiry date is corrected is re-judged on time or late against its filing day.
 * A declared move whose address is corrected moves the profile's address with it. The
 * prefecture of a filed application stays as it is: handing a file over to another office is
 * the offices' decision, not a side effect of a corrected postcode.
 */
export async function correctAnswers(services: Services, applicantId: string, applicationId: string, input: Record<string, string>, meta: RequestMeta): Promise<AnswerChange[]> {
  return services.transact(async (tx) => {
    const app = await ownApplication(tx, applicantId, applicationId, { forUpdate: true });
    if (app.status === 'draft' || isSealed(app.status)) throw new AppError('conflict', { logMessage: `cannot correct answers in ${app.status}` });
    const procedure = findProcedure(app.procedureId)!;
    const now = services.clock.now();
    const schemas = fieldSchemas(procedure, parisDate(now));

    const fields: Record<string, string> = {};
    const corrected: Record<string, string> = {};
    for (const [field, raw] of Object.entries(input)) {
      const schema = schemas[field];
      if (!schema) continue;
      const parsed = schema.safeParse(raw);
      if (parsed.success) corrected[field] = parsed.data;
      else fields[field] = parsed.error.issues[0]?.code === 'custom' ? parsed.error.issues[0].message : raw.trim() ? 'validation.format' : 'validation.required';
    }
    if (Object.keys(fields).length > 0) throw new AppError('validation_failed', { fields });

    const changes: AnswerChange[] = Object.entries(corrected)
      .filter(([field, value]) => app.answers[field] !== value)
      .map(([field, value]) => ({ field, old: app.answers[field] ?? null, new: value }));
    if (changes.length === 0) return changes;

    const answers = { ...app.answers, ...corrected };
    const expiryCorrected = changes.some((c) => c.field === 'permit_expires_on');
    const permitExpiresOn = answers.permit_expires_on ?? null;
    await tx
      .update(applications)
      .set({
        answers,
        ...(expiryCorrected && app.filedAt
          ? { currentPermitExpiresOn: permitExpiresOn, filedOnTime: procedure.kind === 'renewal' && permitExpiresOn ? isOnTime(permitExpiresOn, parisDate(app.filedAt)) : null }
          : {}),
        version: app.version + 1,
        updatedAt: now,
      })
      .where(eq(applications.id, app.id));
    const [amendment] = await tx
      .insert(amendments)
      .values({ applicationId: app.id, at: now, kind: 'answers_corrected', data: { changes } })
      .returning({ id: amendments.id });
    await appendAudit(tx, meta.actor, now, {
      action: 'application.answers_corrected',
      subjectType: 'application',
      subjectId: app.id,
      data: { amendmentId: amendment!.id, fields: changes.map((c) => c.field) },
    });
    const addressCorrected = changes.some((c) => ['address_line', 'postcode', 'town'].includes(c.field));
    if (addressCorrected && declaresMove(procedure, answers)) await applyDeclaredAddress(tx, { applicantId, applicationId: app.id, answers, at: now }, meta);
    return changes;
  });
}
