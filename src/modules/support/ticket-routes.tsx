import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { desc, eq } from 'drizzle-orm';
import { applications, prefectures, supportTickets } from '../../db/schema';
import { AppError, isAppError } from '../../platform/errors';
import { formProblem } from './form-problem';
import { parseForm } from '../../platform/http/forms';
import { currentSession, requireUser } from '../../platform/http/guards';
import type { Services } from '../../services';
import type { FieldErrors, FormValues } from '../../web/components/forms';
import { requestMeta } from '../accounts/request-meta';
import { readFieldsBeforeFile, readPendingUpload, registerMultipart } from '../documents/multipart-upload';
import { procedureTitle } from '../applications/views/labels';
import { openTicket } from './open-ticket';
import { ticketForPerson, ticketThread, type PersonAccess } from './person-access';
import { replyAsPerson } from './reply-as-person';
import { accountTicketForm, MAX_MESSAGE_LENGTH, publicTicketForm, replyForm } from './schemas';
import type { IncomingFile } from './ticket-attachment';
import { HelpPage } from './views/help-page';
import { MyTicketsPage, PersonTicketPage, type PersonTicketView } from './views/person-ticket-page';

type TokenParams = { Params: { token: string } };
type ReferenceParams = { Params: { reference: string } };

/** The form's text fields: a message of `MAX_MESSAGE_LENGTH` characters may take 4 bytes each. */
const fieldLimits = { fields: 16, fieldSize: MAX_MESSAGE_LENGTH * 4 + 100 };

/** The uploaded file, if one was chosen (an empty file part is a form sent without one). */
async function optionalFile(req: FastifyRequest): Promise<IncomingFile | null> {
  const file = await readPendingUpload(req);
  if (!file || (file.fileName === '' && file.bytes.length === 0)) return null;
  return file;
}

/** The person's files, to choose the one a request is about. */
async function fileChoices(services: Services, req: FastifyRequest) {
  const rows = await services.db
    .select({ id: applications.id, reference: applications.reference, procedureId: applications.procedureId })
    .from(applications)
    .where(eq(applications.applicantId, currentSession(req).user.id))
    .orderBy(desc(applications.createdAt))
    .limit(50);
  return rows.map((r) => ({ id: r.id, label: `${r.reference ?? req.t('support.form.draft')} — ${procedureTitle(r.procedureId, req.t)}` }));
}

async function personView(services: Services, access: PersonAccess): Promise<PersonTicketView> {
  const ticket = await ticketForPerson(services.db, access);
  const { messages, attachments } = await ticketThread(services.db, ticket.id);
  const [office] = ticket.prefectureCode ? await services.db.select({ name: prefectures.name }).from(prefectures).where(eq(prefectures.code, ticket.prefectureCode)) : [];
  return { ticket, messages, attachments, officeName: office?.name ?? null, now: services.clock.now() };
}

/**
 * Opening a request for help and following it: `/aide` for everyone, the follow link for a
 * person who was not signed in, `/compte/demandes` for one who was. Forms are multipart (an
 * optional file); the anti-forgery token is checked before the file is read.
 */
