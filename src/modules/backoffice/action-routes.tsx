import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError } from '../../platform/errors';
import { formValues } from '../../platform/http/forms';
import { currentSession, requireRole } from '../../platform/http/guards';
import type { FieldErrors } from '../../web/components/forms';
import type { Services } from '../../services';
import { requestMeta } from '../accounts/request-meta';
import { blockApri } from '../attestations/block-apri';
import { liftApriBlock } from '../attestations/lift-apri-block';
import { markComplete } from '../attestations/mark-complete';
import { addOfficeNote } from './add-office-note';
import { areaRoles } from './agent-roles';
import { assignFile } from './assign-file';
import { showCase, type IdRequest } from './case-routes';
import { decideApplication } from './decide-application';
import { markAmendmentsSeen } from './mark-amendments-seen';
import { findFileForAgent, officeRoles } from './office-access';
import { decisionForm, decisionValues, documentRequestForm } from './office-forms';
import { refusalKey } from './refusals';
import { requestDocuments } from './request-documents';
import { ApriBlockPage, DecisionPage, RequestDocumentsPage } from './views/action-pages';

const fieldErrors = (err: AppError): FieldErrors => Object.fromEntries(Object.entries(err.options.fields ?? {}).filter(([f]) => f !== '_form').map(([f, key]) => [f, { key }]));

/**
 * The actions on a file: one route, one use case each. A refused transition shows the case
 * view again with the reason (409); a form's problems show the form again with what was typed
 * (400). Anything else (not found, session expired) goes to the error handler.
 */
