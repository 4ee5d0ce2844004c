import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { incidents, incidentUpdates } from '../../db/schema';
import { AppError } from '../../platform/errors';
import { parseForm } from '../../platform/http/forms';
import { requireRole } from '../../platform/http/guards';
import type { Services } from '../../services';
import { requestMeta } from '../accounts/request-meta';
import { declareIncident } from './status/declare-incident';
import { incidentRoles } from './status/incident-access';
import { declareIncidentForm, updateIncidentForm } from './status/incident-schemas';
import { platformStatus, type Incident } from './status/platform-status';
import { updateIncident } from './status/update-incident';
import { formProblem } from './form-problem';
import { IncidentPage, IncidentsPage, type IncidentProblem } from './views/incidents-page';

type IdParams = { Params: { id: string } };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `/support/incidents`: support agents and administrators declare, update and close the incidents shown on `/statut`. */
export async function incidentRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const guard = { preHandler: requireRole(incidentRoles) };
  const openIncidents = async () => (await platformStatus(services)).openIncidents ?? [];

  async function loadIncident(id: string): Promise<Incident> {
    if (!UUID.test(id)) throw new AppError('not_found');
    const [row] = await services.db.select().from(incidents).where(eq(incidents.id, id));
    if (!row) throw new AppError('not_found');
    return { ...row, updates: await services.db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, id)).orderBy(incidentUpdates.at) };
  }

  app.get('/support/incidents', guard, async (_req, reply) => reply.page(<IncidentsPage open={await openIncidents()} />));
  app.post('/support/incidents', guard, async (req, reply) => {
    const show = async (problem: IncidentProblem, status: number) => reply.page(<IncidentsPage open={await openIncidents()} problem={problem} />, status);
    const form = parseForm(declareIncidentForm, req.body);
    if (!form.ok) return show({ errors: form.errors, values: form.values }, 400);
    try {
      await declareIncident(services, { title: form.data.title, component: form.data.component, impact: form.data.impact, message: form.data.firstMessage }, requestMeta(req));
    } catch (err) {
      const p = formProblem(req, reply, err);
      return show({ errors: p.errors, values: form.values, formError: p.formError }, p.status);
    }
    return reply.seeOther('/support/incidents', 'support.flash.incident_declared');
  });

  app.get<IdParams>('/support/incidents/:id', guard, async (req, reply) => reply.page(<IncidentPage incident={await loadIncident(req.params.id)} />));
  app.post<IdParams>('/support/incidents/:id', guard, async (req, reply) => {
    const incident = await loadIncident(req.params.id);
    const form = parseForm(updateIncidentForm, req.body);
    if (!form.ok) return reply.page(<IncidentPage incident={incident} problem={{ errors: form.errors, values: form.values }} />, 400);
    try {
      await updateIncident(services, incident.id, form.data, requestMeta(req));
    } catch (err) {
      const p = formProblem(req, reply, err);
      return reply.page(<IncidentPage incident={incident} problem={{ errors: p.errors, values: form.values, formError: p.formError }} />, p.status);
    }
    return reply.seeOther('/support/incidents', form.data.status === 'resolved' ? 'support.flash.incident_resolved' : 'support.flash.incident_updated');
  });
}
