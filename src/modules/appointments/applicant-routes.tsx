import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { prefectures } from '../../db/schema';
import { isAppError } from '../../platform/errors';
import { parseForm } from '../../platform/http/forms';
import { currentSession, requireUser } from '../../platform/http/guards';
import { parisDate } from '../../platform/legal-dates';
import type { FieldErrors } from '../../web/components/forms';
import type { Services } from '../../services';
import { requestMeta } from '../accounts/request-meta';
import { ownApplication } from '../applications/policy';
import { bookSlot } from './book-slot';
import { availableSlots, loadHandover } from './load-handover';
import { bookForm } from './schemas';
import { BookingPage } from './views/booking-page';

type IdParams = { Params: { id: string } };

/** The person's side: book or move the hand-over appointment of their own file. */
export async function applicantAppointmentRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const guard = { preHandler: requireUser };

  async function page(req: FastifyRequest<IdParams>, reply: FastifyReply, problem: { errors?: FieldErrors; formError?: string } = {}, status = 200) {
    const file = await ownApplication(services.db, currentSession(req).user.id, req.params.id);
    const now = services.clock.now();
    const [handover, slots, [prefecture]] = await Promise.all([
      loadHandover(services.db, file.id),
      file.prefectureCode ? availableSlots(services.db, file.prefectureCode, now, parisDate(now)) : Promise.resolve([]),
      file.prefectureCode ? services.db.select({ name: prefectures.name }).from(prefectures).where(eq(prefectures.code, file.prefectureCode)) : Promise.resolve([]),
    ]);
    return reply.page(<BookingPage app={file} prefectureName={prefecture?.name ?? null} handover={handover} slots={slots} errors={problem.errors} formError={problem.formError} />, status);
  }

  app.get<IdParams>('/demarches/:id/rendez-vous', guard, async (req, reply) => page(req, reply));

  app.post<IdParams>('/demarches/:id/rendez-vous', guard, async (req, reply) => {
    const form = parseForm(bookForm, req.body);
    if (!form.ok) return page(req, reply, { errors: form.errors }, 400);
    let result;
    try {
      result = await bookSlot(services, currentSession(req).user.id, { applicationId: req.params.id, slotId: form.data.slotId }, requestMeta(req));
    } catch (err) {
      if (!isAppError(err) || err.code !== 'conflict') throw err;
      const fields = err.options.fields ?? {};
      if (fields._form) return page(req, reply, { formError: req.t(fields._form) }, 409);
      return page(req, reply, { errors: Object.fromEntries(Object.entries(fields).map(([f, key]) => [f, { key }])) }, 409);
    }
    const flash = !result.changed ? undefined : result.rescheduled ? 'appointments.flash.rescheduled' : 'appointments.flash.booked';
    return reply.seeOther(`/demarches/${req.params.id}/rendez-vous`, flash);
  });
}
