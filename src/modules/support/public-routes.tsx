import type { FastifyInstance } from 'fastify';
import { isAppError } from '../../platform/errors';
import { parseForm } from '../../platform/http/forms';
import { safeReturnPath } from '../../platform/http/request-context';
import type { Services } from '../../services';
import { requestMeta } from '../accounts/request-meta';
import { contactCodeForm } from '../accounts/contact/schemas';
import { emailField } from '../accounts/schemas';
import { z } from 'zod';
import { confirmAssistedEmailChangeWithCode, confirmAssistedEmailChangeWithLink, isEmailTakenError, pendingAssistedChangeByLink } from './assisted/confirm-assisted-email-change';
import { openTicket } from './open-ticket';
import { resendFollowLink } from './resend-follow-link';
import { problemReportForm, resendLinkForm } from './schemas';
import { platformStatus } from './status/platform-status';
import { formProblem } from './form-problem';
import {
  AssistedCodePage,
  AssistedDonePage,
  AssistedRefusedPage,
  ConfirmAssistedLinkPage,
  FollowLookupPage,
  FollowLookupSentPage,
  ReportProblemPage,
} from './views/public-pages';
import { StatusPage } from './views/status-page';

type TokenParams = { Params: { token: string } };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The page a report is about: a local path only (never a URL to elsewhere), or null. Secrets in
 * it (the follow link of a request, the token of a confirmation link: long random runs) are
 * blanked: the report is read by agents, who must not be handed a person's link.
 */
const reportedPage = (value: unknown): string | null => safeReturnPath(value, '').replace(/[A-Za-z0-9_-]{40,}/g, '[secret]') || null;
const reportedRequestId = (value: unknown): string | null => (typeof value === 'string' && UUID.test(value) ? value : null);

const assistedCodeForm = z.object({ email: emailField }).and(contactCodeForm);

/** Lost follow link, "report a problem", the assisted change of address, and the public status page. */
export async function publicSupportRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/aide/suivi', async (_req, reply) => reply.page(<FollowLookupPage />));
  app.post('/aide/suivi', async (req, reply) => {
    const form = parseForm(resendLinkForm, req.body);
    if (!form.ok) return reply.page(<FollowLookupPage values={form.values} errors={form.errors} />, 400);
    try {
      await resendFollowLink(services, form.data, requestMeta(req));
    } catch (err) {
      const p = formProblem(req, reply, err);
      return reply.page(<FollowLookupPage values={form.values} errors={p.errors} formError={p.formError} />, p.status);
    }
    return reply.page(<FollowLookupSentPage />);
  });

  // "Report a problem", from the footer of every page.
  app.get<{ Querystring: { retour?: string; requete?: string } }>('/signaler-un-probleme', async (req, reply) =>
    reply.page(<ReportProblemPage page={reportedPage(req.query.retour) ?? '/'} requestId={reportedRequestId(req.query.requete)} signedIn={req.session !== null} />),
  );
  app.post('/signaler-un-probleme', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const page = reportedPage(body.retour);
    const requestId = reportedRequestId(body.requete);
    const show = (status: number, values: Record<string, string>, errors = {}, formError?: string) =>
      reply.page(<ReportProblemPage page={page ?? '/'} requestId={requestId} signedIn={req.session !== null} values={values} errors={errors} formError={formError} />, status);
    const form = parseForm(problemReportForm, req.body);
    if (!form.ok) return show(400, form.values, form.errors);
    let opened;
    try {
      opened = await openTicket(
        services,
        req.session?.user.id ?? null,
        {
          category: 'bug_report',
          subject: page ?? '/',
          description: form.data.description,
          contactEmail: form.data.contactEmail,
          report: { page, requestId, userAgent: req.headers['user-agent'] ?? null },
        },
        requestMeta(req),
      );
    } catch (err) {
      const p = formProblem(req, reply, err);
      return show(p.status, form.values, p.errors, p.formError);
    }
    if (opened.followToken) return reply.seeOther(`/aide/suivi/${opened.followToken}`, 'support.flash.reported');
    return reply.seeOther(`/compte/demandes/${opened.reference}`, 'support.flash.reported');
  });

  // The change of address a support agent started: confirmed from the new mailbox.
  app.get('/aide/nouvelle-adresse', async (_req, reply) => reply.page(<AssistedCodePage />));
  app.post('/aide/nouvelle-adresse', async (req, reply) => {
    const form = parseForm(assistedCodeForm, req.body);
    if (!form.ok) return reply.page(<AssistedCodePage values={form.values} errors={form.errors} />, 400);
    try {
      await confirmAssistedEmailChangeWithCode(services, form.data, requestMeta(req));
    } catch (err) {
      if (isEmailTakenError(err)) return reply.page(<AssistedRefusedPage messageKey="support.assisted.email_taken" />, 409);
      const p = formProblem(req, reply, err);
      return reply.page(<AssistedCodePage values={form.values} errors={p.errors} formError={p.formError} />, p.status);
    }
    return reply.seeOther('/aide/nouvelle-adresse/confirmee');
  });
  app.get('/aide/nouvelle-adresse/confirmee', async (_req, reply) => reply.page(<AssistedDonePage />));
  app.get<TokenParams>('/aide/nouvelle-adresse/:token', async (req, reply) => {
    const email = await pendingAssistedChangeByLink(services, req.params.token);
    if (!email) return reply.page(<AssistedRefusedPage messageKey="support.assisted.link_invalid" />, 400);
    return reply.page(<ConfirmAssistedLinkPage token={req.params.token} newEmail={email} />);
  });
  app.post<TokenParams>('/aide/nouvelle-adresse/:token', async (req, reply) => {
    try {
      await confirmAssistedEmailChangeWithLink(services, req.params.token, requestMeta(req));
    } catch (err) {
      if (isEmailTakenError(err)) return reply.page(<AssistedRefusedPage messageKey="support.assisted.email_taken" />, 409);
      if (isAppError(err) && err.code === 'invalid_code') return reply.page(<AssistedRefusedPage messageKey="support.assisted.link_invalid" />, 400);
      throw err;
    }
    return reply.seeOther('/aide/nouvelle-adresse/confirmee');
  });

  app.get('/statut', async (_req, reply) => reply.page(<StatusPage status={await platformStatus(services)} />));
}
