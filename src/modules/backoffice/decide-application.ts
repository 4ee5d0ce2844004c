import { eq } from 'drizzle-orm';
import { decisions, prefectures, profiles, users } from '../../db/schema';
import type { Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import { applyDecision } from '../attestations/record-decision';
import { cleanAgentText } from './office-audit';
import { lockFileForAgent, officeRoles } from './office-access';
import { DECISION_EXPLANATION_MAX, DECISION_EXPLANATION_MIN, isRefusalGround } from './refusal-grounds';
import { refusal, transitionRefusal } from './refusals';

export interface DecisionInput {
  outcome: 'favourable' | 'unfavourable';
  /** Grounds from `refusal-grounds.ts`, for an unfavourable decision. */
  grounds: string[];
  /** The facts, in the officer's words: required for a refusal, optional otherwise. */
  explanation: string;
  withOqtf: boolean;
}

function validate(input: DecisionInput): DecisionInput {
  const explanation = cleanAgentText(input.explanation);
  const fields: Record<string, string> = {};
  if (input.outcome === 'unfavourable') {
    const grounds = [...new Set(input.grounds)];
    if (grounds.length === 0 || !grounds.every(isRefusalGround)) fields.grounds = 'backoffice.errors.grounds_required';
    if (explanation.length < DECISION_EXPLANATION_MIN || explanation.length > DECISION_EXPLANATION_MAX) fields.explanation = 'backoffice.errors.decision_explanation';
    if (Object.keys(fields).length > 0) throw new AppError('validation_failed', { fields });
    return { outcome: 'unfavourable', grounds, explanation, withOqtf: input.withOqtf };
  }
  if (explanation.length > DECISION_EXPLANATION_MAX) throw new AppError('validation_failed', { fields: { explanation: 'backoffice.errors.decision_explanation' } });
  return { outcome: 'favourable', grounds: [], explanation, withOqtf: false };
}

/**
 * Decides a file under review, in one transaction: the decision (favourable → the ADF is owed
 * at once, through `applyDecision`), its reasons and appeal routes fixed in a `decisions` row
 * the letter is printed from, the audit event, the person's e-mail.
 *
 * The file row is locked first, so concurrent decisions queue: the first decides, the next
 * finds it decided — the same outcome again is a double submit and returns the same decision;
 * another outcome is refused. The unique index on `decisions.application_id` is the last guard.
 * A withdrawn file cannot be decided (the person ended the procedure).
 */
export async function decideApplication(services: Services, applicationId: string, agent: Actor, raw: DecisionInput): Promise<{ decisionId: string; created: boolean }> {
  const input = validate(raw);
  return services.transact(async (tx) => {
    const app = await lockFileForAgent(tx, applicationId, agent, officeRoles.examine);
    if (app.status === 'withdrawn') throw refusal('withdrawn', `application ${app.id} was withdrawn`);
    if (app.decision) {
      const [existing] = await tx.select({ id: decisions.id, outcome: decisions.outcome }).from(decisions).where(eq(decisions.applicationId, app.id));
      if (existing && existing.outcome === input.outcome) return { decisionId: existing.id, created: false };
      throw refusal('already_decided_otherwise', `application ${app.id} already decided ${app.decision}`);
    }
    // Checked before anything is written, so that the decision row below never meets a refusal.
    if (app.status !== 'under_review') throw transitionRefusal(app.status, 'decide');
    const now = services.clock.now();
    const [prefecture] = await tx.select({ name: prefectures.name }).from(prefectures).where(eq(prefectures.code, app.prefectureCode!));
    const [person] = await tx
      .select({ surname: profiles.surnameLatin, surnameOwn: profiles.surname, given: profiles.givenNamesLatin, givenOwn: profiles.givenNames })
      .from(users)
      .leftJoin(profiles, eq(profiles.userId, users.id))
      .where(eq(users.id, app.applicantId));
    const surname = app.answers.surname || person?.surname || person?.surnameOwn || '';
    const given = app.answers.given_names || person?.given || person?.givenOwn || '';
    const [row] = await tx
      .insert(decisions)
      .values({
        applicationId: app.id,
        prefectureCode: app.prefectureCode!,
        agentId: agent.id!,
        outcome: input.outcome,
        grounds: input.grounds,
        explanation: input.explanation,
        withOqtf: input.withOqtf,
        letter: { reference: app.reference!, procedureId: app.procedureId, prefectureName: prefecture!.name, applicantName: `${surname.toUpperCase()} ${given}`.trim(), filedAt: app.filedAt!.toISOString() },
        decidedAt: now,
      })
      .returning({ id: decisions.id });
    await applyDecision(tx, services, app, input.outcome === 'favourable', agent, { decisionId: row!.id, grounds: input.grounds, withOqtf: input.withOqtf, office: app.prefectureCode });
    // The person is told by `applyDecision` (notification `decision`, every channel).
    return { decisionId: row!.id, created: true };
  });
}
