import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { enqueueManyAfterCommit } from '../../platform/jobs';
import { isAppError } from '../../platform/errors';
import { formValues } from '../../platform/http/forms';
import { currentSession, requireRole, requireUser } from '../../platform/http/guards';
import { safeReturnPath } from '../../platform/http/request-context';
import { parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import type { FieldErrors } from '../../web/components/forms';
import { requestMeta } from '../accounts/request-meta';
import { areaRoles } from '../backoffice/agent-roles';
import { readFieldsBeforeFile, readPendingUpload, registerMultipart } from '../documents/multipart-upload';
import { sendStoredFile } from '../documents/send-stored-file';
import { refusalParams } from '../documents/views/refusal';
import { MAX_MESSAGE_LENGTH } from './message-text';
import { officeThreads, OFFICE_THREADS_LIMIT } from './office-threads';
import { attachmentForParticipant, openThread } from './open-thread';
import type { Participant } from './policy';
import { postMessage } from './post-message';
import { CHECK_REPLY_DEADLINE_JOB } from './jobs';
import { ApplicantThreadPage, OfficeThreadPage } from './views/thread-pages';
import { OfficeThreadsPage } from './views/office-threads-page';
import { threadPaths } from './views/thread-panel';

type IdRequest = { Params: { id: string } };
type AttachmentRequest = { Params: { id: string; attachmentId: string } };

/** A message's text in UTF-8 can take 4 bytes a character; the multipart field limit follows. */
const MESSAGE_FIELD_BYTES = MAX_MESSAGE_LENGTH * 4 + 1024;

/** The number the text refusals quote (the file refusals quote theirs, `refusalParams`). */
const messageParams = { max: MAX_MESSAGE_LENGTH };

/** A refusal as the form shows it; anything else (not found, an outage) goes on to the error handler. */
function formErrorsOf(err: unknown): { status: number; errors: FieldErrors } {
  if (!isAppError(err) || err.code === 'not_found' || err.code === 'unauthenticated') throw err;
  if (err.code === 'rate_limited' && !err.options.fields) return { status: err.status, errors: { file: { key: 'documents.errors.too_many_uploads' } } };
  const fields = err.options.fields ?? { body: `errors.${err.code}.message` };
  // A file refused for its size names the limit in megabytes; the text's limit is in characters.
  return { status: err.status, errors: Object.fromEntries(Object.entries(fields).map(([f, key]) => [f, { key, params: f === 'file' ? refusalParams : messageParams }])) };
}

/**
 * Message threads: the applicant's side under `/demarches/:id/messages`, the office's under
 * `/bureau/dossiers/:id/messages` and the prefecture's list at `/bureau/messages`. Forms are
 * multipart (an attachment may come with the text); the session and the role are checked before
 * the body is read, the anti-forgery token before the file is.
 */
export async function messagingRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await registerMultipart(app, { fieldSize: MESSAGE_FIELD_BYTES });
  const asApplicant = (req: FastifyRequest): Participant => ({ side: 'applicant', actor: requestMeta(req).actor });
  const asOffice = (req: FastifyRequest): Participant => ({ side: 'office', actor: requestMeta(req).actor });
  const officeGuard = requireRole(areaRoles.messages);

  /** The case view embeds the thread and sends its form here: going back there is allowed, nowhere else. */
  const returnPath = (who: Participant, applicationId: string, raw: unknown) => {
    const page = threadPaths(who.side, applicationId).page;
    const wanted = safeReturnPath(raw, page);
    return who.side === 'office' && wanted === `/bureau/dossiers/${applicationId}` ? wanted : page;
  };

  async function send(req: FastifyRequest<IdRequest>, reply: FastifyReply, who: Participant) {
    const body = (req.body ?? {}) as Record<string, string>;
    const id = req.params.id;
    try {
      const file = await readPendingUpload(req);
      const hasFile = !!file && !(file.fileName === '' && file.bytes.length === 0);
      const posted = await postMessage(services, who, id, { body: body.body ?? '', idempotencyKey: body.key ?? '', file: hasFile ? file : null });
      return reply.seeOther(`${returnPath(who, id, body.retour)}#message-${posted.messageId}`, posted.duplicate ? 'messaging.flash.already_sent' : 'messaging.flash.sent');
    } catch (err) {
      const { status, errors } = formErrorsOf(err);
      const view = await openThread(services, who, id);
      const values = formValues(body);
      const Page = who.side === 'applicant' ? ApplicantThreadPage : OfficeThreadPage;
      return reply.page(<Page view={view} errors={errors} values={values} />, status);
    }
  }

  // The applicant's side.
  app.get<IdRequest>('/demarches/:id/messages', { preHandler: requireUser }, async (req, reply) =>
    reply.page(<ApplicantThreadPage view={await openThread(services, asApplicant(req), req.params.id)} />),
  );
  app.post<IdRequest>('/demarches/:id/messages', { onRequest: requireUser, preValidation: readFieldsBeforeFile }, (req, reply) => send(req, reply, asApplicant(req)));
  app.get<AttachmentRequest>('/demarches/:id/messages/pieces-jointes/:attachmentId', { preHandler: requireUser }, async (req, reply) =>
    sendStoredFile(reply, services.storage, await attachmentForParticipant(services, asApplicant(req), req.params.id, req.params.attachmentId)),
  );

  // The office's side.
  app.get('/bureau/messages', { preHandler: officeGuard }, async (req, reply) => {
    const prefectureCode = currentSession(req).user.prefectureCode;
    const today = parisDate(services.clock.now());
    const threads = prefectureCode ? await officeThreads(services.db, prefectureCode, today) : [];
    // Event-driven check: a missed deadline seen here before the daily sweep is escalated now.
    const unescalated = threads.filter((th) => th.overdue && !th.escalatedAt);
    if (unescalated.length > 0) {
      await services.transact((tx) =>
        enqueueManyAfterCommit(
          tx,
          services.clock.now(),
          unescalated.map((th) => ({ name: CHECK_REPLY_DEADLINE_JOB, payload: { threadId: th.threadId } })),
        ),
      );
    }
    return reply.page(<OfficeThreadsPage threads={threads} overdueCount={threads.filter((th) => th.overdue).length} limit={OFFICE_THREADS_LIMIT} />);
  });
  app.get<IdRequest>('/bureau/dossiers/:id/messages', { preHandler: officeGuard }, async (req, reply) =>
    reply.page(<OfficeThreadPage view={await openThread(services, asOffice(req), req.params.id)} />),
  );
  app.post<IdRequest>('/bureau/dossiers/:id/messages', { onRequest: officeGuard, preValidation: readFieldsBeforeFile }, (req, reply) => send(req, reply, asOffice(req)));
  app.get<AttachmentRequest>('/bureau/dossiers/:id/messages/pieces-jointes/:attachmentId', { preHandler: officeGuard }, async (req, reply) =>
    sendStoredFile(reply, services.storage, await attachmentForParticipant(services, asOffice(req), req.params.id, req.params.attachmentId)),
  );
}
