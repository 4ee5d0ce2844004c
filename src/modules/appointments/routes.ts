import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { applicantAppointmentRoutes } from './applicant-routes';
import { officeAppointmentRoutes } from './office-routes';

/** Card hand-over appointments (*remise du titre*): the office's desk and the person's booking. */
export async function appointmentRoutes(app: FastifyInstance, opts: { services: Services }) {
  await app.register(officeAppointmentRoutes, opts);
  await app.register(applicantAppointmentRoutes, opts);
}
