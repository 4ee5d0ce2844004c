import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../../platform/errors';
import { currentSession, requireRole } from '../../../platform/http/guards';
import { parisDate } from '../../../platform/legal-dates';
import type { FieldErrors } from '../../../web/components/forms';
import type { Services } from '../../../services';
import { requestMeta } from '../../accounts/request-meta';
import { areaRoles } from '../agent-roles';
import { refusalKey } from '../refusals';
import { backlogCsv, loadBacklogExport } from './backlog-export';
import { loadDashboard, reassignFilter } from './load-dashboard';
import { MAX_REASSIGNED_FILES, reassignFiles } from './reassign-files';
import { DashboardPage } from './views/dashboard-page';
import type { ReassignForm } from './views/workloads-section';

const PATH = '/bureau/tableau-de-bord';

type Body = Record<string, unknown>;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** The reassignment form's body: the ticked files (a repeated field) and the officer. Only the shape is read here. */
function reassignForm(raw: unknown): ReassignForm & { from: string } {
  const b = (raw && typeof raw === 'object' ? raw : {}) as Body;
  // One more than allowed still reaches the use case, which refuses it with its message.
  return { files: strings(b.files).slice(0, MAX_REASSIGNED_FILES + 1).map((s) => s.slice(0, 64)), officer: strings(b.officer)[0]?.slice(0, 64) ?? '', from: strings(b.from)[0]?.slice(0, 64) ?? '' };
}

/**
 * `/bureau/tableau-de-bord` and what it offers, for the head of office of the prefecture in the
 * session (anyone else: "not found"): the page, the backlog as CSV, the reassignment of files.
 */
export async function dashboardRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const head = { preHandler: requireRole(areaRoles.headOfOffice) };

  function prefectureOf(req: FastifyRequest): string {
    const user = currentSession(req).user;
    if (!user.prefectureCode) throw new AppError('not_found', { logMessage: `agent ${user.id} has no prefecture` });
    return user.prefectureCode;
  }

  async function show(req: FastifyRequest, reply: FastifyReply, query: unknown, extra: { errors?: FieldErrors; refusalKey?: string; form?: ReassignForm } = {}, status = 200) {
    const now = services.clock.now();
    const dashboard = await loadDashboard(services.db, prefectureOf(req), currentSession(req).user.id, now, parisDate(now), reassignFilter.parse(query ?? {}));
    return reply.page(<DashboardPage dashboard={dashboard} {...extra} />, status);
  }

  app.get(PATH, head, async (req, reply) => show(req, reply, req.query));

  app.get(`${PATH}/export.csv`, head, async (req, reply) => {
    const prefectureCode = prefectureOf(req);
    const rows = await loadBacklogExport(services.db, prefectureCode);
    const name = `dossiers-${prefectureCode}-${parisDate(services.clock.now())}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(backlogCsv(rows, req.t));
  });

  app.post(`${PATH}/reattribution`, head, async (req, reply) => {
    const form = reassignForm(req.body);
    const query = form.from ? { from: form.from } : {};
    try {
      await reassignFiles(services, requestMeta(req).actor, { applicationIds: form.files, officerId: form.officer });
    } catch (err) {
      if (!isAppError(err)) throw err;
      if (err.code === 'validation_failed') {
        const errors: FieldErrors = Object.fromEntries(Object.entries(err.options.fields ?? {}).map(([f, key]) => [f, { key }]));
        return show(req, reply, query, { errors, form }, 400);
      }
      // A decided file among those ticked: nothing moved, and the page says why.
      if (err.code === 'conflict') return show(req, reply, query, { refusalKey: refusalKey(err), form }, 409);
      throw err;
    }
    const from = reassignFilter.parse(query).from;
    return reply.seeOther(from ? `${PATH}?from=${encodeURIComponent(from)}#reassign` : `${PATH}#reassign`, 'backoffice.flash.reassigned');
  });
}