export async function actionRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const examine = { preHandler: requireRole(officeRoles.examine) };
  const office = { preHandler: requireRole(areaRoles.office) };
  const back = (id: string) => `/bureau/dossiers/${id}`;
  const actor = (req: FastifyRequest) => requestMeta(req).actor;

  /** A refusal of the action itself (409) on the case view; field problems are for the forms. */
  async function refused(req: FastifyRequest<IdRequest>, reply: FastifyReply, err: unknown) {
    if (!isAppError(err) || err.code !== 'conflict') throw err;
    return showCase(services, req, reply, { refusalKey: refusalKey(err) }, 409);
  }

  app.post<IdRequest>('/bureau/dossiers/:id/attribution', examine, async (req, reply) => {
    const raw = formValues(req.body).officer ?? '';
    const officerId = raw === '' ? null : raw;
    try {
      if (officerId !== null && !z.uuid().safeParse(officerId).success) throw new AppError('validation_failed', { fields: { officer: 'backoffice.errors.officer_unknown' } });
      await assignFile(services, req.params.id, actor(req), officerId);
    } catch (err) {
      if (isAppError(err) && err.code === 'validation_failed') return showCase(services, req, reply, { assignErrorKey: err.options.fields?.officer }, 400);
      return refused(req, reply, err);
    }
    return reply.seeOther(back(req.params.id), 'backoffice.flash.assigned');
  });

  app.post<IdRequest>('/bureau/dossiers/:id/complet', examine, async (req, reply) => {
    try {
      await markComplete(services, req.params.id, actor(req));
    } catch (err) {
      return refused(req, reply, err);
    }
    return reply.seeOther(back(req.params.id), 'backoffice.flash.completed');
  });

  app.post<IdRequest>('/bureau/dossiers/:id/notes', office, async (req, reply) => {
    const note = formValues(req.body).note ?? '';
    try {
      await addOfficeNote(services, req.params.id, actor(req), note);
    } catch (err) {
      if (isAppError(err) && err.code === 'validation_failed') return showCase(services, req, reply, { note: { value: note, errorKey: err.options.fields?.note } }, 400);
      throw err;
    }
    return reply.seeOther(`${back(req.params.id)}#case-notes`, 'backoffice.flash.note_added');
  });

  app.post<IdRequest>('/bureau/dossiers/:id/modifications-vues', office, async (req, reply) => {
    const upTo = new Date(formValues(req.body).upTo ?? '');
    await markAmendmentsSeen(services, req.params.id, actor(req), Number.isNaN(upTo.getTime()) ? services.clock.now() : upTo);
    return reply.seeOther(`${back(req.params.id)}#case-amendments`, 'backoffice.flash.amendments_seen');
  });

  // The forms that need a page of their own: the file is read first (another prefecture's: not found).
  const formPage = (render: (props: Parameters<typeof RequestDocumentsPage>[0]) => preact.VNode) => async (req: FastifyRequest<IdRequest>, reply: FastifyReply) => {
    const file = await findFileForAgent(services.db, req.params.id, currentSession(req).user, officeRoles.examine);
    return reply.page(render({ app: file }));
  };
  /** Posts one of those forms; a refusal shows the same form with its messages. */
  const formPost =
    (render: (props: Parameters<typeof RequestDocumentsPage>[0]) => preact.VNode, run: (req: FastifyRequest<IdRequest>) => Promise<unknown>, flash: string, values = formValues) =>
    async (req: FastifyRequest<IdRequest>, reply: FastifyReply) => {
      try {
        await run(req);
      } catch (err) {
        if (!isAppError(err) || (err.code !== 'validation_failed' && err.code !== 'conflict')) throw err;
        const file = await findFileForAgent(services.db, req.params.id, currentSession(req).user, officeRoles.examine);
        // A refused transition is said at the top; a conflict about one field (an APRI block already active) by that field.
        const refusal = err.code === 'conflict' && (!err.options.fields || err.options.fields._form) ? refusalKey(err) : undefined;
        return reply.page(render({ app: file, values: values(req.body), errors: fieldErrors(err), refusalKey: refusal }), err.status);
      }
      return reply.seeOther(back(req.params.id), flash);
    };

  const requestPage = (p: Parameters<typeof RequestDocumentsPage>[0]) => <RequestDocumentsPage {...p} />;
  app.get<IdRequest>('/bureau/dossiers/:id/demande-pieces', examine, formPage(requestPage));
  app.post<IdRequest>('/bureau/dossiers/:id/demande-pieces', examine, formPost(requestPage, (req) => requestDocuments(services, req.params.id, actor(req), documentRequestForm(req.body)), 'backoffice.flash.documents_requested'));

  const decisionPage = (p: Parameters<typeof DecisionPage>[0]) => <DecisionPage {...p} />;
  app.get<IdRequest>('/bureau/dossiers/:id/decision', examine, formPage(decisionPage));
  app.post<IdRequest>(
    '/bureau/dossiers/:id/decision',
    examine,
    formPost(
      decisionPage,
      async (req) => {
        const input = decisionForm(req.body);
        if (!input) throw new AppError('validation_failed', { fields: { outcome: 'backoffice.errors.outcome_required' } });
        return decideApplication(services, req.params.id, actor(req), input);
      },
      'backoffice.flash.decided',
      decisionValues,
    ),
  );

  const blockPage = (p: Parameters<typeof ApriBlockPage>[0]) => <ApriBlockPage {...p} />;
  app.get<IdRequest>('/bureau/dossiers/:id/blocage-apri', examine, formPage(blockPage));
  app.post<IdRequest>(
    '/bureau/dossiers/:id/blocage-apri',
    examine,
    formPost(
      blockPage,
      (req) => {
        const v = formValues(req.body);
        return blockApri(services, req.params.id, actor(req), v.ground ?? '', v.explanation ?? '');
      },
      'backoffice.flash.apri_blocked',
    ),
  );
  app.post<IdRequest>('/bureau/dossiers/:id/blocage-apri/levee', examine, async (req, reply) => {
    try {
      await liftApriBlock(services, req.params.id, actor(req));
    } catch (err) {
      return refused(req, reply, err);
    }
    return reply.seeOther(back(req.params.id), 'backoffice.flash.apri_block_lifted');
  });
}
