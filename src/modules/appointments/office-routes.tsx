import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { profiles, users } from '../../db/schema';
import { isAppError } from '../../platform/errors';
import { parseForm } from '../../platform/http/forms';
import { requireRole } from '../../platform/http/guards';
import { isCalendarDate, parisDate } from '../../platform/legal-dates';
import type { FieldErrors, FormValues } from '../../web/components/forms';
import type { Services } from '../../services';
import { requestMeta } from '../accounts/request-meta';
import { recordCardDelivered } from '../attestations/record-card-delivered';
import { areaRoles } from '../backoffice/agent-roles';
import { officeRoles } from '../backoffice/office-access';
import { fileForActor, loadOfficeAgent } from '../backoffice/office-access';
import { inviteToBook } from './invite-to-book';
import { dayAppointments, loadHandover, upcomingDays } from './load-handover';
import { openSlots } from './open-slots';
import { openSlotsForm } from './schemas';
import { DeskDayPage } from './views/desk-day-page';
import { FileHandoverPage } from './views/file-handover-page';

type IdParams = { Params: { id: string } };
type DayQuery = { Querystring: { jour?: string } };

/** The office's side of card hand-overs: the desk's day, opening slots, one file's hand-over. */
export async function officeAppointmentRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const office = { preHandler: requireRole(areaRoles.office) };
  const desk = { preHandler: requireRole(areaRoles.appointments) };
  const today = () => parisDate(services.clock.now());

  async function deskPage(req: Parameters<typeof requestMeta>[0], day: string, form: { values?: FormValues; errors?: FieldErrors } = {}) {
    const agent = await loadOfficeAgent(services.db, requestMeta(req).actor, areaRoles.office);
    const [appointments, upcoming] = await Promise.all([dayAppointments(services.db, agent.prefectureCode, day), upcomingDays(services.db, agent.prefectureCode, services.clock.now(), today())]);
    return (
      <DeskDayPage
        day={day}
        today={today()}
        appointments={appointments}
        upcoming={upcoming}
        mayOpenSlots={(areaRoles.appointments as readonly string[]).includes(agent.role)}
        values={form.values}
        errors={form.errors}
      />
    );
  }

  app.get<DayQuery>('/bureau/rendez-vous', office, async (req, reply) => {
    const day = req.query.jour && isCalendarDate(req.query.jour) ? req.query.jour : today();
    return reply.page(await deskPage(req, day));
  });

  app.post('/bureau/rendez-vous/creneaux', desk, async (req, reply) => {
    const form = parseForm(openSlotsForm, req.body);
    if (!form.ok) return reply.page(await deskPage(req, today(), form), 400);
    try {
      const { opened } = await openSlots(services, form.data, requestMeta(req));
      return reply.seeOther(`/bureau/rendez-vous?jour=${form.data.day}`, opened > 0 ? 'appointments.flash.opened' : 'appointments.flash.none_opened');
    } catch (err) {
      if (!isAppError(err) || !err.options.fields) throw err;
      const errors: FieldErrors = Object.fromEntries(Object.entries(err.options.fields).map(([f, key]) => [f, { key }]));
      return reply.page(await deskPage(req, today(), { values: form.values, errors }), err.status);
    }
  });

  async function filePage(req: Parameters<typeof requestMeta>[0], id: string, formError?: string) {
    const file = await fileForActor(services.db, id, requestMeta(req).actor, officeRoles.handOver, { lock: false });
    const [[person], handover] = await Promise.all([
      services.db
        .select({ email: users.email, surname: profiles.surnameLatin, surnameOwn: profiles.surname, givenNames: profiles.givenNamesLatin, givenNamesOwn: profiles.givenNames })
        .from(users)
        .leftJoin(profiles, eq(profiles.userId, users.id))
        .where(eq(users.id, file.applicantId)),
      loadHandover(services.db, file.id),
    ]);
    const personName = [person?.givenNames ?? person?.givenNamesOwn, (person?.surname ?? person?.surnameOwn)?.toUpperCase()].filter(Boolean).join(' ');
    return <FileHandoverPage app={file} personName={personName} hasEmail={Boolean(person?.email)} handover={handover} formError={formError} />;
  }

  app.get<IdParams>('/bureau/dossiers/:id/rendez-vous', office, async (req, reply) => reply.page(await filePage(req, req.params.id)));

  app.post<IdParams>('/bureau/dossiers/:id/rendez-vous/inviter', office, async (req, reply) => {
    try {
      await inviteToBook(services, req.params.id, requestMeta(req));
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return reply.page(await filePage(req, req.params.id, req.t(err.options.fields?._form ?? 'errors.conflict.message')), 409);
      throw err;
    }
    return reply.seeOther(`/bureau/dossiers/${req.params.id}/rendez-vous`, 'appointments.flash.invited');
  });

  app.post<IdParams>('/bureau/dossiers/:id/rendez-vous/remise', office, async (req, reply) => {
    const day = (req.body as Record<string, unknown> | undefined)?.jour;
    try {
      await recordCardDelivered(services, req.params.id, requestMeta(req).actor);
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return reply.page(await filePage(req, req.params.id, req.t('appointments.errors.not_granted')), 409);
      throw err;
    }
    const back = typeof day === 'string' && isCalendarDate(day) ? `/bureau/rendez-vous?jour=${day}` : `/bureau/dossiers/${req.params.id}/rendez-vous`;
    return reply.seeOther(back, 'appointments.flash.delivered');
  });
}
