import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { prefectures } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { parseForm } from '../../platform/http/forms';
import { requireRole } from '../../platform/http/guards';
import type { Services } from '../../services';
import type { FieldErrors, FormValues } from '../../web/components/forms';
import { areaRoles } from '../backoffice/agent-roles';
import { requestMeta } from '../accounts/request-meta';
import { sendStoredFile } from '../documents/send-stored-file';
import { answerTicket } from './answer-ticket';
import { officeAgentPrefecture, ticketForOffice } from './office/office-ticket-access';
import { ticketsForPrefecture } from './office/tickets-for-prefecture';
import { attachmentOf, ticketThread } from './person-access';
import { agentReplyForm } from './schemas';
import { formProblem } from './form-problem';
import { OfficeTicketPage, OfficeTicketsPage } from './views/office-pages';

type ReferenceParams = { Params: { reference: string } };

/**
 * `/bureau/signalements`: the requests for help routed to the agent's prefecture, and answering
 * them, for the roles that answer people (`areaRoles.messages`, as for a file's thread). Another
 * prefecture's request, or another role, answers "not found". (The queue and case view of `/bureau`
 * belong to `modules/backoffice`; its case view embeds `FileTicketsPanel`.)
 */
export async function officeTicketRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const guard = { preHandler: requireRole(areaRoles.messages) };
  const prefectureName = async (code: string) => (await services.db.select({ name: prefectures.name }).from(prefectures).where(eq(prefectures.code, code)))[0]?.name ?? code;

  app.get('/bureau/signalements', guard, async (req, reply) => {
    const code = await officeAgentPrefecture(services.db, requestMeta(req).actor);
    return reply.page(<OfficeTicketsPage prefectureName={await prefectureName(code)} tickets={await ticketsForPrefecture(services.db, code)} now={services.clock.now()} />);
  });

  async function showTicket(req: FastifyRequest<ReferenceParams>, reply: FastifyReply, state: { values?: FormValues; errors?: FieldErrors; formError?: string | undefined } = {}, status = 200) {
    const ticket = await ticketForOffice(services.db, requestMeta(req).actor, req.params.reference);
    const { messages, attachments } = await ticketThread(services.db, ticket.id);
    return reply.page(
      <OfficeTicketPage ticket={ticket} messages={messages} attachments={attachments} prefectureName={await prefectureName(ticket.prefectureCode!)} now={services.clock.now()} {...state} />,
      status,
    );
  }

  app.get<ReferenceParams>('/bureau/signalements/:reference', guard, async (req, reply) => showTicket(req, reply));

  app.post<ReferenceParams>('/bureau/signalements/:reference/reponse', guard, async (req, reply) => {
    const ticket = await ticketForOffice(services.db, requestMeta(req).actor, req.params.reference);
    const form = parseForm(agentReplyForm, req.body);
    if (!form.ok) return showTicket(req, reply, { values: form.values, errors: form.errors }, 400);
    try {
      await answerTicket(services, 'office', ticket.reference, form.data, requestMeta(req));
    } catch (err) {
      const p = formProblem(req, reply, err);
      return showTicket(req, reply, { values: form.values, errors: p.errors, formError: p.formError }, p.status);
    }
    return reply.seeOther(`/bureau/signalements/${ticket.reference}`, 'support.flash.answered');
  });
  app.get<ReferenceParams>('/bureau/signalements/:reference/reponse', guard, async (req, reply) => {
    const ticket = await ticketForOffice(services.db, requestMeta(req).actor, req.params.reference);
    return reply.seeOther(`/bureau/signalements/${ticket.reference}`);
  });

  app.get<{ Params: { reference: string; attachmentId: string } }>('/bureau/signalements/:reference/pieces-jointes/:attachmentId', guard, async (req, reply) => {
    const meta = requestMeta(req);
    const ticket = await ticketForOffice(services.db, meta.actor, req.params.reference);
    const attachment = await attachmentOf(services.db, ticket.id, req.params.attachmentId);
    await services.transact((tx) =>
      appendAudit(tx, meta.actor, services.clock.now(), { action: 'support.attachment_viewed', subjectType: 'support_ticket', subjectId: ticket.id, data: { reference: ticket.reference, attachmentId: attachment.id } }),
    );
    return sendStoredFile(reply, services.storage, attachment);
  });
}
