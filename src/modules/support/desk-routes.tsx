import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { prefectures } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { parseForm, type ParsedForm } from '../../platform/http/forms';
import { requireRole } from '../../platform/http/guards';
import type { Services } from '../../services';
import { areaRoles } from '../backoffice/agent-roles';
import { requestMeta, type RequestMeta } from '../accounts/request-meta';
import { sendStoredFile } from '../documents/send-stored-file';
import { answerTicket } from './answer-ticket';
import { assignTicketToMe } from './desk/assign-ticket';
import { changeEmailForPerson } from './desk/change-email-for-person';
import { changeTicketStatus } from './desk/change-ticket-status';
import { identityCheckForm } from './desk/identity-check-rules';
import { linkAccount } from './desk/link-account';
import { recordIdentityCheck } from './desk/record-identity-check';
import { resendConfirmation } from './desk/resend-confirmation';
import { routeToPrefecture } from './desk/route-to-prefecture';
import { supportQueue, queueViews, type QueueView } from './desk/support-queue';
import { ticketForSupport } from './desk/support-access';
import { supportCase } from './desk/ticket-case';
import { unlockAccount } from './desk/unlock-account';
import { listFileDocumentsForSupport, openFileDocumentForSupport } from './desk/view-file-documents';
import { agentReplyForm, changeEmailForPersonForm, linkAccountForm, resendConfirmationForm, routeForm, statusForm, unlockForm } from './schemas';
import { attachmentOf } from './person-access';
import { formProblem } from './form-problem';
import { DeskDocumentsPage } from './views/desk-documents-page';
import { DeskQueuePage } from './views/desk-queue-page';
import { DeskTicketPage, type DeskForm, type DeskProblem } from './views/desk-ticket-page';

type ReferenceParams = { Params: { reference: string } };

/** One action of the case page: its form, and the use case it runs with the parsed values. */
interface DeskAction<S extends z.ZodType> {
  path: string;
  form: DeskForm;
  schema: S;
  run: (services: Services, reference: string, data: z.infer<S>, meta: RequestMeta) => Promise<unknown>;
  /** The message after it, which may depend on the result. */
  flash: (result: unknown) => string;
}

/** The same, its types erased once checked, so that actions of different forms fit one table. */
interface DeskActionRoute {
  path: string;
  form: DeskForm;
  parse: (body: unknown) => ParsedForm<unknown>;
  run: (services: Services, reference: string, data: unknown, meta: RequestMeta) => Promise<unknown>;
  flash: (result: unknown) => string;
}

const action = <S extends z.ZodType>(a: DeskAction<S>): DeskActionRoute => ({
  path: a.path,
  form: a.form,
  parse: (body) => parseForm(a.schema, body),
  run: (services, reference, data, meta) => a.run(services, reference, data as z.infer<S>, meta),
  flash: a.flash,
});

/** Every action of the case page, as a table: a new one is a line here. */
const deskActions: DeskActionRoute[] = [
  action({ path: 'prendre', form: 'status', schema: z.object({}), run: (s, r, _d, m) => assignTicketToMe(s, r, m), flash: () => 'support.flash.assigned' }),
  action({ path: 'reponse', form: 'reply', schema: agentReplyForm, run: (s, r, d, m) => answerTicket(s, 'support', r, { body: d.body, then: d.then }, m), flash: () => 'support.flash.answered' }),
  action({ path: 'statut', form: 'status', schema: statusForm, run: (s, r, d, m) => changeTicketStatus(s, r, d.status, m), flash: () => 'support.flash.status_changed' }),
  action({
    path: 'identite',
    form: 'identity',
    schema: identityCheckForm,
    run: (s, r, d, m) =>
      recordIdentityCheck(
        s,
        r,
        {
          answers: { birth_date: d.birth_date, foreigner_number: d.foreigner_number, file_reference: d.file_reference, postcode: d.postcode, permit_number: d.permit_number },
          documentKind: d.documentKind === 'none' ? null : d.documentKind,
          documentAttachmentId: d.documentAttachmentId || undefined,
          reason: d.identityReason,
        },
        m,
      ),
    flash: (result) => ((result as { outcome: string }).outcome === 'passed' ? 'support.flash.identity_passed' : 'support.flash.identity_failed'),
  }),
  action({ path: 'e-mail', form: 'email', schema: changeEmailForPersonForm, run: (s, r, d, m) => changeEmailForPerson(s, r, { newEmail: d.newEmail, reason: d.emailReason }, m), flash: () => 'support.flash.email_change_started' }),
  action({ path: 'confirmation', form: 'confirmation', schema: resendConfirmationForm, run: (s, r, d, m) => resendConfirmation(s, r, { reason: d.confirmationReason }, m), flash: () => 'support.flash.confirmation_resent' }),
  action({ path: 'deverrouiller', form: 'unlock', schema: unlockForm, run: (s, r, d, m) => unlockAccount(s, r, { reason: d.unlockReason }, m), flash: () => 'support.flash.unlocked' }),
  action({ path: 'compte', form: 'link', schema: linkAccountForm, run: (s, r, d, m) => linkAccount(s, r, { accountEmail: d.accountEmail, reason: d.linkReason }, m), flash: () => 'support.flash.account_linked' }),
  action({ path: 'orienter', form: 'route', schema: routeForm, run: (s, r, d, m) => routeToPrefecture(s, r, { prefectureCode: d.prefectureCode, reason: d.routeReason }, m), flash: () => 'support.flash.routed' }),
];

