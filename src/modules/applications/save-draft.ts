import { eq } from 'drizzle-orm';
import { applications } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { departementOfPostcode } from '../../db/seed/prefectures';
import { findProcedure } from '../procedures/catalogue';
import { knownFields } from './fields';
import { ownApplication } from './policy';

/** Longest value kept for one answer: generous for any real field, bounded for junk. */
const MAX_ANSWER_LENGTH = 1000;

/**
 * Saves what the person typed on one step of a draft, *as typed*, valid or not: nothing is ever
 * lost to a validation error. Checking happens at each step's display and at filing.
 * Unknown fields and non-string values are dropped.
 */
export async function saveDraft(services: Services, applicantId: string, applicationId: string, input: Record<string, unknown>, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const app = await ownApplication(tx, applicantId, applicationId, { forUpdate: true });
    if (app.status !== 'draft') throw new AppError('conflict', { logMessage: 'draft already filed' });
    const procedure = findProcedure(app.procedureId)!;
    const allowed = knownFields(procedure);
    const changes: Record<string, string> = {};
    for (const [key, raw] of Object.entries(input)) {
      if (!allowed.has(key)) continue;
      const value = Array.isArray(raw) ? raw[0] : raw;
      if (typeof value !== 'string') continue;
      const trimmed = value.slice(0, MAX_ANSWER_LENGTH);
      if (app.answers[key] !== trimmed) changes[key] = trimmed;
    }
    if (Object.keys(changes).length === 0) return;
    const answers = { ...app.answers, ...changes };
    const now = services.clock.now();
    const prefectureCode = changes.postcode !== undefined ? departementOfPostcode(changes.postcode.replace(/\s+/g, '')) : app.prefectureCode;
    await tx
      .update(applications)
      .set({ answers, prefectureCode, version: app.version + 1, updatedAt: now })
      .where(eq(applications.id, app.id));
    await appendAudit(tx, meta.actor, now, { action: 'application.draft_saved', subjectType: 'application', subjectId: app.id, data: { fields: Object.keys(changes).sort() } });
  });
}

/** Records the fee reference and e-photo code, as typed; checked at filing. */
export async function saveFeeAndPhoto(services: Services, applicantId: string, applicationId: string, input: { timbre: string; ephoto: string }, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const app = await ownApplication(tx, applicantId, applicationId, { forUpdate: true });
    if (app.status !== 'draft') throw new AppError('conflict');
    const timbre = input.timbre.slice(0, 40);
    const ephoto = input.ephoto.slice(0, 40);
    if (timbre === (app.timbreReference ?? '') && ephoto === (app.ephotoCode ?? '')) return;
    const now = services.clock.now();
    await tx
      .update(applications)
      .set({ timbreReference: timbre, ephotoCode: ephoto, version: app.version + 1, updatedAt: now })
      .where(eq(applications.id, app.id));
    await appendAudit(tx, meta.actor, now, { action: 'application.draft_saved', subjectType: 'application', subjectId: app.id, data: { fields: ['ephoto', 'timbre'] } });
  });
}
