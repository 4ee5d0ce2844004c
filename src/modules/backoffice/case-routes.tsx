import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentSession, requireRole } from '../../platform/http/guards';
import { parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import { areaRoles } from './agent-roles';
import { loadCaseFile } from './load-case-file';
import { officeRoles } from './office-access';
import { CasePage, type CasePageProps } from './views/case-page';
import { requestMeta } from '../accounts/request-meta';
import { openThread } from '../messaging/open-thread';
import { MessageThreadPanel } from '../messaging/views/thread-panel';
import { loadHandover } from '../appointments/load-handover';
import { AppointmentPanel } from '../appointments/views/appointment-panel';
import { ticketsForFile } from '../support/office/tickets-for-prefecture';
import { FileTicketsPanel } from '../support/views/file-tickets-panel';

export type IdRequest = { Params: { id: string } };

/** Renders the case view (with a refusal or a form's problem when given), as the signed-in agent may see it. */
export async function showCase(
  services: Services,
  req: FastifyRequest<IdRequest>,
  reply: FastifyReply,
  extra: Pick<CasePageProps, 'refusalKey' | 'note' | 'assignErrorKey'> = {},
  status = 200,
) {
  const user = currentSession(req).user;
  const now = services.clock.now();
  const file = await loadCaseFile(services.db, services.i18n, user, req.params.id, now);
  // The thread and the requests for help are shown only to the roles that write to people (desk agents read the file, not its correspondence).
  const writesToPeople = (areaRoles.messages as readonly string[]).includes(user.role);
  const thread = writesToPeople
    ? <MessageThreadPanel view={await openThread(services, { side: 'office', actor: requestMeta(req).actor }, file.app.id)} returnTo={`/bureau/dossiers/${file.app.id}`} />
    : undefined;
  const handover = file.app.decision === 'favourable' ? <AppointmentPanel app={file.app} handover={await loadHandover(services.db, file.app.id)} /> : undefined;
  const fileTickets = writesToPeople ? await ticketsForFile(services.db, file.app.id, file.app.prefectureCode!) : [];
  const tickets = fileTickets.length > 0 ? <FileTicketsPanel tickets={fileTickets} now={now} /> : undefined;
  return reply.page(
    <CasePage file={file} today={parisDate(now)} viewer={{ id: user.id, role: user.role }} canExamine={(officeRoles.examine as readonly string[]).includes(user.role)} thread={thread} handover={handover} tickets={tickets} {...extra} />,
    status,
  );
}

/** `/bureau/dossiers/:id`: the case view. Desk agents read it; the examining roles act on it. */
export async function caseRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<IdRequest>('/bureau/dossiers/:id', { preHandler: requireRole(areaRoles.office) }, (req, reply) => showCase(services, req, reply));
}