const isQueueView = (v: unknown): v is QueueView => typeof v === 'string' && (queueViews as readonly string[]).includes(v);

/** The national contact centre (`/support`): the queue, a request's case page, and its actions under audit. */
export async function deskRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const guard = { preHandler: requireRole(areaRoles.support) };
  const allPrefectures = () => services.db.select({ code: prefectures.code, name: prefectures.name }).from(prefectures).orderBy(asc(prefectures.code));

  async function showCase(req: FastifyRequest<ReferenceParams>, reply: FastifyReply, problem?: DeskProblem, status = 200) {
    const now = services.clock.now();
    const view = await supportCase(services.db, requestMeta(req).actor, req.params.reference, now);
    return reply.page(<DeskTicketPage view={view} now={now} problem={problem} prefectures={await allPrefectures()} />, status);
  }

  app.get<{ Querystring: { vue?: string } }>('/support', guard, async (req, reply) => {
    const view = isQueueView(req.query.vue) ? req.query.vue : 'todo';
    const rows = await supportQueue(services.db, view, requestMeta(req).actor.id!);
    return reply.page(<DeskQueuePage view={view} rows={rows} now={services.clock.now()} />);
  });

  app.get<ReferenceParams>('/support/demandes/:reference', guard, async (req, reply) => showCase(req, reply));

  for (const a of deskActions) {
    app.post<ReferenceParams>(`/support/demandes/:reference/${a.path}`, guard, async (req, reply) => {
      // Reached first: a wrong reference is "not found", whatever the form says.
      const ticket = await ticketForSupport(services.db, requestMeta(req).actor, req.params.reference);
      const form = a.parse(req.body);
      if (!form.ok) return showCase(req, reply, { form: a.form, errors: form.errors, values: form.values }, 400);
      let result: unknown;
      try {
        result = await a.run(services, ticket.reference, form.data, requestMeta(req));
      } catch (err) {
        const p = formProblem(req, reply, err);
        return showCase(req, reply, { form: a.form, errors: p.errors, values: form.values, formError: p.formError }, p.status);
      }
      return reply.seeOther(`/support/demandes/${ticket.reference}`, a.flash(result));
    });
  }
  // A form refused without JavaScript leaves its action in the address bar: lead back to the case.
  app.get<{ Params: { reference: string; action: string } }>('/support/demandes/:reference/:action', guard, async (req, reply) => {
    const ticket = await ticketForSupport(services.db, requestMeta(req).actor, req.params.reference);
    if (!deskActions.some((a) => a.path === req.params.action)) throw new AppError('not_found');
    return reply.seeOther(`/support/demandes/${ticket.reference}`);
  });

  // The file's documents, under the policy of `desk/file-documents-policy.ts`; every view audited.
  app.get<ReferenceParams>('/support/demandes/:reference/pieces', guard, async (req, reply) => {
    const listed = await listFileDocumentsForSupport(services, req.params.reference, requestMeta(req));
    return reply.page(<DeskDocumentsPage reference={listed.reference} documents={listed.documents} />);
  });
  app.get<{ Params: { reference: string; documentId: string } }>('/support/demandes/:reference/pieces/:documentId', guard, async (req, reply) => {
    const doc = await openFileDocumentForSupport(services, req.params.reference, req.params.documentId, requestMeta(req));
    return sendStoredFile(reply, services.storage, doc);
  });

  // Files the person sent with the request (an identity document, a screenshot): audited too.
  app.get<{ Params: { reference: string; attachmentId: string } }>('/support/demandes/:reference/pieces-jointes/:attachmentId', guard, async (req, reply) => {
    const meta = requestMeta(req);
    const ticket = await ticketForSupport(services.db, meta.actor, req.params.reference);
    const attachment = await attachmentOf(services.db, ticket.id, req.params.attachmentId);
    await services.transact((tx) =>
      appendAudit(tx, meta.actor, services.clock.now(), { action: 'support.attachment_viewed', subjectType: 'support_ticket', subjectId: ticket.id, data: { reference: ticket.reference, attachmentId: attachment.id } }),
    );
    return sendStoredFile(reply, services.storage, attachment);
  });
}