export async function ticketRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await registerMultipart(app, fieldLimits);
  const upload = { preValidation: readFieldsBeforeFile };

  app.get('/aide', async (req, reply) => reply.page(<HelpPage files={req.session ? await fileChoices(services, req) : null} />));

  app.post('/aide', upload, async (req, reply) => {
    const signedIn = req.session !== null;
    const files = signedIn ? await fileChoices(services, req) : null;
    const show = (status: number, values: FormValues, errors: FieldErrors, formError?: string) => reply.page(<HelpPage files={files} values={values} errors={errors} formError={formError} />, status);
    let file: IncomingFile | null;
    try {
      // Read first (within the size limit): a refusal sent while the browser is still uploading can reach it as a reset connection.
      file = await optionalFile(req);
    } catch (err) {
      const p = formProblem(req, reply, err);
      return show(p.status, parseForm(publicTicketForm, req.body).values, p.errors, p.formError);
    }
    const form = signedIn ? parseForm(accountTicketForm, req.body) : parseForm(publicTicketForm, req.body);
    if (!form.ok) return show(400, form.values, form.errors);
    let opened;
    try {
      opened = await openTicket(services, req.session?.user.id ?? null, { ...form.data, attachment: file }, requestMeta(req));
    } catch (err) {
      const p = formProblem(req, reply, err);
      return show(p.status, form.values, p.errors, p.formError);
    }
    if (opened.followToken) return reply.seeOther(`/aide/suivi/${opened.followToken}`, 'support.flash.opened_link');
    return reply.seeOther(`/compte/demandes/${opened.reference}`, 'support.flash.opened');
  });

  // The follow link: the secret in the address is the only key.
  app.get<TokenParams>('/aide/suivi/:token', async (req, reply) => {
    const access: PersonAccess = { kind: 'link', token: req.params.token };
    return reply.page(<PersonTicketPage view={await personView(services, access)} replyAction={`/aide/suivi/${req.params.token}/reponse`} viaLink />);
  });
  app.post<TokenParams>('/aide/suivi/:token/reponse', upload, async (req, reply) => {
    const access: PersonAccess = { kind: 'link', token: req.params.token };
    return replyRoute(req, reply, access, `/aide/suivi/${req.params.token}`, true);
  });

  app.get('/compte/demandes', { preHandler: requireUser }, async (req, reply) => {
    const rows = await services.db
      .select()
      .from(supportTickets)
      .where(eq(supportTickets.requesterId, currentSession(req).user.id))
      .orderBy(desc(supportTickets.createdAt))
      .limit(100);
    return reply.page(<MyTicketsPage tickets={rows} now={services.clock.now()} />);
  });
  app.get<ReferenceParams>('/compte/demandes/:reference', { preHandler: requireUser }, async (req, reply) => {
    const access: PersonAccess = { kind: 'account', userId: currentSession(req).user.id, reference: req.params.reference };
    const view = await personView(services, access);
    return reply.page(<PersonTicketPage view={view} replyAction={`/compte/demandes/${view.ticket.reference}/reponse`} viaLink={false} />);
  });
  app.post<ReferenceParams>('/compte/demandes/:reference/reponse', { onRequest: requireUser, ...upload }, async (req, reply) => {
    const access: PersonAccess = { kind: 'account', userId: currentSession(req).user.id, reference: req.params.reference };
    const view = await personView(services, access);
    return replyRoute(req, reply, access, `/compte/demandes/${view.ticket.reference}`, false);
  });

  async function replyRoute(req: FastifyRequest, reply: FastifyReply, access: PersonAccess, back: string, viaLink: boolean) {
    // Reached before the file is read: a wrong link answers "not found" without storing anything.
    const view = await personView(services, access);
    const show = (status: number, values: FormValues, errors: FieldErrors, formError?: string) =>
      reply.page(<PersonTicketPage view={view} replyAction={`${back}/reponse`} viaLink={viaLink} values={values} errors={errors} formError={formError} />, status);
    let file: IncomingFile | null;
    try {
      file = await optionalFile(req);
    } catch (err) {
      const p = formProblem(req, reply, err);
      return show(p.status, parseForm(replyForm, req.body).values, p.errors, p.formError);
    }
    const form = parseForm(replyForm, req.body);
    if (!form.ok) return show(400, form.values, form.errors);
    try {
      await replyAsPerson(services, access, { body: form.data.body, attachment: file }, requestMeta(req));
    } catch (err) {
      if (isAppError(err) && err.code === 'not_found') throw err;
      const p = formProblem(req, reply, err);
      return show(p.status, form.values, p.errors, p.formError);
    }
    return reply.seeOther(`${back}#fil-titre`, 'support.flash.replied');
  }

  // A form refused without JavaScript leaves its action in the address bar: lead back to the page.
  app.get<TokenParams>('/aide/suivi/:token/reponse', async (req, reply) => {
    if (!/^[A-Za-z0-9_-]{40,60}$/.test(req.params.token)) throw new AppError('not_found');
    return reply.seeOther(`/aide/suivi/${req.params.token}`);
  });
}
