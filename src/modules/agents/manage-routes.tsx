import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { asc } from 'drizzle-orm';
import { prefectures, type Role } from '../../db/schema';
import { isAppError } from '../../platform/errors';
import { parseForm } from '../../platform/http/forms';
import { requireRole } from '../../platform/http/guards';
import type { FieldErrors, FormValues } from '../../web/components/forms';
import type { Services } from '../../services';
import { requestMeta } from '../accounts/request-meta';
import { resendInvitation, revokeInvitation } from './change-invitation';
import { setAgentActive } from './deactivate-agent';
import { inviteAgent } from './invite-agent';
import { listAgents } from './list-agents';
import { invitableRoles, loadManager } from './manage-policy';
import { inviteForm } from './schemas';
import { AgentsPage } from './views/agents-page';

type IdParams = { Params: { id: string } };

/**
 * The pages that manage agent accounts, mounted at `base` for the managers `roles` names:
 * `/administration/agents` for the administrator, `/bureau/equipe` for a head of office. The
 * same use cases serve both; `manage-policy.ts` decides what each may do.
 */
export function manageRoutes(base: string, roles: readonly Role[]) {
  return async function routes(app: FastifyInstance, { services }: { services: Services }) {
    const guard = { preHandler: requireRole(roles) };

    async function showPage(req: FastifyRequest, reply: FastifyReply, form: { values?: FormValues; errors?: FieldErrors } = {}, status = 200) {
      const manager = await loadManager(services.db, requestMeta(req).actor);
      const query = req.query as Record<string, unknown>;
      const filter = manager.role === 'admin' && typeof query.prefecture === 'string' && /^[0-9AB]{2,3}$/.test(query.prefecture) ? query.prefecture : null;
      const [list, allPrefectures] = await Promise.all([
        listAgents(services.db, manager, filter),
        manager.role === 'admin' ? services.db.select({ code: prefectures.code, name: prefectures.name }).from(prefectures).orderBy(asc(prefectures.code)) : Promise.resolve([]),
      ]);
      return reply.page(
        <AgentsPage
          base={base}
          manager={manager}
          roles={invitableRoles(manager)}
          prefectures={allPrefectures}
          filter={filter}
          agents={list.agents}
          invitations={list.invitations}
          now={services.clock.now()}
          values={form.values}
          errors={form.errors}
        />,
        status,
      );
    }

    app.get(base, guard, async (req, reply) => showPage(req, reply));

    app.post(`${base}/invitations`, guard, async (req, reply) => {
      const form = parseForm(inviteForm, req.body);
      if (!form.ok) return showPage(req, reply, form, 400);
      try {
        await inviteAgent(services, form.data, requestMeta(req));
      } catch (err) {
        if (!isAppError(err) || !err.options.fields) throw err;
        const errors: FieldErrors = Object.fromEntries(Object.entries(err.options.fields).map(([field, key]) => [field, { key }]));
        return showPage(req, reply, { values: form.values, errors }, err.status);
      }
      return reply.seeOther(base, 'agents.flash.invited');
    });

    /** A row's action: the list again with a message; a conflict (already accepted…) says so there. */
    async function rowAction(req: FastifyRequest, reply: FastifyReply, action: () => Promise<void>, flash: string) {
      try {
        await action();
      } catch (err) {
        if (isAppError(err) && err.code === 'conflict') return reply.seeOther(base, 'agents.flash.not_possible');
        throw err;
      }
      return reply.seeOther(base, flash);
    }

    app.post<IdParams>(`${base}/invitations/:id/renvoyer`, guard, async (req, reply) =>
      rowAction(req, reply, () => resendInvitation(services, req.params.id, requestMeta(req)), 'agents.flash.resent'),
    );
    app.post<IdParams>(`${base}/invitations/:id/retirer`, guard, async (req, reply) =>
      rowAction(req, reply, () => revokeInvitation(services, req.params.id, requestMeta(req)), 'agents.flash.revoked'),
    );
    app.post<IdParams>(`${base}/:id/desactiver`, guard, async (req, reply) =>
      rowAction(req, reply, () => setAgentActive(services, { agentId: req.params.id, active: false }, requestMeta(req)), 'agents.flash.deactivated'),
    );
    app.post<IdParams>(`${base}/:id/reactiver`, guard, async (req, reply) =>
      rowAction(req, reply, () => setAgentActive(services, { agentId: req.params.id, active: true }, requestMeta(req)), 'agents.flash.reactivated'),
    );
  };
}
