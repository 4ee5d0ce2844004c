import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { appointmentSlots, cardHandovers } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { ownApplication } from '../applications/policy';
import { notifyHandover } from './notify-handover';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const refused = (key: string, logMessage: string) => new AppError('conflict', { fields: { slotId: key }, logMessage });

/**
 * The person books the hand-over of their card in a slot of their file's prefecture, or moves
 * their booking to another slot. In one transaction:
 *
 * - the file row is locked first, so two bookings of one file (two tabs) run one after the other;
 * - then the old and the new slot rows, in id order, so two people swapping slots cannot deadlock;
 * - the new slot's count goes up only if it is still under capacity and still in the future
 *   (checked again in the UPDATE itself, on the locked row), the old one's goes down.
 *
 * So however many people book at once, a slot never holds more than its capacity, and a
 * reschedule frees the old place in the same commit that takes the new one.
 */
export async function bookSlot(services: Services, applicantId: string, input: { applicationId: string; slotId: string }, meta: RequestMeta): Promise<{ rescheduled: boolean; changed: boolean }> {
  if (!UUID.test(input.slotId)) throw refused('appointments.errors.choose_slot', 'malformed slot id');
  return services.transact(async (tx) => {
    const app = await ownApplication(tx, applicantId, input.applicationId, { forUpdate: true });
    const [handover] = await tx.select().from(cardHandovers).where(eq(cardHandovers.applicationId, app.id)).for('update');
    if (!handover || app.status !== 'decided' || app.decision !== 'favourable') throw new AppError('conflict', { fields: { _form: 'appointments.errors.not_invited' }, logMessage: `no hand-over to book in ${app.status}` });
    if (handover.slotId === input.slotId) return { rescheduled: false, changed: false };

    const ids = handover.slotId ? [handover.slotId, input.slotId] : [input.slotId];
    const locked = await tx.select().from(appointmentSlots).where(inArray(appointmentSlots.id, ids)).orderBy(asc(appointmentSlots.id)).for('update');
    const slot = locked.find((s) => s.id === input.slotId);
    const now = services.clock.now();
    if (!slot || slot.prefectureCode !== app.prefectureCode) throw refused('appointments.errors.choose_slot', 'slot of another prefecture or unknown');
    if (slot.startsAt <= now) throw refused('appointments.errors.slot_past', 'slot in the past');
    const taken = await tx
      .update(appointmentSlots)
      .set({ booked: sql`${appointmentSlots.booked} + 1` })
      .where(and(eq(appointmentSlots.id, slot.id), lt(appointmentSlots.booked, appointmentSlots.capacity), sql`${appointmentSlots.startsAt} > ${now.toISOString()}`))
      .returning({ id: appointmentSlots.id });
    if (taken.length === 0) throw refused('appointments.errors.slot_full', 'slot full');
    const previous = handover.slotId ? locked.find((s) => s.id === handover.slotId) : undefined;
    if (previous) await tx.update(appointmentSlots).set({ booked: sql`${appointmentSlots.booked} - 1` }).where(eq(appointmentSlots.id, previous.id));
    await tx.update(cardHandovers).set({ slotId: slot.id, bookedAt: now }).where(eq(cardHandovers.applicationId, app.id));
    const rescheduled = Boolean(previous);
    await appendAudit(tx, meta.actor, now, {
      action: rescheduled ? 'application.handover_rescheduled' : 'application.handover_booked',
      subjectType: 'application',
      subjectId: app.id,
      data: { slotId: slot.id, startsAt: slot.startsAt, previousSlotId: previous?.id ?? null },
    });
    await notifyHandover(tx, services, app, rescheduled ? 'rescheduled' : 'booked', slot);
    return { rescheduled, changed: true };
  });
}
