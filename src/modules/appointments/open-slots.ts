import { appointmentSlots } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { CalendarDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { areaRoles } from '../backoffice/agent-roles';
import { loadOfficeAgent } from '../backoffice/office-access';
import { parisInstant } from './paris-time';
import { slotStarts } from './slot-series';

export interface OpenSlotsInput {
  day: CalendarDate;
  /** Minutes after midnight, Paris time. */
  from: number;
  /** End of the series; null for a single slot. */
  to: number | null;
  every: number;
  capacity: number;
}

/**
 * Opens hand-over slots at the agent's own prefecture: one, or a series every `every` minutes
 * between two times of a day. A slot already open at the same time is left as it is (the form
 * sent twice opens nothing twice). Past times are refused.
 */
export async function openSlots(services: Services, input: OpenSlotsInput, meta: RequestMeta): Promise<{ opened: number }> {
  const series = slotStarts(input.from, input.to, input.every);
  if (!series.ok) throw new AppError('validation_failed', { fields: { [series.problem.field]: series.problem.key } });
  return services.transact(async (tx) => {
    const agent = await loadOfficeAgent(tx, meta.actor, areaRoles.appointments);
    const now = services.clock.now();
    const starts = series.starts.map((m) => parisInstant(input.day, m));
    if (starts[0]! <= now) throw new AppError('validation_failed', { fields: { day: 'appointments.errors.in_the_past' } });
    const created = await tx
      .insert(appointmentSlots)
      .values(starts.map((startsAt) => ({ prefectureCode: agent.prefectureCode, startsAt, durationMinutes: input.every, capacity: input.capacity, createdBy: agent.id, createdAt: now })))
      .onConflictDoNothing()
      .returning({ id: appointmentSlots.id });
    await appendAudit(tx, meta.actor, now, {
      action: 'appointments.slots_opened',
      subjectType: 'prefecture',
      subjectId: agent.prefectureCode,
      data: { day: input.day, from: input.from, to: input.to, every: input.every, capacity: input.capacity, opened: created.length },
    });
    return { opened: created.length };
  });
}
